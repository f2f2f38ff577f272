"""Rate-limit buckets shared by every process through the database (issue 17: N workers, one budget)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from colibri.networks.ratelimit import RateLimiter
from colibri.networks.registry import LIMITER, limiter_for
from colibri.ratelimits.models import RateBucket
from colibri.ratelimits.store import DatabaseBuckets, shared_limiter


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.django_db
def test_it_gives_two_limiters_one_budget_per_account() -> None:
    clock = Clock()
    a = RateLimiter(clock=clock, store=DatabaseBuckets())
    b = RateLimiter(clock=clock, store=DatabaseBuckets())
    assert all(a.try_take("x", "@collectif", "repost") == 0 for _ in range(30))
    assert all(b.try_take("x", "@collectif", "repost") == 0 for _ in range(20))
    assert b.try_take("x", "@collectif", "repost") == pytest.approx(18.0)  # 50 per 900 s: one every 18 s
    assert a.try_take("x", "@collectif", "repost") > 0
    assert a.try_take("x", "@autre", "repost") == 0  # another account has its own budget
    clock.now += 36
    assert a.try_take("x", "@collectif", "repost") == 0 and b.try_take("x", "@collectif", "repost") == 0
    assert b.try_take("x", "@collectif", "repost") > 0
    # The account is stored hashed: a member's handle is not in the table.
    assert not RateBucket.objects.filter(key__contains="collectif").exists()


def test_it_uses_the_database_buckets_unless_settings_say_otherwise(settings: Any) -> None:
    assert limiter_for(settings) is shared_limiter()
    assert isinstance(shared_limiter().store, DatabaseBuckets)
    settings.COLIBRI_RATE_LIMITER = ""
    assert limiter_for(settings) is LIMITER


TAKER = """
import json, sys
from colibri.networks.ratelimit import RateLimiter
from colibri.ratelimits.store import DatabaseBuckets
limiter = RateLimiter(clock=lambda: 1_800_000_000.0, store=DatabaseBuckets())
print(json.dumps(sum(limiter.try_take("x", "@collectif", "repost") == 0 for _ in range(40))))
"""


def test_it_shares_the_budget_between_processes_taking_at_once(isolated_env: Any) -> None:
    isolated_env.migrate()
    script = "from colibri.django_setup import setup_django; setup_django()\n" + TAKER
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script], env=isolated_env.env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    taken = [json.loads(p.communicate(timeout=120)[0]) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sum(taken) == 50  # 3 processes x 40 attempts, one budget of 50 (each alone would take 40)


@pytest.mark.django_db
def test_it_keeps_its_own_buckets_when_the_table_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    # `colibri feeds publish` runs with no migrated database: the limiter must still work.
    from django.db import OperationalError

    store = DatabaseBuckets()

    def missing(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("no such table: ratelimits_ratebucket")

    monkeypatch.setattr(store, "_apply", missing)
    limiter = RateLimiter(clock=Clock(), store=store)
    assert sum(limiter.try_take("x", "@collectif", "repost") == 0 for _ in range(60)) == 50


@pytest.mark.django_db
def test_it_keeps_sharing_the_budget_after_the_database_was_briefly_unreachable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A PostgreSQL restart under a running dispatch worker must not leave it on a budget of its own.
    from django.db import OperationalError

    from colibri.networks.base import NetworkError

    store = DatabaseBuckets()
    limiter = RateLimiter(clock=Clock(), store=store)
    real = store._apply
    monkeypatch.setattr(
        store,
        "_apply",
        lambda *a, **k: (_ for _ in ()).throw(OperationalError("server closed the connection")),
    )
    with pytest.raises(NetworkError) as err:
        limiter.try_take("x", "@collectif", "repost")
    assert err.value.retry
    monkeypatch.setattr(store, "_apply", real)
    other = RateLimiter(clock=Clock(), store=DatabaseBuckets())
    assert sum(other.try_take("x", "@collectif", "repost") == 0 for _ in range(30)) == 30
    # Back on the shared rows: 20 left of the one budget of 50, not a fresh 50 of its own.
    assert sum(limiter.try_take("x", "@collectif", "repost") == 0 for _ in range(40)) == 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_counts_both_takes_when_two_processes_create_the_bucket_at_once() -> None:
    """Two workers see no row for a new bucket: each computes from a full bucket. The second to insert
    must start again from the first one's row, or the bucket records one take for two reposts."""
    import threading

    from django.db import connection

    assert connection.vendor == "postgresql"  # SQLite's IMMEDIATE transactions never interleave here

    def other_process() -> None:
        try:
            RateLimiter(clock=Clock(), store=DatabaseBuckets()).try_take("x", "@collectif", "repost")
        finally:
            connection.close()

    fired: list[bool] = []

    def racing_clock() -> float:
        if not fired:  # after our read found no row, before our insert: the other one inserts first
            fired.append(True)
            t = threading.Thread(target=other_process)
            t.start()
            t.join(30)
        return Clock()()

    assert RateLimiter(clock=racing_clock, store=DatabaseBuckets()).try_take("x", "@collectif", "repost") == 0
    assert fired and RateBucket.objects.get().tokens == pytest.approx(48.0)  # two of 50 taken
