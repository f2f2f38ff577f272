"""Départements blind set 2 missed (issue 14), each family in other words than blind2's.

A département code the post writes itself picks among homonyms and makes a région or a village precise.
"""

from __future__ import annotations

import pytest

from colibri.core.triage import Triager
from colibri.core.types import Post


def _dep(triager: Triager, text: str) -> str | None:
    return triager.triage(Post(id="t", text=text, has_image=True)).location.departement


@pytest.mark.parametrize(
    ("text", "departement"),
    [
        # A code right after a commune's hashtag picks the homonym.
        ("#PleaseRT Cuisinier cherche CDI sur #Valence 82, 10 ans d'expérience #i4EmploiR", "82"),
        ("#PleaseRT Cuisinier cherche CDI sur #Valence (26) #i4EmploiR", "26"),
        ("#PleaseRT Caissière cherche CDD à #SaintDenis (11) #i4EmploiR", "11"),
        # A région's hashtag with a département code inside it.
        ("#PleaseRT Infirmière cherche CDI en #Normandie (14) #i4EmploiR", "14"),
        ("#PleaseRT Technicien cherche CDI en #Occitanie (31) #i4EmploiR", "31"),
        # A village's hashtag and a département said elsewhere: the département.
        ("#PleaseRT Vendeuse cherche CDI à #Beaumont, mobile sur tout le 63 #i4EmploiR", "63"),
        ("#PleaseRT Magasinier cherche CDI vers #SaintGilles, mobile dans le 35 #i4EmploiR", "35"),
    ],
)
def test_it_lets_a_written_departement_code_decide(triager: Triager, text: str, departement: str) -> None:
    assert _dep(triager, text) == departement


@pytest.mark.parametrize(
    ("text", "departement"),
    [
        # A big city named by hashtag keeps its place; "3e" is an arrondissement, not a code.
        ("#PleaseRT Serveur cherche CDI à #Lyon, mobile dans le 38 aussi #i4EmploiR", "69"),
        ("#PleaseRT Chauffeur cherche CDI à #Paris ou dans le 92 #i4EmploiR", "75"),
        ("#PleaseRT Maçon cherche CDI #Lyon 3e #i4EmploiR", "69"),
    ],
)
def test_it_keeps_a_big_citys_hashtag(triager: Triager, text: str, departement: str) -> None:
    assert _dep(triager, text) == departement
