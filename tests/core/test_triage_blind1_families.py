"""The error families blind set 1 showed (issue 14), each with posts written for these tests.

No sentence of `triage_blind1.jsonl` is copied here: each case is the family in other words (other jobs,
places, phrasings), so a fix that only learnt blind1's sentences fails them.
"""

from __future__ import annotations

import pytest

from colibri.core.triage import Triager
from colibri.core.types import Post


def _triage(triager: Triager, text: str, bio: str = "") -> tuple[str, bool, bool]:
    result = triager.triage(Post(id="t", text=text, author_bio=bio))
    return result.category, result.auto_approvable, result.needs_review


@pytest.mark.parametrize(
    "text",
    [
        "#PleaseRT #Électricien #Limoges #i4EmploiR",
        "#i4EmploiR #Magasinière #Orléans #PleaseRT 🙏",
        "#PleaseRT #AgentDEntretien #Poitiers #i4EmploiR https://www.linkedin.com/in/marc-dupuis-1234",
    ],
)
def test_it_approves_a_request_in_the_collectives_hashtag_format(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[:2] == ("seeker_request", True)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("#PleaseRT #Alternance #Comptable #Nantes #i4EmploiR", "internship_request"),
        ("#Apprentissage #Coiffure #Nîmes #PleaseRT", "internship_request"),
        ("#PleaseRT #Freelance #Graphiste #Lille #i4EmploiR", "freelance"),
        ("#Recrutement #Cariste #Lyon #PleaseRT", "job_offer"),
        ("#PleaseRT #StageDeFinDEtudes #Juriste #Paris #i4EmploiR", "internship_request"),
        ("#PleaseRT #OnRecrute #Soudeur #Dunkerque", "job_offer"),
    ],
)
def test_it_reads_a_rival_hashtag_in_a_hashtag_only_post(triager: Triager, text: str, category: str) -> None:
    found, auto, _review = _triage(triager, text)
    assert found == category and not auto


@pytest.mark.parametrize("text", ["#MerciBeaucoup #i4EmploiR ❤️", "#Merci #Gratitude #i4EmploiR"])
def test_it_reads_thanks_in_hashtags_as_other_for_a_glance(triager: Triager, text: str) -> None:
    assert _triage(triager, text) == ("other", False, True)


@pytest.mark.parametrize(
    "text",
    [
        "(suite) Titulaire du permis C, je suis disponible dès lundi. Merci pour vos partages ! #i4EmploiR",
        "[Suite] J'ai aussi mon CACES 3 et 5, n'hésitez pas à me contacter. #i4EmploiR #PleaseRT",
        "3/3 Je suis disponible immédiatement et mobile sur tout le département. #i4EmploiR",
        "Suite et fin : je parle espagnol et je suis disponible de suite. #i4EmploiR",
        "🧵 2/2 Permis CE en poche, je suis disponible immédiatement. Merci pour vos partages ! #i4EmploiR",
    ],
)
def test_it_reads_a_threads_later_part_as_other(triager: Triager, text: str) -> None:
    category, auto, _review = _triage(triager, text)
    assert category == "other" and not auto


def test_it_still_reads_suite_a_as_a_request(triager: Triager) -> None:
    text = "Suite à mon licenciement, je cherche un CDI de cariste à Valence. #PleaseRT #i4EmploiR"
    assert _triage(triager, text)[0] == "seeker_request"


@pytest.mark.parametrize(
    "text",
    [
        "I'm looking for an apprenticeship in logistics near Lille from October. #i4EmploiR",
        "Currently looking for a work-study position in accounting in Nantes, 2 days school / 3 days "
        "company.",
        "Je cherche une PFMP de 3 semaines en boulangerie à Vannes en février, merci de partager !",
        "Lycéenne en bac pro, je recherche une période de formation en milieu professionnel à Agen.",
    ],
)
def test_it_reads_work_study_and_pfmp_as_internships(triager: Triager, text: str) -> None:
    category, auto, _review = _triage(triager, text)
    assert category == "internship_request" and not auto


COLLECTIVE_BIO = "Compte officiel du collectif #i4emploi · bénévoles"


