"""Undoing a decision made by mistake, while nothing of it has reached a network."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from colibri.relay.actions.base import ActionError
from colibri.relay.actions.decisions import do_approve_request, do_mark_not_request, do_reject_request
from colibri.relay.actions.undo import UndoNotAllowed, do_undo_decision
from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.models import (
    Assignment,
    AuditLog,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)
from colibri.relay.outbox import claims, queueing
from colibri.relay.views import awaiting_requests

from . import dispatch_factories as f
from .views_support import make_review_request

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
ALREADY_OUT = "Le repartage est déjà parti : retirez la demande à la place"
NOTHING_TO_UNDO = "Il n'y a pas de décision à annuler sur cette demande."


@pytest.fixture
def official() -> Any:
    """The collective's Bluesky account, active all day: an approval queues its repost at once."""
    f.always_active()
    return f.account(official=True)


def _repost(req: Request) -> OutboxAction:
    return OutboxAction.objects.get(request=req, kind=OutboxKind.REPOST)


def test_it_puts_an_approved_request_back_in_the_queue_and_cancels_its_pending_repost(
    official: Any, moderator: Any
) -> None:
    req = make_review_request(status="eligible", needs_review=False)
    do_approve_request(req, actor=moderator, reason="profil complet")
    repost = _repost(req)
    assert repost.status == OutboxStatus.PENDING and repost.account_id == official.pk
    assert not awaiting_requests().filter(pk=req.pk).exists()

    returned = do_undo_decision(req, actor=moderator)

    stored = Request.objects.get(pk=req.pk)
    assert stored.status == RequestStatus.ELIGIBLE == returned.status == req.status
    assert (stored.decided_at, stored.decided_by, stored.decision_reason) == (None, None, "")
    assert awaiting_requests().filter(pk=req.pk).exists()
    # Cancelled, not deleted: the request page still shows what was queued and why it stopped.
    repost.refresh_from_db()
    assert (repost.status, repost.last_error) == (OutboxStatus.CANCELLED, "décision annulée")
    assert repost.done_at is not None


def test_it_queues_the_repost_again_when_the_request_is_approved_again(official: Any, moderator: Any) -> None:
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    first = _repost(req)
    do_undo_decision(req, actor=moderator)
    do_approve_request(req, actor=moderator)
    rows = {a.pk: a for a in OutboxAction.objects.filter(request=req, kind=OutboxKind.REPOST)}
    assert len(rows) == 2
    assert rows[first.pk].status == OutboxStatus.CANCELLED
    (fresh,) = [a for a in rows.values() if a.pk != first.pk]
    # The new row has the one-repost-per-post key the first one gave up: a third queueing is a no-op.
    assert (fresh.status, fresh.idempotency_key) == (OutboxStatus.PENDING, first.idempotency_key)
    assert rows[first.pk].idempotency_key.startswith("undone:")


def test_it_cancels_a_delegated_members_queued_repost(official: Any, moderator: Any) -> None:
    req = make_review_request()
    member = f.member()
    do_approve_request(req, actor=moderator)
    assignment = f.assign(req, member)
    (queued,) = queueing.do_queue_member_reposts()
    do_undo_decision(req, actor=moderator)
    queued.refresh_from_db()
    assignment.refresh_from_db()
    assert (queued.status, assignment.status) == (OutboxStatus.CANCELLED, "cancelled")
    row = AuditLog.objects.get(request=req, action="request_decision_undone")
    assert (row.details["cancelled_actions"], row.details["cancelled_assignments"]) == (2, 1)

    # Approved again: another member's planned repost is queued; the cancelled one stays cancelled
    # (the planner never gives the same request to the same member twice).
    do_approve_request(req, actor=moderator)
    other = f.member()
    f.assign(req, other)
    (again,) = queueing.do_queue_member_reposts()
    assert (again.account_id, again.status) == (other.account_id, OutboxStatus.PENDING)
    assert OutboxAction.objects.get(pk=queued.pk).status == OutboxStatus.CANCELLED


def test_it_leaves_nothing_for_a_worker_to_claim(official: Any, moderator: Any) -> None:
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    OutboxAction.objects.filter(request=req).update(not_before=timezone.now() - timedelta(minutes=1))
    do_undo_decision(req, actor=moderator)
    assert claims.do_claim_actions(worker="w1", limit=10) == []


