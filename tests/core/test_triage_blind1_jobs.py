"""Job titles blind set 1 missed (issue 14), each family in other words than blind1's."""

from __future__ import annotations

import pytest

from colibri.core.triage import Triager
from colibri.core.types import Post


@pytest.mark.parametrize(
    ("text", "title", "rome"),
    [
        # the client named between the verb and the person sought
        (
            "Nous recherchons pour le compte d'un de nos clients un chef de chantier H/F à Caen.",
            "Chef de chantier",
            "F1202",
        ),
        (
            "Je recrute pour mon client une assistante de direction en CDI à Reims, écrivez-moi.",
            "Assistante de direction",
            "M1604",
        ),
        # a duration or a kind of contract before whose job it is
        (
            "Notre cabinet propose un stage de 4 mois de chargée de marketing à Lille dès mars.",
            "Chargée de marketing",
            "M1705",
        ),
        (
            "Je cherche mon stage de fin d'études de contrôleur de gestion à Nantes.",
            "Contrôleur de gestion",
            "M1204",
        ),
        ("Je cherche une entreprise pour un contrat pro de vendeuse à Tours.", "Vendeuse", "D1212"),
        # the trade dreamt of, not the observation period
        (
            "Ma fille rêve de devenir fleuriste, elle cherche un stage d'observation à Dijon.",
            "Fleuriste",
            "D1209",
        ),
        # a former job comes after the one sought
        ("Ex-militaire, je cherche un poste de chauffeur poids lourd à Toul. #i4EmploiR", None, "N4101"),
        # a self-employed trade named first, without a search verb
        ("Plombier auto-entrepreneur sur Niort et environs, devis gratuit sous 48h.", "Plombier", "F1603"),
        ("Coiffeuse indépendante à domicile sur Pau, tarifs sur demande.", "Coiffeuse", "D1202"),
        # "toute offre de X"
        (
            "Toute offre d'agent d'entretien sur Rouen me va, je suis dispo de suite. #i4EmploiR",
            "Agent d'entretien",
            "K2204",
        ),
    ],
)
def test_it_extracts_the_job(triager: Triager, text: str, title: str | None, rome: str) -> None:
    result = triager.triage(Post(id="t", text=text))
    assert result.rome_code == rome
    if title is not None:
        assert result.job_title == title
