"""X adapter (API v2), on tweepy.

Off unless keys are configured (see `registry.configured_networks`): X bills reads and writes, so
every call is counted and priced by `usage()` for the dashboard, with per-operation estimates
(`DEFAULT_COSTS_USD`, overridable: plans change, the collective enters its own).

Stream: recent-search polling (`GET /2/tweets/search/recent`) for the tracked hashtags,
`-is:retweet`, with `since_id` = the cursor; all pages since the cursor are read (next_token),
then yielded oldest first, each with its id as the cursor. The first run reads one page only (the
newest), not the 7 days of history, to keep the bill small.

Writes: repost/undo (`/2/users/:id/retweets`), like, reply and post (`/2/tweets`), image upload
(`/2/media/upload` + alt text through `/2/media/metadata`). X answers a repeated repost with
`retweeted: true` without reposting again; the adapter also remembers what it reposted.
Direct messages are not offered: the DM endpoints need a paid tier and explicit consent flows.

Mentions: a seeker's "stop" under a request rarely repeats the hashtag, so the search never sees
it. With user-context keys, `stream()` also reads the official account's mention timeline
(`GET /2/users/:id/mentions`, `since_id` = its own position) and yields the mentions that reply to
a post (`referenced_tweets` replied_to) as `reply_only` events with `reply_to` = "x:<parent id>".
X puts the @handle of whoever is answered in a reply, so every answer to the official account's
reply under a request is a mention; a seeker answering their own post without naming the
collective is not (only a per-request `conversation_id:` search could find it, billed per read).
The mention timeline allows 10 requests / 15 min per user on Basic access: it is read at most
every `mention_interval` seconds. The cursor stays the bare search id until a mention position
exists, then becomes `{"search": id, "mentions": id}` (a bare id still reads as the search one).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any

import requests
import tweepy

from .base import Author, Network, NetworkError, NetworkEvent, Page, PostEngagement
from .credentials import Secret, secret
from .hashtags import DEFAULT_HASHTAGS, HashtagFilter, HashtagFiltering
from .ratelimit import RateLimiter

logger = logging.getLogger(__name__)

API = "https://api.twitter.com"
UPLOAD = "https://api.x.com/2/media/upload"
METADATA = "https://api.x.com/2/media/metadata"

# Estimated USD per unit (pay-per-use pricing as published; adjust to the collective's plan).
# Reads are billed per resource returned (a post, a user), writes per request.
DEFAULT_COSTS_USD: dict[str, float] = {
    "post_read": 0.005,
    "user_read": 0.010,
    "post_create": 0.010,
    "repost": 0.010,
    "undo_repost": 0.010,
    "like": 0.010,
    "media_upload": 0.010,
}

TWEET_FIELDS = [
    "created_at",
    "author_id",
    "entities",
    "attachments",
    "edit_history_tweet_ids",
    "note_tweet",
    "lang",
]
MENTION_FIELDS = [*TWEET_FIELDS, "referenced_tweets", "in_reply_to_user_id", "conversation_id"]
# created_at: the account's age, for automatic approval's minimum-age rule (no extra request: same call).
USER_FIELDS = ["description", "public_metrics", "name", "username", "created_at"]
MEDIA_FIELDS = ["url", "alt_text", "type", "preview_image_url"]


def map_error(exc: Exception, what: str) -> NetworkError:
    if isinstance(exc, NetworkError):
        return exc
    if isinstance(exc, tweepy.TooManyRequests):
        reset = exc.response.headers.get("x-rate-limit-reset") if exc.response is not None else None
        retry_after = max(0.0, float(reset) - time.time()) if reset and str(reset).isdigit() else None
        return NetworkError(f"x {what}: rate limited", retry=True, retry_after=retry_after, status=429)
    if isinstance(exc, tweepy.HTTPException):
        status = getattr(exc.response, "status_code", None)
        messages = "; ".join(str(m) for m in exc.api_messages) or str(exc)
        retry = isinstance(exc, tweepy.TwitterServerError) or (status is not None and status >= 500)
        return NetworkError(f"x {what}: {status} {messages}", retry=retry, status=status)
    if isinstance(exc, requests.RequestException | TimeoutError | OSError):
        return NetworkError(f"x {what}: {type(exc).__name__}: {exc}", retry=True)
    return NetworkError(f"x {what}: {type(exc).__name__}: {exc}", retry=False)


def tweet_id(uri: str) -> str:
    """'x:123', 'https://x.com/user/status/123' or '123' -> '123'."""
    match = re.search(r"(?:^x:|/status(?:es)?/|^)(\d{1,25})(?:[/?#]|$)", uri.strip())
    if not match:
        raise NetworkError(f"x: not a post id or URL: {uri!r}", retry=False, status=400)
    return match.group(1)


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def author_from_user(user: Mapping[str, Any]) -> Author:
    metrics = user.get("public_metrics") or {}
    followers = metrics.get("followers_count")
    return Author(
        id=str(user.get("id", "")),
        handle=str(user.get("username", "")),
        display_name=str(user.get("name", "") or ""),
        bio=str(user.get("description", "") or ""),
        followers_count=int(followers) if followers is not None else None,
        created_at=_time(user.get("created_at")),
    )


def event_from_tweet(tweet: Mapping[str, Any], includes: Mapping[str, Any] | None = None) -> NetworkEvent:
    includes = includes or {}
    users = {str(u.get("id")): u for u in includes.get("users") or ()}
    media_by_key = {str(m.get("media_key")): m for m in includes.get("media") or ()}
    tid = str(tweet["id"])
    user = users.get(str(tweet.get("author_id")), {"id": tweet.get("author_id", "")})
    author = author_from_user(user)
    note = tweet.get("note_tweet") or {}
    text = str(note.get("text") or tweet.get("text") or "")  # long posts keep their full text in note_tweet
    entities = note.get("entities") or tweet.get("entities") or {}
    links = [
        str(u.get("unwound_url") or u.get("expanded_url") or u.get("url"))
        for u in entities.get("urls") or ()
        if not u.get("media_key")  # the link X adds for an attached image is not the seeker's link
    ]
    keys = (tweet.get("attachments") or {}).get("media_keys") or ()
    photos = [media_by_key[k] for k in keys if k in media_by_key and media_by_key[k].get("type") == "photo"]
    history = tweet.get("edit_history_tweet_ids") or [tid]
    return NetworkEvent(
        kind="update" if len(history) > 1 and str(history[0]) != tid else "post",
        network="x",
        uri=f"x:{tid}",
        author=author,
        text=text,
        created_at=_time(tweet.get("created_at")),
        has_image=bool(photos),
        image_alt="\n".join(str(p.get("alt_text")) for p in photos if p.get("alt_text")),
        image_urls=tuple(str(p.get("url")) for p in photos if p.get("url")),
        links=tuple(dict.fromkeys(links)),
        url=f"https://x.com/{author.handle or 'i'}/status/{tid}",
        raw={"tweet": dict(tweet)},
    )


def replied_to(tweet: Mapping[str, Any]) -> str:
    """The id of the post `tweet` replies to ("" when it is not a reply)."""
    for ref in tweet.get("referenced_tweets") or ():
        if ref.get("type") == "replied_to" and ref.get("id"):
            return str(ref["id"])
    return ""


def parse_cursor(cursor: str | None) -> dict[str, str]:
    """The stream positions: a bare id is the search one (the cursor's first form)."""
    if not cursor:
        return {}
    if cursor.isdigit():
        return {"search": cursor}
    try:
        data = json.loads(cursor)
    except ValueError as exc:
        raise NetworkError(f"x: bad cursor {cursor!r}", retry=False) from exc
    if not isinstance(data, dict):
        raise NetworkError(f"x: bad cursor {cursor!r}", retry=False)
    return {str(k): str(v) for k, v in data.items() if str(v).isdigit()}


def dump_cursor(positions: Mapping[str, str]) -> str:
    if set(positions) <= {"search"}:
        return positions.get("search", "")
    return json.dumps(dict(positions), sort_keys=True, separators=(",", ":"))


class XNetwork(HashtagFiltering, Network):
    name = "x"

    def __init__(
        self,
        *,
        bearer_token: str | Secret = "",
        api_key: str | Secret = "",
        api_secret: str | Secret = "",
        access_token: str | Secret = "",
        access_token_secret: str | Secret = "",
        hashtags: Iterable[str] = DEFAULT_HASHTAGS,
        limiter: RateLimiter | None = None,
        session: requests.Session | None = None,
        costs_usd: Mapping[str, float] | None = None,
        max_pages: int = 5,
        mentions: bool | None = None,
        mention_interval: float = 90.0,
        oauth2_user: bool = False,
        refresh_token: Callable[[], str] | None = None,
    ):
        self._bearer = secret(bearer_token)
        # A member connected with OAuth 2.0 (PKCE) gives a user access token, sent as the bearer: user
        # calls then go without OAuth 1.0a signing (tweepy's user_auth=False).
        self._user_auth = not oauth2_user
        # Such a token lives about two hours: on a 401 the hook gives a fresh one (and stores it) and
        # the call is made once more.
        self._refresh_token = refresh_token if oauth2_user else None
        self._api_key = secret(api_key)
        self._api_secret = secret(api_secret)
        self._access_token = secret(access_token)
        self._access_secret = secret(access_token_secret)
        self.filter = HashtagFilter(hashtags)
        self.limiter = limiter or RateLimiter()
        self.max_pages = max_pages
        self.costs_usd = dict(DEFAULT_COSTS_USD if costs_usd is None else costs_usd)
        self.client = tweepy.Client(
            bearer_token=self._bearer.reveal() or None,
            consumer_key=self._api_key.reveal() or None,
            consumer_secret=self._api_secret.reveal() or None,
            access_token=self._access_token.reveal() or None,
            access_token_secret=self._access_secret.reveal() or None,
            return_type=requests.Response,  # raw responses: we read the rate-limit headers and bill the units
            wait_on_rate_limit=False,  # never sleep inside a worker: the caller schedules the retry
        )
        if session is not None:
            self.client.session = session
        token_id = self._access_token.reveal() or self._bearer.reveal()
        self.account_key = "x:" + hashlib.sha256(token_id.encode()).hexdigest()[:10]
        self._me: str | None = None
        self._reposted: set[str] = set()
        self._usage: dict[str, int] = {}
        self._usage_lock = threading.Lock()
        # The mention timeline needs the official account's user context (whose mentions?).
        user_context = bool(self._access_token.reveal() and self._api_key.reveal())
        self.mentions = user_context if mentions is None else mentions
        self.mention_interval = mention_interval
        self._mentions_due = 0.0  # monotonic time of the next mention read

    @property
    def source(self) -> str:
        return "x:recent-search"

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{k}={v!r}" for k, v in (("bearer_token", self._bearer), ("access_token", self._access_token))
        )
        return f"XNetwork({shown})"

    # -- cost accounting ---------------------------------------------------------------------------

    def cost_estimate(self, operation: str, units: int = 1) -> float:
        """Estimated USD for `units` of `operation` (a key of DEFAULT_COSTS_USD)."""
        return round(self.costs_usd.get(operation, 0.0) * units, 6)

    def _bill(self, operation: str, units: int = 1) -> None:
        with self._usage_lock:
            self._usage[operation] = self._usage.get(operation, 0) + units

    def usage(self) -> dict[str, Any]:
        """Units used and their estimated cost since this adapter started (for the dashboard)."""
        with self._usage_lock:
            units = dict(self._usage)
        by_op = {op: self.cost_estimate(op, n) for op, n in units.items()}
        return {"units": units, "cost_usd": by_op, "total_usd": round(sum(by_op.values()), 6)}

    # -- calls -------------------------------------------------------------------------------------

    def _call(self, action: str | None, what: str, fn: Callable[[], Any]) -> dict[str, Any]:
        if action:
            self.limiter.take(self.name, self.account_key, action)
        try:
            try:
                response = fn()
            except tweepy.Unauthorized:
                if self._refresh_token is None:
                    raise
                self.client.bearer_token = self._refresh_token()
                response = fn()
        except Exception as exc:
            raise map_error(exc, what) from None
        remaining = response.headers.get("x-rate-limit-remaining") if hasattr(response, "headers") else None
        if action and remaining is not None and str(remaining).isdigit():
            limit_name = {
                "repost": "reposts",
                "undo_repost": "unreposts",
                "like": "likes",
                "search": "search",
            }.get(action, "posts")
            self.limiter.observe(self.name, self.account_key, limit_name, float(remaining))
        try:
            return dict(response.json()) if response.content else {}
        except ValueError:
            return {}

    def me(self) -> str:
        if self._me is None:
            data = self._call(None, "get_me", lambda: self.client.get_me(user_auth=self._user_auth))
            self._me = str((data.get("data") or {}).get("id") or "")
            self._bill("user_read")
            if not self._me:
                raise NetworkError("x: could not read the authenticated user", retry=False, status=401)
        return self._me

    # -- stream ------------------------------------------------------------------------------------

    def query(self) -> str:
        tags = " OR ".join(f"#{h.lstrip('#＃')}" for h in self.filter.hashtags)
        return f"({tags}) -is:retweet"

    def _read_pages(
        self,
        action: str,
        what: str,
        fetch: Callable[..., Any],
        params: dict[str, Any],
        *,
        since: str | None,
        paging_key: str,
    ) -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
        """Tweets newer than `since` by id, each with the `includes` of its page (billed per read).

        Without `since` (first run) only the newest page is read, not the whole history."""
        tweets: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
        next_token: str | None = None
        for _ in range(self.max_pages if since else 1):
            page_params = dict(params, max_results=100)
            if since:
                page_params["since_id"] = since
            if next_token:
                page_params[paging_key] = next_token
            data = self._call(action, what, partial(fetch, **page_params))
            page = data.get("data") or []
            includes = data.get("includes") or {}
            self._bill("post_read", len(page))
            self._bill("user_read", len(includes.get("users") or ()))
            for tweet in page:
                tweets[str(tweet["id"])] = (tweet, includes)
            next_token = (data.get("meta") or {}).get("next_token")
            if not next_token:
                break
        return tweets

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        positions = parse_cursor(cursor)
        params = {
            "tweet_fields": TWEET_FIELDS,
            "user_fields": USER_FIELDS,
            "media_fields": MEDIA_FIELDS,
            "expansions": ["author_id", "attachments.media_keys"],
        }
        search = partial(self.client.search_recent_tweets, self.query())
        tweets = self._read_pages(
            "search", "search recent", search, params, since=positions.get("search"), paging_key="next_token"
        )
        for tid in sorted(tweets, key=int):
            tweet, includes = tweets[tid]
            event = event_from_tweet(tweet, includes)
            positions["search"] = tid
            # The search matches loosely (case, stemming): keep only what our filter accepts too.
            if self.filter.matches(event.text, []):
                yield event, dump_cursor(positions)
        if self.mentions and time.monotonic() >= self._mentions_due:
            self._mentions_due = time.monotonic() + self.mention_interval
            yield from self._mention_events(positions, seen=set(tweets))

    def _mention_events(
        self, positions: dict[str, str], *, seen: set[str]
    ) -> Iterator[tuple[NetworkEvent, str]]:
        """The official account's mentions that reply to a post, oldest first, as `reply_only` events."""
        me = self.me()
        params = {"tweet_fields": MENTION_FIELDS, "user_fields": USER_FIELDS, "expansions": ["author_id"]}
        mentions = partial(self.client.get_users_mentions, me, user_auth=self._user_auth)
        tweets = self._read_pages(
            "mentions",
            "mentions",
            mentions,
            params,
            since=positions.get("mentions"),
            paging_key="pagination_token",
        )
        for tid in sorted(tweets, key=int):
            tweet, includes = tweets[tid]
            positions["mentions"] = tid
            parent = replied_to(tweet)
            if not parent or tid in seen or str(tweet.get("author_id")) == me:
                continue  # not an answer, already yielded by the search, or the account's own post
            event = event_from_tweet(tweet, includes)
            yield dataclasses.replace(event, reply_to=f"x:{parent}", reply_only=True), dump_cursor(positions)

    # -- reads -------------------------------------------------------------------------------------

    def get_profile(self, actor: str) -> Author:
        handle = actor.lstrip("@")
        if handle.isdigit():
            fn = lambda: self.client.get_user(id=handle, user_fields=USER_FIELDS)  # noqa: E731
        else:
            fn = lambda: self.client.get_user(username=handle, user_fields=USER_FIELDS)  # noqa: E731
        data = self._call(None, "get user", fn)
        self._bill("user_read")
        user = data.get("data")
        if not user:
            raise NetworkError(f"x: user {actor} not found", retry=False, status=404)
        return author_from_user(user)

    def followers(self, actor: str, cursor: str | None = None) -> Page:
        user_id = actor if actor.isdigit() else self.get_profile(actor).id
        params: dict[str, Any] = {"max_results": 1000, "user_fields": USER_FIELDS}
        if cursor:
            params["pagination_token"] = cursor
        data = self._call(None, "followers", lambda: self.client.get_users_followers(user_id, **params))
        users = data.get("data") or []
        self._bill("user_read", len(users))
        next_token = (data.get("meta") or {}).get("next_token")
        return Page(items=[author_from_user(u) for u in users], cursor=next_token if users else None)

    def get_post_engagement(self, uri: str) -> PostEngagement:
        tid = tweet_id(uri)
        data = self._call(
            None, "get post", lambda: self.client.get_tweet(tid, tweet_fields=["public_metrics"])
        )
        tweet = data.get("data")
        if not tweet:
            raise NetworkError(f"x: post {tid} not found", retry=False, status=404)
        self._bill("post_read")
        metrics = tweet.get("public_metrics") or {}
        return PostEngagement(
            reposts=int(metrics.get("retweet_count", 0)),
            likes=int(metrics.get("like_count", 0)),
            replies=int(metrics.get("reply_count", 0)),
            quotes=int(metrics.get("quote_count", 0)),
        )

    def reposted_by(self, uri: str, cursor: str | None = None) -> Page:
        params: dict[str, Any] = {"max_results": 100, "user_fields": USER_FIELDS}
        if cursor:
            params["pagination_token"] = cursor
        tid = tweet_id(uri)
        data = self._call(None, "retweeted by", lambda: self.client.get_retweeters(tid, **params))
        users = data.get("data") or []
        self._bill("user_read", len(users))
        next_token = (data.get("meta") or {}).get("next_token")
        return Page(items=[author_from_user(u) for u in users], cursor=next_token if users else None)

    # -- writes ------------------------------------------------------------------------------------

    def find_repost(self, uri: str) -> str | None:
        tid = tweet_id(uri)
        return f"retweet:{tid}" if tid in self._reposted else None

    def repost(self, uri: str) -> str:
        tid = tweet_id(uri)
        if tid in self._reposted:
            return f"retweet:{tid}"
        me = self.me()
        data = self._call("repost", "repost", lambda: self.client.retweet(tid, user_auth=self._user_auth))
        self._bill("repost")
        if not (data.get("data") or {}).get("retweeted"):
            raise NetworkError(f"x repost of {tid}: not confirmed ({data})", retry=True)
        self._reposted.add(tid)
        logger.debug("x: user %s reposted %s", me, tid)
        return f"retweet:{tid}"

    def undo_repost(self, uri: str) -> None:
        tid = tweet_id(uri)
        self.me()
        # X answers `retweeted: false` whether or not the repost existed: undoing twice is harmless.
        self._call(
            "undo_repost", "undo repost", lambda: self.client.unretweet(tid, user_auth=self._user_auth)
        )
        self._bill("undo_repost")
        self._reposted.discard(tid)

    def like(self, uri: str) -> str:
        tid = tweet_id(uri)
        self.me()
        self._call("like", "like", lambda: self.client.like(tid, user_auth=self._user_auth))
        self._bill("like")
        return f"like:{tid}"

    def reply(self, uri: str, text: str) -> str:
        tid = tweet_id(uri)
        data = self._call(
            "reply",
            "reply",
            lambda: self.client.create_tweet(text=text, in_reply_to_tweet_id=tid, user_auth=self._user_auth),
        )
        self._bill("post_create")
        return f"x:{(data.get('data') or {}).get('id')}"

    def post(self, text: str, image: bytes | None = None, alt: str = "") -> str:
        media_ids = [self._upload(image, alt)] if image is not None else None
        data = self._call(
            "post",
            "post",
            lambda: self.client.create_tweet(text=text, media_ids=media_ids, user_auth=self._user_auth),
        )
        self._bill("post_create")
        return f"x:{(data.get('data') or {}).get('id')}"

    def _oauth1(self) -> Any:
        return tweepy.OAuth1UserHandler(
            self._api_key.reveal(),
            self._api_secret.reveal(),
            self._access_token.reveal(),
            self._access_secret.reveal(),
        ).apply_auth()

    def _upload(self, image: bytes, alt: str) -> str:
        def send(url: str, **kwargs: Any) -> requests.Response:
            response = self.client.session.post(url, auth=self._oauth1(), timeout=60, **kwargs)
            if response.status_code == 429:
                raise tweepy.TooManyRequests(response)
            if response.status_code >= 500:
                raise tweepy.TwitterServerError(response)
            if not 200 <= response.status_code < 300:
                raise tweepy.HTTPException(response)
            return response

        data = self._call(
            "post",
            "media upload",
            lambda: send(UPLOAD, files={"media": image}, data={"media_category": "tweet_image"}),
        )
        self._bill("media_upload")
        media_id = str((data.get("data") or {}).get("id") or data.get("media_id_string") or "")
        if not media_id:
            raise NetworkError(f"x media upload: no media id in {data}", retry=False)
        if alt:
            self._call(
                None,
                "media alt text",
                lambda: send(METADATA, json={"id": media_id, "metadata": {"alt_text": {"text": alt[:1000]}}}),
            )
        return media_id
