# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The phrase table of `colibri.core.replies` written after blind sets N and O were read (same format as
`reply_phrases.SPECS`): stops said with an infinitive after a polite frame ("je vous demande de cesser
toute diffusion", "je vous remercie de ne pas republier"), a bare hostile "qui t'es ?", salaried
contracts of students (alternance, apprentissage, contrat doctoral), a trial period under way."""

from __future__ import annotations

from colibri.core.reply_lexicon import HIRED, SEARCHING, STOP_PERSON, STOP_POST

# What is relayed: the post, the profile, the seeker's name or details.
_RELAYED = r"(?:(?:toute|toutes|la|le|les|mon|ma|mes|cette|ce|ces|votre|vos) )?(?:diffusion|publication|partage|relais|relai|repost|annonce|post|profil|cv|candidature|nom|message|messages|donnees|coordonnees|relances?|sollicitations?|mentions?)"
# Verbs of relaying or contacting, in the infinitive.
_RELAY_INF = r"(?:relayer|partager|republier|publier|diffuser|poster|reposter|repartager|mentionner|taguer|tagger|identifier|utiliser|contacter|recontacter|relancer|solliciter|ecrire|afficher|transmettre)"
# A salaried contract a student or a career changer gets: a job whatever the school around it.
_STUDENT_CONTRACT = r"(?:(?:une |un |mon |ma |en )?(?:alternance|apprentissage|contrat (?:en |de )?(?:alternance|apprentissage|pro|professionnalisation|doctoral)|cifre|these financee|contrat doctoral))"

STUDENT_HIRE = "embauche (contrat d'alternance ou doctoral)"

NO_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- stop ----------------------------------------------------------------------------------------
    (
        STOP_POST,
        "demande d'arrêt",
        # "je vous demande de cesser toute diffusion", "merci de mettre fin à la publication"
        r"\b(?:cesser|cessez|stopper|stoppez|arreter|arretez|suspendre|suspendez|mettre fin a|mettez fin a|interrompre|interrompez) "
        + _RELAYED
        + r"\b",
        "verb",
    ),
    (
        STOP_POST,
        "refus d'être relayé",
        # "je vous remercie de ne pas republier mon message", "merci de ne plus me relayer"
        r"\b(?:de|a) ne (?:pas|plus|jamais) (?:me |le |la |les |nous )?" + _RELAY_INF + r"\b",
        "",
    ),
    (
        STOP_PERSON,
        "question hostile",
        # A bare "qui t'es toi ?", "t'es qui ?" as the whole answer (a greeting or laughter around it aside).
        r"^\W*(?:qui (?:te es|t es|tu es|es tu|vous etes|etes vous)|te es qui|t es qui|tu es qui|vous etes qui|ce est qui toi|toi ce est qui)(?: toi| vous| au juste| d abord| meme| la| sinon)*\W*$",
        "",
    ),
    # -- hired ---------------------------------------------------------------------------------------
    (
        HIRED,
        STUDENT_HIRE,
        r"\b(?:je ai |ai |avoir |enfin |j ai )?(?:trouve|decroche|obtenu|signe|eu|accepte|valide)e?s? "
        + _STUDENT_CONTRACT
        + r"\b|"
        r"\b"
        + _STUDENT_CONTRACT
        + r" (?:(?:est |a ete |enfin |bien |officiellement ){0,2})(?:trouvee?|decrochee?|obtenue?|signee?|validee?|acceptee?)\b",
        "hire",
    ),
    (
        HIRED,
        "embauche (période d'essai en cours)",
        r"\bperiode de essai (?:en cours|qui (?:se passe|commence|court)|commencee?|entamee?)\b|\b(?:pris|prise|embauchee?) a le essai\b(?![^.!?\n]*\b(?:pas (?:gardee?s?|garde|retenue?s?|confirmee?s?|validee?s?)|rompu\w*|mis fin|pas concluante?)\b)",
        "hire",
    ),
    (
        HIRED,
        "embauche (métier et date)",
        # "gardien d'immeuble depuis octobre", "cariste chez Leclerc depuis 3 semaines": a trade named as
        # what one is, with the date it began (not "chômeur depuis", "étudiante depuis", "bénévole depuis").
        r"^\W*(?:je suis |suis |je bosse comme |je travaille comme |bosse comme |embauchee? comme )?"
        r"(?!(?:chomeu|demandeu|etudian|retraite|benevol|stagiair|malade|inscrit|celibatair|locatair|proprietair|allocatair|beneficiair|patien)\w*)"
        r"\w+(?:ier|iere|eur|euse|iste|ien|ienne|aire|icien|icienne|ant|ante)s?(?: (?:de|d|du|des|en|a|au|aux|chez|la|le|l|dans|sur|une|un)(?: \w+){1,2})? "
        r"depuis (?:le |la |l |debut |fin |mi )?(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|lundi|mardi|mercredi|jeudi|vendredi|hier|la rentree|\d+ (?:jours?|semaines?|mois|ans?))\b|"
        r"^\W*(?:je suis |je fais |je bosse |je travaille )?(?:saisonniere?s?|(?:la|les|une) saisons?) (?:aux|a la|au|dans|chez|pour|en|a le) (?:vendanges|recolte|cueillette|ski|station|camping|plage|montagne|restauration|hotel|\w+)\b",
        "hire",
    ),
    # -- searching -----------------------------------------------------------------------------------
    (
        SEARCHING,
        "non (en dehors d'un petit boulot)",
        # "oui pour une journée de déménagement, sinon non", "à part ça, toujours rien": the yes was an
        # exception, the answer is the no after it.
        r"\b(?:sinon|a part (?:ca|cela)|hormis (?:ca|cela)|en dehors de ca)\W+(?:non|nan|rien|toujours rien|toujours pas|pas encore|que dalle|nada|nothing|rien de (?:fixe|stable|serieux))\b",
        "",
    ),
)
