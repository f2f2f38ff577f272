"""Outbox actions: idempotent queueing, pacing of official reposts, members' budgets and quiet hours,
withdrawal, retries with backoff, claims and stale leases."""

from __future__ import annotations

import itertools
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.models import (
    Assignment,
    AuditLog,
    CollectiveSettings,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
)
from colibri.relay.outbox import claims, completion, queueing

from . import dispatch_factories as f

pytestmark = pytest.mark.django_db


def _paced(start: str = "08:00", end: str = "21:00", budget: int = 13) -> CollectiveSettings:
    cs = CollectiveSettings.get()
    cs.active_hours_start = time.fromisoformat(start)
    cs.active_hours_end = time.fromisoformat(end)
    cs.official_daily_budget = budget
    cs.save()
    return cs


def test_it_queues_one_row_per_repost_however_often_it_is_asked() -> None:
    acc = f.account()
    req = f.approved_request()
    first, created = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=acc, target_uri=req.post.uri, request=req
    )
    again, created_again = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=acc, target_uri=req.post.uri, request=req
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert OutboxAction.objects.count() == 1
    assert AuditLog.objects.filter(action="outbox.queued").count() == 1


def test_it_paces_official_reposts_oldest_approved_first_over_active_hours(frozen_now: datetime) -> None:
    _paced("08:00", "21:00", budget=13)  # one an hour
    official = f.account(official=True)
    now = f.today_at(7)
    reqs = [f.approved_request(decided_at=now - timedelta(hours=h)) for h in (1, 5, 3)]
    queued = queueing.do_queue_official_reposts(now=now)
    by_request = {a.request_id: a for a in queued}
    order = sorted(reqs, key=lambda r: r.decided_at)  # oldest approved first
    assert [timezone.localtime(by_request[r.pk].not_before).time() for r in order] == [
        time(8),
        time(9),
        time(10),
    ]
    assert all(a.account_id == official.pk and a.payload["role"] == "official" for a in queued)
    assert set(Request.objects.values_list("status", flat=True)) == {"scheduled"}
    # A request approved later goes after the last slot: never two reposts in the same hour.
    late = f.approved_request(decided_at=now)
    (next_one,) = queueing.do_queue_official_reposts(now=now + timedelta(minutes=5))
    assert next_one.request_id == late.pk
    assert timezone.localtime(next_one.not_before).time() == time(11)
    assert queueing.do_queue_official_reposts(now=now) == []


def test_it_moves_official_reposts_beyond_the_daily_budget_to_the_next_day(frozen_now: datetime) -> None:
    _paced("08:00", "20:00", budget=2)
    f.account(official=True)
    now = f.today_at(7)
    for h in (3, 2, 1):
        f.approved_request(decided_at=now - timedelta(hours=h))
    slots = sorted(a.not_before for a in queueing.do_queue_official_reposts(now=now))
    assert slots == [f.today_at(8), f.today_at(14), f.today_at(8, days=1)]


def test_it_queues_delegated_members_reposts_within_budget_and_outside_quiet_hours(
    frozen_now: datetime,
) -> None:
    req1, req2, req3 = (f.approved_request() for _ in range(3))
    busy = f.member(daily_budget=1)
    night_owl = f.member(quiet=("09:00", "12:00"))
    notified = f.member(mode="notified")
    now = f.today_at(8)
    a1 = f.assign(req1, busy, slot=f.today_at(9))
    a2 = f.assign(req2, busy, slot=f.today_at(10))  # over this member's budget of 1 a day
    a3 = f.assign(req3, night_owl, slot=f.today_at(10))  # in quiet hours: moved to 12:00
    f.assign(req1, notified, slot=f.today_at(9))  # reposts by hand: nothing queued
    queued = {a.payload["assignment_id"]: a for a in queueing.do_queue_member_reposts(now=now)}
    assert set(queued) == {a1.pk, a3.pk}
    assert queued[a1.pk].not_before == f.today_at(9)
    assert queued[a3.pk].not_before == f.today_at(12)
    assert queued[a3.pk].account_id == night_owl.account_id
    assert Assignment.objects.get(pk=a2.pk).status == "skipped"
    assert queueing.do_queue_member_reposts(now=now) == []


def test_it_undoes_a_repost_whose_retry_was_cancelled_by_a_withdrawal() -> None:
    acc = f.account()
    req = f.approved_request()
    done, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=acc, target_uri=req.post.uri, request=req
    )
    OutboxAction.objects.filter(pk=done.pk).update(status=OutboxStatus.DONE, attempts=1, result_id="r1")
    other = f.account()
    # A retry waiting after a timeout: its first attempt may have reached the network.
    retry, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=other, target_uri=req.post.uri, request=req
    )
    OutboxAction.objects.filter(pk=retry.pk).update(attempts=1, payload={"uncertain": True})
    never, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=f.account(), target_uri=req.post.uri, request=req
    )
    do_withdraw_request(req, why="post supprimé")
    queueing.do_queue_missing_undos()
    undos = OutboxAction.objects.filter(kind=OutboxKind.UNDO_REPOST)
    assert {u.payload["repost_action"] for u in undos} == {done.pk, retry.pk}
    assert OutboxAction.objects.get(pk=never.pk).status == "cancelled"
    # Asking again adds nothing: one undo per repost.
    assert queueing.do_queue_missing_undos() == []
    assert queueing.do_queue_withdrawal(req, reason="again") == []


