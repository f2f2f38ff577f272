"""The cheap necessary conditions the triage engine tests before its regexes (issue 14's speed work):
each must hold wherever the regex it guards can match, or a post would be triaged differently."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from colibri.core.location_rules import DIGITS, digit_gates, separated
from colibri.core.multiregex import MultiRegex, number_starts
from colibri.core.regex_gates import required_words

_NUMBER_START = re.compile(r"\d(?<!\w\d)")


def test_it_reads_the_words_every_match_must_hold() -> None:
    clauses = required_words(
        r"\b(?:re)?cherche\s+(?:un\s+)?(?:missions?\s+d'?\s?interim|interim|poste\s+en\s+interim)\b"
    )
    # "cherche" is in every match; one word of each branch of the alternation: "mission" or "interim".
    assert clauses == [frozenset({"cherche"}), frozenset({"mission", "interim"})]


def test_it_knows_nothing_of_optional_or_case_insensitive_parts() -> None:
    assert required_words(r"(?:poste)?\s*cdi") == []
    assert required_words(r"(?i)recherche") == []
    assert required_words(r"recherche", re.IGNORECASE) == []
    assert required_words(r"x(?i:recherche)y") == []
    assert required_words(r"(?<=poste )cdi") == []  # a look-behind holds no word of the match


_PIECES = ["je ", "re", "cherche ", "un ", "poste ", "mission ", "d'", "interim ", "cdi ", "x", " ", "en "]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(_PIECES), max_size=25).map("".join))
def test_it_only_skips_tries_that_cannot_match(text: str) -> None:
    patterns = [
        (0, r"\b(?:re)?cherche\s+(?:un\s+)?(?:missions?\s+d'?\s?interim|interim|poste\s+en\s+interim)\b"),
        (1, r"\bje\s+(?:re)?cherche\s+un\s+poste\b|\bposte\s+en\s+cdi\b"),
        (2, r"\bcherche\s+(?:\S+\s+){0,2}interim\b"),
    ]
    text = " ".join(text.split())
    multi = MultiRegex(patterns, single_space=True)
    got = {name: m.span() for name, m in multi.first_matches(text).items()}
    expected = {}
    for name, pattern in patterns:
        rx = re.compile(pattern)
        starts = [i for i in range(len(text) + 1) if rx.match(text, i)]
        if starts:
            expected[name] = starts
    assert set(got) == set(expected)
    for name, (start, _end) in got.items():
        assert start in expected[name]


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="ab1 2_9x.-'\n\t0Z\u0663é🎉", max_size=20))
def test_it_finds_number_starts_like_the_regex(text: str) -> None:
    assert number_starts(text) == [m.start() for m in _NUMBER_START.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="a2b 1345 0\u0663é\u00b2x9", max_size=20))
def test_it_gates_codes_and_postcodes_like_the_digit_runs(text: str) -> None:
    runs = DIGITS.findall(text)
    dep = any(len(r) >= 2 or r[-1] == "2" for r in runs)
    assert digit_gates(text) == (dep, any(len(r) >= 5 for r in runs))


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="a2b 1345 0\u0663é\u00b2x9_.-🎉œß\u2019€", max_size=20))
def test_it_reads_the_same_digit_runs_in_the_separated_text(text: str) -> None:
    # locate() asks its separated text (ASCII for most posts with an emoji), not the folded one.
    assert digit_gates(separated(text)) == digit_gates(text)


@settings(max_examples=500, deadline=None)
@given(text=st.text(max_size=12))
def test_it_tells_non_ascii_word_characters_as_re_does(text: str) -> None:
    from colibri.core.multiregex import non_ascii_word_char

    assert non_ascii_word_char(text) == any(re.fullmatch(r"\w", c) for c in text if not c.isascii())
    assert number_starts(text) == [m.start() for m in _NUMBER_START.finditer(text)]


_RULE_BITS = [
    "cdi ", "cdd ", "ou ", "freelance ", "stage ", "alternance ", "puis ", "job ", "d'ete ", "poste ", "en ",
    "emploi ", "cherche ", "recherche ", "nounou ", "heures ", "salarie ", "x", " ", "-", "'",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.one_of(st.sampled_from(_RULE_BITS), st.text(max_size=3)), max_size=30).map("".join))
def test_it_searches_at_the_prefixes_as_re_searches(text: str) -> None:
    from colibri.core import classify_patterns as cp
    from colibri.core.multiregex import PrefixSearch

    for rx in (cp.EITHER, cp.EITHER_INTERN, cp.CONTRACT_WORD, cp.SUMMER_JOB, cp.THEN_CDI,
               cp.SOUGHT_IN_ALTERNANCE, cp.PRIVATE_EMPLOYER):  # fmt: skip
        found, expected = PrefixSearch(rx).search(text), rx.search(text)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="#(dptle 2ab1.n°\n\u0663x", max_size=16))
def test_it_gates_department_codes_as_the_alternation_does(text: str) -> None:
    from colibri.core.location_rules import DEP_GATE, dep_gate

    assert dep_gate(text) == (DEP_GATE.search(text) is not None)