def test_it_shows_the_undoing_in_the_history(client: Any, official: Any, moderator: Any) -> None:
    req = make_review_request()
    do_reject_request(req, actor=moderator, reason="Prestation freelance")
    do_undo_decision(req, actor=moderator)
    client.force_login(moderator)
    html = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    history = html[html.index('class="audit"') :]
    assert "Décision annulée" in history
    assert "<dt>décision</dt><dd>Refusée</dd>" in history
    assert "<dt>remise en</dt><dd>À vérifier</dd>" in history
    assert "Annuler la décision" not in html  # nothing left to undo
    assert f'action="/demandes/{req.pk}/decision/"' in html  # back to deciding


def test_it_writes_an_audit_row_with_what_was_undone(official: Any, moderator: Any) -> None:
    req = make_review_request()  # needs_review
    do_approve_request(req, actor=moderator, reason="profil complet")
    do_undo_decision(req, actor=moderator)
    row = AuditLog.objects.get(request=req, action="request_decision_undone")
    assert (row.actor, row.actor_label) == (moderator, moderator.username)
    assert row.details == {
        "decision": "request_approved",
        "decided_by": moderator.username,
        "decided_at": row.details["decided_at"],
        "reason": "profil complet",
        "status": "approved",
        "restored": "needs_review",
        "cancelled_actions": 1,
        "cancelled_assignments": 0,
    }
    # The history keeps both: the decision, then its undoing.
    actions = list(AuditLog.objects.filter(request=req).values_list("action", flat=True))
    assert actions[-3:] == ["request_approved", "outbox.queued", "request_decision_undone"]


@pytest.mark.parametrize("state", [OutboxStatus.DONE, OutboxStatus.RUNNING])
def test_it_refuses_once_the_repost_is_done_or_running(official: Any, moderator: Any, state: str) -> None:
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    OutboxAction.objects.filter(request=req).update(status=state, attempts=1)
    with pytest.raises(ActionError) as refused:
        do_undo_decision(req, actor=moderator)
    assert str(refused.value) == ALREADY_OUT
    stored = Request.objects.get(pk=req.pk)
    assert stored.status == RequestStatus.APPROVED and stored.decided_by == moderator
    assert _repost(req).status == state
    assert not AuditLog.objects.filter(request=req, action="request_decision_undone").exists()


def test_it_refuses_when_an_attempt_may_have_reached_the_network(official: Any, moderator: Any) -> None:
    # A first attempt failed and waits for its retry: its outcome on the network is not certain.
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    OutboxAction.objects.filter(request=req).update(attempts=1, last_error="timeout")
    with pytest.raises(ActionError, match="déjà parti"):
        do_undo_decision(req, actor=moderator)
    assert _repost(req).status == OutboxStatus.PENDING


def test_it_refuses_once_the_request_was_relayed(moderator: Any) -> None:
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    Request.objects.filter(pk=req.pk).update(status=RequestStatus.RELAYED)
    with pytest.raises(ActionError, match="déjà parti"):
        do_undo_decision(Request.objects.get(pk=req.pk), actor=moderator)


def test_it_cancels_planned_assignments_and_refuses_after_a_members_repost(moderator: Any) -> None:
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    planned = f.assign(req, f.member())
    do_undo_decision(req, actor=moderator)
    planned.refresh_from_db()
    assert planned.status == "cancelled"
    assert (
        AuditLog.objects.get(request=req, action="request_decision_undone").details["cancelled_assignments"]
        == 1
    )

    do_approve_request(req, actor=moderator)
    f.assign(req, f.member(), status="done")
    with pytest.raises(ActionError, match="déjà parti"):
        do_undo_decision(req, actor=moderator)
    assert Assignment.objects.filter(request=req, status="done").count() == 1


def test_it_undoes_a_rejection(moderator: Any) -> None:
    req = make_review_request(status="ineligible", eligible=False, needs_review=False)
    do_reject_request(req, actor=moderator, reason="Demande de stage/alternance")
    do_undo_decision(req, actor=moderator)
    stored = Request.objects.get(pk=req.pk)
    assert (stored.status, stored.decision_reason, stored.decided_at) == ("ineligible", "", None)
    assert awaiting_requests().filter(pk=req.pk).exists()
    row = AuditLog.objects.get(request=req, action="request_decision_undone")
    assert (row.details["decision"], row.details["reason"]) == (
        "request_rejected",
        "Demande de stage/alternance",
    )


