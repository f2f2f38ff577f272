"""The coordinators' console pages (permissions checked here with `roles.role_required`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from colibri.console import archive
from colibri.console.forms import ArchiveFilterForm
from colibri.relay import roles


def _cursor(request: HttpRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


@roles.role_required("moderator")
@require_GET
def archive_page(request: HttpRequest) -> HttpResponse:
    """Every request ever seen, newest first, searchable; pages cut by id (no OFFSET, no COUNT)."""
    form = ArchiveFilterForm(request.GET or None)
    filters = form.filters()
    result = archive.page(
        archive.search(filters), after=_cursor(request, "apres"), before=_cursor(request, "avant")
    )
    return render(
        request,
        "console/archive.html",
        {"nav": "archive", "form": form, "filtered": bool(filters), "page": result},
    )
