"""The success rate, honestly: proportions with their Wilson 95% intervals, by région and job family.

Definitions (what the page and `colibri/stats` show):
- relayed: requests the official account relayed (`relayed_at` set);
- answered: relayed requests whose person told us whether they found a job (outcome hired or searching,
  from any source: a reply, the form, a volunteer, an announcement);
- hired / answered: optimistic (people who found are likelier to answer); hired / relayed: pessimistic
  (counts every silent person as not hired). The truth is between, and each figure has its interval;
- response rate: answered / relayed; median time to hire: days from the first relay to the outcome.
Cells of fewer than `MIN_CELL` relayed people are hidden (too few to say anything, and too close to
naming someone).

`wilson`, `median` and `Proportion` are pure; `success_rates()` reads the database. Other apps (the
statistics pages) call `success_rates()` or `rates_for()` on their own rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from colibri.core import aggregates
from colibri.core.aggregates import SMALL_CELL

# One definition of the small cell and of the interval for every published figure (statistics pages too).
MIN_CELL = SMALL_CELL


def wilson(successes: int, n: int) -> tuple[float, float]:
    """Wilson score 95% interval of a proportion, as (low, high); (0, 1) when n is 0 (nothing known)."""
    p = aggregates.wilson(successes, n)
    return (p.low, p.high)


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


@dataclass(frozen=True, slots=True)
class Proportion:
    k: int
    n: int

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.k, self.n)

    def as_dict(self) -> dict[str, Any]:
        low, high = self.interval
        value = self.value
        return {
            "k": self.k,
            "n": self.n,
            "value": None if value is None else round(value, 4),
            "low": round(low, 4),
            "high": round(high, 4),
        }


@dataclass(frozen=True, slots=True)
class Row:
    """What the rates need of one relayed request."""

    relayed_at: datetime
    outcome: str  # "" when unknown
    outcome_at: datetime | None
    region: str = ""
    family: str = ""  # ROME letter


@dataclass(slots=True)
class Rates:
    relayed: int
    answered: int
    hired: int
    hired_of_answered: Proportion
    hired_of_relayed: Proportion
    response_rate: Proportion
    median_days_to_hire: float | None
    by_region: dict[str, Rates | None] = field(default_factory=dict)  # None: hidden (< MIN_CELL)
    by_family: dict[str, Rates | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "relayed": self.relayed,
            "answered": self.answered,
            "hired": self.hired,
            "hired_of_answered": self.hired_of_answered.as_dict(),
            "hired_of_relayed": self.hired_of_relayed.as_dict(),
            "response_rate": self.response_rate.as_dict(),
            "median_days_to_hire": self.median_days_to_hire,
            "by_region": {k: (v.as_dict() if v else None) for k, v in self.by_region.items()},
            "by_family": {k: (v.as_dict() if v else None) for k, v in self.by_family.items()},
        }


def rates_for(rows: Iterable[Row], *, breakdown: bool = True) -> Rates:
    rows = list(rows)
    relayed = len(rows)
    answered = sum(1 for r in rows if r.outcome in ("hired", "searching"))
    hires = [r for r in rows if r.outcome == "hired"]
    days = [
        (r.outcome_at - r.relayed_at).total_seconds() / 86400
        for r in hires
        if r.outcome_at is not None and r.outcome_at >= r.relayed_at
    ]
    rates = Rates(
        relayed=relayed,
        answered=answered,
        hired=len(hires),
        hired_of_answered=Proportion(len(hires), answered),
        hired_of_relayed=Proportion(len(hires), relayed),
        response_rate=Proportion(answered, relayed),
        median_days_to_hire=None if not days else round(median(days) or 0.0, 1),
    )
    if breakdown:
        rates.by_region = _cells(rows, lambda r: r.region)
        rates.by_family = _cells(rows, lambda r: r.family)
    return rates


def _cells(rows: list[Row], key: Any) -> dict[str, Rates | None]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if key(row):
            groups.setdefault(key(row), []).append(row)
    return {
        name: (rates_for(group, breakdown=False) if len(group) >= MIN_CELL else None)
        for name, group in sorted(groups.items())
    }


def success_rates(*, since: datetime | None = None, until: datetime | None = None) -> Rates:
    """The rates over every relayed request (optionally relayed in [since, until))."""
    from colibri.relay.models import Request

    qs = Request.objects.filter(relayed_at__isnull=False)
    if since is not None:
        qs = qs.filter(relayed_at__gte=since)
    if until is not None:
        qs = qs.filter(relayed_at__lt=until)
    rows = [
        Row(relayed_at, outcome, outcome_at, region, (rome or "")[:1])
        for relayed_at, outcome, outcome_at, region, rome in qs.values_list(
            "relayed_at", "outcome", "outcome_at", "region", "rome_code"
        )
        if relayed_at is not None
    ]
    return rates_for(rows)
