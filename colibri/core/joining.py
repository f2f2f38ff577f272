"""Does a post or mention ask to join the collective ("Je rejoins le collectif #i4emploi",
"@collectif je veux donner des RT")?

Pure and small. Such posts carry the collective's hashtag, so they reach the triage, which reads a
volunteer's message as a job offer; the ingest answers them with the join link instead. What matters
most is never catching a seeker's request: every pattern names the collective, membership or giving
reposts, and a negation or a question about someone else just before cancels it.
"""

from __future__ import annotations

import re

from colibri.core.replies import fold

_RT = r"(?:rt|rts|repartages?|retweets?|reposts?|partages?|relais)"
_SPECS = (
    # "je rejoins le collectif", "je veux rejoindre votre collectif", "intégrer le collectif"
    r"\bje (?:veux |voudrais |souhaite |aimerais |vais )?(?:rejoindre|rejoins|integrer|integre) "
    r"(?:le |votre |ton |ce )?collectif\b",
    # "je veux donner des RT", "j'aimerais faire des repartages pour le collectif"
    r"\bje (?:veux|voudrais|souhaite|aimerais|peux|peux aussi|vais) (?:bien )?(?:donner|faire|offrir) "
    r"(?:des |mes |quelques )?" + _RT + r"\b",
    r"\b(?:don|dons) de " + _RT + r"\b.{0,40}\b(?:je|moi|comment)\b",
    # "devenir membre du collectif", "comment devenir bénévole"
    r"\b(?:devenir|etre) (?:membre|benevole)s?\b(?! de (?:mon|ma|notre)\b)",
    r"\bcomment (?:rejoindre|participer|aider) (?:le |au |votre )?collectif\b",
    r"\bi (?:want to|would like to|d like to) (?:join|help) (?:the |your )?collective\b",
)
_RULES = tuple(re.compile(p) for p in _SPECS)
_NEG = frozenset({"ne", "pas", "plus", "jamais", "not", "never"})
_CLAUSE = re.compile(r"[.!?;,:\n()]")
_WORD = re.compile(r"[a-z0-9]+")


def detect_join_intent(text: str) -> str | None:
    """The folded phrase that asks to join, or None."""
    if not text or not text.strip():
        return None
    folded = fold(text)
    for rule in _RULES:
        for match in rule.finditer(folded):
            before = _CLAUSE.split(folded[: match.start()])[-1]
            if any(w in _NEG for w in _WORD.findall(before)[-3:]):
                continue
            if re.search(r"\b(?:ne|pas)\b", match.group(0)):
                continue
            return match.group(0).strip()
    return None
