"""Extraction: job title as written, ROME code, location, contracts, links."""

from __future__ import annotations

import pytest

from colibri.core.triage import Triager
from colibri.core.types import Post


def tri(triager: Triager, text: str):  # type: ignore[no-untyped-def]
    return triager.triage(Post(id="x", text=text, has_image=False))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Je recherche un poste de Chargée de communication à Nantes", "Chargée de communication"),
        ("#PleaseRT #DéveloppeuseWeb #Lille #i4EmploiR", "Développeuse web"),
        (
            "Je souhaite travailler en tant que technicienne de maintenance sur Metz",
            "Technicienne de maintenance",
        ),
        ("CHERCHE POSTE DE CHAUFFEUR LIVREUR SUR ROUEN", "Chauffeur livreur"),
        ("Comptable expérimentée, je cherche un CDI à Lyon #i4EmploiR", "Comptable expérimentée"),
        ("Nous recrutons un(e) Assistant(e) RH H/F en CDI", "Assistant(e) RH"),
    ],
)
def test_it_keeps_the_job_title_as_written(builtin_triager: Triager, text: str, title: str) -> None:
    assert tri(builtin_triager, text).job_title == title


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("#PleaseRT #Comptable #Lyon #i4EmploiR", "M1203"),
        ("Je recherche un poste de Développeuse web à Lille", "M1805"),
        ("Je cherche un emploi de chargée de communication sur Rennes", "E1103"),
        ("Aide-soignante de nuit, je cherche un CDI en EHPAD sur Dijon", "J1501"),
        ("#PleaseRT #Cariste #Rouen #i4EmploiR CACES 1 3 5", "N1101"),
    ],
)
def test_it_finds_the_rome_code_when_the_index_is_loaded(triager: Triager, text: str, code: str) -> None:
    result = tri(triager, text)
    assert result.rome_code == code
    assert result.rome_label  # the ROME label of that code


def test_it_gives_no_rome_code_without_the_index(builtin_triager: Triager) -> None:
    assert tri(builtin_triager, "#PleaseRT #Comptable #Lyon #i4EmploiR").rome_code is None


@pytest.mark.parametrize(
    ("text", "commune", "dep", "region"),
    [
        ("Je cherche un CDI sur #Lyon", "Lyon", "69", "Auvergne-Rhône-Alpes"),
        ("Comptable en recherche d'emploi en #IDF", None, None, "Île-de-France"),
        ("je cherche un poste dans le 974, merci", None, "974", "La Réunion"),
        ("Poste recherché à Paris (75) ou proche banlieue", "Paris", "75", "Île-de-France"),
        ("#Bretagne : je cherche un emploi de cuisinier à Rennes", "Rennes", "35", "Bretagne"),
        ("Je cherche en région PACA, idéalement Marseille", "Marseille", "13", "Provence-Alpes-Côte d'Azur"),
        ("Je recherche un emploi en région lyonnaise", "Lyon", "69", "Auvergne-Rhône-Alpes"),
        ("Je cherche sur Aix-en-Provence", "Aix-en-Provence", "13", "Provence-Alpes-Côte d'Azur"),
        ("Je cherche un emploi dans le Var", None, "83", "Provence-Alpes-Côte d'Azur"),
    ],
)
def test_it_locates_with_builtin_data_only(
    builtin_triager: Triager, text: str, commune: str | None, dep: str | None, region: str | None
) -> None:
    loc = tri(builtin_triager, text).location
    assert (loc.commune, loc.departement, loc.region) == (commune, dep, region)


@pytest.mark.parametrize(
    ("text", "commune", "dep"),
    [
        ("Je cherche un CDI à Villeurbanne ou alentours", "Villeurbanne", "69"),
        ("Je recherche un emploi à Sens (89)", "Sens", "89"),
        ("Je cherche un poste à Valence (82)", "Valence", "82"),
        ("Je cherche à Valence", "Valence", "26"),
        ("Adresse : 12 rue des Lilas, 75011 Paris", "Paris", "75"),
        ("Je cherche un poste sur #Quimperlé", "Quimperlé", "29"),
    ],
)
def test_it_locates_any_commune_with_the_cog(triager: Triager, text: str, commune: str, dep: str) -> None:
    loc = tri(triager, text).location
    assert (loc.commune, loc.departement) == (commune, dep)


@pytest.mark.parametrize(
    "text",
    [
        "Il y a du sens à chercher un emploi utile, plusieurs tours de recrutement passés",
        "Je cherche un plan de carrière, au bar on en parle",
        "#PleaseRT #Peintre #i4EmploiR je cherche un CDI",
        "Mes 35000 € de prétentions, né en 1985, 06 12 34 56 78",
    ],
)
def test_it_does_not_take_common_words_or_numbers_for_places(triager: Triager, text: str) -> None:
    loc = tri(triager, text).location
    assert loc.commune is None and loc.departement is None


