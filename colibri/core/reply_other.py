"""Answers that ask nothing, read for what they are instead of stops by default (issue 16, round replies8).

The classifier reads an answer it does not recognise as a stop (in doubt, stop). On writers nobody had
tuned on, that default read as stops answers that plainly ask nothing: a question back to the collective
(« Faut payer une adhésion ? »), news of one's life (a move, a birth, an operation, an exam), small talk and
wishes, a relative answering for the seeker, a doubt, an unreadable voice message; and, the other way, a
hire or a search told without the tables' verbs (« Me voilà vendeuse chez… », « je suis en lice pour deux
postes »). This module gives those a reading, under two conditions that keep every stop a stop:

- **nothing in the answer asks or refuses** (`_guard`): no stop verb, no contact or relay verb, no negation,
  no hostile or personal-data question, no dismissive word. A search may hold a negation (« je n'ai pas été
  prise »), so the search steps are the one family read with negations, never with a stop word;
- **every clause is accounted for** (`reading`): each clause of the answer must belong to one of the
  families below. A clause nobody reads (« je m'en moque », « ça va bien comme ça ») leaves the answer to
  the stop default, so a stop said beside news or a question stays a stop, however it is phrased.

`replies.classify_with` asks for this reading only where it would otherwise answer a stop by default (no
stop phrase read), or when the rules and the model read nothing; the model keeps its veto (a reading from
here is weighed as the rules' readings are, `replies.decide`).
"""

from __future__ import annotations

import re
import unicodedata

from colibri.core.reply_patterns import (
    OTHER_EMOJI,
    PARTY_EMOJI,
    SAD_EMOJI,
    STOP_EMOJI,
    STOP_EMOJI_ALONE,
    WORK_EMOJI,
)

# Anything that asks, refuses or questions the relay: the family readings below never apply with one.
_STOP_STEMS = (
    r"retir|supprim|enlev|oter|otez|effac|arret|aret|cess|stop|annul|depubli|desinscri|desabonn|suspend|"
    r"oubli|interdi|tranquil|paix|fich|fous|fout|marre|assez|suffit|lach|harcel|spam|intrusi|derang|"
    r"plainte|cnil|rgpd|droit|arnaqu|escro|pause|abandon|laiss|quitt|desist|renonc|inutile|besoin|"
    r"contact|relanc|solicit|sollicit|mentionn|circul|apparai|"
    r"disparai|donnee|coordonnee|renseignement|perso|vie privee|clotur|ferm|"
    r"sors (?:du|de vos|de votre|de la)|"
    r"retrait|agac|enerv|saoul|soul|gonfl|emmerd|chiant|penibl|relou|insupport|lourd|autoris|permission|"
    r"ecrivez|ecrire|message|mail|sms|notif|appelez|rappelez|insist|pourquoi|qui vous|qui etes|"
    r"de quel|comment vous avez|comment avez|fini|termin|non merci|no thanks|sans vous|seule?\b|"
    r"tout seul|de mon cote|interess|envie|moque|egal|basta|comme ca|ras le bol|gave|barbe|lasse|"
    r"ca ira|la peine|(?<!semaine )(?<!mois )(?<!annee )(?<!jour )dernier|"
    # Removal verbs in the seekers' other languages and creoles: a family word beside one of them
    # (« Zot i pé tiré mon zafèr la »: creole « you can remove my stuff ») must not account for the clause.
    r"tir(?:e|er|ez|en)\b|vir(?:e|er|ez)\b|degag|bazard|kite\b|lage\b|sipri|efas|"
    r"remov|delet|eras|take (?:it|this|that|my|me)|unsubscrib|leave me|opt out|"
    r"borr|elimin|quit|apag|dej(?:a|en|ad)\b|cancel|togli|rimuov|losch|entfern|verwijder|usun|sterg"
)
_STOP = re.compile(r"\b(?:" + _STOP_STEMS + r")")
# What is said is read beside the relay: asked about (« vous publiez aussi sur Instagram ? »), it is a
# question back; said (« je préfère que vous publiiez moins »), it is left to the rules and the default.
_RELAY = re.compile(r"\b(?:relai|relay|publi|diffus|partag|tag|repost|retweet)")
# Harmless phrases that hold a word of the guard: seeing or reading the collective's message.
_BENIGN = re.compile(
    r"\b(?:vu|lu|recu|lire|voir|repondre a) (?:votre|vos|ton|le|ce|mon|les) (?:message|mail)s?\b|"
    r"\bmessage recu\b"
)
# Negations that refuse nothing: a relative's or the weather's (« ma mère n'est pas à l'aise avec les
# réseaux », « on n'a plus d'électricité »), a surprise (« je savais pas que vous faisiez un suivi »). A
# relative who « ne veut plus » is not among them: that is a stop said for the seeker.
_NO_REFUSAL = re.compile(
    r"\b(?:il|elle|ils|elles|on|ma famille|mes parents|ma mere|mon pere|mon mari|ma femme|le reseau|"
    r"internet) (?:ne )?(?:a|ont|est|sont|avait|avaient|etait|y a|marche|fonctionne|capte) (?:pas|plus)\b"
    r"(?! (?:\w+ ){0,2}(?:interesse|envie|besoin|d accord))|"
    r"\bje (?:ne )?(?:savais|connaissais|pensais|croyais) pas que\b"
)
# A negation or a refusal word: a stop hides behind them (« je préfère pas », « plus jamais »), so only
# the search steps, which say « pas été prise », may hold one.
_NEGATION = re.compile(
    r"\bne\b(?! (?:\w+ ){1,4}que\b)|\bnon\b|\bnan\b|\bno\b|\bnope\b|\bnot\b|\bjamais\b|\baucune?\b|"
    r"\brien\b(?! de grave)|"
    r"\bpas\b(?! (?:en|sur|dans|au|aux|a|mal|grave|de souci|de probleme|tres|trop|facile)\b)|"
    r"\bplus\b(?! (?:ou moins|tard|tot|que|de experience|loin|souvent|grand|grande|petit|petite)\b)"
)
# A sentence ends at a stop mark or an emoji; a question is read whole, a statement clause by clause (a
# comma or a conjunction can bring a second statement in).
_SENTENCE = re.compile(r"(?<=[?!.…\n])|[\U0001f300-\U0001faff\u2600-\u27bf]+")
_CLAUSE = re.compile(r"[.!;,:\n()…]+|\b(?:mais|et|donc|alors|sinon|puis|par contre|du coup|bref|enfin)\b")
_FILLER = re.compile(
    r"^\W*(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|cc|yo|re|mdr|lol|ptdr|xd|haha\w*|ahah\w*|hihi\w*|"
    r"hehe\w*|ha ha(?: ha)?|ok|okay|ah|oh|bon|euh|bah|ben|eh|ouf|wow|waouh|tiens|au fait|petite nouvelle|"
    r"nouvelle|quoi de neuf|voila|franchement|sinon|madame|monsieur|l equipe|a tous|a vous|ce est fait|"
    r"ca y est|dommage|helas|zut|mince)\W*$"
)

