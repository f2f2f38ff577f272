"""The volunteers' dashboard: review queue, request pages, settings, users, "my assignments".

Permissions are checked here, on the server, with `roles.role_required` (coordinator ⊇
moderator ⊇ member); templates only hide links the user could not open anyway.
Writes go through `colibri.relay.actions`; views never save models themselves.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from colibri.relay import deciding, queue, roles
from colibri.relay.actions.accounts import do_set_account_blocked
from colibri.relay.actions.base import ActionError
from colibri.relay.actions.collective import do_update_collective_settings
from colibri.relay.actions.erasure import do_erase_account
from colibri.relay.actions.opt_out import do_lift_opt_out
from colibri.relay.actions.undo import UndoNotAllowed, do_undo_decision, may_undo_decision, undoable
from colibri.relay.actions.volunteers import do_create_volunteer, do_set_role
from colibri.relay.forms import (
    NOT_REQUEST_CATEGORIES,
    REJECT_TEMPLATES,
    CollectiveSettingsForm,
    QueueFilterForm,
    RoleForm,
    VolunteerCreateForm,
)
from colibri.relay.lifecycle import AWAITING_STATUSES
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    CollectiveSettings,
    Member,
    NetworkAccount,
    Request,
)
from colibri.relay.queue import awaiting_requests

QUEUE_PAGE_SIZE = 20
UNDO_OFFER_SECONDS = 30


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# --------------------------------------------------------------------------- home and queue


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Moderators land on the review queue, members on their own page."""
    if not roles.can_review(request.user):
        return redirect("me")
    return review_queue(request)


def review_queue(request: HttpRequest) -> HttpResponse:
    base = awaiting_requests()
    # One query for the région choices (only régions that have something to review) and the count of
    # the unfiltered queue, from the partial index of waiting requests, not from the whole table.
    regions, waiting = queue.regions_and_count()
    form = QueueFilterForm(request.GET or None, regions=regions)
    filters = form.filters()

    # The raw payload as received is the widest column and no card shows it (the triage verdict is
    # read: the proposed reply is built from it).
    qs = base.select_related("post__author").defer("post__raw")
    if "status" in filters:
        qs = qs.filter(status=filters["status"])
    if "category" in filters:
        qs = qs.filter(category=filters["category"])
    if "region" in filters:
        qs = qs.filter(region=filters["region"])
    if "network" in filters:
        qs = qs.filter(post__network=filters["network"])
    if "q" in filters:
        q = filters["q"]
        handle = q.lstrip("@")
        qs = qs.filter(
            Q(post__text__icontains=q)
            | Q(post__author__handle__icontains=handle)
            | Q(post__author__display_name__icontains=q)
            | Q(job_title__icontains=q)
        )
    # Oldest first: whoever has waited longest is served first (id breaks ties deterministically).
    qs = qs.order_by("created_at", "id")

    page = queue.page_of(
        qs,
        request.GET.get("page"),
        QUEUE_PAGE_SIZE,
        searched="q" in filters,
        count=None if filters else waiting,
    )
    # The page's rows are read once, by the cards (models are only made for a card not kept yet): the
    # template only asks whether there are any.
    cards = queue.cards(request, page.object_list)
    return render(
        request,
        "relay/queue.html",
        {
            "nav": "queue",
            "form": form,
            "filter_fields": queue.filter_fields(form, request, regions),
            "filtered": bool(filters),
            "page_obj": page,
            "requests": cards,
            "cards": cards,
            "reject_templates": REJECT_TEMPLATES,
            "not_request_categories": NOT_REQUEST_CATEGORIES,
            "js_config": _queue_js_config(),
        },
    )


def _queue_js_config() -> dict[str, Any]:
    """What review.js needs, handed over through `json_script` (never inlined into JS source)."""
    return {
        "templates": {t.shortcut: {"key": t.key, "needsDetail": t.needs_detail} for t in REJECT_TEMPLATES},
        "messages": {
            "approved": _("Approved."),
            "rejected": _("Rejected."),
            "not_request": _("Marked as not a request."),
            "empty": _("Nothing left to review. Well done!"),
            "error": _("The decision could not be saved."),
            "network": _("Network error: the decision was not saved. Try again."),
            "detail_needed": _("Type the detail, then press Enter."),
            "undone": _("Decision undone: the request is back in the queue."),
            "undo_error": _("The decision could not be undone."),
        },
        # How long the status message offers « Annuler (z) » after a decision; `z` keeps working on the
        # page's last decision after that, the server says whether it is still possible.
        "undoOfferSeconds": UNDO_OFFER_SECONDS,
    }


