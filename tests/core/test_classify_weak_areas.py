"""The classifier on the areas it used to get wrong: posts that are neither a job search nor an
offer, seekers whose posts look like ads, and the speed helpers behind the cue matcher."""

from __future__ import annotations

import re

import pytest

from colibri.core.multiregex import MultiRegex, distribute
from colibri.core.parse import parse_post
from colibri.core.triage import Triager
from colibri.core.types import Post


def verdict(triager: Triager, text: str, bio: str = "") -> tuple[str, bool, bool, list[str]]:
    r = triager.triage(Post(id="t", text=text, author_bio=bio, network="x", has_image=True))
    return r.category, r.eligible, r.needs_review, r.reasons


NOT_A_JOB_SEARCH = [
    "Je cherche quelqu'un pour promener mon chien le midi à Tours, paiement en CESU 🐶",
    "Qui aurait un serrurier de confiance sur Dijon ? Porte claquée, clés à l'intérieur 😭",
    "Cherche une nounou pour mes jumeaux à partir de septembre sur Metz, temps partiel",
    "Devenez technicien cybersécurité en 9 mois, 100 % financé par France Travail. Prochaine cohorte en mars",
    "Journée de recrutement vendredi à Lens : 25 entreprises, entrée libre, venez avec votre CV",
    "J'accompagne les demandeurs d'emploi de plus de 45 ans à retrouver un poste, premier appel offert",
    "Période d'essai validée ce matin, merci infiniment pour vos relais 🙏 #i4EmploiR",
    "Nouveau décret : ce qui change pour les allocataires au 1er avril",
]


@pytest.mark.parametrize("text", NOT_A_JOB_SEARCH)
def test_it_does_not_relay_posts_that_are_not_a_job_search(triager: Triager, text: str) -> None:
    category, eligible, _review, _reasons = verdict(triager, text)
    assert category == "other"
    assert not eligible


def test_it_reads_a_seekers_own_profile_link_as_no_job_ad_heading(triager: Triager) -> None:
    text = (
        "Gestionnaire ADV, 7 ans d'expérience, je cherche un CDI sur Tours. "
        "Mon profil : https://www.linkedin.com/in/exemple-adv #PleaseRT #i4EmploiR"
    )
    category, eligible, review, reasons = verdict(triager, text)
    assert (category, eligible, review) == ("seeker_request", True, False)
    assert not any("rubriques" in r for r in reasons)
    bare = text.replace("Mon profil :", "Profil :")
    assert verdict(triager, bare)[:3] == ("seeker_request", True, False)


def test_it_sends_a_seeker_post_laid_out_like_an_ad_to_review(triager: Triager) -> None:
    text = (
        "Poste : comptable fournisseurs\nLieu : Angers\nContrat : CDI\nProfil : 6 ans en cabinet\n"
        "https://www.linkedin.com/in/exemple-compta #PleaseRT #i4EmploiR"
    )
    category, _eligible, review, reasons = verdict(triager, text, bio="Comptable en recherche #i4EmploiR")
    assert category == "seeker_request"
    assert review  # headings are offer-like: a volunteer confirms before relaying
    assert any("annonce" in r for r in reasons)


def test_it_keeps_ad_headings_as_offer_evidence_without_a_seekers_marks(triager: Triager) -> None:
    text = (
        "Poste : comptable fournisseurs\nLieu : Angers\nContrat : CDI\nProfil : 3 ans minimum\n"
        "Candidature : rh@acme.fr"
    )
    assert verdict(triager, text)[0] == "job_offer"


def test_it_reads_a_contrat_de_professionnalisation_as_an_internship(triager: Triager) -> None:
    text = "Je cherche un contrat de professionnalisation en logistique sur Rouen pour septembre #i4EmploiR"
    assert verdict(triager, text)[:2] == ("internship_request", False)


def test_it_prefers_review_when_a_seeker_verdict_meets_offer_wording(triager: Triager) -> None:
    text = "Je cherche un poste de cariste à Lyon, 11,50 €/h, contactez-nous pour en parler #i4EmploiR"
    _category, eligible, review, _reasons = verdict(triager, text)
    assert not eligible or review


def test_it_splits_a_branch_group_into_branches_with_the_same_matches() -> None:
    pattern = r"\b(?:je relis|relecture de cv|audit (?:de |du )?profil)\b"
    parts = distribute(pattern)
    assert len(parts) == 3
    texts = ["je relis vos cv", "audit du profil gratuit", "relecture de cv offerte", "rien a voir"]
    for text in texts:
        assert bool(re.search(pattern, text)) == any(re.search(p, text) for p in parts)
    assert distribute(r"\bstage\b") == [r"\bstage\b"]
    assert distribute(r"(?:a)|(?:b)") == [r"(?:a)|(?:b)"]


def test_it_finds_digit_led_cues_without_a_fallback_scan() -> None:
    matcher = MultiRegex([(0, r"\b\d+ ?k ?€"), (1, r"\b(?:je relis|relecture de cv)\b")], single_space=True)
    assert matcher.fallback_count == 0
    found = {name for name, _m in matcher.finditer("salaire 45 k€ et relecture de cv")}
    assert found == {0, 1}
    assert not list(matcher.finditer("aucun indice ici"))


def test_it_quotes_several_clues_in_one_walk_like_one_at_a_time() -> None:
    parsed = parse_post("Bonjour ! Je cherche un #CDI de Comptable à Lyon, merci 🙏 #PleaseRT #ChargéeDeCom")
    cue = parsed.cue_text()
    spans = [(0, 7), (10, 30), (len(cue) - 8, len(cue)), (5, len(cue))]
    for a in spans:
        for b in spans:
            assert parsed.cue_spans([a, b]) == [parsed.cue_span(*a), parsed.cue_span(*b)]
