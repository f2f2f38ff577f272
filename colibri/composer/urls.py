"""Public seeker tools, mounted at /outils/: composer, live preview, card PNG, checker, autocomplete."""

from django.urls import path

from colibri.composer import views

app_name = "composer"
urlpatterns = [
    path("", views.index, name="index"),
    path("apercu/", views.preview, name="preview"),
    path("carte/<str:shape>.png", views.card_png, name="card"),
    path("verifier/", views.checker, name="checker"),
    path("suggestions/metiers/", views.suggest_jobs, name="suggest_jobs"),
    path("suggestions/lieux/", views.suggest_places, name="suggest_places"),
]
