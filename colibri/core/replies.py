# ruff: noqa: E501  (the rule table is one regex per line: wrapping them would hide the patterns)
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
- `other`: everything else (thanks, questions, a hire only announced for later).

Negations are read narrowly on purpose: "ne supprimez pas" cancels a stop only when the negation
is bound to the verb, never a "pas" earlier in the sentence ("pas trouvé donc arrêtez" is a stop).
A condition ("je vous dirai si j'ai trouvé") cancels a hire without making it a denial.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

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


# Signal kinds. "stop_post" withdraws the relay (a hire may carry it); "stop_person" is about the
# person (no contact, erase, hostile): it wins even over a hire.
_STOP_POST, _STOP_PERSON, _HIRED, _SEARCHING, _YES, _NO, _IRONY = (
    "stop_post", "stop_person", "hired", "searching", "yes", "no", "irony",
)  # fmt: skip

_NEG = frozenset({"ne", "pas", "not", "never", "jamais", "non", "sans", "without", "no", "nor"})
_COND = frozenset({"si", "if", "when", "quand", "once", "lorsque", "avant", "before", "whether", "dirai"})
_WEAK_NEG = frozenset({"pas", "not", "never", "jamais", "sans", "without"})  # "je n'ai plus besoin" is fine
# Bound negation of a stop verb: the word right before it (pronouns skipped).
_BOUND_NEG = frozenset({"ne", "pas", "not", "never", "jamais", "non", "don", "nobody"})
_PRONOUNS = frozenset({"me", "le", "la", "les", "nous", "vous", "en", "y", "lui", "leur", "it", "te"})

_JOB = r"(?:job|poste|emploi|travail|boulot|cdi|cdd|contrat|taf|interim|mission|work)"
_FOUND_TAIL = (
    r"(?=[ \t]*(?:$|\n|[^\w\s]|merci|grace|thanks|thank|"
    r"(?:un|une|mon|ma|du|le|la|enfin un|enfin une) (?:nouveau |nouvel |nouvelle |vrai )?" + _JOB + r"\b))"
)
_SIGNED_TAIL = (
    r"(?=[ \t]*(?:$|\n|[^\w\s]|merci|chez|hier|ce matin|aujourd|en (?:cdi|cdd|alternance|interim)\b|"
    r"(?:un|une|mon|ma|le|la) (?:nouveau |nouvel |nouvelle )?(?:cdi|cdd|contrat|promesse)\b))"
)
_STOP_VERBS = r"(?:retir|supprim|enlev|effac|arret|cess)"
_CONTACT_VERBS = (
    r"(?:re)?(?:contact|ecri|relay|relai|relanc|sollicit|partag|envoy|spam|tagu|mentionn|identifi|"
    r"harcel|derang|publi|diffus|apparait|recevoir|repost|retweet|cit)"
)
_DATA = r"(?:donnees|data|informations|infos|coordonnees|compte|profil|nom|details)"
_DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|bientot|monday|tuesday|tomorrow)"

