# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""Answers whose context changes what their words say (blind set E's families, issue 16).

A seeker who says "je ne cherche plus" *because* they went back to studies, opened a business or are
expecting a baby tells news (`other`, a human reads it), not a request to stop; a friendly "c'est qui
qui gère ce compte ? bravo" is no hostile "qui êtes-vous ?"; an internship, a service civique or an
admission to a school is found, but it is no salaried hire; a request to repost the ad or to fix its
photo, a relative's own request, a question to the community are about the service. Each of these is
`other` only when **no** explicit stop word is there too: "j'ai ouvert ma boutique, retirez l'annonce"
stays a stop, and "je ne cherche plus" said alone stays a stop (it ends the relay, and in doubt, stop).

Also hires said in the passive ("le poste m'a été attribué", "une clinique m'a embauchée") or as an
intérim that "compte", and searches said as a strong no with the reason ("jamais de la vie, y a rien
dans ma région") or as a job cancelled "juste avant ma signature".

Pure: `unquote` strips a quoted check-in before the answer; `context_reading` returns
(intent, label, phrase) or None, on text folded by `reply_text.fold_answer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal

from colibri.core.reply_lexicon import HIRED, IRONY, KIN, NO, SEARCHING, STOP_PERSON, STOP_POST, YES
from colibri.core.reply_model import ReplyModel
from colibri.core.reply_patterns import ACTIVITY, NEGATED, STOP_WORD
from colibri.core.reply_signals import Signal
from colibri.core.reply_text import CLAUSE

ContextIntent = Literal["hired", "searching", "other"]

# What stops the relay whatever the context: withdraw, erase, no more contact, "plus besoin", "c'est fini".
_STRONG_STOP = re.compile(
    r"\b(?:stop\w*|annul\w*|de ?repost\w*|arret(?:ez|iez|ions|e de me|e de relayer)|cess\w*|retir\w*|supprim\w*|enlev\w*|effac\w*|arretez|arreter (?:de )?(?:me|relayer|partager|publier|poster)|desinscri\w*|desabonn\w*|"
    r"plus besoin|pas besoin|inutile|pas la peine|plus la peine|fini|terminee?|laissez moi|de vos listes|rgpd|mes donnees|harcel\w*|tranquille|paix|"
    r"ne (?:me )?(?:plus|pas) (?:me )?(?:relayer|contacter|ecrire|partager|publier|reposter|relancer|solliciter)|plus de (?:relais|messages?|relances?))\b"
)
# "merci de ne plus me tagger", "je ne suis plus disponible": any "ne … plus" left once a "je ne cherche
# plus" is set aside.
_NO_MORE = re.compile(r"\bne (?:\w+ ){0,3}plus\b")
# Hostility that a compliment does not cancel.
_HOSTILE = re.compile(
    r"\b(?:de quel droit|pourquoi vous|pourquoi (?:mon|ma|mes)|interdit|sans (?:mon )?(?:accord|autorisation)|rien demande|arnaque|escroc\w*|plainte|comment (?:avez vous|vous avez) (?:eu|obtenu|recupere)(?! le idee)|mon (?:numero|adresse|mail|email|tel)|qui vous a)\b"
)

# -- `other`: found, but no salaried job ---------------------------------------------------------------
_NOT_A_JOB = re.compile(
    r"\b(?:stage|stages|internship|service civique|volontariat|benevolat|benevole|vsc|bafa|concours|ecole|ifsi|fac|universite|master|licence|bts|formation|prepa)\b"
)
_GOT_IN = re.compile(
    r"\b(?:trouvee?s?|decroche\w*|signe|commence|debute|premier jour|je suis en|admise?s?|recue?s?|prise? (?:en|a|au|dans)|acceptee?s?|integre\w*|obtenu|got)\b"
)
# "je suis en intérim depuis 2 semaines, ça compte ?": salaried work, whatever the doubt.
_SALARIED_WORK = re.compile(r"\b(?:interim|cdd|cdi|contrat de travail|vacations?|remplacements?)\b")
_SALARIED = re.compile(
    r"\b(?:cdi|cdd|embauch\w*|recrut\w*|contrat de travail|emploi|job|boulot|taf|interim|salarie\w*|alternance|apprentissage|en poste|mon poste|un poste|le poste|affectee?s?|titularisee?s?|pris (?:mes|mon) (?:fonctions|poste))\b"
)

# -- `other`: a life change given as the reason for a pause or an end of the search ----------------------
# A new occupation (studies, training, one's own business) explains a "je ne cherche plus"; a leave
# (pregnancy, sickness) explains it only with a return promised ("on en reparle après"): said alone,
# "enceinte, je fais une pause" or "je ne cherche plus, je suis malade" stay stops (in doubt, stop).
_OCCUPATION = re.compile(
    r"\b(?:etudes|fac|licence|master|bts|but|cap|bac|formation|ecole|reconversion|rentree|prepa|concours|"
    r"entreprise|boite|societe|cabinet|boutique|restaurant|resto|creche|micro creche|"
    r"commerce|boulangerie|salon|atelier|magasin|association|a mon compte|auto ?entrepreneu\w*|independant\w*|freelance|ferme|gite)\b"
)
# "On a repris un camping", "j'ai ouvert un food truck": whatever the business, a new occupation.
_TOOK_ON = re.compile(r"\b(?:repris|ouvert|monte|lance|cree|achete) (?:un|une|mon|ma|notre|nos|le|la) \w+")
_LEAVE = re.compile(
    r"\b(?:enceinte|grossesse|naissance|maternite|paternite|bebe|accouch\w*|conge|malade|maladie|hospitalise\w*|hopital|operation|sante|demenag\w*)\b"
)
_SOFT_END = re.compile(
    r"\b(?:je ne cherche plus|ne cherche plus|je cherche plus|je ne cherche pas|arrete de chercher|arreter de chercher|(?:plus|pas|aucune) de recherche|"
    r"(?:met|mets|mettre|je mets) (?:\w+ ){0,2}(?:recherches?|tout) (?:en pause|de cote|entre parentheses|en stand by)|en pause|(?:une|ma) pause dans (?:ma|mes) recherches?)\b"
)
_RETURN = re.compile(
    r"\b(?:on en reparle|je reprendrai|je reprends (?:mes recherches|la recherche) (?:apres|en|au|a la)|je reviendrai vers vous|je reviens vers vous|quand ca ira mieux|apres (?:la naissance|mon conge|ma formation|mes etudes))\b"
)
_OPENED = re.compile(
    r"\b(?:ouvert|ouvre|ouvrir|monte|monter|lance|lancer|lancee?|cree|creer|demarre|demarrer) (?:mon|ma|notre|nos|un|une) (?:propre |petite? |nouvelle? )?(?:entreprise|boite|societe|cabinet|boutique|restaurant|resto|salon|atelier|magasin|"
    r"micro ?creche|creche|commerce|boulangerie|food ?truck|epicerie|garage|agence|institut|bar|cafe|gite|ferme|association|activite|business)\b"
)
_SELF_BARE = re.compile(
    r"\b(?:installee?|lancee?|etablie?) (?:comme|en tant que) (?:\w+ ){1,2}(?:a mon compte|independant\w*|en liberal|freelance|auto ?entrepreneu\w*)|\bportage salarial\b(?=.*\?)"
)
_SEARCH_VERB_BEFORE = re.compile(r"\b(?:ne |n )?(?:re)?cherche $")
_ABOUT_THE_SEARCH = re.compile(
    r"^(?:pour (?:le moment|l instant|le instant|ce moment)|(?:ma|mes|la|les) recherches?)$"
)

# -- `other`: about the service, the post, a relative, the community ----------------------------------
_REPOST = re.compile(
    r"(?<!ne )(?<!pas )(?<!plus )(?<!jamais )\b(?:republi(?:er|ez|ez vous)|reposter|repostez|repartager|repartagez|remettre (?:\w+ ){0,2}en avant|remett\w* (?:\w+ ){0,2}en ligne|remonter (?:mon|ma|la|le) (?:annonce|post)|"
    r"relayer (?:a nouveau|de nouveau|encore une fois)|nouveau relais|relancer (?:mon|ma|la) annonce|share (?:it|my post) again)\b(?! pas\b)"
)
_WRONG_POST = re.compile(
    r"\b(?:ce est pas moi|ce ne est pas moi|pas moi) sur (?:la|le) (?:photo|image|visuel)|\b(?:photo|image|visuel|ville|nom|prenom|metier)\b[^.?!]{0,30}\b(?:ne est|est) pas (?:la mienne|le mien|moi|la bonne|le bon)|"
    r"\bmauvaise? (?:photo|image|ville|date|adresse|annee|region|departement|metier)\b|\b(?:il y a|y a) (?:du avoir |eu )?(?:une )?erreur (?:sur|dans) (?:la|le|mon|ma) (?:photo|annonce|post|ville)"
)
_RELATIVE = re.compile(
    r"\b(?:(?:mon|ma) "
    + KIN
    + r"|(?:mon|ma) (?:amie?|copine|copain|pote|voisine?|collegue)|mi (?:hermano|hermana|hijo|hija|primo|prima|esposa|marido|madre|padre|amigo|amiga|vecino|vecina)|my (?:brother|sister|son|daughter|cousin|wife|husband|friend|neighbou?r))\b"
    r"(?:(?: \w+){0,3}|(?: \w+){0,3}\W+(?:il|elle|he|she)) (?:cherche|recherche|busca|is looking|looks|is searching|aussi en recherche)"
)
# A relative who is a second seeker, not the seeker answered for ("mon fils cherche toujours" is a search).
_ALSO = re.compile(
    r"\b(?:aussi|egalement|tambien|too|also|son annonce|son post|son cv|su anuncio|his post|her post|publier)\b"
)
_WHO_RUNS = re.compile(
    r"\b(?:qui (?:qui )?(?:gere|s occupe|se occupe|anime|tient|est derriere)|ce est qui|vous etes qui|qui etes vous|qui est derriere|who runs|"
    r"comment vous (?:avez|me avez) trouve|comment avez vous trouve|ou (?:avez vous|vous avez) (?:trouve|vu)|"
    # blind P, R: curiosity about the collective itself (« comment vous avez eu l'idée », « je savais pas
    # que vous faisiez un suivi »), with praise (below) no hostility
    r"comment vous (?:avez|me avez) eu|qui a eu le idee|je (?:ne )?savais pas que vous)\b"
)
_COMPLIMENT = re.compile(
    r"\b(?:je trouve ca (?:genial|super|top|bien|chouette|utile)|curieu\w*|par curiosite|juste pour savoir|bravo|ce est (?:bien|top|super|genial|cool|chouette) ce que vous|ce est (?:bien|top|super|genial|cool|chouette)|trop bien|chapeau|belle initiative|great job|love (?:it|this)|ce est sympa|ce est (?:tres |trop )?sympa|super initiative|bonne initiative|(?:belle|super|bonne) idee)\b"
)
_COMMUNITY_QUESTION = re.compile(
    r"^\W*(?:(?:est ce que )?(?:quelqu\W?un|qqn) (?:sait|saurait|connait|a deja)|(?:vous )?savez vous (?:si|comment|ou|quand|pourquoi)|vous savez (?:si|comment|ou|quand|pourquoi))\b"
)
_VAGUE = re.compile(
    r"^\W*(?:bof\W+|ben\W+|euh\W+)?(?:ce est |ca est )?(?:(?:pas simple|pas facile|pas evident|complique|difficile)(?: (?:a|de) (?:dire|expliquer|resumer|repondre))?|ca depend|long a expliquer)(?: en ce moment| pour le moment| pour l instant)?\W*$"
)
_LITTLE = re.compile(
    r"\b(?:pas (?:de quoi|assez pour) (?:en )?(?:vivre|payer (?:le|mon) loyer|payer les factures)|pas suffisant pour (?:en )?vivre)\b"
)
_DOUBTFUL_COUNT = re.compile(
    r"\b(?:ca compte|est ce que ca compte|entendez par|compte (?:comme|pour) (?:un )?emploi)\b[^.!]{0,20}\?"
)

# News of one's situation said alone: a training, a move abroad, caring for a relative, a diploma.
_LIFE_NEWS = re.compile(
    r"\bje suis en (?:reconversion|formation|csp|contrat de securisation|bilan)\b|\b(?:demarre|commence|debute|entame|suis) (?:une|ma|un|mon) (?:formation|reconversion|bilan)\b|"
    r"\bje suis (?:parti|partie|expatriee?) (?:en|au|aux|a|vivre)\b|\bje pars (?:vivre|en|au|aux|a)\b|\bje suis (?:reparti\w*|rentree? au pays|retournee? au pays|rentree? (?:definitivement )?(?:en|au) (?:afrique|algerie|maroc|tunisie|senegal|mali|cameroun|congo|haiti|guadeloupe|martinique|reunion|guyane|portugal|espagne|italie|pologne|roumanie|turquie))\b|\ben pvt\b|\b(?:je me occupe|me occuper|pour me occuper|pour occuper) de (?:ma|mon|mes)\b|\baidante?\b|\ben (?:disponibilite|conge parental|conge proche aidant)\b|"
    r"\b(?:obtenu|eu|decroche|valide) (?:mon|ma|le|la) (?:diplome|bts|cap|bac|licence|master|titre|certificat|permis|code)\b|\bje suis diplomee?\b|"
    r"\b(?:lance|lancee|inscrite?|inscris|engagee?) (?:dans|a|en|pour) (?:une|un) (?:formation|reconversion|bilan)\b|"
    r"\b(?:reflechis|pense|songe) a (?:une|ma|un) (?:reconversion|formation|bilan)\b"
)
_NEWS = re.compile(
    r"\b(?:vae|bilan de competences|caces|permis (?:b|c|d|ce|poids lourd|pl)|je passe mon permis)\b"
)

# -- hires and searches --------------------------------------------------------------------------------
_NEG = re.compile(r"\b(?:ne|n|pas|non|jamais|aucun|toujours pas|failli|presque|aurait du|devait)\b")
_HIRED_PASSIVE = re.compile(
    r"\b(?:le poste|le job|le contrat|la place|le cdi|le cdd|la mission)(?: \w+){0,3} me a (?:finalement |enfin )?ete (?:finalement |enfin )?(?:attribuee?|confiee?|accordee?|donnee?)\b|"
    r"\bon me a (?:finalement |enfin )?(?:attribue|confie|donne|accorde|offert) (?:le|la|un|une) (?:poste|job|cdi|cdd|contrat|place)\b|"
    r"\bma candidature a ete (?:retenue|acceptee|validee)\b|\bje suis (?:toujours |bien |maintenant |desormais )?en poste depuis\b|\bje ai ete (?:retenue?|selectionnee?|choisie?)\b|"
    r"\b(?:me) (?:a|ont) (?:finalement |enfin )?(?:recrutee?|embauchee?|engagee?|choisie?|retenue?)\b"
)
_INTERIM_COUNTS = re.compile(
    r"\binterim\b[^?]{0,30}\b(?:ca compte|ce est un debut|ce est deja ca|ce est mieux que rien|mais je bosse|mais je travaille)\b(?!\s*\?)"
)
# "Oui, en CDD pour l'instant mais ça me va": a hire the seeker is content with for now.
_FOR_NOW_CONTENT = re.compile(
    r"\b(?:cdd|cdi|interim|mission|contrat|job|poste|temps partiel|mi temps)\b[^.?!]{0,25}\bpour (?:le moment|l instant|le instant)\b"
    r"[^.?!]{0,20}\b(?:ca me va|ca me convient|ce est deja ca|ce est bien|ca ira|je suis content\w*)"
)
# "je commence à désespérer", "bénévole en attendant (de trouver)": still searching, whatever else is said.
_STILL = re.compile(
    r"\bje commence a (?:desesperer|douter|perdre espoir|me decourager|stresser|paniquer|deprimer|baisser les bras)\b(?![^.!?]*\b(?:vous|vos|votre|messages?|relances?)\b)"
)
_MEANWHILE = re.compile(
    r"\ben attendant(?: de (?:trouver|retrouver)| mieux| un (?:poste|emploi|cdi|job))?(?=\W*$|\s*[,.;!…]|\s+mais\b)"
)
_CANCELLED_JOB = re.compile(
    r"\b(?:annule|gele|supprime|ferme|bloque) (?:le poste|les recrutements|le recrutement|l offre|la offre|le contrat|l embauche|la embauche)\b|\b(?:juste )?avant (?:ma|la) signature\b"
)
_STRONG_NO = re.compile(
    r"^\W*(?:jamais de la vie|absolument pas|pas du tout|(?:mdr|lol|ptdr|haha) (?:non|nan)|non|nan|nope)\b"
)
_NOTHING = re.compile(
    r"\b(?:(?:il )?y a rien|rien du tout|toujours rien|encore rien|rien de rien|ce est mort|aucune (?:reponse|offre|proposition)|rien dans (?:ma|mon|le|la|les)|que des refus|pas de reponse|que dalle)\b"
)
_QUOTED_QUESTION = re.compile(r"^\s*(?:>[^\n?]*\?|[«\"“][^»\"”\n]{3,150}[»\"”])\s*(?:→|->|=>|:|-)?\s*")


_FRIENDLY = "question amicale sur le compte"


def unquote(text: str) -> str:
    """The answer without the check-in it quotes ("> Avez-vous trouvé ? non", "« Avez-vous trouvé ? » → non")."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    kept = "\n".join(lines).strip()
    if kept and kept != text.strip():
        return kept
    rest = _QUOTED_QUESTION.sub("", text, count=1).strip()
    return rest if rest and rest != text.strip() else text


def _negated_before(folded: str, start: int) -> bool:
    clause = re.split(r"[.!?;,\n]", folded[:start])[-1]
    return bool(_NEG.search(clause))


def context_reading(
    folded: str,
    signals: list[Signal],
    rules: Callable[[str, bool], tuple[Any, bool]],
    model: ReplyModel | None,
) -> tuple[ContextIntent, str, str] | None:
    """(intent, label, phrase) for an answer whose context decides it, else None (see the docstring).

    An "other" reading holds only if no other clause of the answer, read alone by `rules` (without
    context) or clearly by the `model`, asks to stop: "Stage trouvé. Vous n'avez pas le droit de
    partager mon post" is a stop."""

    def says_stop(clause: str) -> bool:
        ruled = rules(clause, False)[0]
        return getattr(ruled, "intent", None) == "stop" or bool(
            model and model.probabilities(clause)["stop"] >= 0.5
        )

    found = _reading(folded, signals)
    if found is None or found[0] != "other":
        return found
    cores = [c.strip(" \t\n'\"-*") for c in CLAUSE.split(folded) if c.strip(" \t\n'\"-*")]
    noes = [c for c in cores if c in ("non", "nan", "nope", "no")]
    if len(noes) >= 2 or (cores and cores[-1] in noes):
        return None  # "…, mais non.", "non et non": a refusal closes the answer
    for clause in CLAUSE.split(folded):
        core = clause.strip()
        if not re.search(r"[a-z]{3}", core) or (found[2] and (found[2] in clause or core in found[2])):
            continue
        if found[1] == _FRIENDLY and _COMPLIMENT.search(core) and not STOP_WORD.search(core):
            continue  # the praise that made the question friendly (« c'est sympa en tout cas »)
        if not (_SOFT_END.search(clause) or _RETURN.search(clause)) and says_stop(core):
            return None
    return found


def _reading(folded: str, signals: list[Signal]) -> tuple[ContextIntent, str, str] | None:
    """The context reading before any clause is read alone (see `context_reading`).

    `signals`: the phrases `reply_signals.read_signals` found; a "do not contact me / erase / who are
    you?" always wins, a hire, a search, a yes or a no mostly keep their reading."""
    person_stops = [s.phrase for s in signals if s.kind == STOP_PERSON]
    stops = [s for s in signals if s.kind == STOP_POST]
    cancelled = _CANCELLED_JOB.search(folded)
    # Any stop word outside a "je ne cherche plus / j'arrête de chercher" or a cancelled job is a stop.
    rest = _SOFT_END.sub(" ", _CANCELLED_JOB.sub(" ", folded))
    strong = _STRONG_STOP.search(rest) or STOP_WORD.search(rest) or _NO_MORE.search(rest)
    who = _WHO_RUNS.search(folded)
    if who and _COMPLIMENT.search(folded) and not (strong or stops or _HOSTILE.search(folded)):
        # "c qui qui gère ce compte ? c bien ce que vous faites": curiosity with praise, no hostility.
        if all(_WHO_RUNS.search(phrase) for phrase in person_stops):
            return "other", _FRIENDLY, who.group(0)
    if person_stops or strong:
        return None  # do not contact me, erase, withdraw, a hostile question: nothing here overrides that
    kinds = {s.kind for s in signals}
    spans = [m.span() for m in _CANCELLED_JOB.finditer(folded)]
    inside = [
        s for s in signals if s.kind in (HIRED, STOP_POST) and any(a <= s.span[0] < b for a, b in spans)
    ]
    if cancelled and all(s in inside for s in signals if s.kind in (HIRED, STOP_POST)):
        # "l'entreprise a gelé les recrutements juste avant ma signature": no hire, still searching.
        return "searching", "poste annulé avant l'embauche", cancelled.group(0)
    hire = _HIRED_PASSIVE.search(folded) or _INTERIM_COUNTS.search(folded) or _FOR_NOW_CONTENT.search(folded)
    if (
        hire
        and not _negated_before(folded, hire.start())
        and not _NOT_A_JOB.search(folded[hire.end() : hire.end() + 30])
    ):
        return "hired", "embauche", hire.group(0)
    still = _STILL.search(folded) or (None if HIRED in kinds else _MEANWHILE.search(folded))
    if still and YES not in kinds and not stops:
        return "searching", "toujours en recherche", still.group(0).strip()
    no = _STRONG_NO.search(folded)
    if no and (nothing := _NOTHING.search(folded)) and all(s.span[1] <= no.end() for s in stops):
        # "jamais de la vie lol, y a rien dans ma région": the "jamais" answers the question.
        return "searching", "toujours en recherche", f"{no.group(0).strip()} … {nothing.group(0)}"
    # Any stop phrase other than a "je ne cherche plus / en pause" or a return promised ("quand ça ira
    # mieux") keeps the stop over an "other" reading.
    soft = [m.span() for pattern in (_SOFT_END, _RETURN) for m in pattern.finditer(folded)]
    if any(not any(a <= s.span[0] < b for a, b in soft) for s in stops):
        return None
    # A repost asked is read as a search by the phrase tables: alone, it is about the post (blind E).
    reposts = [m.span() for m in _REPOST.finditer(folded)]
    kinds = {
        s.kind for s in signals if not (s.kind == SEARCHING and any(a <= s.span[0] < b for a, b in reposts))
    }
    # "pour l'instant", "ma recherche" in "je suis aidant pour l'instant" are no search.
    # (but "en formation pour l'instant, pas de poste" is a search).
    own_search = NEGATED.search(folded) or any(
        s.kind == SEARCHING and not _ABOUT_THE_SEARCH.search(s.phrase) for s in signals
    )
    status = (kinds & {HIRED, NO, YES, IRONY}) | ({SEARCHING} if SEARCHING in kinds and own_search else set())
    checks: tuple[tuple[re.Pattern[str], str, bool], ...] = (
        (_WRONG_POST, "erreur dans l'annonce", True),
        (_VAGUE, "réponse vague", True),
        (_LITTLE, "petite activité, pas de quoi vivre", True),
        (_COMMUNITY_QUESTION, "question à la communauté", True),
        (_NEWS, "démarche en cours, ni embauche ni recherche", not status),
        # "Je ne cherche plus, je pars à l'étranger" stays a stop (no new occupation, see below).
        (_LIFE_NEWS, "nouvelles de sa situation", not status and not stops and not _SOFT_END.search(folded)),
        # "Oui mais en intérim, ça compte ?" stays a hire; with a "toujours en recherche" or a "oui", a
        # repost asked or a relative's news keep that reading.
        (
            _DOUBTFUL_COUNT,
            "demande si cela compte comme emploi",
            YES not in kinds and not _SALARIED_WORK.search(folded),
        ),
        (_REPOST, "demande de republier l'annonce", not status),
        # "Ma voisine cherche aussi un poste": the search is the relative's, the "aussi" says so.
        (_RELATIVE, "un proche cherche aussi", not status - {SEARCHING} and bool(_ALSO.search(folded))),
        (_SELF_BARE, "à son compte, sans activité dite", YES not in kinds and not ACTIVITY.search(folded)),
    )
    for pattern, label, allowed in checks:
        if allowed and (m := pattern.search(folded)) and not _HOSTILE.search(folded):
            return "other", label, m.group(0).strip()
    not_job = _NOT_A_JOB.search(folded)
    if not_job and _GOT_IN.search(folded) and not _SALARIED.search(folded) and SEARCHING not in kinds:
        return "other", "stage, études ou volontariat, pas un emploi", not_job.group(0)
    # A "pour le moment" or "ma recherche" in "je mets ma recherche en pause pour le moment" is no search.
    # So is the "pas pour le moment" of "je ne cherche pas pour le moment": its "pas" negates the search.
    searches = [
        s
        for s in signals
        if s.kind == SEARCHING
        and not _ABOUT_THE_SEARCH.search(s.phrase)
        and not (s.phrase.startswith("pas pour") and _SEARCH_VERB_BEFORE.search(folded[: s.span[0]]))
    ]
    if status - {SEARCHING} or searches:
        return None  # "j'ai signé en CDI dans une entreprise, je ne cherche plus": the hire stands
    occupation = _OCCUPATION.search(folded) or _TOOK_ON.search(folded)
    back = _RETURN.search(folded)
    if (occupation and _SOFT_END.search(folded)) or ((occupation or _LEAVE.search(folded)) and back):
        phrase = occupation.group(0) if occupation else back.group(0) if back else ""
        return "other", "changement de vie, ni embauche ni recherche", phrase
    opened = _OPENED.search(folded)
    if opened and not ACTIVITY.search(folded):
        return "other", "activité à son compte, sans activité dite", opened.group(0)
    return None
