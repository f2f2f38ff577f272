"""Fast first pass: does a text carry anything the collective tracks?

Run on every post of a network stream before the full triage, so it is a single compiled
regex on the raw text (no normalisation): about a microsecond per post.
"""

from __future__ import annotations

import re
from functools import cache

# Digit look-alikes and one stray character inside the collective's hashtag (#14EmploiR,
# #i4_emploi, a zero-width space); the keywords of job seeking in French and English.
_DEFAULT_PATTERN = (
    r"[i1l!|íìïî][4a]\W?\W?[eé3]mpl[o0]i"
    r"|please\W?rt|\bpls\W?rt"
    r"|recherch|\bcherch|\bemplois?\b|\bcd[id]\b|\bjobs?\b|recrut|hiring|open\W?to\W?work|looking\W+for"
    r"|\bposte\b|\bstages?\b|alternan|freelance|opentowork"
)


@cache
def _compiled(extra: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _DEFAULT_PATTERN
    if extra:
        pattern += "|" + "|".join(re.escape(k) for k in extra)
    return re.compile(pattern, re.IGNORECASE)


def is_candidate(text: str, extra_keywords: tuple[str, ...] = ()) -> bool:
    """True when the text mentions a tracked hashtag or job-search keyword."""
    if not text:
        return False
    return _compiled(extra_keywords).search(text) is not None
