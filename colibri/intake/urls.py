"""Coordinator routes of the intake app (French paths: they show in the volunteers' address bar)."""

from django.urls import path

from colibri.intake import views

urlpatterns = [
    path("evenements-ignores/", views.skipped_events, name="skipped_events"),
]
