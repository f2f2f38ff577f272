# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The phrase table of `colibri.core.replies` written after blind sets J, K, L and M were read (same
format as `reply_phrases.SPECS`): contact verbs typed fast under a negation without « ne » (« me
recrivez pas »), erasing everything about oneself (« tout ce qui me concerne »), a hostile accusation of
profiting from the seekers (« du business sur le dos des chômeurs »), and a withdrawal said in the
passive or as a wish (« que mon annonce soit retirée », « voir mon annonce disparaître »)."""

from __future__ import annotations

from colibri.core.reply_lexicon import REFUSED, SEARCHING, STOP_PERSON, STOP_POST

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
