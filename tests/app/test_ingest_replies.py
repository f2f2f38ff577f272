"""A seeker's reply under their request: "stop" withdraws it, "j'ai trouvé" also records the hire."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from colibri.networks.bluesky.records import record_reply_parent
from colibri.networks.mastodon import event_from_status
from colibri.networks.replay import event_from_json, event_to_json, write_events
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.ingest import Ingestor
from colibri.relay.models import (
    AuditLog,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Outcome,
    Post,
    Request,
    RequestStatus,
)
from colibri.relay.sources import replay_network

pytestmark = pytest.mark.django_db

SEEKER = "did:plc:seeker1"
OFFICIAL_REPLY = "at://did:plc:official/app.bsky.feed.post/reply1"


def _run(path: Path) -> Any:
    return Ingestor([replay_network(path, interval=0)], load_index=False).run()


@pytest.fixture
def relayed(tmp_path, make_event, moderator):
    """A request ingested from a replay, approved, reposted and answered by the official account."""
    path = tmp_path / "stream.jsonl"
    ev = make_event()
    write_events(path, [ev])
    _run(path)
    r = Request.objects.get(post__uri=ev.uri)
    do_approve_request(r, actor=moderator)
    official = NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4", is_official=True
    )
    for kind, result in (
        (OutboxKind.REPOST, "at://did:plc:official/app.bsky.feed.repost/1"),
        (OutboxKind.REPLY, OFFICIAL_REPLY),
    ):
        OutboxAction.objects.create(
            kind=kind,
            network="bluesky",
            account=official,
            request=r,
            target_uri=ev.uri,
            idempotency_key=f"{kind}:{r.pk}",
            status=OutboxStatus.DONE,
            result_id=result,
        )
    return path, r, ev


def _reply(make_event, text: str, reply_to: str, author_id: str = SEEKER) -> Any:
    # No hashtag, no job word: only the reply link can make it through the ingest filter.
    return make_event(text=text, reply_to=reply_to, author_id=author_id, bio="", links=(), has_image=False)


def test_it_withdraws_the_request_when_the_seeker_says_stop(relayed, make_event) -> None:
    path, r, ev = relayed
    posts_before = Post.objects.count()
    write_events(path, [_reply(make_event, "Stop svp, merci pour tout", ev.uri)])
    stats = _run(path)
    r.refresh_from_db()
    assert r.status == RequestStatus.WITHDRAWN
    assert stats.filtered == 0 and stats.posts == 0 and stats.withdrawn == 1  # a reply is not a post
    undo = OutboxAction.objects.get(kind=OutboxKind.UNDO_REPOST)
    assert undo.status == OutboxStatus.PENDING and undo.target_uri == ev.uri
    assert undo.payload["repost_id"] == "at://did:plc:official/app.bsky.feed.repost/1"
    withdrawn = AuditLog.objects.get(request=r, action="request_withdrawn")
    assert "stop" in withdrawn.details["why"]
    assert Post.objects.count() == posts_before  # the reply itself is not kept
    assert not Outcome.objects.exists()


def test_it_records_the_hire_when_the_seeker_answers_the_official_reply(relayed, make_event) -> None:
    path, r, _ev = relayed
    reply = _reply(make_event, "Merci, j’ai trouvé un CDI !", OFFICIAL_REPLY)
    write_events(path, [reply, reply])  # delivered twice: applied once
    _run(path)
    r.refresh_from_db()
    assert r.status == RequestStatus.WITHDRAWN and r.outcome == "hired"
    outcome = Outcome.objects.get(request=r)
    assert outcome.status == "hired" and outcome.source == "reply"
    assert OutboxAction.objects.filter(kind=OutboxKind.UNDO_REPOST).count() == 1


def test_it_ignores_a_stop_from_someone_else(relayed, make_event) -> None:
    path, r, ev = relayed
    write_events(path, [_reply(make_event, "STOP", ev.uri, author_id="did:plc:troll")])
    _run(path)
    r.refresh_from_db()
    assert r.status == RequestStatus.APPROVED
    assert not OutboxAction.objects.filter(kind=OutboxKind.UNDO_REPOST).exists()
    assert Request.objects.count() == 1


def test_it_ignores_a_negated_reply_and_stores_no_request_for_it(relayed, make_event) -> None:
    path, r, ev = relayed
    write_events(path, [_reply(make_event, "Je n'ai pas encore trouvé, ne supprimez pas !", ev.uri)])
    _run(path)
    r.refresh_from_db()
    assert r.status == RequestStatus.APPROVED
    assert Request.objects.count() == 1
    assert not AuditLog.objects.filter(action="request_withdrawn").exists()


def test_it_still_filters_replies_to_posts_it_does_not_track(tmp_path, make_event) -> None:
    path = tmp_path / "stream.jsonl"
    write_events(path, [_reply(make_event, "stop", "at://did:plc:x/app.bsky.feed.post/unknown")])
    stats = _run(path)
    assert stats.filtered == 1 and not Post.objects.exists()


def test_it_carries_reply_to_through_the_replay_format_and_the_adapters(make_event) -> None:
    ev = _reply(make_event, "stop", "at://did:plc:seeker1/app.bsky.feed.post/9")
    assert event_from_json(event_to_json(ev)).reply_to == ev.reply_to
    assert "reply_to" not in event_to_json(make_event())
    record = {"text": "stop", "reply": {"root": {"uri": "at://a/p/1"}, "parent": {"uri": "at://a/p/2"}}}
    assert record_reply_parent(record) == "at://a/p/2"
    assert record_reply_parent({"text": "hello"}) == ""
    status = {
        "id": "11",
        "uri": "https://i.example/users/m/statuses/11",
        "content": "<p>stop</p>",
        "in_reply_to_id": "7",
        "account": {"id": "5", "acct": "m"},
    }
    known = {"7": "https://i.example/users/m/statuses/7"}
    assert event_from_status(status, reply_uri=known.__getitem__).reply_to == known["7"]
    assert event_from_status(status).reply_to == ""


def test_it_lets_the_firehose_pass_only_self_replies_to_tracked_posts() -> None:
    from colibri.networks.bluesky.network import BlueskyNetwork

    net = BlueskyNetwork("colibri.bsky.social", "app-password")  # no call: only the filter is used
    net._official = "did:plc:official"  # as resolved once from the handle (no login, no call here)
    tracked = "at://did:plc:a/app.bsky.feed.post/1"
    asked: list[str] = []
    net.known_reply_parent = lambda uri: asked.append(uri) or uri == tracked

    def reply(parent: str) -> dict[str, Any]:
        return {"text": "stop", "reply": {"root": {"uri": parent}, "parent": {"uri": parent}}}

    assert net._reply_tracked("did:plc:a", reply(tracked))
    assert not net._reply_tracked("did:plc:a", reply("at://did:plc:a/app.bsky.feed.post/2"))
    # Someone else's reply to the seeker is not even looked up (one lookup per firehose reply is too many).
    assert not net._reply_tracked("did:plc:b", reply(tracked))
    assert not net._reply_tracked("did:plc:a", {"text": "stop"})
    # A reply to the official account's post (its reply under a request) is looked up, logged in or not.
    official_reply = "at://did:plc:official/app.bsky.feed.post/r1"
    assert not net._reply_tracked("did:plc:a", reply(official_reply))
    assert asked == [tracked, "at://did:plc:a/app.bsky.feed.post/2", official_reply]


def test_the_firehose_filter_resolves_the_official_did_once_without_logging_in(monkeypatch) -> None:
    from colibri.networks.base import Author, NetworkError
    from colibri.networks.bluesky.network import BlueskyNetwork

    net = BlueskyNetwork("colibri.bsky.social", "app-password")
    answers: list[Any] = [NetworkError("appview down", retry=True), Author(id="did:plc:off", handle="c")]
    asked: list[str] = []

    def get_profile(actor: str) -> Author:
        asked.append(actor)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(net, "get_profile", get_profile)
    clock = [1000.0]
    monkeypatch.setattr("colibri.networks.bluesky.session.time.monotonic", lambda: clock[0])
    assert net._official_did() == ""  # unavailable: not asked again for a minute
    assert net._official_did() == "" and asked == ["colibri.bsky.social"]
    clock[0] += 61
    assert net._official_did() == net._official_did() == "did:plc:off"
    assert asked == ["colibri.bsky.social"] * 2 and net._client is None  # cached, and never logged in


def test_it_watches_the_newest_live_requests_posts_of_a_network(make_request, moderator) -> None:
    from colibri.relay.replies import live_request_posts

    old, withdrawn, newest = (make_request(network="mastodon") for _ in range(3))
    other = make_request()  # bluesky
    do_withdraw_request(withdrawn, why="test")
    assert live_request_posts("mastodon") == [newest.post.uri, old.post.uri]
    assert live_request_posts("mastodon", limit=1) == [newest.post.uri]
    assert live_request_posts("bluesky") == [other.post.uri]
