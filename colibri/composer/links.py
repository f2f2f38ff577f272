"""From a triage result to the composer: what was understood, pre-filled.

`composer_url_for(result)` is what the dashboard puts in the reply it proposes when a
request is refused only for a fixable format problem: the seeker lands on the composer
with the job, place, contract and profile link Colibri understood already typed in.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils.translation import gettext as _

from colibri.cards.model import DEFAULT_HASHTAG, DEFAULT_RELAY_TAG, CardInput
from colibri.core import geodata
from colibri.core.types import Location, TriageResult


def collective_hashtag() -> str:
    """The collective's seeker hashtag from its settings ("#i4EmploiR" until a coordinator changes it).

    Read-only on purpose: a public page must not create the settings row."""
    from colibri.relay.models import CollectiveSettings

    try:
        tag = CollectiveSettings.objects.filter(pk=1).values_list("seeker_hashtag", flat=True).first()
    except DatabaseError:  # not migrated yet: the composer still works with the default
        tag = None
    tag = (tag or "").strip().lstrip("#")
    return f"#{tag}" if tag else DEFAULT_HASHTAG


def collective_relay_tag() -> str:
    """The collective's "please repost" hashtag: the first tracked one ("#PleaseRT" by default).

    Read-only like `collective_hashtag`: a public page must not create the settings row."""
    from colibri.relay.models import CollectiveSettings

    try:
        tracked = CollectiveSettings.objects.filter(pk=1).values_list("tracked_hashtags", flat=True).first()
    except DatabaseError:
        tracked = None
    tags = [str(t).strip().lstrip("#") for t in (tracked or []) if str(t).strip().lstrip("#")]
    return f"#{tags[0]}" if tags else DEFAULT_RELAY_TAG


_DEPARTEMENT_NAMES = {code: name for code, name, _reg, _pref in geodata.DEPARTEMENTS}


def place_label(location: Location) -> str:
    """How the composer writes the place: "Lyon (69)", "Rhône (69)", "Bretagne", "Télétravail"."""
    if location.commune:
        return f"{location.commune} ({location.departement})" if location.departement else location.commune
    if location.departement:
        name = _DEPARTEMENT_NAMES.get(location.departement)
        return f"{name} ({location.departement})" if name else location.departement
    if location.region:
        return location.region
    if location.remote:
        return _("Remote work")
    return location.abroad or ""


def contract_value(contracts: list[str]) -> str:
    wanted = [c for c in ("CDI", "CDD") if c in contracts]
    return " ou ".join(wanted)


def job_label(result: TriageResult) -> str:
    return result.job_title or result.rome_label or ""


def card_from_result(
    result: TriageResult, hashtag: str = DEFAULT_HASHTAG, relay_tag: str = DEFAULT_RELAY_TAG
) -> CardInput:
    """What the triage engine understood, as composer input (no skills: it cannot see images)."""
    return CardInput.build(
        job=job_label(result),
        place=place_label(result.location),
        contract=contract_value(result.contract),
        link=result.profile_link or "",
        hashtag=hashtag,
        relay_tag=relay_tag,
    )


def composer_params(result: TriageResult) -> dict[str, str]:
    card = card_from_result(result)
    params = {"job": card.job, "place": card.place, "contract": card.contract, "link": card.link}
    return {key: value for key, value in params.items() if value}


def composer_url_for(result: TriageResult, *, absolute: bool = True) -> str:
    """The composer pre-filled from `result`; absolute (SITE_URL) so it can go in a public reply."""
    path = reverse("composer:index")
    # ":" and "/" are legal in a query: keeping them leaves the profile link readable and the
    # URL short enough for a reply on Bluesky, which counts links in full.
    query = urlencode(composer_params(result), safe=":/")
    url = f"{path}?{query}" if query else path
    if absolute:
        return settings.SITE_URL.rstrip("/") + url
    return url


REPLY_LIMIT = 300  # the strictest network (Bluesky) decides


def reply_for(result: TriageResult) -> str | None:
    """A short reply (active language, French by default) proposing the pre-filled composer, when the
    post is a seeker's request held back only by its format; None for offers, internships, freelancing, other.

    Fits every network's limit (Bluesky's 300 graphemes, links counted in full)."""
    from colibri.cards.post import count_bluesky

    if result.category != "seeker_request":
        return None
    if result.eligible and not result.needs_review and not result.feedback:
        return None  # nothing to fix
    url = composer_url_for(result)
    for tip in [*result.feedback[:1], ""]:
        text = _("Hello! %(tip)s Prepare your request in 2 minutes (text + skills card): %(url)s") % {
            "tip": tip,
            "url": url,
        }
        text = " ".join(text.split())
        if count_bluesky(text) <= REPLY_LIMIT:
            return text
    return _("Prepare your request here: %(url)s") % {"url": url}
