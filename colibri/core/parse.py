"""Parse a post: hashtags, links, mentions, e-mails, phone numbers.

`parse_post` is pure and cheap (a handful of compiled regexes on the cleaned text); the
classifier, the extractors and the feedback all read the same `ParsedPost`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from colibri.core.multiregex import PrefixScanner
from colibri.core.text import clean, fold, normalize_hashtag, split_camel

_HASHTAG: Final = re.compile(r"[#＃]([^\W_][\w]*(?:[-'][^\W_][\w]*)*)")
# Compiled once (`re.match(pattern, ...)` looks the pattern up in `re`'s cache, in Python, at each call).
_HTTP: Final = re.compile(r"https?://", re.IGNORECASE)
_NON_DIGIT: Final = re.compile(r"\D")
_URL: Final = re.compile(
    r"(?:https?://|www\.)[^\s<>\"«»]+"
    r"|\b(?:[a-z]{2,3}\.)?(?:linkedin\.com|lnkd\.in|viadeo\.com|bit\.ly|t\.co)/[^\s<>\"«»]+",
    re.IGNORECASE,
)
_MENTION: Final = re.compile(r"(?<![\w@/.])@([A-Za-z0-9_](?:[\w.-]*[\w])?(?:@[\w-]+(?:\.[\w-]+)+)?)")
_EMAIL: Final = re.compile(r"(?<![@\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_PHONE: Final = re.compile(r"(?<![\d+])(?:\+33\s?\(?0?\)?\s?|0033\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
_TRAILING: Final = ".,;:!?)]}»'\"…"
_NOT_DIGITS: Final = bytes(c for c in range(128) if not 48 <= c <= 57)  # deleted, the ASCII digits are left


# The hot dataclasses below spell out their `__init__` (init=False): compiled by mypyc, a written
# `__init__` is native code storing the fields directly, while the generated one stays interpreted
# Python called through the type's tp_init (about 5,000 instructions per frozen Hashtag). Fields,
# equality, repr, hashing and frozen-ness are still the dataclass's.
@dataclass(frozen=True, slots=True, init=False)
class Hashtag:
    raw: str  # as written, with '#'
    key: str  # folded, no separators: "chargeedecommunication"
    words: str  # camelCase split, human form: "Chargée de communication"
    start: int  # position in the cleaned text
    end: int
    folded_words: str = ""  # fold(words)

    def __init__(self, raw: str, key: str, words: str, start: int, end: int, folded_words: str = "") -> None:
        # Frozen: stored as the generated __init__ does (mypyc turns these into plain field stores).
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "folded_words", folded_words)


@dataclass(slots=True, init=False)
class ParsedPost:
    text: str  # cleaned text (see colibri.core.text.clean)
    folded: str  # fold(text), same length
    hashtags: list[Hashtag] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)  # normalised, in order of appearance
    profile_link: str | None = None
    mentions: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    _cue: str | None = None
    _cue_body: int = 0  # length of the cue text's own words, before the spelled-out hashtags

    def __init__(
        self,
        text: str,
        folded: str,
        hashtags: list[Hashtag] | None = None,
        urls: list[str] | None = None,
        profile_link: str | None = None,
        mentions: list[str] | None = None,
        emails: list[str] | None = None,
        phones: list[str] | None = None,
        _cue: str | None = None,
        _cue_body: int = 0,
    ) -> None:
        # Written out for mypyc (see Hashtag); an omitted list is a fresh one, as default_factory gives.
        self.text = text
        self.folded = folded
        self.hashtags = [] if hashtags is None else hashtags
        self.urls = [] if urls is None else urls
        self.profile_link = profile_link
        self.mentions = [] if mentions is None else mentions
        self.emails = [] if emails is None else emails
        self.phones = [] if phones is None else phones
        self._cue = _cue
        self._cue_body = _cue_body

    @property
    def hashtag_keys(self) -> list[str]:
        return [h.key for h in self.hashtags]

    def cue_text(self) -> str:
        """Folded words separated by single spaces ('#' dropped), camelCase hashtags spelled out.

        Cue patterns run on this; `cue_span()` maps a position back to the cleaned text.
        """
        if self._cue is None:
            text = " ".join(self.folded.replace("#", " ").replace("＃", " ").split())
            self._cue_body = len(text)
            extra = [h.folded_words for h in self.hashtags if " " in h.words or "'" in h.words]
            if extra:
                text += " . " + " . ".join(extra)
            self._cue = text
        return self._cue

    def cue_body_length(self) -> int:
        """Length of the cue text's part made of the post's own words (spelled-out hashtags come after)."""
        self.cue_text()
        return self._cue_body

    def cue_spans(self, spans: list[tuple[int, int]]) -> list[str]:
        """`cue_span` for several spans (the clues shown), each by counting words in C, not in Python."""
        return [self.cue_span(a, b) for a, b in spans]

    def cue_span(self, start: int, end: int) -> str:
        """The cleaned-text words behind cue positions start..end (for quoting a clue)."""
        cue = self.cue_text()
        if start < end and cue[end - 1 : end] != " " and self.folded.startswith(cue[:end]):
            # The folded text reads as the cue text up to the clue's end (single spaces, no "#" nor line
            # break before it: most clues): cue positions are text positions, and counting words below
            # would land on `start` too (its word begins inside the common part).
            return self.text[start:end]
        a = self._text_pos(cue, start)
        if a >= 0 and cue[end - 1 : end] != " " and self.folded.startswith(cue[start:end], a):
            return self.text[a : a + end - start]  # the usual case: the clue is written as one run
        b = self._text_pos(cue, end)
        if a < 0 or b < a:
            return cue[start:end]  # inside the spelled-out hashtags appended after the text
        return self.text[a:b]

    def _text_pos(self, cue: str, pos: int) -> int:
        """Position in the cleaned text of cue position `pos` (-1 past the post's own words).

        Cue word k is the k-th blank- or '#'-separated word of the folded text: one anchored
        regex skips k such words (in C) to land on its first letter."""
        k = cue.count(" ", 0, pos)
        ws = cue.rfind(" ", 0, pos) + 1
        we = cue.find(" ", ws)
        length = (we if we >= 0 else len(cue)) - ws
        offset = pos - ws
        if not length or offset > length:
            return -1
        folded = self.folded
        skipped = _skip_words(k).match(folded)
        if skipped is None or skipped.end() >= len(folded):
            return -1  # fewer than k + 1 words: a spelled-out hashtag appended to the cue text
        return skipped.end() + offset


@lru_cache(maxsize=512)
def _skip_words(k: int) -> re.Pattern[str]:
    """Matches the separators and the first k words of a folded text (words as `cue_text` splits them)."""
    return re.compile(r"[\s#＃]*(?:[^\s#＃]+[\s#＃]+){" + str(k) + "}")


# A plain URL (host, path, no query, no port or user): the common case, normalised without urlsplit.
_PLAIN_URL: Final = re.compile(r"(?:[Hh][Tt][Tt][Pp][Ss]?://)?([A-Za-z0-9.-]+)(/[^?#\\]*)?(?:#.*)?")


def normalize_url(url: str) -> str:
    """Canonical URL: https scheme, lower-case host, no tracking parameters, no trailing slash."""
    url = url.rstrip(_TRAILING)
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None:
        host = plain.group(1).lower()
        path = plain.group(2) or ""
        if host.endswith(("linkedin.com", "viadeo.com")):
            host = "www.linkedin.com" if host.endswith("linkedin.com") else "www.viadeo.com"
            path = path.rstrip("/")
        elif path.endswith("/") and path != "/":
            path = path.rstrip("/")
        return f"https://{host}{path}"
    if not _HTTP.match(url):
        url = "https://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    path = parts.path
    query = parts.query
    if host.endswith("linkedin.com"):
        host = "www.linkedin.com"  # fr.linkedin.com, linkedin.com, m.linkedin.com are the same profile
        query = ""
        path = path.rstrip("/")
    elif host.endswith("viadeo.com"):
        host = "www.viadeo.com"
        query = ""
        path = path.rstrip("/")
    else:
        kept = [
            (k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not k.lower().startswith("utm_")
        ]
        query = urlencode(kept)
        if path.endswith("/") and path != "/":
            path = path.rstrip("/")
    return urlunsplit(("https", host, path, query, ""))


def is_profile_link(url: str) -> bool:
    low = url.lower()
    return (
        "linkedin.com/in/" in low
        or "linkedin.com/pub/" in low
        or ("viadeo.com/" in low and ("/profile" in low or "viadeo.com/p/" in low))
        or "lnkd.in/" in low
    )


# The same hashtags come back in post after post: memoised in a plain dict, emptied when full (compiled,
# a dict lookup is a direct C call; a call through an lru_cache wrapper is a generic one).
_TAG_PARTS: Final[dict[str, tuple[str, str, str, str] | None]] = {}


def _tag_parts(body: str) -> tuple[str, str, str, str] | None:
    """(raw, key, words, folded words) of a hashtag body; None when it has no key."""
    if body in _TAG_PARTS:
        return _TAG_PARTS[body]
    if len(_TAG_PARTS) >= 65536:
        _TAG_PARTS.clear()
    parts = _TAG_PARTS[body] = _split_tag(body)
    return parts


def _split_tag(body: str) -> tuple[str, str, str, str] | None:
    key = normalize_hashtag(body)
    if not key:
        return None
    words = split_camel(body)
    return "#" + body, key, words, fold(words)


# Every _URL match holds one of these (in the folded text: case-insensitive, look-alike letters too).
_URL_MARKERS: Final = ("http", "www", "linkedin", "lnkd", "viadeo", "bit.ly", "t.co/")
_BLANKS: Final = (" ", "\n", "\t", "\u1680")  # what clean() leaves of the blanks


def _url_matches(cleaned: str, low: str) -> list[re.Match[str]]:
    """`_URL.finditer(cleaned)`, scanning only the blank-delimited runs that hold a URL marker.

    A match holds no blank and holds a marker, so it lies inside such a run; each run starts after
    a blank (or at 0) and ends at one (or at the end), so no match crosses its edges and `finditer`
    inside the runs, in order, finds the same matches (a blank this misses only widens a run)."""
    runs: list[tuple[int, int]] = []
    for marker in _URL_MARKERS:
        at = low.find(marker)
        while at >= 0:
            start = max(cleaned.rfind(b, 0, at) for b in _BLANKS) + 1
            ends = [e for e in (cleaned.find(b, at) for b in _BLANKS) if e >= 0]
            end = min(ends) if ends else len(cleaned)
            runs.append((start, end))
            at = low.find(marker, end)
    runs.sort()
    merged: list[list[int]] = []
    for start, end in runs:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    # A list, not a generator: compiled by mypyc, a generator is a heavier object than the few matches.
    found: list[re.Match[str]] = []
    for start, end in merged:
        found.extend(_URL.finditer(cleaned, start, end))
    return found


def _hashtag_matches(cleaned: str) -> list[re.Match[str]]:
    """`_HASHTAG.finditer(cleaned)`, tried only where a "#" is: `re` has no literal to skip to and
    tried the pattern at every position of the text (2-4 µs a post, nearly every post has a hashtag).
    Every match starts with its sign and is never empty, so the matches at the signs, left to right,
    each after the previous one's end, are finditer's. A list, not a generator (cheaper compiled)."""
    if "＃" in cleaned:
        return list(_HASHTAG.finditer(cleaned))  # the full-width sign: rare, left to `re`
    found: list[re.Match[str]] = []
    match = _HASHTAG.match
    at = cleaned.find("#")
    while at >= 0:
        m = match(cleaned, at)
        if m is not None:
            found.append(m)
            at = cleaned.find("#", m.end())
        else:
            at = cleaned.find("#", at + 1)
    return found


def _in_url(url_starts: list[int], url_spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` lies inside one of the (sorted, disjoint) URL spans. A module function rather than
    a closure in `parse_post`: compiled by mypyc, it is a direct C call."""
    i = bisect_right(url_starts, pos) - 1
    return i >= 0 and pos < url_spans[i][1]


@cache
def _phone_scanner() -> PrefixScanner:
    return PrefixScanner([_PHONE])


def parse_post(text: str) -> ParsedPost:
    """Parse a raw post text (any Unicode, any length) into its parts."""
    cleaned = clean(text or "")
    parsed = ParsedPost(text=cleaned, folded=fold(cleaned))
    url_spans: list[tuple[int, int]] = []
    low = parsed.folded
    has_url = "." in low and any(k in low for k in _URL_MARKERS)
    for m in _url_matches(cleaned, low) if has_url else ():
        url = normalize_url(m.group(0))
        url_spans.append(m.span())
        if url not in parsed.urls:
            parsed.urls.append(url)
    for url in parsed.urls:
        if is_profile_link(url):
            parsed.profile_link = url
            break

    url_starts = [a for a, _b in url_spans]  # in text order, disjoint: bisect, not a scan per hashtag
    hashtags = parsed.hashtags
    for m in _hashtag_matches(cleaned):
        start, end = m.span()
        if url_spans and _in_url(url_starts, url_spans, start):
            continue  # "#section" anchors inside links are not hashtags
        parts = _tag_parts(m.group(1))
        if parts is None:
            continue
        raw, key, words, folded_words = parts
        hashtags.append(Hashtag(raw, key, words, start, end, folded_words))
    if "@" in cleaned:
        emails = _EMAIL.findall(cleaned)
        parsed.emails = list(dict.fromkeys(e.lower() for e in emails))
        for m in _MENTION.finditer(cleaned):
            if url_spans and _in_url(url_starts, url_spans, m.start()):
                continue
            handle = m.group(1)
            if handle.lower() not in parsed.mentions:
                parsed.mentions.append(handle.lower())
    # Every French number starts with 0 or +33: without either there is nothing to scan for.
    # ... and the scan tries the pattern only at those (see PrefixScanner): same matches as findall.
    # A number holds ten ASCII digits at least ("0", [1-9], then four pairs; more after "+33"); the
    # pairs' `\d` may be other scripts' digits, so only an ASCII text is counted.
    phones = (
        [m.group() for m in _phone_scanner().scan(cleaned).finditer(0)]
        if ("0" in cleaned or "+33" in cleaned)
        and not (cleaned.isascii() and len(cleaned.encode("ascii").translate(None, _NOT_DIGITS)) < 10)
        else []
    )
    if phones:
        parsed.phones = list(dict.fromkeys(_NON_DIGIT.sub("", p) for p in phones))
    if parsed.profile_link:
        parsed.urls.remove(parsed.profile_link)
        parsed.urls.insert(0, parsed.profile_link)
    return parsed
