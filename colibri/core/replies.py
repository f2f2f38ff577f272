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
- `other`: thanks, greetings, a question about the service, a promise to answer later, a hire
  only announced as a condition ("je vous dirai si j'ai trouvé").

**Stop by default.** An answer is `stop` unless there is positive evidence of a hire, of a search
still going on, or of something else. Two readers look for it: the rules below (lexicons written by
meaning, on text folded the way answers are typed fast: accents off, letters repeated for emphasis
collapsed, SMS spellings spelled out, English) and a learned model
(`colibri.core.reply_model`, character n-grams, trained by `bench/train_reply_model.py`). The model
can turn a non-stop reading of the rules into a stop when it reads a stop clearly; it never turns a
stop the rules read into anything else, and an answer neither reads with confidence is a stop.

Negations are read narrowly on purpose: "ne supprimez pas" cancels a stop only when the negation
is bound to the verb, never a "pas" earlier in the sentence ("pas trouvé donc arrêtez" is a stop).
A condition ("je vous dirai si j'ai trouvé") cancels a hire without making it a denial.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from colibri.core.reply_model import SMS, ReplyModel
from colibri.core.reply_model import load_default as load_model

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


# Signal kinds. "stop_post" withdraws the relay (a hire may carry it); "stop_person" is about the
# person (no contact, erase, hostile): it wins even over a hire.
_STOP_POST, _STOP_PERSON, _HIRED, _SEARCHING, _YES, _NO, _IRONY = (
    "stop_post", "stop_person", "hired", "searching", "yes", "no", "irony",
)  # fmt: skip

