"""Does a seeker's reply to their own request withdraw it ("stop", "merci, j'ai trouvé")?

Pure and small: the ingest calls `detect_reply_intent` only on replies by the
request's author to the request (or to the collective's repost/reply of it), so
the phrases can be short. What matters most is never withdrawing by mistake: a
negation ("je n'ai pas encore trouvé", "ne supprimez pas", "don't stop") or a
condition ("je vous dirai si j'ai trouvé") in the words just before a phrase
cancels it, and "j'ai trouvé" only counts when it stands alone or is followed by
a job word ("j'ai trouvé une offre intéressante" is not being hired).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

IntentKind = Literal["withdraw", "hired"]


@dataclass(frozen=True, slots=True)
class ReplyIntent:
    kind: IntentKind  # "hired" also withdraws the request
    phrase: str  # the folded words that matched, for the audit log


_NEG = frozenset({"ne", "pas", "not", "never", "jamais", "non", "sans", "without", "no", "nor"})
_COND = frozenset({"si", "if", "when", "quand", "once", "lorsque", "avant", "before", "whether"})
_WEAK_NEG = frozenset({"pas", "not", "never", "jamais", "sans", "without"})  # "je n'ai plus besoin" is fine

# What may follow "j'ai trouvé" / "i found ...": the end, punctuation or an emoji, thanks, or a job word.
_JOB = r"(?:job|poste|emploi|travail|boulot|cdi|cdd|contrat|taf|alternance|mission)"
_FOUND_TAIL = (
    r"(?=[ \t]*(?:$|\n|[^\w\s]|merci|grace|thanks|thank|"
    r"(?:un|une|mon|ma|du|le|la) (?:nouveau |nouvel |nouvelle )?" + _JOB + r"\b|chaussure))"
)
_SIGNED_TAIL = (
    r"(?=[ \t]*(?:$|\n|[^\w\s]|merci|chez|en (?:cdi|cdd|alternance)\b|"
    r"(?:un|une|mon|ma|le|la) (?:nouveau |nouvel |nouvelle )?(?:cdi|cdd|contrat|promesse)\b))"
)

# (kind, pattern, words that cancel it when among the 3 before it in the clause)
_SPECS: tuple[tuple[IntentKind, str, frozenset[str]], ...] = (
    ("hired", r"\bje ai (?:enfin |finalement |bien |deja )?trouve\b" + _FOUND_TAIL, _NEG | _COND),
    ("hired", r"\bje ai (?:enfin |finalement |bien |deja )?signe\b" + _SIGNED_TAIL, _NEG | _COND),
    ("hired", r"\bje (?:suis|ai ete) (?:enfin )?(?:embauchee?|recrutee?|engagee?)\b", _NEG | _COND),
    (
        "hired",
        r"\bi (?:have |had )?(?:just |finally |now )?(?:found|got|landed|accepted|signed) "
        r"(?:a |an |my )?(?:new )?(?:job|position|role)\b(?! (?:offer|ad|posting|listing|for)\b)",
        _NEG | _COND,
    ),
    ("hired", r"\bi (?:am|was|have been|got|just got) (?:finally )?hired\b", _NEG | _COND),
    ("withdraw", r"\bstop\b(?! ?motion)", _NEG),
    ("withdraw", r"\b(?:retirez|supprimez|enlevez|effacez|arretez)\b(?! pas\b)", _NEG),
    (
        "withdraw",
        r"\b(?:merci de|pouvez vous|pourriez vous|vous pouvez|veuillez) (?:bien )?"
        r"(?:retirer|supprimer|enlever|effacer|arreter)\b",
        _NEG,
    ),
    ("withdraw", r"(?:\b(?:je|on) (?:ne )?(?:en )?(?:ai|a) )?\bplus besoin\b", _WEAK_NEG | _COND),
    ("withdraw", r"\bje (?:ne )?(?:suis plus en recherche|cherche plus)\b", _WEAK_NEG | _COND),
    ("withdraw", r"\bplease (?:remove|delete|take down|unshare)\b", _NEG),
    (
        "withdraw",
        r"\b(?:remove|delete|take down|unshare) (?:it|this|that|my post|the post|my request|"
        r"the repost|your repost)\b",
        _NEG,
    ),
    ("withdraw", r"\bno longer (?:need|looking|searching)\b", _WEAK_NEG | _COND),
)
_RULES = tuple((kind, re.compile(pattern), cancel) for kind, pattern, cancel in _SPECS)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_MENTION_OR_URL = re.compile(r"(?:https?://|www\.)\S+|@[\w.\-]+")
_ELISION = re.compile(r"\b(qu|[cdjlmnst])'")
_CLAUSE = re.compile(r"[.!?;,:\n()]")
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase, accents and mentions off, French elisions and English contractions spelled out."""
    text = _MENTION_OR_URL.sub(" ", text.translate(_APOSTROPHES))
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("n't", " not").replace("i'm", "i am").replace("i've", "i have")
    text = _ELISION.sub(lambda m: m.group(1) + "e ", text)  # j'ai -> je ai, n'ai -> ne ai, qu'il -> que il
    text = text.replace("#", " ").replace("-", " ").replace("_", " ")
    return re.sub(r"[ \t]+", " ", text)


def _cancelled(folded: str, start: int, cancel: frozenset[str]) -> bool:
    before = _CLAUSE.split(folded[:start])[-1]
    return any(word in cancel for word in _WORD.findall(before)[-3:])


def detect_reply_intent(text: str) -> ReplyIntent | None:
    """The seeker's intent in a reply, or None. "hired" wins over "withdraw" when both are said."""
    if not text or not text.strip():
        return None
    folded = fold(text)
    found: ReplyIntent | None = None
    for kind, pattern, cancel in _RULES:
        for match in pattern.finditer(folded):
            if _cancelled(folded, match.start(), cancel):
                continue
            if kind == "hired":
                return ReplyIntent("hired", match.group(0).strip())
            if found is None:
                found = ReplyIntent("withdraw", match.group(0).strip())
            break
    return found
