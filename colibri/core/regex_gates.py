"""Words a regex's every match must contain: a cheap necessary condition to test before matching.

A cue alternative found by its literal prefix ("cherche") is then matched there, anchored, and most
such tries fail: the post says "je cherche un poste", not "je cherche des conseils" nor "cherche une
mission d'intérim". Each alternative's match must hold certain words further on ("conseil", "interim",
...); when the text holds none of them, the try cannot succeed and is skipped (`MultiRegex`).

`required_words(pattern)` reads the parsed pattern (the same parser `re` uses) and returns clauses:
every match of the pattern contains at least one word of each clause. Only plain literal runs count;
anything else (classes, look-arounds, case-insensitive parts, optional or repeated-zero pieces) gives
no clause, so the condition is necessary whatever the text.
"""

from __future__ import annotations

import importlib
import re
from typing import Any, Final

_c: Any = importlib.import_module("re._constants")
_p: Any = importlib.import_module("re._parser")

# Shorter literals occur in almost every text: a clause of them would cost more than it spares.
MIN_WORD: Final = 4


def _clauses(items: list) -> list[frozenset[str]]:  # type: ignore[type-arg]
    out: list[frozenset[str]] = []
    run = ""

    def flush() -> None:
        nonlocal run
        if len(run) >= MIN_WORD:
            out.append(frozenset((run,)))
        run = ""

    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        flush()
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if not add_flags & (re.IGNORECASE | re.LOCALE):
                out.extend(_clauses(list(sub)))
        elif (op is _c.MAX_REPEAT or op is _c.MIN_REPEAT or op is _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            out.extend(_clauses(list(av[2])))
        elif op is _c.ATOMIC_GROUP:
            out.extend(_clauses(list(av)))
        elif op is _c.BRANCH:
            # A match goes through one branch: one clause of each branch, united, holds for the whole.
            chosen: list[frozenset[str]] = []
            for branch in av[1]:
                found = _clauses(list(branch))
                if not found:
                    chosen = []
                    break
                chosen.append(min(found, key=lambda c: (len(c), -min(map(len, c)))))
            if chosen:
                out.append(frozenset().union(*chosen))
        # Anything else (classes, anchors, look-arounds, back-references) only ends the literal run.
    flush()
    return out


def required_words(pattern: str, flags: int = 0) -> list[frozenset[str]]:
    """Clauses of words: every match of `pattern` contains at least one word of each clause.

    Empty when nothing is known (a case-insensitive pattern: its literals may be written otherwise)."""
    if flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE):
        return []
    try:
        parsed = _p.parse(pattern, flags)
    except re.error:
        return []
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE | re.VERBOSE):
        return []  # inline global flags: "(?i)..."
    return list(dict.fromkeys(_clauses(list(parsed.data))))
