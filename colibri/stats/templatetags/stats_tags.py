"""Template helpers of the statistics pages and of the engagement panels shown on other apps' pages."""

from __future__ import annotations

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
