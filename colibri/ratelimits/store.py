"""The database bucket store and the shared limiter the network adapters use."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import DatabaseError, IntegrityError, transaction

from colibri.networks.base import NetworkError
from colibri.networks.ratelimit import Key, MemoryBuckets, RateLimiter, State

from .models import RateBucket

T = TypeVar("T")
logger = logging.getLogger(__name__)


def row_key(key: Key) -> str:
    network, account, limit = key
    return f"{network}|{hashlib.sha256(account.encode('utf-8')).hexdigest()[:24]}|{limit}"


class DatabaseBuckets:
    """Bucket states in `RateBucket` rows, read and written under a row lock in one transaction
    (SQLite: the write transaction itself serialises, `transaction_mode=IMMEDIATE`).

    A command that runs without a migrated database (`colibri feeds publish` needs none) falls back to
    this process's own buckets, as before shared buckets existed, and says so once in the log. Any
    other database failure (the server restarting, a lost connection) is "not now": a retryable
    NetworkError, like a full bucket. Falling back then would have left the process on a budget of
    its own for the rest of its life, N workers with N budgets after one database restart."""

    def __init__(self) -> None:
        self._fallback: MemoryBuckets | None = None

    def apply(
        self, keys: list[Key], change: Callable[[dict[Key, State | None]], tuple[T, dict[Key, State]]]
    ) -> T:
        if self._fallback is not None:
            return self._fallback.apply(keys, change)
        try:
            return self._apply(keys, change)
        except DatabaseError as exc:
            if not _table_missing(exc):
                raise NetworkError(
                    f"rate-limit buckets unreadable ({type(exc).__name__}): retry later",
                    retry=True,
                    retry_after=5.0,
                ) from exc
            logger.warning("rate-limit buckets not in the database (%s): this process keeps its own", exc)
            self._fallback = MemoryBuckets()
            return self._fallback.apply(keys, change)

    def _apply(
        self, keys: list[Key], change: Callable[[dict[Key, State | None]], tuple[T, dict[Key, State]]]
    ) -> T:
        for _attempt in range(3):
            try:
                return self._apply_once(keys, change)
            except _CreatedMeanwhile:
                continue  # the row exists now: read it under its lock and compute again
        return self._apply_once(keys, change)

    def _apply_once(
        self, keys: list[Key], change: Callable[[dict[Key, State | None]], tuple[T, dict[Key, State]]]
    ) -> T:
        names = {key: row_key(key) for key in keys}
        with transaction.atomic():
            rows = {r.key: r for r in RateBucket.objects.select_for_update().filter(key__in=names.values())}
            result, states = change(
                {key: (rows[n].tokens, rows[n].updated) if n in rows else None for key, n in names.items()}
            )
            for key, (tokens, updated) in states.items():
                row = rows.get(names[key])
                if row is None:
                    try:
                        with transaction.atomic():  # another process may create it at the same time
                            RateBucket.objects.create(key=names[key], tokens=tokens, updated=updated)
                        continue
                    except IntegrityError as exc:
                        # Created meanwhile (no row to lock when we read it): our cost was taken from a
                        # full bucket, and so was theirs. Start again from their row, or both take one
                        # token and the bucket records one (three workers starting at once took 51 of 50).
                        raise _CreatedMeanwhile from exc
                row.tokens, row.updated = tokens, updated
                row.save(update_fields=["tokens", "updated"])
            return result


class _CreatedMeanwhile(Exception):
    """A bucket row appeared between our read and our insert: the transaction is started again."""


def _table_missing(exc: DatabaseError) -> bool:
    """The table is not there (database not migrated): SQLite's and PostgreSQL's wording."""
    text = str(exc).lower()
    return "no such table" in text or ("ratelimits_ratebucket" in text and "does not exist" in text)


_SHARED: RateLimiter | None = None
_LOCK = threading.Lock()


def shared_limiter() -> RateLimiter:
    """The process's limiter on the database buckets (wall clock: shared by every process)."""
    global _SHARED
    with _LOCK:
        if _SHARED is None:
            _SHARED = RateLimiter(clock=time.time, store=DatabaseBuckets())
        return _SHARED
