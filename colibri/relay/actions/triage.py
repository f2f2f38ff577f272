"""Triage of stored posts: the engine's verdict written onto a request still waiting for a decision.

`do_triage_request` is the worker's (deferred or failed triage); ingest calls `try_triage` and
`apply_triage` inside its own transaction. A person who said "stop" has every new post held for a
human, whatever the verdict (`held_for_opt_out`).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from colibri.core.types import Post as TriagePost
from colibri.core.types import TriageResult

from .. import audit, lifecycle
from ..lifecycle import OPEN_STATUSES
from ..models import CollectiveSettings, Post, Request, RequestStatus
from ..signals import request_triaged
from .base import lock_request, sync_request

logger = logging.getLogger(__name__)


_TRIAGERS: dict[tuple[Any, ...], Any] = {}


def as_hashtag(value: str) -> str:
    return value if value.startswith("#") else f"#{value}"


def triage_engine(index: Any = None) -> Any:
    """A compiled `Triager` for the collective's current settings and this index (cached), or None."""
    try:
        # Here, not at the top: the engine (Aho-Corasick automata, regexes) is heavy to import, and
        # light commands (createuser, erase, the dashboard's first page) import this module.
        from colibri.core.triage import Triager, TriageSettings
    except ImportError:
        return None
    cs = CollectiveSettings.get()
    contracts = tuple(str(c) for c in (cs.eligible_contracts or ()))
    # The "please repost" hashtag the feedback asks for is the first tracked one (#PleaseRT by default).
    relay = next((str(t).strip().lstrip("#") for t in (cs.tracked_hashtags or ()) if str(t).strip("# ")), "")
    key = (id(index), cs.seeker_hashtag, cs.member_hashtag, relay, contracts, cs.language)
    engine = _TRIAGERS.get(key)
    if engine is None or engine.index is not index:
        if len(_TRIAGERS) > 8:
            _TRIAGERS.clear()
        engine = _TRIAGERS[key] = Triager(
            index=index,
            settings=TriageSettings(
                seeker_tag=as_hashtag(cs.seeker_hashtag),
                member_tag=as_hashtag(cs.member_hashtag),
                relay_tag=as_hashtag(relay) if relay else "#PleaseRT",
                eligible_contracts=contracts,
                language=cs.language,
            ),
        )
    return engine


def _stub_triage(post: TriagePost) -> TriageResult:
    """Minimal stand-in used only while `colibri.core.triage` does not exist: everything needs review."""
    text = post.text.lower()
    if any(word in text for word in ("stage", "alternance", "apprentissage")):
        category = "internship_request"
    elif any(word in text for word in ("nous recrutons", "on recrute", "h/f", "f/h", "offre d'emploi")):
        category = "job_offer"
    elif any(word in text for word in ("freelance", "indépendant", "tjm")):
        category = "freelance"
    else:
        category = "seeker_request"
    return TriageResult(
        id=post.id,
        category=category,  # type: ignore[arg-type]
        eligible=category == "seeker_request",
        needs_review=True,
        confidence=0.3,
        has_image=post.has_image,
        reasons=[_("Automatic triage unavailable: a volunteer must check it.")],
    )


def triage_post(post: Post, index: Any = None) -> TriageResult:
    """Triage a stored post with the engine (links from facets appended so the engine sees them)."""
    return triage_content(
        uri=post.uri,
        text=post.text,
        links=post.links,
        network=post.network,
        bio=post.author.bio,
        has_image=post.has_image,
        image_alt=post.image_alt,
        index=index,
    )


def triage_content(
    *,
    uri: str,
    text: str,
    links: Any,
    network: str,
    bio: str,
    has_image: bool,
    image_alt: str,
    index: Any = None,
) -> TriageResult:
    """Triage what a post says (stored or not yet: the ingest triages a batch before storing it)."""
    extra = [link for link in links if link and link not in text]
    if extra:
        text = text + "\n" + "\n".join(extra)
    tpost = TriagePost(
        id=uri, text=text, network=network, author_bio=bio, has_image=has_image, image_alt=image_alt
    )
    engine = triage_engine(index)
    if engine is None:
        return _stub_triage(tpost)
    result: TriageResult = engine.triage(tpost)
    return result


def _status_for(result: TriageResult) -> str:
    if result.needs_review:
        return RequestStatus.NEEDS_REVIEW
    return RequestStatus.ELIGIBLE if result.eligible else RequestStatus.INELIGIBLE


def apply_triage(r: Request, result: TriageResult) -> None:
    loc = result.location
    lifecycle.move(r, _status_for(result))
    if held_for_opt_out(r):
        # The person said "stop": whatever the triage thinks, a human looks first (see do_lift_opt_out).
        lifecycle.move(r, RequestStatus.NEEDS_REVIEW)
    r.category = result.category
    r.eligible = result.eligible
    r.needs_review = result.needs_review or r.status == RequestStatus.NEEDS_REVIEW
    r.confidence = float(result.confidence)
    r.job_title = (result.job_title or "")[:255]
    r.rome_code = (result.rome_code or "")[:8]
    r.rome_label = (result.rome_label or "")[:255]
    r.commune = (loc.commune or "")[:255]
    r.departement = (loc.departement or "")[:3]
    r.region = (loc.region or "")[:64]
    r.remote = bool(loc.remote)
    r.contracts = list(result.contract)
    r.profile_link = (result.profile_link or "")[:512]
    r.reasons = list(result.reasons)
    r.feedback = list(result.feedback)
    r.triage = result.to_json()
    r.updated_at = timezone.now()


def held_for_opt_out(r: Request) -> bool:
    """Is the request's author opted out of relays (said "stop")? Their posts then wait for a human."""
    return r.post.author.opted_out_at is not None


def try_triage(r: Request, post: Post, index: Any, verdict: TriageResult | None = None) -> str:
    """Triage into `r` (or apply `verdict`, computed before); on an engine bug keep the post (status
    `detected`) and return the error.

    A crash in the engine must not lose the seeker's request nor stop the
    stream: the request waits as `detected` (shown to volunteers) and the
    ingest loop queues `triage_request` to try again in the worker.
    """
    try:
        result = verdict if verdict is not None else triage_post(post, index)
    except Exception as exc:
        logger.exception("triage failed for %s", post.uri)
        lifecycle.move(r, RequestStatus.DETECTED)
        r.updated_at = timezone.now()
        return f"{type(exc).__name__}: {exc}"[:500]
    apply_triage(r, result)
    return ""


@transaction.atomic
def do_triage_request(request: Request, *, index: Any = None) -> Request:
    """Triage (again) a request still waiting for a decision, e.g. one ingested with deferred triage."""
    r = lock_request(request)
    if r.status not in OPEN_STATUSES:
        return r  # decided meanwhile: a human verdict wins over a late machine one
    before = r.status
    apply_triage(r, triage_post(r.post, index))
    r.save()
    audit.record(
        "request_triaged", request=r, label="worker", before=before, after=r.status, confidence=r.confidence
    )
    request_triaged.send(sender=Request, request=r)
    sync_request(request, r)
    return r
