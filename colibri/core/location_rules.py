"""The gazetteer's tables and pure helpers: entry kinds, places, the regexes and context words that score a
place's mention, and how candidates compare (`colibri.core.location` applies them).

Kept apart from the gazetteer so that its lookup stays readable and each module stays small.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Final

from colibri.core.multiregex import PrefixScanner, non_ascii_word_char
from colibri.core.parse import ParsedPost

# Gazetteer entry kinds, in the order a location is preferred: a city beats a région.
# One Final name each (the values of range(7)): compiled by mypyc they are native ints, not a module
# dict lookup and a boxed int at every use.
COMMUNE: Final = 0
LANDMARK: Final = 1
DEPARTEMENT: Final = 2
REGION: Final = 3
ABROAD: Final = 4
REMOTE: Final = 5
DEMONYM: Final = 6

SEPARATORS: Final = re.compile(r"[^\w]|_")  # every non-word character to a space: same length
# The same mapping for ASCII texts (most folded posts) by str.translate, several times faster.
ASCII_SEPARATORS: Final = bytes(c if chr(c).isalnum() else 32 for c in range(256))


def separated(folded: str) -> str:
    """`SEPARATORS.sub(" ", folded)`: every non-word character to a space, same length.

    Half the posts hold an emoji or a typographic quote, which sent them through `re.sub` (about
    9 µs); when no non-ASCII character is a letter or digit, each becomes "?" (one per character)
    and then a space by the ASCII table, like the rest."""
    if folded.isascii():
        return folded.encode("ascii").translate(ASCII_SEPARATORS).decode("ascii")
    if non_ascii_word_char(folded):
        return SEPARATORS.sub(" ", folded)  # "ß", "œ", a Greek letter: kept, as `\w`
    return folded.encode("ascii", "replace").translate(ASCII_SEPARATORS).decode("ascii")


# Words before a place name that make it a place ("sur Vire", "région de Sens", "dans le Var").
_CONTEXT_1: Final = frozenset(
    """a au sur vers region secteur zone proche base basee bases basees domicilie domiciliee habite
    habitant en dept dpt dep departement agglomeration metropole bassin in near around on idealement
    preference priorite plutot lieu localisation location localise localisee situe situee to""".split()
)
# Weak cues: enough to trust an ambiguous name in a list ("Lyon ou Vire"), not to outrank another place.
WEAK_CONTEXT: Final = frozenset({"ou", "et", "or", "and"})
_CONTEXT_2: Final = frozenset(
    """pres de|autour de|dans le|dans la|dans l|region de|secteur de|zone de|proche de|alentours de|
    environs de|mobile sur|mobilite sur|poste sur|poste a|based in|ville de|departement de|departement du|
    agglomeration de|metropole de|bassin de|depart de|entrepot de|entrepot a|usine de|usine a|site de|
    agence de|magasin de|siege de|bureaux de|bureaux a|atelier de|depot de|plateforme de|depuis la|depuis le|
    depuis l""".replace("\n    ", "").split("|")
)
ARTICLES: Final = frozenset("de d du le la l les".split())
# ... and words that make it something else ("université de Bordeaux", "né à Lyon", "rue de Paris").
NEGATIVE: Final = frozenset(
    """universite ecole iut iae lycee college fac faculte diplome diplomee ne nee originaire po school ensam
    insa chu hopital club fc stade olympique rue avenue boulevard place quai bd""".split()
)


def has_context(before: str, weak: bool = True) -> bool:
    words = before.split()[-4:]
    if not words:
        return False
    if weak and words[-1] in WEAK_CONTEXT:
        return True
    if words[-1] in _CONTEXT_1 or " ".join(words[-2:]) in _CONTEXT_2:
        return True
    if words[-1] in ARTICLES and len(words) >= 2:
        rest = words[:-1]
        return rest[-1] in _CONTEXT_1 or " ".join(rest[-2:]) in _CONTEXT_2
    return False


# "sur le 31", "dans le 69": a bare "le 31" is usually a date ("fin de CDD le 31").
BEFORE_LE: Final = frozenset(
    "sur dans vers secteur zone region tout partout cote bosser travailler poste job".split()
)
GENITIVE: Final = frozenset("de d du des".split())


def place_before_le(folded: str, start: int) -> bool:
    words = folded[max(0, start - 30) : start].split()
    return bool(words) and words[-1].strip(",;:(") in BEFORE_LE


def genitive_of_known_place(place: Place, before: str) -> bool:
    """ "du Gers", "de la Manche", "l'Intermarché de Gap": an ambiguous name after "de" is the place
    when it is capitalised and a département or a prefecture (not a village named like a word)."""
    if place.kind != DEPARTEMENT and not (place.kind == COMMUNE and place.rank <= 1000):
        return False
    words = before.split()[-2:]
    if not words:
        return False
    if words[-1] in ("la", "l") and len(words) == 2:
        return words[0] in ("de", "d")
    return words[-1] in GENITIVE


def accent_clash(raw_tag: str, place: Place) -> bool:
    """ "#Maçon" is the job, not Mâcon: an accented hashtag spelled otherwise than the commune it folds to."""
    if raw_tag.isascii() or place.kind != COMMUNE or not place.spelled:
        return False
    a = "".join(c for c in raw_tag.lower() if c.isalpha())
    b = "".join(c for c in place.spelled.lower() if c.isalpha())
    return len(a) == len(b) and a != b


PHRASE_END: Final = tuple(",;:.!?/|—–)")
ARTICLE_KEYS: Final = ("la ", "le ", "les ", "l ")


def negative_before(before: str) -> bool:
    words = before.split()[-3:]
    while words and words[-1] in ARTICLES:
        words.pop()
    return bool(words) and words[-1] in NEGATIVE


# "au Havre", "aux Abymes": French folds the article of "Le Havre" into the preposition.
CONTRACTION: Final = re.compile(r"\b([Aa]ux?|[Dd]u|[Dd]es) ((?:[A-ZÀ-Ý][\w']+)(?:[ -][A-ZÀ-Ý][\w']+)?)")
# One or two words after a place cue, in the folded, separator-free text ("sur marseil", "a clermont ferand").
AFTER_PLACE_CUE: Final = re.compile(
    r"\b(?:a|sur|vers|region|secteur|pres de|autour de|proche de|dans|habite|base|basee|in|near) "
    r"([a-z]{5,})(?: ([a-z]{3,}))?"
)
# rapidfuzz ratio (0-100): "Marseil" / "Marseille" 87.5, "Montpelier" 95; two unrelated names stay < 80.
FUZZY_CUTOFF: Final = 85.0
CODE_AFTER: Final = re.compile(r"^\s*\(\s*(\d{2,3}|2[ab])\s*\)")
DEP_CODE: Final = re.compile(
    r"(?:#|\(|\b(?:dpt|dept|departement|dep|department)\.?\s*(?:n°\s*)?|\bdans le\s+|\ble\s+(?=\d{2}\b(?!\s*(?:ans|mois|jours|h\b|%|€|k\b))))"  # noqa: E501
    r"(\d{2,3}|2[ab])\b\)?(?!\s*(?:ans|mois|jours|heures|h\b|%|€|k\b|kms?\b|minutes?\b|min\b|000|euros|ème|eme|e\b|er\b|[/.:,]\d))"
)
POSTCODE: Final = re.compile(
    r"(?<![\d.,+])(\d{5})(?!\d|[,.]\d|\s*(?:€|euros?|eur\b|k\b|\$|brut|net|/an|par an))"
)

# A cheap superset of DEP_CODE (its prefixes, then a code): most posts with digits have no code cue.
DEP_GATE: Final = re.compile(
    r"[#(](?:\d\d|2[ab])|(?:dpt|dept|dep|department|departement)\.?\s*(?:n°\s*)?(?:\d\d|2[ab])|le\s+(?:\d\d|2[ab])"
)
# Its three alternatives searched apart (a match of one is a match of the whole), each led by a literal `re`
# skips ahead to ("#", "(", "d", "le"); the alternation, led by nothing in common, was tried at every
# position (about 5 µs a post, against 3).
_DEP_GATES: Final = tuple(
    re.compile(p)
    for p in (
        r"#(?:\d\d|2[ab])",
        r"\((?:\d\d|2[ab])",
        r"(?:dpt|dept|dep|department|departement)\.?\s*(?:n°\s*)?(?:\d\d|2[ab])",
        r"le\s+(?:\d\d|2[ab])",
    )
)


@cache
def dep_code_scanner() -> PrefixScanner:
    """`DEP_CODE.finditer` tried only where its literal prefixes are ("#", "(", "dep", "dpt", "le"...):
    its alternation gave `re` nothing to skip ahead to (19 µs a post that gets that far, against 7)."""
    return PrefixScanner([DEP_CODE])


def dep_gate(folded: str) -> bool:
    """Whether `DEP_GATE.search(folded)` finds anything."""
    return any(rx.search(folded) is not None for rx in _DEP_GATES)


DIGITS: Final = re.compile(r"\d+")  # runs of digits (`re` skips ahead to digits for this form)
# ASCII digits kept, every other ASCII character a blank: `bytes.split` then gives the runs of digits.
_ASCII_DIGITS: Final = bytes(c if chr(c).isdigit() else 32 for c in range(128)) + bytes(128)


def digit_gates(folded: str) -> tuple[bool, bool]:
    """(may hold a département code, may hold a postcode), read from the runs of digits.

    A code is two digits or "2a"/"2b" (a run ending in 2); a postcode is five digits in a row."""
    runs = (
        folded.encode("ascii").translate(_ASCII_DIGITS).split()
        if folded.isascii()
        else DIGITS.findall(folded)
    )
    dep = five = False
    for run in runs:
        if len(run) >= 2 or run[-1:] in ("2", b"2"):
            dep = True
            if len(run) >= 5:
                five = True
    return dep, five


# A département code written right after a place hashtag: "#SaintDenis 93", "#Valence (26)" (not "#Lyon 3e").
TAG_CODE_AFTER: Final = re.compile(r"\s\(?\s*(\d{2,3}|2[ab])\s*\)?(?![\w/]|[.,:]\d)")
TAG_DIGITS: Final = re.compile(r"^([a-z]+?)(\d{2,3}|2a|2b)$")
TAG_ARRONDISSEMENT: Final = re.compile(r"^(paris|lyon|marseille)(\d{1,2})(?:e|eme|er)?$")


# Place and Candidate spell out their `__init__` (init=False): compiled by mypyc, a written `__init__`
# is native field stores, the generated one interpreted Python behind tp_init (see parse.Hashtag).
# Fields, equality, repr, hashing and Place's frozen-ness are still the dataclass's.
@dataclass(frozen=True, slots=True, init=False)
class Place:
    kind: int
    name: str  # commune name, country, or "" for remote
    departement: str | None
    region: str | None  # région code
    rank: int  # lower: more likely meant among homonyms
    ambiguous: bool  # an ordinary word too: needs a hashtag or a location cue
    single_word: bool
    spelled: str = ""  # exact official spelling, to prefer "Vire" over "Viré" when written "Vire"

    def __init__(
        self,
        kind: int,
        name: str,
        departement: str | None,
        region: str | None,
        rank: int,
        ambiguous: bool,
        single_word: bool,
        spelled: str = "",
    ) -> None:
        # Frozen: stored as the generated __init__ does (mypyc turns these into plain field stores).
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "departement", departement)
        object.__setattr__(self, "region", region)
        object.__setattr__(self, "rank", rank)
        object.__setattr__(self, "ambiguous", ambiguous)
        object.__setattr__(self, "single_word", single_word)
        object.__setattr__(self, "spelled", spelled)


@dataclass(slots=True, init=False)
class Candidate:
    place: Place
    pos: int
    score: float
    hashtag: bool = False

    def __init__(self, place: Place, pos: int, score: float, hashtag: bool = False) -> None:
        self.place = place
        self.pos = pos
        self.score = score
        self.hashtag = hashtag


HASHTAG_BLOCK: Final = frozenset(
    "orange eu y plan bar mars vue ver mer port val bois pont champ cours est sud ouest centre job emploi "
    "ain lot var cher".split()
)
KIND_BONUS: Final = {COMMUNE: 0.6, LANDMARK: 0.6, DEPARTEMENT: 0.3, REGION: 0.0}


def preference(p: Place) -> tuple[int, int]:
    """Order of homonyms: big city, département, région, foreign place, small commune, former commune."""
    if p.kind == COMMUNE:
        group = 0 if p.rank < 1000 else (4 if p.rank < 9000 else 5)
    else:
        group = {LANDMARK: 0, DEPARTEMENT: 1, REGION: 2, ABROAD: 3, REMOTE: 0, DEMONYM: 0}[p.kind]
    return group, p.rank


def better(a: Candidate, b: Candidate) -> bool:
    ka = a.score + KIND_BONUS.get(a.place.kind, 0) + (5 if a.place.kind in (COMMUNE, LANDMARK) else 0)
    kb = b.score + KIND_BONUS.get(b.place.kind, 0) + (5 if b.place.kind in (COMMUNE, LANDMARK) else 0)
    if ka != kb:
        return ka > kb
    return a.pos < b.pos


def longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping matches ("Saint-Denis" over "Denis")."""
    if len(spans) < 2:
        return spans  # most posts: nothing can overlap
    # Kept spans never overlap, so sorted by start they are sorted by end too: a new span can only
    # overlap its two neighbours there (a scan of every kept span was quadratic on "Lyon " * 4000).
    starts: list[int] = []
    out: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        i = bisect_right(starts, s[0])
        if i and out[i - 1][1] > s[0]:
            continue
        if i < len(out) and out[i][0] < s[1]:
            continue
        starts.insert(i, s[0])
        out.insert(i, s)
    return out


UPPER: Final = re.compile(r"[A-ZÀ-ÖØ-Þ]")
LOWER: Final = re.compile(r"[a-zß-öø-ÿ]")


def is_mostly_upper(text: str) -> bool:
    sample = text[:400]
    upper = len(UPPER.findall(sample))
    return upper > 1.5 * len(LOWER.findall(sample))


def postcode_dep(code: str) -> str | None:
    if code.startswith("97"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if code < "20200" else "2B"
    if code == "00000" or code.startswith(("96", "98", "99")):
        return None
    return code[:2]


_NON_DIGIT: Final = re.compile(r"\D")  # compiled once, not looked up in `re`'s cache at each call


def inside_phone(pos: int, parsed: ParsedPost) -> bool:
    if not parsed.phones:
        return False
    window = _NON_DIGIT.sub("", parsed.text[max(0, pos - 10) : pos + 15])
    return any(p in window or window in p for p in parsed.phones if len(window) >= 9)
