"""Run many regexes over one text in (almost) one pass.

Python's `re` tries every alternative of a big alternation at every position, which made
the ~100 cue patterns cost milliseconds per post. Here each top-level alternative is
compiled on its own and indexed by the literal prefix every match must start with (computed
from the parsed pattern); one Aho-Corasick pass finds where those prefixes occur, and only
there is the alternative tried, anchored (`pattern.match(text, pos)`). Alternatives without
a usable prefix fall back to a normal search.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from itertools import product
from typing import Any, Final

import ahocorasick

from colibri.core.regex_gates import required_words

# The parser behind `re` (public enough: stable since 3.11, used to read a pattern's literal prefix).
_c: Any = importlib.import_module("re._constants")
_p: Any = importlib.import_module("re._parser")

_MAX_PREFIXES: Final = 96
_MIN_PREFIX: Final = 1


def split_alternatives(pattern: str) -> list[str]:
    """Top-level '|' split that respects groups, classes and escapes."""
    out, depth, cls, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if cls:
            if ch == "]":
                cls = False
        elif ch == "[":
            cls = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _prefixes(items: list, limit: int = _MAX_PREFIXES, single_space: bool = False) -> tuple[set[str], bool]:  # type: ignore[type-arg]
    """(set of literal prefixes every match starts with, whether the whole sequence was literal)."""
    acc = {""}
    for op, av in items:
        if op is _c.AT:
            continue
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width: does not consume text
        if op is _c.LITERAL:
            acc = {a + chr(av) for a in acc}
            continue
        if op is _c.IN:
            chars = []
            for iop, iav in av:
                if iop is _c.LITERAL:
                    chars.append(chr(iav))
                elif iop is _c.CATEGORY and iav is _c.CATEGORY_SPACE and single_space:
                    chars.append(" ")  # texts given to this matcher have single spaces only
                else:
                    return acc, False
            if len(chars) * len(acc) > limit:
                return acc, False
            acc = {a + ch for a in acc for ch in chars}
            continue
        if op is _c.SUBPATTERN:
            sub, complete = _prefixes(list(av[-1]), limit, single_space)
            new = {a + s for a, s in product(acc, sub)}
            if len(new) > limit:
                return acc, False
            acc = new
            if not complete:
                return acc, False
            continue
        if op is _c.BRANCH:
            subs: set[str] = set()
            all_complete = True
            for branch in av[1]:
                sub, complete = _prefixes(list(branch), limit, single_space)
                subs |= sub
                all_complete = all_complete and complete
            new = {a + s for a, s in product(acc, subs)}
            if len(new) > limit:
                return acc, False
            acc = new
            if not all_complete:
                return acc, False
            continue
        if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
            lo, hi, body = av
            sub, complete = _prefixes(list(body), limit, single_space)
            if single_space and complete and sub == {" "}:
                # \s+ / \s* on a single-spaced text: exactly one space, or none for \s*.
                acc = {a + " " for a in acc} | (acc if lo == 0 else set())
                continue
            if lo == 0 and hi == 1 and complete:
                new = acc | {a + s for a, s in product(acc, sub)}
                if len(new) > limit:
                    return acc, False
                acc = new
                continue
            if lo >= 1:
                new = {a + s for a, s in product(acc, sub)}
                if len(new) <= limit:
                    acc = new
            return acc, False
        return acc, False
    return acc, True


def literal_prefixes(pattern: str, single_space: bool = False) -> set[str] | None:
    r"""Literal prefixes that every match of `pattern` starts with; None if unknown.

    With `single_space`, the text is known to hold no run of blanks, so `\s+` is one space.
    """
    try:
        parsed = _p.parse(pattern)
    except re.error:
        return None
    found, _complete = _prefixes(list(parsed.data), single_space=single_space)
    if not found or any(len(p) < _MIN_PREFIX for p in found):
        return None
    return found


def _digit_led(items: list) -> bool:  # type: ignore[type-arg]
    """Whether every match starts with a digit (after zero-width assertions such as \\b)."""
    for op, av in items:
        if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.IN:
            return bool(av) and all(iop is _c.CATEGORY and iav is _c.CATEGORY_DIGIT for iop, iav in av)
        if op is _c.SUBPATTERN:
            return _digit_led(list(av[-1]))
        if op is _c.BRANCH:
            return all(_digit_led(list(branch)) for branch in av[1])
        if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
            return av[0] >= 1 and _digit_led(list(av[2]))
        return False
    return False


def digit_led(pattern: str) -> bool:
    r"""Whether the pattern opens with `\b` then a digit: it can only match where `\b\d` does."""
    try:
        items = list(_p.parse(pattern).data)
    except re.error:
        return False
    return bool(items) and items[0] == (_c.AT, _c.AT_BOUNDARY) and _digit_led(items[1:])


def number_led(pattern: str) -> bool:
    r"""Whether the pattern is `digit_led` after leading look-behinds: `(?<!ca de )\b\d+\s*k`.

    Such a pattern has no literal prefix, and `re.search` tries its look-behinds at every position of
    the text (about 10 µs a post); it can only match where a number starts."""
    try:
        items = list(_p.parse(pattern).data)
    except re.error:
        return False
    lead = 0
    while lead < len(items) and items[lead][0] in (_c.ASSERT, _c.ASSERT_NOT) and items[lead][1][0] == -1:
        lead += 1
    return 0 < lead < len(items) and items[lead] == (_c.AT, _c.AT_BOUNDARY) and _digit_led(items[lead + 1 :])


# Where a number starts: the only places a digit-led alternative can match. Same positions as
# r"\b\d", but led by the digit itself, so `re` skips ahead to digits instead of trying everywhere.
_NUMBER_START: Final = re.compile(r"\d(?<!\w\d)")
# An ASCII text's characters as b"d" (digit), b"w" (other word character) or b" ": a number starts at
# each b" d" (and at 0 on a b"d"), found by `bytes.find` instead of a category test per character.
_ASCII_CLASS: Final = bytes(
    100 if 48 <= c <= 57 else 119 if chr(c).isalnum() or c == 95 else 32 for c in range(256)
)


_ASCII_BYTES: Final = bytes(range(128))


def non_ascii_word_char(text: str) -> bool:
    r"""Whether a character of `text` beyond ASCII is a word character (`\w`: a letter or a digit).

    Most non-ASCII characters of a folded post are emoji and punctuation: for `\w` and `\d` each is
    what a "?" is, so a text read through `encode("ascii", "replace")` and a byte table gives what `re`
    gives. The non-ASCII characters themselves come from
    the UTF-8 bytes with the ASCII ones deleted (C loops, not a regex trying every position)."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return any(map(str.isalnum, rest.decode("utf-8", "surrogatepass")))


