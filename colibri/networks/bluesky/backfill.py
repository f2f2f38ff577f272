"""Backfill: `app.bsky.feed.searchPosts` on the AppView for each hashtag, on the first run (no cursor:
the firehose would only show what comes next) and when the firehose answers `OutdatedCursor` (its
history no longer reaches the cursor after a long outage); and the official account's notifications
(replies, mentions) since then, since a search cannot find a seeker's "stop" without the hashtag.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from typing import Any

from atproto_client import models

from ..base import Author, NetworkError, NetworkEvent
from .records import (
    parse_time,
    record_reply_parent,
    record_tags,
)
from .session import BlueskySession

logger = logging.getLogger("colibri.networks.bluesky")


class BlueskyBackfill(BlueskySession):
    """What the firehose can no longer show: search and notifications."""

    def replies_to_official(self, since: datetime, max_pages: int = 10) -> Iterator[NetworkEvent]:
        """Replies to the official account (notified as reply or mention) since `since`, oldest first.

        Each is a `reply_only` event: the consumer uses it for the seeker's "stop" under a request and
        never stores it as a request. Needs the official account's login (notifications are private)."""
        found: dict[str, NetworkEvent] = {}
        cursor: str | None = None
        for _ in range(max_pages):
            params: dict[str, Any] = {"reasons": ["reply", "mention"], "limit": 100}
            if cursor:
                params["cursor"] = cursor
            response = self._call("listNotifications", partial(self._list_notifications, params))
            older = False
            for n in response.notifications:
                indexed = parse_time(n.indexed_at)
                if indexed is not None and indexed < since:
                    older = True  # newest first: the rest of the pages are older still
                    continue
                record = n.record if isinstance(n.record, dict) else models.get_model_as_dict(n.record)
                if n.reason not in ("reply", "mention") or not record_reply_parent(record) or n.uri in found:
                    continue
                author = Author(
                    id=n.author.did,
                    handle=n.author.handle,
                    display_name=n.author.display_name or "",
                    bio=n.author.description or "",
                )
                event = self._event("post", n.uri, n.cid, n.author.did, record, author=author)
                found[n.uri] = dataclasses.replace(event, reply_only=True)
            cursor = response.cursor
            if older or not cursor or not response.notifications:
                break
        yield from sorted(found.values(), key=lambda e: e.created_at or datetime.min.replace(tzinfo=UTC))

    def _list_notifications(self, params: dict[str, Any]) -> Any:
        """One page of the account's notifications (private: its session reads them)."""
        return self.client.app.bsky.notification.list_notifications(params)

    def _can_act(self) -> bool:
        """Whether this adapter holds the account's session (here: an app password to log in with)."""
        return bool(self.handle and self._password)

    def _reply_backfill(self, since: datetime) -> list[NetworkEvent]:
        """`replies_to_official`, best effort: without a login, or when it fails, the gap stays (logged)."""
        if not self._can_act():
            return []
        try:
            return list(self.replies_to_official(since))
        except NetworkError as exc:
            logger.warning("bluesky: replies to @%s since %s not read back: %s", self.handle, since, exc)
            return []

    def backfill(
        self, since: datetime | None = None, until: datetime | None = None, max_pages: int = 20
    ) -> Iterator[NetworkEvent]:
        """Posts carrying the hashtags found by `searchPosts`, oldest first, each once."""
        found: dict[str, tuple[str, str, str, dict[str, Any]]] = {}
        for tag in self.filter.hashtags:
            cursor: str | None = None
            for _ in range(max_pages):
                params: dict[str, Any] = {"q": tag, "sort": "latest", "limit": 100}
                if since:
                    params["since"] = since.astimezone(UTC).isoformat().replace("+00:00", "Z")
                if until:
                    params["until"] = until.astimezone(UTC).isoformat().replace("+00:00", "Z")
                if cursor:
                    params["cursor"] = cursor
                response = self._call("searchPosts", partial(self.reader.app.bsky.feed.search_posts, params))
                for view in response.posts:
                    if view.uri in found:
                        continue
                    record = (
                        models.get_model_as_dict(view.record)
                        if not isinstance(view.record, dict)
                        else view.record
                    )
                    if not self.filter.matches(str(record.get("text") or ""), record_tags(record)):
                        continue
                    did = view.author.did
                    self._handles.put(did, view.author.handle)
                    found[view.uri] = (view.uri, view.cid, did, record)
                cursor = response.cursor
                if not cursor or not response.posts:
                    break
        # One getProfiles call per 25 authors rather than one getProfile per post.
        self.prefetch_profiles({did for _, _, did, _ in found.values()})
        events = [self._event("post", uri, cid, did, record) for uri, cid, did, record in found.values()]
        yield from sorted(events, key=lambda e: e.created_at or datetime.min.replace(tzinfo=UTC))

    def prefetch_profiles(self, dids: Iterable[str]) -> None:
        """Cache the profiles of `dids` (getProfiles, 25 a call); on failure `author()` asks one by one."""
        missing = sorted(d for d in set(dids) if self._profiles.get(d) is None)
        for start in range(0, len(missing), 25):
            batch = missing[start : start + 25]
            try:
                response = self._call(
                    "getProfiles", partial(self.reader.app.bsky.actor.get_profiles, {"actors": batch})
                )
            except NetworkError as exc:
                logger.info("bluesky: getProfiles failed (%s); profiles fetched one by one", exc)
                return
            for view in response.profiles:
                self._profiles.put(
                    view.did,
                    Author(
                        id=view.did,
                        handle=view.handle,
                        display_name=view.display_name or "",
                        bio=view.description or "",
                        followers_count=view.followers_count,
                        created_at=parse_time(view.created_at),
                    ),
                )
                self._handles.put(view.did, view.handle)