_STATUS_KIND = "status"  # retiring, studies, working for oneself with no activity said: news for a human
_REFUSED = "arrêt refusé"
_LATER = "later"  # a hire only spoken of as a condition ("je vous dirai si j'ai trouvé")
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
    r"(?:re)?(?:contact|ecri|relanc|sollicit|envoy|spam|tagu|mentionn|identifi|harcel|derang|recevoir)"
)
# Relaying is about the post, not the person: "j'ai trouvé, ne me relayez plus" is a hire (withdrawn).
_RELAY_VERBS = r"(?:re)?(?:relay|relai|partag|publi|diffus|apparait|repost|retweet|cit)"
_DATA = r"(?:donnees|data|informations|infos|coordonnees|compte|profil|nom|details)"
_DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|bientot|monday|tuesday|tomorrow)"
# What one starts or looks for that is not a job: "j'ai commencé une formation", "je cherche un logement".
_NOT_A_JOB = (
    r"(?:(?:une|un|ma|mon|le|la|les|des|en|de|du) )?(?:formation|stage|bilan|cours|reconversion|ecole|"
    r"recherches?|demarches?|candidatures?|benevolat)\b"
)
_NOT_JOB = (
    r"(?:(?:plutot|aussi|surtout|juste|seulement|avant tout) )?(?:(?:un|une|des|du|le|la|a|de) )?"
    r"(?:logement|appart\w*|maison|colocation|coloc|chambre|studio|location|voiture|garde|nounou|"
    r"baby ?sitter|benevol\w*|colocataire|chat|chien|local|terrain|velo|medecin|dentiste|place en creche)\b"
    r"(?![^.!?\n]*\b(?:job|boulot|emploi|travail|poste|cdi|cdd|taf|contrat)\b)"  # "un appart et un boulot"
)
# A search status right after a word of refusal makes it sadness, not a stop ("non non non, toujours rien").
_STILL = r"(?:toujours|encore|pas encore|rien|pas trouve|je cherche|malheureusement|helas|nada|que dalle|aucune?)\b"

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
        r"\bje (?:travaille|bosse|suis salariee?) (?:la bas |ici )?(?:depuis|chez|dans|en|a|pour|comme|maintenant)\b|"
        r"\bje viens de (?:signer|commencer|demarrer|etre (?:embauch|recrut|pris|engag))\w*(?! (?:une |ma |un |mon )?(?:formation|stage|bilan|essai)\b)|"
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
        r"(?!"
        + _NOT_A_JOB
        + r")(?:(?:le|la|ce|en|dans|chez|un|une|mon|ma|my|on|next|a|an) |"
        + _DAYS
        + r"|\d)",
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
        _STOP_POST,
        "refus d'être relayé",
        r"\bne (?:\w+ ){0,2}plus (?:me |nous |le |la |les )?(?:etre )?"
        + _RELAY_VERBS
        + r"\w*|\b(?:ne |me |ne me |ne le |ne la )"
        + _RELAY_VERBS
        + r"\w* plus\b",
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
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:no mas|nunca mas|ya no|nao (?:quero|mais)|no quiero|non voglio|non piu|mai piu|ich will (?:nicht|keine)|kein interesse|no me interesa|nao me interessa|non mi interessa|genug)\b|\bunsubscribe\b|\bdes(?:abonn|inscri)\w*",
        "",
    ),
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
    (_STOP_PERSON, "demande d'effacement", r"\boubliez moi\b|\bforget me\b|\b(?:me|nous) oubli\w*", ""),
    (
        _STOP_PERSON,
        "question hostile",
        r"\bqui (?:etes|est) vous\b|\bvous etes qui\b|\bce est qui\b|\bqui vous a (?:donne|permis|autorise)\b|"
        r"\bce est quoi ce (?:compte|truc|bordel)\b|\bcomment avez vous (?:eu|obtenu|trouve)\b|\bde quel droit\b|"
        r"\bne vous connais pas\b|\bjamais entendu parler de vous\b|\b(?:pas|jamais) signee? pour (?:ca|cela)\b|\bai rien demande\b|\bqui vous a demande\b",
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
        r"\b(?:porter?|porterai|portons) plainte\b|\bplainte\b|\bavocat\b|\breport(?:ed|ing)? (?:you|this)\b",
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
        r"(?<!convient )(?<!va )(?<!plait )(?<!suffit )(?<!bien )pour (?:le )?(?:moment|instant)|pas pour le moment|not yet|still (?:looking|searching|unemployed|nothing)|"
        r"(?:toujours|encore) (?:a la |en )recherche|en recherche(?! de "
        + _NOT_JOB
        + r")|ma recherche|je cherche (?:encore|toujours)|"
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
# Broader lexicons, written by meaning rather than from examples: each line is a family of phrasings.
_STOPV = r"(?:retir|supprim|enlev|effac|arret|aret|cess|stop|annul|depubli)"
_MORE_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- hired ---------------------------------------------------------------------------------------
    (
        _HIRED,
        "embauche",
        r"\b(?:on|ils|elles?|la boite|le patron|la patronne) me (?:a|ont) (?:pris|embauch|recrut|gard|engag|retenu|selectionn|titularis|dit oui)\w*",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\b(?:ce est|cest|tout est) signee?\b|\baffaire conclue\b|\b(?:cdi|cdd|contrat|job|poste|taf) en poche\b|\ben poche\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\bje ai (?:eu )?(?:le|ce) (?:job|poste|boulot|taf|contrat)\b|\ble poste est (?:pour moi|a moi)\b|\bje ai eu une reponse positive\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\b(?:premier jour|premiere semaine|premiere journee|mes debuts|nouvelle aventure|nouvelle boite|nouveau (?:job|poste|boulot|travail|taf))\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\bje (?:re)?(?:travaille|bosse) (?:a nouveau|de nouveau|maintenant|enfin|desormais)\b|\bje retravaille\b|\bje rebosse\b|\brepris (?:le travail|un poste|le boulot)\b|\bretour (?:a le|en) emploi\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\b(?:ma )?candidature (?:a ete )?(?:retenue|acceptee|validee)\b|\bils me ont dit oui\b|\breponse positive\b|\bca a marche\b|\bmission accomplie\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\bje suis (?:maintenant |enfin |desormais )?(?:salariee?|employee?|titularisee?|en cdi|en cdd|en interim|en contrat|pris|prise|chez)\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\bperiode de essai (?:validee|confirmee|reussie)\b|\b(?:prolongee?|transformee?|converti\w*) en cdi\b|\bcdd (?:devenu|transforme)\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\b(?:job|emploi|boulot|travail|taf|poste|cdi|cdd|contrat|mission) (?:trouvee?|decrochee?|obtenue?|signee?)\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"(?:^|[^\w\s]|\b(?:oui|yes|enfin|bon|bref|voila|ouais)\b)[ \t]*(?:re)?trouvee?s? (?:un|une|du|mon|ma|le|la) (?:nouveau |nouvel |nouvelle |super )?"
        + _JOB
        + r"\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\bje ai (?:un|une|du|mon|ma) (?:emploi|contrat|job|travail|poste|boulot|taf|cdi|cdd)\b(?! (?:a|en vue|a pourvoir|pour)\b)",
        "hire",
    ),
    (_HIRED, "embauche", r"\bje (?:travaille|bosse)(?=[ \t]*(?:$|[^\w\s]|merci))", "hire"),
    (
        _HIRED,
        "embauche",
        r"\b(?:je )?(?:commence|demarre|debute|reprends)\b(?: le travail| le boulot)? (?:demain|lundi|mardi|mercredi|jeudi|vendredi|la semaine prochaine|le mois prochain|en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre))\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\bje ai (?:accepte|dit oui a) (?:leur|une|la|un|le|cette|son) (?:proposition|offre|poste|contrat)\b|\benfin du (?:travail|boulot|taf)\b|\byoupi\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\b(?:i am |i have been |i got |just got |now )?(?:employed|landed a job|landed a role|offer accepted)\b|\bi (?:have )?(?:accepted|took) (?:an|the|a|their) (?:offer|position|job)\b|\btook it\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\b(?:new job|job found|got a (?:job|position|role)|started a new (?:job|position|role)|signed my contract|i am working now|working now)\b|\b(?:yes )?i did\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\bje (?:rejoins|integre) (?:une|un|le|la|l|les|leur|son|sa)\b(?! ?(?:collectif|groupe|asso\w*|communaute|reseau|benevol\w*|discord|serveur))|\bje ai rejoint\b|\b(?:mon|ma) (?:embauche|titularisation|signature)\b|\b(?:cree|creer|lance|lancer|monte|monter|ouvert|ouvrir) (?:mon|ma) (?:petite? |propre |nouvelle? )?(?:auto ?entreprise|entreprise|boite|societe|activite|commerce)\b|\bje suis (?:auto ?entrepreneu\w*|a mon compte|freelance|independant\w*)\b|\bje me suis mise? a mon compte\b|\bje deviens (?:auto ?entrepreneu\w*|independant\w*|freelance)\b|^\W*(?:oui|yes|ouais)\W+enfin\b|\breussi (?:le|mon) concours\b|\bje suis fonctionnaire\b|\bils me prennent\b|\bevidemment que oui\b|^\W*got it\W*$|\bmission (?:de \d+ \w+ )?en cours\b|\bplus (?:au chomage|sans emploi|demandeu\w* de emploi)\b|\bsortie? du chomage\b",
        "",  # the negation is the hire ("je ne suis plus au chômage"): never cancelled
    ),
    # -- stop: the relay -----------------------------------------------------------------------------
    (
        _STOP_POST,
        "demande d'annulation",
        r"\bannul(?:ez|er|e|es) (?:ma|mon|mes|la|le|les|tout|ce|cette|svp)\b|\bannulez\b|\bje annule\b|\bje (?:retire|reprends) (?:ma|mon) (?:demande|annonce|candidature|post|accord)\b",
        "verb",
    ),
    (
        _STOP_POST,
        "demande de retrait",
        r"\b(?:clotur|clore|fermez (?:mon|ma|le|la))\w*|\bdepubli\w*|\bde ?repost\w*|\bunrepost\w*|\bunshare\w*|\bdesactiv\w*",
        "verb",
    ),
    (
        _STOP_POST,
        "abandon",
        r"\bje (?:ai )?abandonn\w*|\b(?:je )?laisse(?:z)? tomber\b|\bi (?:give|gave) up\b|\bje (?:me retire|quitte le|ne participe plus)\b|\bfin de (?:la )?recherche\b",
        "weak",
    ),
    (
        _STOP_POST,
        "plus besoin",
        r"\bplus (?:la peine|necessaire|utile|de actualite|de actu)\b|\b(?:inutile|pas la peine|pas besoin) de (?:me |nous )?(?:relanc|relai|relay|partag|continu|ecri|demand|contact)\w*",
        "weak",
    ),
    (_STOP_POST, "pause", r"\b(?:en )?pause\b|\bje fais une pause\b", "weak"),
    (
        _STOP_POST,
        "demande de retrait",
        r"\b(?:retirer|supprimer|enlever|effacer|arreter|stopper|depublier)(?=[ \t]*(?:$|[^\w\s]|svp|merci|please))|^\W*(?:a |merci de )?(?:retirer|supprimer|enlever|effacer|retrait)\b",
        "verb",
    ),
    (
        _STOP_POST,
        "demande d'arrêt",
        r"\b(?:vous pouvez|tu peux|on peut|on) (?:arreter|arret|stopper|stop|arete)\w*|\bon arrete\b|\bbasta\b|\bhalte\b|\bsuffit\b|\bassez\b(?! (?:de temps|bien|bon|long|vite))|\bras le bol\b|\ben ai marre\b|\bmarre de\b",
        "verb",
    ),
    (
        _STOP_POST,
        "refus",
        r"^\W*(?:non|no|nn|nah|nope) (?:merci|thanks|thank you|thx)\b(?! de\b)|\bnon merci\b(?! de\b)|\bsans facon\b|\bca ira\b|\bno thanks?\b|\bno thank you\b|\bnot looking anymore\b|\b(?:stopped|quit) looking\b|\bnah\b",
        "",
    ),
    (
        _STOP_PERSON,
        "refus",
        r"\bje (?:ne )?(?:veux|souhaite|voudrais|desire) (?:pas|plus|rien)\b|\b(?:veux|souhaite) plus\b|\bje ne (?:veux|souhaite|desire) (?:pas|plus)\b",
        "stopneg",
    ),
    (
        _STOP_POST,
        "refus",
        r"\bje (?:ne )?prefere (?:pas|ne pas|que (?:vous )?(?:ne|arret|retir|on ne|personne))|\bje prefere (?:gerer|me debrouiller|chercher) (?:seule?|par moi|tout seul|sans)|\bje (?:gere|me debrouille) (?:seule?|tout seul|sans vous)\b",
        "stopneg",
    ),
    (
        _STOP_POST,
        "refus",
        r"\bne (?:le |la |les |me |nous )?(?:partag|relai|relay|publi|diffus|repost|retweet|utilis|touch|cit|mentionn|identifi|tagu)\w* (?:pas|plus|rien|jamais)\b|\bpas de (?:partage|relais|repost|relance|message)s?\b|\baucun (?:contact|partage|relais|message)\b",
        "",
    ),
    (
        _STOP_POST,
        "refus",
        r"\b(?:leave me out|take (?:me|it|this|my \w+) (?:off|down)|opt(?:ing)? ?out|remove (?:my|me|this|it|the)|delete (?:this|it|my|that))\b|\b(?:stop|enough)\b",
        "verb",
    ),
    (
        _STOP_POST,
        "refus",
        r"\bi (?:do not|did not|never) (?:want|ask|agree|consent)\w*\b|\bnot interested\b|\bnot anymore\b",
        "",
    ),
    (
        _STOP_POST,
        "fin",
        r"^\W*(?:fin|termine|terminee|fini|ce est (?:fini|termine)|ce etait (?:fini|termine))\b(?! (?:de|le|la)\b)|\btermine pour moi\b",
        "",
    ),
    (
        _STOP_POST,
        "refus",
        r"\bplus de (?:messages?|partages?|relances?|relais|mails?|notifs?|notifications?|tags?|mentions?|reposts?|sollicitations?|questions?)\b|^\W*(?:non|no)\W+stop\b|^\W*non\W+non\W+(?:et )?non\b(?!\W*"
        + _STILL
        + r")",
        "",
    ),
    (
        _STOP_POST,
        "demande d'arrêt",
        r"\bsuffi\w*|\bar+e?t+(?:ez|er|e|es)?\b|\bare+t+(?:ez|er|e|es)?\b",
        "verb",
    ),
    (
        _STOP_POST,
        "refus",
        r"\b(?:me )?gene\b|\baime pas (?:que|qu on|etre)\b|\ballez voir ailleurs\b|\b(?:pas besoin|gardez|garde) (?:de )?(?:vos|tes) conseils\b|\bje (?:ne )?prefere (?:gerer|me debrouiller|chercher) (?:\w+ )?(?:seule?|par moi|tout seul|sans)\b",
        "",
    ),
    (
        _STOP_POST,
        "refus",
        r"^\W*(?:pas question|hors de question|surtout pas|jamais|non et non|pas besoin|no way|never)\b|\bpas besoin(?: merci)?\W*$|\bno longer (?:job hunting|\w+ing)\b",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"^\W*encore(?: vous| un message| une fois)?\W*$|^\W*encore vous\b|\bvous etes (?:penibles?|lourds?|lourdes?|chiants?|relous?|insupportables?|agacants?|nuls?)\b|\bvous (?:lachez|arretez) jamais\b",
        "",
    ),
    (
        _STOP_POST,
        "refus",
        r"\bpas concernee?s?\b|\bje ne suis pas (?:a la |en )recherche\b|\bje ne cherche pas (?:de|du|un|une|le|la|ce) (?:travail|emploi|job|poste|boulot|taf)\b|^\W*no need\b|\bje (?:decline|refuse)\b(?! (?:une|le|la|l|leur|cette|un|des) ?(?:offre|poste|proposition|cdd|cdi|contrat|mission))|"
        r"\bmais ce est (?:termine|fini)\W*$|\b(?:je mets|mettre|mettez|mets) fin\b|\baucune? (?:relance|contact|partage|message|suivi)s?\b|\bpas de suivi\b",
        "",
    ),
    (
        _SEARCHING,
        _REFUSED,
        r"\b(?:cherche|veux|voulais|souhaite|demande|dis|ai dit|ai jamais dit) (?:pas|jamais) (?:a |de |que vous )?(?:"
        + _STOPV
        + r")\w*|\bne (?:me|nous) oubli\w* pas\b|\bdo not forget\b",
        "",
    ),
    # -- stop: the person ----------------------------------------------------------------------------
    (
        _STOP_PERSON,
        "question hostile",
        r"\bvous regarde\b|\bwho gave you\b|\bhow do you know\b|\b(?:vous sortez|sortez) de ou\b|\bde ou vous\b|\bon se connait\b|\b(?:un|une|des) (?:bot|robot|ia)\b|\bcompte bizarre\b|\bce delire\b|\bcomment (?:vous )?avez (?:vous )?(?:eu|obtenu|trouve)\b|\bqui vous a (?:\w+ )?(?:permis|autorise|donne|dit)\b|\bpersonne ne vous a\b",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être relayé",
        r"\b(?:je ai |je ne ai )?rien demande\b|\bjamais demande\b|\bpas (?:donne )?(?:mon|d) ?accord\b|\bpas de accord\b|\bje me oppose\b|\bopposition\b|\bsans (?:mon )?(?:consentement|accord|autorisation)\b|\bi (?:never|did not) (?:ask|agree)\w*",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\bbloqu\w*|\bblock\w*|\bsignale\w*|\breport(?:ed|ing)?\b|\bdegag\w*|\bcasse(?:z)? (?:toi|vous)\b|\btg\b|\bta gueule\b|\bferme[zr]? la\b|\bva te faire\b|\ballez vous faire\b|\bfuck\w*|\bf off\b|\bgo away\b|\bget lost\b|\bback off\b|\bcreepy\b|\bsaoul\w*|\bsoul(?:ez|er)\b|\brelou\b",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:mele[zr]?|occupe[zr]?) vous de vos\b|\bne vous regarde pas\b|\bvous regarde pas\b|\bce est prive\b|\blach\w* (?:moi|nous|le affaire)\b|\blaisse[zr]? (?:moi|nous)\b|\boubli\w* moi\b|\bpitie\b|\bne revenez\b|\bplus jamais\b|\bpas a vous repondre\b|\barretez de me\b|\bcombien de fois\b|\bdeja dit\b",
        "",
    ),
    (
        _STOP_PERSON,
        "demande d'effacement",
        r"\b(?:retir|supprim|enlev|effac|ray|sort)\w* (?:moi|mon nom|mon profil|mon compte|mes infos?)\b|\b(?:de|sur) (?:vos|votre) (?:listes?|fichiers?|base|site)\b|\b(?:my|your) (?:list|data|info)\b",
        "",
    ),
    # -- still searching -----------------------------------------------------------------------------
    (
        _SEARCHING,
        "arrêt refusé",
        r"\b(?:pas|plus) besoin de (?:"
        + _STOPV
        + r")\w*|\bpas dit de (?:"
        + _STOPV
        + r")\w*|\bne "
        + _STOPV
        + r"\w* (?:rien|surtout|jamais)\b|\bn(?:e)? ?(?:en)?lev\w* pas\b|\b(?:laissez|gardez) (?:le|la|mon|ma) (?:post|annonce|publication|message)\b|\bkeep (?:it|sharing|my)\b|\bdo not (?:remove|delete|stop|take)\b",
        "",
    ),
    (
        _SEARCHING,
        "toujours en recherche",
        r"\b(?:toujours|encore) (?:disponible|dispo|sur le marche|en attente|inscrite?|chez|au rsa|sans)\b|\bje galere\b|\bne mord pas\b|\bbredouille\b|\bon continue\b|\blache rien\b|\bje y crois\b|\bpresque\b|\bpeut etre bientot\b",
        "",
    ),
    (
        _SEARCHING,
        "toujours en recherche",
        r"\b(?:encore )?(?:un |des |que des )?refus\b|\brecalee?\b|\bpas (?:ete )?retenue?s?\b|\b(?:donnee?|attribuee?|pris|choisi|retenu|prefere|trouve|embauche|recrute|engage) (?:a )?quelqu.un de autre\b|\bun autre candidat\b|\brompue?\b|\bperdu mon (?:job|emploi|travail|poste|cdd)\b|\bfin de (?:contrat|mission|cdd)\b",
        "",
    ),
    (
        _SEARCHING,
        "toujours en recherche",
        r"\bje (?:re)?cherche\b(?! "
        + _NOT_JOB
        + r")|\bje (?:continue|postule)\b|\bje ne trouve rien\b|\bje trouve rien\b|\brien (?:de rien|trouve|de concret|de signe|du tout)\b|\bpersonne (?:ne )?(?:me )?(?:a )?rappel\w*|\baucun (?:appel|retour|entretien)\b|\bque des (?:refus|reponses negatives|non)\b|\bpeu de retours?\b|\bzero (?:reponse|retour|appel)\b",
        "",
    ),
    (
        _SEARCHING,
        "toujours en recherche",
        r"\b(?:continue[zr]?|merci de continuer) (?:a |de )?(?:partag|relay|relai|chercher|postul|diffus)\w*|\brelayez encore\b|\brepartag\w*|\bne retirez rien\b|\bje (?:attends|attend) (?:une|des|le|la|leur)\b|\bpas encore\b",
        "",
    ),
    (
        _SEARCHING,
        "toujours en recherche",
        r"\bau point mort\b|\bca (?:ne )?bouge pas\b|\brien ne bouge\b|\brate\b|\bje devrais avoir une reponse\b|\b(?:un |mon )?(?:deuxieme |second |autre |dernier )?entretien (?:lundi|mardi|mercredi|jeudi|vendredi|demain|la semaine|bientot|final)\b|\brelancez\b|\bmerci de demander\b|\bthanks for asking\b|\bnothing yet\b|\bno luck\b|\bstill\b|\bsadly\b|\bnot (?:hired|yet)\b|\bno job\b|\bon the hunt\b|\bkeep (?:it up|going)\b|\bunemployed\b",
        "",
    ),
    (
        _IRONY,
        "emploi fini ou pas un emploi",
        r"\b(?:fini|finie|termine|terminee) depuis\b|\b(?:de nouveau|a nouveau|re) ?(?:en recherche|au chomage)\b|\bje recherche (?:de nouveau|a nouveau)\b|"
        r"\b(?:formation|stage|essai|benevolat) (?:\w+ )?(?:non (?:payee?|remuneree?)|gratuite?)\b|\bpas (?:encore )?(?:de boulot|de travail|de emploi|embauchee?)\b|"
        r"\brien de signe\b|\bpas (?:encore )?signee?\b|\bperdu (?:mon|le) (?:job|emploi|travail|poste)\b|\bj ai refuse (?:une|le|la|l|leur) ?(?:offre|poste|proposition)\b|\bje ai refuse (?:une|le|la|leur) ?(?:offre|poste|proposition)\b",
        "",
    ),
    (
        _IRONY,
        "ironie",
        r"\bpresque\b|\bdans mes reves\b|\bvous rigolez\b|\btu rigoles\b|\bje reve\b|\bmdr trouve\b|\bce est fini maintenant\b|\bretour a la case depart\b|\blicenciee?\b|\bperiode de essai (?:non concluante|rompue|arretee)\b",
        "",
    ),
    (
        _IRONY,
        "ironie",
        r"\bla bonne blague\b|\bet moi je suis\b|\bmdr non\b|\blol non\b|\btrouve quoi\b|\bgenial,? encore\b|\bporte close\b|\bhaha non\b|\bah ah,? non\b|\bce est ca (?:oui|ouais)\b|\b(?:ouais|oui) (?:ouais|oui),? ce est ca\b|\bmais bien sur\b",
        "",
    ),
)
# Families read on blind set B (written by someone else) and on replies_families.jsonl: polite refusals,
# suspicion, annoyance, jobs that ended, third parties, other languages spoken by the seekers, auto-replies.
_KIN = r"(?:mari|femme|fils|fille|frere|soeur|conjointe?|compagnon|compagne|epouse?|pere|mere|enfant|copain|copine|neveu|niece)"
_FAMILY_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- hired ---------------------------------------------------------------------------------------
    (
        _HIRED,
        "embauche (un proche répond)",
        r"(?:\b(?:mon|ma) "
        + _KIN
        + r"|(?<=repond :) (?:il|elle)|^\W*(?:il|elle)\b)"
        + r" (?:a (?:enfin |bien |finalement )?(?:trouve|decroche|signe|commence|demarre|ete (?:embauch|recrut|pris|engag))|est (?:embauch|recrut|pris|engag|en poste|en cdi|en cdd))\w*(?! (?:une offre|pour (?:moi|toi|vous)|quelqu|un autre|une autre))",
        "hire",
    ),
    (
        _HIRED,
        "embauche",
        r"\b(?:oui|je suis|je travaille|je bosse|je fais de le|je fais des|trouve|placee?) (?:\w+ ){0,3}(?:en |de le |une mission de |des missions de |en mission de )?interim\b|\bme (?:a|ont) (?:placee?|casee?|reprise?|titularisee?)\b|\b(?:je suis (?:maintenant |desormais |enfin |officiellement )?devenue?|je suis (?:maintenant|desormais|officiellement)|installee? comme|me suis installee? comme) (?:un |une )?(?:assistante?|agent|aide|auxiliaire|chauffeu\w*|vendeu\w*|conseill\w*|technicien\w*|infirmi\w*|educat\w*|animat\w*|secretaire|cuisini\w*|serveu\w*|employee?|ouvrie\w*|caissi\w*|magasinier\w*|comptable|format\w*|plombier|electricien\w*|manutentionnaire|preparat\w*|cariste|livreu\w*|factrice|facteur|developpeu\w*|ingenieu\w*|professeu\w*|prof|enseignant\w*|coiffeu\w*|boulang\w*|operat\w*|mecanicien\w*|jardinier\w*|menuisier\w*|macon|peintre|soudeu\w*|gardien\w*|surveillant\w*|standardiste|hotesse|receptionniste|commerciale?|manager|responsable|cheffe?|directeu\w*|directrice|artisan\w*|paysagiste|agricult\w*|maraich\w*|infographiste|graphiste|traducteu\w*|redact\w*|ambulanci\w*|aide soignant\w*|brancardi\w*|couvreu\w*|carreleu\w*|poseu\w*|monteu\w*|metallier|chaudronni\w*|ouvrier)\b|\bje suis depuis (?:peu|quelques (?:jours|semaines|mois)|\d+ (?:jours|semaines|mois)) (?!au |a la |sans |en recherche|inscrit|dispo|demandeu|chomeu)\w+|\b(?:mission|contrat|cdd|interim) (?:\w+ ){0,2}en cours\b|"
        r"\b(?:je suis|oui|job|poste|emploi|contrat|travail) (?:\w+ ){0,2}saisonniere?\b|\bje suis en (?:alternance|apprentissage)\b|\bje suis (?:engagee?|prise?)\b|\bje remplace (?:une|un|quelqu)\b|\b(?:choisie?|selectionnee?) parmi\b|\b(?:engagee?|embauchee?|recrutee?|prise?) comme\b(?! (?:benevole|volontaire))|"
        r"\bme suis (?:mise? |installee? )?a mon compte\b|\bje suis (?:a mon compte|freelance|independante?|auto ?entrepreneu\w*)\b|\b(?:cree|creer|lance|monte|ouvert) (?:mon|ma) micro ?entreprise\b|"
        r"\bce est bon pour moi\b|\bce est regle\b(?=[^.!?\n]{0,30}\b(?:pris|prise|embauch|recrut|signe|poste|contrat|cdi|cdd|job|travail|boulot|commence))",
        "hire",
    ),
    (
        _HIRED,
        "embauche (autre langue)",
        r"\b(?<!ma )(?<!nicht )(?:trovato|gefunden|l9it|lqit|lgit|l9ite|lqite)\b|\b(?:encontre|consegui|consigo) (?:un |una |um |uma |el |la |o )?(?:trabajo|empleo|curro|emprego|trabalho|puesto)\b|\b(?:tengo|estoy) (?:trabajo|trabajando)\b|\bestou (?:a )?trabalh\w*|\bho (?:un )?lavoro\b",
        "hire",
    ),
    # -- still searching -----------------------------------------------------------------------------
    (
        _SEARCHING,
        "toujours en recherche",
        r"\bje suis (?:toujours |encore |de nouveau |a nouveau )?dispo\w* (?:des|a partir|immediatement|de suite|tout de suite|maintenant)\b|"
        r"^\W*(?:toujours |encore )?dispo\w*\b(?! pour (?:en parler|discuter|un appel|echanger|repondre))",
        "",
    ),
    (
        _SEARCHING,
        "toujours en recherche (autre langue)",
        r"\b(?:todavia no|aun no|sigo buscando|busco (?:todavia|aun)|ainda nao|ainda (?:procur|estou)\w*|continuo (?:a )?procur\w*|non ancora|ancora (?:niente|no|cerco)|cerco ancora|noch nicht|suche (?:noch|weiter|immer)|immer noch (?:auf der suche|nichts)|mazal|mazel|walou|walo|kan9elleb|kanqelleb|kan9aleb|kanqaleb)\b",
        "",
    ),
    (
        _SEARCHING,
        "non",
        r"^\W*(?:(?:bah|ben|bin|beh|be|eh|euh|hum|hmm|ouais|oui|alors|franchement|helas|malheureusement|ah|oh|bon)\W+)+(?:non|no|nope|nop|nan|pas encore|toujours pas)\b|^\W*(?:nop|nenni|pantoute|nein|nada|nope?)\b",
        "",
    ),
    (
        _SEARCHING,
        _REFUSED,  # "mon CDD s'est arrêté": a job that ended, not a stop
        r"\b(?:il|elle|ca|contrat|cdd|cdi|mission|job|boulot|interim|taf|poste|saison) (?:se est|s est|est|sont|a ete|se|s) (?:arrete|termine|fini|finit|interrompu|stoppe|acheve)e?s?\b",
        "",
    ),
    (
        _IRONY,
        "emploi fini",
        r"\bje avais (?:trouve|signe|un|une|decroche)\b|\bpuis remerciee?\b|\b(?:puis|mais|et) (?:je le ai |le ai )?perdu\b|\bils ont (?:tout )?annule\b|\b(?:mais|et) ce est deja (?:fini|termine)e?\b|\bla plus rien\b|\bdepuis plus rien\b|\bme suis fait (?:virer|licencier|remercier|jeter|lourder)\b|\b(?:ce est|ce etait) (?:fini|termine)e?,? (?:je|donc|et|alors) (?:je )?(?:re)?cherch\w*|\bne (?:me |nous )?(?:ont|a) pas (?:gardee?|reprise?|retenue?|prise?|embauchee?|renouvelee?)\b|\ba pris fin\b|\b(?:de nouveau|a nouveau) disponible\b|\bpromesse (?:\w+ ){0,3}annulee\b|\bremerciee? (?:pendant|durant|a la fin de|apres|au bout)\b|\bretour a la case\b|\bne a pas dure\b|\bpas (?:ete )?(?:renouvelee?|reconduite?|prolongee?)\b|\bjob (?:ended|is over)\b|\bcontract ended\b",
        "",
    ),
    # -- stop ----------------------------------------------------------------------------------------
    (
        _STOP_POST,
        "refus poli",
        r"\bdeclin\w*(?! (?:une|le|la|l|leur|cette|un|des|son|sa|ses|leurs) ?(?:offre|poste|proposition|cdd|cdi|contrat|mission)s?)|\bpasse mon tour\b|\ben rester la\b|\bon en reste la\b|\bce est regle\b|\bca (?:ira|va faire)\b|\btres peu pour moi\b|"
        r"^\W*(?:nein,? danke|nao,? obrigad[oa]|no,? grazie)\b|^\W*(?:classee?|clos|close|affaire classee)\W*(?:merci\w*)?\W*$|\b(?:qu on|que vous|que on) me laiss\w*|\brather not\b|\bleave (?:it|me)\b|\bno gracias\b|\bplus disponible pour (?:ce|ces|vos|les|ca)\b|\brespecte[rz]? (?:ca|cela|mon choix|ma decision|ma vie)\b|\b(?:je ne|ne pas|je vais pas|je ne vais pas|prefere pas) donner suite\b|\bdonnerai pas suite\b|\bpasser a autre chose\b|\b(?:me |m )?passer(?:ai|ons|a|ez)? (?:bien )?de (?:vos|votre|ton|tes|ce|ces|cette) (?:services?|aide|relais|conseils?|messages?|relances?|suivi|collectif|initiative)\b|\bje prefere (?:\w+ )?(?:gerer|me debrouiller|chercher|faire|continuer|avancer|me occuper)(?: \w+){0,3} (?:seule?|par moi|tout seul|sans|de mon cote)\b|\bsans intermediaires?\b|^\W*(?:non|bon|ok|ouais|oui)?\W*ce est bon\W*(?:merci\w*(?: bien| beaucoup)?)?\W*$|\bi am (?:good|fine|ok|all set)\b(?! (?:at|with|in)\b)|^\W*(?:ca va,? )?je (?:gere|me debrouille)\W*(?:merci\w*)?\W*$|\b(?:je suis|chus|chui) (?:correcte?|bien) (?:merci|comme ca)\b|\bca me va comme ca\b|\bje suis bien comme ca\b|\b(?:ok|bon|allez|ouais)\W+(?:bye|ciao|adieu|au revoir)\W*$|\b(?:no|pas de|sans) comments?(?:aires?)?\b|\bune (?:bonne )?fois pour toutes\b|\bnon ce est non\b|\ballez,? (?:au revoir|bye|salut|ciao|adieu)\b|\badieu\b|\b(?:occupe[rz]?|aide[rz]?|adresse[rz]?|tourne[rz]?|consacre[rz]?) (?:vous )?(?:de |a |vers )?(?:quelqu.un de autre|de autres (?:personnes|gens|candidats)|autre chose)\b|\bce est bon comme ca\b|\blaisse[zr]? (?:courir|faire|pisser)\b|^\W*non,? ca va\b(?! (?:bien|mieux))|\b(?:il|elle) ne (?:veut|souhaite|desire) plus\b|\b(?:il|elle) ne (?:veut|souhaite|desire) pas (?:etre|que vous|de vos|recevoir|de messages?)\b|\bnot (?:searching|looking) any ?(?:more|longer)\b|\bnon,? (?:definitivement|categoriquement|merci bien)\b|\bdefinitivement non\b|\b(?:me |m )?en passer\b|\bsans moi\b|\bgarder (?:ca|cela|tout ca) pour moi\b|\bcouper court\b|\bje (?:me )?retire de\b|\bpas besoin de (?:votre|vos|ton|ta) (?:aide|service|conseil)s?\b|\bno thanks\b|\bnot comfortable\b|\bpas (?:a l aise|confortable)\b|\b(?:veux|veut|veu) pu\b|\bpas envie de (?:repondre|vous|en parler|etre)\b",
        "",
    ),
    (
        _STOP_PERSON,
        "méfiance",
        r"\bphishing\b|\bhameconn\w*|\b(?:pas|aucune|plus) (?:\w+ )?confiance\b|\bconfiance (?:en|a) (?:vous|ce|ces|votre)\b|\bme mefie\w*|\bmefiante?\b|\blouche\b|\bsuspect\w*|\bfaux compte\b|\bdouteu(?:x|se)\b|\bdemarchage\b|\bpas net\b|\bfake\b|\binconnus?\b|\bclique (?:sur )?rien\b|\bescro\w*|\bvirus\b|\bcollect\w* (?:des |mes |de )?(?:donnees|infos|informations)\b|\bou avez vous (?:eu|trouve|obtenu|pris)\b",
        "",
    ),
    (
        _STOP_PERSON,
        "agacement",
        r"\bce est (?:lourd|penible|saoulant|agacant|usant|lassant|relou|chiant|du harcelement|insupportable)\b|\b(?:deja|ca fait|pour la) (?:\w+ )?(?:deux|trois|quatre|cinq|\d+|plusieurs|mille|enieme|nieme) fois\b|\b(?:pose|demande|dit|repondu|ecrit) (?:\w+ ){0,3}(?:deux|trois|quatre|cinq|\d+|plusieurs|mille) fois\b|\bdeja (?:pose|repondu|dit|ete demande)\b|\brien de autre a faire\b|\b\d+ ?e(?:me)? message\b|\bencore un message\b|\bvotre harcelement\b|\bconnais (?:pas|meme pas|absolument pas|point|rien de) (?:ce|cette|ces|votre|vos|ton|ta|vous|cet)\b|\bpas besoin (?:de|d) (?:un |une |votre |vos |de le |de la )?(?:collectif|vous|aide|relais|service|association|asso|ca|cela|bot|robot|compte)\b|\bvous (?:faites|fait|allez faire|comptez faire|avez fait|foutez) (?:quoi )?(?:\w+ )?(?:avec|de) (?:mes|mon|ma|ce que|ca)\b|\bque vous (?:ayez|avez|possedez) (?:mon|ma|mes)\b|\b(?:de )?ou vous (?:tenez|sortez|avez eu)\b|\b(?:il)?legal\w*|\binterdit\w*|\bque (?:cela|ca|tout ca|ceci) (?:cesse|se arrete|arrete|stoppe|finisse|prenne fin)\b|\b(?:au revoir|adieu|bye) definitivement\b|\bdefinitivement au revoir\b|\bderniere fois que je\b|\bsans (?:me |nous )?(?:demander|prevenir|consulter|avertir)\b|\bsans (?:mon )?avis\b|\bvous etes serieu(?:x|se|ses)\b|\bserieusement\W*\?|\bjuriste\b|\btribunal\b|\bpoursuites?\b|\bmise en demeure\b|\bhuissier\b|\bsecte\b|\brevend\w*|\b(?:ai|avais|avons|on vous a) (?:deja )?dit non\b|\bencore (?:une|un) (?:relance|message|mail|notif\w*|rappel)\b|\bcommence a (?:bien )?(?:faire|me (?:souler|gaver|fatiguer|enerver|saouler))\b|^\W*(?:pf+|rho+|oh|ah|rah|mais|serieux|serieusement|franchement|non mais|oh non|sans rire|vraiment)\W+encore\W*$|\btannee?s?\b|\bachal\w*|\becoeur\w*|\bgosse[rz]?\b|\bniaise[rz]?\b|\bencore vous\b|\b(?:relanc|harcel|spamm|sollicit|ecrit|contact|tagu|mentionn)\w* (?:\w+ ){0,2}(?:tous les|toutes les|chaque) (?:jours?|semaines?|mois|deux jours)\b|\b(?:relanc|sollicit|harcel)\w* (?:sans arret|sans cesse|en boucle|a repetition)\b|\bbaskets\b",
        "",
    ),
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:no me|nao me|non mi|kein|keine) (?:contact|escrib|mand|scriv|mensaj|nachricht)\w*|\bbasta\b|\blass(?:en sie)? mich\b|\bnicht mehr\b|\bdeja(?:me|dme) en paz\b|\bsmett\w*|\bpara(?:r)? de (?:me|mandar|escribir)\b|\berreur de personne\b|\b(?:pas|mauvaise) (?:cette |la bonne )?personne\b|\bvie privee\b|\bdonnees personnelles\b|\bprotection des donnees\b|\barticle 17\b|\bdroit de (?:acces|suppression|rectification|opposition)\b|\bvous (?:vous )?trompez de personne\b|\bce (?:ne )?est pas (?:mon|ma) (?:annonce|post|demande|message)\b|\bpas moi qui\b|\bjamais (?:publie|poste|ecrit|fait) de\b|\bnot my (?:post|request)\b|\bwrong person\b",
        "",
    ),
)
# Families read on blind set C: hires said without a verb of finding or signing (a signature date, a
# "prise de poste", a mission "chez X" given as the whole answer, "je suis au taf"), or found "via
# Indeed", "par moi-même" (another channel is still a hire); waiting for an answer after an interview;
# then the families of answers written afterwards in new words (prospects, seasons, refusals).
_TERSE_SPECS: tuple[tuple[str, str, str, str], ...] = (
    (
        _HIRED,
        "embauche (trouvé ailleurs)",
        r"(?:^|[^\w\s]|\b(?:oui|yes|enfin|bon|bref|voila|ouais|finalement|je ai|ai)\b)[ \t]*(?:finalement |enfin )?(?:re)?trouvee?s? (?:finalement |enfin )?(?:via|par|sur|grace a|avec|tout seule?|toute seule|moi meme|par moi meme|de mon cote|ailleurs|autrement|directement|en direct|en passant par|sans vous)\b(?! (?:votre|vos|ce|cette|cet|hasard|une offre|des offres|le lien|un lien|une annonce|quelqu))(?![^.!?\n]*\b(?:offres|annonces|pistes|rien|pas (?:encore|de|signe)|postul\w*)\b)",
        "hire",
    ),
    (
        _HIRED,
        "embauche (prise de poste)",
        r"\bprise de (?:poste|fonctions?)\b(?! (?:possible|souhaitee?|immediate|des que|a definir|inconnue))|\bsignature (?:de le |du |de mon |de ma )?(?:contrat |cdi |cdd |promesse )?(?:"
        + _DAYS
        + r"|ce |cette |la semaine|le \d|\d)|\bdate de (?:debut|demarrage|prise de poste|embauche)\b|\bje (?:signe|signerai|vais signer) (?:mon|ma|le|la|un|une) (?:contrat|cdi|cdd|promesse)\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche (au travail)",
        r"\b(?:je suis|suis|chui|la je suis) (?:actuellement |en ce moment |deja )?(?:au|en plein|sur mon|a mon) (?:taf|boulot|travail|bureau|chantier|turbin|poste)\b|\bla je (?:bosse|travaille)\b|\bje sors (?:de le|du) (?:taf|boulot|travail)\b",
        "hire",
    ),
    (
        _HIRED,
        "embauche (un contrat en réponse)",
        r"^\W*(?:(?:oui|ouais|yes|bon|alors|enfin|voila|bah|ben|eh bien|et bien)\W+)*(?:un |une |mon |ma |des )?(?:mission|contrat|cdd|cdi|poste|job|boulot|taf|interim|vacation|remplacement|saison)s?\b[^.!?\n]{0,40}?\b(?:chez|dans (?:une|un|la|le|les)|a|au|pour (?:une|un|la|le))\b"
        r"(?![^\n]*(?:\?|\b(?:pas|en vue|vise|possible|refus\w*|rate|annul\w*|termin\w*|fini\w*|perdu|rompu\w*|entretien|candidature|postul\w*|attend\w*|attente|esper\w*|peut etre|si|propos\w*|offre|pourvoir|cherche\w*|recrut\w*)\b))",
        "",  # the lookahead above is its negation: an ended, refused or offered contract is no hire
    ),
    (_HIRED, "embauche", r"^\W*(?:(?:oui|ouais|yes|bon|enfin)\W+)?ca y est\W*$", "hire"),
    (
        _HIRED,
        "embauche",
        r"\bdans la poche\b|(?:^|[^\w\s])[ \t]*(?:titularisee?s?|engagee?s?|admise?s?)\b(?! (?:dans (?:une|un|le|la) (?:asso\w*|collectif|parti|syndicat)|comme benevole))|\b(?:recue?|admise?|laureate?) (?:a le|au) concours\b|"
        r"\bje (?:prends|prendrai|vais prendre) (?:mon|le|mes) (?:poste|fonctions)\b|\bje enchaine (?:les|des) (?:missions|contrats|cdd|interims?|remplacements)\b|"
        r"\b(?:je ouvre|ouvre|ouvrir|ouvert|monte|lance|cree) (?:mon|ma) (?:propre |petite? )?(?:salon|cabinet|boutique|restaurant|resto|atelier|magasin|food ?truck|institut|agence|epicerie|garage)\b|"
        r"\bstarted (?:a|my|the) (?:new )?(?:job|position|role)\b",
        "hire",
    ),
    # -- stop, found on new phrasings after C: a negated request about contact, discomfort --------------
    (
        _STOP_PERSON,
        "refus d'être contacté",
        r"\bne (?:me|nous) (?:re)?(?:contact|ecri|relanc|sollicit|envoy|demand|questionn|tagu|mentionn|identifi|harcel|derang|ennuy|embet)\w* (?:pas|plus|jamais)\b|"
        r"\bintrusi(?:f|ve|on)\b|\bindiscret\w*|\binvasi(?:f|ve)\b|\b(?:ce est|trouve ca|vraiment|completement|assez) deplacee?\b|\bsans gene\b|\bquel culot\b",
        "",
    ),
    (
        _HIRED,
        "embauche",
        r"(?:^|[^\w\s]|\b(?:actuellement|maintenant|desormais|enfin|deja|oui|yes|ouais))[ \t]*en poste\b|"
        r"\bme suis (?:installee?|lancee?|mise? a mon compte) (?:comme|en tant que|en)\b|"
        r"\bje fais (?:des|les|de le|du|la) (?:remplacements?|missions?|vacations?|interims?|saisons?|vendanges|cueillettes?|recoltes?|moissons?)\b(?![^.!?\n]*\b(?:mais|rien|cherche\w*|pas)\b)",
        "hire",
    ),
    (
        _SEARCHING,
        "en attente d'une réponse",
        r"\b(?:poste|job|cdi|cdd|contrat|mission|embauche|boulot|taf) (?:\w+ ){0,3}?(?:possible|en vue|envisageable|probable|potentiel(?:le)?)\b|"
        r"\bje ai eu (?:des|un|une|deux|trois|quelques|plusieurs) (?:appels?|coups? de fil|contacts?|retours?|touches?)\b|\bsur le point de\b|"
        r"\bhesit\w* entre\b|\bchomage\b|\bca avance (?:doucement|lentement|petit a petit|pas|pas vite|peu)\b|\breponses? negatives?\b|"
        r"\b(?:pris|choisi|retenu|prefere|recrute|embauche) (?:quelqu.un|une autre personne|un autre profil|un candidat) (?:en interne|de plus \w+)\b|"
        r"\b(?:todavia|aun|sigo) buscando\b|\bbuscando (?:todavia|aun|trabajo|empleo)\b|\b(?:ainda )?a procura\b|\bprocurando\b|\b(?:sto )?(?:ancora )?cercando\b|"
        r"\brien de (?:neuf|nouveau|special|particulier)\b|\b(?:bientot,? je espere|je espere bientot)\b|"
        r"\bje espere (?:trouver|signer|decrocher|avoir (?:une|des|leur) (?:reponse|nouvelles))\b|"
        r"\b(?:on|ils|elles?|le recruteur|la recruteuse|la boite|le patron|la patronne|la rh|les rh|le employeur) "
        r"[^.!?\n]{0,30}?\b(?:rappeler|rappeller\w*|rappeler\w*|recontacter|recontacter\w+|repondre|repondr\w+|"
        r"donner (?:une |leur |sa )?reponse|donneront|donnera)\b",
        "",
    ),
    (_IRONY, "ironie", r"^\W*(?:oui|ouais|yes)\W+(?:mais|but) (?:non|no|nan|bon)\b", ""),
    (_IRONY, "emploi fini", r"\bplus (?:en poste|sous contrat|en contrat|en mission|salariee?)\b", ""),
    (
        _SEARCHING,
        "en attente d'une réponse",
        r"\ben attente (?:de |d )?(?:la |une |leur |sa |des )?(?:reponse|retour|decision|nouvelles|resultats?)s?\b|\b\d+ ?e(?:me)? entretien\b|\b(?:apres|suite a) (?:le |mon |un |une |leur )?(?:\w+ )?entretien\b",
        "",
    ),
)
# Families read on blind set D: the end of unemployment said as news ("fin de la galère", "fin du
# chômage"), an English hire without "I" ("Found a job, you can take my post down").
_D_SPECS: tuple[tuple[str, str, str, str], ...] = (
    (
        _HIRED,
        "embauche (fin du chômage)",
        r"\bfin (?:de la galere|du chomage|de le chomage|de mes recherches|de ma recherche|des recherches)\b|"
        r"\bperiode de essai (?:est |a ete )?(?:validee?|confirmee?|reussie|concluante)\b",
        "weak",
    ),
    (
        _HIRED,
        "embauche",
        r"(?:^|[^\w\s])[ \t]*(?:just |finally )?(?:found|got|landed) (?:a |an |the |my )?(?:new )?(?:job|position|role|work|contract)\b(?! (?:ad|posting|listing|offers?|for)\b)",
        "hire",
    ),
)
_RULES = tuple(
    (kind, label, re.compile(pattern), cancel)
    for kind, label, pattern, cancel in _SPECS + _MORE_SPECS + _FAMILY_SPECS + _TERSE_SPECS + _D_SPECS
)
# "Pas encore signé, mais j'ai commencé lundi": a denial conceded before the contrast, a hire after it.
_CONTRAST = re.compile(r"\b(?:mais|but|par contre|cependant|pourtant|toutefois|neanmoins)\b")
# Nothing to read: a media placeholder or a file name sent alone ("[message vocal 0:42]", "📎 IMG_2043.jpg").
_ATTACHMENT = re.compile(
    r"^\W*(?:[\[<(][^\]>)\n]{0,30}\b(?:vocal|audio|image|photo|video|piece jointe|fichier|sticker|gif|media|"
    r"attachment|voice|document|pdf)\b[^\]>)\n]{0,30}[\]>)]|[\w\-]+\.(?:jpe?g|png|gif|heic|webp|pdf|docx?|odt|mp[34]|"
    r"m4a|ogg|opus|mov|wav))\W*$"
)
# "Oui non enfin je sais pas": a yes and a no, then not knowing: undecided, a human looks.
_HESITATION = re.compile(
    r"^\W*(?:oui|ouais|yes)\W+(?:et |ou |enfin |bah |ben |euh )?(?:non|no|nan)\b(?=[^.!?\n]*\b(?:je (?:ne )?sais "
    r"(?:pas|plus|trop)|chais pas|jsp|aucune idee|je hesite|difficile a dire|ca depend)\b)"
)
# An answer made only of doubt about the outcome ("peut-être", "pas sûr", "oui et non", "ouais bof") or a
# "oui ?" asked back. A bare "bof" or "euh" stays unread (a stop): it may as well be weariness.
_HEDGE = re.compile(
    r"^\W*(?:(?:oui|ouais|bah|ben|euh+|hm+|alors|ah)\W+)*(?:peut etre|maybe|perhaps|pas sure?|not sure|"
    r"je (?:ne )?sais pas|aucune idee|on verra|ca depend|oui et non|yes and no|(?:oui|ouais|yes) bof)"
    r"(?:\W+(?:bref|quoi|lol|mdr|hein))*\W*$|^\W*(?:oui|ouais|yes)\W*\?\W*$"
)
# A cheer sent alone ("Allez l'OM !"): off-topic, not a refusal.
_CHEER = re.compile(r"^\W*(?:allez|go|vive|forza)\W+(?:le |la |les |l )?\w+(?: \w+)?\W*$")
# A promise to tell later makes a "mais" in the story no polite refusal ("…mais sans contrat, je vous
# tiens au courant").
_PROMISE = re.compile(
    r"\bje vous (?:tiens|tiendrai|tiendrais|dirai|redirai|redis|fais signe|ferai signe|recontacte|reecris|reponds|repondrai)\b|"
    r"\bje reviens vers vous\b|\bje vous (?:dis|redis) (?:ca|ce que|tout)\b|\bje vous donne (?:des|de mes) nouvelles\b"
)
# Blind set D's families. A life change that is neither a hire nor a search nor a request: retiring,
# going back to studies or into a long training, a sick or parental leave. Said alone it is news for a
# human to read (the writers of blind sets A, C and D all label it so); said with "plus besoin",
# "retirez" or any refusal word, the rules above read a stop first.
_STATUS = re.compile(
    r"\b(?:retraite|retraitee?s?|retired|retirement)\b|"
    r"\b(?:reprends?|repris|reprise|reprendre|je fais|je commence|commence|je entre|entree?|je rentre|rentree?|je suis|inscrite?|je pars|pars|"
    r"integre|je integre|back to|going back to|started|starting) (?:(?:en|a|la|le|au|aux|une|un|mon|ma|mes|des|l|les|de|du|my|a|to|nouvelle?|nouveau) ){0,3}(?:etudes|fac|faculte|universite|uni|master|licence|bts|dut|"
    r"bachelor|doctorat|these|prepa|formation|cursus|school|college|university|degree|studies)\b|"
    r"\b(?:conge (?:maternite|paternite|parental|maladie|longue maladie|mat|de travail)|arret maladie|en invalidite|maternity leave|sick leave|parental leave)\b"
)
# What follows a hire phrase that makes it studies rather than a job ("je commence une licence pro").
_STUDY_AFTER = re.compile(
    r"^[ \t]*(?:(?:une|un|la|le|ma|mon|mes|en|des|l|les|ma) )?(?:etudes|fac|faculte|universite|master|licence|bts|dut|bachelor|doctorat|these|prepa|formation|cursus|ecole)\b"
)
# Working for oneself. The blind writers agree only when activity is said: "auto-entrepreneur, le carnet
# est plein" is a hire (A, B, C), "J'ai lancé ma micro-entreprise finalement" alone is not (D: news for a
# human, neither a hire to count nor a search).
_SELF_EMPLOYED = re.compile(
    r"\b(?:auto ?entrepr\w*|micro ?entrepr\w*|freelance|free lance|independant\w*|liberal|a mon compte|own business|self employed)\b|"
    r"\b(?:mon|ma|my) (?:propre |petite? |own |nouvelle? )?(?:entreprise|boite|societe|activite|commerce|restaurant|resto|salon|"
    r"cabinet|boutique|atelier|magasin|food ?truck|institut|agence|epicerie|garage|business)\b"
)
_ACTIVITY = re.compile(
    r"\b(?:client\w*|commandes?|carnet|chiffre|devis|factur\w*|missions?|contrats?|salaire|me verse|revenus?|je en vis|je vis de|"
    r"je gagne|rentable|ca (?:tourne|marche|roule|demarre|fonctionne|paie|paye)|ca se passe bien|cartonne|embauche\w*|signee?s?|"
    r"depuis (?:\d+|quelques|plusieurs|un|une|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|le|la|l)|"
    r"customers|clients|revenue|paying)\b"
)
# A short job that is over ("une mission de 2 jours mais c'est fini"): still searching.
_ENDED = re.compile(
    r"\b(?:mais |et )?(?:ce est|il est|elle est|ca est|ce etait|ca a ete) (?:deja )?(?:fini|termine)e?s?\b|"
    r"\b(?:fini|termine)e?s? depuis\b|\bqui (?:a pris|est) fin\b|\bse est (?:termine|fini|arrete)e?\b"
)
_SHORT_JOB = re.compile(
    r"\b(?:eu|fait|fais|avais|avait|trouve|decroche|signe|obtenu|commence)\b(?:\W+\w+){0,3}?\W+"
    r"(?:mission|cdd|interim|remplacement|vacation|saison|contrat|extra|job|periode de essai|essai)s?\b"
)
_STOP_WORD = re.compile(
    r"\b(?:retir|supprim|enlev|effac|arret|aret|cess|stop|annul|depubli|desinscri|desabonn)\w*"
)
# Working for oneself said without a hire phrase ("Devenu auto-entrepreneur", "passé freelance").
_SELF_STATUS = re.compile(
    r"\b(?:passee?|devenue?|je deviens|je suis|me suis mise?|maintenant|desormais)\W+(?:en |a mon compte|un |une )?"
    r"(?:freelance|free lance|independant\w*|auto ?entrepreneu\w*|micro ?entrepreneu\w*|a mon compte|consultante? independant\w*)\b|"
    r"\bself employed\b|\bmy own business\b|^\W*(?:auto ?entrepreneu\w*|micro ?entrepreneu\w*|freelance|independante?|a mon compte)\b"
)
# A change asked to the post itself ("vous pouvez modifier le hashtag métier ?", "le lien ne marche
# plus, voici le nouveau"): about the request, which goes on, so never a stop, nor a search.
_EDIT = re.compile(
    r"\b(?:pouvez vous|pourriez vous|vous pouvez|vous pourriez|peux tu|tu peux|merci de|can you|could you)\W+(?:\w+ )?"
    r"(?:modifier|changer|corriger|rectifier|remplacer|mettre|ajouter|preciser|mettre a jour|update|change|fix|add|edit)\b(?! (?:fin|un terme|de cote|a la poubelle)\b)|"
    r"\bau lieu de\b|\b(?:faute|coquille|typo|erreur)s? (?:dans|sur)\b|\bmauvaise? (?:metier|poste|titre|lien|hashtag|ville|departement|numero|adresse|photo)\b|"
    r"\bvous avez (?:mis|ecrit|note)\b|\b(?:mon|ma|le|la) (?:nouveau |nouvel |nouvelle )?(?:lien|profil|cv|portfolio|numero|adresse|mail|site)\b"
    r"[^.!?\n]{0,40}\b(?:ne (?:\w+ )?(?:marche|fonctionne|est) plus|a change|plus valide|voici|voila|le voici|la voici)\b|"
    r"\b(?:voici|voila) (?:mon|ma|le|la) (?:nouveau |nouvel |nouvelle )(?:lien|profil|cv|portfolio|numero|adresse|mail|site)\b"
)
# "Oui et vous ?": a yes turned back into a question is small talk, not an answer to "avez-vous trouvé ?".
_ASKED_BACK = re.compile(
    r"^\W*(?:oui|ouais|yes)\W+(?:et (?:vous|toi)(?: meme)?|and you|pourquoi|why)\W*\?\W*$"
)
# "Peut-être, je vous dis ça la semaine prochaine": doubt, then news promised.
_HEDGE_LEAD = re.compile(
    r"^\W*(?:peut etre|maybe|perhaps|pas (?:encore )?sure?|je (?:ne )?sais pas|on verra|ca depend)\b(?=\s*(?:[,.;:!…]|$))"
)
# "Non je rigole, en CDI": a joke taken back, then the real answer.
_JOKE_BACK = re.compile(r"\b(?:je (?:rigole|plaisante|blague|deconne)|just kidding|je te fais marcher)\b")
_CONTRACT_AFTER = re.compile(r"\b(?:cdi|cdd|contrat|interim|alternance|signee?|embauchee?|trouvee?|hired)\b")
_STATUS_DOUBT = re.compile(r"\b(?:fini|termine|basta|suffit|assez|marre)\b")
# Small talk that says nothing about the outcome: a test, thanks in another language, a message sent
# elsewhere. With no refusal word, nothing for the model to guess at.
_OTHER_PLAIN = re.compile(
    r"\b(?:test|tests|testing|(?<!de )essai|danke\w*|gracias|grazie|obrigad[oa]|dank je\w*|dankjewel|arigato|spasibo|choukran|shukran|"
    r"dm|dms|mp|mps|inbox|messages? prives?|en prive|par (?:e ?mail|mail|courriel|sms|telephone|tel)|beau projet|belle initiative)\b"
)
_NEGATED = re.compile(r"\b(?:pas|plus|aucune?|rien|ne|not|no|non)\b")
_FOR_NOW = re.compile(r"^(?:pour le moment|pour (?:le |l ?)instant|en ce moment|actuellement|for now)$")
_CONTRAST_ONLY = frozenset({"mais", "but", "however", "toutefois", "cependant", "par contre", "neanmoins"})

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
_STOP_AFTER = re.compile(r"(?:\s+\w+){0,5}?\s+(?:" + _STOPV + r")\w*")
# Positive evidence of "other": thanks, greetings, praise, a question about the service, a promise to
# answer later, an update of the post. Only read when nothing above was.
_OTHER = re.compile(
    r"\b(?:merci\w*|thanks?|thank you|thx|bonjour|bonsoir|salut|coucou|hello|hi|hey|bon(?:ne)?s? fin de \w+|bon(?:ne)?s? (?:journee|soiree|"
    r"semaine|fin de semaine|annee|continuation|nuit|week ?end|chance)|joyeux|bravo|super|top|genial\w*|cool|"
    r"parfait|gentil\w*|adorables?|initiative|great|nice|good (?:morning|evening)|have a nice|"
    r"ok|okay|daccord|d accord|bien recu|recu|vu|compris|je vois|interessant|ah bon|"
    r"comment (?:ca|je|on|faire|fonctionne|marche)|est ce que|je peux|puis je|pouvez vous (?:aussi|relayer|partager)|"
    r"vous (?:relayez|partagez|acceptez|faites|etes (?:une|basee?s?|benevoles?)|cherchez)|ce est (?:gratuit|quoi le lien)|ce est quoi(?! (?:ce|cette|ces|cet|ca)\b)|qu est ce que|ca consiste|"
    r"quel (?:hashtag|lien)|how (?:does|do|can)|is (?:this|it) free|can you|"
    r"je vous (?:tiens|tiendrai|dirai|donnerai|ecris|envoie|reponds|repondrai)|je reviens vers|plus tard|"
    r"will (?:keep|let) you|let you know|affaire a suivre|on verra|je ne sais pas encore|en cours|"
    r"je (?:regarde|regarderai|lis|vais regarder|vais suivre|suivrai)|(?:mon|ma) (?:post|annonce|demande) (?:a ete|est) (?:relaye|partage|publie|passe)\\w*|"
    r"(?:mon|ma) (?:post|annonce|demande) (?:est elle|est il|est|a t elle|a t il) (?:toujours |bien |encore )?(?:en ligne|visible|publiee?|relayee?|partagee?)|mis a jour|nouveau post|nouvelle annonce|"
    r"voici|lien|cv|conseils?|photo|hashtag|benevol\w*|desolee?|pardon|vacances|"
    r"mon (?:ami|amie|fils|frere|mari|conjoint)|ma (?:fille|soeur|femme|copine|amie)|"
    r"je (?:relaie|partage|ai partage)|recrute\w*|offres? pour|offres? interessantes?|(?:job )?offers? for|"
    r"petition|article|un site|quelle (?:demande|annonce)|quel (?:post|message)|entendu|ca marche|d acc|de acc|dacc|"
    r"je vais (?:voir|y reflechir|me renseigner)|je me renseigne|a voir|sounds good|noted|sure|beau temps|pleut|il (?:fait|neige|gele)|"
    r"bon appetit|fetes|voeux|vœux|courage a|qui (?:embauche|recrute)|chapeau|respect|vous (?:aidez|proposez|gerez)|comment vous contacter|"
    r"(?:do|does|can) you|the link|combien|payant|tarifs?|prix|salaire|"
    r"vous avez (?:des|une|un|d autres) (?:offres?|postes?|annonces?|contacts?)|quelle (?:entreprise|boite|societe)|quel (?:poste|metier|employeur)|"
    r"ce est (?:ou|pour (?:quelle|quel|qui|quoi))|pouvez vous (?:me )?(?:expliquer|preciser|corriger|modifier|changer)|je vais en parler|conseill\w*|"
    r"bonnes? fetes?|felicitation\w*|bisous?|bises|(?:heureu\w*|ravie?s?|contente?s?) de|erreur dans|corrig\w*|rectifi\w*|je ai change de|mdr|ptdr|haha\w*|hihi|"
    r"enquete|je clique|aucune idee|sais pas|ca depend|question|comprendre|"
    r"comprends|compris|vous aider|mon aide|aider|proposer|existe encore|en prive|numero|mot de passe|formulaire|"
    r"geniaux|(?:votre|ton|ce) (?:compte|site|collectif|profil))\b"
)
_OTHER_FIRM = re.compile(
    r"\b(?:offres? (?:pour|interessantes?|de emploi)|(?:job )?offers? for|petition|article|qui (?:embauche|recrute)|"
    r"respect|sais pas|(?:votre|ton|ce) (?:compte|site|collectif|profil)|"
    r"(?:mon|ma) (?:post|annonce|demande) (?:est elle|est il|est|a t elle|a t il) (?:toujours |bien |encore )?(?:en ligne|visible|publiee?))\b"
)
_PARTY_EMOJI = frozenset("🎉🥳🍾🎊✅🙌🥂💃🕺")
_WORK_EMOJI = frozenset("💼👔👷🏗🔧🧑👨👩‍⚕⚕🍳")  # with a party emoji: "🎉💼" is a new job
# An automatic answer (absence, unmanaged account): nobody read the question, nothing to act on.
_AUTO_REPLY = re.compile(
    r"\b(?:reponse|message|reply|response|mail|courriel) automatique\b|\bauto(?:matic)? ?(?:reply|response|responder)\b|"
    r"\bout of (?:the )?office\b|\bcurrently away\b|\bupon my return\b|\babsente? (?:du bureau |du \d+ )?(?:jusqu|a partir)|"
    r"\bje suis (?:en conge|en vacances|absente?)\b(?=[^.!?\n]*\b(?:jusqu|retour|du \d|au \d))|"
    r"\ba mon retour\b|\bje (?:lirai|consulterai|repondrai a) (?:votre|vos|ce|mes) (?:message|mail|courriel)s?\b|\bce compte (?:ne est plus|est) (?:gere|actif|utilise|suivi|desactive|inactif|surveille|consulte|lu|alimente)\w*|"
    r"\bje ne (?:consulte|lis|regarde|utilise|suis) (?:plus|pas|jamais) (?:ce compte|ce reseau|mes (?:messages|notifications|dm|mp))\b"
)
# Letters typed along a keyboard row ("azertyuiop", "qsdfghjkl"): nothing said at all.
_KEYBOARD_ROWS = (
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "poiuytreza",
    "mlkjhgfdsq",
)
# With nothing but thanks or a greeting read, a negation or a refusal word makes the answer a polite
# refusal rather than small talk ("merci, mais je passe", "je vais décliner, merci"): stop.
_POLITE_NO = re.compile(
    r"\b(?:ne|pas|plus|jamais|rien|aucune?|personne|not|never|rather|nope?|non|laiss\w*|leave|declin\w*|refus\w*|inutile|"
    r"desinteress\w*|evit\w*|tranquille|mais|but|however|toutefois|cependant|par contre|neanmoins|"
    r"no|nein|nicht|kein\w*|pero|aber|nao|nada|niente|basta)\b"
)
_POLITE_NO_EXCEPT = re.compile(
    r"\bni oui ni non\b|\bpas (?:de )?(?:souci|soucis|probleme|problemes|de quoi|mal|grave)\b|\bne (?:vous )?(?:en )?(?:inquietez|inquiete) pas\b|"
    r"\bje (?:ne )?sais (?:pas|plus)\b|\b(?:la|pour le moment),? pas le temps\b|\bpas le temps (?:la|maintenant|aujourd hui|ce soir|tout de suite|en ce moment)\b|\bne savais pas\b|\bpas (?:encore )?(?:eu le temps|vu)\b|\bno problem\b|\bnot sure\b|\bplus tard\b|"
    r"\bpas sure?\b|\baucune idee\b|\b(?:ne )?(?:avais|ai) pas vu\b|\bpas (?:une )?(?:question )?facile\b|\bcompren\w*|\bcompris\b|"
    r"\b(?:ne )?(?:marche|fonctionne|ouvre|charge|arrive) pas\b|\bdoes not work\b|\bne (?:\w+ )?pas (?:a )?ouvrir\b|\bne (?:se )?ouvr\w* pas\b|\bne vois pas (?:le|la|ou|comment)\b"
)
_SAD_EMOJI = frozenset("😞😢😭😔😩😫😕🙁☹😿💔😓😥")
_OTHER_EMOJI = frozenset("👍👌🙏❤😊🙂😀😁😃😉🤗💪👏🥰😍♥️\ufe0f!.?")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Where the model's probabilities start to count, chosen by cross-validation
    (`bench/train_reply_model.py --cv 5 --grid`)."""

    stop_over_rules: float = 0.9  # a hired/searching reading of the rules becomes a stop from here
    stop_over_other: float = 0.8  # an "other" reading (thanks, a question...) from here
    refused_margin: float = 0.2  # ... plus this when the rules read a negated stop ("ne retirez pas")
    sure: float = 0.5  # the model alone names hired/searching/other from here (0.4 let "juriste" be a hire)
    # ... when its stop reading stays under this (0.4 scored 0.2 % better in cross-validation, but
    # the answers it lets through at 0.3–0.4 are the doubtful ones: "🤷", "c'est compliqué")
    stop_alone: float = 0.3
    sure_other: float = 0.5  # "other" alone (what stop by default replaces) needs more


THRESHOLDS = Thresholds()
_STOP_EMOJI = frozenset(
    {"\U0001f6d1", "\u26d4", "\U0001f6ab", "\U0001f595", "\U0001f645", "\U0001f92c"}
)  # 🛑 ⛔ 🚫 🖕 🙅 🤬
_STOP_EMOJI_ALONE = frozenset("😡😠🤡💩🔕🔇📵❌✖🗑👎✋🙄😤")  # sent alone: "no" or hostile; in doubt, stop
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


_SPACED = re.compile(r"\b[a-z](?:[ .\-_*]+[a-z]\b){2,}")
_SMS_WORD = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in SMS if w.isascii()), key=len, reverse=True)) + r")\b"
)


def _fold_answer(text: str) -> str:
    """`fold`, plus what answers typed fast do: repeated letters, "jai" / "j ai", "c bon"."""
    folded = _RUNS.sub(r"\1", fold(text))
    # "o u i", "s.t.o.p": three or more single letters apart are one word (before "u" becomes "you").
    folded = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]+", "", m.group(0)), folded)
    folded = _SMS_WORD.sub(lambda m: SMS[m.group(0)], folded)
    folded = re.sub(r"\bj ?ai\b", "je ai", folded)
    folded = re.sub(r"\bc (?:est )?(?=\w)", "ce est ", folded)  # "c bon", "c est fini", "c fini"
    folded = re.sub(r"\bsi si\b", "oui oui", folded)  # an insisted yes, not a condition
    folded = re.sub(r"(?<=[a-z])0(?=[a-z]|\b)|\b0(?=[a-z])", "o", folded)  # "n0n", "n0"
    # Dictated punctuation ("virgule", "point final") and a dictated self-correction ("non c'est pas
    # ça") end a clause: what follows is the answer, not what was negated before.
    folded = re.sub(
        r"\bpoint (?:virgule|final|a la ligne|de interrogation|de exclamation)\b|\bvirgule\b|\bpoint\W*$",
        " ; ",
        folded,
    )
    folded = re.sub(
        r"\b(?:non )?ce est pas ca\b(?= (?:oui|non|je|ce|en|pas)\b)|\bje (?:veux|voulais) dire\b",
        " ; ",
        folded,
    )
    folded = re.sub(r"\bsais pas encore\b", "sais pas", folded)  # not a "pas encore" (searching)
    # "Arrêt maladie", "arrêt de travail" are a sick leave, not a stop.
    folded = re.sub(r"\barrets? (?=maladie\b|de travail\b|longue maladie\b)", "conge ", folded)
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
    span: tuple[int, int] = (-1, -1)  # where in the folded answer (kept for the negated stops)


def _signals(text: str) -> tuple[list[_Signal], str]:
    folded = _fold_answer(text)
    found: list[_Signal] = []
    for kind, label, pattern, cancel in _RULES:
        for match in pattern.finditer(folded):
            phrase = match.group(0).strip()
            if cancel == "hire":
                if _cancelled(folded, match.start(), _COND):
                    # "je vous dirai si j'ai trouvé": nothing said yet, and that is something else.
                    found.append(_Signal(_LATER, "embauche au conditionnel", phrase))
                    continue
                if _cancelled(folded, match.start(), _NEG):
                    found.append(_Signal(_SEARCHING, "embauche niée", phrase))
                    continue
                if folded[match.end() :].lstrip().startswith("?"):
                    # "Trouvé ? Non.": the hire is the question asked back, not an answer.
                    denied = re.search(
                        r"\b(?:non|no|nope|nan|pas encore|toujours pas|nada)\b", folded[match.end() :]
                    )
                    found.append(_Signal(_SEARCHING if denied else _LATER, "embauche en question", phrase))
                    continue
            elif cancel == "verb" and (
                _bound_negation(folded, match.start()) or folded[match.end() :].startswith(" pas")
            ):
                # "ne supprimez pas", "n'arrêtez pas", "don't stop": keep relaying, still looking.
                found.append(_Signal(_SEARCHING, _REFUSED, phrase, match.span()))
                continue
            elif cancel == "stopneg" and (after := _STOP_AFTER.match(folded, match.end())):
                # "je ne veux pas que vous arrêtiez", "je préfère pas que vous le retiriez": keep going.
                found.append(_Signal(_SEARCHING, _REFUSED, phrase, (match.start(), after.end())))
                continue
            elif cancel == "weak" and (
                _cancelled(folded, match.start(), _WEAK_NEG) or _cancelled(folded, match.start(), _COND)
            ):
                continue
            found.append(_Signal(kind, label, phrase, match.span()))
            break
    # A stop word inside a refused stop ("pas besoin d'arrêter", "je ne veux pas que vous arrêtiez")
    # is not a stop.
    refused = [s.span for s in found if s.label == _REFUSED]
    found = [
        s
        for s in found
        if s.kind not in (_STOP_POST, _STOP_PERSON) or not any(a <= s.span[0] < b for a, b in refused)
    ]
    misspelt = _misspelt_stop(folded)
    if misspelt and not any(s.kind == _STOP_POST for s in found):
        found.append(_Signal(_STOP_POST, "demande d'arrêt (mal orthographiée)", misspelt))
    emoji = next((c for c in text if c in _STOP_EMOJI), "")
    if not emoji and not any(c.isalnum() for c in text):
        emoji = next((c for c in text if c in _STOP_EMOJI_ALONE), "")
    if emoji:
        found.append(_Signal(_STOP_POST, "demande d'arrêt (emoji)", emoji))
    return _reread(found, folded), folded


def _reread(found: list[_Signal], folded: str) -> list[_Signal]:
    """Hire phrases that are something else in context (blind set D): a short job that is over, studies,
    working for oneself with no activity said."""
    hired = [s for s in found if s.kind == _HIRED]
    ended = _ENDED.search(folded)
    if (
        ended
        and _SHORT_JOB.search(folded[: ended.start()])
        and all(s.span[1] <= ended.start() for s in hired)
    ):
        if not hired:
            found = [*found, _Signal(_SEARCHING, "emploi terminé", ended.group(0), ended.span())]
        # "une mission de 2 jours mais c'est fini": the "c'est fini" is the job's end, not a stop.
        return [
            _Signal(_SEARCHING, "emploi terminé", s.phrase, s.span) if s.kind == _HIRED else s
            for s in found
            if not (s.kind == _STOP_POST and s.span[0] < ended.end() and s.span[1] > ended.start())
        ]
    if not hired:
        return found
    studies = [s for s in hired if _STUDY_AFTER.match(folded[s.span[1] :])]
    own = [
        s
        for s in hired
        if _SELF_EMPLOYED.search(_CLAUSE.split(folded[s.span[0] :], maxsplit=1)[0][: len(s.phrase) + 20])
    ]
    if len(studies) + len(own) < len(hired) or (own and _ACTIVITY.search(folded)):
        return found
    return [
        _Signal(_STATUS_KIND, "ni embauche ni recherche", s.phrase, s.span) if s.kind == _HIRED else s
        for s in found
    ]


def _conceded(folded: str, irony: list[_Signal], hired: list[_Signal]) -> bool:
    """Is every ironic or denied reading before a contrast ("mais") that a hire follows?"""
    return any(
        all(s.span[1] <= m.start() for s in irony) and any(s.span[0] >= m.end() for s in hired)
        for m in _CONTRAST.finditer(folded)
    )


def _reason(signal: _Signal) -> str:
    return f"{signal.label} : « {signal.phrase} »"


def classify_reply(text: str) -> ReplyClassification:
    """The intent of a seeker's answer, with the reasons that decided it (see the module docstring)."""
    return classify_with(text, load_model())


