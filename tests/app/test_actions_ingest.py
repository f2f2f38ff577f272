"""Ingesting stream events: stored once, in any order, with the cursor in the same transaction."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest

import colibri.relay.actions.triage as triage_actions
from colibri.relay import audit
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.triage import do_triage_request
from colibri.relay.lifecycle import OPEN_STATUSES
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    AuditLog,
    IngestCursor,
    Member,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Post,
    Request,
    RequestStatus,
)
from tests import clock

pytestmark = pytest.mark.django_db


def test_it_stores_a_post_once_when_the_event_is_replayed(make_event) -> None:
    ev = make_event()
    first = do_ingest_event(ev, source="s", cursor="1")
    second = do_ingest_event(ev, source="s", cursor="1")
    assert first is not None and second is None
    assert Post.objects.filter(uri=ev.uri).count() == 1
    assert Request.objects.count() == 1
    assert AuditLog.objects.filter(action="request_detected").count() == 1


def test_it_creates_a_triaged_request_with_the_account_flags(make_event) -> None:
    r = do_ingest_event(make_event(), source="s", cursor="1")
    assert r is not None
    assert r.status in OPEN_STATUSES and r.status != RequestStatus.DETECTED
    assert r.triage["id"] == r.post.uri
    account = NetworkAccount.objects.get(remote_id="did:plc:seeker1")
    assert account.is_seeker and not account.is_member
    assert account.consented_at is not None
    assert account.followers_count == 312


def test_it_updates_the_account_on_each_post_without_duplicating_it(make_event) -> None:
    do_ingest_event(make_event(bio="rien"), source="s", cursor="1")
    do_ingest_event(make_event(bio="Bénévole #i4emploi", handle="marie2.bsky.social"), source="s", cursor="2")
    account = NetworkAccount.objects.get()
    assert account.handle == "marie2.bsky.social"
    assert account.is_member and not account.is_seeker


def test_it_saves_the_cursor_with_the_event(make_event) -> None:
    do_ingest_event(make_event(), source="replay:x", cursor="7")
    assert IngestCursor.objects.get(source="replay:x").cursor == "7"
    do_ingest_event(make_event(), source="replay:x", cursor="8")
    assert IngestCursor.objects.get(source="replay:x").cursor == "8"


def test_it_does_not_advance_the_cursor_when_storing_the_event_fails(make_event) -> None:
    do_ingest_event(make_event(), source="s", cursor="1")
    crashing = make_event()
    # The process dies after the post row is written, before the event's transaction commits.
    # (The history row is the last write of the event: failing it fails after the post and request.)
    with mock.patch.object(audit.AuditLog, "save", side_effect=RuntimeError("crash")):
        with pytest.raises(RuntimeError):
            do_ingest_event(crashing, source="s", cursor="2")
    # The whole event rolled back with its cursor: a restart resumes at 1 and sees event 2 again.
    assert IngestCursor.objects.get(source="s").cursor == "1"
    assert not Post.objects.filter(uri=crashing.uri).exists()
    assert do_ingest_event(crashing, source="s", cursor="2") is not None
    assert Post.objects.filter(uri=crashing.uri).count() == 1


def test_it_keeps_a_tombstone_when_a_delete_arrives_before_its_post(make_event) -> None:
    ev = make_event()
    assert do_ingest_event(make_event("delete", uri=ev.uri), source="s", cursor="1") is None
    assert do_ingest_event(ev, source="s", cursor="2") is None
    post = Post.objects.get(uri=ev.uri)
    assert post.deleted_at is not None
    assert not Request.objects.exists()


def test_it_treats_an_update_whose_post_was_never_seen_as_the_post(make_event) -> None:
    ev = make_event()
    upd = make_event(
        "update", uri=ev.uri, text=ev.text + " (modifié)", created_at=clock.NOW - timedelta(days=5)
    )
    r = do_ingest_event(upd, source="s", cursor="1")
    assert r is not None and r.post.text.endswith("(modifié)")
    assert do_ingest_event(ev, source="s", cursor="2") is None  # the original, late: a no-op
    assert Post.objects.get(uri=ev.uri).text.endswith("(modifié)")


def test_it_ignores_an_edit_older_than_the_last_one_seen(make_event) -> None:
    ev = make_event()
    do_ingest_event(ev, source="s", cursor="1")
    new = make_event("update", uri=ev.uri, text="version 3", created_at=clock.NOW - timedelta(days=4))
    old = make_event("update", uri=ev.uri, text="version 2", created_at=clock.NOW - timedelta(days=5))
    do_ingest_event(new, source="s", cursor="2")
    assert do_ingest_event(old, source="s", cursor="3") is None
    assert Post.objects.get(uri=ev.uri).text == "version 3"


def test_it_retriages_an_undecided_request_when_its_post_is_edited(make_event) -> None:
    ev = make_event(text="Nous recrutons un #Comptable H/F en CDI à #Lyon ! Postulez vite #i4EmploiR")
    r = do_ingest_event(ev, source="s", cursor="1")
    assert r is not None
    before = r.triage
    upd = make_event("update", uri=ev.uri, text="Je cherche un CDI de comptable à Lyon #i4EmploiR")
    r2 = do_ingest_event(upd, source="s", cursor="2")
    assert r2 is not None and r2.pk == r.pk
    assert r2.triage != before
    assert AuditLog.objects.filter(request=r, action="request_retriaged").count() == 1


def test_it_does_not_retriage_a_decided_request(moderator, make_event) -> None:
    ev = make_event()
    r = do_ingest_event(ev, source="s", cursor="1")
    assert r is not None
    do_approve_request(r, actor=moderator)
    do_ingest_event(make_event("update", uri=ev.uri, text="autre chose"), source="s", cursor="2")
    r.refresh_from_db()
    assert r.status == RequestStatus.APPROVED
    assert AuditLog.objects.filter(request=r, action="post_edited_after_decision").exists()


def test_it_withdraws_the_request_and_undoes_reposts_when_the_post_is_deleted(moderator, make_event) -> None:
    ev = make_event()
    r = do_ingest_event(ev, source="s", cursor="1")
    assert r is not None
    do_approve_request(r, actor=moderator)
    official = NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4", is_official=True
    )
    member_account = NetworkAccount.objects.create(network="bluesky", remote_id="did:plc:m1", handle="m1")
    member = Member.objects.create(account=member_account)
    Assignment.objects.create(request=r, member=member, slot_start=clock.NOW - timedelta(days=4))
    done = OutboxAction.objects.create(
        kind=OutboxKind.REPOST,
        network="bluesky",
        account=official,
        request=r,
        target_uri=ev.uri,
        idempotency_key="repost:1",
        status=OutboxStatus.DONE,
        result_id="at://repost/1",
    )
    pending = OutboxAction.objects.create(
        kind=OutboxKind.REPOST,
        network="bluesky",
        account=member_account,
        request=r,
        target_uri=ev.uri,
        idempotency_key="repost:2",
    )
    do_ingest_event(make_event("delete", uri=ev.uri), source="s", cursor="2")
    r.refresh_from_db()
    assert r.status == RequestStatus.WITHDRAWN
    assert Assignment.objects.get().status == AssignmentStatus.CANCELLED
    pending.refresh_from_db()
    assert pending.status == OutboxStatus.CANCELLED
    undo = OutboxAction.objects.get(kind=OutboxKind.UNDO_REPOST)
    assert (
        undo.account_id == official.pk and undo.target_uri == ev.uri and undo.status == OutboxStatus.PENDING
    )
    assert undo.payload["repost_id"] == done.result_id
    # A second delete (replayed stream) changes nothing.
    do_ingest_event(make_event("delete", uri=ev.uri), source="s", cursor="3")
    assert OutboxAction.objects.filter(kind=OutboxKind.UNDO_REPOST).count() == 1
    assert AuditLog.objects.filter(request=r, action="request_withdrawn").count() == 1


def test_it_creates_no_request_for_the_official_accounts_posts(make_event) -> None:
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4", is_official=True
    )
    assert do_ingest_event(make_event(author_id="did:plc:official"), source="s", cursor="1") is None
    assert Post.objects.count() == 1 and not Request.objects.exists()


def test_it_leaves_the_request_detected_when_triage_is_deferred(make_event) -> None:
    r = do_ingest_event(make_event(), source="s", cursor="1", defer_triage=True)
    assert r is not None and r.status == RequestStatus.DETECTED and r.triage == {}
    r2 = do_triage_request(r)
    assert r2.status in OPEN_STATUSES - {RequestStatus.DETECTED}
    assert r2.triage["id"] == r.post.uri
    assert AuditLog.objects.filter(request=r, action="request_triaged").count() == 1


def test_it_keeps_the_post_when_the_triage_engine_crashes(make_event) -> None:
    ev = make_event()
    with mock.patch.object(triage_actions, "triage_post", side_effect=RuntimeError("engine bug")):
        r = do_ingest_event(ev, source="s", cursor="1")
    assert r is not None and r.status == RequestStatus.DETECTED
    assert IngestCursor.objects.get(source="s").cursor == "1"
    row = AuditLog.objects.get(request=r, action="request_detected")
    assert "engine bug" in row.details["triage_error"]
    # The worker's retry later gives it a verdict.
    assert do_triage_request(r).status in OPEN_STATUSES - {RequestStatus.DETECTED}


def test_it_keeps_the_known_profile_when_an_event_carries_none(make_event) -> None:
    from colibri.networks.base import Author

    first = make_event()
    do_ingest_event(first, source="s", cursor="1")
    bare = make_event()
    bare = type(bare)(
        **{**{f: getattr(bare, f) for f in bare.__slots__}, "author": Author(id="did:plc:seeker1", handle="")}
    )
    do_ingest_event(bare, source="s", cursor="2")
    do_ingest_event(make_event("delete", uri=first.uri, bio=""), source="s", cursor="3")
    account = NetworkAccount.objects.get()
    assert account.bio == "Comptable en recherche d'emploi #i4EmploiR" and account.is_seeker
    assert account.handle == "marie.bsky.social" and account.followers_count == 312
