"""Decisions on requests: one decision each, an audit row for every action."""

from __future__ import annotations

import pytest

from colibri.relay.actions.base import ActionError
from colibri.relay.actions.decisions import do_approve_request, do_mark_not_request, do_reject_request
from colibri.relay.actions.outcomes import do_record_outcome
from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.models import AuditLog, Outcome, Request, RequestStatus

pytestmark = pytest.mark.django_db


def test_it_approves_an_open_request_and_records_who_and_when(make_request, moderator) -> None:
    r = make_request()
    returned = do_approve_request(r, actor=moderator, reason="profil complet")
    stored = Request.objects.get(pk=r.pk)
    assert stored.status == RequestStatus.APPROVED == returned.status == r.status
    assert stored.decided_by == moderator and stored.decided_at is not None
    assert stored.decision_reason == "profil complet"
    row = AuditLog.objects.get(request=r, action="request_approved")
    assert row.actor == moderator and row.actor_label == moderator.username
    assert row.details["reason"] == "profil complet"


@pytest.mark.parametrize("second", ["approve", "reject", "not_request"])
def test_it_refuses_a_second_decision(make_request, moderator, second) -> None:
    r = make_request()
    stale = Request.objects.get(pk=r.pk)  # what another moderator's screen still shows
    do_approve_request(r, actor=moderator)
    with pytest.raises(ActionError):
        if second == "approve":
            do_approve_request(stale, actor=moderator)
        elif second == "reject":
            do_reject_request(stale, actor=moderator, reason="Offre d'emploi (non relayée)")
        else:
            do_mark_not_request(stale, actor=moderator, category="job_offer")
    assert Request.objects.get(pk=r.pk).status == RequestStatus.APPROVED
    assert (
        AuditLog.objects.filter(request=r, action__startswith="request_")
        .exclude(action="request_detected")
        .count()
        == 1
    )


def test_it_rejects_with_a_reason_and_requires_one(make_request, moderator) -> None:
    r = make_request()
    with pytest.raises(ActionError):
        do_reject_request(r, actor=moderator, reason="  ")
    assert Request.objects.get(pk=r.pk).status != RequestStatus.REJECTED
    do_reject_request(r, actor=moderator, reason="Demande de stage/alternance")
    stored = Request.objects.get(pk=r.pk)
    assert stored.status == RequestStatus.REJECTED and stored.decision_reason == "Demande de stage/alternance"
    assert AuditLog.objects.filter(request=r, action="request_rejected", actor=moderator).count() == 1


def test_it_marks_a_post_as_not_a_request_and_keeps_the_machine_verdict(make_request, moderator) -> None:
    r = make_request()
    machine = r.category
    do_mark_not_request(r, actor=moderator, category="job_offer")
    stored = Request.objects.get(pk=r.pk)
    assert stored.category == "job_offer" and not stored.eligible
    assert stored.status == RequestStatus.REJECTED
    row = AuditLog.objects.get(request=r, action="request_marked_not_request")
    assert row.details["machine_category"] == machine and row.details["category"] == "job_offer"


@pytest.mark.parametrize("category", ["seeker_request", "nonsense", ""])
def test_it_refuses_an_invalid_not_request_category(make_request, moderator, category) -> None:
    r = make_request()
    with pytest.raises(ActionError):
        do_mark_not_request(r, actor=moderator, category=category)
    assert Request.objects.get(pk=r.pk).status == r.status


def test_it_withdraws_once_and_then_refuses_decisions(make_request, moderator) -> None:
    r = make_request()
    do_withdraw_request(r, actor=moderator, why="la personne a trouvé")
    do_withdraw_request(r, actor=moderator, why="encore")
    assert Request.objects.get(pk=r.pk).status == RequestStatus.WITHDRAWN
    assert AuditLog.objects.filter(request=r, action="request_withdrawn").count() == 1
    with pytest.raises(ActionError):
        do_approve_request(r, actor=moderator)


def test_it_records_an_outcome(make_request, moderator) -> None:
    r = make_request()
    do_approve_request(r, actor=moderator)
    outcome = do_record_outcome(r, status="hired", source="reply")
    stored = Request.objects.get(pk=r.pk)
    assert stored.outcome == "hired" and stored.status == RequestStatus.OUTCOME and stored.outcome_at
    assert Outcome.objects.get(pk=outcome.pk).source == "reply"
    assert AuditLog.objects.filter(request=r, action="outcome_recorded").count() == 1


def test_it_withdraws_the_request_when_the_outcome_is_withdrawn(make_request) -> None:
    r = make_request()
    do_record_outcome(r, status="withdrawn", source="dm")
    stored = Request.objects.get(pk=r.pk)
    assert stored.status == RequestStatus.WITHDRAWN and stored.outcome == "withdrawn"
    assert AuditLog.objects.filter(request=r, action="request_withdrawn").count() == 1


def test_it_refuses_an_unknown_outcome(make_request) -> None:
    r = make_request()
    with pytest.raises(ActionError):
        do_record_outcome(r, status="rich", source="dm")
    assert not Outcome.objects.exists()
