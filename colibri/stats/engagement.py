"""Engagement where people look: a request's reposts and likes over time (a small chart), who relayed
it, and the week's figures for the home pages. Read from `colibri.tracking` (snapshots and the
timeline of audited reposts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connections
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    EngagementSnapshot,
    Member,
    NetworkAccount,
    OutcomeStatus,
    Request,
)
from colibri.tracking import stats as tracking

MAX_POINTS = 200  # a request is measured about hourly for a week: ~170 snapshots


@dataclass(frozen=True, slots=True)
class Relayer:
    handle: str
    official: bool
    at: datetime | None


@dataclass(frozen=True, slots=True)
class Chart:
    """A small inline SVG line chart (server-drawn: no script, readable without one)."""

    width: int
    height: int
    reposts: str  # polyline points
    likes: str
    max_value: int
    first: datetime
    last: datetime
    alt: str


def relayers(request: Request) -> list[Relayer]:
    """Accounts whose repost of this request stands: the audited reposts made by Colibri (official and
    delegated members) minus those undone, then members seen reposting by themselves in the latest
    snapshot."""
    standing: dict[str, datetime] = {}
    for event in tracking.request_timeline(request):
        details = event["details"]
        if event["action"] != "outbox.done" or details.get("kind") not in ("repost", "undo_repost"):
            continue
        handle = str(details.get("account", ""))
        if details["kind"] == "undo_repost":
            standing.pop(handle, None)
        elif handle:
            standing.setdefault(handle, event["at"])
    official = set(
        NetworkAccount.objects.filter(
            network=request.post.network, is_official=True, handle__in=list(standing)
        ).values_list("handle", flat=True)
    )
    out = [Relayer(handle, handle in official, at) for handle, at in standing.items()]
    latest = tracking.latest_engagement(request)
    if latest is not None:
        seen = set(standing)
        out += [
            Relayer(m.account.handle, False, None)
            for m in tracking.members_who_reposted(latest)
            if m.account.handle not in seen
        ]
    # The official account first, then members in the order they reposted (seen-only ones last).
    return sorted(out, key=lambda r: (not r.official, r.at is None, r.at or request.created_at, r.handle))


def chart(request: Request, *, width: int = 320, height: int = 90) -> Chart | None:
    rows: list[tuple[datetime, int, int]] = list(
        EngagementSnapshot.objects.filter(request=request)
        .order_by("taken_at", "id")
        .values_list("taken_at", "reposts", "likes")[:MAX_POINTS]
    )
    if not rows:
        return None
    first, last = rows[0][0], rows[-1][0]
    span = max((last - first).total_seconds(), 1.0)
    top = max(max(r, lk) for _t, r, lk in rows) or 1
    pad = 4

    def points(values: list[int]) -> str:
        return " ".join(
            f"{pad + (t - first).total_seconds() / span * (width - 2 * pad):.1f},"
            f"{height - pad - v / top * (height - 2 * pad):.1f}"
            for (t, _r, _l), v in zip(rows, values, strict=True)
        )

    alt = _("Chart of the reposts and likes of this request over time: %(points)s.") % {
        "points": "; ".join(
            f"{date_format(timezone.localtime(t), 'SHORT_DATETIME_FORMAT')} {r} / {lk}"
            for t, r, lk in (rows if len(rows) <= 6 else [rows[0], rows[len(rows) // 2], rows[-1]])
        )
    }
    return Chart(
        width,
        height,
        points([r for _t, r, _l in rows]),
        points([lk for _t, _r, lk in rows]),
        top,
        first,
        last,
        alt,
    )


@dataclass(frozen=True, slots=True)
class Week:
    start: datetime
    detected: int
    relayed: int
    hired: int
    member_reposts: int
    reach: int  # sum over the week's relayed requests of their best reach estimate


def _week_sql(alias: str, start: datetime, end: datetime) -> tuple[str, list[Any]]:
    """The week's figures in one statement: four counts, each an index range (created_at, relayed_at,
    outcome_at, done_at), and the sum of the relayed requests' best reach, as scalar subqueries of one
    SELECT. One aggregate with FILTER clauses read the whole requests table on every home page; one
    round trip per figure cost the queue view three more (issue 17)."""
    week_rows = Request.objects.using(alias).filter
    counts = [
        week_rows(created_at__gte=start, created_at__lt=end),
        week_rows(relayed_at__gte=start, relayed_at__lt=end),
        week_rows(outcome=OutcomeStatus.HIRED, outcome_at__gte=start, outcome_at__lt=end),
        Assignment.objects.using(alias).filter(
            status=AssignmentStatus.DONE, done_at__gte=start, done_at__lt=end
        ),
    ]
    best = (
        EngagementSnapshot.objects.using(alias)
        .filter(request__relayed_at__gte=start, request__relayed_at__lt=end)
        .values("request_id")
        .annotate(best=Max("reach_estimate"))
    )
    parts: list[str] = []
    params: list[Any] = []
    for n, rows in enumerate(counts):
        sql, more = rows.order_by().values("pk").query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS rows{n})")  # noqa: S608 (Django's own SQL)
        params.extend(more)
    sql, more = best.order_by().query.sql_with_params()
    parts.append(f"(SELECT COALESCE(SUM(best), 0) FROM ({sql}) AS reach)")  # noqa: S608 (Django's own SQL)
    params.extend(more)
    return "SELECT " + ", ".join(parts), params


# The statement of a week is the same for every view of that week (only its answer changes): the ORM
# built it from five querysets on every home page (~1 ms of CPU), it is now built once a week.
_week_statements: dict[tuple[str, datetime, datetime], tuple[str, list[Any]]] = {}


def week(now: datetime | None = None, *, using: str = "default") -> Week:
    """Figures of the current week (Monday 00:00 local, as the planner's budgets)."""
    start = tracking.week_start(now)
    end = start + timedelta(days=7)
    key = (using, start, end)
    statement = _week_statements.get(key)
    if statement is None:
        statement = _week_sql(using, start, end)
        if len(_week_statements) > 16:  # a few weeks and time zones at most
            _week_statements.clear()
        _week_statements[key] = statement
    sql, params = statement
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        detected, relayed, hired, member_reposts, reach = (int(v or 0) for v in cursor.fetchone())
    return Week(start, detected, relayed, hired, member_reposts, reach)


def latest_summary(request: Request) -> str:
    snap = tracking.latest_engagement(request)
    if snap is None:
        return ""
    return _("Latest measure: %(reposts)s reposts, %(likes)s likes, about %(reach)s people reached.") % {
        "reposts": number_format(snap.reposts, force_grouping=True),
        "likes": number_format(snap.likes, force_grouping=True),
        "reach": number_format(snap.reach_estimate, force_grouping=True),
    }


@dataclass(frozen=True, slots=True)
class Given:
    """What one member gave (tracking.member_stats) and what the requests they relayed reached."""

    donated_this_week: int
    donated_total: int
    requests: int  # distinct requests they reposted
    reposts: int  # best measured reposts of those requests (everyone's, the member's included)
    reach: int  # best estimated reach of those requests


def given(member: Member) -> Given:
    from .models import RequestEngagement
    from .queries import refresh_engagement

    mine = tracking.member_stats([member])[member.pk]
    done = Assignment.objects.filter(member=member, status=AssignmentStatus.DONE).values("request_id")
    refresh_engagement()
    best = RequestEngagement.objects.filter(request__in=done).aggregate(
        n=Count("request"), reposts=Sum("reposts"), reach=Sum("reach")
    )
    return Given(
        mine.donated_this_week, mine.donated_total, best["n"] or 0, best["reposts"] or 0, best["reach"] or 0
    )
