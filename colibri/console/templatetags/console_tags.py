"""Pieces of the console shown inside the relay's pages (the request page, the queue card)."""

from __future__ import annotations

from typing import Any

from django import template

from colibri.console import archive, images, official, outbox_words
from colibri.console.withdrawal import WITHDRAW_CHANNELS, may_withdraw
from colibri.relay import roles
from colibri.relay.forms import REJECT_TEMPLATES
from colibri.relay.models import Post, Request

register = template.Library()


@register.inclusion_tag("console/_earlier_requests.html")
def earlier_requests(req: Request) -> dict[str, Any]:
    return {"req": req, "earlier": archive.earlier_requests(req)}


@register.inclusion_tag("console/_post_images.html")
def post_images(post: Post, size: str = "card") -> dict[str, Any]:
    return {"post": post, "sources": images.safe_image_urls(post, size=size), "size": size}


@register.inclusion_tag("console/_withdraw.html", takes_context=True)
def withdraw_form(context: template.Context, req: Request) -> dict[str, Any]:
    return {
        "req": req,
        "channels": WITHDRAW_CHANNELS.items(),
        "show": may_withdraw(req),
        "request": context.get("request"),
    }


@register.inclusion_tag("console/_bulk.html", takes_context=True)
def bulk_form(context: template.Context) -> dict[str, Any]:
    return {
        "templates": [t for t in REJECT_TEMPLATES if not t.needs_detail or t.key == "incomplete"],
        "request": context.get("request"),
    }


@register.inclusion_tag("console/_outbox_alert.html", takes_context=True)
def outbox_alert(context: template.Context) -> dict[str, Any]:
    """The failure count on the home page, for coordinators (who can retry)."""
    user = context.get("user")
    failed = outbox_words.failure_count() if user is not None and roles.can_configure(user) else 0
    return {"failed": failed}


@register.inclusion_tag("console/_notices.html")
def official_notice(req: Request) -> dict[str, Any]:
    notice = official.request_notice(req)
    return {"notices": [notice] if notice else []}


@register.inclusion_tag("console/_notices.html")
def official_plan_notices() -> dict[str, Any]:
    return {"notices": official.plan_notices()}
