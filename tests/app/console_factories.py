"""Requests with exact fields for the console tests (this module holds no tests).

Built with the ORM, not through ingest: the tests need exact statuses, places and dates.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from colibri.relay.models import NetworkAccount, Post, Request

_seq = itertools.count(1)
# Any fixed instant: nothing in the console compares request dates with the wall clock.
BASE_TIME = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def account(
    handle: str, *, network: str = "bluesky", display_name: str = "", remote_id: str = ""
) -> NetworkAccount:
    n = next(_seq)
    return NetworkAccount.objects.create(
        network=network,
        remote_id=remote_id or f"did:plc:console{n}",
        handle=handle,
        display_name=display_name,
        is_seeker=True,
    )


def request(
    author: NetworkAccount,
    *,
    days: int = 0,
    text: str = "#PleaseRT je cherche un CDI #i4EmploiR",
    image_urls: list[str] | None = None,
    image_alt: str = "Compétences : paie, comptabilité",
    uri: str = "",
    **fields: Any,
) -> Request:
    n = next(_seq)
    created = BASE_TIME + timedelta(days=days, minutes=n)
    post = Post.objects.create(
        network=author.network,
        uri=uri or f"at://{author.remote_id}/app.bsky.feed.post/c{n}",
        url=f"https://bsky.app/profile/{author.handle}/post/c{n}",
        author=author,
        text=text,
        posted_at=created,
        has_image=image_urls is not None,
        image_alt=image_alt,
        image_urls=image_urls or [],
    )
    values: dict[str, Any] = {"status": "needs_review", "category": "seeker_request", "confidence": 0.6}
    values.update(fields)
    return Request.objects.create(post=post, created_at=created, updated_at=created, **values)
