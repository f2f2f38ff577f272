"""URL routes: each app contributes its own urls module."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("colibri.advice.urls")),  # /outils/c/<token>/ before the composer's /outils/
    path("outils/", include("colibri.composer.urls")),
    path("suivi/", include("colibri.followup.urls")),
    path("", include("colibri.feeds.urls")),
    path("", include("colibri.stats.urls")),
    path("", include("colibri.board.urls")),
    path("", include("colibri.intake.urls")),
    path("", include("colibri.privacy.urls")),
    path("", include("colibri.autoapproval.urls")),
    path("", include("colibri.console.urls")),
    path("", include("colibri.members.urls")),
    path("", include("colibri.relay.urls")),
]
