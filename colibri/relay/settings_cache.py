"""`CollectiveSettings.get()` read once per batch of work instead of at every use.

The ingest stores a batch of events in one transaction and reads the settings for each post several
times (the seeker and member hashtags of a new account, the triage engine's key, the automatic
approval after commit): a `get_or_create` each time. Inside `reused()` the first read is kept for the
rest of the block, in this thread only. A save of the settings (a coordinator's change, in this
process) drops what is kept at once; a change made by another process (the web server) is read by
the next block, so an ingest batch never runs on settings older than the batch itself.
Outside `reused()` nothing is kept: every other caller reads the row as before.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_local = threading.local()
# Bumped by every save of the settings in this process: a kept copy from an older generation is stale.
_generation = [0]


@contextmanager
def reused() -> Iterator[None]:
    """Within the block (nested blocks share it), `CollectiveSettings.get()` reads the row once."""
    depth = getattr(_local, "depth", 0)
    _local.depth = depth + 1
    try:
        yield
    finally:
        _local.depth = depth
        if depth == 0:
            _local.kept = None


def lookup() -> Any:
    """The settings kept by the current block, or None (no block, nothing kept yet, or saved since)."""
    kept = getattr(_local, "kept", None) if getattr(_local, "depth", 0) else None
    if kept is None or kept[0] != _generation[0]:
        return None
    return kept[1]


def keep(value: Any) -> None:
    """Remember what `get()` just read, for the rest of the current block (no block: nothing kept)."""
    if getattr(_local, "depth", 0):
        _local.kept = (_generation[0], value)


def invalidate() -> None:
    """The settings row was saved: every thread's kept copy is stale."""
    _generation[0] += 1
