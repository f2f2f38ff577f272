"""What a seeker's answer says: hired, still searching, stop, or something else.

Pure and small. The same code reads an answer to the collective's check-in ("avez-vous trouvé ?")
and a reply under a request (the ingest calls it only on replies by the request's author to the
request, or to the collective's repost/reply of it), so short answers carry meaning: "oui" is a
hire, "non" still searching.

`classify_reply` returns one intent and the reasons (French, like the triage engine's):

- `stop`: asks to stop being relayed or contacted, to withdraw the post, to erase their data, or a
  hostile "qui êtes-vous ?" / "de quel droit ?" (misspelt "stpo", "arètez" included). Relaying or
  writing to someone who asked to stop is the one mistake to avoid, so **when in doubt between
  stop and anything else, stop**: a stop signal wins over a denial, a "non", a "toujours pas".
- `hired`: found a job (any contract), "oui" to the check-in. A hire that also asks to withdraw
  the post ("j'ai trouvé, vous pouvez retirer mon annonce") is `hired` (the request is withdrawn
  anyway), but a hire that asks not to be contacted again, or to erase their data, is `stop`.
- `searching`: not yet, still looking, a hire denied ("pas encore trouvé") or joked away
  ("oui… enfin non"), a "don't stop sharing".
- `other`: thanks, greetings, a question about the service, a promise to answer later, a hire
  only announced as a condition ("je vous dirai si j'ai trouvé").

**Stop by default.** An answer is `stop` unless there is positive evidence of a hire, of a search
still going on, or of something else. Two readers look for it: the rules (lexicons written by
meaning, on text folded the way answers are typed fast: accents off, letters repeated for emphasis
collapsed, SMS spellings spelled out, English) and a learned model
(`colibri.core.reply_model`, character n-grams, trained by `bench/train_reply_model.py`). The model
can turn a non-stop reading of the rules into a stop when it reads a stop clearly; it never turns a
stop the rules read into anything else, and an answer neither reads with confidence is a stop.

Negations are read narrowly on purpose: "ne supprimez pas" cancels a stop only when the negation
is bound to the verb, never a "pas" earlier in the sentence ("pas trouvé donc arrêtez" is a stop).
A condition ("je vous dirai si j'ai trouvé") cancels a hire without making it a denial.

Modules by concern: `reply_lexicon` (kinds, vocabulary), `reply_phrases*` (phrase tables), `reply_patterns`
(whole-answer patterns), `reply_text` (folding), `reply_signals` (phrases found and what cancels them),
`reply_context` (answers whose context decides), `reply_languages` (short answers in the seekers' other
languages), `reply_clauses` (requests to stop read by their shape, clause by clause, whatever the rest
says); this module weighs them into one intent. A search or "other" reading gives way to a stop
when one sentence of a longer answer, read alone by the rules, asks to stop (`stop_sentence`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from colibri.core.reply_clauses import clause_stop, without_politeness, without_reports
from colibri.core.reply_context import context_reading, unquote
from colibri.core.reply_languages import THANKS
from colibri.core.reply_lexicon import (
    HIRED,
    IRONY,
    LATER,
    NO,
    REFUSED,
    SEARCHING,
    STATUS_KIND,
    STOP_PERSON,
    STOP_POST,
    YES,
)
from colibri.core.reply_model import ReplyModel
from colibri.core.reply_model import load_default as load_model
from colibri.core.reply_other import no_more_contact, withdrawn
from colibri.core.reply_other import reading as plain_reading
from colibri.core.reply_outcomes import elsewhere, settled
from colibri.core.reply_patterns import (
    ACTIVITY,
    ANSWERED,
    ASKED_BACK,
    ATTACHMENT,
    AUTO_REPLY,
    CHEER,
    CONTRACT_AFTER,
    CONTRAST_ONLY,
    DOUBT_STOP,
    DOUBT_TOPIC,
    EDIT,
    FOR_NOW,
    HEDGE,
    HEDGE_LEAD,
    HESITATION,
    JOKE_BACK,
    KEYBOARD_ROWS,
    NEGATED,
    OTHER,
    OTHER_EMOJI,
    OTHER_FIRM,
    OTHER_PLAIN,
    PARTY_EMOJI,
    POLITE_NO,
    POLITE_NO_EXCEPT,
    PROMISE,
    REQUEST_MARK,
    SAD_EMOJI,
    SELF_STATUS,
    SPLIT_ANSWER,
    STATUS,
    STATUS_DOUBT,
    STILL,
    STOP_WORD,
    WAITING,
    WORK_EMOJI,
)
from colibri.core.reply_phrases_uw import DOUBTED_HIRE
from colibri.core.reply_signals import Signal, conceded, read_signals, search_said_last, signal_reason
from colibri.core.reply_text import FILLER, WORD, fold, fold_answer, without_fillers
from colibri.core.reply_typos import fix_typos

# The public API; `fold` is re-exported (colibri.core.joining and the tests fold text the same way).
__all__ = [
    "INTENTS",
    "THRESHOLDS",
    "Intent",
    "IntentKind",
    "ReplyClassification",
    "ReplyIntent",
    "Thresholds",
    "classify_reply",
    "classify_with",
    "decide",
    "detect_reply_intent",
    "fold",
    "rules_reading",
]

Intent = Literal["hired", "searching", "stop", "other"]
INTENTS: tuple[Intent, ...] = ("hired", "searching", "stop", "other")

IntentKind = Literal["withdraw", "hired"]


@dataclass(frozen=True, slots=True)
class ReplyIntent:
    """The older two-way answer (`detect_reply_intent`): what withdraws a request."""

    kind: IntentKind  # "hired" also withdraws the request
    phrase: str  # the folded words that matched, for the audit log


@dataclass(frozen=True, slots=True)
class ReplyClassification:
    intent: Intent
    reasons: tuple[str, ...]  # French, one per signal that decided
    phrase: str = ""  # the folded words of the deciding signal, for the audit log
    mentions_hire: bool = False  # a stop that also announced a hire (kept for the outcome)
    settled: bool = False  # the rules read it for sure: the model may still make it a stop, nothing else


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where the model's probabilities start to count, chosen by leaving one writer out
    (`bench/train_reply_model.py --by-writer --grid`: each blind set A–I, written by someone who never
    saw the classifier, read by a model trained without it), not by shuffled folds, where answers of
    the same writer sit on both sides and the model looks surer than it is on a new writer."""

    # A hired/searching reading of the rules becomes a stop from here. Left one writer out, 0.9 let « pas
    # encore mais j'aimerais que vous ne m'envoyiez plus ce genre de message » and « je souhaite que ma
    # candidature ne figure plus sur vos réseaux » through (p = 0.88, 0.82 from a model that never saw
    # their writers); 0.8 catches both for 2 false stops in 1,820 answers ("je ne suis plus au chômage").
    stop_over_rules: float = 0.8
    # An "other" reading (thanks, a question...) from here. Left one writer out with the rules of
    # b5140b5, which had read none of writers G–S (their first runs, where the model is the safety net),
    # 0.65 would keep 2 more of their 780 stops (« mdr qui t'es toi », « Comment avez vous mon contact ? »),
    # but the model reads « Avec plaisir » at p(stop) 0.78 and a life change « …je ne cherche plus » at
    # 0.67, both pinned as "other": 0.8 stays (tests/data/README.md, branch replymodel3).
    stop_over_other: float = 0.8
    refused_margin: float = 0.2  # ... plus this when the rules read a negated stop ("ne retirez pas")
    # The model alone names hired/searching from here: 0.5 let « Mission chez Randstad en attente » (a
    # contract pending) be a hire; 0.6 costs 4 of 1,820 answers left one writer out, and no stop.
    sure: float = 0.6
    # ... when its stop reading stays under this. Left one writer out, the stop the rules missed that the
    # model read least surely ("Je mute.") had p(stop) = 0.35: 0.35 loses it. 0.25 since the model was
    # retrained on writers J–S: it reads a hostile question after a greeting (« vous bossez pour quelle
    # officine au juste ? ») at p(stop) 0.26, and costs 2 answers of 3,820 left one writer out, no stop.
    stop_alone: float = 0.25
    # "other" alone (what stop by default replaces): a human reads an "other", so it needs less than a
    # hire or a search, which close or keep the relay; 0.4 reads one more of the 104 answers the rules
    # read nothing in, left one writer out, and loses no stop. 0.5 since the retrain on writers J–S: the
    # new weights read « …verdict la semaine prochaine Ça va bien comme ça. » as "other" at 0.43, a stop
    # by default to keep (tests/core/test_replies_other.py); 0.5 changes no answer of any committed file.
    sure_other: float = 0.5


