"""Make a network event safe to store, the same way on SQLite and PostgreSQL.

Whatever a stranger writes reaches us through an adapter: an author-written `createdAt`
of year 9999, a follower count of -5 or 10**30, NUL bytes, lone UTF-16 surrogates, a
5,000-character handle, a network named `<script>`. SQLite stores most of these and
PostgreSQL refuses them (or the other way round: PostgreSQL checks lengths, SQLite does
not), and some break every page that shows the row later (a date that overflows when
converted to Paris time). `clean_event` gives one answer on both databases:

- values that only decorate a post are repaired: text loses NUL bytes and lone
  surrogates, a date outside `EARLIEST`..`LATEST` becomes unknown (None, the receive
  time stands in), a follower count is clamped to 0..`MAX_FOLLOWERS`, an over-long URL or
  reply target is dropped, non-text list items are dropped;
- values that identify the post or its author are checked, and an event whose network,
  URI, author id or handle cannot be stored is refused with a `ValueError` saying why
  (the ingest records it as skipped and moves on).

Pure: no Django, no I/O (the limits match `colibri.relay.models`, a test checks it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from .base import Author, NetworkEvent

# Column sizes of the relay models (NetworkAccount.handle/remote_id/display_name, Post.uri/url).
MAX_ID = 255
MAX_URI = 512
# PositiveIntegerField's upper bound on PostgreSQL (a signed 32-bit integer).
MAX_FOLLOWERS = 2**31 - 1
# No social network post predates 2000; dates past 2100 are typos or attacks. Fixed bounds (not
# relative to today) so the same event is judged the same whenever it is replayed.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)

# NUL (PostgreSQL text and jsonb refuse it) and UTF-16 surrogates left alone by a JSON "\ud800"
# escape (neither database can encode them as UTF-8). A valid pair is one code point in Python.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: Any) -> str:
    """`value` as storable text: NUL bytes removed, lone surrogates replaced by U+FFFD."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    if "\x00" not in text and text.isascii():
        return text  # the common case, without a regex pass
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)


def clean_json(value: Any) -> Any:
    """A JSON-like value both databases accept: text cleaned, NaN/Infinity become None.

    Iterative on purpose: a payload nested thousands of levels deep must not overflow the stack.
    """
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(value, root, 0)]
    while stack:
        item, parent, key = stack.pop()
        if isinstance(item, str):
            parent[key] = clean_text(item)
        elif isinstance(item, bool) or item is None or isinstance(item, int):
            parent[key] = item
        elif isinstance(item, float):
            parent[key] = item if math.isfinite(item) else None
        elif isinstance(item, dict):
            out: dict[str, Any] = {}
            parent[key] = out
            for k, v in item.items():
                ck = clean_text(k)
                out[ck] = None
                stack.append((v, out, ck))
        elif isinstance(item, list | tuple):
            seq: list[Any] = [None] * len(item)
            parent[key] = seq
            stack.extend((v, seq, i) for i, v in enumerate(item))
        else:
            parent[key] = clean_text(item)
    return root[0]


def clean_date(value: datetime | None) -> datetime | None:
    """`value` if it is an aware date between EARLIEST and LATEST, else None (unknown)."""
    if value is None or value.tzinfo is None or value.utcoffset() is None:
        return None
    # Aware comparisons never overflow (converting 9999-12-31T23:59:59-12:00 to UTC does).
    return value if EARLIEST <= value < LATEST else None


def clean_count(value: Any) -> int | None:
    """A follower count within 0..MAX_FOLLOWERS (None stays None: unknown)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return min(max(number, 0), MAX_FOLLOWERS)


def _identifier(value: Any, what: str, limit: int, *, required: bool) -> str:
    text = clean_text(value).strip()
    if required and not text:
        raise ValueError(f"missing {what}")
    if len(text) > limit:
        raise ValueError(f"{what} longer than {limit} characters ({len(text)})")
    return text


def _texts(values: Iterable[Any], limit: int) -> tuple[str, ...]:
    return tuple(clean_text(v) for v in values if isinstance(v, str) and len(v) <= limit)


def clean_event(event: NetworkEvent, *, networks: Iterable[str]) -> NetworkEvent:
    """A copy of `event` safe to store; ValueError (with the reason) if it cannot be stored at all."""
    known = set(networks)
    network = clean_text(event.network)
    if network not in known:
        raise ValueError(f"unknown network {network[:40]!r}")
    author = event.author
    return replace(
        event,
        network=network,
        uri=_identifier(event.uri, "uri", MAX_URI, required=True),
        url=u if len(u := clean_text(event.url)) <= MAX_URI else "",
        author=Author(
            id=_identifier(author.id, "author id", MAX_ID, required=False),
            handle=_identifier(author.handle, "handle", MAX_ID, required=False),
            display_name=clean_text(author.display_name)[:MAX_ID],
            bio=clean_text(author.bio),
            followers_count=clean_count(author.followers_count),
            created_at=clean_date(author.created_at),
        ),
        text=clean_text(event.text),
        created_at=clean_date(event.created_at),
        image_alt=clean_text(event.image_alt),
        image_urls=_texts(event.image_urls, 2048),
        links=_texts(event.links, 2048),
        raw=r if isinstance(r := clean_json(event.raw), dict) else {},
        reply_to=t if len(t := clean_text(event.reply_to)) <= MAX_URI else "",
    )
