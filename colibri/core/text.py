"""Text normalisation shared by the parser, the gazetteer and the classifier.

Two forms of a post are used everywhere:

* `clean(text)`: what a human reads. NFKC (so the "𝗖𝗼𝗺𝗽𝘁𝗮𝗯𝗹𝗲" bold letters people paste
  from generators become plain letters), zero-width and control characters removed,
  typographic apostrophes/spaces unified. Extracted values (job title...) are cut from it.
* `fold(text)`: what we match against. Lower case, accents removed, Cyrillic/Greek
  look-alikes mapped to Latin. It is *length preserving* on a cleaned text, so a match
  position in the folded text is the same position in the clean text.

Tables are built lazily on first use: nothing is computed at import time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Final

# Zero-width and invisible characters people (or spam tools) slip inside hashtags.
_INVISIBLE: Final = "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u034f"
# Everything that is a apostrophe or a quote-like mark used as an apostrophe.
_APOSTROPHES: Final = "’‘‛`´ʼʹ′＇"
_DASHES: Final = "‐‑‒–—―−"

# Look-alike letters from other scripts (homoglyph attacks and keyboard accidents).
_HOMOGLYPHS: Final = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i", "ο": "o", "α": "a", "ε": "e", "ι": "i", "κ": "k",
    "ν": "v", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ѵ": "v", "ɑ": "a",
}  # fmt: skip


@cache
def _clean_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(c): None for c in _INVISIBLE}
    for cp in range(0x20):
        if chr(cp) not in "\n\t":
            table[cp] = " "
    table[0x7F] = " "
    for c in _APOSTROPHES:
        table[ord(c)] = "'"
    for c in _DASHES:
        table[ord(c)] = "-"
    for c in "\u00a0\u202f\u2007\u2009\u200a\u3000\u2028\u2029\u0085":
        table[ord(c)] = " "
    table[ord("\r")] = "\n"
    return table


@cache
def _clean_rx() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(chr(c) for c in _clean_table())) + "]")


def clean(text: str) -> str:
    """Human-readable normal form (see module docstring)."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    # A regex touching only the few characters to change is much faster than str.translate(dict).
    table = _clean_table()
    return _clean_rx().sub(lambda m: table[ord(m.group())] or "", text)


_FOLD_RANGE: Final = 0x2000  # Latin, Greek, Cyrillic and Latin Extended Additional; beyond stays as is
_FOLD_END: Final = chr(_FOLD_RANGE)


@cache
def fold_table() -> str:
    """Per-character lower case + accent strip, as a lookup string (much faster than a dict)."""
    chars: list[str] = []
    for cp in range(_FOLD_RANGE):
        c = chr(cp)
        low = c.lower()
        if len(low) != 1:
            low = c
        low = _HOMOGLYPHS.get(low, low)
        base = "".join(ch for ch in unicodedata.normalize("NFD", low) if not unicodedata.combining(ch))
        if len(base) == 1:
            base = base.lower()
        else:
            base = low  # ligatures (œ, æ) stay one character so positions stay aligned
        chars.append(base)
    return "".join(chars)


@cache
def _fold_latin1() -> bytes:
    """The fold table's first 256 entries as a bytes.translate table (they all stay in Latin-1)."""
    return fold_table()[:256].encode("latin-1")


def fold(text: str) -> str:
    """Lower-case, accent-free, homoglyph-free form; same length as `text` once cleaned."""
    if text.isascii():
        return text.lower()
    # str.translate looks every character up one by one through Python objects once it meets a
    # non-ASCII one (~50 ns each). French text is Latin-1 but for an emoji or an "œ" here and
    # there, so: bytes.translate (C, 256-byte table) on the Latin-1 encoding, where every other
    # character became one "?" (same length), then those few are folded through the full table.
    folded = text.encode("latin-1", "replace").translate(_fold_latin1()).decode("latin-1")
    at = folded.find("?")
    if at < 0:
        return folded
    table = fold_table()
    out: list[str] = []
    done = 0
    while at >= 0:
        ch = text[at]
        if ch != "?":
            out.append(folded[done:at])
            # Beyond the table (emoji, symbols) characters stay as they are.
            out.append(ch if ch >= _FOLD_END else table[ord(ch)])
            done = at + 1
        at = folded.find("?", at + 1)
    if not out:
        return folded
    out.append(folded[done:])
    return "".join(out)


# Titles, places and hashtags repeat across a stream: memoised in a plain dict, emptied when full. Compiled
# by mypyc, a call to a function wrapped by `lru_cache` goes through the wrapper's generic call (a few
# hundred instructions per hit, and fold_key runs for every candidate title, hashtag and place name);
# a dict lookup inside the compiled function is a direct C call and a hash lookup.
_FOLD_KEYS: Final[dict[str, str]] = {}
_MEMO_SIZE: Final = 65536


