# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The phrase table of `colibri.core.replies` written after the lead read the stops blind sets P, Q and S
lost (same format as `reply_phrases.SPECS`; tests/data/README.md tells which were read): asking to stop
the reminders themselves (« arrêtez les relances », « inutile de redemander ») is a refusal of contact,
so a « oui » or a hire said with it stays a stop; erasing « le post et mes infos »; discomfort at being
exposed; « leave me alone » in Antillean and Réunion creole."""

from __future__ import annotations

from colibri.core.reply_lexicon import HIRED, STOP_PERSON, STOP_POST

# What the collective sends, as the seekers call it.
_SENT = r"(?:relances?|rappels?|messages?|questions?|notifications?|notifs?|mentions?|tags?|identifications?|sollicitations?|mails?|e ?mails?|dms?|mp)"
# Asking again, as the seekers say it.
_ASK = r"(?:re ?demander|redemande|reposer (?:la|cette) question|poser (?:la|cette) question|questionner|relancer|recontacter|r?e?ecrire)"

PQ_SPECS: tuple[tuple[str, str, str, str], ...] = (
    (
        STOP_PERSON,
        "refus d'être contacté",
        # « vous pouvez arrêter les relances ? », « stoppez vos messages », « stop aux relances »: the
        # reminders are the contact itself, so a « oui » beside it is no hire with a withdrawal; « stop les
        # messages » (U's phone writer) is the same request without its preposition.
        r"\b(?:arret|stopp|cess|suspend)\w* (?:les|vos|ces|tous? (?:les|vos|ces)|toutes (?:les|vos|ces)) "
        + _SENT
        + r"\b|"
        r"\bstop (?:aux|a vos|a ces|avec les|avec vos|les|vos|ces|tous (?:les|vos|ces)|toutes (?:les|vos|ces)) "
        + _SENT
        + r"\b",
        "verb",
    ),
    (
        STOP_POST,
        "plus besoin de relancer",
        # « inutile de redemander dans 3 semaines », « pas la peine de me relancer »: the asking is over.
        # Kind "post", not "person": after a hire it says the search is over (F's writer labels
        # « boulot trouvé… plus la peine de me relancer » a hire), after a « non » it ends the relay.
        r"\b(?:inutile|pas la peine|plus la peine|pas besoin|plus besoin) de (?:me |nous )?" + _ASK + r"\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        # « merci de plus demander » (the « ne » dropped), « svp ne plus me relancer »: the negation is
        # required — « merci de relancer le post » asks for more.
        r"\b(?:merci de|priere de|svp|stp|s il vous plait) (?:ne |n )?(?:plus|pas|jamais) (?:me |nous )?(?:demander|"
        + _ASK
        + r")\b",
        "",
    ),
    (
        STOP_PERSON,
        "demande d'effacement",
        # « supprimez le post et mes infos »: the data named after the post.
        r"\b(?:supprim|effac|retir|enlev|detrui)\w* (?:\w+ ){0,4}?et (?:aussi |toutes? )?(?:mes|les miennes|nos) (?:donnees|infos?|informations|coordonnees|traces|photos)\b",
        "verb",
    ),
    (
        STOP_PERSON,
        "demande d'effacement",
        # « supprimez tout svp » after a hire: everything, not the post alone (« supprimez tout le post »
        # names the post and stays a withdrawal).
        r"\b(?:supprim|effac|detrui)\w*(?: absolument| bien)? tout\b(?! (?:le|la|les|l|ce|cet|cette|mon|ma|de suite|a fait|a l heure)\b)",
        "verb",
    ),
    (
        STOP_POST,
        "gêne d'être exposé",
        # « c'est gênant d'être exposée comme ça », « mal à l'aise de me voir affiché partout »: not a
        # word of stop, but nobody who says so wants the relay to go on (in doubt, stop).
        r"\b(?:genant|gene|genee|honte|honteux|mal a (?:le )?aise|pas a (?:le )?aise|derangeant|humiliant)\w* (?:\w+ ){0,3}?(?:de etre|de me voir|que on me voie|de me retrouver) (?:\w+ )?(?:expose|affiche|exhibe|etale|montre|visible|partout)\w*\b|"
        r"\b(?:expose|affiche|exhibe|etale)e?s? (?:comme ca|partout|publiquement|devant tout le monde)\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        # Antillean, Guyanese and Réunion creole: « lagé mwen trankil », « kité mwen anpé », « fout mwen
        # lapé », « les amoin tranquille ».
        r"\b(?:lage|kite|kit|les|lesse|laise|fout|fou) (?:mwen|mwin|mwe|moin|amoin|mo|nou) (?:trankil|tranquil|tranquille|an ?pe|lape|la pe)\b",
        "",
    ),
    (
        HIRED,
        "embauche",
        # Blind P and Q (branch replies7): a hire said as a bare participle at the start (« Pris aux
        # vendanges pour septembre »), and in creole (« travay la trouvé », « mwen jwenn travay »).
        r"^\W*(?:pris|prise|embauchee?|recrutee?) (?:aux|au|a la|a le|chez|comme)\b(?! (?:charge|compte|serieux|depourvu|piege|partie|mot|dessus|la gorge))(?![^.!?]*\b(?:benevol|stag|service civique|volontaire))|"
        r"^\W*signee? (?:hier|avant hier|ce matin|aujourd hui|cette semaine|la semaine derniere|lundi|mardi|mercredi|jeudi|vendredi)\b|"
        r"\btravay (?:la )?trouve\b|\b(?:mwen|mwin|moin) (?:jwenn|trouve) (?:on |yon |in )?travay\b",
        "hire",
    ),
)
