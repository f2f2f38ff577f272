"""The public feed variants: one Bluesky feed record per région and per ROME job family.

Bluesky clients cannot pass query parameters to a custom feed, so a recruiter who wants "Bretagne" or
"Transport et logistique" needs a feed record of its own. Each variant has a stable rkey (at most 15
characters, part of the feed's URI, so never renamed), a display name (Bluesky allows 24 graphemes)
and a description, in the active language: `colibri feeds publish` activates the collective's
(settings.LANGUAGE_CODE, French by default), since the records are what recruiters read:

- régions: `emploi-<key>`, the key being the ISO 3166-2:FR letters of the région's INSEE code
  (`emploi-ara`, `emploi-idf`, `emploi-re`); a région this table does not know yet (a future
  reform) gets `emploi-r<INSEE code>`. Which régions exist comes from the reference data (COG);
- job families: `emploi-<letter>`, the ROME "grand domaine" letter A to N (`emploi-m`).

No I/O, and no Django beyond its gettext (English msgids, translations in colibri/locale).
`colibri.feeds.skeletons` feeds it the régions of the reference index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

PREFIX = "emploi"
MAX_DISPLAY_NAME = 24  # app.bsky.feed.generator displayName: maxGraphemes 24
MAX_RKEY = 15

# INSEE région code (COG) -> rkey key: the ISO 3166-2:FR subdivision letters, lower case.
REGION_KEYS: dict[str, str] = {
    "01": "gp",  # Guadeloupe
    "02": "mq",  # Martinique
    "03": "gf",  # Guyane
    "04": "re",  # La Réunion
    "06": "yt",  # Mayotte
    "11": "idf",
    "24": "cvl",
    "27": "bfc",
    "28": "nor",
    "32": "hdf",
    "44": "ges",
    "52": "pdl",
    "53": "bre",
    "75": "naq",
    "76": "occ",
    "84": "ara",
    "93": "pac",
    "94": "cor",
}
# Display names where "Emploi <name>" and even the name are too long for 24 graphemes.
SHORT_REGION_NAMES: dict[str, str] = {"93": "PACA"}

# ROME v3 "grands domaines": letter -> (display name, label), as msgids translated when a variant is
# built (the French translations are the official ROME labels). The ROME files of the reference data
# (romes_public.csv) carry the fiches' codes and labels but not the domains' labels, so these 14 come
# from the ROME arborescence; which letters exist is checked against the ROME codes themselves.
ROME_DOMAINS: dict[str, tuple[str, str]] = {
    "A": (
        gettext_noop("Jobs in farming"),
        gettext_noop("Agriculture and fishing, natural and green spaces, animal care"),
    ),
    "B": (gettext_noop("Jobs in arts and crafts"), gettext_noop("Arts and crafting of works of art")),
    "C": (gettext_noop("Jobs in banking"), gettext_noop("Banking, insurance, real estate")),
    "D": (gettext_noop("Jobs in retail, sales"), gettext_noop("Retail, sales and large-scale distribution")),
    "E": (gettext_noop("Jobs in communication"), gettext_noop("Communication, media and multimedia")),
    "F": (gettext_noop("Jobs in construction"), gettext_noop("Construction, building and public works")),
    "G": (
        gettext_noop("Jobs in hospitality"),
        gettext_noop("Hotels and restaurants, tourism, leisure and entertainment"),
    ),
    "H": (gettext_noop("Jobs in industry"), gettext_noop("Industry")),
    "I": (gettext_noop("Jobs in maintenance"), gettext_noop("Installation and maintenance")),
    "J": (gettext_noop("Jobs in health"), gettext_noop("Health")),
    "K": (gettext_noop("Jobs in services"), gettext_noop("Personal and community services")),
    "L": (gettext_noop("Jobs in performing arts"), gettext_noop("Performing arts")),
    "M": (gettext_noop("Jobs in support roles"), gettext_noop("Business support")),
    "N": (gettext_noop("Jobs in transport"), gettext_noop("Transport and logistics")),
}

VARIANT_RKEY = re.compile(rf"^{PREFIX}-[a-z0-9]{{1,{MAX_RKEY - len(PREFIX) - 1}}}$")


@dataclass(frozen=True, slots=True)
class FeedVariant:
    rkey: str
    display_name: str
    description: str
    region: str = ""  # the région's name, as stored on requests (the COG label)
    family: str = ""  # the ROME grand domaine letter


def region_rkey(code: str) -> str:
    return f"{PREFIX}-{REGION_KEYS.get(code) or 'r' + code.lower()}"


def family_rkey(letter: str) -> str:
    return f"{PREFIX}-{letter.lower()}"


def _fit(name: str) -> str:
    """A display name within Bluesky's limit (a translation may be longer than the French)."""
    return name if len(name) <= MAX_DISPLAY_NAME else name[: MAX_DISPLAY_NAME - 1] + "…"


def _region_display_name(code: str, name: str) -> str:
    short = SHORT_REGION_NAMES.get(code, name)
    for candidate in (_("Jobs in %(region)s") % {"region": short}, short):
        if len(candidate) <= MAX_DISPLAY_NAME:
            return candidate
    return _fit(short)


def region_variants(regions: Iterable[tuple[str, str]]) -> list[FeedVariant]:
    """One variant per (INSEE code, name) région, in code order."""
    return [
        FeedVariant(
            rkey=region_rkey(code),
            display_name=_region_display_name(code, name),
            description=_("Job requests (CDI, CDD) in %(region)s, relayed by the collective, newest first.")
            % {"region": name},
            region=name,
        )
        for code, name in sorted(regions)
    ]


def family_variants(letters: Iterable[str] | None = None) -> list[FeedVariant]:
    """One variant per ROME grand domaine (all 14, or those of `letters` that exist)."""
    wanted = set(ROME_DOMAINS) if letters is None else {x.upper() for x in letters} & set(ROME_DOMAINS)
    return [
        FeedVariant(
            rkey=family_rkey(letter),
            display_name=_fit(_(ROME_DOMAINS[letter][0])),
            description=_(
                "Job requests (CDI, CDD) in the field “%(field)s” (ROME %(letter)s), relayed by the "
                "collective, newest first."
            )
            % {"field": _(ROME_DOMAINS[letter][1]), "letter": letter},
            family=letter,
        )
        for letter in sorted(wanted)
    ]


def public_variants(
    regions: Iterable[tuple[str, str]], letters: Iterable[str] | None = None
) -> list[FeedVariant]:
    """Every variant: the régions, then the job families. Raises ValueError if two share an rkey."""
    found = region_variants(regions) + family_variants(letters)
    seen: set[str] = set()
    for v in found:
        if v.rkey in seen or not VARIANT_RKEY.match(v.rkey):
            raise ValueError(f"feed rkey {v.rkey!r} is malformed or used twice")
        seen.add(v.rkey)
    return found


def is_variant_rkey(rkey: str) -> bool:
    """An rkey of the variants' shape: the records `colibri feeds publish` may create and delete."""
    return bool(VARIANT_RKEY.match(rkey))
