"""The shape of a post, read before its words: only hashtags, or the tail of a thread.

A post made only of hashtags says everything through them: `#PleaseRT #Cariste #Lille #i4EmploiR` is the
collective's own request format (the image carries the rest), `#Stage` among them is an internship
sought, `#Merci #i4EmploiR` is a thank-you. A post that opens with "(suite)" or "2/2" is the second part
of a thread: the request, if any, is in the first part (the collective's rules: "other").
"""

from __future__ import annotations

import re
from typing import Final

from colibri.core.parse import ParsedPost

# Hashtags, links and mentions: a link to one's profile beside the tags adds no words.
_TAG_RUN: Final = re.compile(r"[#＃][\w-]+|https?://\S+|www\.\S+|@[\w.-]+")
_LETTER: Final = re.compile(r"[^\W\d_]")

# Pieces of hashtag keys (folded, no separators) that name what a post made only of hashtags is about:
# "#Stage", "#StageDeFinDEtudes", "#AlternanceRH", "#Freelance", "#OnRecrute" (see `tag_kind`).
INTERN_TAG_PARTS: Final = (
    "stage",
    "alternan",
    "apprenti",
    "pfmp",
    "pmsmp",
    "contratpro",
    "professionnalisation",
    "internship",
    "workstudy",
)
FREELANCE_TAG_PARTS: Final = ("freelance", "independant", "autoentrepreneu", "microentrepreneu", "portage")
OFFER_TAG_PARTS: Final = ("recrut", "hiring", "jobalert", "offredemploi", "offreemploi", "offresdemploi")
THANKS_TAGS: Final = frozenset(
    "merci mercibeaucoup mercia mercitous thanks thankyou gratitude bravo felicitations".split()
)
RELAY_TAGS: Final = frozenset(("pleasert", "plsrt", "pleaseretweet", "mercidert"))
# Fields that stand for the job in the collective's hashtag format ("#PleaseRT #Logistique #Metz #i4EmploiR"):
# a seeker names a trade or a field; none of these is a contract, a service or a hire.
FIELD_TAGS: Final = frozenset(
    """rh ressourceshumaines logistique compta comptabilite finance btp batiment informatique it tech dev
    commerce vente retail sante medicosocial social industrie hotellerie restauration hotellerierestauration
    juridique droit marketing communication transport nettoyage proprete securite education enseignement
    agriculture tourisme immobilier banque assurance achats qualite maintenance production administratif
    secretariat assistanat data design graphisme evenementiel energie environnement automobile aeronautique
    paie gestion supplychain accueil animation culture""".split()
)

# "(suite)", "[suite]", "suite :", "suite et fin", "2/2", "(3/4)", "🧵 2/2" opening the post: a thread's later
# part.
# "Suite à mon licenciement" is not one (no bracket, colon or "et fin"). Only 2..19 over 2..19: "1/2" is the
# first part, which holds the request.
THREAD_TAIL: Final = re.compile(
    r"[^\w#(\[]*(?:[(\[]\s*)?"
    r"(?:(?:[2-9]|1[0-9])\s?/\s?(?:[2-9]|1[0-9])\b|suite\s*[)\]]|suite\s*:|suite et fin\b)",
    re.IGNORECASE,
)


def tags_only(parsed: ParsedPost) -> bool:
    """True when the post has hashtags and no word outside them, links, mentions (emoji, digits aside)."""
    if not parsed.hashtags:
        return False
    head = parsed.text.lstrip()[:4]
    if head[:1].isalpha() and head.lower() not in ("http", "www."):
        return False  # most posts open with a word: no need to blank the tags and links to see it
    return not _LETTER.search(_TAG_RUN.sub(" ", parsed.text))


def tag_keys(parsed: ParsedPost) -> frozenset[str]:
    return frozenset(h.key for h in parsed.hashtags)


def has_tag_part(keys: frozenset[str], parts: tuple[str, ...]) -> bool:
    return any(part in key for key in keys for part in parts)
