"""What a seeker typed, as the card, the alt text and the post texts use it.

Only these fields ever reach a card: no name, photo, e-mail or phone is asked for,
so a card carries no personal data beyond what the seeker chose to type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from colibri.i18n import gettext as _
from colibri.i18n import ngettext

DEFAULT_HASHTAG = "#i4EmploiR"
DEFAULT_RELAY_TAG = "#PleaseRT"  # the hashtag asking for a repost, until the collective sets its own
CONTRACTS = ("CDI", "CDD")
MIN_SKILLS = 3
MAX_SKILLS = 8
REMOTE_WORDS = {
    "teletravail",
    "télétravail",
    "full remote",
    "remote",
    "remote work",
    "100% télétravail",
    "100% teletravail",
}


@dataclass(frozen=True, slots=True)
class CardInput:
    job: str
    place: str
    skills: tuple[str, ...] = ()
    contract: str = ""  # "CDI", "CDD", "CDI ou CDD" or "" (unspecified)
    experience_years: int | None = None
    availability: str = ""  # free text: "immédiatement", "en septembre"
    pitch: str = ""  # one line, optional
    link: str = ""  # profile link (LinkedIn, Viadeo or other)
    hashtag: str = DEFAULT_HASHTAG  # the collective's seeker hashtag
    relay_tag: str = DEFAULT_RELAY_TAG  # the collective's "please repost" hashtag

    @classmethod
    def build(
        cls,
        *,
        job: str,
        place: str,
        skills: list[str] | tuple[str, ...] = (),
        contract: str | list[str] | tuple[str, ...] = "",
        experience_years: int | None = None,
        availability: str = "",
        pitch: str = "",
        link: str = "",
        hashtag: str = DEFAULT_HASHTAG,
        relay_tag: str = DEFAULT_RELAY_TAG,
    ) -> CardInput:
        """Normalise whitespace, drop empty skills, join contract lists ("CDI ou CDD")."""
        if not isinstance(contract, str):
            contract = " ou ".join(c for c in CONTRACTS if c in set(contract))
        return cls(
            job=squash(job),
            place=squash(place),
            skills=tuple(s for s in (squash(s) for s in skills) if s),
            contract=squash(contract),
            experience_years=experience_years,
            availability=squash(availability),
            pitch=squash(pitch),
            link=link.strip(),
            hashtag=hashtag.strip() or DEFAULT_HASHTAG,
            relay_tag=relay_tag.strip() or DEFAULT_RELAY_TAG,
        )

    @property
    def is_remote(self) -> bool:
        return self.place.strip().lower() in REMOTE_WORDS

    @property
    def experience_label(self) -> str:
        return experience_label(self.experience_years)

    @property
    def availability_label(self) -> str:
        return availability_label(self.availability)


def squash(text: str) -> str:
    """One line, single spaces: what a seeker types in a form field, cleaned."""
    return " ".join((text or "").split())


def experience_label(years: int | None) -> str:
    if years is None:
        return ""
    if years <= 0:
        return _("Beginner")
    return ngettext("%(n)d year of experience", "%(n)d years of experience", years) % {"n": years}


def availability_label(availability: str) -> str:
    availability = squash(availability)
    if not availability:
        return ""
    lowered = availability.lower()
    # Already a phrase of its own ("dispo de suite", "Available now"): kept as typed, capitalised.
    if lowered.startswith(("disponible", "dispo", "available")):
        return availability[0].upper() + availability[1:]
    if lowered[0].isalpha():
        return _("Available %(when)s") % {"when": availability}
    return _("Available: %(when)s") % {"when": availability}


def display_link(url: str) -> str:
    """A profile URL as people read it: no scheme, no "www.", no trailing slash or query."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    host = parts.netloc.lower().removeprefix("www.")
    return (host + parts.path).rstrip("/")


_PAREN = re.compile(r"\s*\([^)]*\)\s*")


def place_name(place: str) -> str:
    """ "Lyon (69)" -> "Lyon": the département code helps autocomplete, not the hashtag."""
    return _PAREN.sub(" ", place).strip() or place.strip()
