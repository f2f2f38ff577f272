"""Bluesky (AT Protocol) adapter, on the `atproto` SDK.

Stream: the repo firehose (`com.atproto.sync.subscribeRepos`) of a relay or a PDS. Each `#commit`
carries its records as a CAR; creates/updates of `app.bsky.feed.post` that carry one of the
collective's hashtags (facet tags, `tags`, or the text) become `post`/`update` events; deletions of
posts become `delete` events. The cursor is the firehose `seq`: `"<seq>"` once every operation of
that commit has been yielded, `"<seq>:<i>"` after operation `i` of a commit that has more, so a
consumer that stops between two operations of one commit resumes at the next one, not at the
next commit. Resuming subscribes with `cursor=seq-1` and skips what was already yielded.

Backfill: `app.bsky.feed.searchPosts` on the AppView for each hashtag, on the first run (no cursor:
the firehose would only show what comes next) and when the firehose answers `OutdatedCursor` (its
history no longer reaches the cursor after a long outage).

Replies ("stop" under a request, usually without the hashtag): live, the firehose passes on a reply
whose parent is a post the consumer tracks when it is a self-reply or answers the official account
(the DID of `handle`, resolved once even when this reader never logs in: the ingest does not). A
search backfill cannot find them, so the backfills also read the official account's notifications
(`app.bsky.notification.listNotifications`, reasons reply and mention) since the same time, as
`reply_only` events. A seeker's self-reply written during an outage notifies nobody: it is missed
(only `getPostThread` per open request could find it).

Writes go through `com.atproto.repo.*` on the account's PDS with an app-password session (the SDK
refreshes the access token before it expires; an expired/invalid token logs in again once). Each
write is idempotent: the existing repost/like is looked up (own repo's recent records, then the
AppView's `viewer` state, confirmed on the repo) before anything is created.

Direct messages go through the Bluesky chat service (`chat.bsky.*` proxied by the PDS); the local
dev-env network has no chat service, so that path is not exercised by the integration tests.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any
from urllib.parse import urlencode, urlsplit

import libipld
from atproto import Client
from atproto_client import exceptions as atx
from atproto_client import models
from atproto_client.request import Request
from atproto_client.utils import facet_detection
from atproto_core.cbor import decode_dag_multi
from atproto_core.cid import CID
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import connect

from .base import Author, Network, NetworkError, NetworkEvent, Page, PostEngagement
from .credentials import Secret, secret
from .hashtags import DEFAULT_HASHTAGS, HashtagFilter, HashtagFiltering
from .ratelimit import RateLimiter, call_with_retry

logger = logging.getLogger(__name__)

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


# --- errors ----------------------------------------------------------------------------------------


def _retry_after(exc: atx.RequestErrorBase) -> float | None:
    if isinstance(exc, atx.RateLimitExceededError):
        if exc.retry_after is not None:
            return exc.retry_after
        if exc.reset_at is not None:
            return max(0.0, (exc.reset_at - datetime.now(UTC)).total_seconds())
    response = exc.response
    if response is not None:
        value = (response.headers or {}).get("retry-after")
        if value:
            with contextlib.suppress(ValueError):
                return max(0.0, float(value))
    return None


def _error_name(exc: atx.RequestErrorBase) -> str:
    content = exc.response.content if exc.response is not None else None
    return str(getattr(content, "error", "") or "")


def map_error(exc: Exception, what: str) -> NetworkError:
    """Translate an SDK/transport failure into NetworkError: 429/5xx/timeouts retry, other 4xx do not."""
    if isinstance(exc, NetworkError):
        return exc
    if isinstance(exc, atx.RequestErrorBase):
        status = exc.response.status_code if exc.response is not None else None
        detail = f"bluesky {what}: {exc}"
        if status is None:  # transport failure or timeout: nothing came back (the SDK's text is often empty)
            cause = exc.__cause__ or exc.__context__
            reason = str(exc) or (f"{type(cause).__name__}: {cause}" if cause else "") or "network failure"
            return NetworkError(f"bluesky {what}: {reason}", retry=True)
        if status == 429 or status >= 500 or status in (408, 409):
            return NetworkError(detail, retry=True, retry_after=_retry_after(exc), status=status)
        return NetworkError(detail, retry=False, status=status)
    if isinstance(exc, TimeoutError | OSError | ConnectionClosed | InvalidHandshake):
        return NetworkError(f"bluesky {what}: {type(exc).__name__}: {exc}", retry=True)
    if isinstance(exc, atx.LoginRequiredError):
        return NetworkError(f"bluesky {what}: not logged in", retry=False, status=401)
    return NetworkError(f"bluesky {what}: {type(exc).__name__}: {exc}", retry=False)


# --- record decoding -------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """Firehose records hold CIDs as raw bytes: give them their usual string form for storage."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        try:
            return str(CID.from_decoded_bytes(value))
        except Exception:
            return base64.b64encode(value).decode("ascii")
    return value


