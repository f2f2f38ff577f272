"""Actionable French advice for a seeker's post (the collective helps people improve them)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from colibri.core.parse import ParsedPost
from colibri.core.text import fold, is_seeker_tag, normalize_hashtag
from colibri.core.types import TriageResult

# Characters a post may hold on each network (graphemes on Bluesky; close enough here).
NETWORK_LIMITS: Final[dict[str, int]] = {"bluesky": 300, "x": 280, "twitter": 280, "mastodon": 500}
NETWORK_NAMES: Final[dict[str, str]] = {
    "bluesky": "Bluesky",
    "x": "X",
    "twitter": "X",
    "mastodon": "Mastodon",
}


_TAG_PART: Final = re.compile(r"[^\W_]+")
_BIO_WORD: Final = re.compile(r"[#＃]?\w{3,}")


@lru_cache(maxsize=16_384)  # job titles and place names come back post after post
def _as_hashtag(words: str) -> str:
    parts = _TAG_PART.findall(words)
    return "#" + "".join(p[:1].upper() + p[1:] for p in parts)


@lru_cache(maxsize=20_000)  # an author's bio is the same on every post
def _bio_has_seeker_tag(author_bio: str, seeker_tag: str) -> bool:
    # Every word of the bio: the configured hashtag need not hold a "4" like #i4EmploiR does.
    return any(is_seeker_tag(t, seeker_tag) for t in _BIO_WORD.findall(fold(author_bio)))


def feedback_for(
    parsed: ParsedPost,
    result: TriageResult,
    *,
    network: str = "bluesky",
    author_bio: str = "",
    has_image: bool = False,
    seeker_tag: str = "#i4EmploiR",
    relay_tag: str = "#PleaseRT",
    location_tag: bool = False,
    job_tag: bool = False,
    departement_name: str | None = None,
) -> list[str]:
    """One sentence per missing or weak element of the expected post format.

    Every hashtag named is the collective's configured one (`seeker_tag`, `relay_tag`): a collective
    that asks for #MerciDeRT must not be told to write #PleaseRT."""
    out: list[str] = []
    keys = {h.key for h in parsed.hashtags}
    relay_keys = {normalize_hashtag(relay_tag)}
    if relay_keys == {"pleasert"}:
        relay_keys |= {"plsrt", "pleaseretweet"}  # the spellings people use for the default one
    if not keys & relay_keys:
        out.append(f"Ajoutez {relay_tag} au début du message pour demander clairement qu'il soit partagé.")
    if not job_tag:
        example = _as_hashtag(result.job_title) if result.job_title else "#Comptable"
        out.append(
            f"Ajoutez le métier recherché en hashtag (par exemple {example}) pour que les recruteurs vous trouvent."  # noqa: E501
        )
    if not location_tag:
        loc = result.location
        if loc.commune:
            example = _as_hashtag(loc.commune)
        elif loc.departement and departement_name:
            # A name, never "#21": nobody searches a number, and "#21" is also a date or an age.
            example = _as_hashtag(departement_name)
        elif loc.region:
            example = _as_hashtag(loc.region)
        else:
            example = "#Lyon ou #69"
        out.append(f"Ajoutez la ville ou le département visé en hashtag (par exemple {example}).")
    if not any(is_seeker_tag(h.raw, seeker_tag) for h in parsed.hashtags):
        out.append(f"Ajoutez {seeker_tag} dans le message pour que le collectif le repère.")
    if not parsed.profile_link:
        out.append(
            "Ajoutez le lien de votre profil LinkedIn ou Viadeo pour que les recruteurs voient votre CV."
        )
    if not has_image:
        out.append(
            "Joignez une image qui présente vos compétences : c'est ce qui fait le plus circuler un message."
        )
    if not (author_bio and _bio_has_seeker_tag(author_bio, seeker_tag)):
        out.append(
            f"Ajoutez {seeker_tag} dans votre bio : c'est ainsi que le collectif reconnaît les personnes en recherche."  # noqa: E501
        )
    limit = NETWORK_LIMITS.get(network.lower())
    if limit and len(parsed.text) > limit:
        name = NETWORK_NAMES.get(network.lower(), network)
        out.append(
            f"Le message fait {len(parsed.text)} caractères, au-delà de la limite de {limit} sur {name} : "
            "raccourcissez-le pour qu'il puisse être partagé tel quel."
        )
    return out
