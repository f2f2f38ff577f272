"""The account's feed generator records (`app.bsky.feed.generator`), published by `colibri feeds publish`."""

from __future__ import annotations

from typing import Any

from atproto_client import models

from .records import (
    FEED_GENERATOR,
)
from .writes import BlueskyWrites


class BlueskyFeedRecords(BlueskyWrites):
    """Create, list and delete the feed generator records."""

    def put_feed_generator(
        self, rkey: str, *, service_did: str, display_name: str, description: str = ""
    ) -> tuple[str, bool]:
        """Create or update this account's `app.bsky.feed.generator` record `rkey` (putRecord: a fixed
        rkey makes it idempotent). Returns (uri, changed); an identical record is not rewritten."""
        did = self.did
        uri = f"at://{did}/{FEED_GENERATOR}/{rkey}"
        existing = self._get_record(uri)
        old: dict[str, Any] = {}
        if existing is not None:
            old = dict(
                existing.value
                if isinstance(existing.value, dict)
                else models.get_model_as_dict(existing.value)
            )
        record: dict[str, Any] = {
            "$type": FEED_GENERATOR,
            "did": service_did,
            "displayName": display_name,
            "description": description,
            # keep the first publication date: an update is not a new feed
            "createdAt": old.get("createdAt") or self._now(),
        }
        if old and all(old.get(k) == v for k, v in record.items() if k != "$type"):
            return uri, False
        self.limiter.take(self.name, did, "update")
        data: dict[str, Any] = {"repo": did, "collection": FEED_GENERATOR, "rkey": rkey, "record": record}
        if existing is not None:
            data["swapRecord"] = str(existing.cid)
        self._call("putRecord feed generator", lambda: self.client.com.atproto.repo.put_record(data))
        return uri, True

    def feed_generator_rkeys(self, pages: int = 10) -> list[str]:
        """The rkeys of this account's `app.bsky.feed.generator` records (a few dozen at most)."""
        return [str(rec.uri).rsplit("/", 1)[1] for rec in self._list_records(FEED_GENERATOR, pages)]

    def delete_feed_generator(self, rkey: str) -> str:
        """Delete this account's feed generator record `rkey`; returns its URI."""
        uri = f"at://{self.did}/{FEED_GENERATOR}/{rkey}"
        self._delete("delete", uri)
        return uri
