"""Periodic jobs: each enqueued at most once per period (unique (job, period) row), replan only once
the active hours begin, audiences refreshed for active members (and the official account) through the
official account."""

from __future__ import annotations

import sys
from datetime import datetime, time, timedelta
from typing import Any, ClassVar

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from colibri.networks.base import Author, Network, NetworkError, Page, PostEngagement
from colibri.relay.models import Audience, AuditLog, EngagementSnapshot, MemberStatus
from colibri.scheduling import jobs as scheduling
from colibri.scheduling.models import PeriodicRun
from tests import clock

from . import dispatch_factories as f

pytestmark = pytest.mark.django_db


# A Monday, so day 0..6 stay in one ISO week and day 7 starts the next.
MONDAY = clock.TODAY - timedelta(days=clock.TODAY.weekday())
NEXT_WEEK = "{}-W{:02d}".format(*(MONDAY + timedelta(days=7)).isocalendar()[:2])


def _local(day: int, hour: int) -> datetime:
    return clock.local(MONDAY + timedelta(days=day), hour, 5)


def _enqueued_paths() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_it_enqueues_each_job_once_per_period(monkeypatch: pytest.MonkeyPatch) -> None:
    # The five-minute sweep for lost triage tasks has its own test (test_triage_stragglers.py).
    every = scheduling.jobs()
    monkeypatch.setattr(scheduling, "jobs", lambda: [j for j in every if j.name != "triage_stragglers"])
    first = scheduling.enqueue_due_jobs(_local(0, 9))
    assert {e.split("@")[0] for e in first} == {
        "replan",
        "audiences",
        "snapshots",
        "retention",
        "housekeeping",
        "infographics",
        "followup",
        "member_pauses",
    }
    assert scheduling.enqueue_due_jobs(_local(0, 9)) == []  # same hour: nothing new
    assert DBTaskResult.objects.count() == 8

    assert scheduling.enqueue_due_jobs(_local(0, 10)) == [f"snapshots@{MONDAY}T10:00"]
    assert scheduling.enqueue_due_jobs(_local(0, 10) + timedelta(minutes=9)) == []  # 10:14: same quarter
    assert scheduling.enqueue_due_jobs(_local(0, 10) + timedelta(minutes=10)) == [f"snapshots@{MONDAY}T10:15"]
    next_day = scheduling.enqueue_due_jobs(_local(1, 9))
    assert sorted(e.split("@")[0] for e in next_day) == [
        "followup",
        "housekeeping",
        "member_pauses",
        "replan",
        "retention",
        "snapshots",
    ]
    next_week = scheduling.enqueue_due_jobs(_local(7, 9))
    assert f"audiences@{NEXT_WEEK}" in next_week
    assert PeriodicRun.objects.filter(job="audiences").count() == 2
    assert DBTaskResult.objects.count() == 8 + 2 + 6 + 7  # infographics: once per month
    assert AuditLog.objects.filter(action="periodic.enqueue").count() == DBTaskResult.objects.count()


def test_it_replans_only_once_the_active_hours_begin() -> None:
    cs = f.always_active()
    cs.active_hours_start = time(8, 30)
    cs.save()
    early = scheduling.enqueue_due_jobs(_local(0, 7))
    assert not any(e.startswith("replan@") for e in early)
    assert f"replan@{MONDAY}" in scheduling.enqueue_due_jobs(_local(0, 9))
    replans = [p for p in _enqueued_paths() if p.endswith("replan_today")]
    assert len(replans) == 1


def test_it_lets_only_one_of_two_racing_schedulers_enqueue_a_period() -> None:
    # Both schedulers read "not done yet" before either wrote: the unique row decides.
    job = next(j for j in scheduling.jobs() if j.name == "snapshots")
    assert scheduling.do_claim_periodic_run(job, f"{MONDAY}T10") is True
    assert scheduling.do_claim_periodic_run(job, f"{MONDAY}T10") is False
    assert DBTaskResult.objects.count() == 1
    run = PeriodicRun.objects.get()
    assert run.task_id == str(DBTaskResult.objects.get().id)


class Followers(Network):
    """Followers in pages of 2; one member's list cannot be read."""

    name = "bluesky"
    calls: ClassVar[list[tuple[str, str | None]]] = []

    def __init__(self, lists: dict[str, list[str]]):
        self.lists = lists

    def stream(self, cursor: str | None = None) -> Any:
        raise NotImplementedError

    def followers(self, actor: str, cursor: str | None = None, limit: int = 100) -> Page:
        Followers.calls.append((actor, cursor))
        if actor not in self.lists:
            raise NetworkError("blocked", retry=False)
        start = int(cursor or 0)
        ids = self.lists[actor][start : start + 2]
        more = start + 2 < len(self.lists[actor])
        return Page(items=[Author(id=i, handle=i) for i in ids], cursor=str(start + 2) if more else None)


def test_it_refreshes_the_audiences_of_active_members_and_the_official_account(monkeypatch: Any) -> None:
    official = f.account(official=True, did="did:plc:official")
    active = f.member(did="did:plc:active")
    paused = f.member(did="did:plc:paused")
    paused.status = MemberStatus.PAUSED
    paused.save()
    unreadable = f.member(did="did:plc:unreadable")
    fake = Followers(
        {
            "did:plc:active": ["did:plc:x1", "did:plc:x2", "did:plc:x3"],
            "did:plc:paused": ["x"],
            # The official account's followers: who may get advice and check-ins by direct message.
            "did:plc:official": ["did:plc:seeker"],
        }
    )
    used: list[Any] = []

    def factory(account: Any) -> Network:
        used.append(account)
        return fake

    monkeypatch.setattr("colibri.relay.dispatch.default_adapter_factory", lambda: factory)
    Followers.calls = []
    assert scheduling.refresh_audiences.call() == 2
    assert used == [official]
    sizes = dict(Audience.objects.values_list("account_id", "size"))
    assert sizes == {active.account_id: 3, official.pk: 1}
    assert [c for c in Followers.calls if c[0] == "did:plc:active"] == [
        ("did:plc:active", None),
        ("did:plc:active", "2"),
    ]
    assert ("did:plc:paused", None) not in Followers.calls
    assert ("did:plc:unreadable", None) in Followers.calls
    assert unreadable.account_id not in sizes
    audience = Audience.objects.get(account_id=active.account_id)
    assert timedelta(0) <= timezone.now() - audience.refreshed_at < timedelta(minutes=1)


