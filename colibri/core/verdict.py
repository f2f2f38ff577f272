"""A classifier's verdict: its evidence, scores and doubts, and the French reasons a volunteer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from colibri.core.cues import FREELANCE, INTERN, OFFER, OTHER, SEEKER
from colibri.core.types import Category


# Evidence and Verdict spell out their `__init__` (init=False): compiled by mypyc, a written
# `__init__` is native field stores, the generated one interpreted Python behind tp_init (see
# parse.Hashtag). Fields, equality and repr are still the dataclass's.
@dataclass(slots=True, init=False)
class Evidence:
    category: Category
    weight: float
    why: str
    snippet: str  # the words as written; filled only for the clues shown (quoting costs a little)
    span: tuple[int, int] = (0, 0)  # position in the cue text

    def __init__(
        self, category: Category, weight: float, why: str, snippet: str, span: tuple[int, int] = (0, 0)
    ) -> None:
        self.category = category
        self.weight = weight
        self.why = why
        self.snippet = snippet
        self.span = span


def drop_evidence(
    evidence: list[Evidence], scores: dict[Category, float], category: Category, whys: frozenset[str]
) -> None:
    """Take back a category's clues of these kinds (their words turned out to mean something else)."""
    for ev in [e for e in evidence if e.category == category and e.why in whys]:
        scores[category] -= ev.weight
        evidence.remove(ev)


@dataclass(slots=True, init=False)
class Verdict:
    category: Category
    confidence: float
    needs_review: bool
    scores: dict[str, float]
    evidence: list[Evidence] = field(default_factory=list)
    review_why: list[str] = field(default_factory=list)
    # For a seeker's verdict: what in the post or the bio also speaks for an offer, a freelance or an
    # internship (even outweighed). Automatic approval wants none of it (`Triager`).
    rival_cues: list[str] = field(default_factory=list)
    # Only hashtags, in the collective's request format (#PleaseRT #Métier #Ville #i4EmploiR): the
    # second opinion, trained on sentences, has too few words to weigh it (`Triager`).
    tags_request: bool = False

    def __init__(
        self,
        category: Category,
        confidence: float,
        needs_review: bool,
        scores: dict[str, float],
        evidence: list[Evidence] | None = None,
        review_why: list[str] | None = None,
        rival_cues: list[str] | None = None,
        tags_request: bool = False,
    ) -> None:
        # An omitted list is a fresh one, as default_factory gives.
        self.category = category
        self.confidence = confidence
        self.needs_review = needs_review
        self.scores = scores
        self.evidence = [] if evidence is None else evidence
        self.review_why = [] if review_why is None else review_why
        self.rival_cues = [] if rival_cues is None else rival_cues
        self.tags_request = tags_request


LABEL: Final = {
    SEEKER: "recherche d'emploi",
    INTERN: "stage/alternance",
    FREELANCE: "freelance",
    OFFER: "offre d'emploi",
    OTHER: "autre",
}

VERDICT_SENTENCE: Final = {
    SEEKER: "Demande relayable : la personne cherche un emploi salarié (CDI, CDD ou sans précision).",
    OFFER: (
        "Non relayé : c'est une offre d'emploi (entreprise, recruteur, cabinet ou relais d'une offre) ; "
        "le collectif ne relaie que les personnes qui cherchent un CDI ou un CDD."
    ),
    INTERN: (
        "Non relayé : le collectif ne relaie pas les recherches de stage, d'alternance ou d'apprentissage, "
        "seulement les recherches de CDI ou de CDD."
    ),
    FREELANCE: (
        "Non relayé : le collectif ne relaie pas les offres de services en freelance ou en indépendant, "
        "seulement les recherches d'emploi salarié (CDI ou CDD)."
    ),
    OTHER: (
        "Non relayé : ce message n'est pas une demande d'emploi (remerciement, annonce, événement, promotion…)."  # noqa: E501
    ),
}


def reasons_for(verdict: Verdict) -> list[str]:
    """French sentences a volunteer can paste: the verdict, its main clues, what to check."""
    out = [VERDICT_SENTENCE[verdict.category]]
    shown = 0
    for ev in verdict.evidence:
        if ev.category != verdict.category or shown >= 2:
            continue
        snippet = ev.snippet if len(ev.snippet) <= 60 else ev.snippet[:57] + "…"
        out.append(f"Indice : « {snippet} » ({ev.why}).")
        shown += 1
    if verdict.needs_review:
        out.append("À vérifier par un bénévole : " + " ; ".join(verdict.review_why) + ".")
    return out
