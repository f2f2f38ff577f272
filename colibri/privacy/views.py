"""The public privacy page and the coordinators' export of one person's data."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from colibri.relay import roles
from colibri.relay.models import NetworkAccount

from .export import do_export_account


@require_GET
def privacy_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/privacy.html",
        {
            "retention_days": settings.COLIBRI_RETENTION_DAYS,
            "contact": settings.COLIBRI_PRIVACY_CONTACT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "nav": "privacy",
        },
    )


@roles.role_required(roles.COORDINATOR)
@require_POST
def export_account(request: HttpRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(NetworkAccount, pk=pk)
    data = do_export_account(account, actor=request.user, channel="dashboard")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="colibri-export-{account.network}-{account.pk}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def source_code(request: HttpRequest) -> HttpResponse:
    """The footer's « Code source »: a local address (the public pages link nowhere else), sent on to
    where this install's source is published (COLIBRI_SOURCE_URL; AGPL-3.0 section 13)."""
    return HttpResponseRedirect(settings.COLIBRI_SOURCE_URL)
