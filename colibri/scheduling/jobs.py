"""The periodic jobs of the collective and the scheduler that enqueues them on `django.tasks`.

django.tasks has no scheduler, so every `colibri worker` runs this one in a thread. Each job has a
*period key* (a local day, an ISO week, a quarter hour): a job is enqueued when its period has no
`PeriodicRun` row yet, and the row and the task are written in one transaction. The unique
(job, period) constraint makes the second of two racing workers fail its insert, so a job is enqueued
at most once per period even with several workers.
"""

from __future__ import annotations

import logging
import threading
import time as systime
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from colibri.followup.tasks import ask_check_ins
from colibri.members.tasks import resume_paused_members
from colibri.networks.base import NetworkError

# `dispatch.default_adapter_factory` is looked up at each run (tests replace it).
from colibri.relay import audit, dispatch
from colibri.relay.days import as_time
from colibri.relay.models import CollectiveSettings, MemberStatus, NetworkAccount
from colibri.relay.tasks import erase_expired_requests, replan_today, triage_stragglers
from colibri.stats.tasks import render_monthly_infographics
from colibri.tracking.collect import OfficialAdapters, refresh_audience, track_requests

from .models import PeriodicRun

logger = logging.getLogger(__name__)

SNAPSHOT_WINDOW = timedelta(days=7)
# The snapshots job runs every quarter hour; each request is measured at the first run after it was
# relayed (never measured yet), then about hourly: at the first run at least this long after its last
# snapshot (under an hour, so the scheduler's few minutes of lateness do not push it to the next quarter).
SNAPSHOT_EVERY = timedelta(minutes=50)


# --------------------------------------------------------------------------- tasks


@task()
def take_snapshots() -> int:
    """Engagement snapshots of the requests relayed in the last 7 days (read through official accounts).

    The only place snapshots are taken on a schedule (dispatch workers do not): enqueued once per
    quarter hour whatever the number of workers, it measures the requests relayed since the last run
    and those last measured about an hour ago."""
    return track_requests(
        dispatch.default_adapter_factory(), window=SNAPSHOT_WINDOW, min_interval=SNAPSHOT_EVERY
    )


def audience_accounts() -> list[Any]:
    """Accounts of active, opted-in members still reachable (not erased, not opted out), and the
    official accounts: their followers say who may get advice and check-ins by direct message."""
    members = Q(member__status=MemberStatus.ACTIVE, member__opted_in_at__isnull=False)
    return list(
        NetworkAccount.objects.filter(
            members | Q(is_official=True), erased_at__isnull=True, opted_out_at__isnull=True
        )
        .distinct()
        .order_by("pk")
    )


@task()
def refresh_audiences() -> int:
    """Store each active member's followers (paged through the official account of the member's network)."""
    adapters = OfficialAdapters(dispatch.default_adapter_factory())
    refreshed = 0
    for account in audience_accounts():
        adapter = adapters.get(account.network)
        if adapter is None:
            continue
        try:
            refresh_audience(adapter, account)
        except NetworkError as exc:  # one unreadable account must not cost the others their refresh
            logger.warning("audience of %s not refreshed: %s", account, exc)
            continue
        refreshed += 1
    return refreshed


# Bookkeeping older than this is pruned daily: a PeriodicRun only guards its own period (past periods
# never come back), and finished task results are only read while someone investigates a failure.
BOOKKEEPING_KEPT = timedelta(days=14)


@task()
def prune_bookkeeping() -> dict[str, int]:
    """Delete old PeriodicRun rows and finished task results (the snapshots job alone adds 96 a day)."""
    cutoff = timezone.now() - BOOKKEEPING_KEPT
    runs, _ = PeriodicRun.objects.filter(enqueued_at__lt=cutoff).delete()
    results, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    if runs or results:
        logger.info("housekeeping: pruned %d periodic run(s) and %d task result(s)", runs, results)
    return {"periodic_runs": runs, "task_results": results}


# --------------------------------------------------------------------------- schedule


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    task: Any
    # local now -> the period key, or None when the job is not due yet in this period
    period: Callable[[datetime], str | None]


def _day(now: datetime) -> str:
    return now.date().isoformat()


def _week(now: datetime) -> str:
    year, week, _ = now.isocalendar()
    return f"{year}-W{week:02d}"


def _month(now: datetime) -> str:
    return f"{now:%Y-%m}"


def _quarter(now: datetime) -> str:
    return f"{now:%Y-%m-%dT%H}:{now.minute // 15 * 15:02d}"


def _five_minutes(now: datetime) -> str:
    return f"{now:%Y-%m-%dT%H}:{now.minute // 5 * 5:02d}"


def _after_active_start(now: datetime) -> str | None:
    """The day's plan is made once the collective's active hours begin (not at midnight)."""
    # The saved settings, or the model's defaults when none were saved (no write from the scheduler).
    cs = CollectiveSettings.objects.filter(pk=1).first() or CollectiveSettings(pk=1)
    return _day(now) if now.time() >= as_time(cs.active_hours_start) else None


def jobs() -> list[Job]:
    return [
        # Due at midnight, hours before the day's plan: a member back from a pause is planned that day.
        Job("member_pauses", resume_paused_members, _day),
        Job("replan", replan_today, _after_active_start),
        Job("audiences", refresh_audiences, _week),
        Job("snapshots", take_snapshots, _quarter),
        Job("retention", erase_expired_requests, _day),
        Job("housekeeping", prune_bookkeeping, _day),
        Job("followup", ask_check_ins, _after_active_start),
        Job("infographics", render_monthly_infographics, _month),  # last month's, on the 1st
        Job("triage_stragglers", triage_stragglers, _five_minutes),  # a triage task lost to a crash
    ]


def do_claim_periodic_run(job: Job, period: str) -> bool:
    """Record the (job, period) run and enqueue its task in one transaction; False if already claimed."""
    try:
        with transaction.atomic():
            run = PeriodicRun.objects.create(job=job.name, period=period)
            result = job.task.enqueue()
            run.task_id = str(result.id)
            run.save(update_fields=["task_id"])
            audit.record("periodic.enqueue", label="scheduler", job=job.name, period=period)
    except IntegrityError:
        return False
    return True


def enqueue_due_jobs(now: datetime | None = None, only: list[Job] | None = None) -> list[str]:
    """Enqueue every job whose current period has no run yet. Returns "job@period" for each enqueued."""
    local = timezone.localtime(now or timezone.now())
    todo = only if only is not None else jobs()
    keys = {job.name: job.period(local) for job in todo}
    done = set(
        PeriodicRun.objects.filter(
            job__in=list(keys), period__in=[k for k in keys.values() if k]
        ).values_list("job", "period")
    )
    enqueued = []
    for job in todo:
        period = keys[job.name]
        if period is None or (job.name, period) in done:
            continue
        if do_claim_periodic_run(job, period):
            enqueued.append(f"{job.name}@{period}")
    return enqueued


def start_scheduler(check_every: float = 60.0) -> threading.Thread:
    """A daemon thread of the worker process that enqueues periodic jobs when due (checked every minute:
    one indexed read, so the quarter-hour snapshots start on time)."""

    def loop() -> None:
        while True:
            try:
                enqueued = enqueue_due_jobs()
                if enqueued:
                    logger.info("scheduler enqueued %s", ", ".join(enqueued))
            except Exception:
                logger.exception("periodic job scheduling failed; retrying later")
            finally:
                close_old_connections()
            systime.sleep(check_every)

    thread = threading.Thread(target=loop, name="colibri-scheduler", daemon=True)
    thread.start()
    return thread
