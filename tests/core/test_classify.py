"""The classifier on short hand-written posts: each category, each rule of the collective."""

from __future__ import annotations

import pytest

from colibri.core.triage import Triager
from colibri.core.types import Post


def run(triager: Triager, text: str, bio: str = "", network: str = "bluesky") -> tuple[str, bool, bool]:
    r = triager.triage(Post(id="t", text=text, author_bio=bio, network=network, has_image=True))
    return r.category, r.eligible, r.needs_review


SEEKERS = [
    "Bonjour, je recherche un poste de comptable en CDI sur Lyon. Merci pour vos partages #PleaseRT #Comptable #Lyon #i4EmploiR",  # noqa: E501
    "#PleaseRT #ChargéeDeCommunication #Bordeaux #i4EmploiR https://www.linkedin.com/in/claire-martin",
    "Aide-soignante diplômée, disponible immédiatement, cherche CDD ou CDI en EHPAD sur Nantes",
    "Hi all, I'm looking for a new job as a data analyst in Paris. Open to work! #OpenToWork",
    "Suite à un licenciement économique, je suis à la recherche d'un emploi de magasinier #Rouen #i4EmploiR",
    "Ma sœur recherche un poste de secrétaire médicale sur Toulouse, vos RT sont les bienvenus #PleaseRT",
]
OFFERS = [
    "Nous recrutons un(e) comptable H/F en CDI à Lyon, postulez ici https://jobs.acme.fr/123 #i4EmploiR #PleaseRT",  # noqa: E501
    "We are hiring a backend engineer in Paris! Apply now: https://acme.io/careers",
    "Ma boîte recrute des développeurs Java à Toulouse, envoyez-moi votre CV en MP #PleaseRT",
    "Agence d'intérim recherche 5 caristes pour une mission de 6 mois à Rouen, contactez l'agence",
    "Poste à pourvoir : assistant(e) de direction, CDD 12 mois, Marseille. Candidature : rh@acme.fr",
    "Je recherche un électricien confirmé pour mon entreprise à Brest, CDI, véhicule fourni #PleaseRT",
]
INTERNSHIPS = [
    "Je recherche une alternance en RH pour la rentrée, rythme 3 semaines / 1 semaine #alternance #PleaseRT",
    "Étudiante en BTS, je cherche un stage de 2 mois en comptabilité sur Lille à partir d'avril #stage",
    "Looking for an internship in marketing in Lyon starting in June",
    "Je cherche un contrat d'apprentissage en électricité, CAP en poche, secteur Grenoble #i4EmploiR",
]
FREELANCES = [
    "Graphiste freelance, je propose mes services pour vos projets : logos, chartes. Devis gratuit #PleaseRT",
    "Consultant SAP indépendant disponible pour de nouvelles missions, TJM 650€, full remote",
    "Rédactrice web en portage salarial, je cherche de nouveaux clients pour 2025 #freelance",
]
OTHERS = [
    "Merci au collectif #i4emploi : j'ai signé mon CDI ! 🎉",
    "Rappel : pour être relayé, mettez #i4EmploiR dans votre bio et un lien vers votre profil",
    "Webinaire gratuit jeudi à 14h : réussir son entretien d'embauche, inscrivez-vous ici",
    "Gagnez 500€ par jour depuis chez vous grâce au trading crypto, écrivez-moi sur WhatsApp",
    "Boostez votre CV avec ma formation en ligne, code promo -30% #emploi",
    "Le gouvernement durcit encore l'assurance chômage, c'est une honte #emploi",
    "Il fait beau sur Nantes aujourd'hui #PleaseRT",
]


@pytest.mark.parametrize(
    ("text", "category"),
    [(t, "seeker_request") for t in SEEKERS]
    + [(t, "job_offer") for t in OFFERS]
    + [(t, "internship_request") for t in INTERNSHIPS]
    + [(t, "freelance") for t in FREELANCES]
    + [(t, "other") for t in OTHERS],
)
def test_it_classifies_each_category(builtin_triager: Triager, text: str, category: str) -> None:
    got, eligible, _review = run(builtin_triager, text)
    assert got == category
    assert eligible == (category == "seeker_request")


def test_it_counts_cdi_or_freelance_as_a_salaried_search(builtin_triager: Triager) -> None:
    text = "Développeur Python, je cherche un CDI ou des missions en freelance sur Nantes #i4EmploiR"
    assert run(builtin_triager, text)[0] == "seeker_request"
    assert (
        run(builtin_triager, "Développeur Python, je cherche des missions en freelance sur Nantes")[0]
        == "freelance"
    )


def test_it_relays_a_student_asking_for_a_cdi_but_not_an_internship_then_cdi(
    builtin_triager: Triager,
) -> None:
    student = (
        "Étudiant en dernière année de master, je recherche un CDI de contrôleur de gestion dès septembre"
    )
    assert run(builtin_triager, student)[0] == "seeker_request"
    then_cdi = "Je recherche un stage de fin d'études puis CDI en marketing digital sur Nantes"
    assert run(builtin_triager, then_cdi)[0] == "internship_request"
    after = "Mon alternance se termine en août : je recherche un CDI de technicien réseau à Lyon"
    assert run(builtin_triager, after)[0] == "seeker_request"


def test_it_treats_an_offer_of_an_internship_as_a_job_offer(builtin_triager: Triager) -> None:
    text = "Notre agence recherche un stagiaire en communication pour 6 mois à Lille #stage #PleaseRT"
    assert run(builtin_triager, text)[0] == "job_offer"


def test_it_uses_hashtags_and_bios_as_evidence_not_verdict(builtin_triager: Triager) -> None:
    # A recruiter using the seeker hashtag is still an offer.
    text = "#PleaseRT #Comptable #Lyon #i4EmploiR Poste de comptable H/F à pourvoir en CDI, postulez !"
    assert run(builtin_triager, text, bio="#i4EmploiR")[0] == "job_offer"
    # A seeker who forgot every hashtag is still a seeker.
    assert (
        run(builtin_triager, "je cherche un emploi de vendeuse sur Dijon, dispo de suite")[0]
        == "seeker_request"
    )


def test_it_flags_borderline_posts_for_review(builtin_triager: Triager) -> None:
    _cat, _eligible, review = run(builtin_triager, "#i4EmploiR")
    assert review
    mixed = "Je recherche un poste de comptable H/F à Lyon"
    assert run(builtin_triager, mixed)[2]
    clear = run(
        builtin_triager, "Je recherche un CDI de comptable à Lyon, disponible immédiatement #i4EmploiR"
    )
    assert clear == ("seeker_request", True, False)


def test_it_explains_its_verdict_in_french_with_quoted_clues(builtin_triager: Triager) -> None:
    r = builtin_triager.triage(Post(id="1", text="Nous recrutons un comptable H/F à Lyon"))
    assert r.reasons[0].startswith("Non relayé : c'est une offre d'emploi")
    assert any("« Nous recrutons »" in reason for reason in r.reasons)
    seeker = builtin_triager.triage(
        Post(id="2", text="Je suis à la recherche d'un emploi de cariste #i4EmploiR")
    )
    assert seeker.reasons[0].startswith("Demande relayable")
    assert any("« à la recherche d'un emploi »" in reason for reason in seeker.reasons)


def test_it_gives_higher_confidence_to_clear_posts(builtin_triager: Triager) -> None:
    clear = builtin_triager.triage(Post(id="1", text="Nous recrutons un(e) comptable H/F, postulez ici"))
    vague = builtin_triager.triage(Post(id="2", text="#PleaseRT #Comptable #i4EmploiR"))
    assert 0 <= vague.confidence < clear.confidence <= 1