def test_it_undoes_a_not_a_request_and_gives_the_machine_verdict_back(moderator: Any) -> None:
    req = make_review_request(category="seeker_request", eligible=True, needs_review=True)
    do_mark_not_request(req, actor=moderator, category="job_offer")
    assert (req.category, req.eligible, req.needs_review) == ("job_offer", False, False)
    do_undo_decision(req, actor=moderator)
    stored = Request.objects.get(pk=req.pk)
    assert (stored.status, stored.category, stored.eligible, stored.needs_review) == (
        "needs_review",
        "seeker_request",
        True,
        True,
    )
    assert stored.decided_at is None and awaiting_requests().filter(pk=req.pk).exists()


def test_it_undoes_an_old_not_a_request_row_without_the_machine_verdict(moderator: Any) -> None:
    # Rows written before the verdict was recorded: it is rebuilt from the status it had.
    req = make_review_request(status="eligible", category="seeker_request", eligible=True, needs_review=False)
    do_mark_not_request(req, actor=moderator, category="freelance")
    row = AuditLog.objects.get(request=req, action="request_marked_not_request")
    details = {
        k: v for k, v in row.details.items() if not k.startswith("machine_") or k == "machine_category"
    }
    AuditLog.objects.filter(pk=row.pk).update(details=details)
    do_undo_decision(req, actor=moderator)
    stored = Request.objects.get(pk=req.pk)
    assert (stored.status, stored.category, stored.eligible, stored.needs_review) == (
        "eligible",
        "seeker_request",
        True,
        False,
    )


def test_it_refuses_when_there_is_no_decision_to_undo(moderator: Any) -> None:
    req = make_review_request()
    with pytest.raises(ActionError) as refused:
        do_undo_decision(req, actor=moderator)
    assert str(refused.value) == NOTHING_TO_UNDO
    do_reject_request(req, actor=moderator, reason="Offre d'emploi (non relayée)")
    do_undo_decision(req, actor=moderator)
    with pytest.raises(ActionError, match="pas de décision"):
        do_undo_decision(req, actor=moderator)  # twice: the first undo already took it back
    do_withdraw_request(req, why="post supprimé")
    with pytest.raises(ActionError, match="pas de décision"):
        do_undo_decision(req, actor=moderator)
    assert AuditLog.objects.filter(request=req, action="request_decision_undone").count() == 1


def test_it_undoes_the_latest_decision_after_a_new_one(moderator: Any) -> None:
    req = make_review_request(status="eligible", needs_review=False)
    do_reject_request(req, actor=moderator, reason="Demande de stage/alternance")
    do_undo_decision(req, actor=moderator)
    do_mark_not_request(req, actor=moderator, category="other")
    do_undo_decision(req, actor=moderator)
    rows = AuditLog.objects.filter(request=req, action="request_decision_undone").order_by("id")
    assert [r.details["decision"] for r in rows] == ["request_rejected", "request_marked_not_request"]
    assert Request.objects.get(pk=req.pk).status == "eligible"


# --------------------------------------------------------------------------- who may undo


def test_it_lets_only_the_decider_or_a_coordinator_undo(
    make_user: Any, moderator: Any, coordinator: Any
) -> None:
    colleague = make_user("moderator", "collegue")
    member = make_user("member", "benevole")
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    for someone in (colleague, member, None):
        with pytest.raises(UndoNotAllowed, match="Seule la personne"):
            do_undo_decision(req, actor=someone)
    assert Request.objects.get(pk=req.pk).status == "approved"
    do_undo_decision(req, actor=coordinator)
    assert Request.objects.get(pk=req.pk).status == "needs_review"
    row = AuditLog.objects.get(request=req, action="request_decision_undone")
    assert (row.actor, row.details["decided_by"]) == (coordinator, moderator.username)


def _undo(client: Any, req: Request, **extra: Any) -> Any:
    return client.post(reverse("undo_decision", args=[req.pk]), **extra)


def test_it_answers_json_to_the_queue_and_checks_roles_on_the_server(
    client: Any, make_user: Any, moderator: Any
) -> None:
    req = make_review_request()
    do_approve_request(req, actor=moderator)

    anonymous = _undo(client, req, **JSON)
    assert anonymous.status_code == 302 and "/connexion/" in anonymous["Location"]
    client.force_login(make_user("member", "benevole"))
    assert _undo(client, req, **JSON).status_code == 403
    client.force_login(make_user("moderator", "collegue"))
    other = _undo(client, req, **JSON)
    assert other.status_code == 403 and "Seule la personne" in other.json()["error"]
    assert Request.objects.get(pk=req.pk).status == "approved"

    client.force_login(moderator)
    response = _undo(client, req, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "ok": True,
        "id": req.pk,
        "status": "needs_review",
        "message": "Décision annulée : la demande est de retour dans la file.",
    }
    again = _undo(client, req, **JSON)
    assert again.status_code == 409 and again.json()["error"] == NOTHING_TO_UNDO
    assert client.get(reverse("undo_decision", args=[req.pk])).status_code == 405