THRESHOLDS = Thresholds()


DOUBT = re.compile(r"\bje (?:ne )?sais pas(?: trop| vraiment)?\b")


def classify_reply(text: str) -> ReplyClassification:
    """The intent of a seeker's answer, with the reasons that decided it (see the module docstring)."""
    return classify_with(text, load_model())


def _rules(text: str, context: bool = True) -> tuple[ReplyClassification | None, bool]:
    """What the rules alone say (None: nothing they recognise), and whether a negated stop was read."""
    signals, folded = read_signals(text)
    by_kind: dict[str, list[Signal]] = {}
    for signal in signals:
        by_kind.setdefault(signal.kind, []).append(signal)
    hired = by_kind.get(HIRED, [])
    irony = by_kind.get(IRONY, [])
    if hired and irony and conceded(folded, irony, hired):
        irony = []
    if irony and all(JOKE_BACK.search(s.phrase) for s in irony):
        # "Oui, en portage... non je rigole, en CDI": the joke is taken back, the contract after it stands.
        last = max(s.span[1] for s in irony)
        after = CONTRACT_AFTER.search(folded, last)
        if after or any(s.span[0] >= last for s in hired):
            hired = hired or [
                Signal(HIRED, "embauche (après une blague)", after.group(0) if after else "", (last, last))
            ]
            irony = []
    person = by_kind.get(STOP_PERSON, [])
    post = by_kind.get(STOP_POST, [])
    hired, post, still = search_said_last(folded, signals, hired, post, bool(irony))
    if still:
        by_kind[SEARCHING] = [*by_kind.get(SEARCHING, []), still]
    if context and (read := context_reading(folded, signals, _rules, load_model())):  # see reply_context
        intent, label, phrase = read
        found = ReplyClassification(intent, (f"{label} : « {phrase} »",), phrase, settled=intent == "other")
        return found, False
    refused = any(s.label == REFUSED for s in signals)
    if person:
        # Not to be contacted, data erased, or hostile: whatever else is said, nothing more is sent.
        extra = tuple(signal_reason(s) for s in hired[:1])
        return ReplyClassification(
            "stop",
            (signal_reason(person[0]), *extra),
            person[0].phrase,
            mentions_hire=bool(hired) and not irony,
        ), refused
    if hired and post and DOUBTED_HIRE.search(folded):
        # "Je ne sais pas si on peut dire que j'ai trouvé… retirez l'annonce": only the withdrawal is sure.
        return ReplyClassification(
            "stop", (signal_reason(post[0]), signal_reason(hired[0])), post[0].phrase
        ), refused
    if hired and not irony:
        # "J'ai trouvé, vous pouvez retirer mon annonce": the hire withdraws the request anyway.
        extra = tuple(signal_reason(s) for s in post[:1])
        return ReplyClassification("hired", (signal_reason(hired[0]), *extra), hired[0].phrase), refused
    yes = by_kind.get(YES, [])
    searching = by_kind.get(SEARCHING, []) + irony + by_kind.get(NO, [])
    if post and yes and not searching:
        # "oui, vous pouvez retirer mon annonce": a yes to "avez-vous trouvé ?" that withdraws.
        withdrawn = (signal_reason(yes[0]) + " (réponse à « avez-vous trouvé ? »)", signal_reason(post[0]))
        return ReplyClassification("hired", withdrawn, yes[0].phrase), refused
    if post:
        return ReplyClassification("stop", (signal_reason(post[0]),), post[0].phrase), refused
    edit = EDIT.search(folded)
    if edit and not hired and not STOP_WORD.search(folded) and not ANSWERED.match(folded):
        # "Vous pouvez modifier le hashtag métier ? Je cherche plutôt en logistique": about the post.
        reason = f"modification de l'annonce : « {edit.group(0)} »"
        return ReplyClassification("other", (reason,), edit.group(0), settled=True), refused
    auto = AUTO_REPLY.search(folded)
    if auto:
        reason = f"réponse automatique : « {auto.group(0)} »"
        return ReplyClassification("other", (reason,), auto.group(0), settled=True), refused
    letters = re.sub(r"[^a-z0-9]", "", folded)
    words = WORD.findall(folded)
    if (
        len(letters) >= 5
        and words
        and all(len(w) >= 3 and any(w in row for row in KEYBOARD_ROWS) for w in words)
    ):
        return ReplyClassification(
            "other", (f"réponse illisible (touches du clavier) : « {letters} »",), letters, settled=True
        ), refused
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    attachment = ATTACHMENT.match(plain.strip())
    if attachment:
        # A voice message or a picture: the classifier cannot read it, a human can.
        reason = f"pièce jointe sans texte : « {text.strip()} »"
        return ReplyClassification("other", (reason,), text.strip(), settled=True), refused
    asked_back = ASKED_BACK.match(folded)
    if asked_back:
        reason = f"question en retour : « {asked_back.group(0).strip()} »"
        return ReplyClassification("other", (reason,), asked_back.group(0).strip(), settled=True), refused
    if (
        not hired
        and HEDGE_LEAD.match(folded)
        and (promise := PROMISE.search(folded) or WAITING.search(folded))
    ):
        reason = f"réponse incertaine, nouvelles promises : « {promise.group(0)} »"
        return ReplyClassification("other", (reason,), promise.group(0), settled=True), refused
    hedge = HEDGE.match(folded)
    if hedge and not hired:
        # "peut-être", "oui et non", "oui ?": a seeker's answer that says nothing sure is for a human to
        # read, not a hire to record (nor, with no refusal word, a stop).
        reason = f"réponse incertaine : « {hedge.group(0).strip()} »"
        return ReplyClassification("other", (reason,), hedge.group(0).strip(), settled=True), refused
    # "Oui pour le stage, non pour le boulot. Toujours en recherche": the search said in so many words.
    split = None if hired or STOP_WORD.search(folded) else SPLIT_ANSWER.search(folded)
    if (
        split and STILL.search(folded) and " pour " in split.group(0)
    ):  # not "oui et non… je continue à chercher un CDI"
        split = None
    if split:
        reason = f"réponse partagée : « {split.group(0).strip()} »"
        return ReplyClassification("other", (reason,), split.group(0).strip(), settled=True), refused
    hesitation = HESITATION.search(folded)
    if hesitation and all(s.label in ("oui", "non", "ironie") for s in searching):
        reason = f"réponse hésitante : « {hesitation.group(0)} »"
        return ReplyClassification("other", (reason,), hesitation.group(0), settled=True), refused
    status = by_kind.get(STATUS_KIND, [])
    own = SELF_STATUS.search(folded)
    if own and not hired and not searching and not yes and ACTIVITY.search(folded):
        # "Auto-entrepreneur depuis juin, les clients suivent": working for oneself, with activity.
        reason = f"embauche (à son compte, avec activité) : « {own.group(0)} »"
        return ReplyClassification("hired", (reason,), own.group(0)), refused
    news = status[0].phrase if status else (m.group(0) if (m := STATUS.search(folded) or own) else "")
    if news and not NEGATED.search(DOUBT.sub(" ", folded)):  # "je ne sais pas trop" is no negation
        # "En arrêt maladie pour le moment": the "pour le moment" is about the leave, not a search (but
        # "en formation pour l'instant, pas de poste" is a search).
        searching = [s for s in searching if not FOR_NOW.match(s.phrase)]
    if searching:
        reasons = tuple(signal_reason(s) for s in searching[:2])
        return ReplyClassification("searching", reasons, searching[0].phrase), refused
    if yes:
        reason = signal_reason(yes[0]) + " (réponse à « avez-vous trouvé ? »)"
        return ReplyClassification("hired", (reason,), yes[0].phrase), refused
    doubt = DOUBT_STOP.search(folded)
    if doubt and DOUBT_TOPIC.search(folded):
        # Not one of the phrasings above, but refusal words about the relay or contact: stop.
        reason = f"refus probable (dans le doute, arrêt) : « {doubt.group(0)} »"
        return ReplyClassification("stop", (reason,), doubt.group(0)), refused
    if news:
        # Retiring, studies, a leave, a business with no activity said: neither hire nor search; a human
        # reads it. With a refusal word ("je suis à la retraite donc inutile"), in doubt, stop; a bare
        # "mais" ("…mais merci pour tout") is no refusal.
        refusal = (
            STATUS_DOUBT.search(folded)
            or DOUBT_STOP.search(folded)
            or STOP_WORD.search(folded)
            or (
                None
                if POLITE_NO_EXCEPT.search(folded)
                else next((m for m in POLITE_NO.finditer(folded) if m.group(0) not in CONTRAST_ONLY), None)
            )
        )
        if refusal:
            reason = f"refus probable (dans le doute, arrêt) : « {refusal.group(0)} »"
            return ReplyClassification("stop", (reason, f"« {news} »"), refusal.group(0)), refused
        reason = f"ni embauche, ni recherche, ni arrêt : « {news} »"
        return ReplyClassification("other", (reason,), news, settled=True), refused
    only = "".join(c for c in text if not c.isspace() and c not in "\ufe0f\u200d!.")
    if (
        only
        and all(c in PARTY_EMOJI or c in WORK_EMOJI for c in only)
        and any(c in PARTY_EMOJI for c in only)
    ):
        return ReplyClassification(
            "hired", (f"emoji de fête (réponse à « avez-vous trouvé ? ») : {only}",), only
        ), refused
    if only and all(c in SAD_EMOJI for c in only):
        return ReplyClassification(
            "searching", (f"emoji triste (réponse à « avez-vous trouvé ? ») : {only}",), only
        ), refused
    later = by_kind.get(LATER, [])
    if later:
        return ReplyClassification(
            "other", (signal_reason(later[0]),), later[0].phrase, settled=True
        ), refused
    other = OTHER.search(folded) or CHEER.search(folded)
    promise = PROMISE.search(folded)
    if not other and not (STOP_WORD.search(folded) or DOUBT_STOP.search(folded)):
        # Small talk read only by its plain words ("je vous ai envoyé un DM"): not when a stop word is
        # there too ("…un DM pour que vous retiriez tout"): that one is left to the stop default.
        other = OTHER_PLAIN.search(folded) or THANKS.search(folded) or promise
    if (
        other
        and (core := without_fillers(folded))
        and all(FILLER.match(m.group(0)) for m in OTHER.finditer(folded))
    ):
        # Only a greeting or laughter read ("Bonsoir, je vous demande de cesser…", "mdr qui t'es toi"):
        # what the rest says decides, and a rest the rules cannot read is left to the model and the stop
        # default as if the greeting were not there ("Salut ! Ça fait longtemps" stays small talk).
        read_core, core_refused = _rules(core, context)
        if read_core is not None and (" " in core or read_core.intent == "stop"):  # "Bonjour, oubliez."
            return read_core, core_refused
        model = load_model()
        probs = model.probabilities(core) if model is not None else None
        if " " in core and REQUEST_MARK.search(core) and decide(None, False, probs).intent == "stop":
            # "Bonjour, oubliez-moi": a rest that asks, denies or questions is read as it would be alone,
            # a stop by default; a rest with none of that ("Salut ! Ça fait longtemps") stays small talk.
            reason = f"{DEFAULT_STOP} après la salutation : dans le doute, arrêt"
            return ReplyClassification("stop", (reason,), other.group(0)), core_refused
    if other or (text.strip() and all(c in OTHER_EMOJI or c.isspace() for c in text)):
        phrase = other.group(0).strip() if other else text.strip()
        reason = f"ni embauche, ni recherche, ni arrêt : « {phrase} »"
        firm = bool(OTHER_FIRM.search(folded))  # "j'ai trouvé une offre pour vous" is no hire
        polite_no = None if POLITE_NO_EXCEPT.search(folded) else POLITE_NO.search(folded)
        contrasts_only = polite_no and all(m.group(0) in CONTRAST_ONLY for m in POLITE_NO.finditer(folded))
        stop_word = STOP_WORD.search(folded) or DOUBT_STOP.search(folded)
        soft = all(
            m.group(0) in CONTRAST_ONLY or m.group(0) in ("pas", "ne", "plus")
            for m in POLITE_NO.finditer(folded)
        )
        if promise and (contrasts_only or (soft and not stop_word)):
            # A "mais" in a story told by someone who promises news, or a "pas" in "je vous réponds ce
            # soir, mes lunettes sont pas là", is no refusal; a "non" or a stop word beside it still is.
            polite_no = None
        # News promised for later: no hire or search for the model to guess at.
        small_talk = bool(OTHER_PLAIN.search(folded) or THANKS.search(folded)) and not stop_word
        firm = firm or (polite_no is None and (bool(PROMISE.search(folded)) or small_talk))
        if polite_no and not firm:
            reason = f"refus poli probable (dans le doute, arrêt) : « {polite_no.group(0)} »"
            return ReplyClassification("stop", (reason, f"« {phrase} »"), polite_no.group(0)), refused
        return ReplyClassification("other", (reason,), phrase, settled=firm), refused
    return None, refused


