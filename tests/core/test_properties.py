"""Property tests: whatever people (or attackers) post, triage never crashes and is deterministic."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from colibri.core.location_rules import SEPARATORS, separated
from colibri.core.multiregex import MultiRegex, PrefixScanner, split_alternatives
from colibri.core.parse import ParsedPost, parse_post
from colibri.core.prefilter import is_candidate
from colibri.core.text import clean, fold, fold_table
from colibri.core.triage import Triager
from colibri.core.types import CATEGORIES, Post

ENGINE = Triager()
FRAGMENTS = st.sampled_from(
    ["#PleaseRT", "#i4EmploiR", "#14EmploiR", " je recherche ", "CDI", " H/F ", " à Lyon", " (69) ", "\x00",
     "\u200b", "https://fr.linkedin.com/in/x", "@a@b.c", "#", "(", "é", "𝗖𝗗𝗜", "\n", " stage ", "TJM", "75011"]  # noqa: E501
)  # fmt: skip
TEXTS = st.one_of(st.text(), st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=40).map("".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, bio=st.one_of(st.just(""), st.text(max_size=60)), image=st.booleans(),
       network=st.sampled_from(["bluesky", "x", "mastodon", "replay", ""]))  # fmt: skip
def test_it_never_crashes_and_answers_the_same_twice(text: str, bio: str, image: bool, network: str) -> None:
    post = Post(id="p", text=text, author_bio=bio, has_image=image, network=network)
    first = ENGINE.triage(post).to_json()
    assert first["category"] in CATEGORIES
    assert 0.0 <= first["confidence"] <= 1.0
    assert first["eligible"] == (first["category"] == "seeker_request")
    assert ENGINE.triage(post).to_json() == first
    is_candidate(text)


def test_it_survives_a_megabyte_of_text_and_nul_bytes() -> None:
    huge = ("#PleaseRT je recherche un CDI à Lyon \x00 " * 30_000)[:1_000_000]
    result = ENGINE.triage(Post(id="big", text=huge, author_bio=""))
    assert result.category == "seeker_request"
    assert ENGINE.triage(Post(id="nul", text="\x00" * 1000, author_bio="\x00")).category == "other"


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.sampled_from(["je ", "recherche ", "un ", "cdi ", "nous ", "recrutons ", "a la ", "x", " "]),  # noqa: E501
                     max_size=30).map("".join))  # fmt: skip
def test_it_finds_the_same_matches_as_plain_regexes(text: str) -> None:
    patterns = [
        (0, r"\bje (?:suis )?recherche\b"),
        (1, r"\b(?:nous|on) recrut(?:ons|e)\b"),
        (2, r"\ba la\b|x+"),
    ]
    text = " ".join(text.split())  # the matcher is used on single-spaced text
    multi = MultiRegex(patterns, single_space=True)
    got = sorted({(name, m.span()) for name, m in multi.finditer(text)})
    expected = sorted({(name, m.span()) for name, p in patterns for alt in split_alternatives(p)
                       for m in re.compile(alt).finditer(text)})  # fmt: skip
    # Anchored matching may also report overlapping matches a left-to-right scan skips: compare starts.
    assert {(n, s) for n, (s, _e) in got} >= {(n, s) for n, (s, _e) in expected}
    for name, (start, _end) in got:
        alt_hit = any(re.compile(alt).match(text, start) for alt in split_alternatives(patterns[name][1]))
        assert alt_hit


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["ca de ", "budget de ", "12", "3 ", "k", " k€", "eur", "a1", "x", " "]),
                     max_size=30).map("".join))  # fmt: skip
def test_it_finds_number_led_patterns_after_look_behinds_like_re(text: str) -> None:
    pattern = r"(?<!budget de )(?<!ca de )\b\d+\s*k\s*(?:€|eur)?\b"
    multi = MultiRegex([(0, pattern), (1, r"\bca\b")])
    assert multi.fallback_count == 1  # no literal prefix: tried where numbers start, not by a scan
    rx = re.compile(pattern)
    assert [m.span() for n, m in multi.finditer(text) if n == 0] == [m.span() for m in rx.finditer(text)]
    first = multi.first_matches(text).get(0)
    expected = rx.search(text)
    assert (first.span() if first else None) == (expected.span() if expected else None)


def test_it_parses_hostile_hashtags_without_error() -> None:
    parsed = parse_post("#" * 1000 + "#a" * 1000 + "#\u200b\u200b" + "##é")
    assert all(h.key for h in parsed.hashtags)


FOLD_BITS = st.one_of(FRAGMENTS, st.sampled_from(["?", "🎉", "œ", "Ω", "ǅ", "\ud800"]), st.text(max_size=5))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), st.lists(FOLD_BITS, max_size=40).map("".join)))
def test_it_folds_exactly_like_the_per_character_table(text: str) -> None:
    # fold() takes a Latin-1 shortcut; the per-character table is the definition it must keep.
    assert fold(text) == text.translate(fold_table())


SCAN_BITS = st.sampled_from(
    ["je ", "suis ", "recherche ", "cherche ", "un ", "poste de ", "cdi ", "cdd ", "ou ", "en tant que ",
     "as a ", "looking for ", "recrute ", "nous ", "h/f ", "(f/h) ", "dispo ", "a l'ecoute ", "i'm ", "x",
     "  ", "\n", ".", "-", "é", "#", "contrat a duree indeterminee ", "fixed-term ", "stages ", "comme ",
     "'", "cdis", "1", "A", "+33 6 12 34 56 78", "06.12.34.56.78", "0033", "0", "le ", "(", "dpt ",
     "69", "2a", "dans ", " ans"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.one_of(SCAN_BITS, st.text(max_size=3)), max_size=30).map("".join))
def test_it_scans_prefixes_to_the_same_matches_as_re(text: str) -> None:
    from colibri.core import classify_patterns, jobs, location_rules, parse

    patterns = [*jobs._TITLE_PHRASES, jobs._RECRUIT, jobs._SEEK_VERB, jobs._SELF, jobs._CONTRACT,
                jobs._HF_BEFORE, jobs._SENTENCE_START, classify_patterns.HIRING_VERB,
                parse._PHONE, location_rules.DEP_CODE]  # fmt: skip
    gates = [("poste", "cdi"), ("as a", "comme", "i'm"), ("",)]
    scan = PrefixScanner(patterns, gates=gates).scan(text)
    for i, rx in enumerate(patterns):
        assert [m.span() for m in scan.finditer(i)] == [m.span() for m in rx.finditer(text)]
        found, expected = scan.search(i), rx.search(text)
        assert (found and found.span()) == (expected and expected.span())
    for g, words in enumerate(gates):
        assert scan.gate(g) == any(w in text for w in words)


def _text_pos_by_search(parsed: ParsedPost, cue: str, pos: int) -> int:
    """The former word-by-word search: find the cue word in the folded text, check its rank."""
    k = cue.count(" ", 0, pos)
    ws = cue.rfind(" ", 0, pos) + 1
    we = cue.find(" ", ws)
    word = cue[ws : we if we >= 0 else len(cue)]
    if not word or pos - ws > len(word):
        return -1
    folded = parsed.folded
    at = folded.find(word, ws)
    while at >= 0:
        after = at + len(word)
        if (at == 0 or folded[at - 1].isspace() or folded[at - 1] in "#＃") and (
            after == len(folded) or folded[after].isspace() or folded[after] in "#＃"
        ):
            rank = len(folded[:at].replace("#", " ").replace("＃", " ").split())
            if rank >= k:
                return at + pos - ws if rank == k else -1
        at = folded.find(word, at + 1)
    return -1


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_it_maps_every_cue_position_back_to_the_text(text: str) -> None:
    parsed = parse_post(text)
    cue = parsed.cue_text()
    for pos in range(len(cue) + 1):
        assert parsed._text_pos(cue, pos) == _text_pos_by_search(parsed, cue, pos)


def _cue_span_by_words(parsed: ParsedPost, start: int, end: int) -> str:
    """`cue_span` without its shortcut for a text that reads as the cue text: words always counted."""
    cue = parsed.cue_text()
    a = parsed._text_pos(cue, start)
    if a >= 0 and cue[end - 1 : end] != " " and parsed.folded.startswith(cue[start:end], a):
        return parsed.text[a : a + end - start]
    b = parsed._text_pos(cue, end)
    if a < 0 or b < a:
        return cue[start:end]
    return parsed.text[a:b]


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_it_quotes_every_cue_span_as_counting_words_does(text: str) -> None:
    parsed = parse_post(text)
    cue = parsed.cue_text()
    for start in range(len(cue) + 1):
        for end in range(start, min(len(cue), start + 12) + 1):
            assert parsed.cue_span(start, end) == _cue_span_by_words(parsed, start, end)


URL_BITS = st.sampled_from(
    ["https://", "HTTP://", "www.", "WWW.", "fr.", "linkedin.com/in/x", "LinkedIn.com/", "lnkd.in/",
     "viadeo.com/", "bit.ly/", "t.co/", "x.y", "/", ".", " ", "\n", "\t", "\u00a0", "\u1680", "\u2003",
     "ı", "İ", "K", "ſ", "«", "»", '"', "<", "a", "#", "é", "🎉"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.one_of(URL_BITS, st.text(max_size=3)), max_size=30).map("".join))
def test_it_finds_links_in_blank_delimited_runs_like_a_full_scan(text: str) -> None:
    from colibri.core import parse

    cleaned = parse.clean(text)
    low = parse.fold(cleaned)
    expected = [m.span() for m in parse._URL.finditer(cleaned)]
    assert [m.span() for m in parse._url_matches(cleaned, low)] == expected


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from([*"ab1 _-'#(", "é", "ß", "œ", "😀", "’", "«", "\u00a0", "Ω", "²"]))
)
def test_it_separates_words_like_the_separators_regex(text: str) -> None:
    assert separated(text) == SEPARATORS.sub(" ", text)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(TEXTS, st.text(alphabet="ab1 '’é🎉A-.\n", max_size=16)))
def test_it_reads_the_second_opinion_tokens_as_the_regex_does(text: str) -> None:
    from colibri.core import second_opinion

    assert second_opinion.tokens(text) == second_opinion._TOKEN.findall(text)
    cue = parse_post(text).cue_text()
    assert second_opinion.tokens(cue) == second_opinion._TOKEN.findall(cue)


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(TEXTS, st.text(alphabet="#＃ab1 _-'é🎉\n", max_size=16)))
def test_it_finds_the_hashtags_finditer_finds(text: str) -> None:
    from colibri.core import parse

    found = [m.span() for m in parse._hashtag_matches(text)]
    assert found == [m.span() for m in parse._HASHTAG.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(TEXTS, st.text(alphabet="0123456789+ .-\u0663ab", max_size=24)))
def test_it_finds_the_phones_the_regex_finds(text: str) -> None:
    from colibri.core import parse

    expected = list(dict.fromkeys(re.sub(r"\D", "", p) for p in parse._PHONE.findall(clean(text))))
    assert parse_post(text).phones == expected


@settings(max_examples=500, deadline=None)
@given(text=st.one_of(TEXTS, st.text(alphabet="ab1 \n\t.,!-#_é🎉•('A\u00a0\u2003", max_size=16)))
def test_it_finds_the_sentence_starts_finditer_finds(text: str) -> None:
    from colibri.core import jobs

    for folded in (text, fold(clean(text))):
        assert list(jobs.sentence_starts(folded)) == [m.end() for m in jobs._SENTENCE_START.finditer(folded)]
