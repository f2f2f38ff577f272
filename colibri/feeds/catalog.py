"""The public feed variants: one Bluesky feed record per région and per ROME job family.

Bluesky clients cannot pass query parameters to a custom feed, so a recruiter who wants "Bretagne" or
"Transport et logistique" needs a feed record of its own. Each variant has a stable rkey (at most 15
characters, part of the feed's URI, so never renamed), a French display name (Bluesky allows 24
graphemes) and a description:

- régions: `emploi-<key>`, the key being the ISO 3166-2:FR letters of the région's INSEE code
  (`emploi-ara`, `emploi-idf`, `emploi-re`); a région this table does not know yet (a future
  reform) gets `emploi-r<INSEE code>`. Which régions exist comes from the reference data (COG);
- job families: `emploi-<letter>`, the ROME "grand domaine" letter A to N (`emploi-m`).

Pure: no Django, no I/O. `colibri.feeds.skeletons` feeds it the régions of the reference index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

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

# ROME v3 "grands domaines": letter -> (display name, official label). The ROME files of the reference
# data (romes_public.csv) carry the fiches' codes and labels but not the domains' labels, so these 14
# come from the ROME arborescence; which letters exist is checked against the ROME codes themselves.
ROME_DOMAINS: dict[str, tuple[str, str]] = {
    "A": ("Emploi agriculture", "Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux"),
    "B": ("Emploi métiers d'art", "Arts et façonnage d'ouvrages d'art"),
    "C": ("Emploi banque, assurance", "Banque, assurance, immobilier"),
    "D": ("Emploi commerce, vente", "Commerce, vente et grande distribution"),
    "E": ("Emploi communication", "Communication, média et multimédia"),
    "F": ("Emploi BTP", "Construction, bâtiment et travaux publics"),
    "G": ("Emploi hôtellerie-resto", "Hôtellerie-restauration, tourisme, loisirs et animation"),
    "H": ("Emploi industrie", "Industrie"),
    "I": ("Emploi maintenance", "Installation et maintenance"),
    "J": ("Emploi santé", "Santé"),
    "K": ("Emploi services", "Services à la personne et à la collectivité"),
    "L": ("Emploi spectacle", "Spectacle"),
    "M": ("Emploi fonctions support", "Support à l'entreprise"),
    "N": ("Emploi transport", "Transport et logistique"),
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


def _region_display_name(code: str, name: str) -> str:
    short = SHORT_REGION_NAMES.get(code, name)
    for candidate in (f"Emploi {short}", short):
        if len(candidate) <= MAX_DISPLAY_NAME:
            return candidate
    return short[: MAX_DISPLAY_NAME - 1] + "…"


def region_variants(regions: Iterable[tuple[str, str]]) -> list[FeedVariant]:
    """One variant per (INSEE code, name) région, in code order."""
    return [
        FeedVariant(
            rkey=region_rkey(code),
            display_name=_region_display_name(code, name),
            description=(
                f"Demandes d'emploi (CDI, CDD) en {name}, relayées par le collectif,"
                " les plus récentes d'abord."
            ),
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
            display_name=ROME_DOMAINS[letter][0],
            description=(
                f"Demandes d'emploi (CDI, CDD) du domaine « {ROME_DOMAINS[letter][1]} » (ROME {letter}),"
                " relayées par le collectif, les plus récentes d'abord."
            ),
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
