"""The dispatch fake network, timing each repost call: when it started and when it returned.

Pacing tests compare the end of one official repost with the start of the next, in wall-clock time
shared by every worker process on the machine. Factory: `pacing_fakenet.factory` (same environment
as `dispatch_fakenet.factory`).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import dispatch_fakenet
from dispatch_fakenet import FakeNetwork


class TimedNetwork(FakeNetwork):
    def repost(self, uri: str) -> str:
        started = time.time()
        repost_id = super().repost(uri)  # a fault raises: only reposts that reached the network are timed
        con = self._con()
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS timings (uri TEXT, account TEXT, started REAL, ended REAL)"
            )
            con.execute(
                "INSERT INTO timings(uri, account, started, ended) VALUES (?, ?, ?, ?)",
                (uri, self.account, started, time.time()),
            )
        finally:
            con.close()
        return repost_id


def timings(ledger: Path) -> list[tuple[str, str, float, float]]:
    """(uri, account, started, ended) of every repost, in the order they started."""
    con = sqlite3.connect(ledger, timeout=30)
    try:
        return con.execute("SELECT uri, account, started, ended FROM timings ORDER BY started").fetchall()
    finally:
        con.close()


def factory(account: Any) -> FakeNetwork:
    base = dispatch_fakenet.factory(account)
    return TimedNetwork(
        base.account, base.ledger, seed=base.seed, faults=base.faults, delay=base.delay, rates=base.rates
    )