def test_it_redirects_a_plain_form_with_a_message(client: Any, official: Any, moderator: Any) -> None:
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    client.force_login(moderator)
    page = reverse("request_detail", args=[req.pk])
    response = _undo(client, req, data={"next": page}, follow=True)
    assert response.redirect_chain == [(page, 302)]
    assert "Décision annulée" in response.content.decode()
    assert Request.objects.get(pk=req.pk).status == "needs_review"

    do_approve_request(req, actor=moderator)
    OutboxAction.objects.filter(request=req, status="pending").update(status="done", attempts=1)
    refused = _undo(client, req, follow=True)
    assert refused.redirect_chain == [(page, 302)]
    assert ALREADY_OUT in refused.content.decode()


def test_it_shows_the_undo_button_only_while_undo_is_possible(
    client: Any, official: Any, make_user: Any, moderator: Any, coordinator: Any
) -> None:
    req = make_review_request()
    page = reverse("request_detail", args=[req.pk])
    button = "Annuler la décision"
    client.force_login(moderator)
    assert button not in client.get(page).content.decode()  # nothing decided yet
    do_approve_request(req, actor=moderator)
    assert button in client.get(page).content.decode()
    client.force_login(make_user("moderator", "collegue"))
    assert button not in client.get(page).content.decode()  # not theirs: the server would refuse
    client.force_login(coordinator)
    assert button in client.get(page).content.decode()
    OutboxAction.objects.filter(request=req).update(status="running", attempts=1)
    assert button not in client.get(page).content.decode()


def test_it_offers_undo_in_the_queue_through_the_pages_texts(client: Any, moderator: Any) -> None:
    req = make_review_request()
    client.force_login(moderator)
    html = client.get(reverse("dashboard")).content.decode()
    assert f'data-undo-url="{reverse("undo_decision", args=[req.pk])}"' in html
    assert "Annuler <kbd>z</kbd>" in html
    config = json.loads(
        re.search(r'<script id="queue-config" type="application/json">(.*?)</script>', html, re.S)[1]
    )
    assert config["messages"]["undone"] == "Décision annulée : la demande est de retour dans la file."
    assert config["undoOfferSeconds"] > 0


# --------------------------------------------------------------------------- a worker at the same moment


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_it_waits_for_a_worker_claiming_the_repost_and_then_refuses(make_user: Any) -> None:
    """A worker holds the repost row (its claim is under way): the undo waits for it, sees the row
    running, and refuses; it never cancels a repost that is being sent."""
    import threading

    from django.db import connection, transaction

    assert connection.vendor == "postgresql"  # row locks: SQLite serialises writers (see the marker)
    f.always_active()
    f.account(official=True)
    moderator = make_user("moderator", "modo")
    req = make_review_request()
    do_approve_request(req, actor=moderator)
    repost = _repost(req)
    locked, go = threading.Event(), threading.Event()
    outcome: dict[str, Any] = {}

    def worker() -> None:
        try:
            with transaction.atomic():
                OutboxAction.objects.select_for_update().filter(pk=repost.pk).first()
                locked.set()
                go.wait(10)
                OutboxAction.objects.filter(pk=repost.pk).update(status=OutboxStatus.RUNNING, attempts=1)
        finally:
            connection.close()

    def undo() -> None:
        try:
            do_undo_decision(Request.objects.get(pk=req.pk), actor=moderator)
            outcome["result"] = "undone"
        except ActionError as exc:
            outcome["result"] = str(exc)
        finally:
            connection.close()

    w = threading.Thread(target=worker)
    w.start()
    assert locked.wait(10)
    u = threading.Thread(target=undo)
    u.start()
    u.join(0.5)
    assert u.is_alive()  # blocked on the row the worker holds
    go.set()
    w.join(10)
    u.join(10)
    assert outcome["result"] == ALREADY_OUT
    assert _repost(req).status == OutboxStatus.RUNNING
    assert Request.objects.get(pk=req.pk).status == RequestStatus.APPROVED
