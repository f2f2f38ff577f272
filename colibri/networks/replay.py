"""Replay adapter: reads (and writes) a JSON-lines stream of network events.

Used when no network account is configured (the bundled sample stream), and to
replay any captured stream. One event per line:

    {"kind": "post", "network": "bluesky", "uri": "at://...", "url": "https://...",
     "author": {"id": "did:plc:...", "handle": "marie.bsky.social", "display_name": "Marie",
                "bio": "... #i4EmploiR", "followers_count": 312},
     "text": "#PleaseRT ...", "created_at": "2026-11-20T18:04:00+00:00",
     "has_image": true, "image_alt": "...", "links": ["https://www.linkedin.com/in/..."],
     "reply_to": "at://..."}

`reply_to` (optional) is the uri of the post a reply answers.

The cursor is the 1-based line number of the last event yielded, so a restart
resumes right after it. Malformed lines raise `NetworkError(retry=False)` with the
line number only when `strict`; otherwise they are reported through `on_error` and skipped.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from .base import Author, Network, NetworkError, NetworkEvent, StreamHooks


def _aware(value: object, name: str) -> datetime | None:
    """An ISO date with its timezone, or None when absent."""
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"'{name}' must carry a timezone")
    return parsed


def event_from_json(data: dict[str, Any]) -> NetworkEvent:
    """Build an event from one replay object; raise ValueError with a clear message if it is malformed."""
    if not isinstance(data, dict):
        raise ValueError("an event must be a JSON object")
    kind = data.get("kind", "post")
    if kind not in ("post", "update", "delete"):
        raise ValueError(f"unknown kind {kind!r}")
    uri = data.get("uri")
    if not isinstance(uri, str) or not uri:
        raise ValueError("missing 'uri'")
    author_data = data.get("author") or {}
    if not isinstance(author_data, dict):
        raise ValueError("'author' must be an object")
    created_at = _aware(data.get("created_at"), "created_at")
    text = data.get("text", "")
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    followers = author_data.get("followers_count")
    return NetworkEvent(
        kind=kind,
        network=str(data.get("network") or "replay"),
        uri=uri,
        url=str(data.get("url") or ""),
        author=Author(
            id=str(author_data.get("id") or author_data.get("handle") or ""),
            handle=str(author_data.get("handle") or ""),
            display_name=str(author_data.get("display_name") or ""),
            bio=str(author_data.get("bio") or ""),
            followers_count=int(followers) if followers is not None else None,
            created_at=_aware(author_data.get("created_at"), "author.created_at"),
        ),
        text=text,
        created_at=created_at,
        has_image=bool(data.get("has_image", False)),
        image_alt=str(data.get("image_alt") or ""),
        image_urls=tuple(data.get("image_urls") or ()),
        links=tuple(data.get("links") or ()),
        raw=data,
        reply_to=str(data.get("reply_to") or ""),
        reply_only=data.get("reply_only") is True,
    )


def event_to_json(event: NetworkEvent) -> dict[str, Any]:
    """The replay form of an event: what `event_from_json` reads back."""
    return {
        "kind": event.kind,
        "network": event.network,
        "uri": event.uri,
        "url": event.url,
        "author": {
            "id": event.author.id,
            "handle": event.author.handle,
            "display_name": event.author.display_name,
            "bio": event.author.bio,
            "followers_count": event.author.followers_count,
        },
        "text": event.text,
        "created_at": event.created_at.isoformat() if event.created_at else None,
        "has_image": event.has_image,
        "image_alt": event.image_alt,
        "image_urls": list(event.image_urls),
        "links": list(event.links),
        **({"reply_to": event.reply_to} if event.reply_to else {}),
        **({"reply_only": True} if event.reply_only else {}),
    }


class ReplayNetwork(Network):
    name = "replay"

    def __init__(
        self,
        path: str | Path,
        *,
        interval: float = 0.0,
        strict: bool = False,
        on_error: Callable[[int, str], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.path = Path(path)
        self.interval = interval
        self.strict = strict
        self.on_error = on_error
        self._sleep = sleep

    def use_hooks(self, hooks: StreamHooks) -> None:
        # The consumer paces the replay with its own stop event (Ctrl-C interrupts a pause at once)
        # and records unreadable lines itself.
        if hooks.sleep is not None:
            self._sleep = hooks.sleep
        if hooks.on_error is not None:
            self.on_error = hooks.on_error

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        start = int(cursor) if cursor else 0
        # Read as bytes and decode line by line: one line of invalid UTF-8 (or a file in UTF-16) is that
        # line's error, not the end of the stream.
        with self.path.open("rb") as fh:
            for lineno, data in enumerate(fh, start=1):
                if lineno <= start or not data.strip():
                    continue
                try:
                    line = data.decode("utf-8-sig" if lineno == 1 else "utf-8")
                    event = event_from_json(json.loads(line))
                except (ValueError, TypeError, OverflowError, RecursionError) as exc:
                    # UnicodeDecodeError is a ValueError; RecursionError comes from '[' * 200000.
                    reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:300]
                    message = f"{self.path.name}:{lineno}: {reason}"
                    if self.strict:
                        raise NetworkError(message, retry=False) from exc
                    if self.on_error:
                        self.on_error(lineno, message)
                    continue
                if self.interval:
                    self._sleep(self.interval)
                yield event, str(lineno)


def write_events(path: str | Path, events: list[NetworkEvent]) -> None:
    """Append events to a replay file (the same format `ReplayNetwork` reads)."""
    with Path(path).open("a", encoding="utf-8") as fh:
        for event in events:
            fh.write(json.dumps(event_to_json(event), ensure_ascii=False) + "\n")