# The families. Each is searched in one clause (folded by `fold_answer`).
# A question back about the collective, its service or the post: curious, not suspicious. It names what
# it asks about; who runs the account, who pays, what the catch is (« Vous travaillez pour qui au juste ? »,
# « C'est une pub ? », « Comment vous savez ça ? ») is the hostile question the tables read as a stop.
_QUESTION = re.compile(r"\?\W*$")
_QUESTION_TOPIC = re.compile(
    r"\b(?:collectif|asso|association|benevol\w*|service|compte|annonce|post|site|page|lien|instagram|"
    r"facebook|linkedin|mastodon|bluesky|reseaux?|ateliers?|simulations?|conseils?|astuces?|offres?|"
    r"formations?|adhesion|payer|budget|gratuit|mairie|ville|region|permanence|visible|en ligne|"
    r"jusqu a quand|combien de temps|depuis quand|et (?:vous|toi|zot)|ca va|la forme|kouman|"
    r"comment ca (?:marche|fonctionne|se passe)|vous (?:proposez|publiez|faites aussi|existez|organisez))\b"
)
_QUESTION_HOSTILE = re.compile(
    r"\b(?:qui|ki|moun|au juste|payee?s?|savez|connaissez|plan|blague|pub|arnaque|serieux|vraiment|"
    r"quoi ce|ce est quoi|encore|numero|nimewo|mon|ma|mes|moi|me|m|mwen|combien de (?:gens|personnes))\b"
)
# News of one's life: a move, a return, health, a birth or a family event, exams and trainings, weather.
_NEWS = re.compile(
    r"\b(?:demenag|emmenag|install|mutation|rentre|retour|voyage|vacances|sejour|conge|"
    r"opere|operation|hospitalis|hopital|urgences|convalescen|chute|fractur|malade|maladie|medecin|"
    r"dentiste|genou|hanche|dos\b|cure|soins|kine|je me remets|je recupere|guerison|"
    r"accouch|naissance|naitre|jumeaux|jumelles|a la maison|nee\b|est ne\b|suis ne\b|bebe|aux anges|"
    r"enceinte|grossesse|grand mere|"
    r"grand pere|mariage|marie|deces|decede|enterrement|condoleances|anniversaire|"
    r"examen|permis|caces|code de la route|vae|remise a niveau|formation|afpa|diplome|concours|cours|"
    r"je passe (?:mon|le|un|mes|les) (?:\w+ )?(?:toeic|toefl|bac|brevet|partiels?|oral|ecrit)|"
    r"cyclone|inond|tempete|incendie|electricite|coupure|canicule|neige|froid|chaleur|pluie|"
    r"cartons|nouvelle vie|famille|enfants?|fils|fille|petits?|mari|femme|conjointe?|compagne?|"
    r"parents|mere|pere|soeur|frere|cousine?|voisine?|un proche|la tete ailleurs|debordee?|"
    r"(?:creer|cree|creee|lancer|lance|lancee|monter|monte|montee) (?:ma|mon|une|un) (?:propre )?"
    r"(?:micro|auto|entreprise|boite|societe|commerce|activite|asso))"
)
# Small talk, wishes, praise, how are you, an apology for answering late, a relative answering.
_TALK = re.compile(
    r"\b(?:merci\w*|thanks?|thank you|bonne?s? (?:fetes|annee|journee|soiree|semaine|continuation|chance|"
    r"fin de \w+|nouvelle)|joyeux|happy|bon lanne|bravo|felicitations|chapeau|"
    r"ce est (?:sympa|top|gentil|chouette|genial|super|adorable|cool|touchant)|ca fait (?:du bien|plaisir)|"
    r"trop (?:sympa|cool|gentil|bien)|quelle? (?:surprise|semaine|journee|annee)|surprise|"
    r"la forme|comment (?:allez|vas|ca va)|et (?:vous|toi|zot)|kouman|how are you|on pense a vous|"
    r"pardon|desolee?|excus\w*|je vous lis|je viens de voir|que maintenant|en retard|"
    r"ce est (?:son|sa|mon|ma) \w+ qui|je suis (?:son|sa) \w+|(?:il|elle) (?:dort|est occupee?|vous repondra|"
    r"vous rappelle|vous ecrira|vous recontacte)|je (?:lui )?transmets|"
    r"je vous (?:raconterai|redonne|redonnerai|tiens|tiendrai|recontacte|reponds|repondrai|rappelle)|"
    r"je (?:regarde|regarderai|lirai|lis) (?:ca|tout ca|votre)|bien recu|"
    r"on se fait|un cafe|je repasse|croisez les doigts|je stresse|un petit nuage|rien de grave)"
)
# Not knowing yet, or not well: for a human to read.
_DOUBT = re.compile(
    r"\b(?:difficile a dire|dur a dire|je (?:me y |m y )?perds|plus ou moins|ca depend|on verra|"
    r"aucune idee|je attends de voir|comment ca evolue|tout depend|si (?:un|une|ca) \w+ compte|"
    # Results awaited: after a recruitment test, a search step; after a concours, news (the rules' reading).
    r"resultats? (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|la semaine|dans))"
)
# A step of a recruitment still going on, or lost: the search goes on (negations allowed here).
_SEARCH_STEP = re.compile(
    r"\b(?:(?<!de )entretiens?|(?:1er|premier|2nd|deuxieme|second|dernier) tour|candidat\w*|"
    r"(?:pas|plus) (?:ete )?(?:prise?|retenue?|gardee?)|refusee?s? (?:apres|pour|a|au|en)|en lice|verdict|"
    r"je (?:repars|recommence|continue|relance|postule|enchaine|vise|regarde autre)|a la chasse|"
    r"ca mord|pas de nouvelles|pas trouve|rien de (?:signe|fait|concret)|"
    r"(?:une|des|quelques) (?:touches?|pistes?)|"
    r"test ecrit|"
    r"case depart|au chomage|sans emploi|que des refus|voulaient|pourvue?|parti a|"
    r"(?:le|la) (?:2nd|2e|2eme|second|seconde|deuxieme|prochain|prochaine) "
    r"(?:est|sera|aura|tour|entretien|etape)|"
    r"(?:refuse|decline) (?:un|une|le|la|ce|cette) (?:poste|offre|cdd|cdi|proposition|mission|contrat|job)|"
    r"trop (?:loin|mal payee?|peu payee?)|liste de attente|tests? de (?:recrutement|selection)|"
    r"(?:refuse|decline) leur (?:offre|proposition|poste))"
)
# A job said to be held now, without a verb of finding: « me voilà vendeuse », « j'ai eu la place de… ».
_HIRE_NAMED = re.compile(
    r"\bme voila (?!au chomage|sans)\w+|\bje (?:distribue|travaille|bosse|taffe|livre)\b|"
    r"\bje ai eu (?:la place|le poste|le job|le boulot)\b|"
    r"\bdebouche sur (?:un|une) (?:cdi|cdd|contrat|embauche|poste)\b|"
    r"\bmon nouveau (?:bureau|poste|job|boulot|travail|employeur|patron|chef)\b|"
    r"\bpremier jour\b(?! (?:de|en|a la|a le|au) (?:benevolat|stage|formation|cours|ecole|fac|vacances|"
    r"service civique|classe|rentree|conge))|"
    r"\bpris(?:e|es)? (?:aux|pour les) (?:vendanges|recoltes|moissons|saisons?)\b|"
    r"\b(?:cdi|cdd|contrat) (?:de|d un|d une|a|depuis|chez|signe)\b|"
    r"^(?:je suis |me voila )?(?:agent|employee?|ouvriere?|technicien\w*|vendeu\w*|caissiere?|serveu\w*|"
    r"cuisinier\w*|aide soignante?|infirmier\w*|auxiliaire|assistante?|secretaire|chauffeur|magasinier\w*|"
    r"cariste|preparat\w*|manutentionnaire|conducte\w*|livreu\w*|commis|plongeu\w*|animat\w*|"
    r"educat\w*|comptable|factrice|facteur|standardiste|hotesse|receptionniste|menuisier|macon|"
    r"electricien\w*|plombier|boulang\w*|coiffeu\w*|jardinier\w*)\b(?: \w+){0,4} (?:au|aux|a la|a le|chez|"
    r"dans|pour|a|en|depuis)\b"
)
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("embauche", _HIRE_NAMED),
    ("recherche en cours", _SEARCH_STEP),
    ("nouvelles", _NEWS),
    ("échange", _TALK),
    ("doute", _DOUBT),
)
_INTENT = {"embauche": "hired", "recherche en cours": "searching"}
_LABELS = {
    "hired": "embauche nommée sans verbe de trouver",
    "searching": "recherche en cours (étape de recrutement)",
    "other": "ni embauche, ni recherche, ni arrêt (rien n'est demandé)",
}

