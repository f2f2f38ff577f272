"""The account: login with an app password (the SDK refreshes the session; an expired token logs in
again once), the public AppView reader, profile and engagement reads, and the event built from a
post record. The other parts of the adapter (`writes`, `feed_records`, `backfill`, `firehose`)
build on this class.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from atproto import Client
from atproto_client import exceptions as atx
from atproto_client import models
from atproto_client.request import Request

from ..base import Author, Network, NetworkError, NetworkEvent, Page, PostEngagement, StreamHooks
from ..credentials import Secret, secret
from ..hashtags import DEFAULT_HASHTAGS, HashtagFilter, HashtagFiltering
from ..ratelimit import RateLimiter, call_with_retry
from .errors import error_name, map_error
from .records import (
    CDN_IMAGE,
    DEFAULT_APPVIEW,
    DEFAULT_FIREHOSE,
    DEFAULT_SERVICE,
    POST,
    PROFILE,
    TTLCache,
    jsonable,
    parse_time,
    record_images,
    record_links,
    record_reply_parent,
    split_uri,
)

logger = logging.getLogger("colibri.networks.bluesky")


class BlueskySession(HashtagFiltering, Network):
    """The logged-in account and the reads every other part of the adapter needs."""

    name = "bluesky"

    def __init__(
        self,
        handle: str = "",
        app_password: str | Secret = "",
        *,
        service: str = DEFAULT_SERVICE,
        appview_url: str | None = None,
        firehose_url: str | None = None,
        hashtags: Iterable[str] = DEFAULT_HASHTAGS,
        limiter: RateLimiter | None = None,
        image_url_pattern: str | None = None,
        idle_timeout: float | None = None,
        recv_timeout: float = 1.0,
        backfill_window: timedelta = timedelta(days=3),
        timeout: float = 20.0,
        request: Request | None = None,
        known_uri: Callable[[str], bool] | None = None,
        backfill_on_first_run: bool = True,
        stop_event: threading.Event | None = None,
        bot: bool = False,
    ):
        self.handle = handle
        self._password = secret(app_password)
        self.service = service.rstrip("/")
        self.appview_url = (
            appview_url or (DEFAULT_APPVIEW if self.service == DEFAULT_SERVICE else "")
        ).rstrip("/")
        # The network-wide relay whatever PDS the account lives on: a PDS's own stream carries only
        # its own accounts' posts, so reading it would miss nearly every seeker.
        self.firehose_url = (firehose_url or DEFAULT_FIREHOSE).rstrip("/")
        self.filter = HashtagFilter(hashtags)
        self.limiter = limiter or RateLimiter()
        # Seekers' images live on their own PDSes: on the public network the CDN serves them all; a
        # network of its own (a firehose read straight from this PDS, as in tests) serves its blobs.
        on_public_network = self.service == DEFAULT_SERVICE or self.firehose_url == DEFAULT_FIREHOSE
        self.image_url_pattern = image_url_pattern or (
            CDN_IMAGE
            if on_public_network
            else self.service + "/xrpc/com.atproto.sync.getBlob?did={did}&cid={cid}"
        )
        self.idle_timeout = idle_timeout
        self.recv_timeout = recv_timeout
        self.backfill_window = backfill_window
        self._timeout = timeout
        self._request = request
        self._client: Client | None = None
        self._reader_client: Client | None = None
        self._login_lock = threading.Lock()
        self._profiles = TTLCache(10_000, 600.0)
        self._handles: TTLCache = TTLCache(100_000, 86_400.0)
        # A firehose carries every post deletion of the network; only those of posts the collective
        # tracks become events: posts this instance yielded, or that `known_uri` (the consumer's
        # store, from `use_hooks`) says it has. Without either, a restarted reader would miss deletions
        # of posts seen before the restart; with neither filter, it would flood the consumer.
        self.known_uri = known_uri
        # From the consumer (`use_hooks`): does it track this post (a request, or the collective's
        # reply)? A reply to one passes the hashtag filter, so a seeker's "stop" under their request
        # reaches it.
        self.known_reply_parent: Callable[[str], bool] | None = None
        self.backfill_on_first_run = backfill_on_first_run
        # From the consumer (`use_hooks`) so that a shutdown request ends the stream within
        # `recv_timeout` even when the firehose carries nothing for us.
        self.stop_event = stop_event
        # From the consumer (`use_hooks`): called when the firehose has nothing ready for it, so the
        # events it buffered are stored before the stream waits for the next frame.
        self.on_idle: Callable[[], None] | None = None
        # The official account is automated: it says so (self-label) once per process, on first login.
        self.bot = bot
        self._bot_declared = False

        self._candidates: OrderedDict[str, None] = OrderedDict()
        self._reposts: dict[str, str] = {}
        self._likes: dict[str, str] = {}
        # Where this instance's last stream() stopped: lets a resume at the last yielded cursor skip
        # the commits already read and found irrelevant (no candidate between them).
        self._last_yielded: str | None = None
        self._scanned_seq: int | None = None
        self._official: str = ""  # DID of `handle`, for the firehose's reply filter (see _official_did)
        self._official_retry_at = 0.0

    def use_hooks(self, hooks: StreamHooks) -> None:
        # What the constructor was given wins (a test, a tool reading one account's firehose).
        if self.known_uri is None:
            self.known_uri = hooks.known_uri
        if self.known_reply_parent is None:
            self.known_reply_parent = hooks.known_reply_parent
        if hooks.stop_event is not None:
            self.stop_event = hooks.stop_event
        self.on_idle = hooks.idle

    @property
    def source(self) -> str:
        """The ingest cursor key: one per firehose, whatever account reads it."""
        return f"bluesky:{urlsplit(self.firehose_url).netloc or self.firehose_url}"

    def __repr__(self) -> str:
        secret_repr = repr(self._password)
        return f"BlueskyNetwork(handle={self.handle!r}, service={self.service!r}, app_password={secret_repr})"

    def _new_client(self, base_url: str) -> Client:
        request = self._request or Request(timeout=self._timeout)
        return Client(base_url=base_url, request=request)

    @property
    def client(self) -> Client:
        """The logged-in client (logs in on first use)."""
        with self._login_lock:
            if self._client is None:
                self._client = self._login()
                declare = self.bot and not self._bot_declared
                self._bot_declared = True
            else:
                declare = False
        if declare:
            try:
                self.declare_bot()
            except NetworkError as exc:
                # Not worth failing a repost for: the label is retried on the next process start.
                logger.warning("bluesky: could not self-label @%s as a bot: %s", self.handle, exc)
        return self._client

    def _login(self) -> Client:
        if not self.handle or not self._password:
            raise NetworkError(
                "bluesky: no handle/app password configured for this account", retry=False, status=401
            )
        client = self._new_client(self.service)
        try:
            # The profile lookup of login() is an AppView read that can lag a new account: the session
            # (did, handle) is all the writes need.
            client.login(self.handle, self._password.reveal(), fetch_bsky_profile=False)
        except Exception as exc:
            raise map_error(exc, f"login at {self.service}") from None
        return client

    def _relogin(self) -> None:
        with self._login_lock:
            self._client = self._login()

    @property
    def did(self) -> str:
        session = self.client._session
        if session is None:
            raise NetworkError("bluesky: no session", retry=False, status=401)
        return session.did

    @property
    def reader(self) -> Client:
        """Public AppView reads (profiles, search, reposted-by); the PDS proxy when no AppView URL is set."""
        if self._reader_client is None:
            self._reader_client = self._new_client(self.appview_url) if self.appview_url else self.client
        return self._reader_client

    @property
    def records_client(self) -> Client:
        """Where repo records are read (own reposts, a post's record): the logged-in session's PDS."""
        return self.client

    def _call(self, what: str, fn: Callable[[], Any]) -> Any:
        """Run one SDK call; map its errors; log in again once when the session is no longer accepted."""
        try:
            return fn()
        except atx.RequestErrorBase as exc:
            if error_name(exc) in ("ExpiredToken", "InvalidToken") and self.handle:
                logger.info("bluesky %s: session expired, logging in again", what)
                self._relogin()
                try:
                    return fn()
                except Exception as exc2:
                    raise map_error(exc2, what) from None
            raise map_error(exc, what) from None
        except NetworkError:
            raise
        except Exception as exc:
            raise map_error(exc, what) from None

    def _official_did(self) -> str:
        """The DID of the account this adapter acts as ("" when unknown).

        From the session when logged in; else resolved from `handle` once, because the ingest reads the
        firehose without ever logging in and would otherwise pass over every "stop" answered to the
        official account's reply. A failed resolution is retried at most once a minute."""
        session = self._client._session if self._client is not None else None
        if session is not None:
            return str(session.did)
        if self._official or not self.handle:
            return self._official
        now = time.monotonic()
        if now < self._official_retry_at:
            return ""
        self._official_retry_at = now + 60.0
        try:
            self._official = self.get_profile(self.handle).id
        except NetworkError as exc:
            logger.warning("bluesky: DID of @%s unavailable (%s); replies to it wait", self.handle, exc)
        return self._official

    def _event(
        self,
        kind: str,
        uri: str,
        cid: str,
        did: str,
        record: dict[str, Any],
        *,
        fallback_time: Any = None,
        author: Author | None = None,
    ) -> NetworkEvent:
        images = record_images(record)
        raw = jsonable(record)
        return NetworkEvent(
            kind=kind,  # type: ignore[arg-type]
            network=self.name,
            uri=uri,
            author=author or self.author(did),
            text=str(record.get("text") or ""),
            created_at=parse_time(record.get("createdAt")) or parse_time(fallback_time) or datetime.now(UTC),
            has_image=bool(images),
            image_alt="\n".join(alt for _, alt in images if alt),
            image_urls=tuple(self.image_url_pattern.format(did=did, cid=c) for c, _ in images if c),
            links=tuple(record_links(record)),
            url=self._web_url(uri),
            raw={"uri": uri, "cid": cid, "record": raw},
            reply_to=record_reply_parent(record),
        )

    def _web_url(self, uri: str) -> str:
        did, collection, rkey = uri[len("at://") :].split("/", 2)
        handle = self._handles.get(did) or did
        return f"https://bsky.app/profile/{handle}/post/{rkey}" if collection == POST else ""

    def _cached_author(self, did: str) -> Author:
        return self._profiles.get(did) or Author(id=did, handle=self._handles.get(did) or did)

    def author(self, did: str) -> Author:
        """The poster's profile (bio, followers) from the AppView, cached; a bare DID if it cannot answer."""
        cached = self._profiles.get(did)
        if cached is not None:
            return cached
        try:
            # The bio decides who is a seeker: worth two quick retries before giving up on it.
            return call_with_retry(self.get_profile, did, attempts=3, base=0.2, cap=1.0, max_retry_after=2.0)
        except NetworkError as exc:
            logger.warning("bluesky: profile of %s unavailable (%s); using the bare DID", did, exc)
            return Author(id=did, handle=self._handles.get(did) or did)

    def get_profile(self, actor: str) -> Author:
        view = self._call("getProfile", lambda: self.reader.app.bsky.actor.get_profile({"actor": actor}))
        author = Author(
            id=view.did,
            handle=view.handle,
            display_name=view.display_name or "",
            bio=view.description or "",
            followers_count=view.followers_count,
            created_at=parse_time(view.created_at),
        )
        self._profiles.put(view.did, author)
        self._handles.put(view.did, view.handle)
        return author

    def followers(self, actor: str, cursor: str | None = None, limit: int = 100) -> Page:
        params: dict[str, Any] = {"actor": actor, "limit": limit}
        if cursor:
            params["cursor"] = cursor
        response = self._call("getFollowers", lambda: self.reader.app.bsky.graph.get_followers(params))
        items = [
            Author(id=f.did, handle=f.handle, display_name=f.display_name or "", bio=f.description or "")
            for f in response.followers
        ]
        return Page(items=items, cursor=response.cursor if items else None)

    def reposted_by(self, uri: str, cursor: str | None = None) -> Page:
        params: dict[str, Any] = {"uri": uri, "limit": 100}
        if cursor:
            params["cursor"] = cursor
        response = self._call("getRepostedBy", lambda: self.reader.app.bsky.feed.get_reposted_by(params))
        items = [
            Author(id=a.did, handle=a.handle, display_name=a.display_name or "") for a in response.reposted_by
        ]
        return Page(items=items, cursor=response.cursor if items else None)

    def get_post_engagement(self, uri: str) -> PostEngagement:
        view = self._call("getPosts", lambda: self.reader.app.bsky.feed.get_posts({"uris": [uri]}))
        if not view.posts:
            raise NetworkError(f"bluesky: post {uri} not found (deleted?)", retry=False, status=404)
        post = view.posts[0]
        return PostEngagement(
            reposts=post.repost_count or 0,
            likes=post.like_count or 0,
            replies=post.reply_count or 0,
            quotes=post.quote_count or 0,
        )

    def _post_view(self, uri: str) -> Any:
        """The post as the logged-in account sees it (viewer state), or None if the AppView lacks it."""
        response = self._call("getPosts", lambda: self.client.app.bsky.feed.get_posts({"uris": [uri]}))
        return response.posts[0] if response.posts else None

    def _get_record(self, uri: str) -> Any:
        did, collection, rkey = split_uri(uri)
        try:
            return self.records_client.com.atproto.repo.get_record(
                {"repo": did, "collection": collection, "rkey": rkey}
            )
        except atx.BadRequestError as exc:
            if error_name(exc) == "RecordNotFound" or (
                exc.response is not None and exc.response.status_code == 404
            ):
                return None
            raise map_error(exc, "getRecord") from None
        except Exception as exc:
            raise map_error(exc, "getRecord") from None

    def _strong_ref(self, uri: str) -> tuple[str, dict[str, Any]]:
        """(cid, record) of a post: from the AppView, else from the repo (the AppView may lag)."""
        view = self._post_view(uri)
        if view is not None:
            record = view.record if isinstance(view.record, dict) else models.get_model_as_dict(view.record)
            return view.cid, record
        found = self._get_record(uri)
        if found is None:
            raise NetworkError(f"bluesky: post {uri} not found (deleted?)", retry=False, status=404)
        value = found.value if isinstance(found.value, dict) else models.get_model_as_dict(found.value)
        return str(found.cid), value

    def declare_bot(self) -> bool:
        """Self-label the account as a bot (profile `labels`), as Bluesky asks of automated accounts.

        Returns True when the profile changed, False when it already said so."""
        did = self.did
        existing = self._get_record(f"at://{did}/{PROFILE}/self")
        value: dict[str, Any] = {"$type": PROFILE}
        swap = None
        if existing is not None:
            value = (
                existing.value
                if isinstance(existing.value, dict)
                else models.get_model_as_dict(existing.value)
            )
            value = dict(value)
            swap = str(existing.cid)
        labels = dict(value.get("labels") or {"$type": "com.atproto.label.defs#selfLabels", "values": []})
        values = list(labels.get("values") or [])
        if any(v.get("val") == "bot" for v in values):
            return False
        values.append({"val": "bot"})
        labels["values"] = values
        value["labels"] = labels
        self.limiter.take(self.name, did, "update")
        data: dict[str, Any] = {"repo": did, "collection": PROFILE, "rkey": "self", "record": value}
        if swap:
            data["swapRecord"] = (
                swap  # someone else editing the profile meanwhile: fail rather than overwrite
            )
        self._put_record(data)
        return True

    def _put_record(self, data: dict[str, Any]) -> None:
        self._call("putRecord profile", lambda: self.client.com.atproto.repo.put_record(data))
