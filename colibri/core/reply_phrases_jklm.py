# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The phrase table of `colibri.core.replies` written after blind sets J, K, L and M were read (same
format as `reply_phrases.SPECS`): contact verbs typed fast under a negation without « ne » (« me
recrivez pas »), erasing everything about oneself (« tout ce qui me concerne »), a hostile accusation of
profiting from the seekers (« du business sur le dos des chômeurs »), and a withdrawal said in the
passive or as a wish (« que mon annonce soit retirée », « voir mon annonce disparaître »)."""

from __future__ import annotations

from colibri.core.reply_lexicon import HIRED, IRONY, REFUSED, SEARCHING, STOP_PERSON, STOP_POST, YES

# Contact verbs as typed fast: « recrivez », « réecrivez », « rcontactez », « conctactez », « contatez ».
# Only the forms of an order (« -ez », « -er »): « il ne me rappelle pas » is an employer, not a stop.
_CONTACT_TYPED = r"(?:re ?|r|rr)?e?(?:e?cri|contac?t|conc?tact|contat|sollicit|relanc|harcel|spamm?|tagu|tagg|mentionn)\w*?"
_ORDER = r"(?:ez|er|es)"
# What a person's data is called when they ask to erase it.
_ABOUT_ME = (
    r"(?:tout ce qui (?:me|nous) (?:concerne|regarde)|tout ce (?:que vous avez|qui est) (?:sur|a propos de) moi|"
    r"(?:tout|toutes? les (?:donnees|infos?|informations|traces)) (?:me|nous) concernant|"
    r"(?:toutes? |l ensemble de )?mes (?:donnees|infos?|informations|coordonnees|traces|photos|coordonnes))"
)
_ERASE = r"(?:supprim|effac|retir|enlev|detrui|detruis|ray|vir)"
# The post, as the seekers call it.
_POST = r"(?:mon|ma|mes|le|la|les|l|cette|votre|ce) ?(?:annonces?|posts?|publications?|messages?|offres?|profils?|candidatures?|cv|demandes?|tweets?|repost)"
_GONE = r"(?:retiree?s?|supprimee?s?|enlevee?s?|effacee?s?|depubliee?s?|archivee?s?|masquee?s?|cachee?s?|desactivee?s?|cloturee?s?|fermee?s?|mise?s? hors ligne)"

JKLM_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- stop: the person ----------------------------------------------------------------------------
    (
        STOP_PERSON,
        "refus d'être contacté",
        # « me recrivez pas », « ne me réécrivez jamais », « merci de pas me recontacter »: the negation
        # around a contact verb typed fast, with or without « ne ».
        r"\b(?:ne |n )?(?:me|nous) " + _CONTACT_TYPED + _ORDER + r" ?(?:pas|plus|jamais)\b|"
        r"\b(?:ne )?(?:pas|plus|jamais) (?:me|nous) " + _CONTACT_TYPED + r"er\b",
        "",
    ),
    (
        STOP_PERSON,
        "demande d'effacement",
        # « supprimez tout ce qui me concerne », « effacer mes données », « que mes infos soient effacées ».
        r"\b" + _ERASE + r"\w* (?:\w+ ){0,2}?" + _ABOUT_ME + r"\b|"
        r"\b"
        + _ABOUT_ME
        + r" (?:\w+ ){0,3}?(?:soit|soient|etre|soit bien|soient bien) (?:\w+ )?(?:supprimee?s?|effacee?s?|retiree?s?|enlevee?s?|detruite?s?)\b",
        "verb",
    ),
    (
        STOP_PERSON,
        "hostilité (accusation de profit)",
        # « vous faites du business sur le dos des chômeurs », « vous vous faites de la pub sur notre dos »,
        # « vous profitez de la misère »: whatever else is said, nothing more is sent.
        r"\bsur (?:le|notre|mon|leur) dos\b|"
        r"\bvous (?:vous )?(?:faites|gagnez|touchez|prenez|vous faites) (?:combien |pas )?(?:du|de la|des|de le|de|votre|vos) ?(?:business|bizness|biz|fric|thunes?|argent|pognon|profits?|benefs?|beurre|commissions?|ble)\b|"
        r"\b(?:profit\w*|exploit\w*|engraiss\w*|vivez|vit) (?:de la|du|des|sur la|sur les|les) (?:misere|malheur|detresse|chomeurs|pauvres|precaires|galere|demandeurs)\b",
        "",
    ),
    # -- stop: the post ------------------------------------------------------------------------------
    (
        STOP_POST,
        "demande de retrait",
        # « que mon annonce soit retirée », « mon post peut être supprimé », « voir mon annonce disparaître ».
        r"\b"
        + _POST
        + r" (?:\w+ ){0,2}?(?:soit|soient|etre|sera|serait|soit bien) (?:(?!pas |plus |jamais )\w+ )?"
        + _GONE
        + r"\b|"
        r"\b(?:voir|que) " + _POST + r" (?:\w+ )?(?:disparaitre|disparaisse|disparaissent|partir|parte)\b",
        "weak",
    ),
    (
        SEARCHING,
        REFUSED,
        # « je ne veux pas que mon annonce soit retirée »: keep it up.
        r"\b(?:pas|plus|jamais) (?:que|voir) "
        + _POST
        + r" (?:\w+ ){0,2}?(?:soit|soient|etre|sera|disparaisse|disparaitre)\b",
        "",
    ),
)

# The hires, searches and jokes blind sets J, K, L and M showed, in general terms.
_JOB = r"(?:job|poste|emploi|travail|boulot|cdi|cdd|contrat|taf|mission|place)"
JKLM_SPECS += (
    (
        HIRED,
        "embauche (réponse pour un proche)",
        # « je réponds pour lui : il a trouvé un travail de chauffeur »; not « elle a trouvé un poste pour moi ».
        r"\b(?:il|elle) a (?:enfin |finalement |bien )?(?:trouve|decroche|signe|eu|obtenu) (?:un|une|son|sa|le|la) (?:nouveau |nouvel |nouvelle |premier |premiere |vrai )?"
        + _JOB
        + r"\b(?! pour (?:moi|nous|toi|vous))",
        "hire",
    ),
    (
        HIRED,
        "embauche (promotion)",
        r"\bje suis passee? (?:cadre|chef\w*|manager|responsable|directeur|directrice|titulaire|en cdi)\b",
        "hire",
    ),
    (
        IRONY,
        "ironie (embauche rêvée)",
        # « Oui j'ai trouvé… ah non c'était un rêve 😂 », « embauchée ! dans mes rêves ».
        r"\bce (?:est|etait) (?:un|que un|juste un|seulement un) (?:reve|cauchemar)\b|\bdans mes reves\b|\bje ai reve\b|\bon peut (?:toujours )?rever\b|"
        r"\b(?:ah|oh|euh|ha|bah) non\b(?= [^.!?\n]{0,30}\b(?:rev\w*|rigol\w*|blague|plaisant\w*|delir\w*))",
        "",
    ),
    (
        SEARCHING,
        "toujours en recherche",
        # « J'aurais aimé vous dire oui 😢 », « j'aimerais tant vous répondre que oui »: the wish says no.
        r"\bje (?:aurais|aurai|aimerais|voudrais) (?:tant |tellement |bien |vraiment |beaucoup )?(?:aime |voulu |adore |bien aime |pu )?(?:vous |te )?(?:dire|repondre|annoncer|ecrire) (?:que )?oui\b|"
        # « diplôme en poche, maintenant il faut un patron », « reste à trouver un employeur ».
        r"\b(?:il (?:me |nous )?faut|il (?:me |nous )?manque|reste a trouver|plus que a trouver|manque plus que) (?:trouver )?(?:un|une|le|la|du|mon|ma) (?:patron|employeur|boulot|job|travail|poste|emploi|cdi|contrat|entreprise|taf|stage de embauche)\b",
        "",
    ),
)
JKLM_SPECS += (
    (
        YES,
        "oui",
        # « ben ouais 👍 », « bah oui ! », « eh oui »: a yes after a filler is still a yes.
        r"^\W*(?:(?:ben|bah|bin|beh|be|eh|ben alors|bon|ah|oh|mais|et|en fait|en effet|eh bien|et bien|bon ben|alors)\W+)+(?:o+u+i+s?|ouais|ouaip|ouep|yes+|yep|yeah|bien sur|carrement)\b",
        "",
    ),
)