# An unreadable answer: a voice message or a picture said in words, a keyboard mash with no vowel.
_ATTACHMENT = re.compile(
    r"^\W*(?:audio|vocal|message vocal|voice|photo|image|video|piece jointe|fichier|sticker|gif)\W*"
    r"(?:\d{1,2}[:h.]\d{2}|\d+ ?(?:s|sec|secondes?|min))?\W*$"
)
_MASH = re.compile(r"^[bcdfghjklmnpqrstvwxz]{6,}$")
# Keys hit in a pocket (V: « kfjdk,,n »): consonant runs split by punctuation only, no space (« stp, ntm »
# has one, and its short words say something), one run at least five letters long.
_SLIPPED = re.compile(r"^[bcdfghjklmnpqrstvwxz]+(?:[^\w\s]+[bcdfghjklmnpqrstvwxz]+)+$")


def _mashed(folded: str) -> bool:
    """Keys typed at random (consonants only, five different letters at least): nothing said."""
    runs = re.findall(r"[a-z]+", folded)
    letters = "".join(runs)
    return bool(
        (_MASH.match(folded) or (_SLIPPED.match(folded) and max(map(len, runs)) >= 5))
        and len(set(letters)) >= 5
    )


def reading(folded: str) -> tuple[str, str, str] | None:
    """The answer's reading (folded by `fold_answer`) when it asks nothing and every clause of it is news,
    small talk, a question back, a doubt, a search step or a job held: (intent, reason, phrase), else None."""
    folded = folded.strip()
    if not folded:
        return None
    if any(_unknown_emoji(c) for c in folded):
        return None  # « 👎 🎤 audio 0:12 »: the emoji may be the whole answer
    if _ATTACHMENT.match(folded) or _mashed(folded):
        return "other", "réponse illisible (pièce jointe ou touches au hasard)", folded
    if _STOP.search(_BENIGN.sub(" ", folded)):
        return None
    # What the negation said stays news of a relative or a surprise, not a refusal.
    folded = _NO_REFUSAL.sub(lambda m: " surprise " if m.group(0).startswith("je") else " un proche ", folded)
    found: list[tuple[str, str]] = []
    for sentence in _SENTENCE.split(folded):
        if _QUESTION.search(sentence):
            if _NEGATION.search(sentence) or _QUESTION_HOSTILE.search(sentence):
                return None
            if not _QUESTION_TOPIC.search(sentence) and not _DOUBT.search(sentence):
                return None
            found.append(("question", sentence.strip()))
            continue
        for clause in _CLAUSE.split(sentence):
            clause = clause.strip()
            if not re.search(r"[a-z0-9]", clause) or _FILLER.match(clause):
                continue
            family = _family(clause)
            if family is None or len(clause.split()) > _LONGEST:
                return None
            found.append(family)
    if not found:
        return None
    kinds = {_INTENT.get(label, "other") for label, _ in found}
    if kinds == {"hired", "searching"}:
        return None  # a job held and a search going on: the rules' business, not this module's
    intent = "hired" if "hired" in kinds else "searching" if "searching" in kinds else "other"
    phrase = next(p for label, p in found if _INTENT.get(label, "other") == intent)
    return intent, _LABELS[intent], phrase


