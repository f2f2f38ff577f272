"""Withdraw on the seeker's demand from the request page; bulk decisions from the queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from colibri.relay.actions.decisions import do_approve_request, do_reject_request
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


def _relayed(request: Request, moderator: Any) -> OutboxAction:
    """Approved and reposted by the official account: a done repost the withdrawal must undo."""
    do_approve_request(request, actor=moderator)
    official, _ = NetworkAccount.objects.get_or_create(
        network="bluesky", remote_id="did:plc:official", defaults={"handle": "i4", "is_official": True}
    )
    OutboxAction.objects.filter(request=request).delete()
    return OutboxAction.objects.create(
        kind=OutboxKind.REPOST,
        network="bluesky",
        account=official,
        request=request,
        target_uri=request.post.uri,
        idempotency_key=f"repost:{request.pk}",
        status=OutboxStatus.DONE,
        result_id=f"at://did:plc:official/app.bsky.feed.repost/{request.pk}",
    )


def test_it_withdraws_on_the_seekers_demand_and_undoes_the_reposts_like_a_stop(
    client: Any, moderator: Any, make_request: Any
) -> None:
    req = make_request()
    repost = _relayed(req, moderator)
    client.force_login(moderator)
    page = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert "Retirer cette demande" in page

    response = client.post(reverse("withdraw_request", args=[req.pk]), {"channel": "email"}, follow=True)
    assert f"#{req.pk} @marie.bsky.social retirée. 1 relais sera annulé." in response.content.decode()
    req.refresh_from_db()
    assert req.status == RequestStatus.WITHDRAWN
    undo = OutboxAction.objects.get(kind=OutboxKind.UNDO_REPOST, request=req)
    assert undo.status == OutboxStatus.PENDING and undo.payload["repost_action"] == repost.pk
    row = AuditLog.objects.get(request=req, action="request_withdrawn")
    assert row.actor == moderator and row.details["why"] == "La personne l'a demandé par e-mail"
    # Withdrawn: no more button, and no reply offered to the seeker.
    page = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert "Retirer cette demande" not in page

    again = client.post(reverse("withdraw_request", args=[req.pk]), {"channel": "email"}, follow=True)
    assert "il n&#x27;y a rien à retirer" in again.content.decode()
    assert OutboxAction.objects.filter(kind=OutboxKind.UNDO_REPOST).count() == 1  # nothing undone twice


def test_it_asks_how_the_person_asked_before_withdrawing(
    client: Any, moderator: Any, make_request: Any
) -> None:
    req = make_request()
    client.force_login(moderator)
    response = client.post(reverse("withdraw_request", args=[req.pk]), {"channel": "pigeon"}, follow=True)
    assert "Indiquez comment la personne l" in response.content.decode()
    req.refresh_from_db()
    assert req.status != RequestStatus.WITHDRAWN


def test_it_lets_no_member_withdraw(client: Any, member: Any, make_request: Any) -> None:
    req = make_request()
    client.force_login(member)
    assert client.post(reverse("withdraw_request", args=[req.pk]), {"channel": "email"}).status_code == 403
    req.refresh_from_db()
    assert req.status != RequestStatus.WITHDRAWN


def test_it_decides_the_ticked_requests_and_names_each_one(
    client: Any, moderator: Any, make_request: Any
) -> None:
    first = make_request(handle="mathieu.bsky.social", author_id="did:plc:mathieu")
    second = make_request(handle="lea.bsky.social", author_id="did:plc:lea")
    decided = make_request(handle="paul.bsky.social", author_id="did:plc:paul")
    do_reject_request(decided, actor=moderator, reason="Offre d'emploi")
    client.force_login(moderator)
    queue = client.get(reverse("dashboard")).content.decode()
    assert 'form="bulk"' in queue and f'value="{first.pk}"' in queue

    response = client.post(
        reverse("bulk_decide"),
        {"ids": [first.pk, second.pk, decided.pk], "decision": "approve", "next": "/?network=bluesky"},
        follow=True,
    )
    assert response.redirect_chain == [("/?network=bluesky", 302)]
    html = response.content.decode()
    assert f"#{first.pk} @mathieu.bsky.social approuvée. #{second.pk} @lea.bsky.social approuvée." in html
    assert f"Non décidé : #{decided.pk} @paul.bsky.social : " in html
    assert Request.objects.get(pk=first.pk).status == Request.objects.get(pk=second.pk).status == "approved"
    assert Request.objects.get(pk=decided.pk).status == "rejected"
    assert AuditLog.objects.filter(action="request_approved", actor=moderator).count() == 2


def test_it_rejects_a_selection_with_one_reason(client: Any, moderator: Any, make_request: Any) -> None:
    reqs = [make_request(author_id=f"did:plc:s{i}", handle=f"s{i}.bsky.social") for i in range(3)]
    client.force_login(moderator)
    client.post(reverse("bulk_decide"), {"ids": [r.pk for r in reqs], "decision": "reject:freelance"})
    for r in reqs:
        r.refresh_from_db()
        assert r.status == "rejected" and r.decision_reason == "Prestation freelance"


def test_it_says_when_nothing_was_ticked(client: Any, moderator: Any) -> None:
    client.force_login(moderator)
    response = client.post(reverse("bulk_decide"), {"decision": "approve"}, follow=True)
    assert "Cochez d" in response.content.decode()