# (kind, label, pattern, cancel mode). Cancel modes: "hire" = negation/condition in the 3 words
# before; "verb" = a negation bound to the verb; "weak" = a weak negation or a condition before;
# "" = never cancelled (the pattern carries its own negation, or is hostile whatever is around it).
_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- hired ---------------------------------------------------------------------------------------
    (
        _HIRED,
        "embauche",
        r"\bje ai (?:enfin |finalement |bien |deja )?(?:re)?trouvee?\b" + _FOUND_TAIL,
        "hire",
    ),
    (_HIRED, "embauche", r"\bje ai (?:enfin |finalement |bien |deja )?trouver\b" + _FOUND_TAIL, "hire"),
    (_HIRED, "embauche", r"\bje ai (?:enfin |finalement |bien |deja )?signee?\b" + _SIGNED_TAIL, "hire"),
    (
        _HIRED,
        "embauche",
        r"\bje ai (?:enfin |finalement )?(?:eu|obtenu|decroche|signe|trouve|retrouve|trouver|accepte) "
        r"(?:le|un|une|mon|ma|du|enfin un|enfin une|l|la) ?(?:nouveau |nouvel |nouvelle |super )?"
        r"(?:poste|job|cdi|cdd|contrat|travail|emploi|boulot|taf|interim|mission)\b",
        "hire",
    ),
    (_HIRED, "embauche", r"\bje ai accepte (?:une|le|la|l|leur|cette) ?(?:offre|proposition)\b", "hire"),
    (_HIRED, "embauche", r"\bje ai accepte\b(?=[ \t]*(?:$|[^\w\s]))", "hire"),
    (
        _HIRED,
        "embauche",
        r"\b(?:je (?:suis|ai ete)|ai ete|suis) (?:enfin |bien |officiellement )?"
        r"(?:embauchee?|recrutee?|engagee?|prise?|retenue?|selectionnee?)\b",
        "hire",
    ),
    (_HIRED, "embauche", r"(?:^|(?<=[^\w\s])|\benfin )[ \t]*(?:embauchee?s?|recrutee?s?)\b", "hire"),
    (_HIRED, "embauche", r"(?:^|(?<=[^\w\s]))[ \t]*(?:re)?trouvee?s?(?=[ \t]*(?:$|[^\w\s]|merci))", "hire"),
    (
        _HIRED,
        "embauche",
        r"(?:^|(?<=[^\w\s]))[ \t]*(?:signee?s?|casee?s?|enfin casee?s?)(?=[ \t]*(?:$|[^\w\s]|merci|cdi|cdd))",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\btransformee? en (?:cdi|cdd)\b|\bje fais partie de (?:le |la )?equipe\b|\benfin casee?s?\b",
        "hire",
    ),
    (_HIRED, "embauche", r"\b(?:cdi|cdd|contrat|promesse)\b[^.!?\n]{0,40}?\bsignee?s?\b", "hire"),
    (_HIRED, "embauche", r"\bpromesse de embauche\b", "hire"),
    (_HIRED, "embauche", r"\bete (?:embauch|recrut|engag|selectionn|retenu)\w*", "hire"),
    (
        _HIRED,
        "embauche",
        r"\bje (?:travaille|bosse|suis salariee?) (?:depuis|chez|dans|en|a|pour|comme|maintenant)\b|"
        r"\bje viens de (?:signer|commencer|demarrer|etre (?:embauch|recrut|pris|engag))\w*|"
        r"\bje ai integre (?:une|un|le|la|l|les)\b|\bi (?:have )?found (?:one|it|work)\b|\bfound one\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\benfin (?:un |une |mon |ma )?(?:cdi|cdd|job|poste|travail|emploi|boulot|contrat)\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\bje ai (?:enfin )?(?:un|du|mon|une) (?:nouveau |nouvel |nouvelle |vrai )?"
        r"(?:boulot|taf|travail|job|emploi|poste|cdi|cdd|contrat)\b"
        r"(?! (?:a|en vue|a pourvoir|pour)\b)",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\b(?:je (?:commence|demarre|debute|reprends)|je ai (?:commence|demarre|debute)|i start|i am starting|i started) "
        r"(?:(?:le|la|ce|en|dans|chez|un|une|mon|ma|my|on|next|a|an) |" + _DAYS + r"|\d)",
        "hire",
    ),
    (_HIRED, "embauche", r"\b(?:suis|je suis|moi) en (?:poste|periode de essai|cdi|cdd)\b", "hire"),
    (_HIRED, "embauche", r"(?:^|[^\w\s]|\bje suis )[ \t]*en periode de essai\b", "hire"),
    (
        _HIRED,
        "embauche",
        r"\bi (?:have |had )?(?:just |finally |now )?(?:found|got|landed|accepted|signed) "
        r"(?:a |an |my |the )?(?:new )?(?:job|position|role|offer|contract)\b(?!(?: offers?)? (?:ad|posting|listing|for)\b)",
        "hire",
    ),
    (_HIRED, "embauche", r"\bgot (?:the|a|my) (?:new )?(?:job|position|role|offer)\b(?! for\b)", "hire"),
    (_HIRED, "embauche", r"\b(?:i (?:am|was|have been|got|just got) )?(?:finally )?hired\b", "hire"),
    # -- stop: the relay -----------------------------------------------------------------------------
    (_STOP_POST, "demande d'arrêt", r"\bstop(?:pe[zr]?|e[zr]?|s)?\b(?! ?motion)", "verb"),
    (_STOP_POST, "demande d'arrêt", r"\bs[ .\-_*]+t[ .\-_*]+o[ .\-_*]+p\b", ""),
    (_STOP_POST, "demande d'arrêt", r"\bar+e+t+(?:ez|er|e|es|ons)\b", "verb"),
    (_STOP_POST, "demande de retrait", r"\b(?:retirez|supprimez|enlevez|effacez|cessez)\b", "verb"),
    (
        _STOP_POST,
        "demande de retrait",
        r"\b" + _STOP_VERBS + r"\w* (?:mon|ma|mes|le|la|les|ce|cette|cet|this|my|the|votre) "
        r"(?:annonce|post|publication|message|demande|partage|repost|relais|tweet|pouet|toot|statut|"
        r"request|retweet)s?\b",
        "verb",
    ),
    (
        _STOP_POST,
        "demande de retrait",
        r"\b(?:merci de|pouvez vous|pourriez vous|vous pouvez|veuillez|je veux|je voudrais|je souhaite) "
        r"(?:bien |que on |qu on )?" + _STOP_VERBS + r"\w*\b",
        "verb",
    ),
    (
        _STOP_POST,
        "demande de retrait",
        r"\b(?:retire|supprime|enleve|efface|vire)s? (?:ca|cela|le|la|les|tout|moi|mon|ma|mes|this|it)\b|"
        r"\b(?:retire|supprime|enleve|efface)s?(?=[ \t]*(?:$|[^\w\s]))|\bca suffit\b|\bassez\W*$",
        "verb",
    ),
    (_STOP_POST, "plus besoin", r"(?:\b(?:je|on) (?:ne )?(?:en )?(?:ai|a) )?\bplus besoin\b", "weak"),
    (_STOP_POST, "ne cherche plus", r"\bje (?:ne )?(?:suis plus en recherche|cherche plus)\b", "weak"),
    (_STOP_POST, "ne cherche plus", r"\bje ai arrete de (?:chercher|postuler)\b", "weak"),
    (_STOP_POST, "demande de retrait", r"\bplease (?:remove|delete|take down|unshare|stop)\b", ""),
    (
        _STOP_POST,
        "demande de retrait",
        r"\b(?:remove|delete|take down|unshare) (?:it|this|that|my post|the post|my request|"
        r"the repost|your repost|me)\b",
        "verb",
    ),
    (_STOP_POST, "ne cherche plus", r"\bno longer (?:need|looking|searching|interested)\b", "weak"),
    (_STOP_POST, "refus", r"^\W*non merci\W*$", ""),
    (
        _STOP_POST,
        "refus",
        r"\bpas interessee?s?\b|\bne (?:me )?interesse (?:pas|plus)\b|\bnot interested\b",
        "",
    ),
    # -- stop: the person (contact, data, hostility) -------------------------------------------------
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\bne (?:\w+ ){0,2}plus (?:me |nous )?(?:etre )?" + _CONTACT_VERBS + r"\w*",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:ne |me |ne me |ne nous )" + _CONTACT_VERBS + r"\w* plus\b",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:do not|never) (?:contact|messag|text|email|mail|dm|tag|mention|shar|repost|"
        r"retweet|relay|writ|spam)\w*\b",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:stop|quit) (?:contact|messag|text|email|mail|dm|tag|mention|repost|retweet|writ|spam)\w*\b",
        "verb",
    ),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\bno more (?:messages?|dms?|mails?|emails?|tags?|mentions?|reposts?)\b",
        "",
    ),
    (_STOP_PERSON, "refus d'être contacté", r"\bunsubscribe\b|\bdes(?:abonn|inscri)\w*", ""),
    (_STOP_PERSON, "refus d'être contacté", r"\barr\w* de me \w+", ""),
    (
        _STOP_PERSON,
        "demande d'effacement",
        r"\b" + _STOP_VERBS + r"\w* (?:\w+ ){0,2}" + _DATA + r"\b|\b" + _DATA + r" (?:\w+ ){0,2}(?:soient )?"
        r"(?:effac|supprim)\w*|\beffacement\b",
        "",
    ),
    (_STOP_PERSON, "demande d'effacement", r"\bdroit a (?:le )?oubli\b|\brgpd\b|\bgdpr\b|\bcnil\b", ""),
    (
        _STOP_PERSON,
        "demande d'effacement",
        r"\b(?:delete|erase|remove) (?:all )?(?:my|of my) (?:data|information|info|details|account)\b",
        "",
    ),
    (_STOP_PERSON, "demande d'effacement", r"\boubliez moi\b|\bforget me\b", ""),
    (
        _STOP_PERSON,
        "question hostile",
        r"\bqui (?:etes|est) vous\b|\bvous etes qui\b|\bce est qui\b|\bqui vous a (?:donne|permis|autorise)\b|"
        r"\bce est quoi ce (?:compte|truc|bordel)\b|\bcomment avez vous (?:eu|obtenu|trouve)\b|\bde quel droit\b|"
        r"\bne vous connais pas\b|\bai rien demande\b|\bqui vous a demande\b",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être relayé",
        r"\b(?:jamais|pas) (?:\w+ ){0,2}(?:autorise|permis|demande|donne (?:mon|mon accord))|"
        r"\bsans (?:mon|ma) (?:accord|autorisation|consentement|permission)\b|"
        r"\bne veux pas (?:de (?:votre|vos|ton|ta)|que vous|etre)\b|\bpourquoi (?:vous|tu) (?:me|m)\b|"
        r"\bwithout my (?:consent|permission)\b|\bdo not want (?:your|you|to be)\b",
        "",
    ),
    (_STOP_PERSON, "question hostile", r"\bwho (?:are you|is this|the hell|asked)\b|\bhow did you get\b", ""),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\blaisse[sz]? (?:moi|nous) (?:tranquille|en paix)\b|\b(?:fout|fich)\w* (?:moi )?la paix\b|\blachez moi\b|"
        r"\bleave me alone\b|\bharcel\w*|\bharass\w*|\bspam\w*|\barnaque\w*|\bscam\w*|\bsignal(?:er|e|ee)\b|"
        r"\bporter plainte\b|\breport(?:ed|ing)? (?:you|this)\b",
        "",
    ),
    # -- still searching -----------------------------------------------------------------------------
    (
        _SEARCHING,
        "embauche niée",
        r"\b(?:pas|rien|jamais|toujours pas) (?:encore |toujours |vraiment |du tout |de nouveau )?"
        r"(?:re)?(?:trouvee?|trouver|signee?|embauchee?|recrutee?|decroche|engagee?|prise?|retenue?)\b",
        "",
    ),
    (
        _SEARCHING,
        "embauche niée",
        r"\b(?:not|never) (?:yet |been |even )*(?:found|hired|got|landed|signed)\b",
        "",
    ),
    (
        _SEARCHING,
        "toujours en recherche",
        r"\b(?:pas encore|toujours pas|toujours rien|rien pour (?:le )?(?:moment|instant)|rien en vue|"
        r"pour (?:le )?(?:moment|instant)|pas pour le moment|not yet|still (?:looking|searching|unemployed|nothing)|"
        r"(?:toujours|encore) (?:a la |en )recherche|en recherche|ma recherche|je cherche (?:encore|toujours)|"
        r"je continue|continuez|keep (?:sharing|going)|au chomage|chomeu\w*|(?:des |un |deux |quelques )entretiens?|"
        r"pistes?|je attends|aucune? (?:reponse|nouvelle|piste|retour|offre)|garde espoir|"
        r"pas de (?:cdi|cdd|job|poste|travail|boulot|taf|contrat|reponse)|malheureusement|helas|unfortunately|"
        r"(?:toujours|encore) sans (?:emploi|travail|poste|boulot)|(?:la )?recherche continue|galere\w*|demandeu\w* de emploi|job hunting|toujours (?:dans|a) la)\b",
        "",
    ),
    (
        _YES,
        "oui",
        r"^\W*(?:o+u+i+s?|ouais|yes+|yep|yup|yeah|absolument|tout a fait|affirmatif|bien sur|carrement)\b",
        "",
    ),
    (
        _NO,
        "non",
        r"^\W*(?:no+n+|nope|nan|nn|no|negatif|nada|niet|que dalle|pas du tout|malheureusement non|helas non)\b",
        "",
    ),
    (
        _IRONY,
        "ironie",
        r"\b(?:enfin|en fait|ou plutot|plutot|euh|lol|mdr|haha|ahah|bref) non\b|\bnon je (?:rigole|plaisante|blague)\b|"
        r"\bje (?:rigole|plaisante|blague)\b|\b(?:donc|bref|du coup|so) (?:non|no)\b|\bpas vraiment\b|\btu parles\b|\bsi seulement\b|\bjust kidding\b|"
        r"\bn a pas ete (?:validee?|concluante?|renouvelee?)\b|\bpas ete (?:validee?|concluante?|renouvelee?)\b",
        "",
    ),
)
_RULES = tuple((kind, label, re.compile(pattern), cancel) for kind, label, pattern, cancel in _SPECS)