RACER = """
import json, sys, time
from datetime import datetime, timedelta
from django.utils import timezone
from colibri.scheduling.jobs import enqueue_due_jobs
start = datetime({year}, {month}, {day}, 0, 5, tzinfo=timezone.get_current_timezone())
# The start line is on the machine-wide monotonic clock: the test's own clock may be moved (the
# test command's shifted pass) while these child processes run on the real one.
while time.monotonic() < {go}:
    time.sleep(0.005)
done = []
for hour in range(48):
    done += enqueue_due_jobs(start + timedelta(hours=hour))
print(json.dumps(done))
"""


def test_it_enqueues_each_period_once_with_two_schedulers_racing(isolated_env: Any) -> None:
    import json
    import subprocess
    import time as systime

    isolated_env.migrate()
    script = "from colibri.django_setup import setup_django; setup_django()\n" + RACER.format(
        go=systime.monotonic() + 4, year=MONDAY.year, month=MONDAY.month, day=MONDAY.day
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            env=isolated_env.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in (1, 2)
    ]
    claimed: list[str] = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        claimed += json.loads(out.strip().splitlines()[-1])
    # 48 hours from Monday 00:05: 48 snapshots, 2 days of replan, retention, housekeeping, member pauses
    # and follow-up, 1 week of audiences, 1 month of infographics, and 48 sweeps for lost triage tasks
    # (every five minutes: each hourly step is a new period).
    assert len(claimed) == len(set(claimed)) == 48 + 2 + 2 + 2 + 2 + 2 + 1 + 1 + 48
    rows = isolated_env.sql("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult")
    assert rows == [(108,)]


class Engaged(Network):
    """Every post has the same engagement; reads are counted."""

    name = "bluesky"
    reads: ClassVar[int] = 0

    def stream(self, cursor: str | None = None) -> Any:
        raise NotImplementedError

    def reposted_by(self, uri: str, cursor: str | None = None) -> Page:
        Engaged.reads += 1
        return Page(items=[Author(id="did:plc:fan", handle="fan.test")], cursor=None)

    def get_post_engagement(self, uri: str) -> PostEngagement:
        return PostEngagement(reposts=1, likes=4)


def test_it_snapshots_a_freshly_relayed_request_at_the_next_run_then_about_hourly(monkeypatch: Any) -> None:
    """The snapshots job is the one owner of engagement snapshots (dispatch workers take none): every
    quarter hour it measures what was relayed since, and each request again about an hour later."""
    official = f.account(official=True)
    made: list[Any] = []
    monkeypatch.setattr(
        "colibri.relay.dispatch.default_adapter_factory",
        lambda: lambda account: made.append(account) or Engaged(),
    )
    first = f.approved_request(status="relayed")
    assert scheduling.take_snapshots.call() == 1
    assert scheduling.take_snapshots.call() == 0  # the next quarter: measured a moment ago
    second = f.approved_request(status="relayed")  # relayed since the last run
    Engaged.reads = 0
    assert scheduling.take_snapshots.call() == 1
    assert Engaged.reads == 1 and EngagementSnapshot.objects.filter(request=second).count() == 1
    # 50 minutes later (the fourth quarter after, the scheduler a bit late): both are measured again.
    EngagementSnapshot.objects.update(taken_at=timezone.now() - scheduling.SNAPSHOT_EVERY)
    assert scheduling.take_snapshots.call() == 2
    assert EngagementSnapshot.objects.filter(request=first).count() == 2
    # One adapter per official account and run, not one per request (building one may log in), and none
    # for the run that had nothing to measure.
    assert made == [official] * 3


def test_it_prunes_old_periodic_runs_and_finished_task_results_only() -> None:
    now = timezone.now()
    scheduling.enqueue_due_jobs(_local(0, 9))
    runs = list(PeriodicRun.objects.order_by("pk"))
    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert len(runs) == len(results) == 9  # eight jobs and the five-minute triage sweep
    old = now - timedelta(days=15)
    # Two old runs; one old finished result, one old result still waiting, one recent finished result.
    PeriodicRun.objects.filter(pk__in=[runs[0].pk, runs[1].pk]).update(enqueued_at=old)
    DBTaskResult.objects.filter(pk=results[0].pk).update(status="SUCCESSFUL", finished_at=old)
    DBTaskResult.objects.filter(pk=results[1].pk).update(enqueued_at=old)
    DBTaskResult.objects.filter(pk=results[2].pk).update(status="FAILED", finished_at=now - timedelta(days=2))

    pruned = scheduling.prune_bookkeeping.call()

    assert pruned == {"periodic_runs": 2, "task_results": 1}
    assert set(PeriodicRun.objects.values_list("pk", flat=True)) == {r.pk for r in runs[2:]}
    assert not DBTaskResult.objects.filter(pk=results[0].pk).exists()
    assert DBTaskResult.objects.filter(pk__in=[r.pk for r in results[1:]]).count() == 8
