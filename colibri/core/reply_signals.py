"""The signals of an answer for `colibri.core.replies`: every phrase of the tables found in the folded
text, with its kind, and the negations, conditions and contexts that cancel or turn it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from colibri.core.reply_languages import language_readings
from colibri.core.reply_lexicon import (
    BOUND_NEG,
    COND,
    HIRED,
    LATER,
    NEG,
    PRONOUNS,
    REFUSED,
    SEARCHING,
    STATUS_KIND,
    STOP_PERSON,
    STOP_POST,
    WEAK_NEG,
)
from colibri.core.reply_patterns import (
    ACTIVITY,
    CONTRAST,
    ENDED,
    NOT_A_JOB_SAID,
    NOT_STOP,
    SELF_EMPLOYED,
    SHORT_JOB,
    STILL,
    STOP_AFTER,
    STOP_EMOJI,
    STOP_EMOJI_ALONE,
    STUDY_AFTER,
    TURN,
)
from colibri.core.reply_phrases import SPECS
from colibri.core.reply_phrases_ghi import GHI_SPECS
from colibri.core.reply_phrases_jklm import JKLM_SPECS
from colibri.core.reply_phrases_late import D_SPECS, FAMILY_SPECS, TERSE_SPECS
from colibri.core.reply_phrases_more import MORE_SPECS
from colibri.core.reply_phrases_no import NO_SPECS, STUDENT_HIRE
from colibri.core.reply_phrases_pq import PQ_SPECS
from colibri.core.reply_phrases_tvx import TVX_SPECS
from colibri.core.reply_text import CLAUSE, WORD, fold_answer

_RULES = tuple(
    (kind, label, re.compile(pattern), cancel)
    for kind, label, pattern, cancel in (
        SPECS
        + MORE_SPECS
        + FAMILY_SPECS
        + TERSE_SPECS
        + D_SPECS
        + GHI_SPECS
        + NO_SPECS
        + JKLM_SPECS
        + PQ_SPECS
        + TVX_SPECS
    )
)

# A hire phrase asked back then answered yes: "si j'ai trouvé ? Oui", "Trouvé ? oui !".
ASKED_THEN_YES = re.compile(r"[ \t]*\?[\s?!]*(?:oui|ouais|yes|bien sur|absolument|tout a fait)\b")
# "arrêtez pas" (keep going), but not "arèt pass mon nom partou" (creole: stop passing my name around).
NOT_AFTER = re.compile(r" pas\b")


def _cancelled(folded: str, start: int, cancel: frozenset[str]) -> bool:
    before = CLAUSE.split(folded[:start])[-1]
    return any(word in cancel for word in WORD.findall(before)[-3:])


def _bound_negation(folded: str, start: int) -> bool:
    """Is the verb at `start` negated by the word right before it ("ne (le) retirez", "don't stop")?"""
    words = WORD.findall(CLAUSE.split(folded[:start])[-1])
    while words and words[-1] in PRONOUNS:
        words.pop()
    return bool(words) and words[-1] in BOUND_NEG


def _misspelt_stop(folded: str) -> str:
    """A token that is "stop" typed fast ("stpo", "sotp", "stopp"): the word, or ""."""
    for word in WORD.findall(folded):
        squeezed = re.sub(r"(.)\1+", r"\1", word)
        if word == "stop" or squeezed in NOT_STOP or word in NOT_STOP:  # "stop" itself: the rules
            continue
        if squeezed[:1] == "s" and len(squeezed) == 4 and sorted(squeezed) == sorted("stop"):
            return word
    return ""


@dataclass(slots=True)
class Signal:
    kind: str
    label: str
    phrase: str
    span: tuple[int, int] = (-1, -1)  # where in the folded answer (kept for the negated stops)


def read_signals(text: str) -> tuple[list[Signal], str]:
    folded = fold_answer(text)
    found: list[Signal] = []
    for kind, label, pattern, cancel in _RULES:
        for match in pattern.finditer(folded):
            phrase = match.group(0).strip()
            if cancel == "hire":
                if ASKED_THEN_YES.match(folded, match.end()):
                    # "Vous me demandez si j'ai trouvé ? Oui": the check-in repeated, then answered.
                    found.append(Signal(HIRED, "embauche (question reprise, puis oui)", phrase, match.span()))
                    continue
                if _cancelled(folded, match.start(), COND):
                    # "je vous dirai si j'ai trouvé": nothing said yet, and that is something else.
                    found.append(Signal(LATER, "embauche au conditionnel", phrase))
                    continue
                if _cancelled(folded, match.start(), NEG):
                    found.append(Signal(SEARCHING, "embauche niée", phrase))
                    continue
                if folded[match.end() :].lstrip().startswith("?"):
                    # "Trouvé ? Non.": the hire is the question asked back, not an answer.
                    denied = re.search(
                        r"\b(?:non|no|nope|nan|pas encore|toujours pas|nada)\b", folded[match.end() :]
                    )
                    found.append(Signal(SEARCHING if denied else LATER, "embauche en question", phrase))
                    continue
            elif cancel == "verb" and (
                _bound_negation(folded, match.start()) or NOT_AFTER.match(folded, match.end())
            ):
                # "ne supprimez pas", "n'arrêtez pas", "don't stop": keep relaying, still looking.
                found.append(Signal(SEARCHING, REFUSED, phrase, match.span()))
                continue
            elif cancel == "stopneg" and (after := STOP_AFTER.match(folded, match.end())):
                # "je ne veux pas que vous arrêtiez", "je préfère pas que vous le retiriez": keep going.
                found.append(Signal(SEARCHING, REFUSED, phrase, (match.start(), after.end())))
                continue
            elif cancel == "weak" and (
                _cancelled(folded, match.start(), WEAK_NEG) or _cancelled(folded, match.start(), COND)
            ):
                continue
            found.append(Signal(kind, label, phrase, match.span()))
            break
    # Short answers in the seekers' other languages ("Nie, nadal szukam", "Evet, iş buldum").
    found.extend(Signal(kind, label, phrase, span) for kind, label, phrase, span in language_readings(folded))
    # A stop word inside a refused stop ("pas besoin d'arrêter", "je ne veux pas que vous arrêtiez")
    # is not a stop.
    refused = [s.span for s in found if s.label == REFUSED]
    found = [
        s
        for s in found
        if s.kind not in (STOP_POST, STOP_PERSON) or not any(a <= s.span[0] < b for a, b in refused)
    ]
    misspelt = _misspelt_stop(folded)
    if misspelt and not any(s.kind == STOP_POST for s in found):
        found.append(Signal(STOP_POST, "demande d'arrêt (mal orthographiée)", misspelt))
    emoji = next((c for c in text if c in STOP_EMOJI), "")
    if not emoji and not any(c.isalnum() for c in text):
        emoji = next((c for c in text if c in STOP_EMOJI_ALONE), "")
    if emoji:
        found.append(Signal(STOP_POST, "demande d'arrêt (emoji)", emoji))
    return _reread(found, folded), folded


def _reread(found: list[Signal], folded: str) -> list[Signal]:
    """Hire phrases that are something else in context (blind set D): a short job that is over, studies,
    working for oneself with no activity said."""
    hired = [s for s in found if s.kind == HIRED]
    ended = ENDED.search(folded)
    if ended and SHORT_JOB.search(folded[: ended.start()]) and all(s.span[1] <= ended.start() for s in hired):
        if not hired:
            found = [*found, Signal(SEARCHING, "emploi terminé", ended.group(0), ended.span())]
        # "une mission de 2 jours mais c'est fini": the "c'est fini" is the job's end, not a stop.
        return [
            Signal(SEARCHING, "emploi terminé", s.phrase, s.span) if s.kind == HIRED else s
            for s in found
            if not (s.kind == STOP_POST and s.span[0] < ended.end() and s.span[1] > ended.start())
        ]
    if not hired:
        return found
    # An alternance or a contrat doctoral is a salaried contract, whatever school follows it.
    studies = [s for s in hired if STUDY_AFTER.match(folded[s.span[1] :]) and s.label != STUDENT_HIRE]
    own = [
        s
        for s in hired
        if SELF_EMPLOYED.search(CLAUSE.split(folded[s.span[0] :], maxsplit=1)[0][: len(s.phrase) + 20])
    ]
    if len(studies) + len(own) < len(hired) or (own and ACTIVITY.search(folded)):
        return found
    return [
        Signal(STATUS_KIND, "ni embauche ni recherche", s.phrase, s.span) if s.kind == HIRED else s
        for s in found
    ]


def conceded(folded: str, irony: list[Signal], hired: list[Signal]) -> bool:
    """Is every ironic or denied reading before a contrast ("mais") that a hire follows?"""
    return any(
        all(s.span[1] <= m.start() for s in irony) and any(s.span[0] >= m.end() for s in hired)
        for m in CONTRAST.finditer(folded)
    )


def signal_reason(signal: Signal) -> str:
    return f"{signal.label} : « {signal.phrase} »"


def search_said_last(
    folded: str, signals: list[Signal], hired: list[Signal], post: list[Signal], irony: bool
) -> tuple[list[Signal], list[Signal], Signal | None]:
    """The hire and stop signals left once a search said last is weighed, and that search (or None).

    "pris en stage mais c'est pas un emploi, je cherche toujours un CDI", "pas encore trouvé de CDI, je
    fais des missions en attendant", "mis en pause pendant les examens mais je recommence à chercher":
    the search said last is the answer when the hire was denied or said not to be a job, or the pause
    turned. A CDD taken "en attendant" a CDI stays a hire (every blind writer labels it so)."""
    still = STILL.search(folded)
    if not still or not (hired or post) or any(s.span[0] >= still.start() for s in hired + post):
        return hired, post, None
    first = min(s.span[0] for s in hired + post)
    denied = any(s.label == "embauche niée" for s in signals)  # "pas encore trouvé de CDI"
    if hired and not irony and (denied or NOT_A_JOB_SAID.search(folded, first, still.start())):
        hired = []
    if post and all(s.label == "pause" for s in post) and TURN.search(folded, first, still.start()):
        post = []
    if hired or post:
        return hired, post, None
    return hired, post, Signal(SEARCHING, "toujours en recherche", still.group(0).strip(), still.span())
