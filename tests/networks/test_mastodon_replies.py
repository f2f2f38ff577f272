"""A seeker's "stop" on Mastodon, without the hashtag, reaches the ingest through mentions.

The Mastodon adapter over captured payloads (FakeHTTP) feeds the real Ingestor and database: the
request comes from the hashtag timeline, the "stop" only from the official account's mention
notifications; delivered twice or out of order it withdraws the request once.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from colibri.networks.mastodon import MastodonNetwork
from colibri.relay.actions.seeker_replies import REPLY_AUDIT
from colibri.relay.ingest import Ingestor
from colibri.relay.models import (
    AuditLog,
    IngestCursor,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    Request,
    RequestStatus,
)

from .netkit import FakeHTTP, load_payload, record_done_action

pytestmark = pytest.mark.django_db

BASE = "https://mastodon.example"
TAG_PATH = r"/api/v1/timelines/tag/.+"
NOTIFICATIONS = r"/api/v1/notifications"
MARIE_POST = "https://piaille.fr/users/marie/statuses/113500000000000001"
OFFICIAL_REPLY_URI = "https://mastodon.example/users/collectif/statuses/113500000000000500"
SOURCE = "mastodon:mastodon.example"


MARIE_CONTEXT = r"/api/v1/statuses/113500000000000001/context"


def _http(*, thread: bool = True) -> FakeHTTP:
    """The instance; with `thread`, Marie's post is still there with nobody answering under it
    (a watched post whose thread answers 404 is read as deleted)."""
    http = FakeHTTP()
    http.add("GET", r"/api/v1/instance/?", payload="mastodon_instance_v1.json")
    http.add("GET", r"/api/v2/instance/?", payload="mastodon_instance_v2.json")
    http.add("GET", r"/api/v1/statuses/113500000000000500", payload="mastodon_status_official_reply.json")
    if thread:
        http.add("GET", MARIE_CONTEXT, json_body={"ancestors": [], "descendants": []})
    return http


def _poll(http: FakeHTTP) -> Any:
    net = MastodonNetwork(BASE, "tok-test", session=http.session())
    return Ingestor([net], load_index=False).run()


def _seeker_status() -> dict[str, Any]:
    return load_payload("mastodon_hashtag_page.json")[1]


def _mentions() -> dict[str, Any]:
    return {n["id"]: n for n in load_payload("mastodon_notifications_mentions.json")}


@pytest.fixture
def answered() -> Request:
    """Marie's request read from the hashtag timeline, approved, answered by the official account."""
    http = _http()
    seeker_status = load_payload("mastodon_hashtag_page.json")[1]
    http.add("GET", TAG_PATH, json_body=[seeker_status])
    http.add("GET", NOTIFICATIONS, json_body=[])
    _poll(http)
    request = Request.objects.get(post__uri=MARIE_POST)
    official = NetworkAccount.objects.create(
        network="mastodon", remote_id="1", handle="collectif", is_official=True
    )
    record_done_action(
        OutboxKind.REPLY,
        account=official,
        request=request,
        target_uri=MARIE_POST,
        result_id=OFFICIAL_REPLY_URI,
    )
    return request


def test_it_withdraws_a_request_on_a_stop_seen_only_in_mentions(answered: Request) -> None:
    http = _http()
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", NOTIFICATIONS, json_body=[_mentions()["9002"]])
    stats = _poll(http)

    answered.refresh_from_db()
    assert answered.status == RequestStatus.WITHDRAWN
    assert stats.withdrawn == 1 and stats.posts == 0  # a reply, never a new request
    assert Request.objects.count() == 1
    assert AuditLog.objects.filter(request=answered, action=REPLY_AUDIT).count() == 1
    cursor = json.loads(IngestCursor.objects.get(source=SOURCE).cursor)
    assert cursor["@mentions"] == "9002"


def test_a_mention_delivered_twice_or_out_of_order_is_applied_once(answered: Request) -> None:
    mentions = _mentions()
    edited = copy.deepcopy(mentions["9002"])
    edited["id"] = "9010"  # the same status notified again (e.g. after an edit), later
    for batch in ([mentions["9002"]], [edited, mentions["9001"]], [mentions["9002"]]):
        http = _http()
        http.add("GET", TAG_PATH, json_body=[])
        http.add("GET", NOTIFICATIONS, json_body=batch)
        http.add("GET", r"/api/v1/statuses/113500000000000001", json_body=_seeker_status())
        IngestCursor.objects.filter(source=SOURCE).delete()  # the position lost: all read again
        _poll(http)

    answered.refresh_from_db()
    assert answered.status == RequestStatus.WITHDRAWN
    assert AuditLog.objects.filter(request=answered, action=REPLY_AUDIT).count() == 1
    assert AuditLog.objects.filter(request=answered, action="request_withdrawn").count() == 1
    assert Request.objects.count() == 1  # no reply became a request