def classify_with(
    text: str, model: ReplyModel | None, thresholds: Thresholds = THRESHOLDS
) -> ReplyClassification:
    """`classify_reply` with a given learned model (None: the rules and the stop default alone).

    An answer read as no stop is read again with its misspelt request verbs spelled back (« arrêez de
    relayer », « merci de déublier mon annonce »: `reply_typos`); a stop the rules read there stands. A
    typo reads as the word it misspells, so a report or a negation keeps its misspelling out as well.
    """
    reading = _classify_with(text, model, thresholds)
    if reading.intent == "stop" or (fixed := fix_typos(text)) == text:
        return reading
    again = _classify_with(fixed, model, thresholds)
    if again.intent == "stop" and not again.reasons[0].startswith(DEFAULT_STOP):
        return ReplyClassification(
            "stop", (f"faute de frappe lue : « {fixed} »", *again.reasons), again.phrase, again.mentions_hire
        )
    return reading


def _classify_with(
    text: str, model: ReplyModel | None, thresholds: Thresholds = THRESHOLDS
) -> ReplyClassification:
    """`classify_with` on the text as typed.

    Stop by default: an answer is `stop` unless the rules or the model read clear evidence of a
    hire, of a search still going on, or of something else (thanks, a question about the service).
    The model can turn any non-stop reading into a stop when it reads a stop clearly enough, never
    the reverse: a stop the rules saw stays a stop.
    """
    if not text or not text.strip():
        return ReplyClassification("other", ("réponse vide",))
    text = unquote(text)  # "> Avez-vous trouvé ? non": the answer, not the quoted check-in
    ruled, refused = _rules(text)
    if (ruled is None or ruled.intent != "stop") and (
        asked := clause_stop(text, ruled is not None and ruled.intent == "hired")
    ):
        # "Oui, embauchée ! Effacez mon numéro", "pas encore, évitez de me taguer": one clause asks the
        # collective to stop, read by its shape (`reply_clauses`), whatever the rest says; after a hire,
        # only when it is about the person (a withdrawn post is withdrawn by the hire anyway).
        hired = ruled is not None and ruled.intent == "hired"
        if asked.person or not hired:
            reasons = (asked.how, *(ruled.reasons if ruled is not None else ()))
            return ReplyClassification("stop", reasons, asked.clause, mentions_hire=hired)
    if (ruled is None or ruled.intent == "other") and (rest := without_politeness(text)):
        # "Vous vous prenez pour qui ? Bonne continuation": a greeting or a thanks around an answer adds
        # nothing to it; what the rest says alone, if it is a stop read by the rules or the model, stands.
        alone = classify_with(rest, model, thresholds)
        if alone.intent == "stop" and not alone.reasons[0].startswith(DEFAULT_STOP):
            return alone
    if ruled is not None and ruled.intent == "stop" and (rest := without_reports(text)):
        # "Ils ont arrêté le recrutement, je cherche toujours": the stop words are a third party's deed,
        # reported; what the rest says, read by the rules (not the stop by default), stands.
        alone = classify_with(rest, model, thresholds)
        pieces = [p for p in re.split(r"(?<=[.!?;,\n…])\s+", rest) if p.strip()]
        if (
            alone.intent == "searching"
            and clause_stop(rest) is None
            # every piece left, read alone, is no stop (« Je mute. » or 🛑 beside the report still is)
            and all(classify_with(piece, model, thresholds).intent != "stop" for piece in pieces)
        ):
            return ReplyClassification(
                "searching", ("fait rapporté d'un tiers, pas une demande", *alone.reasons), alone.phrase
            )
    if ruled is not None and ruled.intent in GUARDED and (sentence := stop_sentence(text, ruled)):
        # "Je reste optimiste. J'ai ouvert mon salon, merci de ne plus me tagger": one sentence of the
        # answer, read alone, asks to stop; the search or the thanks around it do not take that back.
        reason = f"une phrase seule demande l'arrêt : « {sentence} »"
        return ReplyClassification("stop", (reason, *ruled.reasons), sentence)
    probs = model.probabilities(text) if model is not None else None
    decided = decide(ruled, refused, probs, thresholds)
    folded = fold_answer(text)  # what reply_other and reply_outcomes read
    if decided.intent in ("hired", "other") and (words := no_more_contact(folded)):
        # "En poste, donc plus besoin de m'écrire": a hire that ends contact is a stop (module docstring).
        reason = f"plus de contact demandé : « {words} »"
        return ReplyClassification("stop", (reason, *decided.reasons), words)
    if decided.intent in ("searching", "other") and (words := withdrawn(folded)):
        reason = f"retrait de l'annonce demandé : « {words} »"
        return ReplyClassification("stop", (reason, *decided.reasons), words)
    by_default = decided.intent == "stop" and decided.reasons[0].startswith(BY_DEFAULT)
    if by_default or ruled is None or decided.intent == "other":
        # A stop only by default, or nothing the rules read: an answer that asks nothing and is all news,
        # small talk, questions back, doubt, a search step or a job held is read as such (reply_other);
        # the model keeps its veto. Against a reading of small talk or the model's, only a hire or a
        # search named here counts.
        plain = plain_reading(folded)
        if plain is not None and (by_default or plain[0] != "other"):
            intent, label, phrase = plain
            found = ReplyClassification(_intent(intent), (f"{label} : « {phrase} »",), phrase, settled=True)
            return decide(found, False, probs, thresholds)
    if decided.intent in ("hired", "searching"):
        return _outcome(folded, decided, model, thresholds)
    return decided


