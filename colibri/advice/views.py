"""Advice pages: the short composer link (public) and sending the advice (moderators)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from colibri.composer.links import composer_url_for
from colibri.composer.proposals import triage_result_from_json
from colibri.followup.models import FollowupSettings
from colibri.relay import roles
from colibri.relay.actions.base import ActionError
from colibri.relay.models import Request

from .actions import do_queue_advice_reply
from .links import read_token


@require_GET
def composer_link(request: HttpRequest, token: str) -> HttpResponse:
    pk = read_token(token, max_days=int(FollowupSettings.current().link_days))
    req = Request.objects.filter(pk=pk, erased_at__isnull=True).first() if pk is not None else None
    result = triage_result_from_json(req.triage) if req is not None else None
    if result is None:
        raise Http404(_("This link expired."))
    return redirect(composer_url_for(result, absolute=False))


@roles.role_required("moderator")
@require_POST
def send_advice(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(Request.objects.select_related("post__author"), pk=pk)
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        do_queue_advice_reply(req, text=request.POST.get("text", ""), actor=request.user)
    except ActionError as exc:
        if wants_json:
            return JsonResponse({"ok": False, "error": str(exc)}, status=409)
        messages.error(request, str(exc))
    else:
        message = _("Advice queued: the collective's account replies under the post.")
        if wants_json:
            return JsonResponse({"ok": True, "message": message})
        messages.success(request, message)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("request_detail", pk=pk)
    return redirect(target)