def test_a_poll_of_untracked_mentions_still_moves_the_mentions_position(answered: Request) -> None:
    mentions = _mentions()
    elsewhere = copy.deepcopy(mentions["9003"])
    elsewhere["id"] = "9004"
    elsewhere["status"]["in_reply_to_id"] = "777"  # bob answering something the collective does not track
    http = _http()
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", NOTIFICATIONS, json_body=[elsewhere])
    other = copy.deepcopy(load_payload("mastodon_hashtag_page.json")[0])
    other.update({"id": "777", "uri": "https://rh.social/users/cabinet/statuses/777"})
    http.add("GET", r"/api/v1/statuses/777", json_body=other)
    stats = _poll(http)

    assert stats.filtered == 1 and stats.withdrawn == 0
    assert json.loads(IngestCursor.objects.get(source=SOURCE).cursor)["@mentions"] == "9004"
    answered.refresh_from_db()
    assert answered.status != RequestStatus.WITHDRAWN


def test_the_replay_format_keeps_an_answer_reply_only() -> None:
    from colibri.networks.replay import event_from_json, event_to_json

    http = FakeHTTP()
    http.add("GET", r"/api/v1/instance/?", payload="mastodon_instance_v1.json")
    http.add("GET", r"/api/v1/statuses/113500000000000500", payload="mastodon_status_official_reply.json")
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", NOTIFICATIONS, json_body=[_mentions()["9002"]])
    [(event, _)] = list(MastodonNetwork(BASE, "tok-test", session=http.session()).stream(None))
    again = event_from_json(json.loads(json.dumps(event_to_json(event))))
    assert again.reply_only is True and again.reply_to == OFFICIAL_REPLY_URI


def test_a_self_reply_without_mention_under_a_live_request_withdraws_it(answered: Request) -> None:
    http = _http(thread=False)
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", NOTIFICATIONS, json_body=[])
    http.add(
        "GET", r"/api/v2/search", json_body={"accounts": [], "hashtags": [], "statuses": [_seeker_status()]}
    )
    http.add("GET", MARIE_CONTEXT, payload="mastodon_status_context.json")
    stats = _poll(http)

    answered.refresh_from_db()
    assert answered.status == RequestStatus.WITHDRAWN and stats.withdrawn == 1
    assert answered.post.author.opted_out_at is not None  # "stop": no more relays for her
    # Bob's "stop ? non" and marie's answer to bob are not hers under her request: one withdrawal.
    assert AuditLog.objects.filter(request=answered, action=REPLY_AUDIT).count() == 1
    assert Request.objects.count() == 1


def test_a_deleted_request_seen_only_by_polling_is_withdrawn_and_its_repost_undone(answered: Request) -> None:
    record_done_action(
        OutboxKind.REPOST,
        account=NetworkAccount.objects.get(is_official=True),
        request=answered,
        target_uri=MARIE_POST,
        result_id="https://mastodon.example/users/collectif/statuses/113500000000000600",
    )
    http = _http(thread=False)
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", NOTIFICATIONS, json_body=[])
    http.add(
        "GET", r"/api/v2/search", json_body={"accounts": [], "hashtags": [], "statuses": [_seeker_status()]}
    )
    http.add("GET", MARIE_CONTEXT, payload="mastodon_error_404.json", status=404)
    _poll(http)

    answered.refresh_from_db()
    assert answered.status == RequestStatus.WITHDRAWN and answered.post.deleted_at is not None
    assert OutboxAction.objects.filter(request=answered, kind=OutboxKind.UNDO_REPOST).count() == 1
    assert answered.post.author.opted_out_at is None  # a deletion is not a "stop"


def test_a_streamed_deletion_finds_the_post_by_this_instances_id(answered: Request) -> None:
    from colibri.networks.mastodon import event_from_streaming
    from colibri.relay.actions.ingest import do_ingest_event

    gone = event_from_streaming("delete", _seeker_status()["id"], instance=BASE)
    assert gone is not None and gone.uri != MARIE_POST  # the streaming API gives no URI
    do_ingest_event(gone, source=SOURCE, cursor=None)
    answered.refresh_from_db()
    assert answered.status == RequestStatus.WITHDRAWN and answered.post.deleted_at is not None
