"""URL routes: each app contributes its own urls module."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("outils/", include("colibri.composer.urls")),
    path("", include("colibri.feeds.urls")),
    path("", include("colibri.autoapproval.urls")),
    path("", include("colibri.console.urls")),
    path("", include("colibri.members.urls")),
    path("", include("colibri.relay.urls")),
]