@pytest.mark.parametrize(
    "text",
    [
        "Rappel du collectif : le hashtag est réservé aux demandes des personnes qui cherchent un emploi. "
        "Les annonces d'entreprises ne sont pas relayées.",
        "Le collectif recherche des bénévoles pour trier les demandes le soir, écrivez-nous en MP !",
    ],
)
def test_it_reads_the_collectives_own_posts_as_other(triager: Triager, text: str) -> None:
    assert _triage(triager, text, COLLECTIVE_BIO)[0] == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Tu cherches un emploi depuis des mois ? Mon coaching en 4 semaines t'aide à décrocher des "
        "entretiens. Lien en bio 👇",
        "Tu cherches un CDI ? Je t'accompagne en 6 séances pour décrocher ton job. Lien en bio",
        "Votre candidature est acceptée ! Envoyez votre RIB et une copie de votre carte bancaire pour "
        "finaliser le contrat : http://contrat-valide.xyz",
        "Forum de l'apprentissage jeudi à Rennes : 80 entreprises, 500 contrats à pourvoir, entrée libre !",
    ],
    ids=["coaching", "sessions", "phishing", "job-fair"],
)
def test_it_reads_pitches_scams_and_fairs_as_other(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[0] == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Nous recrutons 5 caristes en CDI à Rennes : venez nous voir au forum de l'emploi jeudi, "
        "entrée libre !",
        "Mission freelance : recherche développeur Python, 3 mois, TJM 550 €, full remote. Contact en MP.",
        "Vous cherchez un emploi ? Notre agence recrute des préparateurs de commandes à Lens, "
        "postulez en ligne.",
    ],
    ids=["offer-at-a-fair", "freelance-mission", "agency"],
)
def test_it_keeps_offers_beside_event_pitch_or_freelance_words(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[0] == "job_offer"


def test_it_keeps_a_freelancer_seeking_missions_freelance(triager: Triager) -> None:
    text = "Développeuse Python freelance, je cherche des missions de 3 à 6 mois, TJM 550 €, full remote."
    assert _triage(triager, text)[0] == "freelance"


@pytest.mark.parametrize(
    "text",
    [
        "Je cherche un CDI ou du portage comme contrôleuse de gestion à Lille. Dispo en mars. #i4EmploiR",
        "À l'issue de mon stage chez un équipementier, je cherche un CDI d'ingénieur qualité à Lyon. "
        "#PleaseRT #i4EmploiR",
        "Aide-soignante, je m'installe à Brest en mars et je cherche un poste en EHPAD. #i4EmploiR",
        "Vous connaissez un restaurant qui embauche sur Annecy ? Cuisinier, 8 ans d'expérience, "
        "dispo tout de suite. #i4EmploiR",
        "Hello! Looking for a teaching job in Lyon from January, happy to share my CV. #i4EmploiR",
    ],
    ids=["cdi-or-portage", "after-internship", "moving", "asks-for-leads", "english"],
)
def test_it_approves_clear_requests_it_used_to_hold(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[:2] == ("seeker_request", True)


@pytest.mark.parametrize(
    "text",
    [
        "Freelance ou CDI, je suis ouvert : développeur Java à Lille, TJM 450 €. #i4EmploiR",
        "Infirmière, je m'installe en libéral à Brest et je cherche des patients. #i4EmploiR",
    ],
)
def test_it_still_holds_a_freelance_first_or_a_practice(triager: Triager, text: str) -> None:
    assert not _triage(triager, text)[1]


@pytest.mark.parametrize(
    "text",
    [
        "Stage de 6 mois en marketing digital à Lyon dès janvier, gratification légale, envoyez CV et lettre "
        "à rh@agence.fr",
        "Internship opportunity: 6-month data science intern in Paris, start February. Apply via link.",
    ],
)
def test_it_reads_an_internship_with_a_call_to_apply_as_an_offer(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[0] == "job_offer"


@pytest.mark.parametrize(
    "text",
    [
        "Recherche alternance en comptabilité sur Tours, BTS CG, rentrée septembre. Envoyez-moi un MP !",
        "Recherche stage 6 mois en data à Paris dès février. CV sur demande.",
    ],
)
def test_it_keeps_an_internship_sought_without_first_person(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[0] == "internship_request"
