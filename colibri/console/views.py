"""The coordinators' console pages (permissions checked here with `roles.role_required`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from colibri.connect import flows as connect
from colibri.console import actions as console_actions
from colibri.console import archive, official, outbox_words
from colibri.console.forms import ArchiveFilterForm, ConnectBlueskyForm
from colibri.console.withdrawal import WITHDRAW_CHANNELS, may_withdraw
from colibri.relay import deciding, roles
from colibri.relay.actions.base import ActionError
from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.models import OutboxAction, OutboxKind, OutboxStatus, Request
from colibri.relay.outbox.completion import do_retry_failed_action


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


# --------------------------------------------------------------------------- withdraw, bulk decisions


@roles.role_required("moderator")
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The seeker asked (e-mail, DM) to be withdrawn: the same action as their "stop" reply."""
    req = get_object_or_404(Request.objects.select_related("post__author"), pk=pk)
    back = reverse("request_detail", args=[req.pk])
    channel = WITHDRAW_CHANNELS.get(request.POST.get("channel", ""))
    if channel is None:
        messages.error(request, _("Say how the person asked."))
        return redirect(back)
    if not may_withdraw(req):
        messages.error(
            request,
            _("%(request)s is %(status)s: there is nothing to withdraw.")
            % {"request": deciding.named(req), "status": req.get_status_display().lower()},
        )
        return redirect(back)
    do_withdraw_request(req, actor=request.user, why=str(channel))
    undone = req.outbox.filter(kind=OutboxKind.UNDO_REPOST).count()
    text = _("%(request)s withdrawn.") % {"request": deciding.named(req)}
    if undone:
        text += " " + ngettext(
            "%(count)d repost will be undone.", "%(count)d reposts will be undone.", undone
        ) % {"count": undone}
    messages.success(request, text)
    return redirect(back)


@roles.role_required("moderator")
@require_POST
def bulk_decide(request: HttpRequest) -> HttpResponse:
    """The same decision on the requests ticked in the queue, each through its own action."""
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
    back = _safe_next(request, reverse("dashboard"))
    decision = request.POST.get("decision", "")
    if not ids:
        messages.error(request, _("Tick at least one request first."))
        return redirect(back)
    found = Request.objects.select_related("post__author").in_bulk(ids)
    done: list[str] = []
    refused: list[str] = []
    for pk in ids:
        req = found.get(pk)
        if req is None:
            refused.append(_("#%(id)d: no such request") % {"id": pk})
            continue
        try:
            # One transaction per request: one refusal (already decided by someone else) stops nothing.
            done.append(
                deciding.apply_decision(
                    req, decision, actor=request.user, detail=request.POST.get("detail", "")
                )
            )
        except (ValueError, ActionError) as exc:
            refused.append(f"{deciding.named(req)} : {exc}")
    if done:
        messages.success(request, " ".join(done))
    if refused:
        messages.error(request, _("Not decided: %(list)s") % {"list": " ; ".join(refused)})
    return redirect(back)


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --------------------------------------------------------------------------- outbox

OUTBOX_PAGE_SIZE = 100
# The page's tabs (French in the address bar) and the statuses each one shows.
OUTBOX_TABS = {
    "echecs": (OutboxStatus.FAILED,),
    "en-attente": (OutboxStatus.PENDING, OutboxStatus.RUNNING),
    "faits": (OutboxStatus.DONE,),
    "annules": (OutboxStatus.CANCELLED,),
}


@roles.role_required("coordinator")
@require_GET
def outbox_page(request: HttpRequest) -> HttpResponse:
    """What the networks were asked to do: counts per account, then one tab's rows, newest first."""
    summary = outbox_words.counts_by_account()
    failed = sum(a.failed for a in summary)
    tab = request.GET.get("etat", "")
    if tab not in OUTBOX_TABS:
        tab = "echecs" if failed else "en-attente"
    qs = OutboxAction.objects.filter(status__in=OUTBOX_TABS[tab])
    account = _cursor(request, "compte")
    if account is not None:
        qs = qs.filter(account_id=account)
    after = _cursor(request, "apres")
    if after is not None:
        qs = qs.filter(pk__lt=after)
    rows = list(qs.select_related("account", "request__post__author").order_by("-pk")[: OUTBOX_PAGE_SIZE + 1])
    older = rows[OUTBOX_PAGE_SIZE - 1].pk if len(rows) > OUTBOX_PAGE_SIZE else None
    rows = rows[:OUTBOX_PAGE_SIZE]
    return render(
        request,
        "console/outbox.html",
        {
            "nav": "outbox",
            "summary": summary,
            "failed": failed,
            "tab": tab,
            "tabs": [(key, OUTBOX_TAB_LABELS[key]) for key in OUTBOX_TABS],
            "account": account,
            "rows": [(row, outbox_words.error_words(row.last_error)) for row in rows],
            "older": older,
        },
    )


