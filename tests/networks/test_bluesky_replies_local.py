"""A seeker's "stop" without the hashtag reaches Colibri on a real local AT Protocol network.

Live: the firehose reader, which never logs in (as in `colibri ingest`), passes on a reply to the
official account's reply under a request. After an outage: the official account's notifications
give the same reply back as a `reply_only` event.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from .bluesky_kit import SEEKER_TEXT, local_adapter, post_as, read_events
from .netkit import AtprotoNet, NetAccount, create_account, record_done_action, wait_for

pytestmark = [pytest.mark.atproto, pytest.mark.timeout(120)]


def _strong_ref(account: NetAccount, uri: str) -> dict[str, str]:
    did, collection, rkey = uri[len("at://") :].split("/")
    record = account.client.com.atproto.repo.get_record({"repo": did, "collection": collection, "rkey": rkey})
    return {"uri": uri, "cid": str(record.cid)}


def _reply(account: NetAccount, text: str, root: dict[str, str], parent: dict[str, str]) -> str:
    created = account.client.com.atproto.repo.create_record(
        {
            "repo": account.did,
            "collection": "app.bsky.feed.post",
            "record": {
                "$type": "app.bsky.feed.post",
                "text": text,
                "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                "reply": {"root": root, "parent": parent},
            },
        }
    )
    return str(created.uri)


@pytest.fixture(scope="module")
def thread(atproto_net: AtprotoNet) -> dict[str, Any]:
    net = atproto_net
    seeker = create_account(net, "seekstop", bio="Comptable en recherche #i4EmploiR", display_name="Marie")
    official = create_account(net, "offstop", bio="Compte officiel du collectif #i4emploi")
    request = post_as(seeker, SEEKER_TEXT)
    writer = local_adapter(net, official)
    official_reply = writer.reply(request, "Relayé par le collectif, bon courage !")
    # The AppView notifies a reply only once it has indexed the parent (a person answers minutes later).
    wait_for(
        "the official reply on the AppView",
        lambda: writer.client.app.bsky.feed.get_posts({"uris": [official_reply]}).posts,
    )
    root = _strong_ref(seeker, request)
    stop = _reply(seeker, "Stop, merci pour tout !", root, _strong_ref(official, official_reply))
    chatter = _reply(seeker, "Et bonne journée à vous", root, root)  # a self-reply under an untracked post
    return {
        "net": net,
        "seeker": seeker,
        "official": official,
        "request": request,
        "official_reply": official_reply,
        "stop": stop,
        "chatter": chatter,
    }


def test_the_firehose_reader_passes_a_stop_answered_to_the_official_reply(thread: dict[str, Any]) -> None:
    net, official = thread["net"], thread["official"]
    reader = local_adapter(net, official)  # configured with the official login, as the ingest is
    wait_for("the official account on the AppView", lambda: reader.get_profile(official.handle).id)
    tracked = {thread["official_reply"]}  # what the consumer knows: the collective's reply, not the request
    reader.known_reply_parent = tracked.__contains__
    events = {e.uri: e for e, _ in read_events(reader, "0", {thread["seeker"].did})}

    assert thread["stop"] in events
    stop = events[thread["stop"]]
    assert stop.text == "Stop, merci pour tout !" and stop.reply_to == thread["official_reply"]
    assert stop.author.id == thread["seeker"].did
    # (A self-reply under the request passes too, as before: the stream itself yielded its parent.)
    assert reader._client is None  # never logged in: the official DID came from its handle


def test_the_official_notifications_give_the_stop_back_after_an_outage(thread: dict[str, Any]) -> None:
    adapter = local_adapter(thread["net"], thread["official"])
    since = datetime.now(UTC) - timedelta(hours=1)
    found = wait_for(
        "the reply notification on the AppView",
        lambda: {e.uri: e for e in adapter.replies_to_official(since)}.get(thread["stop"]),
    )
    assert found.reply_only and found.reply_to == thread["official_reply"]
    assert found.author.id == thread["seeker"].did and found.text == "Stop, merci pour tout !"
    # Nothing is older than `since`; a self-reply notifies nobody.
    later = list(adapter.replies_to_official(datetime.now(UTC) + timedelta(minutes=5)))
    assert later == []
    assert thread["chatter"] not in {e.uri for e in adapter.replies_to_official(since)}


@pytest.mark.django_db
def test_the_ingest_withdraws_on_stop_and_holds_the_next_post(atproto_net: AtprotoNet) -> None:
    """The real ingest loop on the local network: request, "stop" to the official reply, new post."""
    from colibri.relay.ingest import Ingestor
    from colibri.relay.models import (
        IngestCursor,
        NetworkAccount,
        OutboxKind,
        Request,
        RequestStatus,
    )

    net = atproto_net
    seeker = create_account(net, "seekhold", bio="Comptable en recherche #i4EmploiR", display_name="Marie")
    official = create_account(net, "offhold", bio="Compte officiel du collectif #i4emploi")
    reader = local_adapter(net, official)  # the ingest's adapter: the official login, never used to read
    wait_for(
        "the seeker's profile on the AppView", lambda: "#i4EmploiR" in reader.get_profile(seeker.did).bio
    )
    IngestCursor.objects.create(source=reader.source, cursor="0")  # read the local network from its start

    def ingest() -> Any:
        return Ingestor([reader], load_index=False).run()

    request_uri = post_as(seeker, SEEKER_TEXT)
    ingest()
    request = Request.objects.get(post__uri=request_uri)
    assert request.status == RequestStatus.ELIGIBLE  # the same kind of post, before the stop

    # The collective's reply under the request, as dispatch records it.
    writer = local_adapter(net, official)
    official_reply = writer.reply(request_uri, "Relayé par le collectif, bon courage !")
    account = NetworkAccount.objects.get(network="bluesky", remote_id=official.did)
    assert account.is_official  # registered by the ingest from its login handle
    record_done_action(
        OutboxKind.REPLY,
        account=account,
        request=request,
        target_uri=request_uri,
        result_id=official_reply,
    )
    root = _strong_ref(seeker, request_uri)
    _reply(seeker, "Stop, merci pour tout !", root, _strong_ref(official, official_reply))
    stats = ingest()

    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN and stats.withdrawn == 1  # type: ignore[attr-defined]
    assert request.post.author.opted_out_at is not None
    assert reader._client is None  # the ingest never logged in to see it

    again = post_as(seeker, SEEKER_TEXT.replace("#Lyon", "#Villeurbanne"))
    ingest()
    held = Request.objects.get(post__uri=again)
    assert held.status == RequestStatus.NEEDS_REVIEW  # said stop: a moderator decides, never automatic
    detected = held.audit.get(action="request_detected")
    assert detected.details["held"] == "opted_out"