def number_starts(text: str) -> list[int]:
    """Where numbers start (a digit after no word character): the starts of `_NUMBER_START.finditer`."""
    if not text.isascii():
        if non_ascii_word_char(text):
            return [m.start() for m in _NUMBER_START.finditer(text)]
        # Every other character is neither a digit nor a word character: as "?" ("replace") is.
        kinds = text.encode("ascii", "replace").translate(_ASCII_CLASS)
    else:
        kinds = text.encode("ascii").translate(_ASCII_CLASS)
    out = [0] if kinds[:1] == b"d" else []
    at = kinds.find(b" d")
    while at >= 0:
        out.append(at + 1)
        at = kinds.find(b" d", at + 2)
    return out


_WRAPPED: Final = re.compile(r"(\\b)?\(\?:(.*)\)(\\b)?", re.DOTALL)


def distribute(alt: str) -> list[str]:
    r"""`\b(?:x|y)\b` -> [`\b(?:x)\b`, `\b(?:y)\b`] (same matches): each branch gets its own prefixes."""
    m = _WRAPPED.fullmatch(alt)
    if m is None:
        return [alt]
    inner = m.group(2)
    if split_alternatives(f"({inner})") != [f"({inner})"]:
        return [alt]  # the outer parentheses are not one group: "(?:a)|(?:b)" shapes
    branches = split_alternatives(inner)
    if len(branches) < 2:
        return [alt]
    before, after = m.group(1) or "", m.group(3) or ""
    return [f"{before}(?:{b}){after}" for b in branches]


# What the MultiRegex automaton holds for a key: its length, the (name, regex, clauses) triples of the
# alternatives it starts, and the clause bits its word meets.
_Triple = tuple[int, re.Pattern[str], int]
_Entry = tuple[int, tuple[_Triple, ...], int]