OUTBOX_TAB_LABELS = {
    "echecs": gettext_lazy("Failed"),
    "en-attente": gettext_lazy("Queued"),
    "faits": gettext_lazy("Done"),
    "annules": gettext_lazy("Cancelled"),
}


@roles.role_required("coordinator")
@require_POST
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Try a failed network action again: it goes back to the queue, a worker takes it at once."""
    back = _safe_next(request, reverse("outbox"))
    user: Any = request.user
    if do_retry_failed_action(pk, actor_label=user.get_username()):
        messages.success(request, _("Queued again: a worker will try it in a moment."))
    else:
        messages.error(request, _("This action is no longer failed (retried or cancelled meanwhile)."))
    return redirect(back)


# --------------------------------------------------------------------------- volunteers


@roles.role_required("coordinator")
@require_POST
def volunteer_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate (or reactivate) a volunteer from the volunteers page."""
    target = get_object_or_404(get_user_model(), pk=pk)
    active = request.POST.get("active") == "1"
    try:
        console_actions.do_set_volunteer_active(target, active=active, actor=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        text = _("%(username)s can log in again.") if active else _("%(username)s can no longer log in.")
        messages.success(request, text % {"username": target.get_username()})
    return redirect("users")


# --------------------------------------------------------------------------- official accounts


OFFICIAL_OAUTH_PENDING = "official_oauth"  # session key: the OAuth round trip (holds the PKCE verifier)
# Bluesky with OAuth or an app password: ingest reads its stream without the account's session.
OFFICIAL_OAUTH = ("bluesky", "mastodon", "x")


@csp_override(settings.SECURE_CSP_OAUTH_FORMS)  # its OAuth buttons lead to the account's own server
@roles.role_required("coordinator")
@require_http_methods(["GET", "POST"])
def official_accounts(request: HttpRequest) -> HttpResponse:
    """Each network's official account in words, connected with the members' flows: Bluesky, Mastodon
    and X OAuth, or a Bluesky app password (the environment's settings win)."""
    form = ConnectBlueskyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                console_actions.refuse_if_environment("bluesky")
                connected = connect.connect_bluesky_app_password(
                    form.cleaned_data["handle"], form.cleaned_data["app_password"]
                )
                handle = console_actions.do_connect_official_account(connected, actor=request.user)
            except (connect.ConnectError, ActionError) as exc:
                # A message, not a form error: with the environment connecting the account there is no form.
                messages.error(request, str(exc))
            else:
                _say_connected(request, "bluesky", handle)
                return redirect("official_accounts")
        status = 400
    return render(
        request,
        "console/official.html",
        {
            "nav": "settings",
            "statuses": official.statuses(),
            "connect_form": form,
            "x_oauth": bool(getattr(settings, "X_OAUTH2_CLIENT_ID", "")),
        },
        status=status,
    )


def _say_connected(request: HttpRequest, network: str, handle: str) -> None:
    messages.success(
        request,
        _("Connected as @%(handle)s. Approved %(network)s requests are reposted from now on.")
        % {"handle": handle, "network": official.label_of(network)},
    )


@roles.role_required("coordinator")
@require_POST
def official_oauth_start(request: HttpRequest, network: str) -> HttpResponse:
    """Send the coordinator to the network to authorise the collective's account (the members' flow)."""
    if network not in OFFICIAL_OAUTH:
        raise Http404("no OAuth connection for this network")
    redirect_uri = request.build_absolute_uri(reverse("official_oauth_return", args=[network]))
    where = request.POST.get("instance", "") or request.POST.get("handle", "")
    try:
        console_actions.refuse_if_environment(network)
        start = connect.start_oauth(network, redirect_uri, instance=where)
    except (connect.ConnectError, ActionError) as exc:
        messages.error(request, str(exc))
        return redirect("official_accounts")
    request.session[OFFICIAL_OAUTH_PENDING] = start.pending
    return redirect(start.url)


@roles.role_required("coordinator")
@require_GET
def official_oauth_return(request: HttpRequest, network: str) -> HttpResponse:
    """Back from the network: the authorised account becomes the collective's official one."""
    pending = request.session.pop(OFFICIAL_OAUTH_PENDING, None) or {}
    if network not in OFFICIAL_OAUTH or pending.get("network") != network:
        messages.error(request, _("This connection link has expired or was not started here; start again."))
        return redirect("official_accounts")
    try:
        connected = connect.finish_oauth(pending, request.build_absolute_uri())
        handle = console_actions.do_connect_official_account(connected, actor=request.user)
    except (connect.ConnectError, ActionError) as exc:
        messages.error(request, str(exc))
    else:
        _say_connected(request, network, handle)
    return redirect("official_accounts")


@roles.role_required("coordinator")
@require_POST
def official_test(request: HttpRequest, network: str) -> HttpResponse:
    """« Tester la connexion »: log the official account in now and say how it went."""
    try:
        ok, text = console_actions.do_test_official_account(network, actor=request.user)
    except ActionError as exc:
        ok, text = False, str(exc)
    (messages.success if ok else messages.error)(request, text)
    return redirect("official_accounts")