def _outcome(
    folded: str, decided: ReplyClassification, model: ReplyModel | None, thresholds: Thresholds
) -> ReplyClassification:
    """A hire or search read again (reply_outcomes): settled the other way by its last words, or read
    without the words that are not the seeker's now. Never to or from a stop."""
    if (turned := settled(folded, decided.intent)) is not None:
        intent, words = turned
        return ReplyClassification(
            _intent(intent), (f"dit en dernier : « {words} »", *decided.reasons), words
        )
    if blanked := elsewhere(folded):
        again = classify_with(blanked, model, thresholds)
        if again.intent not in ("stop", decided.intent):
            reason = "sans les mots qui ne disent pas la situation du moment"
            return ReplyClassification(again.intent, (reason, *again.reasons), again.phrase)
    return decided


def _intent(name: str) -> Intent:
    return next(i for i in INTENTS if i == name)


DEFAULT_STOP = "réponse non reconnue"  # the stop by default's reason: no reader saw a stop
# The stops that no phrase decided: nothing read, a bare negation or refusal word in doubt.
BY_DEFAULT = (DEFAULT_STOP, "refus poli probable", "refus probable")


GUARDED = frozenset({"searching", "other"})
_SENTENCE = re.compile(r"[.!?;\n…]+")


def stop_sentence(text: str, reading: ReplyClassification) -> str:
    """A sentence of a longer answer that, read alone, is a stop by a phrase of the rules (one the
    whole answer's `reading` did not already account for): the sentence, or ""."""
    sentences = [part.strip() for part in _SENTENCE.split(text) if len(re.sub(r"\W", "", part)) >= 3]
    if len(sentences) < 2:
        return ""
    for sentence in sentences:
        alone, _ = _rules(sentence, False)
        # A stop phrase of the tables or a stop verb next to the relay vocabulary; not the model, a
        # bare negation next to thanks, nor "refuser" ("Ça use.", "j'ai dû refuser le poste" alone).
        if (
            alone is not None
            and alone.intent == "stop"
            and not alone.reasons[0].startswith("refus poli probable")
            and ("dans le doute" not in alone.reasons[0] or bool(STOP_WORD.match(alone.phrase)))
            and not (alone.phrase and alone.phrase in reading.phrase)  # "jamais de la vie … toujours rien"
        ):
            return sentence
    return ""


