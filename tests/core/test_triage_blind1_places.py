"""Places blind set 1 missed (issue 14), each in other words than blind1's: the département is what
automatic approval relays, and "no place found" sends a clear request to a volunteer."""

from __future__ import annotations

import pytest

from colibri.core.triage import Triager
from colibri.core.types import Post


@pytest.mark.parametrize(
    ("text", "departement"),
    [
        # a misspelt city beside remote work is still the city
        ("Je cherche un CDI de comptable à Toulousse ou en full remote. #i4EmploiR", "31"),
        # a radius is no département
        ("Je cherche un CDD sur Lille et alentours (20 km max). #i4EmploiR", "59"),
        ("Cariste, je cherche un poste autour de Reims (40 kms maxi). #i4EmploiR", "51"),
        # an arrondissement in a hashtag is its city
        ("#PleaseRT #Serveur #Lyon7 #i4EmploiR", "69"),
        ("#PleaseRT #Vendeuse #Paris11 #i4EmploiR", "75"),
        ("#PleaseRT #Cuisinier #Marseille8e #i4EmploiR", "13"),
        # a postcode followed by a comma
        ("Je cherche un CDI de magasinier secteur 35000, horaires d'équipe ok. #i4EmploiR", "35"),
        # an upper-case job hashtag that is also a town, beside a place hashtag
        ("#PLEASERT #MACON #NANTES #I4EMPLOIR", "44"),
        # an ambiguous city after an English "to"
        ("Moving to Tours in June, looking for a receptionist job. #i4EmploiR", "37"),
        # a département after "depuis la" / "dans la" (not the village "La Creuse")
        ("Secrétaire, je cherche un poste en télétravail depuis la Manche. #i4EmploiR", "50"),
        ("Aide-soignante, je cherche un CDI dans la Creuse. #i4EmploiR", "23"),
        # a negative word ("école") in the previous phrase does not cancel the place
        ("Je cherche une alternance en développement, cours avec mon école, Rennes ou remote.", "35"),
    ],
)
def test_it_finds_the_departement(triager: Triager, text: str, departement: str) -> None:
    assert triager.triage(Post(id="t", text=text)).location.departement == departement


def test_it_reads_an_upper_case_job_hashtag_as_the_job(triager: Triager) -> None:
    result = triager.triage(Post(id="t", text="#PLEASERT #MACON #NANTES #I4EMPLOIR"))
    assert result.rome_code == "F1703" and result.auto_approvable


def test_it_keeps_a_school_town_out_of_the_place(triager: Triager) -> None:
    text = "Diplômée de l'université de Bordeaux, je cherche un CDI de juriste à Lyon. #i4EmploiR"
    assert triager.triage(Post(id="t", text=text)).location.departement == "69"
