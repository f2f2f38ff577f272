"""`{% todays_assignments member %}`: a member's list for today, with the planner's explanations.

An inclusion tag so that `/moi/` (owned by the dashboard views) shows today's plan with a one-line
template change and one query."""

from __future__ import annotations

from typing import Any

from django import template

from colibri.relay.models import Member
from colibri.relay.planning.report import member_today

register = template.Library()


@register.inclusion_tag("relay/_today.html")
def todays_assignments(member: Member | None) -> dict[str, Any]:
    return {"member": member, "today": member_today(member)}