def _rules(text: str) -> tuple[ReplyClassification | None, bool]:
    """What the rules alone say (None: nothing they recognise), and whether a negated stop was read."""
    signals, folded = _signals(text)
    by_kind: dict[str, list[_Signal]] = {}
    for signal in signals:
        by_kind.setdefault(signal.kind, []).append(signal)
    hired = by_kind.get(_HIRED, [])
    irony = by_kind.get(_IRONY, [])
    if hired and irony and _conceded(folded, irony, hired):
        irony = []
    if irony and all(_JOKE_BACK.search(s.phrase) for s in irony):
        # "Oui, en portage... non je rigole, en CDI": the joke is taken back, the contract after it stands.
        last = max(s.span[1] for s in irony)
        after = _CONTRACT_AFTER.search(folded, last)
        if after or any(s.span[0] >= last for s in hired):
            hired = hired or [
                _Signal(_HIRED, "embauche (après une blague)", after.group(0) if after else "", (last, last))
            ]
            irony = []
    person = by_kind.get(_STOP_PERSON, [])
    post = by_kind.get(_STOP_POST, [])
    refused = any(s.label == _REFUSED for s in signals)
    if person:
        # Not to be contacted, data erased, or hostile: whatever else is said, nothing more is sent.
        extra = tuple(_reason(s) for s in hired[:1])
        return ReplyClassification(
            "stop", (_reason(person[0]), *extra), person[0].phrase, mentions_hire=bool(hired) and not irony
        ), refused
    if hired and not irony:
        # "J'ai trouvé, vous pouvez retirer mon annonce": the hire withdraws the request anyway.
        extra = tuple(_reason(s) for s in post[:1])
        return ReplyClassification("hired", (_reason(hired[0]), *extra), hired[0].phrase), refused
    yes = by_kind.get(_YES, [])
    searching = by_kind.get(_SEARCHING, []) + irony + by_kind.get(_NO, [])
    if post and yes and not searching:
        # "oui, vous pouvez retirer mon annonce": a yes to "avez-vous trouvé ?" that withdraws.
        withdrawn = (_reason(yes[0]) + " (réponse à « avez-vous trouvé ? »)", _reason(post[0]))
        return ReplyClassification("hired", withdrawn, yes[0].phrase), refused
    if post:
        return ReplyClassification("stop", (_reason(post[0]),), post[0].phrase), refused
    edit = _EDIT.search(folded)
    if edit and not hired and not _STOP_WORD.search(folded):
        # "Vous pouvez modifier le hashtag métier ? Je cherche plutôt en logistique": about the post.
        reason = f"modification de l'annonce : « {edit.group(0)} »"
        return ReplyClassification("other", (reason,), edit.group(0), settled=True), refused
    auto = _AUTO_REPLY.search(folded)
    if auto:
        reason = f"réponse automatique : « {auto.group(0)} »"
        return ReplyClassification("other", (reason,), auto.group(0), settled=True), refused
    letters = re.sub(r"[^a-z0-9]", "", folded)
    words = _WORD.findall(folded)
    if (
        len(letters) >= 5
        and words
        and all(len(w) >= 3 and any(w in row for row in _KEYBOARD_ROWS) for w in words)
    ):
        return ReplyClassification(
            "other", (f"réponse illisible (touches du clavier) : « {letters} »",), letters, settled=True
        ), refused
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    attachment = _ATTACHMENT.match(plain.strip())
    if attachment:
        # A voice message or a picture: the classifier cannot read it, a human can.
        reason = f"pièce jointe sans texte : « {text.strip()} »"
        return ReplyClassification("other", (reason,), text.strip(), settled=True), refused
    asked_back = _ASKED_BACK.match(folded)
    if asked_back:
        reason = f"question en retour : « {asked_back.group(0).strip()} »"
        return ReplyClassification("other", (reason,), asked_back.group(0).strip(), settled=True), refused
    if not hired and _HEDGE_LEAD.match(folded) and (promise := _PROMISE.search(folded)):
        reason = f"réponse incertaine, nouvelles promises : « {promise.group(0)} »"
        return ReplyClassification("other", (reason,), promise.group(0), settled=True), refused
    hedge = _HEDGE.match(folded)
    if hedge and not hired:
        # "peut-être", "oui et non", "oui ?": a seeker's answer that says nothing sure is for a human to
        # read, not a hire to record (nor, with no refusal word, a stop).
        reason = f"réponse incertaine : « {hedge.group(0).strip()} »"
        return ReplyClassification("other", (reason,), hedge.group(0).strip(), settled=True), refused
    hesitation = _HESITATION.search(folded)
    if hesitation and all(s.label in ("oui", "non", "ironie") for s in searching):
        reason = f"réponse hésitante : « {hesitation.group(0)} »"
        return ReplyClassification("other", (reason,), hesitation.group(0), settled=True), refused
    status = by_kind.get(_STATUS_KIND, [])
    own = _SELF_STATUS.search(folded)
    if own and not hired and not searching and not yes and _ACTIVITY.search(folded):
        # "Auto-entrepreneur depuis juin, les clients suivent": working for oneself, with activity.
        reason = f"embauche (à son compte, avec activité) : « {own.group(0)} »"
        return ReplyClassification("hired", (reason,), own.group(0)), refused
    news = status[0].phrase if status else (m.group(0) if (m := _STATUS.search(folded) or own) else "")
    if news and not _NEGATED.search(folded):
        # "En arrêt maladie pour le moment": the "pour le moment" is about the leave, not a search (but
        # "en formation pour l'instant, pas de poste" is a search).
        searching = [s for s in searching if not _FOR_NOW.match(s.phrase)]
    if searching:
        reasons = tuple(_reason(s) for s in searching[:2])
        return ReplyClassification("searching", reasons, searching[0].phrase), refused
    if yes:
        reason = _reason(yes[0]) + " (réponse à « avez-vous trouvé ? »)"
        return ReplyClassification("hired", (reason,), yes[0].phrase), refused
    doubt = _DOUBT_STOP.search(folded)
    if doubt and _DOUBT_TOPIC.search(folded):
        # Not one of the phrasings above, but refusal words about the relay or contact: stop.
        reason = f"refus probable (dans le doute, arrêt) : « {doubt.group(0)} »"
        return ReplyClassification("stop", (reason,), doubt.group(0)), refused
    if news:
        # Retiring, studies, a leave, a business with no activity said: neither hire nor search; a human
        # reads it. With a refusal word ("je suis à la retraite donc inutile"), in doubt, stop; a bare
        # "mais" ("…mais merci pour tout") is no refusal.
        refusal = _STATUS_DOUBT.search(folded) or (
            None
            if _POLITE_NO_EXCEPT.search(folded)
            else next((m for m in _POLITE_NO.finditer(folded) if m.group(0) not in _CONTRAST_ONLY), None)
        )
        if refusal:
            reason = f"refus probable (dans le doute, arrêt) : « {refusal.group(0)} »"
            return ReplyClassification("stop", (reason, f"« {news} »"), refusal.group(0)), refused
        reason = f"ni embauche, ni recherche, ni arrêt : « {news} »"
        return ReplyClassification("other", (reason,), news, settled=True), refused
    only = "".join(c for c in text if not c.isspace() and c not in "\ufe0f\u200d!.")
    if (
        only
        and all(c in _PARTY_EMOJI or c in _WORK_EMOJI for c in only)
        and any(c in _PARTY_EMOJI for c in only)
    ):
        return ReplyClassification(
            "hired", (f"emoji de fête (réponse à « avez-vous trouvé ? ») : {only}",), only
        ), refused
    if only and all(c in _SAD_EMOJI for c in only):
        return ReplyClassification(
            "searching", (f"emoji triste (réponse à « avez-vous trouvé ? ») : {only}",), only
        ), refused
    later = by_kind.get(_LATER, [])
    if later:
        return ReplyClassification("other", (_reason(later[0]),), later[0].phrase, settled=True), refused
    other = _OTHER.search(folded) or _CHEER.search(folded) or _OTHER_PLAIN.search(folded)
    if other or (text.strip() and all(c in _OTHER_EMOJI or c.isspace() for c in text)):
        phrase = other.group(0).strip() if other else text.strip()
        reason = f"ni embauche, ni recherche, ni arrêt : « {phrase} »"
        firm = bool(_OTHER_FIRM.search(folded))  # "j'ai trouvé une offre pour vous" is no hire
        polite_no = None if _POLITE_NO_EXCEPT.search(folded) else _POLITE_NO.search(folded)
        contrasts_only = polite_no and all(m.group(0) in _CONTRAST_ONLY for m in _POLITE_NO.finditer(folded))
        if contrasts_only and _PROMISE.search(folded):
            polite_no = None  # a "mais" in a story told by someone who promises news is no refusal
        # News promised for later: no hire or search for the model to guess at.
        firm = firm or (polite_no is None and bool(_PROMISE.search(folded) or _OTHER_PLAIN.search(folded)))
        if polite_no and not firm:
            reason = f"refus poli probable (dans le doute, arrêt) : « {polite_no.group(0)} »"
            return ReplyClassification("stop", (reason, f"« {phrase} »"), polite_no.group(0)), refused
        return ReplyClassification("other", (reason,), phrase, settled=firm), refused
    return None, refused


def classify_with(
    text: str, model: ReplyModel | None, thresholds: Thresholds = THRESHOLDS
) -> ReplyClassification:
    """`classify_reply` with a given learned model (None: the rules and the stop default alone).

    Stop by default: an answer is `stop` unless the rules or the model read clear evidence of a
    hire, of a search still going on, or of something else (thanks, a question about the service).
    The model can turn any non-stop reading into a stop when it reads a stop clearly enough, never
    the reverse: a stop the rules saw stays a stop.
    """
    if not text or not text.strip():
        return ReplyClassification("other", ("réponse vide",))
    ruled, refused = _rules(text)
    return decide(ruled, refused, model.probabilities(text) if model is not None else None, thresholds)


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
    return ReplyClassification("stop", ("réponse non reconnue : dans le doute, arrêt",))


def detect_reply_intent(text: str) -> ReplyIntent | None:
    """What withdraws a request: "hired" (also withdraws) or "withdraw" (stop), else None."""
    result = classify_reply(text)
    if result.intent == "hired":
        return ReplyIntent("hired", result.phrase)
    if result.intent == "stop":
        return ReplyIntent("withdraw", result.phrase)
    return None