# When nothing else decided: a refusal word, or a negation next to the relay/contact/data vocabulary, is
# a stop (when in doubt between stop and anything else, stop).
_DOUBT_STOP = re.compile(
    r"\b(?:retir|supprim|enlev|effac|arret|cess|desinscri|desabonn|refus|interdi)\w*|\bpaix\b|\btranquille\b|"
    r"\b(?:pas|plus|jamais|aucun) (?:\w+ ){0,3}(?:le )?droit\b|\bne (?:\w+ ){0,3}plus\b"
)
_DOUBT_TOPIC = re.compile(
    r"\b(?:relai|relay|partag|repost|retweet|post|annonce|publication|message|contact|donnees|compte|liste|"
    r"service|mention|tag|ecri|utilis)\w*"
)
_STOP_EMOJI = frozenset({"\U0001f6d1", "\u26d4", "\U0001f6ab", "\U0001f595"})  # 🛑 ⛔ 🚫 🖕
_NOT_STOP = frozenset({"spot", "stp"})  # permutations of "stop" that are words ("stp" = s'il te plaît)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_MENTION_OR_URL = re.compile(r"(?:https?://|www\.)\S+|@[\w.\-]+")
_ELISION = re.compile(r"\b(qu|[cdjlmnst])'")
_CLAUSE = re.compile(r"[.!?;,:\n()…]|\b(?:mais|but|et|and|donc|so)\b")
_WORD = re.compile(r"[a-z0-9]+")
_RUNS = re.compile(r"([a-z])\1{2,}")  # "ouiiii", "trouvééé", "stooop": three or more of a letter


