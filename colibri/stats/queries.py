"""The collective's figures over a period, aggregated in SQL (one query per table of figures).

Every figure counts requests detected in the period (`Request.created_at`), whatever happened to them
after. Engagement per request is its best snapshot (reposts, likes and reach only grow while the post
lives; an undo or deletion later must not make a relayed request look as if it reached nobody), kept
per request in `RequestEngagement` and refreshed from the new snapshots only.
Distributions are quantiles, computed by PostgreSQL (`percentile_cont`) where it runs and in Python on
SQLite, with the same interpolation. The whole report is cached for a few minutes: the page is read far
more often than the figures change (`report`: fresh for a few minutes, then refreshed in the background
while the stale copy is served).
"""

from __future__ import annotations

import logging
import threading
import time as systime
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Coalesce, Substr, TruncWeek
from django.utils import timezone

from colibri.core.aggregates import QUANTILES, Proportion, quantiles, wilson
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    Audience,
    EngagementSnapshot,
    Member,
    MemberStatus,
    OutcomeStatus,
    Request,
)

from .models import EngagementWatermark, RequestEngagement

logger = logging.getLogger(__name__)

# Outcomes that mean the seeker answered the follow-up ("no answer" is the absence of one).
ANSWERED = (OutcomeStatus.HIRED, OutcomeStatus.SEARCHING, OutcomeStatus.WITHDRAWN)
FUNNEL = ("detected", "eligible", "relayed", "answered", "hired")
# Audience sizes of the relayers, in followers: [low, high) with None for "and more".
AUDIENCE_BUCKETS: tuple[tuple[int, int | None], ...] = (
    (0, 100),
    (100, 500),
    (500, 2000),
    (2000, 10000),
    (10000, None),
)


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime  # inclusive
    end: datetime  # exclusive

    @property
    def first_day(self) -> date:
        return timezone.localtime(self.start).date()

    @property
    def last_day(self) -> date:
        return timezone.localtime(self.end - timedelta(microseconds=1)).date()

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.get_current_timezone())


def days_period(first: date, last: date) -> Period:
    """From the start of `first` to the end of `last` (local days)."""
    return Period(_local_midnight(first), _local_midnight(last + timedelta(days=1)))


def last_days(days: int = 365, now: datetime | None = None) -> Period:
    """The `days` local days ending today (the default period of the pages)."""
    today = timezone.localdate(now or timezone.now())
    return days_period(today - timedelta(days=days - 1), today)


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return days_period(first, following - timedelta(days=1))


def previous_month(now: datetime | None = None) -> Period:
    first_this = timezone.localdate(now or timezone.now()).replace(day=1)
    last_prev = first_this - timedelta(days=1)
    return month_period(last_prev.year, last_prev.month)


