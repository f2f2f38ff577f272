"""Clear requests blind set 2 showed held for review for a wrong reason (issue 14), in other words.

No sentence of `triage_blind2.jsonl` is copied here: each case is the family with other jobs, places and
phrasings. Each must now be approved without a human; the rivals they were confused with still are not.
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
        # An office skill, not a freelance's invoice.
        "#PleaseRT Comptable fournisseurs cherche un CDI à #Reims : saisie, rapprochements, facturation "
        "et relances clients, 6 ans en PME. #i4EmploiR",
        # A past employer described as independent or a subcontractor.
        "#PleaseRT Vendeur en librairie indépendante pendant 8 ans, je cherche un CDI à #Tours. #i4EmploiR",
        "#PleaseRT Électricien industriel, 15 ans chez un sous-traitant puis en sous-traitance nucléaire, "
        "je cherche un CDI vers #Valence. #i4EmploiR",
        # Freelance said to be unwanted.
        "#PleaseRT Je cherche un poste de graphiste en CDI à #Rennes, sans freelance ni portage. #i4EmploiR",
        "#PleaseRT Développeuse Python, je veux un emploi salarié à #Lille, pas en freelance. #i4EmploiR",
        # Commitment and budgets, not investment scams or salaries.
        "#PleaseRT Responsable achats, j'ai piloté un budget de 2M€, je cherche un CDI à #Dijon où "
        "m'investir durablement. #i4EmploiR",
        # A wish, not a requirement.
        "#PleaseRT Je recherche un poste de cuisinier à #Biarritz pour la saison, hébergement souhaité "
        "si possible. #i4EmploiR",
        # Workshops the seeker ran are experience.
        "#PleaseRT Animatrice, je cherche un CDD à #Pau : 6 ans d'animation d'ateliers d'éveil. #i4EmploiR",
        # A job title that names a structure is the seeker, not an employer.
        "#PleaseRT Responsable de magasin cherche CDI à #Amiens, 10 ans dans l'enseigne. #i4EmploiR",
        "#PleaseRT Agent de mairie cherche un CDD à #Niort, accueil et état civil. #i4EmploiR",
        # The kind of employer sought.
        "#PleaseRT Je cherche un poste salarié de conseillère en insertion dans un organisme de formation "
        "à #Metz, CDI ou CDD. #i4EmploiR",
        # Temp work sought is salaried work.
        "#PleaseRT Manutentionnaire cherche missions intérim à #Rouen, dispo demain. #i4EmploiR",
        # A first job.
        "#PleaseRT Jeune diplômée en comptabilité, je cherche une première expérience en CDI à #Caen. "
        "#i4EmploiR",
        "#PleaseRT Technicien réseau cherche un premier CDD à #Limoges. #i4EmploiR",
        # Conditions wished, the seeker's own training, the employer sought, freelance refused.
        "#PleaseRT Infirmière de bloc cherche poste en clinique à #Caen, CDI souhaité #i4EmploiR",
        "#PleaseRT Je cherche un emploi d'assistante RH à #Brest, j'ai suivi une formation certifiante "
        "#i4EmploiR",
        "#PleaseRT Préparatrice en pharmacie cherche une pharmacie qui embauche sur #Vannes #i4EmploiR",
        "#PleaseRT Coiffeuse, je cherche un salon qui recrute à #Metz, CDI temps plein #i4EmploiR",
        "#PleaseRT Webdesigner, je cherche un CDI à #Lille, pas d'auto-entreprise svp #i4EmploiR",
        # A freelance or a business left behind; working hours wished.
        "#PleaseRT Ex-freelance en UX design, je cherche désormais un CDI à #Grenoble #i4EmploiR",
        "#PleaseRT Ancienne auto-entrepreneuse en couture, je cherche un CDI en atelier à #Troyes #i4EmploiR",
        "#PleaseRT Magasinier, je cherche un CDI à #Laval, horaires de journée souhaités #i4EmploiR",
        # A seeker's own thread is no tips thread.
        "#PleaseRT #i4EmploiR Thread : je cherche un CDI de magasinier à #Arras, voici mon parcours 👇",
    ],
)
def test_it_approves_a_clear_request_whose_words_were_read_as_doubts(triager: Triager, text: str) -> None:
    assert _triage(triager, text)[:2] == ("seeker_request", True)


@pytest.mark.parametrize(
    "text",
    [
        "#PleaseRT #Paie #Grenoble #i4EmploiR",
        "#PleaseRT #Lorient #Maintenance #i4EmploiR",
        "#PleaseRT #Plombier #Brest #i4EmploiR Soudure cuivre, chauffage, habilitation électrique.",
    ],
)
def test_it_approves_the_collectives_format_with_a_field_or_a_line_of_skills(
    triager: Triager, text: str
) -> None:
    assert _triage(triager, text)[:2] == ("seeker_request", True)


@pytest.mark.parametrize(
    "text",
    [
        "#PleaseRT #Serveur #Nice #i4EmploiR Restaurant familial, service midi et soir, week-ends.",
        "#PleaseRT #Boulanger #Brest #i4EmploiR Fournil artisanal, nuit, 4 jours par semaine.",
    ],
)
def test_it_leaves_a_line_about_a_workplace_to_a_volunteer(triager: Triager, text: str) -> None:
    assert not _triage(triager, text)[1]  # the line may describe an offer's workplace


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Still rivals: a freelance service, an agency hiring, a structure hiring.
        (
            "#PleaseRT Consultante indépendante, je propose mes services aux PME de #Lyon. #i4EmploiR",
            "freelance",
        ),
        ("#PleaseRT Développeur en freelance, TJM 450 €, dispo pour vos projets à #Nantes.", "freelance"),
        ("Le restaurant Chez Paul recherche un commis de cuisine en CDI à #Lyon. #PleaseRT", "job_offer"),
        ("La mairie de #Vannes recrute un agent d'accueil en CDD. #i4emploi", "job_offer"),
    ],
)
def test_it_still_holds_freelances_and_hirings(triager: Triager, text: str, category: str) -> None:
    found, auto, _review = _triage(triager, text)
    assert found == category and not auto