def rules_reading(text: str) -> tuple[ReplyClassification | None, bool]:
    """What the rules alone read (None: nothing they recognise) and whether a stop was read negated."""
    return _rules(text)


def _best(probs: dict[str, float]) -> Intent:
    return next(i for i in sorted(INTENTS, key=lambda i: -probs.get(i, 0.0)))


def decide(
    ruled: ReplyClassification | None,
    refused: bool,
    probs: dict[str, float] | None,
    thresholds: Thresholds = THRESHOLDS,
) -> ReplyClassification:
    """The rules' reading and the model's probabilities to one intent (see `classify_with`)."""
    if ruled is not None and ruled.intent == "stop":
        return ruled
    p_stop = probs["stop"] if probs else 0.0
    model_reason = f"le modèle y lit un arrêt (p = {p_stop:.2f}), dans le doute : arrêt"
    if ruled is not None:
        explicit_withdrawal = ruled.intent == "hired" and len(ruled.reasons) > 1  # "trouvé, retirez"
        # A stop the rules read as negated ("ne retirez pas") needs a surer model to become a stop.
        bar = thresholds.stop_over_other if ruled.intent == "other" else thresholds.stop_over_rules
        bar += thresholds.refused_margin if refused else 0.0
        if probs and p_stop >= bar and not explicit_withdrawal:
            return ReplyClassification("stop", (model_reason, *ruled.reasons), ruled.phrase)
        if ruled.intent == "other" and probs and not ruled.settled:
            best = _best(probs)
            if best in ("hired", "searching") and probs[best] >= thresholds.sure:
                reason = f"le modèle y lit « {best} » (p = {probs[best]:.2f})"
                return ReplyClassification(best, (reason, *ruled.reasons), ruled.phrase)
        return ruled
    if probs:
        best = _best(probs)
        sure = thresholds.sure_other if best == "other" else thresholds.sure
        if best != "stop" and probs[best] >= sure and p_stop < thresholds.stop_alone:
            return ReplyClassification(best, (f"le modèle y lit « {best} » (p = {probs[best]:.2f})",))
    # Nothing recognised and no sure reading: the one error to avoid is writing to someone who asked
    # to stop, so an answer nobody can read is a stop.
    return ReplyClassification("stop", (f"{DEFAULT_STOP} : dans le doute, arrêt",))


def detect_reply_intent(text: str) -> ReplyIntent | None:
    """What withdraws a request: "hired" (also withdraws) or "withdraw" (stop), else None."""
    result = classify_reply(text)
    if result.intent == "hired":
        return ReplyIntent("hired", result.phrase)
    if result.intent == "stop":
        return ReplyIntent("withdraw", result.phrase)
    return None
