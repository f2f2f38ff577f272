"""Automatic approval needs strong positive evidence, not a winning score (issue 14, precision first).

The posts are written for these tests (same phenomena as the dev split's c0830-c0856): classes of cue,
never the wording of a never-tuned split.
"""

from __future__ import annotations

import pytest

from colibri.core.second_opinion import SecondOpinion
from colibri.core.triage import AUTO_MIN_SECOND_OPINION, AUTO_SURE_CONFIDENCE, Triager
from colibri.core.types import Post

CLEAR = (
    "Comptable, 6 ans en cabinet, je cherche un poste en CDI à Lyon. Merci pour vos partages ! "
    "#PleaseRT #i4EmploiR"
)


def test_it_approves_a_clear_request_alone(triager: Triager) -> None:
    result = triager.triage(Post(id="t", text=CLEAR))
    assert result.eligible and not result.needs_review and result.auto_approvable


@pytest.mark.parametrize(
    ("text", "clue"),
    [
        (
            "Après trois ans en freelance, je cherche un CDI de développeuse web à Lille #i4EmploiR",
            "freelance",
        ),
        (
            "Je cherche un CDI de comptable à Nancy, j'ai fait deux ans de portage salarial #i4EmploiR",
            "portage",
        ),
    ],
    ids=["former-freelancer", "former-portage"],
)
def test_it_leaves_a_request_with_a_freelance_cue_to_a_human(triager: Triager, text: str, clue: str) -> None:
    result = triager.triage(Post(id="t", text=text))
    assert result.eligible  # still a seeker's request: the collective relays it once a volunteer agrees
    assert result.needs_review and not result.auto_approvable
    assert any("autre catégorie" in r and clue in r for r in result.reasons)


def test_it_leaves_a_request_from_a_freelancer_bio_to_a_human(triager: Triager) -> None:
    result = triager.triage(Post(id="t", text=CLEAR, author_bio="Consultante freelance, TJM sur demande"))
    assert result.eligible and not result.auto_approvable
    assert any("bio" in r for r in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Couvreur, je cherche des chantiers autour de Caen, devis gratuit #PleaseRT #i4EmploiR",
        "Graphiste, je cherche de nouveaux clients sur Bordeaux : logos, affiches #PleaseRT #i4EmploiR",
        "Vidéaste, je recherche deux ou trois projets pour cet hiver depuis Lyon #PleaseRT",
        "Céramiste, je cherche des commandes de vaisselle pour restaurants à Nantes #i4EmploiR",
    ],
    ids=["chantiers", "clients", "projets", "commandes"],
)
def test_it_reads_chantiers_projects_clients_sought_as_freelance(triager: Triager, text: str) -> None:
    result = triager.triage(Post(id="t", text=text))
    assert result.category == "freelance"
    assert not result.eligible


def test_it_keeps_commandes_inside_a_job_title_a_request(triager: Triager) -> None:
    result = triager.triage(
        Post(
            id="t",
            text="Je cherche un emploi de préparateur de commandes en CDI à Reims #PleaseRT #i4EmploiR",
        )
    )
    assert result.category == "seeker_request" and result.eligible


@pytest.mark.parametrize(
    "text",
    [
        "J'ai retrouvé un emploi de cariste, merci à tous #i4EmploiR",
        "Plus besoin de relayer ma demande, merci le collectif ! #i4EmploiR",
    ],
    ids=["retrouve", "plus-besoin-de-relayer"],
)
def test_it_reads_an_outcome_as_other(triager: Triager, text: str) -> None:
    assert triager.triage(Post(id="t", text=text)).category == "other"


def test_it_leaves_a_request_the_second_opinion_barely_accepts_to_a_human(triager: Triager) -> None:
    # A model whose every answer sits between its doubt threshold and the approval margin.
    lukewarm = SecondOpinion(weights={}, bias=0.0, threshold=0.2)  # P = 0.5 for every post
    assert AUTO_MIN_SECOND_OPINION < 0.5
    sure = Triager(triager.index, second_opinion=lukewarm)
    assert sure.triage(Post(id="t", text=CLEAR)).auto_approvable
    doubtful = Triager(triager.index, second_opinion=SecondOpinion(weights={}, bias=-1.0, threshold=0.2))
    # P = 0.27: above the doubt, under the margin. The margin holds back what the rules are not sure of…
    barely = AUTO_SURE_CONFIDENCE - 0.02
    assert any("pas assez sûr" in r for r in doubtful._auto_doubts("cherche un poste", [], barely))
    # … and not a request the rules are sure of (the doubt threshold alone then decides).
    result = doubtful.triage(Post(id="t", text=CLEAR))
    assert result.confidence >= AUTO_SURE_CONFIDENCE and result.auto_approvable


def test_it_leaves_a_request_beside_a_strong_other_cue_to_a_human(triager: Triager) -> None:
    # A request and an event announcement in one post: which one is it? A volunteer reads it.
    text = (
        "Je cherche un poste de comptable en CDI à Lyon, et venez au job dating du 12 mars à la mairie ! "
        "#PleaseRT #i4EmploiR"
    )
    result = triager.triage(Post(id="t", text=text))
    assert not result.auto_approvable
