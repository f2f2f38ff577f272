"""Mastodon adapter, on Mastodon.py.

Stream: polling each tracked hashtag's timeline forward with `min_id` (the gap-free form of
`since_id`: pages go oldest-to-newest from the cursor, so a burst of more than one page is never
skipped). The cursor is the highest status id seen per hashtag, as compact JSON; statuses carrying
several tracked hashtags are yielded once. Live streaming (`/api/v1/streaming/hashtag`) is offered
by `listen()` where the instance allows it: it is the only way to see edits (`status.update`) and
deletions (`delete`) as they happen; `event_from_streaming()` turns those payloads into events.

An event's `uri` is the status's ActivityPub URI (the same on every instance); write actions
resolve it to this instance's local id (search with resolve=true), cached.

Writes check the viewer state first (`reblogged`, `favourited`) so asking twice acts once.
Requests are counted against the documented limits (300 / 5 min, un-boosts and deletes 30 / 30 min)
before they are sent; the instance's X-RateLimit-* headers then correct the local count.

Mentions: a seeker who answers "stop" under their request rarely repeats the hashtag, so the hashtag
timelines never show that reply. After the timelines, `stream()` polls the official account's
notifications of type `mention` forward from their own position in the cursor (key `@mentions`: a
notification id, which lives in another id space than statuses), and yields the mentions that are
replies (`in_reply_to_id`) with `reply_to` set to the parent's URI, so the ingest's reply handling
(`relay.replies`) sees them. Mastodon notifies a reply to one of the official account's statuses
(its reply under a request) and any status that @-mentions it; a seeker's reply to their *own*
post that does not mention the collective notifies nobody. For those, when the consumer says
which posts to watch (`watched_posts`, set by the ingest: the live requests' posts), `stream()`
reads each one's `status_context` at most every `context_interval` seconds and yields the
author's direct answers under it as `reply_only` events (one read per watched post: the ingest
caps the list, and the interval keeps it well inside 300 requests / 5 min). The same read is how
polling sees a deletion: a watched status the instance knew and now answers 404 for is yielded as a
`delete` event (deleted, or no longer public: either way not to be relayed). A streamed `delete`
names only this instance's id; the ingest finds the post by the `id` of its stored payload.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import io
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import partial
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import requests
from mastodon import Mastodon
from mastodon import errors as mx

from .base import Author, Network, NetworkError, NetworkEvent, Page, PostEngagement, StreamHooks
from .credentials import Secret, secret
from .hashtags import DEFAULT_HASHTAGS, MEMBER_TAG, SEEKER_TAG, HashtagFilter, HashtagFiltering
from .ratelimit import RateLimiter

logger = logging.getLogger(__name__)


# --- HTML ------------------------------------------------------------------------------------------


class _TextAndLinks(HTMLParser):
    """Status HTML -> plain text (paragraphs and <br> as newlines) + the links that are not mentions/tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0  # Mastodon hides URL prefixes in <span class="invisible">: keep them, they are text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")
        elif tag == "a":
            classes = (a.get("class") or "").split()
            rel = (a.get("rel") or "").split()
            href = a.get("href") or ""
            if href and "mention" not in classes and "hashtag" not in classes and "tag" not in rel:
                self.links.append(href)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        out = "".join(self.parts)
        return re.sub(r"[ \t]+\n", "\n", out).strip()


def html_to_text(content: str) -> tuple[str, list[str]]:
    """(plain text, links) of a status's or bio's HTML."""
    if not content:
        return "", []
    parser = _TextAndLinks()
    parser.feed(content)
    parser.close()
    return html.unescape(parser.text()), list(dict.fromkeys(parser.links))


# --- errors ----------------------------------------------------------------------------------------


def map_error(exc: Exception, what: str, api: Mastodon | None = None) -> NetworkError:
    if isinstance(exc, NetworkError):
        return exc
    if isinstance(exc, mx.MastodonRatelimitError):
        retry_after = None
        reset = getattr(api, "ratelimit_reset", None) if api is not None else None
        if reset:
            retry_after = max(0.0, float(reset) - time.time())
        return NetworkError(f"mastodon {what}: rate limited", retry=True, retry_after=retry_after, status=429)
    if isinstance(exc, mx.MastodonNetworkError):  # includes read timeouts
        return NetworkError(f"mastodon {what}: {exc}", retry=True)
    if isinstance(exc, mx.MastodonAPIError):
        status = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
        detail = exc.args[3] if len(exc.args) > 3 else exc
        retry = isinstance(exc, mx.MastodonServerError) or (status is not None and status >= 500)
        return NetworkError(f"mastodon {what}: {status} {detail}", retry=retry, status=status)
    if isinstance(exc, requests.RequestException | TimeoutError | OSError):
        return NetworkError(f"mastodon {what}: {type(exc).__name__}: {exc}", retry=True)
    return NetworkError(f"mastodon {what}: {type(exc).__name__}: {exc}", retry=False)


