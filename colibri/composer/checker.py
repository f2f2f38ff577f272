"""The checker: a pasted post (or one Colibri stored) through the triage engine, with a fixed version.

Nothing is written: the pasted text is triaged in memory and forgotten with the response.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext

from colibri.cards.post import PostDraft, compose_all
from colibri.composer.links import (
    card_from_result,
    collective_hashtag,
    collective_relay_tag,
    composer_url_for,
)
from colibri.composer.suggest import reference_index
from colibri.core.types import Post, TriageResult

log = logging.getLogger(__name__)

_LOOKS_LIKE_REF = re.compile(r"^(at://|https?://)\S+$", re.IGNORECASE)

CATEGORY_LABELS = {
    "seeker_request": _lazy("Job request"),
    "internship_request": _lazy("Internship or work-study request"),
    "freelance": _lazy("Offer of services (freelance)"),
    "job_offer": _lazy("Job offer"),
    "other": _lazy("Other message"),
}

REFUSALS = {
    "internship_request": _lazy("Internship, work-study or apprenticeship requests are not relayed."),
    "freelance": _lazy("Offers of freelance or self-employed services are not relayed."),
    "job_offer": _lazy("Job offers are not relayed: the collective relays people looking for a job."),
    "other": _lazy("This message was not recognised as a job request."),
}


@dataclass(slots=True)
class CheckOutcome:
    available: bool = True  # the triage engine could run
    message: str = ""  # shown above the result (engine missing, post not found…), in the UI language
    result: TriageResult | None = None
    from_store: bool = False  # the text came from a post Colibri stored
    tone: str = "info"  # ok | warn | bad | info
    verdict: str = ""
    category_label: str = ""
    understood: list[tuple[str, str]] = field(default_factory=list)
    fixed: list[PostDraft] = field(default_factory=list)
    composer_url: str = ""
    checked_text: str = ""  # the stored post's text, when a link was given
    confidence_pct: int = 0


_ENGINES: dict[tuple[int, str, str], Any] = {}


def _triage_function() -> Any | None:
    """Triage with the collective's own hashtags, so the advice names them (not the defaults)."""
    try:
        from colibri.core.triage import Triager, TriageSettings
    except ImportError as exc:
        log.warning("composer checker: triage engine not importable: %s", exc)
        return None
    seeker, relay = collective_hashtag(), collective_relay_tag()

    def run(post: Post, index: Any) -> TriageResult:
        key = (id(index), seeker, relay)
        engine = _ENGINES.get(key)
        if engine is None or engine.index is not index:
            if len(_ENGINES) > 4:
                _ENGINES.clear()
            engine = _ENGINES[key] = Triager(index, TriageSettings(seeker_tag=seeker, relay_tag=relay))
        result: TriageResult = engine.triage(post)
        return result

    return run


def find_stored_post(reference: str) -> Post | None:
    """A post Colibri relays now, by its URI (at://…) or its web address.

    Only requests currently relayed: the checker is public, and a rejected, withdrawn, opted-out or
    erased person's text must not be readable by anyone who knows (or guesses) the post's address.
    """
    from colibri.relay.lifecycle import LIVE_STATUSES
    from colibri.relay.models import Post as StoredPost

    stored = (
        StoredPost.objects.select_related("author")
        .filter(Q(uri=reference) | Q(url=reference), request__status__in=LIVE_STATUSES)
        .first()
    )
    if stored is None or stored.deleted_at is not None or not stored.text:
        return None
    return Post(
        id=stored.uri,
        text=stored.text,
        network=stored.network,
        author_bio=stored.author.bio,
        has_image=stored.has_image,
        image_alt=stored.image_alt,
    )


def _verdict(result: TriageResult) -> tuple[str, str]:
    if result.eligible and not result.needs_review:
        return "ok", _("Your post matches what the collective relays.")
    if result.needs_review:
        return "warn", _("A volunteer will check your post by hand before relaying it.")
    return "bad", str(REFUSALS.get(result.category, REFUSALS["other"]))


def _understood(result: TriageResult) -> list[tuple[str, str]]:
    from colibri.composer.links import contract_value, job_label, place_label

    rows = [
        (pgettext("checker", "Job"), job_label(result)),
        (_("ROME code"), f"{result.rome_code} – {result.rome_label}" if result.rome_code else ""),
        (_("Place"), place_label(result.location)),
        (_("Contract"), contract_value(result.contract)),
        (_("Profile link"), result.profile_link or ""),
        (_("Image"), _("yes") if result.has_image else _("no")),
    ]
    return [(label, value) for label, value in rows if value]


def check_post(text: str, *, has_image: bool = False) -> CheckOutcome:
    text = text.strip()
    outcome = CheckOutcome()
    post = Post(id="verifier", text=text, network="bluesky", has_image=has_image)
    if _LOOKS_LIKE_REF.match(text):
        stored = find_stored_post(text)
        if stored is None:
            outcome.available = False
            outcome.tone = "warn"
            outcome.message = _(
                "Colibri does not have this post in memory (or no longer): paste its text above instead."
            )
            return outcome
        post, outcome.from_store, outcome.checked_text = stored, True, stored.text
    triage = _triage_function()
    if triage is None:
        outcome.available = False
        outcome.message = _(
            "The checker is not available on this server yet (triage engine missing). "
            "The composer works: use it to prepare your post."
        )
        return outcome
    try:
        result: TriageResult = triage(post, reference_index())
    except Exception:  # a bug in the engine must not turn a public page into an error page
        log.exception("composer checker: triage failed")
        outcome.available = False
        outcome.message = _(
            "The checker ran into an error on this text. Try again later, or use the composer."
        )
        return outcome
    outcome.result = result
    outcome.tone, outcome.verdict = _verdict(result)
    outcome.confidence_pct = round(result.confidence * 100)
    outcome.category_label = str(CATEGORY_LABELS.get(result.category, result.category))
    outcome.understood = _understood(result)
    if result.category in {"seeker_request", "other"} or result.needs_review:
        # Only a seeker's post has a "fixed version"; an offer or an internship request would
        # still be refused once reformatted, and saying otherwise would mislead.
        card = card_from_result(result, collective_hashtag(), collective_relay_tag())
        if card.job or card.place:
            outcome.fixed = compose_all(card)
        outcome.composer_url = composer_url_for(result, absolute=False)
    return outcome