class MultiRegex:
    """A set of named patterns; `finditer(text)` yields (name, match) for each match found."""

    def __init__(self, patterns: list[tuple[int, str]], flags: int = 0, single_space: bool = False) -> None:
        self._alts: list[tuple[int, re.Pattern[str]]] = []
        self._fallback: list[int] = []
        self._digit_led: list[int] = []  # tried only where a number starts, not by a full scan
        self.automaton = ahocorasick.Automaton()
        keyed: dict[str, list[int]] = {}
        alt_prefixes: dict[int, set[str]] = {}
        for name, pattern in patterns:
            for whole in split_alternatives(pattern):
                # A branch group without a common prefix is split into its branches first.
                parts = [whole] if literal_prefixes(whole, single_space) is not None else distribute(whole)
                for alt in parts:
                    idx = len(self._alts)
                    self._alts.append((name, re.compile(alt, flags)))
                    prefixes = literal_prefixes(alt, single_space)
                    if prefixes is None:
                        (self._digit_led if digit_led(alt) else self._fallback).append(idx)
                        continue
                    for pre in prefixes:
                        keyed.setdefault(pre, []).append(idx)
                    alt_prefixes[idx] = prefixes
        # A prefix-less alternative led by a number after look-behinds is tried only where a number
        # starts (same matches as `search`/`finditer`); it stays in `_fallback` to keep the order.
        self._number_led = frozenset(i for i in self._fallback if number_led(self._alts[i][1].pattern))
        scanned = [i for i in self._fallback if i not in self._number_led]
        # One scan decides whether any other prefix-less alternative can match at all (usually not).
        self._fallback_gate = (
            re.compile("|".join(f"(?:{self._alts[i][1].pattern})" for i in scanned), flags)
            if scanned
            else None
        )
        # At a number, one anchored match of all digit-led alternatives decides whether to try each.
        self._digit_gate = (
            re.compile("|".join(f"(?:{self._alts[i][1].pattern})" for i in self._digit_led), flags)
            if self._digit_led
            else None
        )
        # Words each keyed alternative's match must hold beyond its prefix (see regex_gates): one bit per
        # clause; the same automaton pass reports the words present, and an alternative whose clauses
        # are not all met is not tried (most tries at a prefix fail, each a regex match).
        bits: dict[frozenset[str], int] = {}
        need: dict[int, int] = {}
        for idx, prefixes in alt_prefixes.items():
            mask = 0
            for clause in required_words(self._alts[idx][1].pattern, flags):
                if any(all(w in pre for pre in prefixes) for w in clause):
                    continue  # met wherever the alternative is tried
                mask |= bits.setdefault(clause, 1 << len(bits))
            need[idx] = mask
        word_mask: dict[str, int] = {}
        for clause, bit in bits.items():
            for word in clause:
                word_mask[word] = word_mask.get(word, 0) | bit
        for key in keyed.keys() | word_mask.keys():
            # The (name, regex, clauses) triples themselves, not indexes: one lookup less per hit.
            triples = tuple((*self._alts[i], need[i]) for i in keyed.get(key, ()))
            self.automaton.add_word(key, (len(key), triples, word_mask.get(key, 0)))
        if keyed:
            self.automaton.make_automaton()
        self._has_keys = bool(keyed)

    @property
    def fallback_count(self) -> int:
        return len(self._fallback)

    def first_matches(self, text: str) -> dict[int, re.Match[str]]:
        """The first match of each name, in the order `finditer` finds them.

        A name already found is not tried again (its other alternatives cost nothing more)."""
        found: dict[int, re.Match[str]] = {}
        alts = self._alts
        if self._has_keys:
            met = 0  # the clauses met by the words of the text
            hits: list[tuple[int, tuple[_Triple, ...]]] = []
            # The automaton is untyped: its hits are given their types once here, so that compiled
            # by mypyc the loops below run on native ints and tuples, not on generic objects.
            end: int
            entry: _Entry
            for end, entry in self.automaton.iter(text):
                length, triples, mask = entry
                if mask:
                    met |= mask
                if triples:
                    hits.append((end - length + 1, triples))
            for start, triples in hits:
                for name, rx, need in triples:
                    if name in found or need & met != need:
                        continue
                    m = rx.match(text, start)
                    if m is not None:
                        found[name] = m
        # Where numbers start, found once for the digit-led and the number-led alternatives alike.
        numbers: list[int] | None = None
        if self._digit_gate is not None:
            gate = self._digit_gate
            numbers = number_starts(text)
            for start in numbers:
                if gate.match(text, start) is None:
                    continue
                for idx in self._digit_led:
                    name, rx = alts[idx]
                    if name not in found and (m := rx.match(text, start)) is not None:
                        found[name] = m
        if self._fallback:
            gate_open: bool | None = None
            for idx in self._fallback:
                name, rx = alts[idx]
                if name in found:
                    continue
                if idx in self._number_led:
                    # The first number where it matches: `next(_at_numbers(rx, text), None)`.
                    if numbers is None:
                        numbers = number_starts(text)
                    m = None
                    for start in numbers:
                        if (m := rx.match(text, start)) is not None:
                            break
                else:
                    if gate_open is None:
                        gate_open = (
                            self._fallback_gate is not None and self._fallback_gate.search(text) is not None
                        )
                    m = rx.search(text) if gate_open else None
                if m is not None:
                    found[name] = m
        return found

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        if self._has_keys:
            for end, (length, triples, _mask) in self.automaton.iter(text):
                start = end - length + 1
                for name, rx, _need in triples:
                    m = rx.match(text, start)
                    if m is not None:
                        yield name, m
        if self._digit_gate is not None:
            gate = self._digit_gate
            for start in number_starts(text):
                if gate.match(text, start) is None:
                    continue
                for idx in self._digit_led:
                    name, rx = self._alts[idx]
                    m = rx.match(text, start)
                    if m is not None:
                        yield name, m
        if self._fallback:
            gate_open = self._fallback_gate is not None and self._fallback_gate.search(text) is not None
            for idx in self._fallback:
                name, rx = self._alts[idx]
                if idx in self._number_led:
                    for m in _at_numbers(rx, text):
                        yield name, m
                elif gate_open:
                    for m in rx.finditer(text):
                        yield name, m


