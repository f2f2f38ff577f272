"""Per-client limit on the public card renderer.

The composer is public (no account) and a card costs ≈ 0.1–0.2 s of CPU to draw, so one script
looping on `/outils/carte/…` could keep the web process busy for everybody. A fixed one-minute
window per client address in Django's cache is enough here: the page itself debounces typing and
asks for two cards per preview, far below the default limit.

The cache is Django's default (per process, in memory) unless CACHES says otherwise; `colibri run`
serves the web from one process, so the count is exact there.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the header the reverse proxy sets when configured.

    Only a header named in settings is trusted: a client can write any X-Forwarded-For it likes.
    """
    header = settings.COLIBRI_CLIENT_IP_HEADER
    if header:
        meta_key = "HTTP_" + header.upper().replace("-", "_")
        # A proxy appending to X-Forwarded-For puts the address it saw last.
        value = request.META.get(meta_key, "").split(",")[-1].strip()
        if value:
            return value
    return str(request.META.get("REMOTE_ADDR", ""))


def take_render_slot(request: HttpRequest, *, cards: int = 1, now: float | None = None) -> int:
    """Count `cards` drawn for this client; 0 when allowed, else the seconds to wait before retrying.

    Every path that draws counts what it draws (the PNG one card, a preview both shapes): a limit
    that only the PNG route took could be bypassed by asking for previews instead."""
    limit = settings.COLIBRI_CARD_RENDERS_PER_MINUTE
    if limit <= 0:
        return 0  # 0 turns the limit off (a private install behind its own gate)
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    # Hash the address: the cache may be shared (Redis, memcached) and needs no personal data in clear.
    who = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    key = f"colibri:card-renders:{who}:{window}"
    if cache.add(key, cards, timeout=WINDOW_SECONDS * 2):
        count = cards
    else:
        try:
            count = cache.incr(key, cards)
        except ValueError:  # expired between add() and incr(): this is the first of a new count
            cache.set(key, cards, timeout=WINDOW_SECONDS * 2)
            count = cards
    if count <= limit:
        return 0
    return max(1, int((window + 1) * WINDOW_SECONDS - now) + 1)
