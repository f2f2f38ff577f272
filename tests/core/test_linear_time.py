"""Triage time grows linearly with the text: a 20,000-character hostile post costs milliseconds.

Issue 17 found posts that cost seconds because one stage rescanned the text from each position
(`"\\n" * 20000` in the job-title walk, `"Lyon " * 4000` in the gazetteer's overlap check). The
bound is CPU time (not wall time, so a loaded machine does not fail it) and generous: a quadratic
stage costs seconds on these lengths, a linear one a few milliseconds.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from colibri.core.triage import MAX_TEXT, Triager
from colibri.core.types import Post

# CPU seconds one post of MAX_TEXT characters may take (linear stages take ~0.02 s).
BOUND = 0.4

UNITS = st.sampled_from(
    ["\n", " ", "Lyon ", "rue ", "Saint-", "Denis ", "#", "#Lyon ", "#PleaseRT ", "- ", ". ", "(69) ", "69 ",
     "je cherche ", "un CDI ", "poste de ", "H/F ", "https://x.fr/", "@a ", "06 12 34 56 78 ", "é", "\u200b",
     "#i4EmploiR ", "a", "/", "stage ", "nous recrutons ", "en tant que ", "Comptable ", ":"]
)  # fmt: skip


def _cpu(triager: Triager, text: str) -> float:
    started = time.process_time()
    triager.triage(Post(id="long", text=text))
    return time.process_time() - started


@pytest.mark.parametrize(
    "text",
    [
        "je cherche un CDI #PleaseRT #i4EmploiR" + "\n" * 20000,
        "Lyon " * 4000,
        "rue " * 5000,
    ],
    ids=["newlines", "lyon", "rue"],
)
def test_it_triages_the_issue_17_posts_in_linear_time(triager: Triager, text: str) -> None:
    _cpu(triager, "je cherche un CDI à Lyon #PleaseRT")  # warm the lazy tables
    assert _cpu(triager, text) < BOUND


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    head=st.lists(UNITS, max_size=10).map("".join),
    unit=st.lists(UNITS, min_size=1, max_size=3).map("".join),
)
def test_it_bounds_the_time_of_any_long_repetitive_post(triager: Triager, head: str, unit: str) -> None:
    # Repeating a short unit is what makes a stage rescan: every position looks like every other.
    text = (head + unit * (MAX_TEXT // len(unit) + 1))[:MAX_TEXT]
    assert len(text) == MAX_TEXT
    assert _cpu(triager, text) < BOUND
