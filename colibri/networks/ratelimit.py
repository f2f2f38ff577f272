"""Client-side rate limits and retries: stay under each network's documented limits.

A `RateLimiter` holds one token bucket per (network, account, limit). An action costs points
in one or more limits (a Bluesky post costs 3 points in both the hourly and the daily budget),
and is taken only when every bucket it touches has room, so the server never has to refuse it.
When a bucket is empty, `take()` raises `NetworkError(retry=True, retry_after=...)`, the same
error a 429 would give, so callers have one path for "not now, try later".

The clock is injected: tests drive time by hand, nothing here sleeps except `call_with_retry`
(whose `sleep` is injected too).

Documented limits (per account):
- Bluesky: 5,000 points/hour and 35,000 points/day; create = 3, update = 2, delete = 1.
- Mastodon: 300 requests / 5 minutes for every call; deleting a status or un-boosting also
  counts in 30 / 30 minutes; media uploads 30 / 30 minutes.
- X (API v2, per user): 50 reposts (and 50 un-reposts) / 15 minutes, 50 likes / 15 minutes,
  100 posts / 15 minutes, recent search 60 / 15 minutes (Basic tier).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .base import NetworkError

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limit:
    capacity: float  # points (or requests) allowed per window
    window: float  # seconds

    @property
    def rate(self) -> float:
        return self.capacity / self.window


# (network, limit name) -> Limit
DEFAULT_LIMITS: dict[tuple[str, str], Limit] = {
    ("bluesky", "points_hour"): Limit(5000, 3600),
    ("bluesky", "points_day"): Limit(35000, 86400),
    ("mastodon", "requests"): Limit(300, 300),
    ("mastodon", "deletes"): Limit(30, 1800),
    ("mastodon", "media"): Limit(30, 1800),
    ("x", "reposts"): Limit(50, 900),
    ("x", "unreposts"): Limit(50, 900),
    ("x", "likes"): Limit(50, 900),
    ("x", "posts"): Limit(100, 900),
    ("x", "search"): Limit(60, 900),
    ("x", "mentions"): Limit(10, 900),  # GET /2/users/:id/mentions, Basic access, per user
}

_BSKY_CREATE = (("points_hour", 3.0), ("points_day", 3.0))
_BSKY_UPDATE = (("points_hour", 2.0), ("points_day", 2.0))
_BSKY_DELETE = (("points_hour", 1.0), ("points_day", 1.0))

# (network, action) -> the limits it draws from and its cost in each.
DEFAULT_COSTS: dict[tuple[str, str], tuple[tuple[str, float], ...]] = {
    ("bluesky", "create"): _BSKY_CREATE,
    ("bluesky", "repost"): _BSKY_CREATE,
    ("bluesky", "like"): _BSKY_CREATE,
    ("bluesky", "reply"): _BSKY_CREATE,
    ("bluesky", "post"): _BSKY_CREATE,
    ("bluesky", "update"): _BSKY_UPDATE,
    ("bluesky", "delete"): _BSKY_DELETE,
    ("bluesky", "undo_repost"): _BSKY_DELETE,
    ("mastodon", "read"): (("requests", 1.0),),
    ("mastodon", "boost"): (("requests", 1.0),),
    ("mastodon", "favourite"): (("requests", 1.0),),
    ("mastodon", "post"): (("requests", 1.0),),
    ("mastodon", "reply"): (("requests", 1.0),),
    ("mastodon", "direct_message"): (("requests", 1.0),),
    ("mastodon", "unboost"): (("requests", 1.0), ("deletes", 1.0)),
    ("mastodon", "delete"): (("requests", 1.0), ("deletes", 1.0)),
    ("mastodon", "media"): (("requests", 1.0), ("media", 1.0)),
    ("x", "repost"): (("reposts", 1.0),),
    ("x", "undo_repost"): (("unreposts", 1.0),),
    ("x", "like"): (("likes", 1.0),),
    ("x", "post"): (("posts", 1.0),),
    ("x", "reply"): (("posts", 1.0),),
    ("x", "search"): (("search", 1.0),),
    ("x", "mentions"): (("mentions", 1.0),),
}


class _Bucket:
    """Token bucket: starts full, refills continuously at capacity/window."""

    __slots__ = ("limit", "tokens", "updated")

    def __init__(self, limit: Limit, now: float, state: State | None = None):
        self.limit = limit
        self.tokens, self.updated = state if state is not None else (float(limit.capacity), now)

    def refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(float(self.limit.capacity), self.tokens + elapsed * self.limit.rate)
        self.updated = now

    def wait_for(self, cost: float) -> float:
        """Seconds until `cost` tokens are available (0 when they are now)."""
        if cost > self.limit.capacity:
            return float("inf")
        missing = cost - self.tokens
        return 0.0 if missing <= 1e-9 else missing / self.limit.rate


Key = tuple[str, str, str]  # (network, account, limit name)
State = tuple[float, float]  # (tokens, clock time of the last refill)


class BucketStore(Protocol):
    """Where the buckets' state lives. `apply` reads the states of `keys` (None: never used), lets
    `change` compute a result and the new states, and writes them back, all as one atomic step."""

    def apply(
        self, keys: list[Key], change: Callable[[dict[Key, State | None]], tuple[T, dict[Key, State]]]
    ) -> T: ...


class MemoryBuckets:
    """This process's buckets (the default): exact for one process, N processes get N budgets."""

    def __init__(self) -> None:
        self._states: dict[Key, State] = {}
        self._lock = threading.Lock()

    def apply(
        self, keys: list[Key], change: Callable[[dict[Key, State | None]], tuple[T, dict[Key, State]]]
    ) -> T:
        with self._lock:
            result, states = change({key: self._states.get(key) for key in keys})
            self._states.update(states)
            return result


