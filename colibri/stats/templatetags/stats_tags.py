"""Template helpers of the statistics pages and of the engagement panels shown on other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cell(value: object, hidden: str) -> str:
    """A figure as shown: a hidden small cell as « < 5 », numbers in the active locale."""
    if value is None:
        return hidden
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, float):
        return number_format(value, decimal_pos=1, force_grouping=True)
    return str(value)


@register.inclusion_tag("stats/_engagement.html")
def engagement_panel(req: Any) -> dict[str, Any]:
    """A request's engagement over time (small chart) and who relayed it: on the request page."""
    from colibri.stats import engagement

    return {
        "chart": engagement.chart(req),
        "relayers": engagement.relayers(req),
        "summary": engagement.latest_summary(req),
    }


@register.inclusion_tag("stats/_week.html")
def week_panel() -> dict[str, Any]:
    """The current week's figures: on the home pages (review queue, my page)."""
    from colibri.stats import engagement

    return {"week": engagement.week()}


@register.inclusion_tag("stats/_given.html")
def given_panel(member: Any) -> dict[str, Any]:
    """What a member gave and what it reached: on their page."""
    from colibri.stats import engagement

    return {"given": engagement.given(member)}
