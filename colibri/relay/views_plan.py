"""Today's relay plan in the dashboard: per request, per member; lock, unlock, swap, re-plan.

Moderators and coordinators see and edit the plan (the review team runs the evening relay);
members see their own list on `/moi/` (`plan_tags.todays_assignments`). Every write goes through
`colibri.relay.planning`; the page is built in a fixed number of queries whatever the plan's size.
"""

from __future__ import annotations

import threading
from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from colibri.relay import roles
from colibri.relay.actions.base import ActionError
from colibri.relay.models import Assignment, DonationMode, Member, MemberStatus
from colibri.relay.planning.apply import do_apply_plan
from colibri.relay.planning.edits import do_lock_assignment, do_swap_assignment, do_unlock_assignment
from colibri.relay.planning.report import DayReport, day_report

PLAN_PAGE_REQUESTS = 25
PLAN_PAGE_MEMBERS = 100


# The plan's lists as rendered for the current day report (`day_report` hands the same object back
# until what it is computed from changes), by page and language: 125 rows of three forms each took
# ~100 ms of the template engine on every view (issue 17). The CSRF token is filled in per view.
_CSRF = mark_safe("<colibri-plan-csrf>")
_sections: dict[str, Any] = {"report": None, "pages": {}, "members": None}
_sections_lock = threading.Lock()


def _swap_list() -> SafeString:
    """One `<option>` per active member for every swap field (the same list until a member changes)."""
    rows = tuple(
        Member.objects.filter(status=MemberStatus.ACTIVE)
        .order_by("account__handle")
        .values_list("account__handle", "mode")
    )
    with _sections_lock:
        known = _sections["members"]
    if known is not None and known[0] == rows and known[1] == translation.get_language():
        return cast(SafeString, known[2])
    # Written here, not in a template loop: 1,000 members made 1,000 loop turns (~25 ms a view).
    modes = dict(DonationMode.choices)
    html = format_html_join("", '<option value="@{}">{}</option>', ((h, modes.get(m, m)) for h, m in rows))
    with _sections_lock:
        _sections["members"] = (rows, translation.get_language(), html)
    return html


def _plan_sections(request: HttpRequest, report: DayReport) -> SafeString:
    key = (request.get_full_path(), translation.get_language(), timezone.get_current_timezone_name())
    with _sections_lock:
        if _sections["report"] is not report:
            _sections.update(report=report, pages={})
        html = _sections["pages"].get(key)
    if html is None:
        context = {
            "report": report,
            "requests_page": Paginator(report.requests, PLAN_PAGE_REQUESTS).get_page(request.GET.get("page")),
            "members_page": Paginator(report.by_member, PLAN_PAGE_MEMBERS).get_page(
                request.GET.get("membres")
            ),
            "request": request,
            "csrf_token": _CSRF,
        }
        # A plain context (no context processors: they would put their own CSRF token over the
        # placeholder), with the request that `{% querystring %}` reads the page's parameters from.
        bound = Context(context)
        bound.request = request  # type: ignore[attr-defined]
        html = get_template("relay/_plan_sections.html").template.render(bound).strip()  # type: ignore[attr-defined]
        with _sections_lock:
            if _sections["report"] is report and len(_sections["pages"]) < 20:  # ~280 kB each
                _sections["pages"][key] = html
    return mark_safe(html.replace(_CSRF, get_token(request)))  # noqa: S308 (a token of URL-safe characters)


@roles.role_required("moderator")
@require_GET
def plan_today(request: HttpRequest) -> HttpResponse:
    report = day_report()
    # Pages of requests and of members: a busy day (500 requests, 2,500 assignments, three forms
    # each) made one 3.7 MB page that took seconds to render and held every other page back.
    return render(
        request,
        "relay/plan.html",
        {
            "nav": "plan",
            "report": report,
            "sections": _plan_sections(request, report),
            "candidates": _swap_list(),
            "assignment_count": sum(len(line.assignments) for line in report.requests),
        },
    )


def _back_to_plan(request: HttpRequest) -> HttpResponse:
    """After an edit, the page of the plan the form was on (its `next`), else the first one."""
    target = request.POST.get("next", "")
    if target.startswith(reverse("plan")) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("plan")


@roles.role_required("moderator")
@require_POST
def replan(request: HttpRequest) -> HttpResponse:
    summary = do_apply_plan(actor=request.user)
    if summary.nothing:
        messages.info(request, summary.nothing)
        return redirect("plan")
    messages.success(
        request,
        ngettext(
            "Plan recomputed: %(created)d new assignment, %(kept)d kept.",
            "Plan recomputed: %(created)d new assignments, %(kept)d kept.",
            summary.created,
        )
        % {"created": summary.created, "kept": summary.kept},
    )
    return redirect("plan")


def _assignment(pk: int) -> Assignment:
    return get_object_or_404(Assignment.objects.select_related("request", "member__account"), pk=pk)


@roles.role_required("moderator")
@require_POST
def lock(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        do_lock_assignment(_assignment(pk), actor=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Assignment locked: re-planning keeps it."))
    return _back_to_plan(request)


@roles.role_required("moderator")
@require_POST
def unlock(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        do_unlock_assignment(_assignment(pk), actor=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Assignment unlocked."))
    return _back_to_plan(request)


@roles.role_required("moderator")
@require_POST
def swap(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(pk)
    # The swap field is free text with a list of handles to pick from: "@handle", "handle" or an id.
    wanted = request.POST.get("member", "").strip().lstrip("@")
    members = Member.objects.select_related("account")
    member = members.filter(pk=wanted).first() if wanted.isdigit() else None
    if member is None and wanted:
        member = members.filter(account__handle=wanted).order_by("pk").first()
    if member is None:
        messages.error(request, _("Choose a member."))
        return _back_to_plan(request)
    try:
        done = do_swap_assignment(assignment, member=member, actor=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Assignment given to @%(handle)s (locked).") % {"handle": done.member.account.handle},
        )
    return _back_to_plan(request)
