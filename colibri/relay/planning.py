"""Today's relay plan in the database: planner input read from the DB, planner output written back.

`colibri.core.planner` is pure: it plans from `PlanRequest`/`PlanMember` values. This module is the
missing link with the app:

* `load_day()` builds the planner input for one local day from the DB in a fixed number of queries
  (no query per row): approved requests still to amplify (waiting time, région, ROME code, reach
  already received), active members with their budgets, preferences and quiet hours, their stored
  audiences (`colibri.tracking`) or follower counts, and the assignments the plan must keep.
* `do_apply_plan()` runs `plan()` and replaces the day's unlocked PLANNED assignments with its
  output, in one transaction with one audit row.
* `do_lock_assignment`, `do_unlock_assignment`, `do_swap_assignment` are a coordinator's edits.
* `day_report()` recomputes the reach of the day's plan as it stands now (after swaps) with
  `colibri.core.reach.recompute`, for the dashboard.

Kept assignments ("anchors"): DONE ones of the day, LOCKED ones, PLANNED ones whose repost is
already in the outbox (dispatch took them: deleting them would not stop the repost), and PLANNED
ones whose slot has passed (they were due, maybe announced to a notified member who may still
repost). They are handed to the planner as locked pairs, so they use their member's budget and
their followers' exposure, and the new assignments are planned around them. Anchors come first in
plan order (by id), then the new assignments in the planner's rank order; new rows are created
after every anchor, so plain id order is the plan order that `day_report()` replays.
Just before deleting, `do_apply_plan()` re-checks the replaced rows under row locks (a coordinator's
lock or swap waits for it); dispatch takes no row lock, so a repost it queues in the one statement
between that check and the delete still happens, for an assignment row that no longer exists.

The database holds no per-follower région or job family, so planning runs without a
`FollowerProfile`: relevance comes from member preferences only, and without a profile the
planner's credit attribution is plain plan order (protected and unprotected groups coincide),
which is exactly what `day_report()` replays.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from pyroaring import BitMap

from colibri.core.planner import Plan, PlanConfig, PlanMember, PlanRequest, plan
from colibri.core.reach import ReachReport, calibrate_population, recompute

from . import audit
from .actions.base import ActionError
from .days import as_time, day_bounds, local_day_bounds
from .lifecycle import PLANNABLE_STATUSES
from .models import (
    Assignment,
    AssignmentStatus,
    Audience,
    AuditLog,
    CollectiveSettings,
    Member,
    MemberStatus,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
)

# Assignments that count against a member's budget.
BUDGET_STATUSES = (AssignmentStatus.PLANNED, AssignmentStatus.DONE)
SLOT_STEP = timedelta(hours=1)


@dataclass(slots=True)
class DayInput:
    """What the planner needs for one day, and the DB rows behind the planner's string ids."""

    day: date
    now: datetime
    requests: list[PlanRequest]
    members: list[PlanMember]
    config: PlanConfig
    anchors: Sequence[Assignment]  # kept assignments of the day, in plan order
    replaced: list[int]  # ids of the day's assignments the new plan replaces
    excluded: list[tuple[str, str]]  # pairs that exist on another day (one assignment per pair, ever)
    request_rows: dict[int, Request]
    member_rows: dict[int, Member]

    @property
    def request_ids(self) -> set[str]:
        return {r.id for r in self.requests}

    @property
    def member_ids(self) -> set[str]:
        return {m.id for m in self.members}


@dataclass(slots=True)
class PlanSummary:
    day: date
    created: int
    removed: int
    kept: int
    total_reach: int
    total_estimated: float
    below_min_reach: list[int]
    reach_by_request: dict[int, int]
    plan: Plan | None = field(default=None, repr=False)


@dataclass(slots=True)
class RequestLine:
    request: Request
    assignments: list[Assignment]
    reach: int
    estimated: float
    already: int


@dataclass(slots=True)
class DayReport:
    day: date
    requests: list[RequestLine]
    by_member: list[tuple[Member, list[Assignment]]]
    total_reach: int
    total_estimated: float
    report: ReachReport | None