# --------------------------------------------------------------------------- decisions


@roles.role_required("moderator")
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """One decision on one request: approve, reject with a template, or not a request.

    Answers JSON to the review queue's fetch() calls (Accept: application/json),
    and redirects with a flash message when a plain form was submitted (no JS).
    """
    req = get_object_or_404(Request.objects.select_related("post__author"), pk=pk)
    try:
        text = deciding.apply_decision(
            req,
            request.POST.get("decision", ""),
            actor=request.user,
            detail=request.POST.get("detail", ""),
            category=request.POST.get("category", ""),
        )
        status = 200
    except ValueError as exc:
        status, text = 400, str(exc)
    except ActionError as exc:
        # Someone else decided first, or the request was withdrawn meanwhile.
        req.refresh_from_db(fields=["status"])
        status, text = 409, str(exc)

    return _decision_answer(request, req, status, text, reverse("dashboard"))


@roles.role_required("moderator")
@require_POST
def undo_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """Take back a decision made by mistake (a wrong key), while nothing of it was published.

    JSON for the review queue's `z` key and « Annuler » button, a redirect with a flash message for the
    request page's plain form. Who may undo is decided by `may_undo_decision` (403 otherwise);
    a request already relayed, or not decided, answers 409 with the reason.
    """
    req = get_object_or_404(Request.objects.select_related("post"), pk=pk)
    try:
        do_undo_decision(req, actor=request.user)
    except UndoNotAllowed as exc:
        status, text = 403, str(exc)
    except ActionError as exc:
        req.refresh_from_db(fields=["status"])
        status, text = 409, str(exc)
    else:
        status, text = 200, _("Decision undone: the request is back in the queue.")

    return _decision_answer(request, req, status, text, reverse("request_detail", args=[req.pk]))


def _decision_answer(
    request: HttpRequest, req: Request, status: int, text: str, default: str
) -> HttpResponse:
    """JSON for the queue's fetch calls, else a flash message and a redirect (to `next` or `default`)."""
    ok = status == 200
    if _wants_json(request):
        return JsonResponse(
            {"ok": ok, "id": req.pk, "status": req.status, "message": text} | ({} if ok else {"error": text}),
            status=status,
        )
    (messages.success if ok else messages.error)(request, text)
    return redirect(_safe_next(request, default))


def _account_and_request(request: HttpRequest, pk: int) -> tuple[NetworkAccount, Request | None, str]:
    """An account action's account, the request page it was asked from (if it is theirs), where to go back."""
    account = get_object_or_404(NetworkAccount, pk=pk)
    on = request.POST.get("request", "")
    req = Request.objects.filter(pk=int(on), post__author=account).first() if on.isdigit() else None
    default = reverse("request_detail", args=[req.pk]) if req is not None else reverse("dashboard")
    return account, req, default


@roles.role_required("moderator")
@require_POST
def lift_opt_out(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift a person's "stop" (they asked to be relayed again); their held requests are decided as usual."""
    account, req, default = _account_and_request(request, pk)
    try:
        do_lift_opt_out(account, actor=request.user, request=req)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Relays of @%(handle)s may resume: decide their waiting requests as usual.")
            % {"handle": account.handle},
        )
    return redirect(_safe_next(request, default))


@roles.role_required("coordinator")
@require_POST
def block_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Block (or unblock, `blocked=0`) an account: its requests are never approved automatically."""
    account, _req, default = _account_and_request(request, pk)
    blocked = request.POST.get("blocked", "1") != "0"
    do_set_account_blocked(account, blocked=blocked, actor=request.user)
    messages.success(
        request,
        (
            _("@%(handle)s is blocked: their requests always wait for a volunteer.")
            if blocked
            else _("@%(handle)s is unblocked.")
        )
        % {"handle": account.handle},
    )
    return redirect(_safe_next(request, default))


@roles.role_required("coordinator")
@require_POST
def erase_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Erase everything about one person on their demand (GDPR), from one of their requests' pages."""
    account, _req, default = _account_and_request(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm the erasure: it cannot be undone."))
        return redirect(_safe_next(request, default))
    handle = account.handle
    try:
        erased = do_erase_account(account, actor=request.user, why=request.POST.get("why", ""))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "The data of @%(handle)s is erased (%(count)d request).",
                "The data of @%(handle)s is erased (%(count)d requests).",
                erased,
            )
            % {"handle": handle, "count": erased},
        )
    return redirect(_safe_next(request, default))


