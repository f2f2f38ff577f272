"""Proof on the real local AT Protocol network: the advice reply and a check-in appear under the seeker's
post, and the seeker's one-word "oui" under the check-in records the hire.

The whole path runs as in production: the ingest reads the firehose (never logged in), a moderator
approves, the dispatcher carries out the outbox with the official account, the follow-up queues its
check-in. Four weeks cannot pass in a test: the request's relay time is moved back four weeks (the
schedule itself is tested with explicit times in tests/app/test_followup.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from .bluesky_kit import local_adapter, post_as
from .netkit import AtprotoNet, NetAccount, create_account, wait_for

pytestmark = [pytest.mark.atproto, pytest.mark.timeout(180), pytest.mark.django_db]

# A seeker's request with no image and no profile link: eligible, with advice to give.
REQUEST_TEXT = "#PleaseRT Je cherche un CDI de #Comptable sur #Lyon, 8 ans d'expérience #i4EmploiR"


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


def _replies_under(reader: Any, uri: str) -> dict[str, str]:
    """uri -> text of the direct replies under `uri`, as the AppView shows them."""
    thread = reader.client.app.bsky.feed.get_post_thread({"uri": uri, "depth": 1}).thread
    return {r.post.uri: r.post.record.text for r in (thread.replies or []) if getattr(r, "post", None)}


def test_advice_and_check_in_appear_under_the_post_and_oui_records_the_hire(atproto_net: AtprotoNet) -> None:
    from colibri.advice.actions import advice_text, do_queue_advice_reply
    from colibri.followup.actions import do_queue_due_check_ins
    from colibri.followup.models import CheckIn
    from colibri.relay.actions.collective import do_update_collective_settings
    from colibri.relay.actions.decisions import do_approve_request
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.dispatch import Dispatcher
    from colibri.relay.ingest import Ingestor
    from colibri.relay.models import IngestCursor, Outcome, Request, RequestStatus

    net = atproto_net
    moderator, _password = do_create_volunteer(username="modo", role="moderator", password="correct-horse-1")
    seeker = create_account(net, "seekfu", bio="Comptable en recherche #i4EmploiR", display_name="Marie")
    official = create_account(net, "offfu", bio="Compte officiel du collectif #i4emploi")
    reader = local_adapter(net, official)
    writer = local_adapter(net, official)
    wait_for(
        "the seeker's profile on the AppView", lambda: "#i4EmploiR" in reader.get_profile(seeker.did).bio
    )
    IngestCursor.objects.create(source=reader.source, cursor="0")
    # All day active, so the official account acts whatever the hour the test runs at.
    do_update_collective_settings(actor=moderator, active_hours_start="00:00", active_hours_end="00:00")

    def ingest() -> Any:
        return Ingestor([reader], load_index=False).run()

    dispatcher = Dispatcher(lambda account: writer, worker_id="proof")

    request_uri = post_as(seeker, REQUEST_TEXT)
    ingest()
    request = Request.objects.get(post__uri=request_uri)
    assert request.category == "seeker_request" and request.feedback

    # Advice: the text the moderator sees, sent as it is (from the queue it would be the key "e").
    text = advice_text(request)
    assert text and "/outils/c/" in text
    do_queue_advice_reply(request, text=text, actor=moderator)
    do_approve_request(request, actor=moderator)
    dispatcher.run_once(plan=False)
    request.refresh_from_db()
    assert request.status == RequestStatus.RELAYED
    replies = wait_for("the advice under the post", lambda: _replies_under(writer, request_uri) or None)
    assert list(replies.values()) == [text]

    # Four weeks later (moved back, see the docstring) the follow-up asks, once.
    Request.objects.filter(pk=request.pk).update(
        relayed_at=request.relayed_at - timedelta(weeks=4, minutes=1)
    )
    [check_in] = do_queue_due_check_ins()
    assert do_queue_due_check_ins() == []
    dispatcher.run_once(plan=False)
    check_in.refresh_from_db()
    ask_uri = check_in.outbox.result_id
    assert ask_uri
    replies = wait_for(
        "the check-in under the post",
        lambda: (r := _replies_under(writer, request_uri)) and ask_uri in r and r,
    )
    assert "Avez-vous trouvé un emploi" in replies[ask_uri] and "/suivi/r/" in replies[ask_uri]

    # The seeker answers "oui !" under the check-in: no hashtag, only the reply link brings it in.
    _reply(seeker, "oui !", _strong_ref(seeker, request_uri), _strong_ref(official, ask_uri))
    wait_for(
        "the hire recorded",
        lambda: (ingest() and Outcome.objects.filter(request=request, status="hired").exists()) or None,
    )
    request.refresh_from_db()
    check_in.refresh_from_db()
    assert request.outcome == "hired" and request.status == RequestStatus.WITHDRAWN
    assert check_in.answer == "hired" and check_in.answer_source == "reply"
    assert list(Outcome.objects.filter(request=request).values_list("source", flat=True)) == ["reply"]
    assert request.post.author.opted_out_at is None
    assert CheckIn.objects.filter(request=request).count() == 1
