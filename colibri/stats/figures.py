"""A report as tables of figures: what the pages show and the CSV exports, built in one place so the
public version hides the same small cells everywhere.

A hidden cell is `None` (shown « < 5 »): on the public page no count of fewer than five people is
published, and a distribution or a rate over fewer than five people is not either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from colibri.core.aggregates import SMALL_CELL, shown
from colibri.feeds.catalog import ROME_DOMAINS
from colibri.relay.models import Category, OutcomeStatus, RequestStatus

from .queries import FUNNEL, Breakdown, Distribution, Report

Cell = str | int | float | None

FUNNEL_LABELS = {
    "detected": gettext_lazy("detected"),
    "eligible": gettext_lazy("eligible"),
    "relayed": gettext_lazy("relayed"),
    "answered": gettext_lazy("answered the follow-up"),
    "hired": gettext_lazy("hired"),
}


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # stable name, used in the CSV
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""


def family_label(letter: str) -> str:
    domain = ROME_DOMAINS.get(letter.upper())
    return f"{letter} · {_(domain[1])}" if domain else letter


def _count(n: int, public: bool) -> int | None:
    return shown(n) if public else n


def _pct(x: float | None) -> float | None:
    return None if x is None else round(100 * x, 1)


def _dist_row(label: str, d: Distribution, public: bool) -> list[Cell]:
    hide = public and d.count < SMALL_CELL
    q = d.quantiles if d.quantiles and not hide else (None, None, None, None)
    mean = None if hide or d.mean is None else round(d.mean, 1)
    return [label, _count(d.count, public), *(None if v is None else round(v, 1) for v in q), mean]


def tables(report: Report, *, public: bool) -> list[Table]:
    dist_cols = [
        _("measure"),
        _("requests"),
        _("1st quartile"),
        _("median"),
        _("3rd quartile"),
        _("9th decile"),
        _("mean"),
    ]
    out: list[Table] = []
    out.append(
        Table(
            "funnel",
            _("From detection to hiring"),
            [_("stage"), _("requests")],
            [[str(FUNNEL_LABELS[k]), _count(report.funnel[k], public)] for k in FUNNEL],
        )
    )
    p = report.outcome
    hide_rate = public and p.n < SMALL_CELL
    outcome_rows: list[list[Cell]] = [
        [_("relayed requests followed up"), _count(report.followed_up, public)],
        [_("answers received"), _count(p.n, public)],
        [_("hired"), _count(p.k, public)],
        [_("hiring rate among answers (%)"), None if hide_rate else _pct(p.rate)],
        [_("95% interval, low (%)"), None if hide_rate or not p.n else _pct(p.low)],
        [_("95% interval, high (%)"), None if hide_rate or not p.n else _pct(p.high)],
    ]
    outcome_rows += [
        [str(OutcomeStatus(k).label), _count(n, public)]
        for k, n in sorted(report.outcome_counts.items())
        if k in OutcomeStatus.values
    ]
    out.append(
        Table(
            "outcomes",
            _("Outcomes of the follow-up"),
            [_("figure"), _("value")],
            outcome_rows,
            _("Wilson score interval at 95%."),
        )
    )
    out.append(
        Table(
            "delay",
            _("Time from the post to its first relay (hours)"),
            dist_cols,
            [_dist_row(_("hours"), report.relay_delay_hours, public)],
        )
    )
    out.append(
        Table(
            "engagement",
            _("Engagement per relayed request"),
            dist_cols,
            [
                _dist_row(_("reposts"), report.reposts, public),
                _dist_row(_("likes"), report.likes, public),
                _dist_row(_("estimated reach"), report.reach, public),
            ],
            _("Best measure of each request; the reach counts distinct followers of those who reposted."),
        )
    )
    out.append(
        Table(
            "categories",
            _("Share eligible by category"),
            [_("category"), _("requests"), _("eligible"), _("share eligible (%)")],
            [
                [
                    str(Category(c).label) if c in Category.values else (c or _("not triaged")),
                    _count(n, public),
                    _count(ok, public),
                    None if public and n < SMALL_CELL else _pct(ok / n if n else None),
                ]
                for c, n, ok in report.categories
            ],
        )
    )
    statuses = [s for s in RequestStatus.values if any(s in counts for _w, counts in report.weekly)]
    out.append(
        Table(
            "weekly",
            _("Requests per week by status"),
            [_("week of"), *(str(RequestStatus(s).label) for s in statuses)],
            [
                [week.isoformat(), *(_count(counts.get(s, 0), public) for s in statuses)]
                for week, counts in report.weekly
            ],
        )
    )
    breakdown_cols = [_("seekers"), _("requests"), _("eligible"), _("relayed"), _("hired")]

    def rows(items: list[Breakdown], label: Callable[[str], str]) -> list[list[Cell]]:
        return [
            [
                label(b.key),
                *(_count(v, public) for v in (b.seekers, b.requests, b.eligible, b.relayed, b.hired)),
            ]
            for b in items
        ]

    out.append(Table("regions", _("By région"), [_("région"), *breakdown_cols], rows(report.regions, str)))
    out.append(
        Table(
            "families",
            _("By job family"),
            [_("job family"), *breakdown_cols],
            rows(report.families, family_label),
        )
    )
    hide_members = public and report.members_active < SMALL_CELL
    out.append(
        Table(
            "members",
            _("Members"),
            [_("figure"), _("value")],
            [
                [_("active donors"), _count(report.members_active, public)],
                [_("reposts donated"), None if hide_members else report.reposts_donated],
                [_("members with a known audience"), _count(report.audience.count, public)],
                [
                    _("median audience (followers)"),
                    None
                    if (public and report.audience.count < SMALL_CELL) or report.audience.median is None
                    else round(report.audience.median),
                ],
                [
                    _("total audience (followers, with overlaps)"),
                    None if public and report.audience.count < SMALL_CELL else round(report.audience.total),
                ],
            ],
        )
    )
    return out


def csv_rows(report: Report, *, public: bool) -> Iterator[list[Cell]]:
    """Long format (table, row, column, value): every cell once, a hidden one as « <5 »."""
    yield ["table", "row", "column", "value"]
    yield ["period", "", "from", report.period.first_day.isoformat()]
    yield ["period", "", "to", report.period.last_day.isoformat()]
    for table in tables(report, public=public):
        for row in table.rows:
            for column, value in zip(table.columns[1:], row[1:], strict=True):
                yield [table.key, row[0], column, f"<{SMALL_CELL}" if value is None else value]


def hidden_label() -> str:
    return pgettext("small cell", "< 5")