def test_it_backs_off_exponentially_and_honours_retry_after() -> None:
    delays = [completion.backoff_delay(n, base=10, cap=300, retry_after=None, key=7) for n in range(1, 8)]
    assert all(b == pytest.approx(2 * a) for a, b in itertools.pairwise(delays[:5]))
    assert delays[-1] == delays[-2] <= 300  # capped
    assert completion.backoff_delay(1, base=10, cap=300, retry_after=120, key=7) == 120


def _claimed(acc_uri: str = "at://x/app.bsky.feed.post/1", worker: str = "w") -> OutboxAction:
    action, _ = queueing.do_queue_action(kind=OutboxKind.REPOST, account=f.account(), target_uri=acc_uri)
    (claimed,) = claims.do_claim_actions(worker=worker, limit=1)
    assert claimed.pk == action.pk
    return claimed


def test_it_retries_then_fails_visibly_with_the_reason() -> None:
    action = _claimed()
    status = completion.do_fail_action(
        action.pk, worker="w", error="HTTP 500", retry=True, max_attempts=2, backoff_base=60
    )
    row = OutboxAction.objects.get(pk=action.pk)
    assert status == "pending" and row.claimed_by is None
    assert row.not_before > timezone.now() + timedelta(seconds=25)
    assert row.payload["uncertain"] is True
    OutboxAction.objects.filter(pk=action.pk).update(not_before=timezone.now())
    (again,) = claims.do_claim_actions(worker="w", limit=1)
    assert again.attempts == 2
    assert (
        completion.do_fail_action(action.pk, worker="w", error="HTTP 500", retry=True, max_attempts=2)
        == "failed"
    )
    row = OutboxAction.objects.get(pk=action.pk)
    assert row.status == "failed" and "HTTP 500" in row.last_error and "2 essais" in row.last_error
    assert AuditLog.objects.filter(action="outbox.failed", details__outbox_id=action.pk).exists()


def test_it_fails_at_once_on_a_permanent_error() -> None:
    action = _claimed()
    assert completion.do_fail_action(action.pk, worker="w", error="post deleted", retry=False) == "failed"
    assert OutboxAction.objects.get(pk=action.pk).last_error == "post deleted"


def test_it_never_gives_one_row_to_two_workers() -> None:
    acc = f.account()
    for i in range(7):
        queueing.do_queue_action(
            kind=OutboxKind.REPOST, account=acc, target_uri=f"at://x/app.bsky.feed.post/{i}"
        )
    later, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST,
        account=acc,
        target_uri="at://x/app.bsky.feed.post/later",
        not_before=timezone.now() + timedelta(hours=1),
    )
    a = claims.do_claim_actions(worker="a", limit=4)
    b = claims.do_claim_actions(worker="b", limit=4)
    c = claims.do_claim_actions(worker="c", limit=4)
    assert len(a) == 4 and len(b) == 3 and c == []
    assert not {x.pk for x in a} & {x.pk for x in b}
    assert later.pk not in {x.pk for x in a + b}
    # Completion is fenced on the claim: b cannot complete a's row.
    assert not completion.do_complete_action(a[0].pk, worker="b", result_id="x")
    assert completion.do_complete_action(a[0].pk, worker="a", result_id="x")


def test_it_reclaims_rows_of_a_dead_worker_as_uncertain() -> None:
    stale = _claimed("at://x/app.bsky.feed.post/1", worker="dead")
    fresh = _claimed("at://x/app.bsky.feed.post/2", worker="alive")
    OutboxAction.objects.filter(pk=stale.pk).update(claimed_at=timezone.now() - timedelta(minutes=10))
    assert claims.do_reclaim_stale_actions(lease_seconds=300) == 1
    row = OutboxAction.objects.get(pk=stale.pk)
    assert row.status == "pending" and row.claimed_by is None and row.payload["uncertain"] is True
    assert OutboxAction.objects.get(pk=fresh.pk).status == "running"
    # The dead worker's late completion is refused.
    assert not completion.do_complete_action(stale.pk, worker="dead", result_id="late")


def test_it_queues_the_official_repost_with_the_approval_itself() -> None:
    from colibri.relay.actions.base import ActionError
    from colibri.relay.actions.decisions import do_approve_request

    _paced("00:00", "23:59", budget=20)
    official = f.account(official=True)
    req = f.approved_request(status="needs_review")
    approved = do_approve_request(req, actor=None)
    (action,) = OutboxAction.objects.filter(request=req)
    assert (action.kind, action.account_id, action.payload["role"]) == ("repost", official.pk, "official")
    assert approved.status == "approved"  # stays approved (moderation views unchanged) until reposted
    with pytest.raises(ActionError):
        do_approve_request(req, actor=None)  # already decided: nothing more is queued
    assert OutboxAction.objects.filter(request=req).count() == 1
    assert queueing.do_queue_official_reposts() == []


def test_it_lets_a_coordinator_retry_a_failed_action() -> None:
    action = _claimed()
    completion.do_fail_action(action.pk, worker="w", error="compte suspendu", retry=False)
    assert not completion.do_retry_failed_action(
        _claimed("at://x/app.bsky.feed.post/9").pk, actor_label="coord"
    )
    assert completion.do_retry_failed_action(action.pk, actor_label="coord")
    row = OutboxAction.objects.get(pk=action.pk)
    assert row.status == "pending" and row.claimed_by is None and row.done_at is None
    (again,) = claims.do_claim_actions(worker="w2", limit=5)
    assert again.pk == action.pk
    assert AuditLog.objects.filter(action="outbox.retry_requested", actor_label="coord").count() == 1
