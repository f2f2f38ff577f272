"""Members' pages: joining (`/rejoindre/`, public), one's membership (`/moi/adhesion/`), and the
coordinators' list (`/membres/`). Writes go through `colibri.members.actions`."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.db.models import Count, Sum
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from colibri.connect import flows as connect
from colibri.relay import roles
from colibri.relay.actions.base import ActionError
from colibri.relay.models import AssignmentStatus, CollectiveSettings, DonationMode, Member

from . import actions, export
from .forms import JoinForm, MemberFilterForm, PauseForm, PreferencesForm
from .models import Consent, Membership
from .queries import members_queryset
from .tasks import fetch_member_followers

MEMBERS_PAGE_LIMIT = 500


def _settings_row() -> CollectiveSettings:
    # Read only: a public GET must not create the settings row.
    return CollectiveSettings.objects.filter(pk=1).first() or CollectiveSettings()


OAUTH_PENDING = "members_oauth"  # session keys: the OAuth round trip, then the account it connected
OAUTH_CONNECTED = "members_connected"


@csp_override(settings.SECURE_CSP_OAUTH_FORMS)  # its OAuth buttons lead to the person's own server
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    cs = _settings_row()
    packed = request.session.get(OAUTH_CONNECTED)
    oauth_account = connect.unpack(packed) if packed else None
    form = JoinForm(
        request.POST or None,
        initial={"mode": DonationMode.NOTIFIED, "daily_budget": cs.member_daily_budget},
        connected=oauth_account,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                if oauth_account is not None:
                    connected = oauth_account
                    if data["mode"] != DonationMode.DELEGATED:  # keeping their account: the token is dropped
                        connected = connect.Connected(oauth_account.network, oauth_account.author, None)
                elif data["mode"] == DonationMode.DELEGATED:
                    connected = connect.connect_bluesky_app_password(data["handle"], data["app_password"])
                else:
                    connected = connect.lookup_bluesky_account(data["handle"])
                joined = actions.do_join_member(
                    connected,
                    mode=data["mode"],
                    password=data["password"],
                    email=data["email"] or "",
                    wants_feed=bool(data["wants_feed"]),
                    daily_budget=data["daily_budget"],
                )
            except (connect.ConnectError, ActionError) as exc:
                form.add_error(None, str(exc))
            else:
                request.session.pop(OAUTH_CONNECTED, None)
                # Followers are read in the background: a large account takes minutes to page through.
                fetch_member_followers.enqueue(joined.member.pk)
                login(request, joined.user, backend="django.contrib.auth.backends.ModelBackend")
                if joined.pending:
                    messages.info(request, _("Welcome! A coordinator will confirm your membership soon."))
                else:
                    messages.success(request, _("Welcome to the collective!"))
                return redirect("membership")
    response = render(
        request,
        "members/join.html",
        {
            "form": form,
            "max_daily": cs.member_daily_budget,
            "consent_delegated": actions.consent_text(DonationMode.DELEGATED),
            "consent_notified": actions.consent_text(DonationMode.NOTIFIED),
            "contracts": cs.eligible_contracts or ["CDI", "CDD"],
            "oauth_account": oauth_account,
            "x_enabled": bool(getattr(settings, "X_OAUTH2_CLIENT_ID", "")),
        },
        status=status,
    )
    return response


@require_POST
def join_oauth_start(request: HttpRequest, network: str) -> HttpResponse:
    """Send the person to their network to authorise Colibri (Mastodon: on their instance)."""
    if network not in connect.OAUTH_NETWORKS:
        raise Http404("no OAuth connection for this network")
    redirect_uri = request.build_absolute_uri(reverse("join_oauth_return", args=[network]))
    try:
        where = request.POST.get("handle", "") if network == "bluesky" else request.POST.get("instance", "")
        start = connect.start_oauth(network, redirect_uri, instance=where)
    except connect.ConnectError as exc:
        messages.error(request, str(exc))
        return redirect("join")
    request.session[OAUTH_PENDING] = start.pending
    return redirect(start.url)


@require_GET
def join_oauth_return(request: HttpRequest, network: str) -> HttpResponse:
    """Back from the network: the account is connected (kept encrypted in the session until joining)."""
    pending = request.session.pop(OAUTH_PENDING, None) or {}
    if network not in connect.OAUTH_NETWORKS or pending.get("network") != network:
        messages.error(request, _("This connection link has expired or was not started here; start again."))
        return redirect("join")
    try:
        connected = connect.finish_oauth(pending, request.build_absolute_uri())
    except connect.ConnectError as exc:
        messages.error(request, str(exc))
        return redirect("join")
    request.session[OAUTH_CONNECTED] = connect.pack(connected)
    messages.success(
        request,
        _("@%(handle)s is connected: finish joining below.") % {"handle": connected.author.handle},
    )
    return redirect("join")


@require_GET
def client_metadata(request: HttpRequest) -> JsonResponse:
    """The AT Protocol OAuth client metadata document (its URL is our `client_id` on a public site).

    It declares every callback and the scope the flows ask for (the authorization server refuses any
    other): members joining, and coordinators connecting the official account; write access (reposts)."""
    from colibri.networks.bluesky_oauth import SCOPE_WRITE
    from colibri.networks.bluesky_oauth import client_metadata as metadata

    base = str(settings.SITE_URL).rstrip("/")
    return JsonResponse(
        metadata(
            f"{base}{reverse('oauth_client_metadata')}",
            [
                f"{base}{reverse('join_oauth_return', args=['bluesky'])}",
                f"{base}{reverse('official_oauth_return', args=['bluesky'])}",
            ],
            scope=SCOPE_WRITE,
        )
    )


@require_POST
def join_oauth_forget(request: HttpRequest) -> HttpResponse:
    request.session.pop(OAUTH_CONNECTED, None)
    return redirect("join")


def _own_member(request: HttpRequest) -> Member | None:
    user: Any = request.user  # authenticated: role_required let us in
    return Member.objects.select_related("account", "user").filter(user=user).first()


def _preferences_initial(member: Member, ms: Membership | None) -> dict[str, Any]:
    return {
        "mode": member.mode,
        "daily_budget": member.daily_budget,
        "weekly_budget": member.weekly_budget,
        "regions": member.regions,
        "job_families": member.job_families,
        "quiet_start": member.quiet_start,
        "quiet_end": member.quiet_end,
        "wants_feed": ms.wants_feed if ms else False,
    }


@roles.role_required("member")
@require_http_methods(["GET", "POST"])
def membership(request: HttpRequest) -> HttpResponse:
    member = _own_member(request)
    if member is None:
        return render(request, "members/membership.html", {"nav": "me", "member": None})
    ms = Membership.objects.filter(member=member).first()
    form = PreferencesForm(request.POST or None, initial=_preferences_initial(member, ms))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                connected = None
                if data["app_password"]:
                    connected = connect.connect_bluesky_app_password(
                        member.account.handle, data["app_password"]
                    )
                actions.do_update_member_preferences(
                    member,
                    actor=request.user,
                    mode=data["mode"],
                    connected=connected,
                    daily_budget=data["daily_budget"],
                    weekly_budget=data["weekly_budget"],
                    regions=data["regions"],
                    job_families=data["job_families"],
                    quiet_start=data["quiet_start"],
                    quiet_end=data["quiet_end"],
                    wants_feed=bool(data["wants_feed"]),
                )
            except (connect.ConnectError, ActionError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Your settings are saved."))
                return redirect("membership")
    counts = member.assignments.filter(status=AssignmentStatus.DONE).aggregate(
        n=Count("id"), reach=Sum("reach_added")
    )
    return render(
        request,
        "members/membership.html",
        {
            "nav": "me",
            "member": member,
            "ms": ms,
            "form": form,
            "pause_form": PauseForm(),
            "consents": list(Consent.objects.filter(member=member).order_by("-given_at", "-id")),
            "donated": export.donated(member),
            "donated_count": counts["n"] or 0,
            "donated_reach": counts["reach"] or 0,
            "today": timezone.localdate(),
        },
        status=status,
    )


def _member_or_404(request: HttpRequest) -> Member:
    member = _own_member(request)
    if member is None:
        raise Http404("no member account linked to this login")
    return member


@roles.role_required("member")
@require_POST
def pause(request: HttpRequest) -> HttpResponse:
    member = _member_or_404(request)
    form = PauseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date."))
        return redirect("membership")
    try:
        actions.do_pause_member(member, actor=request.user, until=form.cleaned_data["until"])
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Paused: no new repost is asked of you."))
    return redirect("membership")


@roles.role_required("member")
@require_POST
def resume(request: HttpRequest) -> HttpResponse:
    try:
        actions.do_resume_member(_member_or_404(request), actor=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Welcome back: you are active again."))
    return redirect("membership")


@roles.role_required("member")
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
    member = _member_or_404(request)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm."))
            return redirect("membership_leave")
        actions.do_leave_member(member, actor=request.user)
        messages.success(
            request,
            _(
                "You have left the collective: your credentials are erased and nothing more "
                "will be asked of you."
            ),
        )
        return redirect("membership")
    return render(request, "members/leave.html", {"nav": "me", "member": member})


@roles.role_required("member")
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    member = _member_or_404(request)
    body = json.dumps(export.member_data(member), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="colibri-{member.account.handle}.json"'
    return response


# --------------------------------------------------------------------------- coordinators


@roles.role_required("coordinator")
@require_GET
def members_list(request: HttpRequest) -> HttpResponse:
    form = MemberFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = list(members_queryset(filters)[:MEMBERS_PAGE_LIMIT])
    return render(request, "members/members.html", {"nav": "members", "form": form, "rows": rows})


ACTIONS = frozenset({"approve", "pause", "resume", "remove"})


def _act(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    if what not in ACTIONS:
        raise Http404("unknown member action")
    member = get_object_or_404(Member.objects.select_related("account"), pk=pk)
    handle = member.account.handle
    try:
        if what == "approve":
            actions.do_approve_member(member, actor=request.user)
            messages.success(request, _("@%(handle)s is now an active member.") % {"handle": handle})
        elif what == "pause":
            actions.do_pause_member(member, actor=request.user)
            messages.success(request, _("@%(handle)s is paused.") % {"handle": handle})
        elif what == "resume":
            actions.do_resume_member(member, actor=request.user)
            messages.success(request, _("@%(handle)s is active again.") % {"handle": handle})
        elif what == "remove":
            actions.do_remove_member(member, actor=request.user, why=request.POST.get("why", ""))
            messages.success(
                request, _("@%(handle)s was removed; their credentials are erased.") % {"handle": handle}
            )
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("members")


@roles.role_required("coordinator")
@require_POST
def member_action(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    return _act(request, pk, what)
