"""Today's plan written from the DB: budgets, preferences, quiet hours, kept assignments, swaps, reach."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pyroaring import BitMap

from colibri.core.planner import PlanConfig, PlanMember, PlanRequest
from colibri.core.reach import recompute
from colibri.relay.actions.base import ActionError
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    AuditLog,
    Member,
    MemberStatus,
    OutboxAction,
    OutboxKind,
)
from colibri.relay.planning import loading
from colibri.relay.planning.apply import PlanSummary, do_apply_plan
from colibri.relay.planning.edits import do_lock_assignment, do_swap_assignment, do_unlock_assignment
from colibri.relay.planning.report import PlannedPair, day_report
from colibri.tracking.actions import do_store_audience

from . import planning_factories as pf

pytestmark = pytest.mark.django_db


def apply(**kwargs: Any) -> PlanSummary:
    return do_apply_plan(actor=None, day=pf.DAY, now=kwargs.pop("now", pf.at(8)), **kwargs)


def day_rows() -> list[Assignment]:
    return list(
        Assignment.objects.filter(slot_start__date__gte=pf.DAY)
        .select_related("member__account", "request")
        .order_by("id")
    )


def test_it_writes_a_plan_that_respects_budgets_and_preferences() -> None:
    c = pf.collective()
    summary = apply()
    rows = day_rows()
    assert summary.created == len(rows) > 0
    per_member: dict[str, int] = {}
    for a in rows:
        handle = a.member.account.handle
        per_member[handle] = per_member.get(handle, 0) + 1
        assert a.status == AssignmentStatus.PLANNED and not a.locked
        assert a.explanation  # the planner's French reason is stored
        assert pf.at(8) <= a.slot_start < pf.at(21)
        if handle == "bob.test":
            assert a.request.region == "Bretagne"
        if handle == "chloe.test":
            assert a.request.rome_code.startswith("M")
    for handle, n in per_member.items():
        assert n <= c.members[handle].daily_budget
    assert "zoe.test" not in per_member  # no budget today
    # Every request got somebody (oldest first fairness), and one audit row says what was done.
    assert {a.request_id for a in rows} == {r.pk for r in c.requests}
    audit = AuditLog.objects.filter(action="plan.applied").get()
    assert audit.details["created"] == summary.created and audit.details["day"] == pf.DAY.isoformat()


def test_it_honours_weekly_budget_and_quiet_hours() -> None:
    r = pf.request()
    tired = pf.member("tired.test", audience=pf.followers("t", 0, 100), daily=3, weekly=2)
    monday = pf.DAY - timedelta(days=1)
    assert monday.weekday() == 0
    for req in (pf.request(waited_days=5), pf.request(waited_days=6)):  # the week's budget, spent on Monday
        Assignment.objects.create(request=req, member=tired, slot_start=pf.at(10, day=monday), status="done")
    sleepy = pf.member("sleepy.test", audience=pf.followers("s", 0, 100), quiet=("07:00", "23:00"))
    awake = pf.member("awake.test", audience=pf.followers("w", 0, 100))
    shy = pf.member("shy.test", audience=pf.followers("y", 0, 100))  # #i4emploi in bio, never opted in
    paused = pf.member("paused.test", audience=pf.followers("p", 0, 100))
    Member.objects.filter(pk=shy.pk).update(opted_in_at=None)
    Member.objects.filter(pk=paused.pk).update(status=MemberStatus.PAUSED)
    apply()
    planned = {
        a.member_id for a in day_rows() if a.status == AssignmentStatus.PLANNED and a.slot_start >= pf.at(0)
    }
    assert awake.pk in planned
    assert not {tired.pk, sleepy.pk, shy.pk, paused.pk} & planned
    assert Assignment.objects.filter(request=r, member=awake).exists()


def test_it_keeps_locked_and_done_assignments_when_replanning() -> None:
    pf.collective()
    apply()
    first = day_rows()
    locked, done = first[0], first[1]
    do_lock_assignment(locked, actor=None)
    Assignment.objects.filter(pk=done.pk).update(status=AssignmentStatus.DONE)
    others = {a.pk for a in first[2:]}
    assert others
    summary = apply()
    after = {a.pk: a for a in day_rows()}
    assert locked.pk in after and after[locked.pk].locked and after[locked.pk].member_id == locked.member_id
    assert after[done.pk].status == AssignmentStatus.DONE
    assert not others & set(after)  # every unlocked planned one was replaced
    assert summary.kept == 2 and summary.removed == len(others) and summary.created == len(after) - 2
    # The kept ones still use their member's budget: nobody goes over it counting them.
    for a in after.values():
        assert sum(1 for b in after.values() if b.member_id == a.member_id) <= a.member.daily_budget


def test_it_keeps_assignments_whose_slot_has_passed() -> None:
    pf.collective()
    pf.member("late.test", audience=pf.followers("late", 0, 90))
    apply()
    first = {a.pk for a in day_rows()}
    summary = apply(now=pf.at(12))
    after = day_rows()
    assert first <= {a.pk for a in after}  # all due before noon: maybe announced, kept
    assert summary.removed == 0 and summary.kept == len(first)
    assert all(a.slot_start >= pf.at(12) for a in after if a.pk not in first)


def test_it_keeps_assignments_dispatch_already_queued() -> None:
    c = pf.collective()
    apply()
    a = day_rows()[0]
    OutboxAction.objects.create(
        kind=OutboxKind.REPOST,
        network="bluesky",
        account=a.member.account,
        request=a.request,
        target_uri=a.request.post.uri,
        idempotency_key=f"test:{a.pk}",
    )
    apply(now=pf.at(9))
    assert Assignment.objects.filter(pk=a.pk, status=AssignmentStatus.PLANNED).exists()
    assert len(c.requests) == 3


def test_it_unlocks_and_then_replaces_on_replan() -> None:
    pf.collective()
    apply()
    a = day_rows()[0]
    do_lock_assignment(a, actor=None)
    do_unlock_assignment(a, actor=None)
    apply()
    assert not Assignment.objects.filter(pk=a.pk).exists()
    assert AuditLog.objects.filter(action__in=["assignment.locked", "assignment.unlocked"]).count() == 2


def test_it_refuses_a_swap_over_budget_in_french() -> None:
    c = pf.collective()
    apply()
    rows = day_rows()
    alice = c.members["alice.test"]  # daily budget 1, used by the plan
    assert any(a.member_id == alice.pk for a in rows)
    target = next(a for a in rows if a.member_id != alice.pk and a.request.region == "Auvergne-Rhône-Alpes")
    with pytest.raises(ActionError, match="budget du jour"):
        do_swap_assignment(target, member=alice, actor=None)
    assert Assignment.objects.get(pk=target.pk).member_id == target.member_id


def test_it_refuses_a_swap_against_preferences_and_quiet_hours() -> None:
    c = pf.collective()
    apply()
    lyon = next(a for a in day_rows() if a.request.region == "Auvergne-Rhône-Alpes")
    with pytest.raises(ActionError, match="ne relaie que"):
        do_swap_assignment(lyon, member=c.members["bob.test"], actor=None)
    night = pf.member("night.test", audience=pf.followers("n", 0, 10), quiet=("00:00", "23:59"))
    with pytest.raises(ActionError, match="heures calmes"):
        do_swap_assignment(lyon, member=night, actor=None)


def test_it_swaps_locks_and_recomputes_reach() -> None:
    pf.collective()
    apply()
    a = day_rows()[0]
    fresh = pf.member("fresh.test", audience=pf.followers("x", 0, 77))
    done = do_swap_assignment(a, member=fresh, actor=None)
    assert done.member_id == fresh.pk and done.locked
    assert "remplace @" in done.explanation
    assert done.reach_added == 77  # nobody else has these followers
    assert AuditLog.objects.filter(action="assignment.swapped", details__new_member="fresh.test").exists()
    apply()  # the swap survives a re-plan
    assert Assignment.objects.get(pk=a.pk).member_id == fresh.pk


def test_it_shows_the_reach_that_reach_py_recomputes_from_scratch() -> None:
    c = pf.collective()
    summary = apply()
    report = day_report(pf.DAY)
    # Independent input: follower strings interned here, not the DB's follower ids.
    index: dict[str, int] = {}

    def bm(ids: list[str]) -> BitMap:
        return BitMap(index.setdefault(x, len(index)) for x in ids)

    members = [
        PlanMember(
            id=str(m.pk),
            audience=bm(c.audiences[h]) if h in c.audiences else None,
            follower_count=m.account.followers_count or 0,
        )
        for h, m in c.members.items()
    ]
    requests = [PlanRequest(id=str(r.pk), waiting_since=r.created_at) for r in c.requests]
    rows = day_rows()
    pairs = [PlannedPair(str(a.request_id), str(a.member_id), k, 2) for k, a in enumerate(rows)]
    population = loading.population_for(members)
    config = PlanConfig(now=pf.at(8), exposure_cap=3, population=population)
    expected = recompute(pairs, requests, members, config)
    shown = {line.request.pk: line.reach for line in report.requests}
    assert shown == {int(rid): rr.reach for rid, rr in expected.by_request.items() if rr.members}
    assert shown == {rid: n for rid, n in summary.reach_by_request.items() if n or rid in shown}
    assert report.total_reach == expected.total_reach == summary.total_reach > 0
    assert (
        round(report.total_estimated) == round(expected.total_estimated) == round(summary.total_estimated) > 0
    )


def test_it_plans_with_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    pf.collective()
    apply()
    import django.db

    with django.test.utils.CaptureQueriesContext(django.db.connection) as small:
        apply()
    for i in range(12):
        pf.member(f"more{i}.test", audience=pf.followers(f"m{i}-", 0, 40))
        pf.request(waited_days=1)
    with django.test.utils.CaptureQueriesContext(django.db.connection) as big:
        summary = apply()
    assert summary.created > 10
    assert len(big.captured_queries) == len(small.captured_queries)


def test_it_keeps_an_assignment_dispatch_queues_while_planning(monkeypatch: pytest.MonkeyPatch) -> None:
    pf.collective()
    apply()
    real = loading.load_day
    raced: list[Assignment] = []

    def load_then_dispatch(*args: Any, **kwargs: Any) -> loading.DayInput:
        data = real(*args, **kwargs)
        a = Assignment.objects.select_related("member__account", "request__post").get(pk=data.replaced[0])
        OutboxAction.objects.create(  # dispatch queues this repost between our read and our delete
            kind=OutboxKind.REPOST,
            network="bluesky",
            account=a.member.account,
            request=a.request,
            target_uri=a.request.post.uri,
            idempotency_key=f"race:{a.pk}",
        )
        raced.append(a)
        return data

    monkeypatch.setattr(loading, "load_day", load_then_dispatch)
    summary = apply()
    assert Assignment.objects.filter(pk=raced[0].pk, status=AssignmentStatus.PLANNED).exists()
    assert summary.kept == 1
    pairs = list(Assignment.objects.values_list("request_id", "member_id"))
    assert len(pairs) == len(set(pairs))


def test_it_does_not_count_followers_who_saw_the_post_already() -> None:
    c = pf.collective()
    official = pf.account("officiel.test", official=True)
    do_store_audience(official, c.audiences["alice.test"])  # the official repost reaches them first
    seeker = c.requests[0].post.author
    do_store_audience(seeker, c.audiences["dan.test"])  # the seeker's own network saw the post
    apply()
    rows = day_rows()
    assert not any(a.member_id == c.members["alice.test"].pk for a in rows)  # adds nobody new
    assert not any(a.member_id == c.members["dan.test"].pk and a.request_id == c.requests[0].pk for a in rows)
    assert any(a.member_id == c.members["dan.test"].pk for a in rows)  # still useful for the others
