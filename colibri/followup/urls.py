"""Follow-up routes, mounted at /suivi/ (French paths: seekers and volunteers see them)."""

from django.urls import path

from colibri.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.rates, name="rates"),
    path("parametres/", views.followup_settings, name="settings"),
    path("r/<str:token>/", views.answer, name="answer"),
    path("demandes/<int:pk>/issue/", views.record_outcome, name="record_outcome"),
]
