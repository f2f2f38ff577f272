"""A post asking to join the collective gets the join link in reply and is not triaged as an offer."""

from __future__ import annotations

from typing import Any

import pytest

from colibri.networks.base import Author
from colibri.relay.actions.accounts import do_register_official_account
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.triage import triage_post
from colibri.relay.models import AuditLog, OutboxAction, OutboxKind, Post, Request

pytestmark = pytest.mark.django_db

JOIN_TEXT = "Je rejoins le collectif #i4emploi comme relayeuse ! Je partagerai 2 annonces par jour."


def test_it_answers_a_join_post_with_the_join_link_instead_of_triaging_it(
    make_event: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://colibri.example.org"
    official = do_register_official_account("bluesky", Author(id="did:plc:official", handle="collectif.test"))
    event = make_event(text=JOIN_TEXT, author_id="did:plc:lea", handle="lea.test", bio="Bénévole #i4emploi")
    assert do_ingest_event(event, source="test", cursor=None) is None
    post = Post.objects.get(uri=event.uri)
    assert not Request.objects.exists()
    reply = OutboxAction.objects.get(kind=OutboxKind.REPLY)
    assert reply.account == official and reply.target_uri == event.uri
    assert "https://colibri.example.org/rejoindre/" in reply.payload["text"]
    assert reply.payload["text"].startswith("Merci ! Pour donner des RT avec le collectif")
    # Delivered twice (a replayed stream): still one reply.
    assert do_ingest_event(event, source="test", cursor=None) is None
    assert OutboxAction.objects.filter(kind=OutboxKind.REPLY).count() == 1
    assert AuditLog.objects.get(action="join_intent").details["answered"] is True
    # What the triage would have said: not a seeker's request (it used to be stored as a job offer).
    assert triage_post(post).category != "seeker_request"


def test_it_still_triages_a_seekers_request(make_event: Any) -> None:
    request = do_ingest_event(make_event(), source="test", cursor=None)
    assert request is not None and not OutboxAction.objects.filter(kind=OutboxKind.REPLY).exists()


def test_it_records_a_join_post_it_cannot_answer_without_an_official_account(make_event: Any) -> None:
    event = make_event(
        text="@collectif je veux donner des RT #i4emploi", author_id="did:plc:sam", handle="sam.test"
    )
    assert do_ingest_event(event, source="test", cursor=None) is None
    assert not Request.objects.exists() and not OutboxAction.objects.exists()
    assert AuditLog.objects.get(action="join_intent").details["answered"] is False
