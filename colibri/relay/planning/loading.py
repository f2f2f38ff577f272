"""The planner's input for one local day, read from the database in a fixed number of queries (no
query per row): approved requests still to amplify, active members with their budgets, preferences,
quiet hours and audiences (or follower counts), and the assignments the plan must keep ("anchors",
see the package docstring).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Sum
from django.utils import timezone
from pyroaring import BitMap

from colibri.core.planner import PlanConfig, PlanMember, PlanRequest
from colibri.core.reach import calibrate_population

from ..days import as_time, day_bounds, local_day_bounds
from ..lifecycle import PLANNABLE_STATUSES
from ..models import (
    Assignment,
    AssignmentStatus,
    Audience,
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


def local_tz() -> Any:
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
        network=str(member.account.network),
    )


def daily_budget(member: Member, cs: CollectiveSettings) -> int:
    """Reposts a member may be asked for in a day: their own budget, capped by the collective's
    "reposts per member per day" (a member may ask for fewer, never for more)."""
    return min(int(member.daily_budget), int(cs.member_daily_budget))


def plan_request(request: Request, *, already_reached: int = 0, seen: BitMap | None = None) -> PlanRequest:
    return PlanRequest(
        id=str(request.pk),
        waiting_since=request.created_at,
        region=request.region or None,
        job_family=request.rome_code or None,
        already_reached=already_reached,
        seeker_followers=seen,
        network=str(request.post.network),
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


def audiences_and_seen(
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


def queued_repost() -> Any:
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

    queued = queued_repost()
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

    audiences, seen_by = audiences_and_seen(request_rows.values(), member_rows.values())
    requests = [
        plan_request(r, already_reached=already.get(r.pk, 0), seen=seen_by(r)) for r in request_rows.values()
    ]
    members = [
        plan_member(
            m,
            audiences.get(m.account_id),
            # The collective's per-member maximum caps each member's own choice; today's kept
            # assignments use it up as locked pairs.
            day_left=daily_budget(m, cs),
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