def fold(text: str) -> str:
    """Lowercase, accents and mentions off, French elisions and English contractions spelled out."""
    text = _MENTION_OR_URL.sub(" ", text.translate(_APOSTROPHES))
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("n't", " not").replace("i'm", "i am").replace("i've", "i have")
    text = _ELISION.sub(lambda m: m.group(1) + "e ", text)  # j'ai -> je ai, n'ai -> ne ai, qu'il -> que il
    text = text.replace("#", " ").replace("-", " ").replace("_", " ")
    return re.sub(r"[ \t]+", " ", text)


def _fold_answer(text: str) -> str:
    """`fold`, plus what answers typed fast do: repeated letters, "jai" / "j ai", "c bon"."""
    folded = _RUNS.sub(r"\1", fold(text))
    folded = re.sub(r"\bj ?ai\b", "je ai", folded)
    folded = re.sub(r"\bc (?=bon|est|fait)", "ce est ", folded)
    return re.sub(r"\bdont\b", "do not", folded)


def _cancelled(folded: str, start: int, cancel: frozenset[str]) -> bool:
    before = _CLAUSE.split(folded[:start])[-1]
    return any(word in cancel for word in _WORD.findall(before)[-3:])


def _bound_negation(folded: str, start: int) -> bool:
    """Is the verb at `start` negated by the word right before it ("ne (le) retirez", "don't stop")?"""
    words = _WORD.findall(_CLAUSE.split(folded[:start])[-1])
    while words and words[-1] in _PRONOUNS:
        words.pop()
    return bool(words) and words[-1] in _BOUND_NEG


