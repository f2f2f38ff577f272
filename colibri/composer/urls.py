"""Public seeker tools (composer, checker): routes filled in by the composer app."""

from django.urls import URLPattern

app_name = "composer"
urlpatterns: list[URLPattern] = []