# --- entities --------------------------------------------------------------------------------------


def _get(obj: Any, key: str, default: Any = None) -> Any:
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def author_from_account(account: Any) -> Author:
    bio, _ = html_to_text(str(_get(account, "note", "") or ""))
    followers = _get(account, "followers_count")
    return Author(
        id=str(_get(account, "id", "")),
        handle=str(_get(account, "acct", "") or _get(account, "username", "")),
        display_name=str(_get(account, "display_name", "") or ""),
        bio=bio,
        followers_count=int(followers) if followers is not None else None,
        created_at=_time(_get(account, "created_at")),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def event_from_status(
    status: Any, kind: str | None = None, *, reply_uri: Callable[[str], str] | None = None
) -> NetworkEvent:
    """A status entity -> event. `kind` defaults to 'update' when the status was edited.

    `in_reply_to_id` is this instance's local id: `reply_uri` turns it into the parent's uri
    (the adapter knows the statuses it has seen); without it `reply_to` stays ""."""
    text, links = html_to_text(str(_get(status, "content", "") or ""))
    card_url = _get(_get(status, "card"), "url")
    if card_url:
        links.append(str(card_url))
    media = [m for m in _get(status, "media_attachments", None) or () if _get(m, "type") in ("image", "gifv")]
    edited = _time(_get(status, "edited_at"))
    return NetworkEvent(
        kind=(kind or ("update" if edited else "post")),  # type: ignore[arg-type]
        network="mastodon",
        uri=str(_get(status, "uri") or _get(status, "url") or ""),
        author=author_from_account(_get(status, "account")),
        text=text,
        created_at=_time(_get(status, "created_at")),
        has_image=bool(media),
        image_alt="\n".join(str(_get(m, "description") or "") for m in media if _get(m, "description")),
        image_urls=tuple(str(_get(m, "url")) for m in media if _get(m, "url")),
        links=tuple(dict.fromkeys(links)),
        url=str(_get(status, "url") or _get(status, "uri") or ""),
        raw=_jsonable(dict(status)) if isinstance(status, dict) else {},
        reply_to=_reply_uri(status, reply_uri),
    )


def _reply_uri(status: Any, resolve: Callable[[str], str] | None) -> str:
    parent = _get(status, "in_reply_to_id")
    if not parent or resolve is None:
        return ""
    try:
        return resolve(str(parent)) or ""
    except NetworkError as exc:
        if exc.retry:
            # Briefly unreachable (429, 5xx): the poll stops before this status and reads it again,
            # rather than losing the link that lets a seeker's "stop" withdraw their request.
            raise
        return ""  # the parent is gone or not visible to us: not a reply we can match


def event_from_streaming(event: str, payload: Any, *, instance: str = "") -> NetworkEvent | None:
    """A streaming API message (`update`, `status.update`, `delete`) -> event; None for other kinds.

    `payload` is the decoded JSON of the message (a status), or the status id string for `delete`:
    Mastodon sends only the local id, so the event's uri is `<instance>/statuses/<id>` and the
    consumer matches it through the status's local id kept in `raw`."""
    if event == "update":
        return event_from_status(payload, "post")
    if event == "status.update":
        return event_from_status(payload, "update")
    if event == "delete":
        local_id = str(payload)
        return NetworkEvent(
            kind="delete",
            network="mastodon",
            uri=f"{instance.rstrip('/')}/statuses/{local_id}",
            author=Author(id="", handle=""),
            raw={"id": local_id},
        )
    return None


def _parse_cursor(cursor: str | None) -> dict[str, str]:
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except ValueError as exc:
        raise NetworkError(f"mastodon: bad cursor {cursor!r}", retry=False) from exc
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


MENTIONS_KEY = "@mentions"  # cursor key of the notifications position: "@" never starts a hashtag name


def _id_key(status_id: Any) -> tuple[int, str]:
    text = str(status_id)
    return (int(text), text) if text.isdigit() else (0, text)


def _dump_cursor(positions: dict[str, str]) -> str:
    return json.dumps(positions, sort_keys=True, separators=(",", ":"))


# --- the adapter -----------------------------------------------------------------------------------


class MastodonNetwork(HashtagFiltering, Network):
    name = "mastodon"
    direct_messages = True  # a "direct" status that mentions the person

    def __init__(
        self,
        api_base_url: str,
        access_token: str | Secret,
        *,
        hashtags: Iterable[str] = DEFAULT_HASHTAGS,
        limiter: RateLimiter | None = None,
        session: requests.Session | None = None,
        page_limit: int = 40,
        max_pages: int = 10,
        request_timeout: float = 20.0,
        bot: bool = False,
        mentions: bool = True,
        context_interval: float = 900.0,
    ):
        self.api_base_url = api_base_url.rstrip("/")
        self._token = secret(access_token)
        self.filter = HashtagFilter(hashtags)
        self.tags = [h.lstrip("#＃") for h in self.filter.hashtags]
        self.limiter = limiter or RateLimiter()
        self.page_limit = page_limit
        self.max_pages = max_pages
        self.api = Mastodon(
            api_base_url=self.api_base_url,
            access_token=self._token.reveal() or None,
            session=session,
            ratelimit_method="throw",  # we pace ourselves (RateLimiter) and the caller decides when to retry
            version_check_mode="none",
            request_timeout=request_timeout,
        )
        # The limiter's account key: this instance + a digest of the token (never the token itself).
        digest = hashlib.sha256(self._token.reveal().encode()).hexdigest()[:10]
        self.account_key = f"{urlsplit(self.api_base_url).netloc}:{digest}"
        self._local_ids: dict[str, str] = {}
        self.bot = bot  # the official account flags itself as automated before its first write
        self._bot_checked = False
        self.mentions = mentions  # poll the account's mention notifications for replies ("stop")
        # From the consumer (`use_hooks`): URIs of the posts whose self-replies may say "stop" (see the
        # docstring).
        self.watched_posts: Callable[[], list[str]] | None = None
        self.context_interval = context_interval
        self._context_due = 0.0
        self._context_seen: set[str] = set()  # self-replies already yielded by this process
        # From the consumer (`use_hooks`): called before the requests that follow the timeline's events,
        # so the consumer stores those first instead of holding them through more network calls.
        self.on_idle: Callable[[], None] | None = None

    def use_hooks(self, hooks: StreamHooks) -> None:
        if self.watched_posts is None:
            self.watched_posts = hooks.watched_posts
        self.on_idle = hooks.idle

    def set_hashtags(
        self, hashtags: Iterable[str], *, seeker_tag: str = SEEKER_TAG, member_tag: str = MEMBER_TAG
    ) -> None:
        super().set_hashtags(hashtags, seeker_tag=seeker_tag, member_tag=member_tag)
        # The hashtag timelines to poll follow the filter's tags.
        self.tags = [h.lstrip("#＃") for h in self.filter.hashtags]

    @property
    def source(self) -> str:
        return f"mastodon:{urlsplit(self.api_base_url).netloc}"

    def __repr__(self) -> str:
        return f"MastodonNetwork(api_base_url={self.api_base_url!r}, access_token={self._token!r})"

    def declare_bot(self) -> bool:
        """Set the account's "automated" flag (Mastodon shows a bot badge). True when it changed."""
        me = self._call("read", "verify credentials", self.api.account_verify_credentials)
        if _get(me, "bot"):
            return False
        self._call("post", "update credentials", lambda: self.api.account_update_credentials(bot=True))
        return True

    def _before_write(self) -> None:
        if self.bot and not self._bot_checked:
            self._bot_checked = True
            try:
                self.declare_bot()
            except NetworkError as exc:
                logger.warning("mastodon: could not flag the account as a bot: %s", exc)

    def _call(self, action: str, what: str, fn: Callable[[], Any]) -> Any:
        self.limiter.take(self.name, self.account_key, action)
        try:
            result = fn()
        except Exception as exc:
            raise map_error(exc, what, self.api) from None
        finally:
            remaining = getattr(self.api, "ratelimit_remaining", None)
            if isinstance(remaining, int | float):
                self.limiter.observe(self.name, self.account_key, "requests", remaining)
        return result

    # -- stream ------------------------------------------------------------------------------------

    def _pages_after(self, tag: str, min_id: str | None) -> list[Any]:
        """Every status of the tag's timeline after `min_id` (or the newest page when starting)."""
        statuses: list[Any] = []
        cursor = min_id
        for _ in range(self.max_pages):
            page = self._call(
                "read",
                f"timeline #{tag}",
                partial(self.api.timeline_hashtag, tag, min_id=cursor, limit=self.page_limit),
            )
            if not page:
                break
            statuses.extend(page)
            if cursor is None:
                break  # first run: start from the newest page, not the whole history
            cursor = max((str(_get(s, "id")) for s in page), key=_id_key)
        return statuses

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        positions = _parse_cursor(cursor)
        by_id: dict[str, tuple[Any, set[str]]] = {}
        for tag in self.tags:
            for status in self._pages_after(tag, positions.get(tag.lower())):
                sid = str(_get(status, "id"))
                entry = by_id.setdefault(sid, (status, set()))
                entry[1].add(tag.lower())
        for sid in sorted(by_id, key=_id_key):
            status, tags = by_id[sid]
            for tag in tags:
                if _id_key(sid) > _id_key(positions.get(tag, "0")):
                    positions[tag] = sid
            if _get(status, "reblog"):
                continue  # a boost is not a request; its original is (or will be) in the timeline itself
            event = event_from_status(status, reply_uri=self._uri_of_local)
            uri = event.uri
            self._local_ids[uri] = sid
            yield event, _dump_cursor(positions)
        if self.on_idle is not None:
            self.on_idle()
        if self.mentions:
            yield from self._mention_events(positions, seen=set(by_id))
        if self.watched_posts is not None and time.monotonic() >= self._context_due:
            self._context_due = time.monotonic() + self.context_interval
            yield from self._self_reply_events(self.watched_posts(), _dump_cursor(positions))

    def _self_reply_events(self, uris: list[str], cursor: str) -> Iterator[tuple[NetworkEvent, str]]:
        """The author's own direct answers under each watched post (from its `status_context`).

        They carry no position of their own: the cursor is the poll's, unchanged, and a reply read
        again (after a restart) is a no-op for the consumer (it keys replies by URI)."""
        for uri in uris:
            try:
                local = self._local_id(uri)
            except NetworkError as exc:
                if exc.retry:
                    raise
                # Search found nothing: deleted, or a federation hiccup. Not proof enough to withdraw.
                logger.info("mastodon: %s not resolvable: %s", uri, exc)
                continue
            try:
                context = self._call("read", "status context", partial(self.api.status_context, local))
            except NetworkError as exc:
                if exc.retry:
                    raise
                if exc.status == 404:
                    # The instance knew this status and now says it is gone (deleted, or no longer public):
                    # polling sees deletions only this way, and a post we cannot see must not be relayed.
                    yield self._gone(uri, local), cursor
                else:
                    logger.info("mastodon: context of %s unavailable: %s", uri, exc)
                continue
            for status in _get(context, "descendants") or ():
                sid = str(_get(status, "id"))
                author = str(_get(_get(status, "account"), "id", ""))
                if str(_get(status, "in_reply_to_id")) != local or sid in self._context_seen:
                    continue
                if author != str(_get(status, "in_reply_to_account_id")):
                    continue  # someone else's answer: never theirs to withdraw
                self._context_seen.add(sid)
                event = dataclasses.replace(event_from_status(status, "post"), reply_to=uri, reply_only=True)
                self._local_ids[event.uri] = sid
                yield event, cursor

    # -- mentions (replies to the official account, or naming it) -------------------------------------

    def _notifications_after(self, min_id: str | None) -> list[Any]:
        """Every mention notification after `min_id` (the newest page on the first run), oldest first.

        `min_id` rather than `since_id`: with `since_id` the server answers the *newest* page above
        the id, so a burst of more than one page between two polls would lose its oldest part;
        `min_id` pages forward from the position, gap-free, like the hashtag timelines."""
        found: list[Any] = []
        position = min_id
        for _ in range(self.max_pages):
            page = self._call(
                "read",
                "notifications",
                partial(self.api.notifications, types=["mention"], min_id=position, limit=self.page_limit),
            )
            if not page:
                break
            found.extend(page)
            if position is None:
                break  # first run: the newest page only (a recent "stop"), not the whole history
            position = max((str(_get(n, "id")) for n in page), key=_id_key)
        return sorted({str(_get(n, "id")): n for n in found}.values(), key=lambda n: _id_key(_get(n, "id")))

    def _mention_events(
        self, positions: dict[str, str], *, seen: set[str]
    ) -> Iterator[tuple[NetworkEvent, str]]:
        """Mentions that answer a status, as events with `reply_to` (see the module docstring).

        Each carries the cursor with `@mentions` at its notification id. Mentions that answer
        nothing, or whose status the hashtag timelines already yielded in this poll, are passed
        over: the position moves with the next yielded one (or with the ingest's end-of-poll save)."""
        for notification in self._notifications_after(positions.get(MENTIONS_KEY)):
            nid = str(_get(notification, "id"))
            if _id_key(nid) > _id_key(positions.get(MENTIONS_KEY, "0")):
                positions[MENTIONS_KEY] = nid
            status = _get(notification, "status")
            if _get(notification, "type") != "mention" or not status or not _get(status, "in_reply_to_id"):
                continue
            sid = str(_get(status, "id"))
            if sid in seen:
                continue  # carried a tracked hashtag too: already yielded with its parent resolved
            seen.add(sid)
            parent = self._parent_uri(str(_get(status, "in_reply_to_id")))
            if not parent:
                continue
            event = dataclasses.replace(event_from_status(status, "post"), reply_to=parent, reply_only=True)
            self._local_ids[event.uri] = sid
            yield event, _dump_cursor(positions)

    def _parent_uri(self, local_id: str) -> str:
        """The URI of the status a mention answers; "" when it is gone (nothing left to withdraw).

        Unlike `_reply_uri` on the timelines, a transient failure (429, 5xx, timeout) is raised:
        the poll then stops before this mention's position is saved, and the next one reads it
        again, instead of passing over a seeker's "stop" because the parent was briefly unreachable."""
        try:
            return self._uri_of_local(local_id)
        except NetworkError as exc:
            if exc.retry:
                raise
            logger.info("mastodon: parent status %s of a mention unavailable: %s", local_id, exc)
            return ""

    def listen(self, handler: Callable[[NetworkEvent], None], *, run_async: bool = True) -> Any:
        """Live hashtag streaming where the instance serves it: `handler` gets posts, edits, deletions."""
        from mastodon import StreamListener

        instance = self.api_base_url

        class _Listener(StreamListener):
            def on_update(self, status: Any) -> None:
                ev = event_from_streaming("update", status, instance=instance)
                if ev:
                    handler(ev)

            def on_status_update(self, status: Any) -> None:
                ev = event_from_streaming("status.update", status, instance=instance)
                if ev:
                    handler(ev)

            def on_delete(self, status_id: Any) -> None:
                ev = event_from_streaming("delete", status_id, instance=instance)
                if ev:
                    handler(ev)

        try:
            # One streaming connection per tracked hashtag (the API streams one tag each);
            # a status carrying two of them reaches `handler` twice: the consumer dedupes by URI.
            return [
                self.api.stream_hashtag(tag, _Listener(), run_async=run_async, reconnect_async=True)
                for tag in self.tags
            ]
        except Exception as exc:
            raise map_error(exc, "streaming", self.api) from None

    # -- reads -------------------------------------------------------------------------------------

    def me(self) -> str:
        """The id of the account the token acts as (proves the token works)."""
        account = self._call("read", "verify credentials", self.api.account_verify_credentials)
        return str(_get(account, "id"))

    def _account_id(self, actor: str) -> str:
        if actor.isdigit():
            return actor
        account = self._call("read", "account lookup", lambda: self.api.account_lookup(actor.lstrip("@")))
        return str(_get(account, "id"))

    def get_profile(self, actor: str) -> Author:
        if actor.isdigit():
            account = self._call("read", "account", lambda: self.api.account(actor))
        else:
            account = self._call("read", "account lookup", lambda: self.api.account_lookup(actor.lstrip("@")))
        return author_from_account(account)

    def followers(self, actor: str, cursor: str | None = None, limit: int = 80) -> Page:
        account_id = self._account_id(actor)
        page = self._call(
            "read", "followers", lambda: self.api.account_followers(account_id, max_id=cursor, limit=limit)
        )
        items = [author_from_account(a) for a in page or ()]
        # The next page is in the Link header (rel="next"), which Mastodon.py keeps on the list.
        next_params = getattr(page, "_pagination_next", None)
        next_max = _get(next_params, "max_id") if next_params else None
        return Page(items=items, cursor=str(next_max) if next_max and items else None)

    @staticmethod
    def _gone(uri: str, local_id: str) -> NetworkEvent:
        """A `delete` event for a watched post the instance no longer shows."""
        return NetworkEvent(
            kind="delete", network="mastodon", uri=uri, author=Author(id="", handle=""), raw={"id": local_id}
        )

    def _local_id(self, uri: str) -> str:
        """This instance's id for a status given by its URI (or URL, or a local id)."""
        if uri.isdigit():
            return uri
        cached = self._local_ids.get(uri)
        if cached:
            return cached
        found = self._call(
            "read", "resolve status", lambda: self.api.search_v2(uri, resolve=True, result_type="statuses")
        )
        statuses = _get(found, "statuses") or []
        if not statuses:
            raise NetworkError(f"mastodon: status {uri} not found", retry=False, status=404)
        local = str(_get(statuses[0], "id"))
        self._local_ids[uri] = local
        return local

    def _uri_of_local(self, local_id: str) -> str:
        """The uri of a status given by this instance's id (a reply's `in_reply_to_id`)."""
        for uri, local in self._local_ids.items():
            if local == local_id:
                return uri
        status = self._status(local_id)
        uri = str(_get(status, "uri") or _get(status, "url") or "")
        if uri:
            self._local_ids[uri] = local_id
        return uri

    def _status(self, local_id: str) -> Any:
        return self._call("read", "status", lambda: self.api.status(local_id))

    def get_post_engagement(self, uri: str) -> PostEngagement:
        status = self._status(self._local_id(uri))
        return PostEngagement(
            reposts=int(_get(status, "reblogs_count", 0) or 0),
            likes=int(_get(status, "favourites_count", 0) or 0),
            replies=int(_get(status, "replies_count", 0) or 0),
        )

    def reposted_by(self, uri: str, cursor: str | None = None) -> Page:
        local = self._local_id(uri)
        accounts = self._call("read", "reblogged by", lambda: self.api.status_reblogged_by(local))
        return Page(items=[author_from_account(a) for a in accounts or ()], cursor=None)

    # -- writes ------------------------------------------------------------------------------------

    def find_repost(self, uri: str) -> str | None:
        local = self._local_id(uri)
        return f"reblog:{local}" if _get(self._status(local), "reblogged") else None

    def repost(self, uri: str) -> str:
        self._before_write()
        local = self._local_id(uri)
        if _get(self._status(local), "reblogged"):
            return f"reblog:{local}"
        self._call("boost", "boost", lambda: self.api.status_reblog(local))
        return f"reblog:{local}"

    def undo_repost(self, uri: str) -> None:
        self._before_write()
        local = self._local_id(uri)
        if not _get(self._status(local), "reblogged"):
            return
        self._call("unboost", "unboost", lambda: self.api.status_unreblog(local))

    def like(self, uri: str) -> str:
        self._before_write()
        local = self._local_id(uri)
        if not _get(self._status(local), "favourited"):
            self._call("favourite", "favourite", lambda: self.api.status_favourite(local))
        return f"favourite:{local}"

    def reply(self, uri: str, text: str) -> str:
        self._before_write()
        local = self._local_id(uri)
        status = self._call("reply", "reply", lambda: self.api.status_post(text, in_reply_to_id=local))
        return str(_get(status, "uri") or _get(status, "id"))

    def send_direct_message(self, actor: str, text: str) -> str:
        self._before_write()
        mention = actor if actor.startswith("@") else f"@{actor}"
        status = self._call(
            "direct_message",
            "direct message",
            lambda: self.api.status_post(f"{mention} {text}", visibility="direct"),
        )
        return str(_get(status, "uri") or _get(status, "id"))

    def post(self, text: str, image: bytes | None = None, alt: str = "") -> str:
        self._before_write()
        media_ids: list[Any] | None = None
        if image is not None:
            media = self._call(
                "media",
                "media upload",
                lambda: self.api.media_post(
                    io.BytesIO(image), mime_type=_mime(image), description=alt or None
                ),
            )
            media_ids = [_get(media, "id")]
        status = self._call("post", "post", lambda: self.api.status_post(text, media_ids=media_ids))
        return str(_get(status, "uri") or _get(status, "id"))


def _mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"
