"""Fast first pass: does a text carry anything the collective tracks?

Run on every post of a network stream before the full triage, so it is one `str.lower()`
and one Aho-Corasick scan that stops at the first hit: a couple of microseconds per post.
Substrings, not words: a false positive only costs a full triage, a miss loses a request.
"""

from __future__ import annotations

from functools import cache

import ahocorasick

# "mploi" also catches "#i4\u200bEmploi", "#14EmploiR" and a Cyrillic "е" in "emploi".
KEYWORDS: tuple[str, ...] = (
    "mploi", "4empl0i", "please rt", "pleasert", "pls rt", "plsrt",
    "recherch", "cherch", "cdi", "cdd", "job", "recrut", "hiring", "open to work", "opentowork",
    "looking for", "poste", "stage", "alternan", "apprenti", "freelance", "i4e",
)  # fmt: skip


@cache
def _automaton(extra: tuple[str, ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in KEYWORDS + tuple(k.lower() for k in extra if k):
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def is_candidate(text: str, extra_keywords: tuple[str, ...] = ()) -> bool:
    """True when the text mentions a tracked hashtag or job-search keyword."""
    if not text:
        return False
    for _hit in _automaton(extra_keywords).iter(text.lower()):
        return True
    return False