def _at_numbers(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`rx.finditer(text)` for a `number_led` pattern: tried, anchored, only where a number starts."""
    resume = 0
    for start in number_starts(text):
        if start >= resume and (m := rx.match(text, start)) is not None:
            yield m
            resume = m.end()  # never empty: a digit at least


_INLINE_FLAGS: Final = re.compile(r"\(\?[aiLmsux-]+[:)]")


class PrefixSearch:
    """`pattern.search(text)` tried only where one of the pattern's literal prefixes occurs (`str.find`).

    `re` cannot skip ahead to a pattern that opens with `\\b` and an alternation: it runs the matcher at
    every position of the text (3-7 µs for a post's cue text). Every match starts with one of the
    prefixes, so the leftmost match is the first anchored match at their occurrences, in text order.
    Worth it for patterns whose prefixes are few, rare words (a common "je" or "i" makes it slower).

        either = PrefixSearch(EITHER).search      # either(cue) is EITHER.search(cue)
    """

    __slots__ = ("_match", "_prefixes", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        prefixes = None
        if not (pattern.flags & (re.IGNORECASE | re.VERBOSE) or _INLINE_FLAGS.search(pattern.pattern)):
            prefixes = literal_prefixes(pattern.pattern)
        if not prefixes:
            raise ValueError(f"no literal prefix to search for: {pattern.pattern[:60]!r}")
        self.pattern = pattern
        self._match = pattern.match
        # A prefix that extends a shorter one occurs where that one does: the shorter one is enough (and
        # two prefixes left can never start at the same position).
        self._prefixes = tuple(
            sorted(p for p in prefixes if not any(o != p and p.startswith(o) for o in prefixes))
        )

    def search(self, text: str) -> re.Match[str] | None:
        starts: list[int] = []
        for prefix in self._prefixes:
            at = text.find(prefix)
            while at >= 0:
                starts.append(at)
                at = text.find(prefix, at + 1)
        if not starts:
            return None
        starts.sort()
        match = self._match
        for start in starts:
            if (m := match(text, start)) is not None:
                return m
        return None


class PrefixScanner:
    """`re.finditer` / `re.search` of several patterns over one text, tried only where a literal
    prefix of the pattern occurs, found for all the patterns in one Aho-Corasick pass.

    `re` cannot skip ahead when a pattern opens with `\\b` or a look-behind: it runs the whole
    matcher at every position (a few µs per post for each such scan, and a post went through
    half a dozen). When every match of a pattern starts with one of a few literals, its only
    possible starts are where those occur; the pattern is tried there, anchored, left to right,
    which gives exactly `finditer`'s matches (leftmost first, resuming at each match's end).
    Patterns without such prefixes (or case-insensitive ones) fall back to `re`.

        scan = scanner.scan(text)           # one pass for all the patterns
        for m in scan.finditer(0): ...      # matches of patterns[0]
    """

    __slots__ = ("_always", "_automaton", "_plain", "patterns")

    def __init__(self, patterns: list[re.Pattern[str]], gates: list[tuple[str, ...]] | None = None) -> None:
        """`gates`: sets of words, each asked "does any of them occur?" (`Scan.gate`) in the same pass."""
        self.patterns = tuple(patterns)
        self._plain: frozenset[int] = frozenset()  # indexes searched by `re` itself
        keyed: dict[str, list[int]] = {}
        gated: dict[str, list[int]] = {}
        always: set[int] = set()
        for g, words in enumerate(gates or ()):
            for word in words:
                if word:
                    gated.setdefault(word, []).append(g)
                else:
                    always.add(g)  # "" occurs in every text
        self._always = frozenset(always)
        plain: set[int] = set()
        for i, pattern in enumerate(self.patterns):
            prefixes = None
            # Prefixes are read from the pattern text alone: flags that change what a literal means
            # (case-insensitive, verbose) leave the pattern to `re`.
            if not (pattern.flags & (re.IGNORECASE | re.VERBOSE) or _INLINE_FLAGS.search(pattern.pattern)):
                prefixes = literal_prefixes(pattern.pattern)
            if not prefixes:
                plain.add(i)
                continue
            for prefix in prefixes:
                # A prefix that extends a shorter one starts where that one is already reported.
                if not any(prefix != other and prefix.startswith(other) for other in prefixes):
                    keyed.setdefault(prefix, []).append(i)
        self._plain = frozenset(plain)
        self._automaton: Any = None
        if keyed or gated:
            self._automaton = ahocorasick.Automaton()
            for key in keyed.keys() | gated.keys():
                entry = (len(key) - 1, tuple(keyed.get(key, ())), tuple(gated.get(key, ())))
                self._automaton.add_word(key, entry)
            self._automaton.make_automaton()

    def scan(self, text: str) -> Scan:
        # Lists, not sets: two prefixes of one pattern never start at the same position (a prefix that
        # extends another was dropped above), so no start comes twice; `finditer` sorts them.
        starts: dict[int, list[int]] = {}  # only the patterns with a prefix in the text
        gates = set(self._always)
        if self._automaton is not None:
            # Typed once here (the automaton is untyped): native ints and tuples in the loop, compiled.
            end: int
            entry: tuple[int, tuple[int, ...], tuple[int, ...]]
            for end, entry in self._automaton.iter(text):
                back, ids, gids = entry
                for i in ids:
                    found = starts.get(i)
                    if found is None:
                        starts[i] = [end - back]
                    else:
                        found.append(end - back)
                if gids:
                    gates.update(gids)
        return Scan(self, text, starts, gates)


class Scan:
    """Where each pattern of a `PrefixScanner` may match in one text (see `PrefixScanner.scan`)."""

    __slots__ = ("_gates", "_scanner", "_starts", "_text")

    def __init__(
        self, scanner: PrefixScanner, text: str, starts: dict[int, list[int]], gates: set[int]
    ) -> None:
        self._scanner = scanner
        self._text = text
        self._starts = starts
        self._gates = gates

    def gate(self, g: int) -> bool:
        """Whether a word of gate `g` occurs in the text (`any(w in text for w in gates[g])`)."""
        return g in self._gates

    def finditer(self, i: int) -> list[re.Match[str]]:
        """`patterns[i].finditer(text)`, as a list: compiled by mypyc, a generator is an object resumed
        through the iterator protocol at every match, a list is filled in one C loop (posts have few
        matches, and every caller goes through all of them or stops at a cheap test)."""
        pattern, text = self._scanner.patterns[i], self._text
        if i in self._scanner._plain:
            return list(pattern.finditer(text))
        found: list[re.Match[str]] = []
        starts = self._starts.get(i)
        if not starts:
            return found
        match = pattern.match
        resume = 0
        for start in sorted(starts):
            if start >= resume and (m := match(text, start)) is not None:
                found.append(m)
                resume = m.end()  # never empty: every match holds a literal prefix
        return found

    def search(self, i: int) -> re.Match[str] | None:
        pattern, text = self._scanner.patterns[i], self._text
        if i in self._scanner._plain:
            return pattern.search(text)
        match = pattern.match
        for start in sorted(self._starts.get(i, ())):
            if (m := match(text, start)) is not None:
                return m
        return None
