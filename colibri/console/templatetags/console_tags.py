"""Pieces of the console shown inside the relay's pages (the request page, the queue card)."""

from __future__ import annotations

from typing import Any

from django import template

from colibri.console import archive, images
from colibri.relay.models import Post, Request

register = template.Library()


@register.inclusion_tag("console/_earlier_requests.html")
def earlier_requests(req: Request) -> dict[str, Any]:
    return {"req": req, "earlier": archive.earlier_requests(req)}


@register.inclusion_tag("console/_post_images.html")
def post_images(post: Post, size: str = "card") -> dict[str, Any]:
    return {"post": post, "sources": images.safe_image_urls(post, size=size), "size": size}
