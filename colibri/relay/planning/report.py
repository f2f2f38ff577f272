"""The day's plan as it stands (after swaps), with its reach recomputed from scratch by
`colibri.core.reach.recompute`, for the dashboard.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Q
from django.utils import timezone

from colibri.core.planner import PlanConfig
from colibri.core.reach import ReachReport, recompute

from ..days import day_bounds
from ..models import (
    Assignment,
    AssignmentStatus,
    Audience,
    AuditLog,
    CollectiveSettings,
    Member,
    NetworkAccount,
    Request,
)
from .loading import BUDGET_STATUSES, audiences_and_seen, plan_member, plan_request, population_for


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


# What `plan_request`, `audiences_and_seen` and the plan page read of a request.
_REQUEST_COLUMNS = (
    "created_at",
    "region",
    "rome_code",
    "job_title",
    "status",
    "post__network",
    "post__author__handle",
)


@dataclass(frozen=True, slots=True)
class PlannedPair:
    request_id: str
    member_id: str
    rank: int
    phase: int


# The last report of each day with what it was computed from: moderators open /plan/ again and again,
# and rebuilding 2,500 assignments and their reach each time took most of the server's time (issue 17).
_memo: dict[date, tuple[tuple[Any, ...], DayReport]] = {}
_memo_lock = threading.Lock()


def _raw(rows: Any) -> tuple[Any, ...]:
    """A queryset's rows as the database driver returns them, without Django's per-value converters
    (4,000 rows on every plan view: on SQLite, parsing their dates and JSON took ~20 ms)."""
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (an empty list of ids)
        return ()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(cursor.fetchall())


def _inputs(day: date, start: datetime, end: datetime) -> tuple[Any, ...]:
    """Everything the report is computed from and shows, as plain values (a few light queries): the
    same inputs give the same report, so a changed swap, lock, status, handle or audience refresh
    makes a new one and nothing stale is ever served. Compared as the database sends them (`_raw`):
    the same raw values always convert to the same Python ones."""
    rows = Assignment.objects.filter(slot_start__gte=start, slot_start__lt=end, status__in=BUDGET_STATUSES)
    assignments = _raw(
        rows.order_by("id").values_list(
            "id", "request_id", "member_id", "slot_start", "status", "locked", "reach_added", "explanation"
        )
    )
    # Subqueries, not lists of ids: 500 request ids, 1,000 member ids and 1,500 account ids as bound
    # parameters cost ~30 ms of the driver's query parsing on every plan view (issue 17).
    requests = _raw(
        Request.objects.filter(id__in=rows.values("request_id"))
        .order_by("id")
        .values_list("id", "post__author_id", *_REQUEST_COLUMNS)
    )
    members = _raw(
        Member.objects.filter(id__in=rows.values("member_id"))
        .order_by("id")
        .values_list(
            "id",
            "mode",
            "regions",
            "job_families",
            "quiet_start",
            "quiet_end",
            "account_id",
            "account__handle",
            "account__followers_count",
            "account__network",
        )
    )
    officials = _raw(
        NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True).values_list("pk", "network")
    )
    accounts = (
        Q(account_id__in=Member.objects.filter(id__in=rows.values("member_id")).values("account_id"))
        | Q(account_id__in=Request.objects.filter(id__in=rows.values("request_id")).values("post__author_id"))
        | Q(account_id__in=[pk for pk, _n in officials])
    )
    audiences = _raw(
        Audience.objects.filter(accounts)
        .order_by("account_id")
        .values_list("account_id", "refreshed_at", "size")
    )
    cap = CollectiveSettings.objects.filter(pk=1).values_list("follower_daily_cap", flat=True).first()
    return (assignments, requests, members, officials, audiences, cap, _plan_population(day))


def day_report(day: date | None = None) -> DayReport:
    """The day's plan as it stands, with its reach recomputed from scratch (`reach.recompute`), or
    the same report again when nothing it is computed from changed since (`_inputs`)."""
    day = day or timezone.localdate()
    key = _inputs(day, *day_bounds(day))
    with _memo_lock:
        known = _memo.get(day)
    if known is not None and known[0] == key:
        return known[1]
    report = _compute(day)
    with _memo_lock:
        if len(_memo) > 3:  # yesterday's and older plans are not opened again
            _memo.clear()
        _memo[day] = (key, report)
    return report


def forget_reports() -> None:
    """Drop the remembered reports (a test that counts the queries of a computation)."""
    with _memo_lock:
        _memo.clear()


def _compute(day: date) -> DayReport:
    """Fixed number of queries: assignments, their requests and members, then audiences in one query.
    Each assignment's `reach_added` is replaced in memory by the recomputed figure."""
    start, end = day_bounds(day)
    rows = plan_order(
        list(Assignment.objects.filter(slot_start__gte=start, slot_start__lt=end, status__in=BUDGET_STATUSES))
    )
    # Each request and member once (a request has ~5 assignments, a member several), with only the
    # columns the planner and the page read: joined per assignment with every column, 2,480 rows
    # decoded the same triage JSON and raw payload five times over (2 s of the page, issue 17).
    request_rows = (
        Request.objects.select_related("post__author")
        .only(*_REQUEST_COLUMNS)
        .in_bulk({a.request_id for a in rows})
    )
    member_rows = (
        Member.objects.select_related("account")
        .defer("credentials", "account__bio")
        .in_bulk({a.member_id for a in rows})
    )
    for a in rows:
        a.request = request_rows[a.request_id]
        a.member = member_rows[a.member_id]
    if not rows:
        return DayReport(day, [], [], 0, 0.0, None)
    audiences, seen_by = audiences_and_seen(request_rows.values(), member_rows.values())
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
        PlannedPair(
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


def member_today(member: Member | None) -> list[Assignment]:
    """A member's assignments of today (planned or done), in slot order: one query."""
    if member is None:
        return []
    start, end = day_bounds(timezone.localdate())
    return list(
        Assignment.objects.filter(
            member=member, slot_start__gte=start, slot_start__lt=end, status__in=BUDGET_STATUSES
        )
        .select_related("request__post__author")
        .order_by("slot_start", "id")
    )
