"""Ingest in batches (issue 17): many events per transaction, and still one bad event never stops the
stream, a crash loses and duplicates nothing, what runs after commit runs once per stored post, and
a coordinator's change of the settings is read by the next batch."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from colibri.networks.base import Author, Network, NetworkEvent, StreamHooks
from colibri.relay import ingest as ingest_module
from colibri.relay import settings_cache
from colibri.relay.actions import ingest_batch
from colibri.relay.actions.collective import do_update_collective_settings
from colibri.relay.ingest import Ingestor
from colibri.relay.models import (
    AuditLog,
    CollectiveSettings,
    IngestCursor,
    NetworkAccount,
    Post,
    Request,
    RequestStatus,
)
from colibri.relay.signals import request_triaged

from .conftest import OFFER_TEXT, event


class ListNetwork(Network):
    """Fixed events, handed over without pause; `before[i]()` runs before event i is read, once the
    ingest stored what it holds (as a live stream that waits between two posts)."""

    name = "bluesky"

    def __init__(self, events: list[NetworkEvent], *, source: str = "list", before: Any = None) -> None:
        self.events = events
        self.source = source
        self.before: dict[int, Callable[[], None]] = before or {}
        self.hooks = StreamHooks()

    def use_hooks(self, hooks: StreamHooks) -> None:
        self.hooks = hooks

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        for i in range(int(cursor or 0), len(self.events)):
            if i in self.before:
                assert self.hooks.idle is not None
                self.hooks.idle()
                self.before[i]()
            yield self.events[i], str(i + 1)


def seekers(n: int, tag: str = "") -> list[NetworkEvent]:
    return [event(author_id=f"did:plc:batch{tag}{i}", handle=f"b{tag}{i}.bsky.social") for i in range(n)]


def _skipped() -> list[dict[str, Any]]:
    return [row.details for row in AuditLog.objects.filter(action="ingest_event_skipped").order_by("id")]


@pytest.mark.django_db
def test_it_stores_a_run_of_new_posts_in_a_few_statements() -> None:
    events = seekers(50)
    CollectiveSettings.get()  # the row exists (a first read creates it)
    with CaptureQueriesContext(connection) as ctx:
        stats = Ingestor([ListNetwork(events)], load_index=False).run()
    assert stats.posts == 50 and stats.skipped == 0
    assert Request.objects.filter(category="seeker_request").count() == 50
    assert AuditLog.objects.filter(action="request_detected").count() == 50
    assert IngestCursor.objects.get(source="list").cursor == "50"
    # One by one this took ~14 statements per post (700); the settings are read once per batch.
    assert len(ctx.captured_queries) < 25, [q["sql"][:80] for q in ctx.captured_queries]
    # Read once by the loop (the hashtags it filters with), once for the whole batch.
    assert sum("relay_collectivesettings" in q["sql"] for q in ctx.captured_queries) == 2


def _mixed(tag: str) -> list[NetworkEvent]:
    """Every kind of event a stream carries, each author and URI marked with `tag`."""

    def ev(n: int, **kw: Any) -> NetworkEvent:
        kw.setdefault("author_id", f"did:plc:{tag}{n}")
        kw.setdefault("handle", f"{tag}{n}.bsky.social")
        return event(uri=f"at://did:plc:{tag}/app.bsky.feed.post/{kw.pop('post', n)}", **kw)

    return [
        ev(1),
        ev(2, text=OFFER_TEXT, bio="RH chez ACME"),
        ev(
            3,
            author_id=f"did:plc:{tag}1",
            handle=f"{tag}1-new.bsky.social",
            bio="Comptable #i4EmploiR #i4emploi",
        ),
        ev(1),  # the same event again (a replay)
        replace(ev(4), author=Author(id=f"did:plc:{tag}4", handle=f"{tag}4.bsky.social")),  # no profile
        ev(5, kind="update", post=1, text="#PleaseRT Je cherche un CDI de #Comptable à #Nantes #i4EmploiR"),
        ev(6),
        ev(7, kind="delete", post=6),
        ev(8),
        # A known author's post read with no profile (a firehose post): triaged with the stored bio.
        ev(9, text="#PleaseRT Je cherche un CDI de comptable à Lyon", bio="Comptable #i4EmploiR"),
        replace(
            ev(10, text="#PleaseRT Je cherche un CDI de comptable à Lyon"),
            author=Author(id=f"did:plc:{tag}9", handle=f"{tag}9.bsky.social"),
        ),
    ]


def _snapshot(tag: str) -> dict[str, Any]:
    """What the stream left in the database, with what differs by construction (ids, times, tag) left out."""

    def untag(value: Any) -> Any:
        return json.loads(json.dumps(value, ensure_ascii=False).replace(tag, "T"))

    rows: dict[str, Any] = {}
    for post in Post.objects.filter(uri__contains=tag).select_related("author"):
        a = post.author
        account = (a.handle, a.display_name, a.bio, a.followers_count, a.is_seeker, a.is_member)
        r = Request.objects.filter(post=post).first()
        request = None
        if r is not None:
            request = (
                r.status, r.category, r.eligible, r.needs_review, r.confidence, r.job_title, r.rome_code,
                r.commune, r.departement, r.region, r.contracts, r.reasons, r.feedback, r.triage,
                [x.action for x in AuditLog.objects.filter(request=r).order_by("id")],
            )  # fmt: skip
        kept = (
            post.text,
            post.has_image,
            post.links,
            post.raw,
            post.deleted_at is None,
            post.edited_at is None,
        )
        rows[untag(post.uri)] = untag([kept, account, request])
    return rows


@pytest.mark.django_db
def test_it_stores_the_same_rows_in_batches_as_one_by_one() -> None:
    one_by_one = Ingestor([ListNetwork(_mixed("zqa"), source="a")], load_index=False, batch_size=1).run()
    batched = Ingestor([ListNetwork(_mixed("zqb"), source="b")], load_index=False).run()
    assert (batched.posts, batched.withdrawn, batched.events) == (one_by_one.posts, one_by_one.withdrawn, 11)
    assert _snapshot("zqa") == _snapshot("zqb") != {}
    assert IngestCursor.objects.get(source="b").cursor == "11"
    assert not _skipped()


@pytest.mark.django_db
def test_it_skips_a_bad_event_in_the_middle_of_a_batch_and_stores_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without the sanitizer a follower count of -5 reaches the database: the batch's INSERT of the
    # authors fails as a whole; the same events one by one isolate the bad one.
    monkeypatch.setattr(ingest_module, "clean_event", lambda event, networks: event)
    events = seekers(7)
    events[3] = replace(events[3], author=replace(events[3].author, followers_count=-5))
    stats = Ingestor([ListNetwork(events)], load_index=False).run()
    assert stats.posts == 6 and stats.skipped == 1
    (skip,) = _skipped()
    assert skip["cursor"] == "4" and skip["uri"] == events[3].uri and skip["error"]
    assert set(Post.objects.values_list("uri", flat=True)) == {e.uri for i, e in enumerate(events) if i != 3}
    assert IngestCursor.objects.get(source="list").cursor == "7"
    assert Ingestor([ListNetwork(events)], load_index=False).run().events == 0  # never replayed


@pytest.mark.django_db(transaction=True)
def test_it_runs_what_follows_the_commit_once_per_stored_post_even_when_its_batch_was_retried() -> None:
    committed: list[str] = []

    def receiver(sender: Any, *, request: Request, **kwargs: Any) -> None:
        # A bug one post's content triggers, in a listener of the verdict (an app above the relay).
        if "BOOM" in request.post.text:
            raise RuntimeError("listener failed")
        uri = request.post.uri
        transaction.on_commit(lambda: committed.append(uri))

    events = seekers(5)
    events[2] = event(author_id="did:plc:boom", text="#PleaseRT BOOM je cherche un CDI #i4EmploiR")
    request_triaged.connect(receiver, dispatch_uid="test.batch.receiver")
    try:
        stats = Ingestor([ListNetwork(events)], load_index=False).run()
    finally:
        request_triaged.disconnect(dispatch_uid="test.batch.receiver")
    assert stats.posts == 4 and stats.skipped == 1
    assert _skipped()[0]["error"] == "RuntimeError: listener failed"
    # The first try of the batch ran the listener for posts 0 and 1 too: rolled back with it, its
    # callbacks were dropped; each stored post's ran once, after its own commit.
    assert sorted(committed) == sorted(e.uri for i, e in enumerate(events) if i != 2)
    assert not Post.objects.filter(uri=events[2].uri).exists()


class Crash(BaseException):
    """What a kill looks like from inside: nothing after it runs, no handler catches it."""


@pytest.mark.django_db(transaction=True)
def test_it_stores_every_event_once_after_a_crash_in_the_middle_of_a_batch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events = seekers(25)
    new_request = ingest_batch.new_request
    calls = {"n": 0}

    def crashing(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 15:  # the 5th post of the second batch of 10
            raise Crash
        return new_request(*args, **kwargs)

    monkeypatch.setattr(ingest_batch, "new_request", crashing)
    with pytest.raises(Crash):
        Ingestor([ListNetwork(events)], load_index=False, batch_size=10).run()
    # The first batch is stored with its cursor; nothing of the second one is.
    assert Post.objects.count() == 10 and Request.objects.count() == 10
    assert IngestCursor.objects.get(source="list").cursor == "10"

    monkeypatch.setattr(ingest_batch, "new_request", new_request)
    stats = Ingestor([ListNetwork(events)], load_index=False, batch_size=10).run()
    assert stats.events == 15  # resumed after the last stored event
    assert sorted(Post.objects.values_list("uri", flat=True)) == sorted(e.uri for e in events)
    assert Request.objects.count() == 25 == AuditLog.objects.filter(action="request_detected").count()
    assert NetworkAccount.objects.count() == 25
    assert IngestCursor.objects.get(source="list").cursor == "25"
    assert not _skipped()


@pytest.mark.django_db
def test_it_reads_the_settings_once_per_batch_and_sees_a_coordinators_change(coordinator: Any) -> None:
    CollectiveSettings.get()
    with CaptureQueriesContext(connection) as ctx, settings_cache.reused():
        first = CollectiveSettings.get()
        assert CollectiveSettings.get() is first
        assert len(ctx.captured_queries) == 1
        # A coordinator's change in this process is read at once.
        do_update_collective_settings(actor=coordinator, seeker_hashtag="ChercheCDI")
        assert CollectiveSettings.get().seeker_hashtag == "ChercheCDI"
        # Another process's change (the web server's) is what this connection sees of it: an UPDATE.
        CollectiveSettings.objects.filter(pk=1).update(member_hashtag="Relais")
        assert CollectiveSettings.get().member_hashtag == "i4emploi"  # kept for the rest of the batch
    with settings_cache.reused():
        assert CollectiveSettings.get().member_hashtag == "Relais"  # the next batch reads it
    # Outside a batch nothing is kept.
    with CaptureQueriesContext(connection) as ctx:
        CollectiveSettings.get()
        CollectiveSettings.get()
    assert len(ctx.captured_queries) == 2


@pytest.mark.django_db
def test_it_ingests_the_next_batch_with_the_settings_a_coordinator_just_changed(coordinator: Any) -> None:
    events = [
        event(author_id=f"did:plc:flag{i}", bio="Comptable, je cherche #ChercheCDI", text=OFFER_TEXT)
        for i in range(6)
    ]

    def change() -> None:
        do_update_collective_settings(actor=coordinator, seeker_hashtag="ChercheCDI")

    Ingestor([ListNetwork(events, before={3: change})], load_index=False).run()
    flags = dict(NetworkAccount.objects.values_list("remote_id", "is_seeker"))
    assert [flags[f"did:plc:flag{i}"] for i in range(6)] == [False, False, False, True, True, True]


@pytest.mark.django_db
def test_it_withdraws_a_post_deleted_in_the_same_batch_and_knows_it_before_storing_it() -> None:
    kept, deleted = seekers(2)
    answers: list[bool] = []

    class Firehose(ListNetwork):
        def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
            for position, ev in enumerate(self.events, start=1):
                if ev.kind == "delete":
                    # A firehose asks whether the post is ours before passing a deletion on.
                    assert self.hooks.known_uri is not None
                    answers.append(self.hooks.known_uri(ev.uri))
                yield ev, str(position)

    gone = event(kind="delete", uri=deleted.uri, author_id="did:plc:batch1")
    stats = Ingestor([Firehose([kept, deleted, gone])], load_index=False).run()
    assert answers == [True] and not Post.objects.filter(uri=deleted.uri, deleted_at__isnull=True).exists()
    assert Request.objects.get(post__uri=deleted.uri).status == RequestStatus.WITHDRAWN
    assert Request.objects.get(post__uri=kept.uri).status != RequestStatus.WITHDRAWN
    assert stats.posts == 2 and stats.withdrawn == 1
