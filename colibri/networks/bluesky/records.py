"""AT Protocol records as Colibri reads them: collections, URIs, firehose cursors, and a post record's
tags, links, images and reply parent, decoded to plain values.
"""

from __future__ import annotations

import base64
import threading
import time
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

from atproto_core.cid import CID

from ..base import NetworkError

POST = "app.bsky.feed.post"


REPOST = "app.bsky.feed.repost"


LIKE = "app.bsky.feed.like"


PROFILE = "app.bsky.actor.profile"


FEED_GENERATOR = "app.bsky.feed.generator"


DEFAULT_SERVICE = "https://bsky.social"


DEFAULT_APPVIEW = "https://public.api.bsky.app"


DEFAULT_FIREHOSE = "wss://bsky.network"


CDN_IMAGE = "https://cdn.bsky.app/img/feed_fullsize/plain/{did}/{cid}@jpeg"


MAX_FRAME = 5 * 1024 * 1024


def jsonable(value: Any) -> Any:
    """Firehose records hold CIDs as raw bytes: give them their usual string form for storage."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes):
        try:
            return str(CID.from_decoded_bytes(value))
        except Exception:
            return base64.b64encode(value).decode("ascii")
    return value


def cid_str(value: Any) -> str:
    if isinstance(value, dict) and "$link" in value:
        return str(value["$link"])
    if isinstance(value, bytes):
        return str(jsonable(value))
    return str(value or "")


def parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def record_tags(record: dict[str, Any]) -> list[str]:
    """Hashtags of a post record: facet tag features plus the out-of-text `tags` list."""
    tags: list[str] = []
    for facet in record.get("facets") or ():
        for feature in facet.get("features") or ():
            if feature.get("$type", "").endswith("#tag") and feature.get("tag"):
                tags.append("#" + str(feature["tag"]))
    tags.extend("#" + str(t) for t in record.get("tags") or () if t)
    return tags


def record_reply_parent(record: dict[str, Any]) -> str:
    """The uri of the post a post record replies to (record.reply.parent.uri), or ""."""
    reply = record.get("reply")
    parent = reply.get("parent") if isinstance(reply, dict) else None
    uri = parent.get("uri") if isinstance(parent, dict) else None
    return uri if isinstance(uri, str) else ""


def record_links(record: dict[str, Any]) -> list[str]:
    links: list[str] = []
    for facet in record.get("facets") or ():
        for feature in facet.get("features") or ():
            if feature.get("$type", "").endswith("#link") and feature.get("uri"):
                links.append(str(feature["uri"]))
    embed = record.get("embed") or {}
    external = embed.get("external") or (embed.get("media") or {}).get("external")
    if isinstance(external, dict) and external.get("uri"):
        links.append(str(external["uri"]))
    return list(dict.fromkeys(links))


def record_images(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(blob cid, alt) of the images embedded in a post (plain or with a quoted record)."""
    embed = record.get("embed") or {}
    images = embed.get("images")
    if images is None:
        images = (embed.get("media") or {}).get("images")
    out: list[tuple[str, str]] = []
    for image in images or ():
        blob = image.get("image") or {}
        cid = cid_str(blob.get("ref")) if isinstance(blob, dict) else ""
        if not cid and isinstance(blob, dict):
            cid = str(blob.get("cid") or "")  # legacy blob form
        out.append((cid, str(image.get("alt") or "")))
    return out


def split_uri(uri: str) -> tuple[str, str, str]:
    """at://did/collection/rkey -> (did, collection, rkey)."""
    if not uri.startswith("at://"):
        raise NetworkError(f"bluesky: not an at:// URI: {uri!r}", retry=False, status=400)
    parts = uri[len("at://") :].split("/")
    if len(parts) != 3 or not all(parts):
        raise NetworkError(f"bluesky: malformed at:// URI: {uri!r}", retry=False, status=400)
    return parts[0], parts[1], parts[2]


def parse_cursor(cursor: str | None) -> tuple[int | None, int]:
    """'<seq>' -> (seq, all ops done); '<seq>:<i>' -> (seq, ops up to i done)."""
    if not cursor:
        return None, -1
    seq, _, index = str(cursor).partition(":")
    try:
        return (int(seq), int(index)) if index else (int(seq), 1 << 30)
    except ValueError as exc:
        raise NetworkError(f"bluesky: bad firehose cursor {cursor!r}", retry=False) from exc


class TTLCache:
    def __init__(self, size: int, ttl: float):
        self.size, self.ttl = size, ttl
        self._data: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            item = self._data.get(key)
            if item is None or item[0] < time.monotonic():
                return None
            self._data.move_to_end(key)
            return item[1]

    def put(self, key: str, value: Any) -> None:
        with self._lock:
            self._data[key] = (time.monotonic() + self.ttl, value)
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)

    def pop(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)


def image_size(data: bytes) -> tuple[int, int] | None:
    try:
        from io import BytesIO

        # Here, not at the top: Pillow is needed only when a post carries an image.
        from PIL import Image

        with Image.open(BytesIO(data)) as img:
            return int(img.width), int(img.height)
    except Exception:
        return None