# Emoji that say nothing against the relay (joy, work, sadness, the news they illustrate); any other
# (👎 🙄 🤡, or one nobody listed) may be the whole refusal: the answer is left to the rules.
_KNOWN_EMOJI = (
    (
        OTHER_EMOJI
        | PARTY_EMOJI
        | WORK_EMOJI
        | SAD_EMOJI
        | frozenset("😄😅😆😂🤣😬😎🎄✨🎂🎁🌞☀🌴🏖🚜🚛🌋🍇🎤🎙🏥🤒🤕👶🍼🏠📦🚚✈🤞🌸🍀💍👋🥰🎓📚🚗🚆🌧❄\u200d")
    )
    - STOP_EMOJI
    - STOP_EMOJI_ALONE
)


def _unknown_emoji(c: str) -> bool:
    return not c.isascii() and not c.isalpha() and unicodedata.category(c)[0] == "S" and c not in _KNOWN_EMOJI


def _family(clause: str) -> tuple[str, str] | None:
    """The family one clause belongs to and the words that say so, or None."""
    if _RELAY.search(clause):
        return None
    search = _SEARCH_STEP.search(clause)
    if search:
        return "recherche en cours", search.group(0)
    if _NEGATION.search(clause):
        return None
    for label, pattern in _FAMILIES:
        if (m := pattern.search(clause)) is not None:
            if label == "embauche" and _UNDONE.search(clause):
                return None  # « CDD chez Lidl refusé »: a job named and undone, the rules' business
            return label, m.group(0)
    return None


