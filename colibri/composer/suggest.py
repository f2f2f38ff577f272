"""Autocomplete for the composer: job titles (ROME) and places (communes, départements).

Uses the reference index built by `colibri data import` (`colibri.core.refindex.load_index`)
when there is one; without it, places come from the built-in table of départements and big
cities and job titles get no suggestions (free text is always accepted anyway).
Suggestion lists are built once per index file (its mtime) and kept in memory: they are
public reference data, not anything a seeker typed.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from colibri.core import geodata
from colibri.core.text import fold_key

log = logging.getLogger(__name__)

REMOTE_LABEL = "Télétravail"
LIMIT = 8


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # folded, for matching
    label: str  # shown and inserted
    rank: int  # lower first


@dataclass(slots=True)
class _Tables:
    stamp: tuple[str, float | None]  # index file and its mtime
    index: Any | None  # colibri.core.refindex.ReferenceIndex, when imported
    jobs: list[Entry]
    places: list[Entry]


_lock = threading.Lock()
_tables: _Tables | None = None


def _index_file() -> Path:
    return Path(settings.COLIBRI_REFDATA_DIR) / "index.json"


def _load_index() -> Any | None:
    try:
        from colibri.core.refindex import load_index
    except ImportError:  # reference index not built into this version
        return None
    try:
        return load_index(settings.COLIBRI_REFDATA_DIR)
    except Exception as exc:  # an unreadable index must not break the public page
        log.warning("composer: reference index unusable, built-in places only: %s", exc)
        return None


def gender_forms(label: str) -> list[str]:
    try:
        from colibri.core.refindex import gender_forms as forms
    except ImportError:
        return [label]
    return forms(label)


def _job_entries(index: Any | None) -> list[Entry]:
    appellations = getattr(index, "appellations", None) or []
    seen: set[str] = set()
    entries: list[Entry] = []
    for row in appellations:
        for label in gender_forms(str(row[1])):
            key = fold_key(label)
            if key and key not in seen:
                seen.add(key)
                entries.append(Entry(key, label, len(label)))
    return entries


def _place_entries(index: Any | None) -> list[Entry]:
    big = {(fold_key(name), dep): i for i, (name, dep) in enumerate(geodata.BIG_CITIES)}
    entries = [Entry(fold_key(REMOTE_LABEL), REMOTE_LABEL, 0)]
    departements = getattr(index, "departements", None) or geodata.DEPARTEMENTS
    prefectures = {(fold_key(row[3]), row[0]) for row in departements}
    for row in departements:
        entries.append(Entry(fold_key(row[1]), f"{row[1]} ({row[0]})", 300))
    communes = getattr(index, "communes", None)
    seen: set[tuple[str, str]] = set()
    if communes:
        for row in communes:
            name, dep, parent = row[0], row[1], (row[2] if len(row) > 2 else "")
            key = fold_key(name)
            if (key, dep) in seen:
                continue
            seen.add((key, dep))
            rank = big.get((key, dep))
            if rank is None:
                rank = 1000 if (key, dep) in prefectures else 5000
            if parent:  # a merged commune ("Vire" in Vire Normandie) or a district: people still write it
                rank += 1000
            entries.append(Entry(key, f"{name} ({dep})", rank))
    else:
        for name, dep in geodata.BIG_CITIES:
            key = fold_key(name)
            if (key, dep) not in seen:
                seen.add((key, dep))
                entries.append(Entry(key, f"{name} ({dep})", big[(key, dep)]))
    return entries


def tables() -> _Tables:
    """The suggestion lists, rebuilt when the index file changes (after an import)."""
    global _tables
    path = _index_file()
    try:
        mtime: float | None = path.stat().st_mtime
    except OSError:
        mtime = None
    stamp = (str(path), mtime)
    current = _tables
    if current is not None and current.stamp == stamp:
        return current
    with _lock:
        if _tables is None or _tables.stamp != stamp:
            index = _load_index() if mtime is not None else None
            _tables = _Tables(stamp, index, _job_entries(index), _place_entries(index))
        return _tables


def _search(entries: list[Entry], query: str, limit: int) -> list[str]:
    q = fold_key(query)
    if len(q) < 2:
        return []
    prefix: list[Entry] = []
    inner: list[Entry] = []
    word = " " + q
    for entry in entries:
        if entry.key.startswith(q):
            prefix.append(entry)
        elif word in entry.key:  # a later word starts with q (the first word was the branch above)
            inner.append(entry)
    typed = query.strip().casefold()

    def order(e: Entry) -> tuple[bool, bool, int, int, str]:
        # Written exactly as typed ("Vire", not "Viré") first, then same letters, then likelihood.
        exact = e.label.split(" (", 1)[0].casefold() == typed
        return (not exact, e.key != q, e.rank, len(e.label), e.label)

    prefix.sort(key=order)
    inner.sort(key=order)
    out: list[str] = []
    for entry in prefix + inner:
        if entry.label not in out:
            out.append(entry.label)
        if len(out) >= limit:
            break
    return out


def suggest_jobs(query: str, limit: int = LIMIT) -> list[str]:
    return _search(tables().jobs, query, limit)


def suggest_places(query: str, limit: int = LIMIT) -> list[str]:
    return _search(tables().places, query, limit)


def reference_index() -> Any | None:
    """The imported reference index (for triage in the checker), or None."""
    return tables().index


def has_job_referential() -> bool:
    return bool(tables().jobs)
