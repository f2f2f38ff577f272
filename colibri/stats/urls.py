"""Statistics routes (French paths): /statistiques/ for volunteers, /chiffres/ for everyone."""

from django.urls import path

from . import views

urlpatterns = [
    path("statistiques/", views.volunteers_page, name="stats"),
    path("statistiques/export.csv", views.volunteers_csv, name="stats_csv"),
    path("chiffres/", views.public_page, name="stats_public"),
    path("chiffres/export.csv", views.public_csv, name="stats_public_csv"),
]
