"""A seeker's "stop" opts their account out of relays; a moderator lifts it when they ask again."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from colibri.relay.actions.base import ActionError
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.opt_out import do_lift_opt_out
from colibri.relay.actions.seeker_replies import do_apply_seeker_reply
from colibri.relay.actions.triage import do_triage_request
from colibri.relay.models import (
    AuditLog,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)

pytestmark = pytest.mark.django_db

SEEKER = "did:plc:seeker1"


def _ingest(make_event: Any, **kwargs: Any) -> Request:
    request = do_ingest_event(make_event(**kwargs), source="test", cursor=None)
    assert request is not None
    return request


def _say(make_event: Any, request: Request, text: str) -> Request | None:
    reply = make_event(text=text, reply_to=request.post.uri, author_id=SEEKER, bio="")
    return do_apply_seeker_reply(reply, source="test")


def _account() -> NetworkAccount:
    return NetworkAccount.objects.get(network="bluesky", remote_id=SEEKER)


def _relayed(request: Request, moderator: Any) -> None:
    """Approved and reposted by the official account (a done repost the opt-out must undo)."""
    do_approve_request(request, actor=moderator)
    official, _ = NetworkAccount.objects.get_or_create(
        network="bluesky", remote_id="did:plc:official", defaults={"handle": "i4", "is_official": True}
    )
    OutboxAction.objects.filter(request=request).delete()
    OutboxAction.objects.create(
        kind=OutboxKind.REPOST,
        network="bluesky",
        account=official,
        request=request,
        target_uri=request.post.uri,
        idempotency_key=f"repost:{request.pk}",
        status=OutboxStatus.DONE,
        result_id=f"at://did:plc:official/app.bsky.feed.repost/{request.pk}",
    )


def test_it_opts_the_account_out_and_withdraws_all_its_live_requests_on_stop(make_event, moderator) -> None:
    first, second = _ingest(make_event), _ingest(make_event)
    _relayed(second, moderator)

    assert _say(make_event, first, "Stop svp, merci pour tout") is not None

    account = _account()
    assert account.opted_out_at is not None
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == RequestStatus.WITHDRAWN
    undo = OutboxAction.objects.get(kind=OutboxKind.UNDO_REPOST)
    assert undo.request == second and undo.status == OutboxStatus.PENDING
    row = AuditLog.objects.get(action="account_opted_out")
    assert row.request == first and row.actor_label == "ingest" and row.details["account"] == account.pk
    assert "stop" in row.details["why"].lower()
    withdrawn = AuditLog.objects.get(request=second, action="request_withdrawn")
    assert "arrêt des relais" in withdrawn.details["why"]


def test_saying_stop_twice_keeps_the_first_date_and_one_opt_out_row(make_event) -> None:
    first = _ingest(make_event)
    _say(make_event, first, "stop")
    when = _account().opted_out_at
    later = _ingest(make_event)
    _say(make_event, later, "STOP merci")
    assert _account().opted_out_at == when
    assert AuditLog.objects.filter(action="account_opted_out").count() == 1
    later.refresh_from_db()
    assert later.status == RequestStatus.WITHDRAWN


def test_being_hired_is_an_outcome_not_an_opt_out(make_event) -> None:
    first = _ingest(make_event)
    _say(make_event, first, "Merci, j'ai trouvé un CDI !")
    first.refresh_from_db()
    assert first.outcome == "hired"
    assert _account().opted_out_at is None
    assert _ingest(make_event).status == RequestStatus.ELIGIBLE  # a later request goes on as usual


def test_a_post_after_the_stop_is_held_for_review_and_cannot_be_approved(make_event, moderator) -> None:
    control = _ingest(make_event)
    assert control.status == RequestStatus.ELIGIBLE  # the same text, before the stop
    _say(make_event, control, "stop")

    held = _ingest(make_event)
    assert held.status == RequestStatus.NEEDS_REVIEW and held.needs_review
    assert AuditLog.objects.get(request=held, action="request_detected").details["held"] == "opted_out"
    with pytest.raises(ActionError, match="arrêt des relais"):
        do_approve_request(held, actor=moderator)
    held.refresh_from_db()
    assert held.status == RequestStatus.NEEDS_REVIEW
    assert not OutboxAction.objects.filter(request=held).exists()


def test_a_deferred_triage_holds_the_post_too(make_event) -> None:
    first = _ingest(make_event)
    _say(make_event, first, "stop")
    deferred = do_ingest_event(make_event(), source="test", cursor=None, defer_triage=True)
    assert deferred is not None and deferred.status == RequestStatus.DETECTED
    triaged = do_triage_request(deferred)
    assert triaged.status == RequestStatus.NEEDS_REVIEW


def test_a_moderator_lifts_the_stop_and_the_held_request_can_then_be_approved(make_event, moderator) -> None:
    first = _ingest(make_event)
    _say(make_event, first, "stop")
    held = _ingest(make_event)

    do_lift_opt_out(_account(), actor=moderator, request=held)
    assert _account().opted_out_at is None
    row = AuditLog.objects.get(action="account_opt_out_lifted")
    assert (row.request, row.actor) == (held, moderator) and row.details["opted_out_at"]
    do_approve_request(held, actor=moderator)
    held.refresh_from_db()
    assert held.status == RequestStatus.APPROVED
    first.refresh_from_db()
    assert first.status == RequestStatus.WITHDRAWN  # what the stop withdrew stays withdrawn
    with pytest.raises(ActionError, match="n'a pas demandé"):
        do_lift_opt_out(_account(), actor=moderator)


# --------------------------------------------------------------------------- dashboard


@pytest.fixture
def held(make_event: Any) -> Request:
    first = _ingest(make_event)
    _say(make_event, first, "stop")
    return _ingest(make_event)


def test_the_request_page_shows_the_stop_in_french_with_a_lift_button(client, moderator, held) -> None:
    client.force_login(moderator)
    page = client.get(reverse("request_detail", args=[held.pk])).content.decode()
    assert "La personne a demandé l'arrêt des relais le " in page
    assert reverse("lift_opt_out", args=[held.post.author.pk]) in page
    assert "Lever l'arrêt" in page
    queue = client.get(reverse("dashboard")).content.decode()
    assert "La personne a demandé l'arrêt des relais le " in queue


def test_the_lift_button_lifts_it_and_comes_back_to_the_request(client, moderator, held) -> None:
    client.force_login(moderator)
    url = reverse("lift_opt_out", args=[held.post.author.pk])
    detail = reverse("request_detail", args=[held.pk])
    response = client.post(url, {"request": str(held.pk), "next": detail}, follow=True)
    assert response.redirect_chain[-1][0] == detail
    assert "peuvent reprendre" in response.content.decode()
    assert _account().opted_out_at is None
    assert AuditLog.objects.get(action="account_opt_out_lifted").request == held
    page = response.content.decode()
    assert "La personne a demandé l'arrêt des relais le" not in page and "Arrêt des relais levé" in page


def test_only_moderators_may_lift_it_and_only_by_post(client, member, moderator, held) -> None:
    url = reverse("lift_opt_out", args=[held.post.author.pk])
    client.force_login(member)
    assert client.post(url, {"request": str(held.pk)}).status_code in (302, 403)
    assert _account().opted_out_at is not None
    client.force_login(moderator)
    assert client.get(url).status_code == 405
    assert _account().opted_out_at is not None


def test_approving_a_held_request_from_the_queue_answers_why_in_french(client, moderator, held) -> None:
    client.force_login(moderator)
    response = client.post(
        reverse("decide", args=[held.pk]), {"decision": "approve"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 409
    assert "La personne a demandé l'arrêt des relais le " in response.json()["error"]
    held.refresh_from_db()
    assert held.status == RequestStatus.NEEDS_REVIEW and held.decided_at is None