def _cid_str(value: Any) -> str:
    if isinstance(value, dict) and "$link" in value:
        return str(value["$link"])
    if isinstance(value, bytes):
        return str(_jsonable(value))
    return str(value or "")


def _parse_time(value: Any) -> datetime | None:
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
        cid = _cid_str(blob.get("ref")) if isinstance(blob, dict) else ""
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


class _TTLCache:
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


# --- the adapter -----------------------------------------------------------------------------------


class BlueskyNetwork(HashtagFiltering, Network):
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
        self._profiles = _TTLCache(10_000, 600.0)
        self._handles: _TTLCache = _TTLCache(100_000, 86_400.0)
        # A firehose carries every post deletion of the network; only those of posts the collective
        # tracks become events: posts this instance yielded, or that `known_uri` (the consumer's
        # store, set by ingest) says it has. Without either, a restarted reader would miss deletions
        # of posts seen before the restart; with neither filter, it would flood the consumer.
        self.known_uri = known_uri
        # Set by ingest: does the consumer track this post (a request, or the collective's reply)? A reply
        # to one passes the hashtag filter, so a seeker's "stop" under their request reaches it.
        self.known_reply_parent: Callable[[str], bool] | None = None
        self.backfill_on_first_run = backfill_on_first_run
        # Set by the consumer (ingest) so that a shutdown request ends the stream within
        # `recv_timeout` even when the firehose carries nothing for us.
        self.stop_event = stop_event
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

    # -- identity (never prints the password) ----------------------------------------------------

    @property
    def source(self) -> str:
        """The ingest cursor key: one per firehose, whatever account reads it."""
        return f"bluesky:{urlsplit(self.firehose_url).netloc or self.firehose_url}"

    def __repr__(self) -> str:
        secret_repr = repr(self._password)
        return f"BlueskyNetwork(handle={self.handle!r}, service={self.service!r}, app_password={secret_repr})"

    # -- clients -----------------------------------------------------------------------------------

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

    def _call(self, what: str, fn: Callable[[], Any]) -> Any:
        """Run one SDK call; map its errors; log in again once when the session is no longer accepted."""
        try:
            return fn()
        except atx.RequestErrorBase as exc:
            if _error_name(exc) in ("ExpiredToken", "InvalidToken") and self.handle:
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

    # -- firehose stream ---------------------------------------------------------------------------

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        seq, done_index = parse_cursor(cursor)
        start_after = seq
        if (cursor or None) == (self._last_yielded or None) and self._scanned_seq is not None:
            # Same instance resuming where it last stopped: the commits between the cursor and
            # `_scanned_seq` were read and none was a candidate (nor is a new backfill needed).
            if self._scanned_seq > (seq or 0) and done_index >= 1 << 30:
                start_after, seq, done_index = self._scanned_seq, None, -1
        params: dict[str, Any] = {}
        if start_after is not None:
            # The relay replays from `cursor` exclusive; re-read the partly-consumed commit itself.
            params["cursor"] = start_after - 1 if (seq is not None and done_index < 1 << 30) else start_after
        url = f"{self.firehose_url}/xrpc/com.atproto.sync.subscribeRepos"
        if params:
            url += "?" + urlencode(params)
        try:
            ws = connect(url, open_timeout=self._timeout, max_size=MAX_FRAME, proxy=None, compression=None)
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            raise NetworkError(
                f"bluesky firehose {self.firehose_url}: {type(exc).__name__}: {exc}", retry=True
            ) from None
        idle_since = time.monotonic()
        with ws:
            if start_after is None and self.backfill_on_first_run:
                # No cursor: the firehose starts at "now". Posts from before are found by search,
                # after subscribing (the socket buffers what arrives meanwhile) so none falls between.
                # Their cursor is "" (no position yet): a restart before the first live event
                # searches again, and the consumer drops what it already has (same URIs).
                since = datetime.now(UTC) - self.backfill_window
                try:
                    backfilled = list(self.backfill(since=since))
                except NetworkError as exc:
                    logger.warning("bluesky: first-run backfill by search failed (%s); live stream only", exc)
                    backfilled = []
                backfilled += self._reply_backfill(since)
                for event in backfilled:
                    self._remember(event.uri)
                    self._last_yielded = ""
                    yield event, ""
            while True:
                if self.stop_event is not None and self.stop_event.is_set():
                    return
                try:
                    frame = ws.recv(timeout=self.recv_timeout)
                except TimeoutError:
                    if self.idle_timeout is not None and time.monotonic() - idle_since >= self.idle_timeout:
                        return
                    continue
                except ConnectionClosed as exc:
                    raise NetworkError(f"bluesky firehose closed: {exc}", retry=True) from None
                idle_since = time.monotonic()
                if isinstance(frame, str):
                    continue
                for event, event_cursor in self._events_from_frame(frame, cursor, seq, done_index):
                    self._last_yielded = event_cursor
                    yield event, event_cursor

    def _events_from_frame(
        self, frame: bytes, cursor: str | None, resume_seq: int | None, done_index: int
    ) -> Iterator[tuple[NetworkEvent, str]]:
        try:
            header, body = decode_dag_multi(frame)
        except Exception as exc:
            logger.warning("bluesky firehose: undecodable frame skipped: %s", exc)
            return
        if header.get("op") == -1:
            error = str(body.get("error") or "")
            message = f"bluesky firehose error {error}: {body.get('message') or ''}"
            # FutureCursor: our cursor is ahead of the server (a reset network): not fixable by waiting.
            raise NetworkError(message, retry=error not in ("FutureCursor",), status=400)
        kind = header.get("t")
        if kind == "#info":
            if body.get("name") == "OutdatedCursor":
                logger.warning(
                    "bluesky firehose: cursor %s is older than its history; backfilling by search", cursor
                )
                since = datetime.now(UTC) - self.backfill_window
                for event in self.backfill(since=since):
                    yield event, cursor or "0"
                for event in self._reply_backfill(since):
                    yield event, cursor or "0"
            return
        seq = body.get("seq")
        if not isinstance(seq, int):
            return
        if kind == "#identity" and body.get("handle"):
            self._handles.put(str(body.get("did")), str(body["handle"]))
            self._profiles.pop(str(body.get("did")))
        elif kind == "#commit":
            ops = [op for op in body.get("ops") or () if str(op.get("path", "")).startswith(POST + "/")]
            skip_upto = done_index if seq == resume_seq else -1
            if ops and not (resume_seq is not None and seq < resume_seq):
                events = list(self._events_from_commit(body, ops))
                for position, (op_index, event) in enumerate(events):
                    if op_index <= skip_upto:
                        continue
                    last = position == len(events) - 1
                    yield event, (str(seq) if last else f"{seq}:{op_index}")
        self._scanned_seq = seq

    def _events_from_commit(
        self, body: dict[str, Any], ops: list[dict[str, Any]]
    ) -> Iterator[tuple[int, NetworkEvent]]:
        repo = str(body.get("repo") or "")
        blocks: dict[Any, Any] = {}
        if any(op.get("action") in ("create", "update") for op in ops):
            try:
                _, blocks = libipld.decode_car(body.get("blocks") or b"")
            except Exception as exc:
                logger.warning(
                    "bluesky firehose: commit %s of %s has an unreadable CAR: %s", body.get("seq"), repo, exc
                )
                return
        for index, op in enumerate(ops):
            uri = f"at://{repo}/{op['path']}"
            action = op.get("action")
            if action == "delete":
                if not self._tracked(uri):
                    continue
                yield (
                    index,
                    NetworkEvent(
                        kind="delete",
                        network=self.name,
                        uri=uri,
                        author=self._cached_author(repo),
                        url=self._web_url(uri),
                        raw={"op": "delete", "uri": uri, "seq": body.get("seq")},
                    ),
                )
                continue
            record = blocks.get(op.get("cid"))
            if not isinstance(record, dict):
                continue  # tooBig commit or missing block: nothing to read
            text = str(record.get("text") or "")
            if not self.filter.matches(text, record_tags(record)) and not self._reply_tracked(repo, record):
                continue
            cid = _cid_str(op.get("cid"))
            self._remember(uri)
            yield (
                index,
                self._event(
                    "post" if action == "create" else "update",
                    uri,
                    cid,
                    repo,
                    record,
                    fallback_time=body.get("time"),
                ),
            )

    def _remember(self, uri: str) -> None:
        self._candidates[uri] = None
        self._candidates.move_to_end(uri)
        while len(self._candidates) > 200_000:
            self._candidates.popitem(last=False)

    def _tracked(self, uri: str) -> bool:
        if uri in self._candidates:
            return True
        if self.known_uri is None:
            return False
        try:
            return bool(self.known_uri(uri))
        except Exception:
            # The consumer's store is unavailable: better one event too many than a missed withdrawal.
            logger.exception("bluesky: known_uri(%s) failed; passing the deletion on", uri)
            return True

    def _reply_tracked(self, repo: str, record: dict[str, Any]) -> bool:
        """A reply, by the author of its parent or to the logged-in account, to a post the consumer tracks."""
        parent = record_reply_parent(record)
        if not parent:
            return False
        if parent in self._candidates:
            return True
        parent_did = parent[len("at://") :].split("/", 1)[0]
        # Only self-replies and replies to the official account can be a seeker's "stop": asking the
        # consumer about every reply on the network would cost one lookup per firehose reply.
        if self.known_reply_parent is None:
            return False
        if parent_did != repo and parent_did != self._official_did():
            return False
        try:
            return bool(self.known_reply_parent(parent))
        except Exception:
            logger.exception("bluesky: known_reply_parent(%s) failed; reply skipped", parent)
            return False

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
            response = self._call(
                "listNotifications", partial(self.client.app.bsky.notification.list_notifications, params)
            )
            older = False
            for n in response.notifications:
                indexed = _parse_time(n.indexed_at)
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

    def _reply_backfill(self, since: datetime) -> list[NetworkEvent]:
        """`replies_to_official`, best effort: without a login, or when it fails, the gap stays (logged)."""
        if not self.handle or not self._password:
            return []
        try:
            return list(self.replies_to_official(since))
        except NetworkError as exc:
            logger.warning("bluesky: replies to @%s since %s not read back: %s", self.handle, since, exc)
            return []

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
        raw = _jsonable(record)
        return NetworkEvent(
            kind=kind,  # type: ignore[arg-type]
            network=self.name,
            uri=uri,
            author=author or self.author(did),
            text=str(record.get("text") or ""),
            created_at=_parse_time(record.get("createdAt"))
            or _parse_time(fallback_time)
            or datetime.now(UTC),
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

    # -- backfill ----------------------------------------------------------------------------------

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
                    ),
                )
                self._handles.put(view.did, view.handle)

    # -- reads -------------------------------------------------------------------------------------

    def get_profile(self, actor: str) -> Author:
        view = self._call("getProfile", lambda: self.reader.app.bsky.actor.get_profile({"actor": actor}))
        author = Author(
            id=view.did,
            handle=view.handle,
            display_name=view.display_name or "",
            bio=view.description or "",
            followers_count=view.followers_count,
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
            return self.client.com.atproto.repo.get_record(
                {"repo": did, "collection": collection, "rkey": rkey}
            )
        except atx.BadRequestError as exc:
            if _error_name(exc) == "RecordNotFound" or (
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

    def _list_records(self, collection: str, pages: int) -> Iterator[Any]:
        """This account's records in `collection`, newest first, at most `pages` pages of 100."""
        did = self.did
        cursor: str | None = None
        for _ in range(pages):
            params: dict[str, Any] = {"repo": did, "collection": collection, "limit": 100}
            if cursor:
                params["cursor"] = cursor
            response = self._call("listRecords", partial(self.client.com.atproto.repo.list_records, params))
            yield from response.records
            cursor = response.cursor
            if not cursor or not response.records:
                break

    def _own_records(self, collection: str, subject_uri: str, pages: int = 3) -> list[str]:
        """This account's recent `collection` records whose subject is `subject_uri` (newest first)."""
        found: list[str] = []
        for rec in self._list_records(collection, pages):
            value = rec.value if isinstance(rec.value, dict) else models.get_model_as_dict(rec.value)
            subject = value.get("subject") or {}
            if isinstance(subject, dict) and subject.get("uri") == subject_uri:
                found.append(rec.uri)
        return found

    def _find_own(self, collection: str, uri: str, cache: dict[str, str], viewer_field: str) -> list[str]:
        """Our records in `collection` pointing at `uri`: cache, recent repo records, AppView viewer."""
        found: list[str] = []
        cached = cache.get(uri)
        if cached and self._get_record(cached) is not None:
            found.append(cached)
        found.extend(u for u in self._own_records(collection, uri) if u not in found)
        if not found:
            view = self._post_view(uri)
            candidate = (
                getattr(getattr(view, "viewer", None), viewer_field, None) if view is not None else None
            )
            # The AppView lags deletions too: believe it only if the record is still in our repo.
            if candidate and self._get_record(candidate) is not None:
                found.append(candidate)
        return found

    # -- writes ------------------------------------------------------------------------------------

    def _create(self, action: str, collection: str, record: dict[str, Any]) -> str:
        did = self.did
        self.limiter.take(self.name, did, action)
        response = self._call(
            f"createRecord {collection}",
            lambda: self.client.com.atproto.repo.create_record(
                {"repo": did, "collection": collection, "record": record}
            ),
        )
        return str(response.uri)

    def _delete(self, action: str, uri: str) -> None:
        did, collection, rkey = split_uri(uri)
        if did != self.did:
            raise NetworkError(f"bluesky: cannot delete {uri}: not ours", retry=False, status=403)
        self.limiter.take(self.name, did, action)
        self._call(
            f"deleteRecord {collection}",
            lambda: self.client.com.atproto.repo.delete_record(
                {"repo": did, "collection": collection, "rkey": rkey}
            ),
        )

    def _now(self) -> str:
        return datetime.now(UTC).isoformat().replace("+00:00", "Z")

    def find_repost(self, uri: str) -> str | None:
        found = self._find_own(REPOST, uri, self._reposts, "repost")
        if found:
            self._reposts[uri] = found[0]
        return found[0] if found else None

    def repost(self, uri: str) -> str:
        split_uri(uri)
        existing = self.find_repost(uri)
        if existing:
            return existing
        cid, _ = self._strong_ref(uri)
        created = self._create(
            "repost", REPOST, {"$type": REPOST, "subject": {"uri": uri, "cid": cid}, "createdAt": self._now()}
        )
        self._reposts[uri] = created
        return created

    def undo_repost(self, uri: str) -> None:
        split_uri(uri)
        for repost_uri in self._find_own(REPOST, uri, self._reposts, "repost"):
            self._delete("undo_repost", repost_uri)
        self._reposts.pop(uri, None)

    def like(self, uri: str) -> str:
        split_uri(uri)
        found = self._find_own(LIKE, uri, self._likes, "like")
        if found:
            self._likes[uri] = found[0]
            return found[0]
        cid, _ = self._strong_ref(uri)
        created = self._create(
            "like", LIKE, {"$type": LIKE, "subject": {"uri": uri, "cid": cid}, "createdAt": self._now()}
        )
        self._likes[uri] = created
        return created

    def unlike(self, uri: str) -> None:
        for like_uri in self._find_own(LIKE, uri, self._likes, "like"):
            self._delete("delete", like_uri)
        self._likes.pop(uri, None)

    def _facets(self, text: str) -> list[dict[str, Any]]:
        return [models.get_model_as_dict(f) for f in facet_detection.detect_facets(text)]

    def reply(self, uri: str, text: str) -> str:
        cid, record = self._strong_ref(uri)
        parent = {"uri": uri, "cid": cid}
        root = (record.get("reply") or {}).get("root") or parent
        post: dict[str, Any] = {
            "$type": POST,
            "text": text,
            "createdAt": self._now(),
            "reply": {"root": root, "parent": parent},
            "langs": ["fr"],
        }
        if facets := self._facets(text):
            post["facets"] = facets
        return self._create("reply", POST, post)

    def post(self, text: str, image: bytes | None = None, alt: str = "") -> str:
        record: dict[str, Any] = {"$type": POST, "text": text, "createdAt": self._now(), "langs": ["fr"]}
        if facets := self._facets(text):
            record["facets"] = facets
        if image is not None:
            uploaded = self._call("uploadBlob", lambda: self.client.com.atproto.repo.upload_blob(image))
            entry: dict[str, Any] = {"alt": alt, "image": models.get_model_as_dict(uploaded.blob)}
            if size := _image_size(image):
                entry["aspectRatio"] = {"width": size[0], "height": size[1]}
            record["embed"] = {"$type": "app.bsky.embed.images", "images": [entry]}
        return self._create("post", POST, record)

    def delete_post(self, uri: str) -> None:
        self._delete("delete", uri)

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
        self._call("putRecord profile", lambda: self.client.com.atproto.repo.put_record(data))
        return True

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

    def send_direct_message(self, actor: str, text: str) -> str:
        """Send a DM through the Bluesky chat service (not available on the local dev-env network)."""
        chat = self.client.with_bsky_chat_proxy()
        did = actor if actor.startswith("did:") else self.get_profile(actor).id
        convo = self._call(
            "getConvoForMembers", lambda: chat.chat.bsky.convo.get_convo_for_members({"members": [did]})
        ).convo
        self.limiter.take(self.name, self.did, "create")
        sent = self._call(
            "sendMessage",
            lambda: chat.chat.bsky.convo.send_message({"convo_id": convo.id, "message": {"text": text}}),
        )
        return str(sent.id)


def _image_size(data: bytes) -> tuple[int, int] | None:
    try:
        from io import BytesIO

        from PIL import Image

        with Image.open(BytesIO(data)) as img:
            return int(img.width), int(img.height)
    except Exception:
        return None
