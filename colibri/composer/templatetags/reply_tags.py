"""`{% proposed_reply req %}`: the reply to propose to the seeker, with a copy button.

Used by the dashboard's request cards (`relay/_verdict.html`); the reply is composed here, where the
composer it links to lives, so the relay app does not import the composer."""

from __future__ import annotations

from typing import Any

from django import template

from colibri.composer.proposals import proposed_reply as build_reply

register = template.Library()


@register.inclusion_tag("composer/_reply.html")
def proposed_reply(req: Any) -> dict[str, Any]:
    return {"req": req, "reply": build_reply(req)}
