"""Infographics people would share, drawn with matplotlib (PNG and SVG) from a period's report.

Always the public figures: small cells (under 5 people) are never drawn as a number, and a group under
5 people is left out with a note. French labels come from the catalog; colours are the Okabe-Ito
palette (told apart with every common colour-vision deficiency) and every bar carries its value as text,
so colour is never the only carrier. Each image comes with a caption (period and counts) and an alt
text generated from the same figures. The poster combines them in the skills cards' style (navy band,
yellow title, warm paper).

Matplotlib's object API only (Figure + its own canvas): no pyplot global state, safe in a worker thread.
SVG text is kept as text (`svg.fonttype: none`), readable by screen readers and by tests.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import matplotlib
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from colibri.cards.render import NAVY, PAPER, WHITE, YELLOW
from colibri.core.aggregates import SMALL_CELL, shown
from colibri.core.geodata import DEPARTEMENTS

from . import tiles
from .figures import FUNNEL_LABELS, family_label
from .queries import FUNNEL, Report

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
INK = "#1B2A38"
EMPTY = "#E4E4E4"
# Seekers per département: bins of the map, with the colour of each (0 = nobody).
MAP_BINS: tuple[tuple[int, int | None, str], ...] = (
    (0, 0, EMPTY),
    (1, SMALL_CELL - 1, OKABE_ITO["sky"]),
    (SMALL_CELL, 19, OKABE_ITO["green"]),
    (20, 49, OKABE_ITO["orange"]),
    (50, None, OKABE_ITO["vermillion"]),
)
DPI = 100
NAMES = ("map", "funnel", "families", "regions", "audiences", "poster")


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


@dataclass(frozen=True, slots=True)
class Infographic:
    name: str
    png: bytes
    svg: str
    alt: str
    caption: str
    size: tuple[int, int]  # pixels of the PNG


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _count_text(value: int) -> str:
    return _n(value) if shown(value) is not None else _("fewer than 5")


def _period_text(report: Report) -> str:
    return _("from %(first)s to %(last)s") % {
        "first": date_format(report.period.first_day, "DATE_FORMAT"),
        "last": date_format(report.period.last_day, "DATE_FORMAT"),
    }


def caption(report: Report) -> str:
    return _("Colibri · requests detected %(period)s · %(requests)s requests from %(people)s people") % {
        "period": _period_text(report),
        "requests": _count_text(report.funnel["detected"]),
        "people": _count_text(report.seekers),
    }


def _new_figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor=_hex(PAPER))
    return fig


def _save(name: str, fig: Figure, alt: str, cap: str) -> Infographic:
    png = io.BytesIO()
    FigureCanvasAgg(fig)
    # No metadata: the same figures give the same bytes (and no software version is published).
    fig.savefig(png, format="png", dpi=DPI, facecolor=fig.get_facecolor(), metadata={"Software": None})
    svg = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "colibri"}):
        FigureCanvasSVG(fig)
        fig.savefig(
            svg, format="svg", facecolor=fig.get_facecolor(), metadata={"Date": None, "Creator": None}
        )
    w, h = fig.get_size_inches()
    return Infographic(name, png.getvalue(), svg.getvalue(), alt, cap, (round(w * DPI), round(h * DPI)))


def _title(ax: Axes, text: str) -> None:
    ax.set_title(text, loc="left", fontsize=15, fontweight="bold", color=INK, pad=12)


def _bars(ax: Axes, labels: list[str], values: list[int], colour: str, *, hide_small: bool = True) -> None:
    """Horizontal bars, first label on top, each with its value written (small cells: no bar, « < 5 »)."""
    ys = list(range(len(labels)))[::-1]
    top = max([v for v in values if not hide_small or v >= SMALL_CELL] or [1])
    for y, value in zip(ys, values, strict=True):
        hidden = hide_small and value < SMALL_CELL
        if not hidden:
            ax.barh(y, value, color=colour, height=0.7)
        ax.text(
            (0 if hidden else value) + top * 0.015,
            y,
            _("< 5") if hidden else _n(value),
            va="center",
            fontsize=11,
            color=INK,
        )
    ax.set_yticks(ys, labels, fontsize=11, color=INK)
    ax.set_xlim(0, top * 1.18)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_facecolor(_hex(PAPER))


# --- the figures ----------------------------------------------------------------------------


def _bin_of(n: int) -> int:
    for i, (low, high, _colour) in enumerate(MAP_BINS):
        if n >= low and (high is None or n <= high):
            return i
    return len(MAP_BINS) - 1


def _bin_label(i: int) -> str:
    low, high, _colour = MAP_BINS[i]
    if low == high == 0:
        return _("nobody")
    if high is None:
        return _("%(low)s or more") % {"low": low}
    if low == 1:
        return _("fewer than 5")
    return f"{low}–{high}"


def draw_map(ax: Axes, report: Report) -> dict[str, int]:
    """The tile grid on `ax`; returns département -> bin index (for the alt text and the tests)."""
    seekers = {b.key: b.seekers for b in report.departements}
    pos = tiles.positions()
    bins: dict[str, int] = {}
    for code, (col, row) in pos.items():
        i = _bin_of(seekers.get(code, 0))
        bins[code] = i
        colour = MAP_BINS[i][2]
        ax.add_patch(Rectangle((col, -row), 0.92, 0.92, facecolor=colour, edgecolor="white", linewidth=1))
        dark = colour in (OKABE_ITO["green"], OKABE_ITO["vermillion"], OKABE_ITO["blue"])
        ax.text(
            col + 0.46,
            -row + 0.46,
            code,
            ha="center",
            va="center",
            fontsize=8.5,
            color="white" if dark else INK,
            fontweight="bold",
        )
    ax.text(0, -tiles.OVERSEAS_ROW + 1.15, _("Overseas"), fontsize=9, color=INK)
    ax.set_xlim(-0.2, 12.2)
    ax.set_ylim(-tiles.OVERSEAS_ROW - 0.3, 1.2)
    ax.set_aspect("equal")
    ax.axis("off")
    handles = [Rectangle((0, 0), 1, 1, facecolor=c) for _l, _h, c in MAP_BINS]
    # The legend sits in the grid's empty east (right of the Alps), in data coordinates: never on a tile.
    ax.legend(
        handles,
        [_bin_label(i) for i in range(len(MAP_BINS))],
        loc="upper left",
        bbox_to_anchor=(9.1, -4.9),
        bbox_transform=ax.transData,
        fontsize=9,
        frameon=False,
        title=_("seekers"),
        title_fontsize=9,
    )
    return bins


def map_figure(report: Report) -> Infographic:
    fig = _new_figure(8, 9)
    ax = fig.add_axes((0.03, 0.08, 0.94, 0.82))
    bins = draw_map(ax, report)
    fig.text(
        0.03, 0.95, _("Where the seekers are, by département"), fontsize=17, fontweight="bold", color=INK
    )
    cap = caption(report)
    fig.text(0.03, 0.025, cap, fontsize=9, color=INK, wrap=True)
    with_someone = sum(1 for i in bins.values() if i > 0)
    top = sorted(
        (b for b in report.departements if shown(b.seekers) is not None), key=lambda b: (-b.seekers, b.key)
    )[:3]
    names = dict((code, name) for code, name, _r, _p in DEPARTEMENTS)
    alt = _(
        "Map of France as a grid of squares, one per département, overseas included, coloured by the number "
        "of job seekers %(period)s. %(with)s of %(all)s départements have at least one seeker."
    ) % {"period": _period_text(report), "with": with_someone, "all": len(bins)}
    if top:
        alt += " " + _("Most seekers: %(list)s.") % {
            "list": ", ".join(f"{names.get(b.key, b.key)} ({b.key}) {_n(b.seekers)}" for b in top)
        }
    return _save("map", fig, alt, cap)


def _funnel_values(report: Report) -> tuple[list[str], list[int]]:
    return [str(FUNNEL_LABELS[k]) for k in FUNNEL], [report.funnel[k] for k in FUNNEL]


def funnel_figure(report: Report) -> Infographic:
    fig = _new_figure(9, 5)
    ax = fig.add_axes((0.28, 0.14, 0.68, 0.7))
    labels, values = _funnel_values(report)
    _bars(ax, labels, values, OKABE_ITO["blue"])
    fig.text(0.03, 0.91, _("The relay, from detection to hiring"), fontsize=17, fontweight="bold", color=INK)
    cap = caption(report)
    fig.text(0.03, 0.03, cap, fontsize=9, color=INK)
    alt = _("Bar chart of the relay %(period)s: %(steps)s.") % {
        "period": _period_text(report),
        "steps": ", ".join(f"{label} {_count_text(v)}" for label, v in zip(labels, values, strict=True)),
    }
    return _save("funnel", fig, alt, cap)


def _group_figure(
    name: str, title: str, report: Report, rows: list[tuple[str, int]], colour: str, what: str
) -> Infographic:
    kept = [(label, n) for label, n in rows if n >= SMALL_CELL][:14]
    left_out = sum(1 for _label, n in rows if n < SMALL_CELL)
    height = 2.2 + 0.42 * max(len(kept), 1)
    fig = _new_figure(9, height)
    ax = fig.add_axes((0.42, 1.0 / height, 0.54, 1 - 2.0 / height))
    if kept:
        _bars(ax, [label for label, _n in kept], [n for _l, n in kept], colour)
    else:
        ax.axis("off")
        ax.text(0.5, 0.5, _("No group of 5 people or more in this period."), ha="center", color=INK)
    fig.text(0.03, 1 - 0.6 / height, title, fontsize=17, fontweight="bold", color=INK)
    cap = caption(report)
    note = (
        ngettext(
            "%(n)s group of fewer than 5 people not shown.",
            "%(n)s groups of fewer than 5 people not shown.",
            left_out,
        )
        % {"n": left_out}
        if left_out
        else ""
    )
    fig.text(0.03, 0.25 / height, cap + (" · " + note if note else ""), fontsize=9, color=INK)
    alt = _("Bar chart of the job seekers %(period)s by %(what)s: %(rows)s.") % {
        "period": _period_text(report),
        "what": what,
        "rows": ", ".join(f"{label} {_n(n)}" for label, n in kept) or _("no group of 5 people or more"),
    }
    if note:
        alt += " " + note
    return _save(name, fig, alt, cap)


def families_figure(report: Report) -> Infographic:
    rows = [(family_label(b.key), b.seekers) for b in report.families]
    return _group_figure(
        "families", _("Seekers by job family"), report, rows, OKABE_ITO["green"], _("job family")
    )


def regions_figure(report: Report) -> Infographic:
    rows = [(b.key, b.seekers) for b in report.regions]
    return _group_figure("regions", _("Seekers by région"), report, rows, OKABE_ITO["orange"], _("région"))


def _bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return _("%(low)s followers or more") % {"low": _n(low)}
    return _("%(low)s to %(high)s followers") % {"low": _n(low), "high": _n(high - 1)}


def audiences_figure(report: Report) -> Infographic:
    fig = _new_figure(9, 5)
    ax = fig.add_axes((0.34, 0.14, 0.62, 0.7))
    labels = [_bucket_label(low, high) for low, high, _n in report.audience_buckets]
    values = [n for _l, _h, n in report.audience_buckets]
    _bars(ax, labels, values, OKABE_ITO["purple"])
    fig.text(0.03, 0.91, _("Audiences of the members who relay"), fontsize=17, fontweight="bold", color=INK)
    cap = _("Colibri · active members · %(members)s members with a known audience") % {
        "members": _count_text(report.audience.count)
    }
    fig.text(0.03, 0.03, cap, fontsize=9, color=INK)
    alt = _("Bar chart of the relaying members by number of followers: %(rows)s.") % {
        "rows": ", ".join(f"{label} {_count_text(v)}" for label, v in zip(labels, values, strict=True))
    }
    return _save("audiences", fig, alt, cap)


def poster(report: Report) -> Infographic:
    """Everything on one image, in the skills cards' colours (1200 × 1500 px: fits every network)."""
    fig = _new_figure(12, 15)
    navy, yellow, white = _hex(NAVY), _hex(YELLOW), _hex(WHITE)
    band = fig.add_axes((0, 0.88, 1, 0.12))
    band.set_facecolor(navy)
    band.set_xticks([])
    band.set_yticks([])
    for spine in band.spines.values():
        spine.set_visible(False)
    fig.text(0.04, 0.945, _("What the collective achieved"), fontsize=30, fontweight="bold", color=yellow)
    fig.text(0.04, 0.905, _period_text(report).capitalize(), fontsize=16, color=white)

    p = report.outcome

    def big(n: int) -> str:
        return _n(n) if shown(n) is not None else _("< 5")

    key_figures = [
        (big(report.funnel["relayed"]), _("requests relayed")),
        (big(report.seekers), _("people")),
        (big(report.funnel["hired"]), _("hired")),
        (big(report.members_active), _("members who relayed")),
    ]
    for i, (value, label) in enumerate(key_figures):
        x = 0.04 + i * 0.24
        fig.text(x, 0.835, value, fontsize=28, fontweight="bold", color=navy)
        fig.text(x, 0.815, label, fontsize=12, color=INK)

    ax_map = fig.add_axes((0.02, 0.36, 0.52, 0.42))
    draw_map(ax_map, report)
    _title(ax_map, _("Seekers by département"))

    ax_funnel = fig.add_axes((0.72, 0.62, 0.25, 0.15))
    labels, values = _funnel_values(report)
    _bars(ax_funnel, labels, values, OKABE_ITO["blue"])
    _title(ax_funnel, _("The relay"))

    ax_fam = fig.add_axes((0.72, 0.38, 0.25, 0.19))
    fam = [(b.key, b.seekers) for b in report.families if b.seekers >= SMALL_CELL][:8]
    if fam:
        _bars(ax_fam, [k for k, _n in fam], [n for _k, n in fam], OKABE_ITO["green"])
    else:
        ax_fam.axis("off")
    _title(ax_fam, _("Job families (ROME)"))

    ax_reg = fig.add_axes((0.3, 0.09, 0.22, 0.22))
    reg = [(b.key, b.seekers) for b in report.regions if b.seekers >= SMALL_CELL][:8]
    if reg:
        _bars(ax_reg, [k for k, _n in reg], [n for _k, n in reg], OKABE_ITO["orange"])
    else:
        ax_reg.axis("off")
    _title(ax_reg, _("Régions"))

    ax_aud = fig.add_axes((0.76, 0.09, 0.21, 0.22))
    _bars(
        ax_aud,
        [_bucket_label(low, high) for low, high, _n in report.audience_buckets],
        [n for _l, _h, n in report.audience_buckets],
        OKABE_ITO["purple"],
    )
    _title(ax_aud, _("Audiences of relayers"))

    cap = caption(report)
    rate = ""
    if p.n >= SMALL_CELL and p.rate is not None:
        rate = _(
            "%(rate)s%% of those who answered the follow-up were hired (95%% interval %(low)s–%(high)s%%)."
        ) % {
            "rate": number_format(100 * p.rate, 0),
            "low": number_format(100 * p.low, 0),
            "high": number_format(100 * p.high, 0),
        }
    fig.text(0.04, 0.035, cap, fontsize=11, color=INK)
    if rate:
        fig.text(0.04, 0.015, rate, fontsize=11, color=INK)
    alt = _(
        "Poster of the collective %(period)s: %(relayed)s requests relayed for %(people)s people, "
        "%(hired)s hired, %(members)s members who relayed."
    ) % {
        "period": _period_text(report),
        "relayed": _count_text(report.funnel["relayed"]),
        "people": _count_text(report.seekers),
        "hired": _count_text(report.funnel["hired"]),
        "members": _count_text(report.members_active),
    }
    if rate:
        alt += " " + rate
    alt += " " + _(
        "A map of France by département, the relay funnel, job families, régions and audiences follow."
    )
    return _save("poster", fig, alt, cap)


RENDERERS: dict[str, Callable[[Report], Infographic]] = {
    "map": map_figure,
    "funnel": funnel_figure,
    "families": families_figure,
    "regions": regions_figure,
    "audiences": audiences_figure,
    "poster": poster,
}


def render_all(report: Report) -> list[Infographic]:
    return [RENDERERS[name](report) for name in NAMES]
