"""Client-side rate limits (injected clock) and the retry helper (injected sleep)."""

from __future__ import annotations

import pytest

from colibri.networks.base import NetworkError
from colibri.networks.ratelimit import Limit, RateLimiter, backoff_delay, call_with_retry


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_it_allows_1666_bluesky_records_per_hour_then_waits_for_the_refill() -> None:
    clock = Clock()
    limiter = RateLimiter(clock=clock)
    taken = 0
    while limiter.try_take("bluesky", "did:plc:official", "repost") == 0.0:
        taken += 1
    assert taken == 5000 // 3  # 3 points a record, 5,000 points an hour
    wait = limiter.try_take("bluesky", "did:plc:official", "repost")
    assert wait == pytest.approx((3 - 5000 % 3) / (5000 / 3600))
    # Another account has its own budget.
    assert limiter.try_take("bluesky", "did:plc:member", "repost") == 0.0
    clock.now += wait
    assert limiter.try_take("bluesky", "did:plc:official", "repost") == 0.0


def test_it_enforces_the_bluesky_daily_budget_across_hours() -> None:
    clock = Clock()
    limiter = RateLimiter(clock=clock)
    created = 0
    for _hour in range(30):
        while limiter.try_take("bluesky", "a", "create") == 0.0:
            created += 1
        clock.now += 3600
    # 35,000 points a day (plus what the day bucket refilled during those 30 hours) at 3 points each.
    refill = 35000 / 86400 * 3600 * 29
    assert created <= (35000 + refill) / 3 + 1
    assert created < 30 * (5000 // 3)  # the hourly budget alone would have allowed far more


def test_it_charges_mastodon_unboosts_in_both_buckets_all_or_nothing() -> None:
    clock = Clock()
    limiter = RateLimiter(clock=clock)
    for _ in range(30):
        limiter.take("mastodon", "acct", "unboost")
    before = limiter.remaining("mastodon", "acct", "requests")
    with pytest.raises(NetworkError) as caught:
        limiter.take("mastodon", "acct", "unboost")
    assert caught.value.retry and caught.value.retry_after == pytest.approx(60.0)  # 30 per 1,800 s
    # The refused un-boost took nothing from the general budget, and boosts still go through.
    assert limiter.remaining("mastodon", "acct", "requests") == pytest.approx(before)
    limiter.take("mastodon", "acct", "boost")


def test_it_lines_up_with_the_servers_remaining_count() -> None:
    limiter = RateLimiter(clock=Clock(), limits={("mastodon", "requests"): Limit(300, 300)})
    limiter.observe("mastodon", "acct", "requests", 2)
    assert limiter.try_take("mastodon", "acct", "read") == 0.0
    assert limiter.try_take("mastodon", "acct", "read") == 0.0
    assert limiter.try_take("mastodon", "acct", "read") > 0
    assert limiter.wait_time("unknown", "acct", "anything") == 0.0  # no documented limit: free


def test_it_retries_retryable_errors_with_backoff_and_honours_retry_after() -> None:
    sleeps: list[float] = []
    answers: list[object] = [
        NetworkError("502", retry=True, status=502),
        NetworkError("429", retry=True, retry_after=7.0, status=429),
        "ok",
    ]

    def flaky() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return str(answer)

    assert call_with_retry(flaky, attempts=3, base=2.0, sleep=sleeps.append, rng=lambda: 0.5) == "ok"
    assert sleeps == [pytest.approx(1.5), pytest.approx(7.5)]  # backoff with jitter, then the server's delay


def test_it_gives_up_on_permanent_errors_long_waits_and_after_the_last_attempt() -> None:
    calls = []

    def denied() -> None:
        calls.append(1)
        raise NetworkError("401", retry=False, status=401)

    with pytest.raises(NetworkError):
        call_with_retry(denied, sleep=lambda s: None)
    assert len(calls) == 1

    def daily_limit() -> None:
        raise NetworkError("429", retry=True, retry_after=3600.0)

    slept: list[float] = []
    with pytest.raises(NetworkError):
        call_with_retry(daily_limit, sleep=slept.append, max_retry_after=300)
    assert slept == []  # hand it back to the scheduler instead of sleeping an hour

    def down() -> None:
        raise NetworkError("503", retry=True, status=503)

    with pytest.raises(NetworkError):
        call_with_retry(down, attempts=4, sleep=slept.append, rng=lambda: 1.0, base=1.0, cap=3.0)
    assert slept == [1.0, 2.0, 3.0]


def test_it_spreads_backoff_between_half_and_full_ceiling() -> None:
    assert backoff_delay(3, base=1.0, rng=lambda: 0.0) == 4.0
    assert backoff_delay(3, base=1.0, rng=lambda: 1.0) == 8.0
    assert backoff_delay(20, base=1.0, cap=60.0, rng=lambda: 1.0) == 60.0
