"""Automatic approvals' routes (French paths: they show in the volunteers' address bar)."""

from django.urls import path

from . import views

urlpatterns = [
    path("approuvees-automatiquement/", views.today, name="auto_today"),
    path("approuvees-automatiquement/<int:pk>/retirer/", views.withdraw, name="auto_withdraw"),
]
