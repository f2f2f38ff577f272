"""Hires and searches the phrase tables read the wrong way round (issue 16, round replies8).

Two mechanisms, both between non-stop readings only (a stop is never made or unmade here):

- **A search or hire word that is not the seeker's now** (`elsewhere`): hardship in the past (« après 2 ans
  de galère », « fini le chômage »), somebody else's search (« ma voisine qui galère aussi », « une
  association entre demandeurs d'emploi », « continuez à aider les autres »), a search word inside a
  question asking the collective for advice (« des conseils pour préparer un entretien ? »), a place that is
  no employer (« je suis chez ma grand-mère »), a training begun (« j'ai commencé une VAE »). Those words
  are blanked and the answer read again; the new reading stands unless it is a stop (then the old one
  stands: this module takes no stop away and adds none).
- **An outcome settled in the last words** (`settled`): a hire only promised or said at the interview,
  then the search going on or a conclusion « donc non » (« promesse d'embauche verbale mais rien d'écrit,
  je continue de chercher »), is a search; a choice made between offers (« j'ai pris celui en CDI ») is a
  hire, whatever waiting was told before it.
"""

from __future__ import annotations

import re

# Each alternative is blanked from the folded answer (replaced by a comma, so clauses stay apart).
ELSEWHERE = re.compile(
    # the past: « après 2 ans de galère », « fini la galère / le chômage »
    r"\b(?:apres|depuis) (?:\w+ ){0,3}?(?:de |d )?(?:galere|chomage|recherches?|candidatures)\b|"
    r"\bfini (?:la|le|les) (?:galere|chomage|recherches?)\b|"
    # someone else's: « ma voisine qui galère aussi », « entre demandeurs d'emploi », « aider les autres »
    # (« aussi »: a second seeker; a relative answering for the seeker, « elle cherche toujours », is not one)
    r"\b(?:qui|elle|il) (?:galere|cherche|recherche)\w* (?:aussi|egalement)\b|"
    r"\b(?:entre|pour les|aux|des) (?:demandeu\w* de emploi|chomeu\w*|chercheu\w* de emploi)\b|"
    r"\bcontinuez (?:a|de) \w+ (?:les autres|d autres|les gens)\b|"
    # a place that is no employer: « je suis chez ma grand-mère »
    r"\bchez (?:ma|mon|mes|des|la) (?:grand mere|grand pere|grands parents|mere|pere|parents|famille|soeur|"
    r"frere|cousine?|tante|oncle|amie?s?|copine?s?|fille|fils|belle mere|beaux parents)\b|"
    # a training begun: « j'ai commencé une VAE »
    r"\b(?:je ai |ai )?commence (?:une|un|ma|mon) "
    r"(?:vae|formation|bilan|cursus|licence|master|bts|cap|remise)\b"
)
# A question asking the collective for advice: its search words are a topic, not the seeker's news.
ADVICE_QUESTION = re.compile(
    r"\b(?:des|vos|un|quelques) (?:conseils?|astuces?|tuyaux|idees|ressources)\b[^?.!]*\?"
)

# A hire only promised or said orally, then what follows it takes it back.
PROMISED = re.compile(
    r"\b(?:promesse de embauche|promesse|a le oral|verbal\w*|on me a dit oui|ils me ont dit oui|"
    r"on me a propose)\b"
)
GOES_ON = re.compile(
    r"\b(?:(?:je )?continue (?:a|de) (?:chercher|postuler)|je cherche (?:en parallele|toujours|encore)|"
    r"toujours dispo\w*|je considere que non|donc (?:ce est )?non|rien de (?:ecrit|signe))\b"
)
CHOSEN = re.compile(
    r"\bje ai (?:pris|choisi|accepte|retenu) (?:celui|celle|le poste|la offre|la proposition|le cdi|le cdd|"
    r"le job|le contrat)\b"
)
_NEGATED_BEFORE = re.compile(r"\b(?:pas|ne|jamais|aucun|sans)\b")


def elsewhere(folded: str) -> str:
    """The answer (folded by `fold_answer`) with the search and hire words that are not the seeker's now
    blanked, or "" when there are none."""
    blanked = ADVICE_QUESTION.sub(" ? ", folded)
    blanked = ELSEWHERE.sub(" , ", blanked)
    return blanked if blanked != folded else ""


def settled(folded: str, intent: str) -> tuple[str, str] | None:
    """A hire or search that the answer's last words (folded by `fold_answer`) settle the other way:
    (intent, words), or None."""
    if intent == "hired" and (promised := PROMISED.search(folded)):
        goes_on = GOES_ON.search(folded, promised.end())
        if goes_on:
            return "searching", goes_on.group(0)
    if intent == "searching" and (chosen := CHOSEN.search(folded)):
        if not _NEGATED_BEFORE.search(folded[max(0, chosen.start() - 12) : chosen.start()]):
            return "hired", chosen.group(0)
    return None
