"""The shape of a post, read before its words: only hashtags, or the tail of a thread.

A post made only of hashtags says everything through them: `#PleaseRT #Cariste #Lille #i4EmploiR` is the
collective's own request format (the image carries the rest), `#Stage` among them is an internship
sought, `#Merci #i4EmploiR` is a thank-you. A post that opens with "(suite)" or "2/2" is the second part
of a thread: the request, if any, is in the first part (the collective's rules: "other").
"""

from __future__ import annotations

import re

from colibri.core.parse import ParsedPost

# Hashtags, links and mentions: a link to one's profile beside the tags adds no words.
_TAG_RUN = re.compile(r"[#＃][\w-]+|https?://\S+|www\.\S+|@[\w.-]+")
_LETTER = re.compile(r"[^\W\d_]")

# Hashtag keys (folded, no separators) that name what the post is about when there are no other words.
INTERN_TAGS = frozenset(
    """stage stages stagiaire alternance alternant alternante apprentissage apprenti apprentie pfmp pmsmp
    contratpro contratdeprofessionnalisation internship workstudy apprenticeship""".split()
)
FREELANCE_TAGS = frozenset(
    """freelance freelancer independant independante autoentrepreneur microentrepreneur portage
    portagesalarial""".split()
)
OFFER_TAGS = frozenset(
    "recrutement recrute onrecrute nousrecrutons hiring wearehiring jobalert offredemploi offreemploi".split()
)
THANKS_TAGS = frozenset(
    "merci mercibeaucoup mercia mercitous thanks thankyou gratitude bravo felicitations".split()
)
RELAY_TAGS = frozenset(("pleasert", "plsrt", "pleaseretweet", "mercidert"))

# "(suite)", "[suite]", "suite :", "suite et fin", "2/2", "(3/4)" opening the post: a thread's later part.
# "Suite à mon licenciement" is not one (no bracket, colon or "et fin"). Only 2..19 over 2..19: "1/2" is the
# first part, which holds the request.
THREAD_TAIL = re.compile(
    r"\s*(?:[(\[]\s*)?(?:(?:[2-9]|1[0-9])\s?/\s?(?:[2-9]|1[0-9])\b|suite\s*[)\]]|suite\s*:|suite et fin\b)",
    re.IGNORECASE,
)


def tags_only(parsed: ParsedPost) -> bool:
    """True when the post has hashtags and no word outside them, links, mentions (emoji, digits aside)."""
    return bool(parsed.hashtags) and not _LETTER.search(_TAG_RUN.sub(" ", parsed.text))


def tag_keys(parsed: ParsedPost) -> frozenset[str]:
    return frozenset(h.key for h in parsed.hashtags)