def _misspelt_stop(folded: str) -> str:
    """A token that is "stop" typed fast ("stpo", "sotp", "stopp"): the word, or ""."""
    for word in _WORD.findall(folded):
        squeezed = re.sub(r"(.)\1+", r"\1", word)
        if word == "stop" or squeezed in _NOT_STOP or word in _NOT_STOP:  # "stop" itself: the rules
            continue
        if squeezed[:1] == "s" and len(squeezed) == 4 and sorted(squeezed) == sorted("stop"):
            return word
    return ""


@dataclass(slots=True)
class _Signal:
    kind: str
    label: str
    phrase: str


def _signals(text: str) -> tuple[list[_Signal], str]:
    folded = _fold_answer(text)
    found: list[_Signal] = []
    for kind, label, pattern, cancel in _RULES:
        for match in pattern.finditer(folded):
            phrase = match.group(0).strip()
            if cancel == "hire":
                if _cancelled(folded, match.start(), _COND):
                    continue  # "je vous dirai si j'ai trouvé": nothing said yet
                if _cancelled(folded, match.start(), _NEG):
                    found.append(_Signal(_SEARCHING, "embauche niée", phrase))
                    continue
            elif cancel == "verb" and (
                _bound_negation(folded, match.start()) or folded[match.end() :].startswith(" pas")
            ):
                # "ne supprimez pas", "n'arrêtez pas", "don't stop": keep relaying, still looking.
                found.append(_Signal(_SEARCHING, "arrêt refusé", phrase))
                continue
            elif cancel == "weak" and (
                _cancelled(folded, match.start(), _WEAK_NEG) or _cancelled(folded, match.start(), _COND)
            ):
                continue
            found.append(_Signal(kind, label, phrase))
            break
    misspelt = _misspelt_stop(folded)
    if misspelt and not any(s.kind == _STOP_POST for s in found):
        found.append(_Signal(_STOP_POST, "demande d'arrêt (mal orthographiée)", misspelt))
    emoji = next((c for c in text if c in _STOP_EMOJI), "")
    if emoji:
        found.append(_Signal(_STOP_POST, "demande d'arrêt (emoji)", emoji))
    return found, folded


