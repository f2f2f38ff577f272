"""Background work on `django.tasks` (database backend, run by `colibri worker`).

Tasks take ids, not objects (arguments are stored as JSON) and are safe to run
twice: each one re-reads the row and acts only if there is still work to do.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django.utils.translation import ngettext

from colibri.core.refindex import INDEX_FILE

from . import audit, scrub, sources
from .actions.accounts import do_refresh_account
from .actions.erasure import do_erase_request
from .actions.triage import do_triage_request
from .models import NetworkAccount, Request, RequestStatus

logger = logging.getLogger(__name__)

RETENTION_BATCH = 500


# The worker's reference index: (file stamp, index). One per process, loaded by the first triage task
# and kept: loading it (6 MB) and compiling an engine around a new object cost ~0.8 s per task, and
# each new index object kept one more engine alive. Reloaded only when `colibri data import` rebuilt it.
_WORKER_INDEX: tuple[Any, Any] | None = None


def worker_index() -> Any:
    global _WORKER_INDEX
    path = settings.COLIBRI_REFDATA_DIR / INDEX_FILE
    try:
        stat = path.stat()
        stamp: Any = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (str(path), None, None)
    if _WORKER_INDEX is None or _WORKER_INDEX[0] != stamp:
        _WORKER_INDEX = (stamp, sources.load_reference_index())
    return _WORKER_INDEX[1]


@task()
def triage_request(request_id: int) -> str:
    """Triage a request that ingest stored without a verdict (`colibri ingest --defer-triage`)."""
    request = Request.objects.filter(pk=request_id).first()
    if request is None:
        return "missing"
    return str(do_triage_request(request, index=worker_index()).status)


# A deferred triage task normally runs within seconds; a request still `detected` this long after it
# was stored lost its task (the worker was killed while running it, or the database failed under it).
STRAGGLER_AGE = timedelta(minutes=2)
STRAGGLER_BATCH = 500


@task()
def triage_stragglers() -> int:
    """Triage the requests left `detected` whose triage task was lost (periodic, every 5 minutes)."""
    cutoff = timezone.now() - STRAGGLER_AGE
    stragglers = Request.objects.filter(status=RequestStatus.DETECTED, created_at__lt=cutoff).order_by("id")
    done = 0
    for request in stragglers[:STRAGGLER_BATCH]:
        do_triage_request(request, index=worker_index())
        done += 1
    if done:
        logger.warning("triaged %d request(s) whose triage task was lost", done)
    return done


@task()
def refresh_profile(account_id: int) -> str:
    """Re-read an account's bio and follower count from its network (flags follow the bio)."""
    account = NetworkAccount.objects.filter(pk=account_id, erased_at__isnull=True).first()
    if account is None:
        return "missing"
    for network in sources.configured_networks():
        if network.name == account.network:
            author = network.get_profile(account.remote_id)
            do_refresh_account(account, author)
            return "refreshed"
    return "no network"


def on_profile_wanted(sender: Any, *, account_id: int, **kwargs: Any) -> None:
    """`signals.profile_wanted` receiver (connected in `RelayConfig.ready`): fetch it in the worker."""
    refresh_profile.enqueue(account_id)


def expired_requests(now: Any = None) -> list[int]:
    """Ids of requests with no activity for COLIBRI_RETENTION_DAYS (oldest first, one batch)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.COLIBRI_RETENTION_DAYS)
    return list(
        Request.objects.filter(updated_at__lt=cutoff)
        .exclude(status=RequestStatus.ERASED)
        .order_by("updated_at")
        .values_list("pk", flat=True)[:RETENTION_BATCH]
    )


@task()
def erase_expired_requests() -> int:
    """Retention: erase the personal data of requests idle longer than COLIBRI_RETENTION_DAYS.

    Each erasure is its own transaction with its own audit row, so a crash
    half-way keeps what was done; the next run continues.
    """
    ids = expired_requests()
    why = ngettext(
        "retention period (%(days)d day) exceeded",
        "retention period (%(days)d days) exceeded",
        settings.COLIBRI_RETENTION_DAYS,
    ) % {"days": settings.COLIBRI_RETENTION_DAYS}
    for request in Request.objects.filter(pk__in=ids).select_related("post__author"):
        do_erase_request(request, why=why)
    scrub.sweep_erased_outbox()  # undo actions that were still pending when their request was erased
    if ids:
        logger.info("retention: erased %d request(s)", len(ids))
    return len(ids)


@task()
def replan_today() -> dict[str, int]:
    """Re-plan today's relays (colibri.relay.planning): safe to run twice, the second replaces the first."""
    # Here, not at the top: this module is imported at every start (RelayConfig.ready) and the planner
    # brings numpy and the MIP solver; only the worker running this job needs them.
    from .planning.apply import do_apply_plan

    summary = do_apply_plan(actor=None)
    return {"created": summary.created, "kept": summary.kept, "removed": summary.removed}


@task()
def ping(token: str) -> str:
    """Health check: proves a worker picked the job up (one audit row per run)."""
    audit.record("worker_ping", label="worker", token=token)
    return token
