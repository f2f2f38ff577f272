"""Helpers shared by the dashboard view tests (this module holds no tests; fast password hashing is
tests/app/conftest.py's autouse fixture).

Requests are built directly with the ORM here, not through ingest, because these
tests need exact statuses, régions and dates that the triage engine would decide.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from colibri.relay.models import NetworkAccount, Post, Request
from tests import clock

_seq = itertools.count(1)


SEEKER_TEXT = (
    "#PleaseRT Je cherche un poste de #Comptable en CDI sur #Lyon https://www.linkedin.com/in/x #i4EmploiR"
)
BASE_TIME = clock.NOW - timedelta(days=6)


def make_review_request(
    *,
    text: str = SEEKER_TEXT,
    handle: str | None = None,
    display_name: str = "Marie",
    bio: str = "Comptable #i4EmploiR",
    followers: int | None = 312,
    network: str = "bluesky",
    url: str = "https://bsky.app/profile/someone/post/1",
    has_image: bool = True,
    image_alt: str = "Compétences : comptabilité, paie",
    minutes: int | None = None,
    **fields: Any,
) -> Request:
    n = next(_seq)
    account = NetworkAccount.objects.create(
        network=network,
        remote_id=f"did:plc:test{n}",
        handle=handle or f"seeker{n}.bsky.social",
        display_name=display_name,
        bio=bio,
        followers_count=followers,
        is_seeker=True,
    )
    created = BASE_TIME + timedelta(minutes=n if minutes is None else minutes)
    post = Post.objects.create(
        network=network,
        uri=f"at://did:plc:test{n}/app.bsky.feed.post/{n}",
        url=url,
        author=account,
        text=text,
        posted_at=created,
        has_image=has_image,
        image_alt=image_alt,
    )
    values: dict[str, Any] = {
        "status": "needs_review",
        "category": "seeker_request",
        "eligible": True,
        "needs_review": True,
        "confidence": 0.62,
        "job_title": "Comptable",
        "rome_code": "M1203",
        "rome_label": "Comptabilité",
        "commune": "Lyon",
        "departement": "69",
        "region": "Auvergne-Rhône-Alpes",
        "contracts": ["CDI"],
        "reasons": ["Hashtag #i4EmploiR présent", "Contrat demandé : CDI"],
        "feedback": ["Ajoutez une image de vos compétences."],
        "created_at": created,
        "updated_at": created,
    }
    values.update(fields)
    return Request.objects.create(post=post, **values)