# --------------------------------------------------------------------------- time helpers


def _tz() -> Any:
    return timezone.get_current_timezone()


def day_slots(day: date, now: datetime, cs: CollectiveSettings) -> list[datetime]:
    """Hourly repost slots inside the collective's active hours that are still ahead of `now`."""
    start, end = local_day_bounds(day, as_time(cs.active_hours_start), as_time(cs.active_hours_end))
    slots = []
    t = start
    while t < end:
        if t >= now:
            slots.append(t)
        t += SLOT_STEP
    return slots


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


# --------------------------------------------------------------------------- reading the DB


def _bitmap(raw: bytes | memoryview | None) -> BitMap | None:
    return BitMap.deserialize(bytes(raw)) if raw is not None else None


def _audiences(account_ids: Iterable[int]) -> dict[int, BitMap]:
    return {
        acc: bm
        for acc, raw in Audience.objects.filter(account_id__in=set(account_ids)).values_list(
            "account_id", "bitmap"
        )
        if (bm := _bitmap(raw)) is not None
    }


def _quiet(member: Member) -> tuple[time, time] | None:
    if member.quiet_start is None or member.quiet_end is None or member.quiet_start == member.quiet_end:
        return None
    return (as_time(member.quiet_start), as_time(member.quiet_end))


def plan_member(member: Member, audience: BitMap | None, *, day_left: int, week_left: int) -> PlanMember:
    return PlanMember(
        id=str(member.pk),
        audience=audience,
        follower_count=int(member.account.followers_count or 0),
        budget_day=max(0, day_left),
        budget_week_left=max(0, week_left),
        regions=frozenset(str(r) for r in member.regions or ()),
        job_families=frozenset(str(f) for f in member.job_families or ()),
        quiet_hours=_quiet(member),
    )


def plan_request(request: Request, *, already_reached: int = 0, seen: BitMap | None = None) -> PlanRequest:
    return PlanRequest(
        id=str(request.pk),
        waiting_since=request.created_at,
        region=request.region or None,
        job_family=request.rome_code or None,
        already_reached=already_reached,
        seeker_followers=seen,
    )


def population_for(members: Sequence[PlanMember]) -> float | None:
    """The overlap-model population, as the planner calibrates it, fixed once so that the page's
    recomputation and the planner use the same one (None: every audience is known)."""
    known = [m.audience for m in members if m.audience is not None]
    counts = [m.follower_count for m in members if m.audience is None]
    if not counts:
        return None
    distinct = len(BitMap.union(*known)) if len(known) > 1 else sum(len(a) for a in known)
    floor = float(distinct + max(counts)) or 1.0
    return max(calibrate_population(known, default=floor), floor)


def _audiences_and_seen(
    requests: Iterable[Request], members: Iterable[Member]
) -> tuple[dict[int, BitMap], Callable[[Request], BitMap | None]]:
    """Stored audiences of the members, seekers and official accounts (two queries), and who saw a
    request's post already: the seeker's followers and the official account's (it reposts first)."""
    requests = list(requests)
    officials = list(
        NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True).values_list("pk", "network")
    )
    audiences = _audiences(
        {m.account_id for m in members} | {r.post.author_id for r in requests} | {pk for pk, _n in officials}
    )
    official_audience: dict[str, BitMap] = {}
    for pk, network in officials:
        if pk in audiences:
            official_audience[network] = official_audience.get(network, BitMap()) | audiences[pk]

    def seen_by(r: Request) -> BitMap | None:
        seen = audiences.get(r.post.author_id)
        official = official_audience.get(r.post.network)
        if official is not None:
            seen = official if seen is None else seen | official
        return seen

    return audiences, seen_by


def _queued() -> Any:
    """A repost in the outbox (not cancelled) for an assignment's request and member, as a subquery."""
    return OutboxAction.objects.filter(
        request=OuterRef("request_id"), account=OuterRef("member__account_id"), kind=OutboxKind.REPOST
    ).exclude(status=OutboxStatus.CANCELLED)