class RateLimiter:
    """One bucket per (network, account, limit); thread-safe; the clock is injectable.

    The buckets live in `store`: this process's memory by default, or a store shared by every
    process (the database, `colibri.ratelimits`) so that N dispatch workers share one budget per
    account instead of getting N. A shared store needs a clock all processes agree on (time.time).
    """

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        limits: Mapping[tuple[str, str], Limit] | None = None,
        costs: Mapping[tuple[str, str], tuple[tuple[str, float], ...]] | None = None,
        store: BucketStore | None = None,
    ):
        self.clock = clock
        self.limits = dict(DEFAULT_LIMITS if limits is None else limits)
        self.costs = dict(DEFAULT_COSTS if costs is None else costs)
        self.store: BucketStore = store if store is not None else MemoryBuckets()

    def _charges(self, network: str, action: str) -> tuple[tuple[str, float], ...]:
        return self.costs.get((network, action), ())

    def _with_buckets(
        self, network: str, account: str, names: list[str], use: Callable[[list[_Bucket]], T]
    ) -> T:
        """Run `use` on the refilled buckets `names` of one account, then store what it left."""
        keys = [(network, account, name) for name in names]

        def change(states: dict[Key, State | None]) -> tuple[T, dict[Key, State]]:
            now = self.clock()
            buckets = []
            for key, name in zip(keys, names, strict=True):
                bucket = _Bucket(self.limits[(network, name)], now, states.get(key))
                bucket.refill(now)
                buckets.append(bucket)
            result = use(buckets)
            return result, {key: (b.tokens, b.updated) for key, b in zip(keys, buckets, strict=True)}

        return self.store.apply(keys, change)

    def wait_time(self, network: str, account: str, action: str) -> float:
        """Seconds before `action` may run (0 = now); does not take anything."""
        charges = self._charges(network, action)
        if not charges:
            return 0.0
        return self._with_buckets(
            network,
            account,
            [name for name, _cost in charges],
            lambda buckets: max(b.wait_for(cost) for b, (_n, cost) in zip(buckets, charges, strict=True)),
        )

    def try_take(self, network: str, account: str, action: str) -> float:
        """Take the action's cost from every bucket it touches, all or nothing.

        Returns 0.0 when taken, otherwise the seconds to wait (nothing is taken).
        Actions with no known cost are free.
        """
        charges = self._charges(network, action)
        if not charges:
            return 0.0

        def take(buckets: list[_Bucket]) -> float:
            pairs = list(zip(buckets, (cost for _name, cost in charges), strict=True))
            wait = max(b.wait_for(cost) for b, cost in pairs)
            if wait > 0:
                return wait
            for bucket, cost in pairs:
                bucket.tokens -= cost
            return 0.0

        return self._with_buckets(network, account, [name for name, _cost in charges], take)

    def take(self, network: str, account: str, action: str) -> None:
        """Like `try_take`, but raise a retryable NetworkError when the budget is spent."""
        wait = self.try_take(network, account, action)
        if wait > 0:
            raise NetworkError(
                f"{network}: local rate limit for {action!r} reached (account budget), retry in {wait:.0f} s",
                retry=True,
                retry_after=wait,
                status=429,
            )

    def observe(self, network: str, account: str, limit_name: str, remaining: float) -> None:
        """Align a bucket with what the server reports (rate-limit headers): never above it."""
        if (network, limit_name) not in self.limits:
            return

        def align(buckets: list[_Bucket]) -> None:
            buckets[0].tokens = min(buckets[0].tokens, max(0.0, float(remaining)))

        self._with_buckets(network, account, [limit_name], align)

    def remaining(self, network: str, account: str, limit_name: str) -> float:
        return self._with_buckets(network, account, [limit_name], lambda buckets: buckets[0].tokens)


def backoff_delay(
    attempt: int, *, base: float = 1.0, cap: float = 60.0, rng: Callable[[], float] = random.random
) -> float:
    """Exponential backoff with "equal jitter": half fixed, half random, so retries spread out."""
    ceiling = min(cap, base * (2**attempt))
    return ceiling / 2 + rng() * ceiling / 2


def call_with_retry[T](
    fn: Callable[..., T],
    *args: object,
    attempts: int = 4,
    base: float = 1.0,
    cap: float = 60.0,
    max_retry_after: float = 300.0,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
    on_retry: Callable[[int, NetworkError, float], None] | None = None,
    **kwargs: object,
) -> T:
    """Call `fn`, retrying retryable `NetworkError`s with backoff, at most `attempts` calls in all.

    A server-given `retry_after` wins over the computed backoff (plus a little jitter so that
    several workers do not come back at the same instant). When the server asks to wait longer
    than `max_retry_after` (a daily limit, say), the error is raised at once: the caller
    schedules the work for later rather than holding a worker asleep.
    """
    if attempts < 1:
        raise ValueError("attempts must be >= 1")
    for attempt in range(attempts):
        try:
            return fn(*args, **kwargs)
        except NetworkError as exc:
            if not exc.retry or attempt == attempts - 1:
                raise
            if exc.retry_after is not None:
                if exc.retry_after > max_retry_after:
                    raise
                delay = exc.retry_after + rng() * min(1.0, base)
            else:
                delay = backoff_delay(attempt, base=base, cap=cap, rng=rng)
            logger.info("retrying after %s (attempt %d/%d) in %.1f s", exc, attempt + 1, attempts, delay)
            if on_retry:
                on_retry(attempt + 1, exc, delay)
            sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
