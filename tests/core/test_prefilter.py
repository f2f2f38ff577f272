"""The stream prefilter keeps every post the collective could care about and drops the rest."""

from __future__ import annotations

import pytest

from colibri.core.prefilter import is_candidate


@pytest.mark.parametrize(
    "text",
    ["#PleaseRT #Comptable #Lyon", "Je recherche un poste", "#14EmploiR", "#i4\u200bEmploiR", "Nous RECRUTONS",  # noqa: E501
     "We're hiring!", "open to work", "#OpenToWork", "stage de fin d'études", "CDI à Lyon", "Freelance dispo"],  # noqa: E501
)  # fmt: skip
def test_it_keeps_posts_with_tracked_words(text: str) -> None:
    assert is_candidate(text)


@pytest.mark.parametrize(
    "text", ["", "Quel beau soleil ce matin", "Le match était génial 🎉", "Bon appétit !"]
)
def test_it_drops_unrelated_posts(text: str) -> None:
    assert not is_candidate(text)


def test_it_accepts_the_collective_extra_keywords() -> None:
    assert not is_candidate("Colibri du jour")
    assert is_candidate("Colibri du jour", extra_keywords=("colibri",))