@dataclass(frozen=True, slots=True)
class Distribution:
    count: int
    total: float
    quantiles: tuple[float, ...] | None  # at QUANTILES (25, 50, 75, 90 %); None when count is 0

    @property
    def median(self) -> float | None:
        return self.quantiles[1] if self.quantiles else None

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One région, job family or département: seekers are distinct accounts (people), the rest requests."""

    key: str
    seekers: int
    requests: int
    eligible: int
    relayed: int
    hired: int


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    weekly: list[tuple[date, dict[str, int]]]  # Monday -> status -> requests
    categories: list[tuple[str, int, int]]  # (category, requests, eligible)
    funnel: dict[str, int]
    seekers: int
    relay_delay_hours: Distribution
    reposts: Distribution
    likes: Distribution
    reach: Distribution
    outcome: Proportion  # hired among those who answered
    followed_up: int  # relayed requests whose outcome was asked (any answer, "no answer" included)
    outcome_counts: dict[str, int]
    regions: list[Breakdown]
    families: list[Breakdown]
    departements: list[Breakdown]
    members_active: int  # members with at least one repost done in the period
    reposts_donated: int
    audience: Distribution  # followers of active members (latest stored audience)
    audience_buckets: list[tuple[int, int | None, int]] = field(default_factory=list)  # (low, high, members)
    networks: dict[str, int] = field(default_factory=dict)


def requests_in(period: Period) -> QuerySet[Request]:
    return Request.objects.filter(created_at__gte=period.start, created_at__lt=period.end)


def _distributions(values: QuerySet[Any], columns: list[str]) -> list[Distribution]:
    """Count, sum and quantiles of each column of a `.values(*columns)` queryset: on PostgreSQL in one
    query (one scan for every column), elsewhere in Python with the same interpolation."""
    if connection.vendor == "postgresql":
        sql, params = values.values(*columns).query.sql_with_params()
        at = ", ".join(str(q) for q in QUANTILES)
        names = [f"c{i}" for i in range(len(columns))]
        select = ", ".join(
            f"count({c}), coalesce(sum({c}), 0), percentile_cont(ARRAY[{at}]) WITHIN GROUP (ORDER BY {c})"
            for c in names
        )
        with connection.cursor() as cur:
            cur.execute(f"SELECT {select} FROM ({sql}) AS s({', '.join(names)})", params)  # noqa: S608
            row = cur.fetchone()
        out = []
        for i in range(len(columns)):
            n, total, qv = row[3 * i : 3 * i + 3]
            out.append(Distribution(int(n), float(total), tuple(float(x) for x in qv) if n else None))
        return out
    rows = list(values.values_list(*columns))
    out = []
    for i in range(len(columns)):
        data = [float(r[i]) for r in rows if r[i] is not None]
        q = quantiles(data)
        out.append(Distribution(len(data), float(sum(data)), tuple(q) if q else None))
    return out


def _distribution(values: QuerySet[Any], column: str) -> Distribution:
    return _distributions(values, [column])[0]


def _breakdown(qs: QuerySet[Request], key: Any) -> list[Breakdown]:
    rows = (
        qs.annotate(k=key)
        .exclude(k="")
        .values("k")
        .annotate(
            seekers=Count("post__author", distinct=True),
            requests=Count("id"),
            eligible=Count("id", filter=Q(eligible=True)),
            relayed=Count("id", filter=Q(relayed_at__isnull=False)),
            hired=Count("id", filter=Q(outcome=OutcomeStatus.HIRED)),
        )
        .order_by("-seekers", "k")
    )
    return [
        Breakdown(r["k"], r["seekers"], r["requests"], r["eligible"], r["relayed"], r["hired"]) for r in rows
    ]


def compute(period: Period) -> Report:
    qs = requests_in(period)
    # Statuses per week (bucketed in the collective's time zone: a Sunday-evening post is that week's).
    weekly: dict[date, dict[str, int]] = {}
    for row in (
        qs.annotate(week=TruncWeek("created_at"))
        .values("week", "status")
        .annotate(n=Count("id"))
        .order_by("week", "status")
    ):
        week = timezone.localtime(row["week"]).date() if isinstance(row["week"], datetime) else row["week"]
        weekly.setdefault(week, {})[row["status"]] = row["n"]

    categories = [
        (r["category"] or "", r["n"], r["ok"])
        for r in qs.values("category")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(eligible=True)))
        .order_by("-n", "category")
    ]
    totals = qs.aggregate(
        detected=Count("id"),
        eligible=Count("id", filter=Q(eligible=True)),
        relayed=Count("id", filter=Q(relayed_at__isnull=False)),
        answered=Count("id", filter=Q(outcome__in=ANSWERED)),
        hired=Count("id", filter=Q(outcome=OutcomeStatus.HIRED)),
        followed=Count("id", filter=Q(relayed_at__isnull=False) & ~Q(outcome="")),
        seekers=Count("post__author", distinct=True),
    )
    funnel = {k: int(totals[k] or 0) for k in FUNNEL}
    outcome_counts = {
        r["outcome"]: r["n"]
        for r in qs.exclude(outcome="").values("outcome").annotate(n=Count("id")).order_by("outcome")
    }
    networks = {r["post__network"]: r["n"] for r in qs.values("post__network").annotate(n=Count("id"))}

    relayed = qs.filter(relayed_at__isnull=False)
    # Hours from the seeker's post (or its detection when the network gave no date) to the first relay.
    delay = relayed.annotate(
        d=ExpressionWrapper(
            F("relayed_at") - Coalesce("post__posted_at", "created_at"), output_field=DurationField()
        )
    ).values("d")
    delay_dist = _duration_hours(delay)

    refresh_engagement()
    best = RequestEngagement.objects.filter(request__in=relayed.values("id"))
    reposts, likes, reach = _distributions(best, ["reposts", "likes", "reach"])

    done = Assignment.objects.filter(
        status=AssignmentStatus.DONE, done_at__gte=period.start, done_at__lt=period.end
    ).aggregate(members=Count("member", distinct=True), reposts=Count("id"))
    active = Member.objects.filter(status=MemberStatus.ACTIVE, opted_in_at__isnull=False)
    audiences = Audience.objects.filter(account__member__in=active)
    audience = _distribution(audiences, "size")
    bucket_counts = audiences.aggregate(
        **{
            f"b{i}": Count("id", filter=Q(size__gte=low) & (Q(size__lt=high) if high else Q()))
            for i, (low, high) in enumerate(AUDIENCE_BUCKETS)
        }
    )
    audience_buckets = [
        (low, high, int(bucket_counts[f"b{i}"] or 0)) for i, (low, high) in enumerate(AUDIENCE_BUCKETS)
    ]

    return Report(
        period=period,
        weekly=sorted(weekly.items()),
        categories=categories,
        funnel=funnel,
        seekers=int(totals["seekers"] or 0),
        relay_delay_hours=delay_dist,
        reposts=reposts,
        likes=likes,
        reach=reach,
        outcome=wilson(funnel["hired"], funnel["answered"]),
        followed_up=int(totals["followed"] or 0),
        outcome_counts=outcome_counts,
        regions=_breakdown(qs, F("region")),
        families=_breakdown(qs, Substr("rome_code", 1, 1)),
        departements=_breakdown(qs, F("departement")),
        members_active=int(done["members"] or 0),
        reposts_donated=int(done["reposts"] or 0),
        audience=audience,
        audience_buckets=audience_buckets,
        networks=networks,
    )


def _duration_hours(values: QuerySet[Any]) -> Distribution:
    if connection.vendor == "postgresql":
        sql, params = values.query.sql_with_params()
        qs_sql = ", ".join(str(q) for q in QUANTILES)
        with connection.cursor() as cur:
            cur.execute(
                "SELECT count(h), coalesce(sum(h), 0), percentile_cont(ARRAY["  # noqa: S608
                + qs_sql
                + "]) WITHIN GROUP (ORDER BY h) FROM (SELECT extract(epoch FROM t.d) / 3600.0 AS h FROM ("
                + sql
                + ") t(d)) s WHERE h IS NOT NULL",
                params,
            )
            n, total, qv = cur.fetchone()
        return Distribution(int(n), float(total), tuple(float(x) for x in qv) if n else None)
    hours = [d.total_seconds() / 3600 for d in values.values_list("d", flat=True) if d is not None]
    q = quantiles(hours)
    return Distribution(len(hours), float(sum(hours)), tuple(q) if q else None)


# Snapshots are folded from a little before the watermark: a snapshot whose transaction committed after
# one with a higher id (two collectors at once) is still seen. Folding is a max, so folding twice is harmless.
REFOLD = 5000


def refresh_engagement() -> int:
    """Fold the snapshots added since the last refresh into RequestEngagement (per-request maxima), in
    one INSERT … SELECT … ON CONFLICT; returns the new watermark."""
    from django.db import transaction

    snap = EngagementSnapshot._meta.db_table
    best = RequestEngagement._meta.db_table
    greatest = "GREATEST" if connection.vendor == "postgresql" else "MAX"  # SQLite's scalar max()
    with transaction.atomic():
        mark, _created = EngagementWatermark.objects.select_for_update().get_or_create(pk=1)
        top = EngagementSnapshot.objects.order_by("-id").values_list("id", flat=True).first() or 0
        if top <= mark.last_snapshot_id:
            return mark.last_snapshot_id
        with connection.cursor() as cur:
            cur.execute(
                f"INSERT INTO {best} (request_id, reposts, likes, reach) "  # noqa: S608  (table names from models)
                f"SELECT request_id, MAX(reposts), MAX(likes), MAX(reach_estimate) FROM {snap} "
                "WHERE id > %s AND id <= %s GROUP BY request_id "
                "ON CONFLICT (request_id) DO UPDATE SET "
                f"reposts = {greatest}({best}.reposts, excluded.reposts), "
                f"likes = {greatest}({best}.likes, excluded.likes), "
                f"reach = {greatest}({best}.reach, excluded.reach)",
                [max(0, mark.last_snapshot_id - REFOLD), top],
            )
        mark.last_snapshot_id = top
        mark.save(update_fields=["last_snapshot_id"])
    return top


def cache_seconds() -> int:
    return int(settings.COLIBRI_STATS_CACHE_SECONDS)


# A report is kept this much longer than its freshness: while a stale copy exists, readers get it at once
# and one background thread computes the new one (no reader waits for the SQL after the first one).
STALE_KEPT_SECONDS = 24 * 3600


def cache_key(period: Period) -> str:
    return "colibri.stats.report:" + period.key


def _store(period: Period, computed: Report) -> None:
    cache.set(cache_key(period), (systime.time(), computed), cache_seconds() + STALE_KEPT_SECONDS)


def refresh_in_background(period: Period) -> threading.Thread | None:
    """Recompute a stale report in a daemon thread, one thread per period at a time (cache.add is the
    lock: atomic in every Django cache backend). Returns the thread, or None when one is already at it."""
    lock = cache_key(period) + ":refreshing"
    if not cache.add(lock, 1, timeout=600):
        return None

    def run() -> None:
        try:
            _store(period, compute(period))
        except Exception:
            logger.exception("statistics of %s not refreshed; the stale copy stays", period.key)
        finally:
            cache.delete(lock)
            connection.close()  # this thread's own connection, opened by compute()

    thread = threading.Thread(target=run, name="colibri-stats-refresh", daemon=True)
    thread.start()
    return thread


def report(period: Period) -> Report:
    """The report of a period, fresh for `COLIBRI_STATS_CACHE_SECONDS`; after that the stale copy is
    served while a background thread recomputes it. Only a period nobody asked for yet is computed
    while the reader waits."""
    found = cache.get(cache_key(period))
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], Report):
        computed_at, cached = found
        if systime.time() - computed_at >= cache_seconds():
            refresh_in_background(period)
        return cached
    computed = compute(period)
    _store(period, computed)
    return computed