def fold_key(text: str) -> str:
    """Dictionary key for names: folded, ligatures expanded, punctuation to single spaces."""
    key = _FOLD_KEYS.get(text)
    if key is None:
        if len(_FOLD_KEYS) >= _MEMO_SIZE:
            _FOLD_KEYS.clear()
        key = _FOLD_KEYS[text] = _fold_key(text)
    return key


def _fold_key(text: str) -> str:
    s = fold(text if text.isascii() else clean(text))
    if "œ" in s or "æ" in s:
        s = s.replace("œ", "oe").replace("æ", "ae")
    s = _KEY_PUNCT.sub(" ", s)
    return " ".join(s.split())


@lru_cache(maxsize=65536)  # titles, places and hashtags repeat across a stream
def compact_key(text: str) -> str:
    """Key with no separators at all: '#Saint_Étienne' and 'saint-etienne' both give 'saintetienne'."""
    return _NON_ALNUM.sub("", fold_key(text))


_KEY_PUNCT: Final = re.compile(r"[-_'’.,;:/()\[\]\"!?+&]+")
_NON_ALNUM: Final = re.compile(r"[^0-9a-z]+")

# --- hashtags -----------------------------------------------------------------------------------

# Digits people type for letters in the collective's hashtag (#14EmploiR, #i4Empl0iR).
_TAG_DIGITS: Final = str.maketrans({"0": "o", "1": "i", "3": "e", "!": "i", "|": "i", "l": "i"})


@lru_cache(maxsize=65536)  # titles, places and hashtags repeat across a stream
def normalize_hashtag(tag: str) -> str:
    """Folded hashtag body without '#', separators or invisible characters ('#Île_de-France' -> 'iledefrance')."""  # noqa: E501
    return compact_key(tag.lstrip("#＃"))


def _collective_key(tag: str) -> str:
    """Canonical form used only to recognise the collective's own hashtags, digit look-alikes included."""
    body = normalize_hashtag(tag)
    if not 3 <= len(body) <= 30:
        return ""
    return body.translate(_TAG_DIGITS)


@cache
def _seeker_set(seeker_tag: str) -> frozenset[str]:
    base = _collective_key(seeker_tag)  # "i4empioir"
    if not base:
        return frozenset()
    stem = base[:-1]  # without the final R: "#i4EmploisR" and "#i4EmploiRR" are frequent typos
    return frozenset({base, stem + "sr", stem + "rr"})


@cache
def _member_set(member_tag: str) -> frozenset[str]:
    base = _collective_key(member_tag)
    return frozenset({base, base + "s"}) if base else frozenset()


@lru_cache(maxsize=16384)
def is_seeker_tag(tag: str, seeker_tag: str = "#i4EmploiR") -> bool:
    """True for the seeker hashtag and its usual misspellings (#i4emploi_R, #14EmploiR, #i4EmploisR...)."""
    key = _collective_key(tag)
    return bool(key) and key in _seeker_set(seeker_tag)


@lru_cache(maxsize=16384)
def is_member_tag(tag: str, member_tag: str = "#i4emploi") -> bool:
    """True for the member hashtag (#i4emploi, #I4Emploi, #14emploi) but not for the seeker one."""
    key = _collective_key(tag)
    return bool(key) and key in _member_set(member_tag)


_CAMEL: Final = re.compile(
    r"(?<=[a-zà-ÿœ])(?=[A-ZÀ-ÝŒ])|(?<=[A-ZÀ-ÝŒ])(?=[A-ZÀ-ÝŒ][a-zà-ÿœ]{2,})|(?<=[A-Za-zÀ-ÿ])(?=\d)"
)
_SMALL_WORDS: Final = frozenset(
    "de du des d la le les l et en à a au aux pour sur par avec sans dans of and the in for to".split()
)


@lru_cache(maxsize=65536)  # titles, places and hashtags repeat across a stream
def split_camel(body: str) -> str:
    """'ChargéeDeCommunication' -> 'Chargée de communication'; 'Assistant_RH' -> 'Assistant RH'."""
    body = body.replace("_", " ").replace("-", " - ").strip()
    words: list[str] = []
    for chunk in body.split():
        if chunk == "-":
            words.append("-")
            continue
        words.extend(w for w in _CAMEL.split(chunk) if w)
    out: list[str] = []
    for i, w in enumerate(words):
        if w.isupper() and len(w) > 1:
            out.append(w)  # acronym: RH, BTP, QSE
        elif i == 0:
            out.append(w[:1].upper() + w[1:])
        else:
            low = w.lower()
            out.append(low)
    text = " ".join(out).replace(" - ", "-")
    # French elision in camel case: "DAchat" -> "D achat" -> "d'achat"
    text = re.sub(r"\b([dlDL]) (?=[aeiouyhàâéèêîôûAEIOUYH])", lambda m: m.group(1).lower() + "'", text)
    return text
