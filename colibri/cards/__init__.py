"""Seeker tools without Django: the skills card (PNG + alt text) and the post texts per network.

Pure functions over `CardInput`; used by the composer app and the `colibri card` command.
"""

from colibri.cards.alt import alt_text
from colibri.cards.model import CardInput
from colibri.cards.post import NETWORKS, PostDraft, compose_all, compose_post
from colibri.cards.render import SHAPES, SIZES, CardResult, render_card

__all__ = [
    "NETWORKS",
    "SHAPES",
    "SIZES",
    "CardInput",
    "CardResult",
    "PostDraft",
    "alt_text",
    "compose_all",
    "compose_post",
    "render_card",
]
