"""Fixtures for the Django app tests: volunteers per role, stream events, requests."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from colibri.networks.base import Author, NetworkEvent

_counter = itertools.count(1)

SEEKER_TEXT = (
    "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon, 8 ans d'expérience. "
    "Mon profil : https://www.linkedin.com/in/marie-dupont #i4EmploiR"
)
OFFER_TEXT = "Nous recrutons un #Comptable H/F en CDI à #Lyon ! Postulez vite #i4EmploiR"


def event(
    kind: str = "post",
    *,
    uri: str | None = None,
    text: str = SEEKER_TEXT,
    author_id: str = "did:plc:seeker1",
    handle: str = "marie.bsky.social",
    bio: str = "Comptable en recherche d'emploi #i4EmploiR",
    created_at: datetime | None = None,
    network: str = "bluesky",
    **extra: Any,
) -> NetworkEvent:
    n = next(_counter)
    return NetworkEvent(
        kind=kind,  # type: ignore[arg-type]
        network=network,
        uri=uri or f"at://{author_id}/app.bsky.feed.post/{n}",
        author=Author(id=author_id, handle=handle, display_name="Marie", bio=bio, followers_count=312),
        text=text,
        created_at=created_at or datetime(2026, 11, 20, 18, 0, tzinfo=UTC) + timedelta(minutes=n),
        has_image=extra.pop("has_image", True),
        image_alt=extra.pop("image_alt", "Compétences : comptabilité, paie, fiscalité"),
        links=extra.pop("links", ("https://www.linkedin.com/in/marie-dupont",)),
        url=extra.pop("url", "https://bsky.app/profile/marie.bsky.social/post/1"),
        raw=extra.pop("raw", {"text": text, "author": handle}),
        **extra,
    )


@pytest.fixture
def make_event() -> Callable[..., NetworkEvent]:
    return event


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    from colibri.relay.actions import do_create_volunteer

    def make(role: str, username: str | None = None) -> Any:
        user, _password = do_create_volunteer(
            username=username or f"{role}{next(_counter)}", role=role, password="correct-horse-battery-1"
        )
        return user

    return make


@pytest.fixture
def coordinator(make_user: Callable[..., Any]) -> Any:
    return make_user("coordinator", "coord")


@pytest.fixture
def moderator(make_user: Callable[..., Any]) -> Any:
    return make_user("moderator", "modo")


@pytest.fixture
def member(make_user: Callable[..., Any]) -> Any:
    return make_user("member", "membre")


@pytest.fixture
def make_request(db: None) -> Callable[..., Any]:
    """Ingest one event and return its Request (the real ingest path, not a hand-made row)."""
    from colibri.relay.actions import do_ingest_event

    def make(**kwargs: Any) -> Any:
        request = do_ingest_event(event(**kwargs), source="test", cursor=None)
        assert request is not None
        return request

    return make
