"""The wrong categories blind set 2 showed (issue 14), each family in words written for these tests.

No sentence of `triage_blind2.jsonl` is copied here: other jobs, places and phrasings, so a fix that only
learnt blind2's sentences fails them. None of these posts may be approved without a human.
"""

from __future__ import annotations

import pytest

from colibri.core.triage import Triager
from colibri.core.types import Post


def _triage(triager: Triager, text: str, bio: str = "", image: bool = True) -> tuple[str, bool, bool]:
    result = triager.triage(Post(id="t", text=text, author_bio=bio, has_image=image))
    return result.category, result.auto_approvable, result.needs_review


@pytest.mark.parametrize(
    "text",
    [
        "#PleaseRT Même un stage non payé me va, je veux apprendre le montage vidéo #Lyon #i4EmploiR",
        "#PleaseRT J'accepte un stage, rémunéré ou pas, en communication à #Rennes #i4EmploiR",
        "#PleaseRT CAP pâtissier, je cherche un patron pour mon apprentissage à #Colmar #i4EmploiR",
        "#PleaseRT Contrat pro en logistique : cherche entreprise à #Orléans #i4EmploiR",
        "#PleaseRT\n📚 Apprentissage Boulanger\n📍 #Tours\n🗓 Rentrée de septembre\n#i4EmploiR",
        "#PleaseRT #i4EmploiR Stage RH #Bordeaux, 6 mois, dès janvier",
    ],
)
def test_it_reads_internships_and_apprenticeships_said_otherwise(triager: Triager, text: str) -> None:
    found, auto, _review = _triage(triager, text)
    assert found == "internship_request" and not auto


@pytest.mark.parametrize(
    "text",
    [
        "#PleaseRT Lycéenne de 16 ans, je cherche un job pour l'été en boulangerie vers #Vannes #i4EmploiR",
        "#PleaseRT Étudiant en BTS cherche un job étudiant le week-end à #Poitiers #i4EmploiR",
        "#PleaseRT Je cherche un job d'été avant ma rentrée en licence, #Annecy #i4EmploiR",
        "#PleaseRT Étudiante en licence, je cherche un job le week-end en magasin à #Tours #i4EmploiR",
        "#PleaseRT Je cherche un job à côté de mes études, vente ou accueil, #Rennes #i4EmploiR",
        "#PleaseRT Lycéen, je cherche un contrat d'été en camping vers #Royan #i4EmploiR",
    ],
)
def test_it_does_not_relay_a_pupils_or_students_summer_job(triager: Triager, text: str) -> None:
    assert _triage(triager, text) == ("internship_request", False, True)  # a volunteer still reads it


@pytest.mark.parametrize(
    "text",
    [
        "#PleaseRT Je cherche un job d'été en cuisine à #Arcachon, 10 ans de métier. #i4EmploiR",
        "#PleaseRT Saisonnier confirmé, je cherche un CDD d'été en restauration à #Biarritz #i4EmploiR",
    ],
)
def test_it_leaves_an_adults_summer_job_to_a_volunteer(triager: Triager, text: str) -> None:
    assert _triage(triager, text) == ("seeker_request", False, True)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("#PleaseRT Je cherche un CDI ou une alternance en marketing à #Lille, je reprends mes études en "
         "master. #i4EmploiR", "internship_request"),
        ("#PleaseRT Je cherche un CDI ou une alternance en logistique à #Lille, de préférence un CDI. "
         "#i4EmploiR", "seeker_request"),
    ],
)  # fmt: skip
def test_it_sends_cdi_or_alternance_to_review_leaning_on_the_studies(
    triager: Triager, text: str, category: str
) -> None:
    assert _triage(triager, text) == (category, False, True)


@pytest.mark.parametrize(
    "text",
    [
        "#PleaseRT Photographe, disponible pour vos mariages et baptêmes à #Toulouse #i4EmploiR",
        "#PleaseRT Correctrice, disponible pour vos relectures de mémoires #Nancy #i4EmploiR",
        "#PleaseRT Formateur sécurité en freelance, interventions inter-entreprises en #Bretagne #i4EmploiR",
    ],
)
def test_it_reads_services_offered_to_customers_as_freelance(triager: Triager, text: str) -> None:
    found, auto, _review = _triage(triager, text)
    assert found == "freelance" and not auto


@pytest.mark.parametrize(
    "text",
    [
        "Nous cherchons une baby-sitter pour nos jumeaux à #Rennes, 12 h par semaine, déclarée Pajemploi. "
        "#PleaseRT",
        "Je recherche une aide ménagère à #Vichy, 4 heures par semaine en CESU, merci de me contacter. "
        "#i4emploi",
    ],
)
def test_it_reads_a_household_hiring_with_hours_or_pay_as_an_offer(triager: Triager, text: str) -> None:
    found, auto, _review = _triage(triager, text)
    assert found == "job_offer" and not auto


def test_it_still_reads_a_household_asking_a_service_as_other(triager: Triager) -> None:
    text = "Je cherche une nounou de confiance pour un soir à #Lyon, des recommandations ? #i4emploi"
    assert _triage(triager, text)[0] == "other"


@pytest.mark.parametrize(
    "text",
    [
        # Scam warnings.
        "Méfiez-vous des faux recruteurs qui demandent des frais d'inscription sous #i4EmploiR. "
        "Ne payez jamais pour un emploi.",
        "Prudence avec les annonces frauduleuses de télétravail : signalez-les au collectif #i4emploi",
        # A question about one's own post.
        "Pourquoi mon annonce n'est pas reprise par le compte #i4emploi ? J'ai bien mis #i4EmploiR.",
        # Thanks for a past relay.
        "Mon tweet a eu plus de 300 partages grâce à vous, merci ! #i4EmploiR",
        "Merci @collectif_i4emploi pour le partage d'hier 🙏 #Merci",
        # Tips threads.
        "Petit thread pour préparer un entretien d'embauche 👇 #emploi #i4emploi",
        "Comment j'ai adapté mon CV pour chaque offre, en 5 étapes 🧵 #i4emploi",
        # Welcome and calls to the collective's volunteers.
        "Bienvenue aux 12 nouvelles bénévoles qui ont rejoint le collectif ce mois-ci ! #i4emploi #i4EmploiR",
        "Vous voulez aider ? Il suffit de relayer les posts marqués #i4EmploiR, merci à toutes et tous !",
        # A networking evening.
        "Afterwork des chercheurs d'emploi à #Nantes jeudi soir, venez échanger ! #i4emploi",
        # A request promised for later.
        "Merci pour vos messages, je suis toujours en recherche et je reposterai ma demande la semaine "
        "prochaine avec mon CV. #i4EmploiR",
    ],
)
def test_it_reads_posts_about_the_collective_or_job_hunting_as_other(triager: Triager, text: str) -> None:
    found, auto, _review = _triage(triager, text, image=False)
    assert found == "other" and not auto


@pytest.mark.parametrize("text", ["#PleaseRT #i4EmploiR", "#i4EmploiR #PleaseRT 🙏"])
def test_it_does_not_relay_bare_relay_hashtags_without_an_image(triager: Triager, text: str) -> None:
    assert _triage(triager, text, image=False) == ("other", False, True)


def test_it_leaves_bare_relay_hashtags_with_an_image_to_a_volunteer(triager: Triager) -> None:
    _category, auto, review = _triage(triager, "#PleaseRT #i4EmploiR", image=True)
    assert not auto and review
