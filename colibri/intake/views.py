"""The events the ingest skipped, newest first, with the reason: a poison event is never silent.

The ingest records each one as an `ingest_event_skipped` audit row (in the same transaction that
moves the cursor past it); this page only reads them.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from colibri.relay import roles
from colibri.relay.models import AuditLog

PAGE_SIZE = 50
SKIPPED_ACTION = "ingest_event_skipped"


@roles.role_required(roles.COORDINATOR)
@require_GET
def skipped_events(request: HttpRequest) -> HttpResponse:
    rows = AuditLog.objects.filter(action=SKIPPED_ACTION).order_by("-created_at", "-id")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "intake/skipped.html", {"nav": "skipped", "page": page})
