"""A coordinator's edits of the day's plan: pin an assignment (a re-plan keeps it), unpin it, or give
it to another member.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..actions.base import ActionError
from ..days import day_bounds
from ..models import (
    Assignment,
    AssignmentStatus,
    CollectiveSettings,
    Member,
    MemberStatus,
)
from .loading import BUDGET_STATUSES, daily_budget, local_tz, plan_member, plan_request, week_start
from .report import day_report


def _locked_row(assignment: Assignment) -> Assignment:
    row = Assignment.objects.select_for_update().filter(pk=assignment.pk).first()
    if row is None:
        raise ActionError(_("This relay no longer exists (the plan may have been recomputed)."))
    return row


@transaction.atomic
def do_lock_assignment(assignment: Assignment, *, actor: Any) -> Assignment:
    """Pin an assignment: re-planning keeps it."""
    row = _locked_row(assignment)
    if row.status != AssignmentStatus.PLANNED:
        raise ActionError(_("Only a planned relay can be locked."))
    if not row.locked:
        Assignment.objects.filter(pk=row.pk).update(locked=True)
        row.locked = True
        audit.record("assignment.locked", actor=actor, request=row.request_id, assignment_id=row.pk)
    assignment.locked = True
    return row


@transaction.atomic
def do_unlock_assignment(assignment: Assignment, *, actor: Any) -> Assignment:
    """Unpin an assignment: the next re-plan may replace it."""
    row = _locked_row(assignment)
    if row.locked:
        Assignment.objects.filter(pk=row.pk).update(locked=False)
        row.locked = False
        audit.record("assignment.unlocked", actor=actor, request=row.request_id, assignment_id=row.pk)
    assignment.locked = False
    return row


def swap_refusal(assignment: Assignment, member: Member) -> str | None:
    """Why `member` cannot take `assignment` over (in the UI language), or None if they can."""
    handle = f"@{member.account.handle}"
    if assignment.status != AssignmentStatus.PLANNED:
        return _("Only a planned relay can be swapped.")
    if member.pk == assignment.member_id:
        return _("%(handle)s is already assigned to this relay.") % {"handle": handle}
    if member.status != MemberStatus.ACTIVE:
        return _("%(handle)s is not active at the moment (%(status)s).") % {
            "handle": handle,
            "status": member.get_status_display(),
        }
    if Assignment.objects.filter(request_id=assignment.request_id, member=member).exists():
        return _("%(handle)s already has a relay for this request.") % {"handle": handle}
    if member.account.network != assignment.request.post.network:
        return _("%(handle)s is on %(network)s: they cannot repost a post from another network.") % {
            "handle": handle,
            "network": member.account.get_network_display(),
        }
    pm = plan_member(member, None, day_left=1, week_left=1)
    if not pm.accepts(plan_request(assignment.request)):
        wanted = ", ".join(sorted(pm.regions | pm.job_families))
        return _("%(handle)s only relays some régions or job families (%(wanted)s): not this request.") % {
            "handle": handle,
            "wanted": wanted,
        }
    if pm.quiet_at(assignment.slot_start, local_tz()):
        return _("%(handle)s is in quiet hours at %(time)s.") % {
            "handle": handle,
            "time": f"{timezone.localtime(assignment.slot_start):%H:%M}",
        }
    day = timezone.localdate(assignment.slot_start)
    start, end = day_bounds(day)
    mine = Assignment.objects.filter(member=member, status__in=BUDGET_STATUSES)
    used_day = mine.filter(slot_start__gte=start, slot_start__lt=end).count()
    budget = daily_budget(member, CollectiveSettings.get())
    if used_day >= budget:
        return _("%(handle)s has reached their daily budget (%(used)d/%(budget)d relays).") % {
            "handle": handle,
            "used": used_day,
            "budget": budget,
        }
    used_week = mine.filter(slot_start__gte=day_bounds(week_start(day))[0], slot_start__lt=end).count()
    if used_week >= member.weekly_budget:
        return _("%(handle)s has reached their weekly budget (%(used)d/%(budget)d relays).") % {
            "handle": handle,
            "used": used_week,
            "budget": member.weekly_budget,
        }
    return None


@transaction.atomic
def do_swap_assignment(assignment: Assignment, *, member: Member, actor: Any) -> Assignment:
    """Give a planned assignment to another member (checked against budget and preferences).

    The swapped assignment is locked: a coordinator chose this member, a re-plan must not undo it.
    Its reach is recomputed with the rest of the day's plan."""
    row = _locked_row(assignment)
    row = Assignment.objects.select_related("request__post", "member__account").get(pk=row.pk)
    member = Member.objects.select_related("account").get(pk=member.pk)
    refusal = swap_refusal(row, member)
    if refusal:
        raise ActionError(refusal)
    old = row.member.account.handle
    # Stored with the row and shown on the plan page: written in the language of the moment.
    explanation = _("Swapped by a coordinator: replaces @%(old)s; locked") % {"old": old}
    Assignment.objects.filter(pk=row.pk).update(member=member, locked=True, explanation=explanation)
    report = day_report(timezone.localdate(row.slot_start))
    added = {a.pk: a.reach_added for line in report.requests for a in line.assignments}
    Assignment.objects.filter(pk=row.pk).update(reach_added=added.get(row.pk, 0))
    audit.record(
        "assignment.swapped",
        actor=actor,
        request=row.request_id,
        assignment_id=row.pk,
        old_member=old,
        new_member=member.account.handle,
    )
    return Assignment.objects.select_related("request", "member__account").get(pk=row.pk)