# A clause longer than this is a run-on sentence (« …verdict la semaine prochaine je m'en moque de vos
# histoires »): a family word in it does not account for the rest.
_LONGEST = 16
_UNDONE = re.compile(r"\b(?:refus|declin|annul|rompu|fini|termine|perdu|pas|si|quand|attente)\w*")


# A hire or small talk that ends contact in the same breath (« je commence lundi, et d'ici là plus aucun
# message », « en poste, donc plus besoin de m'écrire », « … ? Je veux qu'ils disparaissent »): not to be
# contacted again, or the data gone, so a stop (the rule), whatever the rest reads as.
NO_MORE_CONTACT = re.compile(
    r"\bplus (?:aucun|de) (?:message|mail|sms|relance|rappel|notification|nouvelles de vous)s?\b|"
    # « plus la peine de me relancer » after a hire says the search is over (a hire, tests of blind P); said
    # as an order (« plus besoin de m'écrire, jamais »), it refuses contact.
    r"\bplus besoin de (?:me|m) (?:ecrire|contacter|relancer|solliciter|envoyer|appeler|rappeler|demander)\b"
    r"(?=\W+(?:jamais|svp|stp|compris)\b)|"
    r"\bje (?:veux|voudrais|souhaite|souhaiterais|aimerais|prefere|prefererais) (?:que|qu) (?:\w+ ){0,4}?"
    r"(?:disparaiss|soi(?:en)?t (?:supprim|effac|retir|enlev)|supprim|effac|retir|enlev|oubli)\w*"
)


# « Ôtez mon annonce », a withdrawal verb no table held: with a search or small talk it is a stop (with a
# hire, a withdrawal is a hire by design, so it is not read there).
WITHDRAWN = re.compile(
    r"\b(?:otez|oter|otes|ote)(?: moi)?\b(?: \w+){0,2}? "
    r"(?:annonce|post|publication|profil|fiche|demande|nom|photo)s?\b"
)


def withdrawn(folded: str) -> str:
    """The words of a post withdrawn by « ôter », or ""."""
    m = WITHDRAWN.search(folded)
    return m.group(0) if m else ""


def no_more_contact(folded: str) -> str:
    """The words (in an answer folded by `fold_answer`) of a request not to be written to again or to be
    erased, or ""."""
    m = NO_MORE_CONTACT.search(folded)
    return m.group(0) if m else ""
