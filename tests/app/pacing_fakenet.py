"""The dispatch fake network, timing each repost that reached it: when the call started and returned.

Pacing tests and `bench/dispatch.py --pacing` compare the end of one official repost with the start of
the next, in wall-clock time shared by every worker process on the machine. A repost hidden by a
timeout ("lost") is timed too: the network has it. Factory: `pacing_fakenet.factory` (same environment
as `dispatch_fakenet.factory`).
"""

from __future__ import annotations

import itertools
import sqlite3
import time
from pathlib import Path
from typing import Any

from . import dispatch_fakenet
from .dispatch_fakenet import FakeNetwork

TIMINGS = "CREATE TABLE IF NOT EXISTS timings (uri TEXT, account TEXT, started REAL, ended REAL)"


class TimedNetwork(FakeNetwork):
    def _made(self, uri: str) -> int:
        con = self._con()
        try:
            row = con.execute(
                "SELECT COUNT(*) FROM reposts WHERE account=? AND uri=?", (self.account, uri)
            ).fetchone()
            return int(row[0])
        finally:
            con.close()

    def repost(self, uri: str) -> str:
        before = self._made(uri)
        started = time.time()
        try:
            return super().repost(uri)
        finally:
            ended = time.time()
            if self._made(uri) > before:
                con = self._con()
                try:
                    con.execute(TIMINGS)
                    con.execute(
                        "INSERT INTO timings(uri, account, started, ended) VALUES (?, ?, ?, ?)",
                        (uri, self.account, started, ended),
                    )
                finally:
                    con.close()


def timings(ledger: Path) -> list[tuple[str, str, float, float]]:
    """(uri, account, started, ended) of every repost, in the order they started."""
    con = sqlite3.connect(ledger, timeout=30)
    try:
        con.execute(TIMINGS)
        return con.execute("SELECT uri, account, started, ended FROM timings ORDER BY started").fetchall()
    finally:
        con.close()


def spacing(ledger: Path) -> list[float]:
    """Seconds from the end of each repost to the start of the next one."""
    calls = timings(ledger)
    return [nxt[2] - prev[3] for prev, nxt in itertools.pairwise(calls)]


def factory(account: Any) -> FakeNetwork:
    base = dispatch_fakenet.factory(account)
    return TimedNetwork(
        base.account, base.ledger, seed=base.seed, faults=base.faults, delay=base.delay, rates=base.rates
    )