def load_day(day: date | None = None, *, now: datetime | None = None) -> DayInput:
    """The planner input for `day` (default today), read in a fixed number of queries."""
    now = now or timezone.now()
    day = day or timezone.localdate(now)
    start, end = day_bounds(day)
    now = max(now, start)  # planning a future day: from its start
    cs = CollectiveSettings.get()

    queued = _queued()
    request_rows = {
        r.pk: r
        for r in Request.objects.filter(
            status__in=PLANNABLE_STATUSES, erased_at__isnull=True, post__deleted_at__isnull=True
        ).select_related("post__author")
    }
    member_rows = {
        m.pk: m
        for m in Member.objects.filter(
            status=MemberStatus.ACTIVE,
            opted_in_at__isnull=False,  # membership needs an explicit opt-in
            account__erased_at__isnull=True,
            account__opted_out_at__isnull=True,
        ).select_related("account")
    }
    day_rows = list(
        Assignment.objects.filter(slot_start__gte=start, slot_start__lt=end)
        .annotate(queued=Exists(queued))
        .order_by("id")
    )
    anchors = [
        a
        for a in day_rows
        if a.request_id in request_rows
        and a.member_id in member_rows
        and (
            a.status == AssignmentStatus.DONE
            or (a.status == AssignmentStatus.PLANNED and (a.locked or a.queued or a.slot_start < now))
        )
    ]
    replaced = {
        a.pk
        for a in day_rows
        if a.status == AssignmentStatus.PLANNED and not a.locked and not a.queued and a.slot_start >= now
    }
    anchor_ids = {a.pk for a in anchors}

    # Budgets: the week's assignments before today that were done or are still planned.
    week_used: dict[int, int] = {}
    for member_id, n in (
        Assignment.objects.filter(
            member_id__in=member_rows,
            status__in=BUDGET_STATUSES,
            slot_start__gte=day_bounds(week_start(day))[0],
            slot_start__lt=start,
        )
        .values_list("member_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        week_used[member_id] = n
    # Reach already received: planned reach of the request's done reposts (tracking refines it).
    already: dict[int, int] = {
        rid: int(total or 0)
        for rid, total in Assignment.objects.filter(request_id__in=request_rows, status=AssignmentStatus.DONE)
        .exclude(slot_start__gte=start, slot_start__lt=end)  # today's are anchors: the plan counts them
        .values_list("request_id")
        .annotate(total=Sum("reach_added"))
        .order_by()
    }
    # One assignment per (request, member), ever: pairs from other days can't be planned again.
    excluded = [
        (str(rid), str(mid))
        for rid, mid in Assignment.objects.filter(request_id__in=request_rows, member_id__in=member_rows)
        .exclude(slot_start__gte=start, slot_start__lt=end)
        .values_list("request_id", "member_id")
    ] + [
        (str(a.request_id), str(a.member_id))
        for a in day_rows
        if a.pk not in replaced and a.pk not in anchor_ids
    ]

    audiences, seen_by = _audiences_and_seen(request_rows.values(), member_rows.values())
    requests = [
        plan_request(r, already_reached=already.get(r.pk, 0), seen=seen_by(r)) for r in request_rows.values()
    ]
    members = [
        plan_member(
            m,
            audiences.get(m.account_id),
            day_left=m.daily_budget,  # today's kept assignments use it up as locked pairs
            week_left=m.weekly_budget - week_used.get(m.pk, 0),
        )
        for m in member_rows.values()
    ]
    config = PlanConfig(
        now=now,
        slots=tuple(day_slots(day, now, cs)),
        timezone=settings.TIME_ZONE,
        exposure_cap=int(cs.follower_daily_cap) or 1,
        population=population_for(members),
    )
    return DayInput(
        day, now, requests, members, config, anchors, sorted(replaced), excluded, request_rows, member_rows
    )


# --------------------------------------------------------------------------- actions


@transaction.atomic
def do_apply_plan(*, actor: Any, day: date | None = None, now: datetime | None = None) -> PlanSummary:
    """(Re)plan a day: replace its unlocked PLANNED assignments with the planner's, keep the others."""
    now = now or timezone.now()
    day = day or timezone.localdate(now)
    # Serialise concurrent re-plans (row lock on PostgreSQL; SQLite serialises writers anyway).
    list(CollectiveSettings.objects.select_for_update().filter(pk=CollectiveSettings.get().pk))
    data = load_day(day, now=now)
    # Re-check what load_day saw, under row locks (lock/swap actions wait for us): a coordinator may
    # have locked one meanwhile, or dispatch queued its repost (dispatch takes no row lock: a row it
    # queues after this statement is deleted, its repost still happens, see the module docstring).
    doomed = list(
        Assignment.objects.select_for_update()
        .filter(pk__in=data.replaced, status=AssignmentStatus.PLANNED, locked=False)
        .exclude(Exists(_queued()))
        .values_list("pk", flat=True)
    )
    removed, _by_model = Assignment.objects.filter(pk__in=doomed).delete()
    anchors = list(data.anchors)
    if len(doomed) < len(data.replaced):  # survivors are kept like the other anchors
        survivors = Assignment.objects.filter(pk__in=set(data.replaced) - set(doomed)).order_by("id")
        rids, mids = data.request_ids, data.member_ids
        anchors += [a for a in survivors if str(a.request_id) in rids and str(a.member_id) in mids]
        anchors.sort(key=lambda a: a.pk)
    locked_pairs = [(str(a.request_id), str(a.member_id)) for a in anchors]
    result = plan(data.requests, data.members, data.config, locked=locked_pairs, excluded=data.excluded)
    rows = [
        Assignment(
            request_id=int(a.request_id),
            member_id=int(a.member_id),
            slot_start=a.slot,
            status=AssignmentStatus.PLANNED,
            reach_added=round(a.estimated_added) if a.estimate else a.reach_added,
            relevance=a.relevance,
            explanation=a.explanation_fr,
            locked=False,
            created_at=now,
        )
        for a in result.assignments
        if not a.locked
    ]
    # One by one in plan order would be a query per row; bulk_create keeps the order, so ids follow ranks.
    Assignment.objects.bulk_create(rows)
    by_request = {int(rid): rr.reach for rid, rr in result.reach_by_request.items()}
    summary = PlanSummary(
        day=day,
        created=len(rows),
        removed=removed,
        kept=len(anchors),
        total_reach=result.total_reach,
        total_estimated=float(result.total_estimated),
        below_min_reach=[int(r) for r in result.stats.get("below_min_reach", [])],
        reach_by_request=by_request,
        plan=result,
    )
    audit.record(
        "plan.applied",
        actor=actor,
        day=day.isoformat(),
        created=summary.created,
        removed=summary.removed,
        kept=summary.kept,
        total_reach=summary.total_reach,
        total_estimated=round(summary.total_estimated, 1),
        below_min_reach=summary.below_min_reach,
        seconds=result.stats.get("seconds"),
        # The overlap-model population used: day_report() reuses it so estimates match the plan's.
        population=data.config.population,
    )
    return summary


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
    pm = plan_member(member, None, day_left=1, week_left=1)
    if not pm.accepts(plan_request(assignment.request)):
        wanted = ", ".join(sorted(pm.regions | pm.job_families))
        return _("%(handle)s only relays some régions or job families (%(wanted)s): not this request.") % {
            "handle": handle,
            "wanted": wanted,
        }
    if pm.quiet_at(assignment.slot_start, _tz()):
        return _("%(handle)s is in quiet hours at %(time)s.") % {
            "handle": handle,
            "time": f"{timezone.localtime(assignment.slot_start):%H:%M}",
        }
    day = timezone.localdate(assignment.slot_start)
    start, end = day_bounds(day)
    mine = Assignment.objects.filter(member=member, status__in=BUDGET_STATUSES)
    used_day = mine.filter(slot_start__gte=start, slot_start__lt=end).count()
    if used_day >= member.daily_budget:
        return _("%(handle)s has reached their daily budget (%(used)d/%(budget)d relays).") % {
            "handle": handle,
            "used": used_day,
            "budget": member.daily_budget,
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
    row = Assignment.objects.select_related("request", "member__account").get(pk=row.pk)
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


# --------------------------------------------------------------------------- reading the plan


def plan_order(assignments: Sequence[Assignment]) -> list[Assignment]:
    """The planner's order: anchors were created before the assignments planned around them, and
    bulk_create keeps the planner's rank order, so it is id order (see the module docstring)."""
    return sorted(assignments, key=lambda a: a.pk)


def _plan_population(day: date) -> float | None:
    last = (
        AuditLog.objects.filter(action="plan.applied", details__day=day.isoformat())
        .order_by("-id")
        .values_list("details", flat=True)
        .first()
    )
    value = (last or {}).get("population")
    return float(value) if value else None


@dataclass(frozen=True, slots=True)
class _Pair:
    request_id: str
    member_id: str
    rank: int
    phase: int


def day_report(day: date | None = None) -> DayReport:
    """The day's plan as it stands, with its reach recomputed from scratch (`reach.recompute`).

    Fixed number of queries: assignments with their request/member rows, then audiences in one query.
    Each assignment's `reach_added` is replaced in memory by the recomputed figure."""
    day = day or timezone.localdate()
    start, end = day_bounds(day)
    rows = plan_order(
        list(
            Assignment.objects.filter(
                slot_start__gte=start, slot_start__lt=end, status__in=BUDGET_STATUSES
            ).select_related("request__post__author", "member__account")
        )
    )
    request_rows = {a.request_id: a.request for a in rows}
    member_rows = {a.member_id: a.member for a in rows}
    if not rows:
        return DayReport(day, [], [], 0, 0.0, None)
    audiences, seen_by = _audiences_and_seen(request_rows.values(), member_rows.values())
    prequests = [plan_request(r, seen=seen_by(r)) for r in request_rows.values()]
    pmembers = [
        plan_member(m, audiences.get(m.account_id), day_left=0, week_left=0) for m in member_rows.values()
    ]
    # Read only: a GET must not create the settings row (unsaved defaults until a coordinator saves).
    cs = CollectiveSettings.objects.filter(pk=1).first() or CollectiveSettings()
    config = PlanConfig(
        now=start,
        timezone=settings.TIME_ZONE,
        exposure_cap=int(cs.follower_daily_cap) or 1,
        population=_plan_population(day) or population_for(pmembers),
    )
    pairs = [
        _Pair(
            str(a.request_id),
            str(a.member_id),
            rank,
            0 if (a.locked or a.status == AssignmentStatus.DONE) else 2,
        )
        for rank, a in enumerate(rows)
    ]
    report = recompute(pairs, prequests, pmembers, config, None, guard_shares=False)
    by_req: dict[int, list[Assignment]] = {}
    by_member: dict[int, list[Assignment]] = {}
    for a, (reach_added, _rel, _share) in zip(rows, report.per_assignment, strict=True):
        # Known audiences: the exact recomputed figure; follower counts only: the planner's estimate.
        a.is_estimate = member_rows[a.member_id].account_id not in audiences  # type: ignore[attr-defined]
        if not a.is_estimate:  # type: ignore[attr-defined]
            a.reach_added = reach_added
        by_req.setdefault(a.request_id, []).append(a)
        by_member.setdefault(a.member_id, []).append(a)
    lines = []
    for rid, items in by_req.items():
        rr = report.by_request[str(rid)]
        lines.append(
            RequestLine(
                request_rows[rid],
                sorted(items, key=lambda a: a.slot_start),
                rr.reach,
                rr.estimated,
                rr.already_reached,
            )
        )
    lines.sort(key=lambda line: (line.request.created_at, line.request.pk))
    members_out = sorted(
        ((member_rows[mid], sorted(items, key=lambda a: a.slot_start)) for mid, items in by_member.items()),
        key=lambda mi: mi[0].account.handle,
    )
    return DayReport(day, lines, members_out, report.total_reach, report.total_estimated, report)
