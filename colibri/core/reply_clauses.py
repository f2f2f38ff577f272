# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""Requests to stop read clause by clause, from a small semantic lexicon rather than phrase tables.

The phrase tables (`reply_phrases*`) read stops one wording at a time, and every new writer brought a
wording none had (« pas besoin de rappels » beside a « oui », « effacez aussi mon numéro » after a hire,
« évitez de me taguer », « ça me dérange que ma photo soit en ligne »). This module reads the *shape* of
a request instead: the answer is cut into clauses, and a clause is a request to stop when it combines

- a **request form** (an imperative « -ez », « merci de », « je voudrais / j'aimerais / je souhaite que
  vous », « pouvez-vous », « évitez de », « pas besoin de », a wish or passive « que … soit retiré »,
  « plus de … », a « ne … plus »),
- with a **verb of removal, stopping, contact or relay** (retirer, effacer, cesser, contacter, taguer,
  partager…) or an **object** of the relay or of the person (annonce, post, photo, numéro, données,
  relances, messages, notifications…),

whatever the rest of the answer says. What stays out, on purpose: a request to go on (« continuez à
relayer », « relancez-moi dans un mois », « ne m'oubliez pas »: the verbs of keeping going are not in
the lexicon and a negation bound to a removal verb cancels it), a report rather than a request (« le
recruteur ne me rappelle plus », « j'ai retiré ma candidature »: a third person or a past tense is no
request), and after a hire a request that only withdraws the post (the issue: a hire with « vous pouvez
retirer mon annonce » is a hire). Discomfort at being shown (« ça me gêne d'être affichée ») and a
refusal of the collective (« sans vous désormais ») are stops too.

`clause_stop(text)` returns the clause read as a stop and whether it is about the person (contact,
data, tags: a stop even after a hire) or only about the post (withdrawn anyway by a hire), or None.
Two helpers let `replies.classify_with` read compositions: `without_politeness` (the answer without the
greetings and thanks around it) and `without_reports` (without what a third party did, reported).
Measured on `tests/data/replies_fresh9.jsonl` and by composition (tests/data/README.md, branch replies7).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from colibri.core.reply_text import fold_answer

# Clause ends: sentence marks, commas, emoji, and the turns that start a new thought. "et" is kept inside
# a clause on purpose: « effacez mon numéro et mes données » is one request, « ne me taguez plus et ne
# me relancez plus » two that each read alone.
_CLAUSE = re.compile(
    r"[.!?;,:\n()…\U0001f300-\U0001faff\u2600-\u27bf]|\b(?:mais|but|pero|par contre|cela dit|cependant|"
    r"toutefois|en revanche|sinon|donc|so)\b"
)

# --- the lexicon (folded: accents off, elisions spelled out "me envoyer", "je ai") -------------------

# Objects of the relay (withdrawn by a hire anyway) and of the person (a stop even after a hire).
POST_NOUN = (
    r"(?:annonces?|annonse|fiche|post|posts|reposts?|retweets?|partages|story|stories|publications?|publi|demande|offre|candidature|cv|dossier|profil|profile|"
    r"nom|prenom|photos?|foto|image|visage|message|ad|listing|anuncio|publicacion|publicacao|annuncio|beitrag|"
    r"anons|ilan\w*|ogloszenie|anuntul|non an mwen|foto an mwen)"
)
# The person: their data, and what reaches them (messages, reminders, tags). A hire does not take it back.
PERSON_NOUN = (
    r"(?:coordonnees|donnees|data|datos|dados|details|infos?|informations|numero|number|telephone|tel|mails?|"
    r"email|adresse|address|messages|relances?|rappels?|reminders?|sollicitations?|notifications?|notifs?|"
    r"alertes?|tags?|mentions?|questionnaires?|suivi|follow ups?|emails|sms|textos|trace|traces|identite|"
    r"vie privee|perfil|mesaj|consentement|accord|compte)"
)
# Verbs that take something away or end it (stems; any ending).
REMOVE = r"(?:retir|enlev|efac|effac|suprim|supprim|ote|virez|virer|decrochez|decrocher|depubli|archivez|archiver|rayez|rayer|detag|sortez|cachez|cacher|masqu|oubli|detrui|clotur|fermez|fermer|desactiv|annul|desinscri|desabonn|desindex|debranch|coupez|couper|suspend|efase|artir|disparai|purg|radiez|radier|degagez|degager|zappez|zapper|jetez|blacklist|debarrass|arret|aret|cess|stopp|sispann)"
# Verbs of contacting the person (under a « ne … plus », « évitez de », « plus besoin de »: a stop
# even after a hire) and of relaying the post (withdrawn by a hire anyway).
CONTACT = r"(?:re)?(?:contact|ecri|ecriv|mecri|relanc|relenc|rappel|appel|envoy|sollicit|harcel|spam|tag|tagu|identifi|mention|interpell|cit|demandez|demander|parl|notifi|texto|suivez|suivre|posez|poser|pinguer|pinguez|mailer|mailez|textez|texter|bipez|biper)"
RELAY = r"(?:re)?(?:relay|relai|partag|publi|diffus|repost|affich|montr|expos|gard|conserv|circul|tourn|utilis|figur|apparai|apparait|partaz|pataje|transmet|transmett)"

# A request form before the verb, in the same clause.
ASK = (
    r"(?:merci de|merci d|veuillez|pouvez vous|vous pouvez|vous pourriez|pourriez vous|pourrais tu|peux tu|"
    r"tu peux|tu pourrais|possible de|serait il possible de|est ce que vous pouvez|je voudrais|je voulais|"
    r"je veux|je souhaite|je souhaiterais|je souhaitais|je prefere|je prefererais|je aimerais|je demande|"
    r"je vous demande|je vous demanderai|je vous prie de|je vous serais reconnaissante? de|je vous remercie de|"
    r"je vous remercierais de|je exige|je tiens a|il faudrait|il faut|faut|"
    r"ce serait (?:gentil|bien|sympa|cool) de|je vous saurais gre de|auriez vous la amabilite de|svp|stp|"
    r"se il vous plait|se il te plait|please|pls|plz|evitez de|eviter de|evitez|inutile de|pas besoin de|"
    r"plus besoin de|pas la peine de|je desire|je ne desire plus|procedez a|procedez|il est temps de)"
)
# A report, not a request: someone else acts, or it already happened.
REPORT = re.compile(
    r"\b(?:il|elle|ils|elles|on|recruteur|recruteurs|employeur|entreprise|boite|rh|patron|agence|"
    r"france travail|pole emploi|ca)\s+(?:ne\s+|n\s+)?(?:me\s+|m\s+|le\s+|la\s+|les\s+|lui\s+)?(?:a|ont|avait|"
    r"avaient|va|vont|\w+ent\b|\w+e\b)|\bje ai\s+(?:\w+\s+)?(?:retire|enleve|efface|supprime|annule|arrete|"
    r"cesse|ferme|decroche|oublie)|\b(?:a|ont|avait)\s+ete\b"
)
_NEG_BEFORE = re.compile(r"\b(?:ne|n|pas|sans|jamais)\s+(?:\w+\s+){0,2}$")
_KEEP_GOING = re.compile(
    r"\b(?:continu\w*|republi\w*|repartag\w*|relancez moi dans|relancez moi en|relancez moi apres|"
    r"hesitez pas|ne me oubliez pas|de ne pas me oublier|ne lachez|lachez rien|ne arretez pas|"
    r"ne arretez surtout pas|pas arreter|mettre a jour|modifi\w*|changer|remplac\w*|corrig\w*|ajout\w*)\b"
)


@dataclass(frozen=True, slots=True)
class ClauseStop:
    clause: str  # the folded clause that asks to stop
    person: bool  # about the person (contact, data, tags): a stop even after a hire
    how: str  # which shape read it, for the reasons


def _verb(stem: str) -> str:
    return r"\b" + stem + r"\w*"


_REMOVE = re.compile(_verb(REMOVE))
_CONTACT = re.compile(_verb(CONTACT))
_RELAY = re.compile(_verb(RELAY))
_POST = re.compile(r"\b" + POST_NOUN + r"\b")
_PERSON = re.compile(r"\b" + PERSON_NOUN + r"\b")
# Whom it is about: the writer, or someone they answer for (« je suis sa mère, merci de ne plus lui écrire »).
_ME = re.compile(r"\b(?:me|m|moi|mon|ma|mes|tout|ca|la|le|les|l|lui|leur|son|sa|ses|mi|mis|my|mwen|moin)\b")
_ASK = re.compile(r"\b" + ASK + r"\b")
_NO_MORE = re.compile(r"\b(?:plus|plu|pu|jamais|ankò|anko|anymore|more|mas|mais)\b")

# « Plus de relances », « plus aucune notification », « No more reminders »: a clause that opens on it.
# A request form right before « plus » (« merci de plus me relancer », « svp plu partager »): the « ne »
# dropped as people type fast; the request form alone says it is no report.
_ASKED_NO_MORE = re.compile(
    r"\b(?:merci de|merci d|svp|stp|veuillez|je vous prie de|je vous demande de|pouvez vous|vous pouvez)\s+"
    r"(?:plus|plu|jamais)\s+(?:\w+\s+){0,1}$"
)
_PLUS_DE = re.compile(
    r"^(?:(?:et|svp|stp|se il vous plait|se il te plait|please|merci|alors|bon|ok|oui|non|et puis|bref|aussi|"
    r"desormais|maintenant|dorenavant|a partir de maintenant)\s+){0,3}(?:plus|plus aucune?|plus jamais|zero|no more|nada de|ya no|ni)\s+(?:de\s+|d\s+|des\s+)?(?:\w+\s+)?"
    + r"(?P<obj>"
    + PERSON_NOUN
    + r"|"
    + POST_NOUN
    + r"|partages?|relais)\b"
)
# « Ça me gêne / me dérange / me met mal à l'aise … être affichée / ma photo en ligne / mon nom partout ».
_DISCOMFORT = re.compile(
    r"\b(?:gene|genee|genes|genant\w*|gener|genait|genent|stresse|stress|angoisse|pas fan|derange\w*|mal a le aise|pas a le aise|pas (?:tres |trop )?confortable|not comfortable|"
    r"uncomfortable|intrusi\w*|pesant|deplace|malaise|pas envie que|plus envie que|ne aime pas|aime pas etre|"
    r"prefere pas|pas ok avec|pas d accord avec)\b"
)
_EXPOSED = re.compile(
    r"\b(?:expos\w*|affich\w*|en ligne|partout|public\w*|internet|out there|en vitrine|visible|"
    r"voit|voient|voir|tombe dessus|on parle de moi|parle de moi|parliez de moi|relanc\w*|messages?|"
    + POST_NOUN
    + r"|"
    + PERSON_NOUN
    + r")\b"
)
# The collective refused: « je cherche encore mais sans vous », « je me retire », « je me désinscris ».
_REFUSAL = re.compile(
    r"\b(?:sans vous(?: desormais| maintenant| dorenavant| merci)?\W*$|je me retire\b|je me desinscri\w*|"
    r"je me desabonn\w*|je retire mon (?:accord|consentement)|retrait de mon (?:accord|consentement)|"
    r"droit a le oubli|droit de opposition|unsubscribe|opt out|je ne veux plus de (?:suivi|vos|ces|votre)|"
    r"je veux plus de (?:suivi|vos|ces|votre)|ne veux plus entendre parler|veux plus entendre parler|"
    r"laissez moi (?:tranquille|en paix)|leave me alone|lagé mwen|lage mwen|les mwen|kite mwen|"
    r"que on en reste la|kon en reste la|k on en reste la|en rester la|me laisser (?:tranquille|en paix)|interdi\w* de (?:me )?(?:relay|relai|partag|publi|diffus|contact)\w*|"
    r"a cause de vous|fin de (?:la|notre) collaboration|vous me lachez|lachez moi|me lacher|"
    r"rester anonyme|je ne accepte pas (?:de etre|que vous)|pa bizwin)\b"
)
# The relay no longer wanted, said of oneself (« je ne suis plus intéressée », « je n'en ai plus
# l'utilité », « je n'ai rien autorisé »): about the post, so a hire beside it stays a hire.
_WITHDRAWN = re.compile(
    r"\b(?:suis plus interess\w*(?= par (?:ce|votre|vos|le) (?:service|suivi|relais|collectif|dispositif|aide|messages?)|\s*$)|"
    r"pas besoin de (?:ce|votre|vos) (?:service|suivi|relais|aide)|ne suis plus dans (?:cette|la|une) demarche|"
    r"en ai plus (?:la |le )?(?:utilite|usage)|ai (?:pas|jamais) (?:souscrit|adhere|demande a etre)|ai rien autorise|ai jamais autorise|ne participe pas|"
    r"(?:pas|plus) envie que on (?:suive|parle|partage|relaie|publie|voie)|je ne y tiens pas|pas preneu\w*)"
)
# English and the other languages the tables know: the same shapes, spelled out.
_OTHER_LANG = re.compile(
    r"\b(?:(?:please |kindly |pls )?(?:remove|delete|erase|drop|unpublish|take down|take off|wipe)\b(?:\s+\w+){0,2}\s+"
    r"(?:my|the|this|it|me)\b|take (?:it|my \w+|the \w+) (?:down|off)|(?:stop|quit) (?:the )?(?:tagging|contacting|messaging|"
    r"sharing|posting|sending|emailing|texting|calling|following up|follow ups|reminders|reminding)|"
    r"(?:do not|never) (?:message|contact|tag|text|call|email|share|post|write|dm)\b|"
    r"rather you (?:did not|not|stopped)|"
    r"(?:borr|quit|elimin|sac)(?:en|ar|a|enme|ame|adme|enlo|ame)\b(?:\s+\w+){0,2}\s+(?:mi|mis|me|de|el|la|su)\b|"
    r"dejen de|deje de|deixem de|deixe de|paren de|no me (?:\w+ ){0,1}(?:etiqueten|escriban|contacten|manden|llamen|escribas|etiquetes)|"
    r"ya no quiero|parem de|pare de|apaguem|removam|tirem|nao quero mais|nao me (?:marquem|mandem|contactem|escrevam)|"
    r"smett\w+|cancellate|togliete|rimuovete|non (?:\w+ )?(?:contattatemi|scrivetemi|taggatemi|mi scrivete|mi contattate)|"
    r"loschen|entfernen|hort auf|horen sie auf|nicht mehr|"
    r"sispann|kanpe voye|pas? (?:\w+ ){1,4}anko|withdraw (?:my|the)|cancel (?:my|the)|arete|are(?:t|te) sa|arèt)\b"
)


# A request form, then any verb, then the person's data (« merci de purger mes données »).
_DATA_ASKED = re.compile(
    r"(?:\b(?:merci de|merci d|veuillez|pouvez vous|vous pouvez|pourriez vous|vous pourriez|je vous prie de|je vous demande de|"
    r"je voudrais que vous|je aimerais que vous|je souhaite que vous)\s+(?:\w+\s+)?(?P<verb>[a-z]{3,}(?:er|ir|re|ez|iez))|"
    r"^(?:(?:svp|stp|merci|et|alors|bon|ok|oui|non|donc|maintenant|desormais)\s+)*(?P<verb2>[a-z]{3,}ez))"
    r"\s+(?:tout de suite\s+|aussi\s+|egalement\s+|svp\s+)?(?:mes|mon|ma|toutes mes|tous mes|toutes les|les) "
    r"(?:donnees|coordonnees|infos?|informations|numero|numero de telephone|telephone|adresse|adresse mail|mail|email|"
    r"identite|compte|compte chez vous|traces?)\b"
)
# Verbs of keeping, editing, sending or checking: a request with them goes on.
_KEEP_VERB = re.compile(
    r"(?:modifi|chang|corrig|ajout|remplac|mettre|mettez|gard|conserv|envoy|renvoy|transmet|partag|publi|diffus|"
    r"relai|relay|utilis|not|prend|verifi|lire|lis|consult|affich|complet|precis|indiqu|donn|laiss|rajout|actualis|"
    r"update|trouv|recuper|communiqu|ecri|contact|appel|rappel|regard|voir|fait|fair)"
)


# Words a request may open on before an imperative typed as a participle (« svp suprimé mon annonse »).
_OPENING = re.compile(
    r"\s*(?:(?:svp|stp|merci|please|souple|siouple|siouplé|tanpri|silvouple|bonjour|bonsoir|alors|bon|ok|et|"
    r"oui|non|donc|desormais|maintenant|la|bref)\s+)*"
)
_DONE = re.compile(
    r"\s*(?:(?:svp|stp|merci|maintenant|la|tout de suite|de suite|immediatement|desormais|se il vous plait|"
    r"au plus vite|des maintenant|ici|tout|ca|sa|le tout|a partir de maintenant|svp merci)\s*)*"
)
# « Je demande la suppression de mes informations », « retrait de mon annonce svp », « procéder à leur
# suppression »: the removal said as a noun.
_NOMINAL = re.compile(
    r"\b(?:suppression|retrait|effacement|desindexation|depublication|arret|cloture)\s+(?:de|des|du|d)\s+(?:\w+\s+){0,1}?"
    r"(?P<what>"
    + POST_NOUN
    + r"|"
    + PERSON_NOUN
    + r"|tout|relais|diffusion|partages?|publications?|compte)\b"
    r"|\b(?P<what2>leur|sa|son) (?:suppression|retrait|effacement)\b"
)
# Hostility about the relay itself: « pourquoi vous avez partagé mon post ? », « vous n'aviez pas à
# partager mon annonce », « avez-vous le droit de faire ça ? ».
_HOSTILE = re.compile(
    r"\bqui vous a (?:autorise|permis|donne le droit)\w*|\bcette manie de|\bme sens (?:fliquee?|surveillee?|espionnee?|traquee?)|"
    r"\bpourquoi (?:vous|tu|zot) (?:me |m |ne me )?(?:avez|as|aviez|avait|avez vous) (?:\w+ )?(?:"
    + RELAY
    + r"|"
    + CONTACT
    + r"|mon|ma|mes)\w*|\bvous (?:ne )?(?:aviez|avez|auriez) (?:pas|aucun droit|pas le droit) (?:a|de) (?:me )?(?:"
    + RELAY
    + r"|"
    + CONTACT
    + r")\w*|\b(?:avez vous|vous avez) le droit de (?:faire ca|faire cela|me|"
    + RELAY
    + r")"
)
_NOT_THAT = re.compile(
    r"\b(?:veux|veut|souhaite|voudrais|desire|aimerais|prefere)\s+pas\s+que\s+(?:vous|on|zot)\b"
)
# Being shown, said anywhere in the answer (« Mon employeur risque de voir ça, c'est gênant »).
_SHOWN = re.compile(
    r"\b(?:expos\w*|affiche\w*|en ligne|partout|publiquement|internet|voir ca|tombe dessus|tombe sur)\b"
)


def _negated(clause: str, start: int) -> bool:
    """A negation bound to the verb at `start` (« ne supprimez pas », « pas besoin de retirer »)."""
    before = clause[:start]
    if re.search(
        r"\b(?:pas besoin de|plus besoin de|inutile de|pas la peine de|sans)\s+(?:\w+\s+){0,1}$", before
    ):
        return True
    if re.search(r"\b(?:veux|veut|souhaite|voudrais|desire|aimerais|prefere|faut)\s+pas\s+que\b", before):
        return True  # « je ne veux pas que mon annonce soit retirée »
    after = clause[start:]
    return bool(_NEG_BEFORE.search(before)) and not re.match(
        r"\w+\s+(?:\w+\s+){0,2}?(?:plus|plu|jamais)\b", after
    )


def _read(clause: str, hired: bool, whole: str = "") -> ClauseStop | None:
    """One clause (folded) read as a stop, or None."""
    keep = _KEEP_GOING.search(clause)
    if (
        keep is not None
        and not re.match(r"\s*(?:pas|plus|jamais)\b", clause[keep.end() :])
        # « merci de (ne) plus repartager mon message »: going on is what is refused
        and not re.search(
            r"\b(?:plus|plu|jamais)\s+(?:me\s+|le\s+|la\s+|les\s+|l\s+)?$", clause[: keep.start()]
        )
    ):
        return None  # "continuez à relayer", "relancez-moi dans un mois" (not "republiez pas mon annonce")
    if (refusal := _REFUSAL.search(clause)) is not None:
        return ClauseStop(clause, True, f"refus du collectif : « {refusal.group(0).strip()} »")
    if (withdrawn := _WITHDRAWN.search(clause)) is not None:
        return ClauseStop(clause, False, f"relais plus voulu : « {withdrawn.group(0)} »")
    lang = _OTHER_LANG.search(clause)
    if lang is not None and re.search(r"\b(?:not|never|no)\s+$", clause[: lang.start()]):
        lang = None  # "don't stop sharing", "please don't remove it"
    if lang is not None and not re.search(r"\b(?:no|not) (?:yet|todavia|ainda)\b", clause):
        return ClauseStop(
            clause,
            bool(_PERSON.search(clause)) or not _POST.search(clause),
            f"demande d'arrêt : « {lang.group(0)} »",
        )
    if (more := _PLUS_DE.search(clause)) is not None:
        person = not _POST.fullmatch(more.group("obj")) and more.group("obj") not in (
            "partage",
            "partages",
            "relais",
        )
        return ClauseStop(clause, person, f"« plus de … » : « {more.group(0)} »")
    if (noun := _NOMINAL.search(clause)) is not None and not REPORT.search(clause[: noun.start()]):
        person = bool(_PERSON.search(noun.group(0)) or noun.group("what") in ("tout", "leur"))
        return ClauseStop(clause, person, f"demande de retrait : « {noun.group(0)} »")
    if (hostile := _HOSTILE.search(clause)) is not None:
        return ClauseStop(clause, True, f"hostilité envers le relais : « {hostile.group(0)} »")
    report = REPORT.search(clause)
    asked = _ASK.search(clause)
    # A request on the person's data with a verb the lexicon does not know (« merci de purger mes données »,
    # « blacklistez mon numéro »): in doubt, a stop, unless the verb is one of keeping, editing or sending.
    data = _DATA_ASKED.search(clause)
    slot = "verb" if data is not None and data.group("verb") else "verb2"
    if data is not None and not _KEEP_VERB.match(data.group(slot)):
        if not (report and report.start() < data.start()) and not _negated(clause, data.start(slot)):
            return ClauseStop(clause, True, f"demande sur les données : « {data.group(0)} »")
    # Removal or stop verbs asked (imperative, after a request form, or in a wish « que … soit retiré »).
    for verb in _REMOVE.finditer(clause):
        if _negated(clause, verb.start()):
            continue
        form = verb.group(0)
        rest = clause[verb.end() :]
        imperative = (
            form.endswith(("ez", "iez"))
            or bool(_OPENING.fullmatch(clause[: verb.start()]))
            or bool(re.search(r"\bfaites\s+$", clause[: verb.start()]))  # « faites disparaître mon annonce »
        )
        wish = re.search(
            r"\b(?:soi|soit|soient|etre|doit|doivent|que)\b", clause[: verb.start()]
        ) and form.endswith(("e", "ee", "es", "ees"))
        if report and report.start() < verb.start() and not asked:
            continue
        if not (imperative or (asked and asked.start() < verb.start()) or wish):
            continue
        # What is removed or stopped: a named object, « moi », « tout », or (stop verbs) contact or relay.
        before = clause[: verb.start()]
        person = bool(
            _PERSON.search(rest)
            or _CONTACT.search(rest)
            # « supprimez tout » is everything (blind S); « supprimez tout le post » is the post
            or re.match(r"\s*tout\b(?!\s+(?:le|la|les|l|mon|ma|mes|ce|cette)\s+" + POST_NOUN + r"\b)", rest)
            # « je souhaite être retirée de votre fil »: the person is what is removed
            or (re.search(r"\betre\s+$", before) and re.search(r"\b(?:je|me|moi)\b", before))
        )
        post = bool(
            _POST.search(rest)
            or _RELAY.search(rest)
            # « retirez-moi de la liste » after a hire is the withdrawal the hire makes anyway
            or re.match(r"\s*(?:la|le|les|l|ca|sa|ceci|cela|moi|me|m)\b", rest)
            or re.search(r"\b(?:le|la|les|l|me|m)\s+$", before)
            # « j'aimerais que vous arrêtiez », « je vous demande de cesser », « vous pouvez retirer, merci »:
            # a stop or removal verb asked with nothing after removes or stops what the message was about
            or bool(_DONE.fullmatch(rest))
            # « que ma photo soit retirée », « mon post doit être supprimé »: the object said before
            or (wish and (_POST.search(before) or _PERSON.search(before)))
        )
        if person or post:
            return ClauseStop(
                clause, person, f"demande de retrait ou d'arrêt : « {' '.join((form + rest).split()[:6])} »"
            )
    # Contact or relay asked not to go on: « ne me taguez plus », « évitez de me taguer », « je ne veux plus
    # être relayée », « plus besoin de me tenir au courant », « que vous ne diffusiez plus ma photo ».
    for verb in [*_CONTACT.finditer(clause), *_RELAY.finditer(clause)]:
        before = clause[: verb.start()]
        form = verb.group(0)
        person = bool(_CONTACT.fullmatch(form)) or bool(_PERSON.search(clause))
        avoided = re.search(
            r"\b(?:evitez|eviter|inutile|pas besoin|plus besoin|pas la peine|arretez|cessez|stoppez|arreter|cesser)\s+(?:de |d )?(?:\w+\s+){0,1}$",
            before,
        )
        if avoided:
            return ClauseStop(clause, person, f"demande de ne plus : « {avoided.group(0)}{form} »")
        no_more = bool(
            _NO_MORE.search(clause[verb.start() :])
            or re.search(r"\b(?:plus|jamais)\s+(?:\w+\s+){0,2}$", before)
        )
        negation = (
            bool(re.search(r"\b(?:ne|n|veux|souhaite|desire|voudrais)\b", before))
            or before.strip() == ""
            # « merci de plus repartager mon message »: the « ne » dropped as people type, a request still
            or bool(_ASKED_NO_MORE.search(before))
        )
        if _NOT_THAT.search(before) or (
            form.endswith(("ez", "iez"))
            and re.match(r"\s*(?:\w+\s+)?(?:pas|plus|plu|jamais)\b", clause[verb.end() :])
        ):
            # « il ne souhaite pas que vous le relanciez », « republiez pas mon annonce »
            no_more = negation = True
        if not (no_more and negation):
            continue
        mine = (
            _ME.search(before + " " + clause[verb.end() : verb.end() + 30])
            or re.search(r"\bvous\b", before)
            or _ASKED_NO_MORE.search(before)  # « merci de plus partager »: asked of the collective
        )
        addressed = (
            form.endswith(("ez", "iez"))
            or _ASK.search(before)
            or re.search(r"\b(?:je|vous|que|veux|souhaite|desire)\b", before)
            or before.strip() in ("", "ne", "ne me", "me", "ne m")
            # « ma publication n'a plus à être partagée »: the object is the subject of a passive
            or (
                re.search(r"\b(?:etre|doit plus|doivent plus)\s+$", before)
                and (_POST.search(before) or _PERSON.search(before))
            )
        )
        if report and report.start() < verb.start() and not re.search(r"\bvous\b", before):
            continue
        if mine and addressed:
            return ClauseStop(clause, person, f"demande de ne plus : « {form} … plus »")
    # Discomfort at being shown, when the clause is about the post or the person.
    discomfort = _DISCOMFORT.search(clause)
    if discomfort and (_EXPOSED.search(clause) or _SHOWN.search(whole)) and not hired:
        return ClauseStop(clause, True, f"gêne d'être exposé : « {discomfort.group(0)} »")
    return None


def clauses(text: str, folded: str = "") -> list[str]:
    """The answer folded (or `folded`, already) and cut into clauses (the ones with a word left)."""
    folded = folded or fold_answer(text)
    return [part.strip() for part in _CLAUSE.split(folded) if re.search(r"[a-z]{2}", part)]


def clause_stop(text: str, hired: bool = False) -> ClauseStop | None:
    """The first clause of `text` that asks the collective to stop (see the module docstring), or None.
    `hired`: the rest of the answer announces a hire, so discomfort alone is no stop."""
    folded = fold_answer(text)
    for clause in clauses(text, folded):
        found = _read(clause, hired, folded)
        if found is not None:
            return found
    return None


# Sentences that only greet, thank or take leave: they add nothing to what the rest of the answer says.
_POLITE = re.compile(
    r"(?:(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|madame|monsieur|merci|merci beaucoup|merci bien|"
    r"merci a vous|merci encore|merci pour tout|merci pour votre aide|merci quand meme|merci de votre aide|"
    r"bonne journee|bonne soiree|bonne continuation|bonne fin de journee|bonne semaine|bonne chance|"
    r"belle journee|a vous aussi|cordialement|bien cordialement|bien a vous|au revoir|a bientot|bises|"
    r"thanks|thank you|thx|regards|best|cheers|gracias|obrigado|obrigada|mesi|mersi|mesi anpil)\s*)+"
)
# The words a polite opening or closing starts or ends on: a cheap test before the full one.
_POLITE_WORD = re.compile(
    r"(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|madame|monsieur|merci|beaucoup|bien|vous|encore|tout|aide|"
    r"quand|meme|bonne|belle|journee|soiree|continuation|semaine|chance|aussi|cordialement|revoir|bientot|bises|"
    r"thanks|thank|you|thx|regards|best|cheers|gracias|obrigado|obrigada|mesi|mersi|anpil)$"
)


def _plain(word: str) -> str:
    """A word lower case, accents and signs off: enough to recognise a greeting (no SMS spelling)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if c.isascii() and c.isalpha())


def without_politeness(text: str) -> str:
    """`text` without the words that only greet, thank or take leave around it (« Bonjour. », « Merci pour
    tout. », « … Bonne continuation »), when there were some and words are left; else ""."""
    words = text.split()
    plain = [_plain(word) for word in words]

    def polite(start: int, end: int) -> bool:
        chunk = " ".join(p for p in plain[start:end] if p)
        return "?" not in "".join(words[start:end]) and bool(chunk) and bool(_POLITE.fullmatch(chunk))

    if len(words) < 2 or not (_POLITE_WORD.match(plain[0]) or _POLITE_WORD.match(plain[-1])):
        return ""
    if polite(0, len(words)):
        return ""  # « Merci pour tout »: nothing but politeness
    first = next((n for n in range(min(5, len(words) - 1), 0, -1) if polite(0, n)), 0)
    last = next(
        (n for n in range(min(5, len(words) - first - 1), 0, -1) if polite(len(words) - n, len(words))), 0
    )
    if not first and not last:
        return ""
    return " ".join(words[first : len(words) - last])


# A report of what a third party did to something (« ils ont arrêté le recrutement », « le site a supprimé
# mon profil », « le recruteur ne me rappelle plus »), or of what the writer did to an application (« j'ai
# retiré ma candidature chez X »): no request to the collective.
_THIRD_PARTY = re.compile(
    r"^(?:(?:bref|bon|alors|et|mais|donc|du coup)\s+)*(?:(?:le|la|les|l|mon|ma|mes|leur|cette)\s+(?:\w+\s+){0,2}?"
    r"(?:recruteur|recruteuse|recruteurs|employeur|entreprise|boite|societe|agence|site|rh|patron|patronne|mairie|"
    r"magasin|usine|cabinet|client|manager|france travail|pole emploi|plateforme)|ils|elles|on me|on ne me)\b"
    r"(?:\s+\w+){0,4}?\s+(?:a|ont|avait|avaient|ne)\s+(?:me\s+|m\s+|le\s+|la\s+|les\s+|l\s+)?(?:\w+\s+)?"
    r"(?:" + REMOVE + r"|annul|gel|suppr|ferm)\w*"
    r"|^(?:je ai|j ai)\s+(?:retire|annule|arrete)\s+(?:ma|mes|mon)\s+(?:candidature|dossier|demande de \w+)s?\b(?!\s+(?:chez\s+)?vous)"
)


def without_reports(text: str) -> str:
    """`text` without its pieces (sentences, comma-separated parts) that report what a third party did
    (see `_THIRD_PARTY`), when there were some and a piece with a word or a sign is left; else ""."""
    parts = [part for part in re.split(r"(?<=[.!?;,\n…])\s+", text.strip()) if part.strip()]
    kept = [part for part in parts if not _THIRD_PARTY.search(fold_answer(part).strip(" .,;!?"))]
    if not kept or len(kept) == len(parts):
        return ""
    return " ".join(kept)
