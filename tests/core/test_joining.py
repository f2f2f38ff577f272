"""Join requests sent on the network ("Je rejoins le collectif #i4emploi") are recognised, and no
seeker's request or job offer of the labelled corpus is mistaken for one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from colibri.core.joining import detect_join_intent

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    "text",
    [
        "Je rejoins le collectif #i4emploi",
        "@collectif je veux donner des RT",
        "Bonjour, j'aimerais donner des repartages pour aider #i4emploi",
        "Comment rejoindre le collectif #i4emploi ?",
        "Je voudrais devenir membre 🙂 #i4emploi",
        "I would like to join the collective #i4emploi",
    ],
)
def test_it_recognises_a_request_to_join(text: str) -> None:
    assert detect_join_intent(text)


@pytest.mark.parametrize(
    "text",
    [
        "Je ne veux pas rejoindre le collectif",
        "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon #i4EmploiR",
        "Merci pour les RT ! #i4emploi",
        "Nous recrutons un #Comptable H/F en CDI à #Lyon ! #i4EmploiR",
        "",
    ],
)
def test_it_ignores_what_does_not_ask_to_join(text: str) -> None:
    assert detect_join_intent(text) is None


def test_it_never_reads_a_labelled_request_or_offer_as_a_join() -> None:
    rows = [
        json.loads(line)
        for name in ("triage_corpus.jsonl", "triage_fresh.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    caught = [r for r in rows if detect_join_intent(r["text"])]
    assert len(rows) > 1000
    assert all(r["label"]["category"] == "other" for r in caught), [r["text"] for r in caught]
