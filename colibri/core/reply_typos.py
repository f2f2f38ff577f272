"""Request verbs typed with one letter dropped, doubled or swapped (« arrêez », « oubbliez », « dpéublier »).

The clause lexicon (`reply_clauses`) reads verbs by their stems, so one letter off inside the stem and
the stop is gone: the perturbation probe (`bench/perturb_stops.py`, tests/data/README.md) lost 8 % of
the stops it read with a letter dropped inside the decisive verb, 4 % with one doubled, 11 % with two
swapped. `fix_typos(text)` spells back each word of 6+ letters that is one such slip away (a letter
inserted, left out, or two neighbours swapped; not a letter replaced by another, which turns « casser »
into « cesser » and « fermier » into … ) from a form of a stop, contact or relay verb of the lexicon,
and that the lexicon's stems do not already read. The classifier reads the text spelled back only when
it read no stop in the text as typed, and keeps that reading only if it is a stop read by the rules:
a typo reads as the word it misspells, so whatever keeps « je n'ai pas retiré ma candidature » from
being a stop (a report, a past tense, a negation: the request position) keeps its misspelling out too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from colibri.core.reply_clauses import CONTACT, RELAY, REMOVE

# First-group stems (folded) of the verbs that decide a stop, and the endings they are typed with.
_STEMS = (
    "retir enlev effac supprim depubli desactiv arret cess stopp masqu cach degag radi archiv annul "
    "desabonn desindex oubli purg blacklist debarrass zapp clotur decroch contact recontact relanc "
    "rappel appel envoy sollicit harcel spamm tagu identifi mentionn notifi relay partag repartag "
    "publi republi diffus repost affich"
).split()
_ENDINGS = "er ez e es ee ees ent iez ons ais ait ant".split()
_IRREGULAR = (
    "desinscris desinscrit desinscrire desinscrivez desinscrive desinscrite ecrire ecrivez ecrive "
    "reecrire reecrivez detruisez detruire transmettre transmettez suspendez suspendre"
).split()
FORMS = frozenset([stem + end for stem in _STEMS for end in _ENDINGS] + _IRREGULAR)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


# A form with one letter left out -> the form (the word typed lacks a letter).
_SHORTER: dict[str, str] = {}
for _form in sorted(FORMS):
    for _short in _deletions(_form):
        if _short not in FORMS:
            _SHORTER.setdefault(_short, _form)

_KNOWN = re.compile(r"(?:" + REMOVE + r"|" + CONTACT + r"|" + RELAY + r")")
_WORD = re.compile(r"[^\W\d_]{6,}")


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if c.isascii())


@lru_cache(maxsize=4096)
def spelled_back(word: str) -> str | None:
    """The verb form `word` (6+ letters) misspells by one letter, or None (a form, or read already)."""
    folded = _fold(word)
    if len(folded) < 6 or folded in FORMS or _KNOWN.match(folded):
        return None
    if folded in _SHORTER:  # a letter left out
        return _SHORTER[folded]
    for shorter in sorted(_deletions(folded)):  # a letter typed twice or one too many
        if shorter in FORMS:
            return shorter
    for i in range(len(folded) - 1):  # two neighbours swapped
        swapped = folded[:i] + folded[i + 1] + folded[i] + folded[i + 2 :]
        if swapped in FORMS:
            return swapped
    return None


def fix_typos(text: str) -> str:
    """`text` with each misspelt request verb spelled back (see the module docstring); else `text`."""
    return _WORD.sub(lambda m: spelled_back(m.group(0)) or m.group(0), text)
