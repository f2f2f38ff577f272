"""Template context for every page's footer: the privacy page and the source code (AGPL: a network
service offers its users the source of the version it runs)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def public_links(request: HttpRequest) -> dict[str, Any]:
    return {"source_url": settings.COLIBRI_SOURCE_URL}