def _reason(signal: _Signal) -> str:
    return f"{signal.label} : « {signal.phrase} »"


def classify_reply(text: str) -> ReplyClassification:
    """The intent of a seeker's answer, with the reasons that decided it (see the module docstring)."""
    if not text or not text.strip():
        return ReplyClassification("other", ("réponse vide",))
    signals, _folded = _signals(text)
    by_kind: dict[str, list[_Signal]] = {}
    for signal in signals:
        by_kind.setdefault(signal.kind, []).append(signal)
    hired = by_kind.get(_HIRED, [])
    irony = by_kind.get(_IRONY, [])
    person = by_kind.get(_STOP_PERSON, [])
    post = by_kind.get(_STOP_POST, [])
    if person:
        # Not to be contacted, data erased, or hostile: whatever else is said, nothing more is sent.
        extra = tuple(_reason(s) for s in hired[:1])
        return ReplyClassification(
            "stop", (_reason(person[0]), *extra), person[0].phrase, mentions_hire=bool(hired) and not irony
        )
    if hired and not irony:
        # "J'ai trouvé, vous pouvez retirer mon annonce": the hire withdraws the request anyway.
        extra = tuple(_reason(s) for s in post[:1])
        return ReplyClassification("hired", (_reason(hired[0]), *extra), hired[0].phrase)
    if post:
        return ReplyClassification("stop", (_reason(post[0]),), post[0].phrase)
    searching = by_kind.get(_SEARCHING, []) + irony + by_kind.get(_NO, [])
    if searching:
        return ReplyClassification("searching", tuple(_reason(s) for s in searching[:2]), searching[0].phrase)
    yes = by_kind.get(_YES, [])
    if yes:
        return ReplyClassification(
            "hired", (_reason(yes[0]) + " (réponse à « avez-vous trouvé ? »)",), yes[0].phrase
        )
    doubt = _DOUBT_STOP.search(_folded)
    if doubt and _DOUBT_TOPIC.search(_folded):
        # Not one of the phrasings above, but refusal words about the relay or contact: stop.
        return ReplyClassification(
            "stop", (f"refus probable (dans le doute, arrêt) : « {doubt.group(0)} »",), doubt.group(0)
        )
    return ReplyClassification("other", ("ni embauche, ni recherche, ni demande d'arrêt",))


def detect_reply_intent(text: str) -> ReplyIntent | None:
    """What withdraws a request: "hired" (also withdraws) or "withdraw" (stop), else None."""
    result = classify_reply(text)
    if result.intent == "hired":
        return ReplyIntent("hired", result.phrase)
    if result.intent == "stop":
        return ReplyIntent("withdraw", result.phrase)
    return None
