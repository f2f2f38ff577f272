"""Statistics routes (French paths): /statistiques/ for volunteers, /chiffres/ for everyone."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("statistiques/", views.volunteers_page, name="stats"),
    path("statistiques/export.csv", views.volunteers_csv, name="stats_csv"),
    path("statistiques/infographies/generer/", views.render_now, name="infographics_render"),
    path("statistiques/infographies/<int:pk>/publier/", views.publish_poster, name="poster_publish"),
    path("chiffres/", views.public_page, name="stats_public"),
    path("chiffres/export.csv", views.public_csv, name="stats_public_csv"),
    re_path(
        r"^chiffres/infographies/(?P<pk>[0-9]+)\.(?P<fmt>png|svg)$",
        views.infographic_file,
        name="infographic",
    ),
]
