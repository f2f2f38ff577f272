"""Today's relay plan in the dashboard: per request, per member; lock, unlock, swap, re-plan.

Moderators and coordinators see and edit the plan (the review team runs the evening relay);
members see their own list on `/moi/` (`plan_tags.todays_assignments`). Every write goes through
`colibri.relay.planning`; the page is built in a fixed number of queries whatever the plan's size.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from colibri.relay import roles
from colibri.relay.actions.base import ActionError
from colibri.relay.models import Assignment, DonationMode, Member, MemberStatus
from colibri.relay.planning.apply import do_apply_plan
from colibri.relay.planning.edits import do_lock_assignment, do_swap_assignment, do_unlock_assignment
from colibri.relay.planning.report import day_report

PLAN_PAGE_REQUESTS = 25
PLAN_PAGE_MEMBERS = 100


@roles.role_required("moderator")
@require_GET
def plan_today(request: HttpRequest) -> HttpResponse:
    report = day_report()
    # One query for the swap menus: every active member, whoever the assignment. Written here, not
    # in a template loop: 1,000 members made 1,000 loop turns of the engine (~25 ms a view).
    modes = dict(DonationMode.choices)
    candidates = format_html_join(
        "",
        '<option value="@{}">{}</option>',
        (
            (handle, modes.get(mode, mode))
            for handle, mode in Member.objects.filter(status=MemberStatus.ACTIVE)
            .order_by("account__handle")
            .values_list("account__handle", "mode")
        ),
    )
    # Pages of requests and of members: a busy day (500 requests, 2,500 assignments, three forms
    # each) made one 3.7 MB page that took seconds to render and held every other page back.
    return render(
        request,
        "relay/plan.html",
        {
            "nav": "plan",
            "report": report,
            "requests_page": Paginator(report.requests, PLAN_PAGE_REQUESTS).get_page(request.GET.get("page")),
            "members_page": Paginator(report.by_member, PLAN_PAGE_MEMBERS).get_page(
                request.GET.get("membres")
            ),
            "candidates": candidates,
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
