"""One base class for every network adapter, and one error type.

Adapters translate a network's API into these plain objects; nothing above
`colibri/networks/` imports a network SDK. `NetworkError.retry` tells the caller
whether trying again later can succeed (429, 5xx, timeouts) or not (bad
credentials, deleted post, forbidden).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal


class NetworkError(Exception):
    """A failed network call. `retry` is True when trying again later may succeed."""

    def __init__(
        self, message: str, *, retry: bool, retry_after: float | None = None, status: int | None = None
    ):
        super().__init__(message)
        self.retry = retry
        self.retry_after = retry_after  # seconds, when the network said so (Retry-After, rate-limit reset)
        self.status = status


@dataclass(frozen=True, slots=True)
class Author:
    id: str  # stable id: DID on Bluesky, account id on Mastodon/X
    handle: str
    display_name: str = ""
    bio: str = ""
    followers_count: int | None = None
    # When the account was created, as the network says (None: not said). The minimum-age rule of
    # automatic approval reads it: a brand-new account's first request waits for a human.
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class NetworkEvent:
    """Something seen on a network's stream: a new post, an edit or a deletion."""

    kind: Literal["post", "update", "delete"]
    network: str  # bluesky | mastodon | x | replay
    uri: str  # unique on the network: at://..., https://instance/@u/123, x:123
    author: Author
    text: str = ""
    created_at: datetime | None = None  # timezone-aware
    has_image: bool = False
    image_alt: str = ""
    image_urls: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    url: str = ""  # human link to the post, for the dashboard
    raw: dict[str, Any] = field(default_factory=dict)  # payload as received (kept for audit/replay)
    reply_to: str = ""  # uri of the post this one replies to ("" when it is not a reply)
    # Seen only as an answer (e.g. a Mastodon mention of the official account), not in a hashtag stream:
    # the consumer uses it for the seeker's "stop" under a request and never stores it as a request.
    reply_only: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Author]
    cursor: str | None  # None when there is no next page


@dataclass(frozen=True, slots=True)
class PostEngagement:
    """Counts a network shows for one post (Bluesky: repostCount, likeCount, replyCount, quoteCount)."""

    reposts: int = 0
    likes: int = 0
    replies: int = 0
    quotes: int = 0


@dataclass(frozen=True, slots=True)
class StreamHooks:
    """What the consumer of a stream lends the adapter: callbacks passed in, never patched on.

    The adapters know the network, not the database: when a stream must ask "is this ours?" it calls
    back (MarshalX's firehose client takes its handlers the same way). Each adapter keeps the hooks it
    uses (`Network.use_hooks`) and ignores the others.
    """

    # Is this post stored? A firehose carries every deletion of the network: only those of stored
    # posts matter (Bluesky).
    known_uri: Callable[[str], bool] | None = None
    # May a reply to this post concern a request (its post, or our repost/reply of it)? (Bluesky)
    known_reply_parent: Callable[[str], bool] | None = None
    # The posts whose threads to read for a seeker's self-reply saying "stop" (Mastodon).
    watched_posts: Callable[[], list[str]] | None = None
    # Pause between replayed events, interruptible by the consumer's shutdown (replay).
    sleep: Callable[[float], None] | None = None
    # An unreadable event: (position, message); the consumer records it and moves on (replay).
    on_error: Callable[[int, str], None] | None = None
    # Set when the consumer shuts down: a blocking stream (a firehose) ends promptly.
    stop_event: threading.Event | None = None
    # The stream has nothing ready to hand over (it is about to wait, or it read something with
    # nothing for the consumer): the consumer stores the events it holds, so none waits uncommitted
    # while the stream blocks (firehose). A stream that never blocks between events needs not call it.
    idle: Callable[[], None] | None = None


class Network(ABC):
    """A social network as Colibri uses it. Write actions are idempotent."""

    name: str = ""
    # Can the official account write to one person privately (`send_direct_message`)? Read without
    # an instance (`DIRECT_MESSAGE_NETWORKS`) to choose a message or a public reply when queueing.
    direct_messages: bool = False

    def use_hooks(self, hooks: StreamHooks) -> None:
        """Take the consumer's callbacks before `stream()` (see `StreamHooks`); by default none is needed."""
        return None  # adapters that need hooks override this; the others stream without them

    @abstractmethod
    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        """Yield (event, cursor) in order; resuming from a yielded cursor continues right after that event."""

    def get_profile(self, actor: str) -> Author:
        raise NetworkError(f"{self.name}: profiles not supported", retry=False)

    def followers(self, actor: str, cursor: str | None = None) -> Page:
        raise NetworkError(f"{self.name}: follower lists not supported", retry=False)

    def repost(self, uri: str) -> str:
        """Repost `uri` from the logged-in account; return the repost's id. Reposting twice reposts once."""
        raise NetworkError(f"{self.name}: repost not supported", retry=False)

    def undo_repost(self, uri: str) -> None:
        raise NetworkError(f"{self.name}: undo repost not supported", retry=False)

    def find_repost(self, uri: str) -> str | None:
        """The id of the logged-in account's repost of `uri` if it exists on the network now, else None.

        The dispatcher asks this before retrying an uncertain repost (a timeout after sending, a worker
        killed mid-call), so a retry never reposts twice. Adapters that cannot tell keep this default;
        the dispatcher then relies on `repost` being idempotent."""
        raise NetworkError(f"{self.name}: finding reposts not supported", retry=False)

    def get_post_engagement(self, uri: str) -> PostEngagement:
        """Current counts for a post (used by tracking snapshots)."""
        raise NetworkError(f"{self.name}: engagement counts not supported", retry=False)

    def reposted_by(self, uri: str, cursor: str | None = None) -> Page:
        """One page of the accounts that reposted `uri` (Bluesky: app.bsky.feed.getRepostedBy)."""
        raise NetworkError(f"{self.name}: reposter lists not supported", retry=False)

    def like(self, uri: str) -> str:
        raise NetworkError(f"{self.name}: like not supported", retry=False)

    def reply(self, uri: str, text: str) -> str:
        raise NetworkError(f"{self.name}: reply not supported", retry=False)

    def send_direct_message(self, actor: str, text: str) -> str:
        """Write `text` to `actor` privately (a DID on Bluesky, a handle on Mastodon); the message's id."""
        raise NetworkError(f"{self.name}: direct messages not supported", retry=False)

    def post(self, text: str, image: bytes | None = None, alt: str = "") -> str:
        raise NetworkError(f"{self.name}: posting not supported", retry=False)


# The networks whose adapter sets `direct_messages` (tests/networks check it against the classes).
DIRECT_MESSAGE_NETWORKS = frozenset({"mastodon", "bluesky"})
