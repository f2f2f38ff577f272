"""GDPR erasure: personal data really gone, aggregates kept, a replay does not bring it back."""

from __future__ import annotations

import json

import pytest

from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.erasure import do_erase_request
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.models import AuditLog, NetworkAccount, Post, Request, RequestStatus

pytestmark = pytest.mark.django_db

PERSONAL = ("marie", "Marie", "linkedin", "Comptable en recherche", "did:plc:seeker1", "Compétences")


def _dump(obj) -> str:
    from django.forms.models import model_to_dict

    return json.dumps(model_to_dict(obj), default=str, ensure_ascii=False)


def test_it_blanks_every_personal_field(make_event, moderator) -> None:
    ev = make_event()
    r = do_ingest_event(ev, source="s", cursor="1")
    assert r is not None
    do_approve_request(r, actor=moderator)
    region, category, rome = r.region, r.category, r.rome_code
    do_erase_request(r, actor=moderator, why="demande RGPD")
    stored = Request.objects.select_related("post__author").get(pk=r.pk)
    for obj in (stored, stored.post, stored.post.author):
        dumped = _dump(obj)
        for needle in PERSONAL:
            assert needle not in dumped, (type(obj).__name__, needle)
    assert stored.status == RequestStatus.ERASED and stored.erased_at is not None
    assert (stored.region, stored.category, stored.rome_code) == (region, category, rome)
    assert stored.post.author.erased_at is not None
    for row in AuditLog.objects.filter(request=r):
        assert "linkedin" not in json.dumps(row.details) and "did:plc:seeker1" not in json.dumps(row.details)
    assert AuditLog.objects.filter(request=r, action="request_approved", actor=moderator).exists()


def test_it_does_not_store_an_erased_post_again_when_the_stream_is_replayed(make_event) -> None:
    ev = make_event()
    r = do_ingest_event(ev, source="s", cursor="1")
    assert r is not None
    do_erase_request(r, why="retention")
    assert do_ingest_event(ev, source="s", cursor="1") is None
    assert Post.objects.count() == 1 and Request.objects.count() == 1


def test_it_keeps_the_account_while_the_person_has_other_requests(make_event) -> None:
    r1 = do_ingest_event(make_event(), source="s", cursor="1")
    do_ingest_event(make_event(), source="s", cursor="2")
    assert r1 is not None
    do_erase_request(r1, why="retention")
    account = NetworkAccount.objects.get()
    assert account.handle == "marie.bsky.social" and account.erased_at is None


def test_it_erases_only_once(make_request) -> None:
    r = make_request()
    do_erase_request(r, why="a")
    do_erase_request(r, why="b")
    assert AuditLog.objects.filter(request=r, action="request_erased").count() == 1