# --------------------------------------------------------------------------- request page


@roles.role_required("moderator")
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(Request.objects.select_related("post__author", "decided_by"), pk=pk)
    return render(
        request,
        "relay/request_detail.html",
        {
            "nav": "queue",
            "req": req,
            "awaiting": req.status in AWAITING_STATUSES and req.decided_at is None,
            # The button shows only to whoever the server would let undo it, while undo is possible.
            "can_undo": may_undo_decision(req, request.user) and undoable(req),
            "audit": list(req.audit.select_related("actor").order_by("created_at", "id")),
            "assignments": list(req.assignments.select_related("member__account").order_by("slot_start")),
            "outbox": list(req.outbox.select_related("account").order_by("created_at", "id")),
            "outcomes": list(req.outcomes.order_by("reported_at")),
            "reject_templates": REJECT_TEMPLATES,
            "not_request_categories": NOT_REQUEST_CATEGORIES,
        },
    )


# --------------------------------------------------------------------------- settings and users


def _current_settings() -> CollectiveSettings:
    """The settings row, or unsaved defaults (a GET must not write; the first save creates the row)."""
    return CollectiveSettings.objects.filter(pk=1).first() or CollectiveSettings(
        pk=1, eligible_contracts=["CDI", "CDD"], tracked_hashtags=["PleaseRT"]
    )


@roles.role_required("coordinator")
@require_http_methods(["GET", "POST"])
def collective_settings(request: HttpRequest) -> HttpResponse:
    instance = _current_settings()
    form = CollectiveSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CollectiveSettingsForm.Meta.fields}
        try:
            do_update_collective_settings(actor=request.user, **fields)
        except ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Settings saved."))
            return redirect("settings")
    return render(request, "relay/settings.html", {"nav": "settings", "form": form})


@roles.role_required("coordinator")
@require_http_methods(["GET", "POST"])
def users(request: HttpRequest) -> HttpResponse:
    form = VolunteerCreateForm(request.POST or None)
    created: dict[str, str] | None = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                user, password = do_create_volunteer(
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    actor=request.user,
                )
            except ActionError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                # Shown in this response only: the password is stored hashed and never displayed again.
                created = {"username": user.get_username(), "password": password}
                form = VolunteerCreateForm()
        else:
            status = 400
    people = list(get_user_model().objects.select_related("profile").order_by("username"))
    rows = [
        {"user": u, "role": roles.role_of(u), "form": RoleForm(initial={"role": roles.role_of(u)})}
        for u in people
    ]
    response = render(
        request,
        "relay/users.html",
        {"nav": "users", "form": form, "rows": rows, "created": created},
        status=status,
    )
    if created:
        response["Cache-Control"] = "no-store"  # keep the one-time password out of the browser cache
    return response


@roles.role_required("coordinator")
@require_POST
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(get_user_model(), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown role."))
        return redirect("users")
    try:
        do_set_role(target, role=form.cleaned_data["role"], actor=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Role of %(username)s updated.") % {"username": target.get_username()})
    return redirect("users")


# --------------------------------------------------------------------------- member's own page


@roles.role_required("member")
@require_GET
def me(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # authenticated: role_required let us in
    member = Member.objects.select_related("account").filter(user=user).first()
    assignments: list[Assignment] = []
    counts: dict[str, int] = {}
    reach = 0
    if member is not None:
        mine = Assignment.objects.filter(member=member)
        counts = {row["status"]: row["n"] for row in mine.values("status").annotate(n=Count("id")).order_by()}
        reach = mine.filter(status=AssignmentStatus.DONE).aggregate(total=Sum("reach_added"))["total"] or 0
        assignments = list(mine.select_related("request__post__author").order_by("-slot_start")[:100])
    stats = [{"status": s, "label": s.label, "count": counts.get(s.value, 0)} for s in AssignmentStatus]
    return render(
        request,
        "relay/me.html",
        {
            "nav": "me",
            "member": member,
            "assignments": assignments,
            "stats": stats,
            "total": sum(counts.values()),
            "reach": reach,
        },
    )
