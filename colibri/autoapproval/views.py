"""« Approuvées automatiquement aujourd'hui »: the day's automatic approvals, each withdrawable in one key.

Withdrawing goes through the relay's withdrawal (`do_withdraw_request`), the same that a seeker's
"stop" uses: planned reposts are cancelled and the official repost, if done, is undone.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from colibri.relay import roles
from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.days import day_bounds
from colibri.relay.models import AuditLog, CollectiveSettings, Request

from .actions import AUTO_APPROVED


def approved_today() -> list[tuple[Request, AuditLog]]:
    """Today's (local day) automatic approvals, newest first, with the row that marks each."""
    start, end = day_bounds(timezone.localdate())
    rows = (
        AuditLog.objects.filter(action=AUTO_APPROVED, created_at__gte=start, created_at__lt=end)
        .select_related("request__post__author")
        .order_by("-created_at", "-id")
    )
    return [(row.request, row) for row in rows if row.request is not None]


def _enabled() -> bool:
    # Read without `CollectiveSettings.get()`: a GET must not write the settings row.
    return bool(CollectiveSettings.objects.filter(pk=1).values_list("auto_approve", flat=True).first())


@roles.role_required("moderator")
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "autoapproval/today.html",
        {"nav": "auto", "items": approved_today(), "enabled": _enabled()},
    )


@roles.role_required("moderator")
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(Request, pk=pk)
    if not AuditLog.objects.filter(action=AUTO_APPROVED, request=req).exists():
        # This page withdraws only what no person approved; the others are on their request page.
        messages.error(request, _("This request was not approved automatically."))
        return redirect("auto_today")
    do_withdraw_request(req, actor=request.user, why=_("withdrawn from the automatic approvals"))
    messages.success(request, _("Request #%(pk)s withdrawn: its reposts are undone.") % {"pk": pk})
    return redirect("auto_today")
