"""Follow-up bits for templates: a proportion with its interval, a table of cells, the outcome form."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from colibri.followup.rates import Proportion, Rates

register = template.Library()


@register.simple_tag
def proportion(p: Proportion) -> str:
    """ "12 % [7 – 20 %] (9/75)" or "—" when nobody was counted."""
    if not p.n:
        return "—"
    low, high = p.interval
    return _("%(value)s %% [%(low)s – %(high)s %%] (%(k)s/%(n)s)") % {
        "value": round(100 * (p.value or 0)),
        "low": round(100 * low),
        "high": round(100 * high),
        "k": p.k,
        "n": p.n,
    }


@register.inclusion_tag("followup/_cells.html")
def cells_table(cells: dict[str, Rates | None], min_cell: int) -> dict[str, Any]:
    return {"cells": list(cells.items()), "min_cell": min_cell}


@register.inclusion_tag("followup/_outcome_form.html")
def outcome_form(req: Any) -> dict[str, Any]:
    return {"req": req, "show": req.erased_at is None and req.status != "erased"}
