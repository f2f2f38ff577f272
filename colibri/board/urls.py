"""The recruiters' board (public, French paths)."""

from django.urls import path

from . import views

urlpatterns = [
    path("recruteurs/", views.board, name="board"),
    path("recruteurs/rss.xml", views.rss, name="board_rss"),
    path("recruteurs/atom.xml", views.atom, name="board_atom"),
]