def test_it_recognises_remote_and_abroad(builtin_triager: Triager) -> None:
    remote = tri(builtin_triager, "Développeur, je cherche un CDI en full remote ou sur Nantes").location
    assert remote.remote and remote.departement == "44"
    abroad = tri(builtin_triager, "Je cherche un emploi de comptable à Bruxelles").location
    assert abroad.abroad == "Belgique" and abroad.departement is None
    assert tri(builtin_triager, "Je cherche un CDI à Lyon").location.remote is False


def test_it_extracts_sought_contracts_not_past_ones(builtin_triager: Triager) -> None:
    assert tri(builtin_triager, "Je cherche un CDI ou un CDD à Lyon").contract == ["CDI", "CDD"]
    assert tri(builtin_triager, "Après un CDD de 6 mois chez Acme, je cherche un CDI").contract == ["CDI"]
    assert tri(builtin_triager, "Je cherche un emploi à Lyon").contract == []
    assert tri(builtin_triager, "Looking for a permanent position in Lille").contract == ["CDI"]


def test_it_reports_links_profile_and_image(builtin_triager: Triager) -> None:
    post = Post(id="1", text="Mon profil : https://fr.linkedin.com/in/jean/ #i4EmploiR", has_image=True)
    result = builtin_triager.triage(post)
    assert result.profile_link == "https://www.linkedin.com/in/jean"
    assert result.links == ["https://www.linkedin.com/in/jean"]
    assert result.has_image is True


@pytest.mark.parametrize(
    ("text", "dep"),
    [
        ("Serveur en CDI, brasserie de Metz. Appelez le 03 87 12 34 56", "57"),
        ("Fin de CDD le 31 ! Assistante RH, je cherche la suite sur Reims", "51"),
        ("Comptable, je cherche un CDI sur le 31, Toulouse ou Muret", "31"),
        ("Je propose mes services aux artisans du Gers", "32"),
        ("Le Super U de Gap cherche un boucher en CDI", "05"),
        ("Vendeuse, je cherche un poste à Brive ou Tulle", "19"),
        ("Caristes recherchés à Vitrolles, missions intérim", "13"),
        ("Je cherche un stage en magasin à Saint-Omer", "62"),
    ],
)
def test_it_reads_dates_phones_genitives_short_names_and_homonyms(
    triager: Triager, text: str, dep: str
) -> None:
    assert tri(triager, text).location.departement == dep


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Nous recrutons un(e) Agent(e) d'accueil en CDI à Pau", "M1601"),
        ("Le magasin recrute un·e employé·e de libre-service, CDD 6 mois", "D1507"),
        ("Vous êtes infirmier(e) ? Le CHU de Caen recrute", "J1506"),
        ("Je cherche un CDD pour l'été comme serveuse à Royan", "G1803"),
        ("au chômage depuis 6 mois, 50 ans, magasinier, si vous avez un plan sur Metz", "N1103"),
        ("je cherche un boulot d'agent de sécurité vers Créteil, jour ou nuit", "K2503"),
        ("Reconvertie en développeuse web, je cherche mon premier poste à Lille", "M1805"),
        ("à l'écoute du marché : responsable logistique, 15 ans d'xp, Le Havre", "N1301"),
    ],
)
def test_it_finds_titles_in_inclusive_spellings_and_running_text(
    triager: Triager, text: str, code: str
) -> None:
    assert tri(triager, text).rome_code == code


@pytest.mark.parametrize(
    ("text", "dep"),
    [
        ("Cariste CACES 3 📍 Rungis, CDI", "94"),
        ("Poste : cariste / Lieu : Corbas / Contrat : CDI", "69"),
        ("Cariste, 5 ans d'expérience. Localisation : Corbas", "69"),
    ],
)
def test_it_reads_a_pin_or_a_lieu_heading_as_a_place_cue(triager: Triager, text: str, dep: str) -> None:
    assert tri(triager, text).location.departement == dep


@pytest.mark.parametrize(
    ("text", "dep"),
    [
        ("Je cherche un CDI sur Aix-Marseille", "13"),
        ("Je cherche un poste sur l'agglo toulousaine", "31"),
    ],
)
def test_it_reads_metropolitan_areas(triager: Triager, text: str, dep: str) -> None:
    assert tri(triager, text).location.departement == dep


def test_it_reads_an_accented_job_hashtag_as_the_job_not_the_town_it_folds_to(triager: Triager) -> None:
    result = tri(triager, "#PleaseRT #Maçon #Poitiers #i4EmploiR")
    assert (result.rome_code, result.location.departement) == ("F1703", "86")
    assert tri(triager, "Comptable, je cherche un CDI #Mâcon").location.departement == "71"
    assert tri(triager, "Comptable, je cherche un CDI #Macon").location.departement == "71"
