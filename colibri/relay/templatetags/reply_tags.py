"""`{% proposed_reply req %}`: the reply to propose to the seeker, with a copy button."""

from __future__ import annotations

from typing import Any

from django import template

from colibri.relay.proposals import proposed_reply as build_reply

register = template.Library()


@register.inclusion_tag("relay/_reply.html")
def proposed_reply(req: Any) -> dict[str, Any]:
    return {"req": req, "reply": build_reply(req)}
