"""A fake network shared by processes, with seeded faults, for dispatch tests.

State lives in a SQLite "ledger" file so several worker processes see one network. Reposts are
deliberately NOT idempotent here (each call adds a row): a duplicate carried out by the dispatcher
shows up as two live rows, which is what the exactly-once tests count.

Faults are decided per (account, uri, operation, n-th call) from the seed, so the same run faces the
same faults whatever the interleaving of workers:
- "lost": the repost is made, then the call times out (the worst case: success looks like failure);
- "429": refused with retry_after; "500": refused with a server error; "timeout": nothing done, timeout.

Environment (for `colibri dispatch` subprocesses): FAKENET_LEDGER (file), FAKENET_SEED,
FAKENET_FAULTS ("1" = on), FAKENET_DELAY (seconds per call). Factory: `dispatch_fakenet.factory`.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from colibri.networks.base import Network, NetworkError, NetworkEvent

SCHEMA = """
CREATE TABLE IF NOT EXISTS reposts (id INTEGER PRIMARY KEY, account TEXT, uri TEXT, deleted INT DEFAULT 0);
CREATE TABLE IF NOT EXISTS calls (key TEXT PRIMARY KEY, n INTEGER);
CREATE TABLE IF NOT EXISTS faults (kind TEXT, account TEXT, uri TEXT);
CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, account TEXT, actor TEXT, text TEXT);
"""


_successes = 0


def _maybe_hang() -> None:
    """FAKENET_HANG_AFTER=N: after this process's N-th repost reached the network, hang (to be killed)
    before the dispatcher can record it, touching FAKENET_HANG_MARKER so the test knows when."""
    global _successes
    _successes += 1
    limit = int(os.environ.get("FAKENET_HANG_AFTER", "0"))
    if limit and _successes >= limit:
        Path(os.environ["FAKENET_HANG_MARKER"]).touch()
        time.sleep(600)


def init_ledger(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.executescript(SCHEMA)
    con.close()


class FakeNetwork(Network):
    name = "fake"

    def __init__(
        self,
        account: str,
        ledger: Path,
        *,
        seed: int = 0,
        faults: bool = False,
        delay: float = 0.0,
        rates: dict[str, float] | None = None,
    ):
        self.account = account
        self.ledger = Path(ledger)
        self.seed = seed
        self.faults = faults
        self.delay = delay
        self.rates = rates or {"lost": 0.10, "429": 0.08, "500": 0.08, "timeout": 0.04}

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        return iter(())

    def _con(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.ledger, timeout=30, isolation_level=None)
        con.execute("PRAGMA busy_timeout=30000")
        con.execute("PRAGMA synchronous=NORMAL")  # a test double: durability across power loss is moot
        return con

    def _fault(self, con: sqlite3.Connection, op: str, uri: str) -> str | None:
        if not self.faults:
            return None
        key = f"{self.account}|{uri}|{op}"
        row = con.execute("SELECT n FROM calls WHERE key=?", (key,)).fetchone()
        n = row[0] if row else 0
        con.execute("INSERT OR REPLACE INTO calls(key, n) VALUES (?, ?)", (key, n + 1))
        roll = random.Random(f"{self.seed}|{key}|{n}").random()
        acc = 0.0
        for kind, rate in self.rates.items():
            acc += rate
            if roll < acc:
                con.execute(
                    "INSERT INTO faults(kind, account, uri) VALUES (?, ?, ?)", (kind, self.account, uri)
                )
                return kind
        return None

    def _pause(self) -> None:
        if self.delay:
            time.sleep(self.delay * (0.5 + random.random()))

    def repost(self, uri: str) -> str:
        self._pause()
        con = self._con()
        try:
            con.execute("BEGIN IMMEDIATE")
            fault = self._fault(con, "repost", uri)
            if fault in ("429", "500", "timeout"):
                con.execute("COMMIT")
                if fault == "429":
                    raise NetworkError("rate limited", retry=True, retry_after=0.02, status=429)
                if fault == "500":
                    raise NetworkError("server error", retry=True, status=500)
                raise NetworkError("timed out", retry=True)
            cur = con.execute("INSERT INTO reposts(account, uri) VALUES (?, ?)", (self.account, uri))
            con.execute("COMMIT")
            repost_id = f"fake:{cur.lastrowid}"
        finally:
            con.close()
        if fault == "lost":
            raise NetworkError("timed out after sending", retry=True)
        _maybe_hang()
        return repost_id

    def find_repost(self, uri: str) -> str | None:
        self._pause()
        con = self._con()
        try:
            con.execute("BEGIN IMMEDIATE")
            fault = self._fault(con, "find", uri)
            row = con.execute(
                "SELECT id FROM reposts WHERE account=? AND uri=? AND deleted=0 ORDER BY id LIMIT 1",
                (self.account, uri),
            ).fetchone()
            con.execute("COMMIT")
        finally:
            con.close()
        if fault in ("429", "500", "timeout", "lost"):
            raise NetworkError("server error while reading", retry=True, status=500)
        return f"fake:{row[0]}" if row else None

    def undo_repost(self, uri: str) -> None:
        self._pause()
        con = self._con()
        try:
            con.execute("UPDATE reposts SET deleted=1 WHERE account=? AND uri=?", (self.account, uri))
        finally:
            con.close()

    def send_direct_message(self, actor: str, text: str) -> str:
        con = self._con()
        try:
            cur = con.execute(
                "INSERT INTO messages(account, actor, text) VALUES (?, ?, ?)", (self.account, actor, text)
            )
            return f"dm:{cur.lastrowid}"
        finally:
            con.close()


def live_reposts(ledger: Path) -> dict[tuple[str, str], int]:
    con = sqlite3.connect(ledger, timeout=30)
    try:
        rows = con.execute(
            "SELECT account, uri, COUNT(*) FROM reposts WHERE deleted=0 GROUP BY account, uri"
        ).fetchall()
    finally:
        con.close()
    return {(a, u): n for a, u, n in rows}


def all_reposts(ledger: Path) -> list[tuple[int, str, str, int]]:
    con = sqlite3.connect(ledger, timeout=30)
    try:
        return con.execute("SELECT id, account, uri, deleted FROM reposts ORDER BY id").fetchall()
    finally:
        con.close()


def fault_counts(ledger: Path) -> dict[str, int]:
    con = sqlite3.connect(ledger, timeout=30)
    try:
        return dict(con.execute("SELECT kind, COUNT(*) FROM faults GROUP BY kind").fetchall())
    finally:
        con.close()


def factory(account: Any) -> FakeNetwork:
    """Adapter factory for `COLIBRI_DISPATCH_ADAPTER_FACTORY`: one fake per stored account."""
    return FakeNetwork(
        str(account.remote_id),
        Path(os.environ["FAKENET_LEDGER"]),
        seed=int(os.environ.get("FAKENET_SEED", "0")),
        faults=os.environ.get("FAKENET_FAULTS", "0") == "1",
        delay=float(os.environ.get("FAKENET_DELAY", "0")),
    )


class LimitedFakeNetwork(FakeNetwork):
    """The fake network behind the install's rate limiter, as the real adapters are: each repost first
    takes its cost from the account's X budget (50 reposts per 15 minutes)."""

    def repost(self, uri: str) -> str:
        from django.conf import settings

        from colibri.networks.registry import limiter_for

        limiter_for(settings).take("x", self.account, "repost")
        return super().repost(uri)


def limited_factory(account: Any) -> LimitedFakeNetwork:
    """`COLIBRI_DISPATCH_ADAPTER_FACTORY` for the shared-budget bench and tests."""
    return LimitedFakeNetwork(
        str(account.remote_id),
        Path(os.environ["FAKENET_LEDGER"]),
        seed=int(os.environ.get("FAKENET_SEED", "0")),
    )


def process_limiter() -> Any:
    """`COLIBRI_RATE_LIMITER` for the contrast: this process's own buckets (what N workers had before)."""
    from colibri.networks.registry import LIMITER

    return LIMITER
