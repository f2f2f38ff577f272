"""Privacy routes (French paths: they show in the address bar)."""

from django.urls import path

from colibri.privacy import views

urlpatterns = [
    path("confidentialite/", views.privacy_page, name="privacy"),
    path("code-source/", views.source_code, name="source_code"),
    path("comptes/<int:pk>/exporter/", views.export_account, name="export_account"),
]
