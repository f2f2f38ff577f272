"""Claims (leases): which worker carries a row out, and what happens to rows of a worker that died.

A row is carried out only by the worker that holds its claim (conditional UPDATE on
`status/claimed_by`), and its completion is fenced on that same claim. A claim is lease
bookkeeping, not a decision: it writes no audit row (the attempt count lives on the row, and every
outcome of the attempt -- done, retry, failed, deferred, reclaimed -- is audited).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from .. import audit
from ..models import (
    OutboxAction,
    OutboxStatus,
)


def do_claim_actions(*, worker: str, limit: int, now: datetime | None = None) -> list[OutboxAction]:
    """Atomically take up to `limit` due pending rows for `worker`; two workers never get the same row.

    PostgreSQL: SELECT ... FOR UPDATE SKIP LOCKED, so concurrent workers take different rows without
    waiting. SQLite: one conditional UPDATE whose WHERE re-checks `pending / claimed_by IS NULL` (SQLite
    runs one writer at a time, so the statement is atomic). Either way the row's `attempts` counts it."""
    now = now or timezone.now()
    due = OutboxAction.objects.filter(
        status=OutboxStatus.PENDING, claimed_by__isnull=True, not_before__lte=now
    ).order_by("not_before", "id")
    claim = {
        "status": OutboxStatus.RUNNING,
        "claimed_by": worker,
        "claimed_at": now,
        "attempts": F("attempts") + 1,
    }
    with transaction.atomic():
        if connection.vendor == "postgresql":
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
            if not ids:
                return []
            OutboxAction.objects.filter(pk__in=ids).update(**claim)
        else:
            ids_q = due.values("pk")[:limit]
            OutboxAction.objects.filter(
                pk__in=ids_q, status=OutboxStatus.PENDING, claimed_by__isnull=True, not_before__lte=now
            ).update(**claim)
    return list(
        OutboxAction.objects.filter(status=OutboxStatus.RUNNING, claimed_by=worker, claimed_at=now)
        .select_related("account", "request", "request__post")
        .order_by("not_before", "id")
    )


def do_renew_claim(action_id: int, *, worker: str) -> bool:
    """Extend the lease just before calling the network; False if the claim was lost (fencing)."""
    return bool(
        OutboxAction.objects.filter(pk=action_id, status=OutboxStatus.RUNNING, claimed_by=worker).update(
            claimed_at=timezone.now()
        )
    )


@transaction.atomic
def do_cancel_action(action_id: int, *, worker: str, reason: str) -> bool:
    """End a claimed action without acting (its request was withdrawn meanwhile)."""
    updated = OutboxAction.objects.filter(
        pk=action_id, status=OutboxStatus.RUNNING, claimed_by=worker
    ).update(
        status=OutboxStatus.CANCELLED,
        last_error=reason[:2000],
        done_at=timezone.now(),
        attempts=F("attempts") - 1,  # nothing was sent: this claim is not an attempt
    )
    if updated:
        action = OutboxAction.objects.only("request_id").get(pk=action_id)
        audit.record(
            "outbox.cancelled",
            request=action.request_id,
            label=f"worker:{worker}",
            outbox_id=action_id,
            reason=reason,
        )
    return bool(updated)


@transaction.atomic
def do_release_action(action_id: int, *, worker: str, not_before: datetime, reason: str) -> bool:
    """Give a claimed action back untouched (pacing, quiet hours, an undo waiting for its repost).

    The attempt is not counted: nothing was sent to the network."""
    updated = OutboxAction.objects.filter(
        pk=action_id, status=OutboxStatus.RUNNING, claimed_by=worker
    ).update(
        status=OutboxStatus.PENDING,
        claimed_by=None,
        claimed_at=None,
        not_before=not_before,
        attempts=F("attempts") - 1,
    )
    if updated:
        action = OutboxAction.objects.only("request_id").get(pk=action_id)
        audit.record(
            "outbox.deferred",
            request=action.request_id,
            label=f"worker:{worker}",
            outbox_id=action_id,
            until=not_before.isoformat(),
            reason=reason,
        )
    return bool(updated)


@transaction.atomic
def do_reclaim_stale_actions(
    *, lease_seconds: float, now: datetime | None = None, actor_label: str = "dispatch"
) -> int:
    """Put back rows whose worker stopped renewing its claim (killed, host lost). Their outcome is unknown,
    so they are marked uncertain: the next attempt checks the network before acting."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=lease_seconds)
    stale = list(
        OutboxAction.objects.filter(status=OutboxStatus.RUNNING, claimed_at__lt=cutoff).values(
            "pk", "request_id", "claimed_by", "payload"
        )
    )
    reclaimed: list[Any] = []
    for row in stale:  # rare (a crash): a few rows, each needs its own payload update
        payload = dict(row["payload"] or {})
        payload["uncertain"] = True
        if OutboxAction.objects.filter(
            pk=row["pk"], status=OutboxStatus.RUNNING, claimed_by=row["claimed_by"], claimed_at__lt=cutoff
        ).update(
            status=OutboxStatus.PENDING,
            claimed_by=None,
            claimed_at=None,
            not_before=now,
            payload=payload,
            last_error=gettext("lease expired (worker %(worker)s)") % {"worker": row["claimed_by"]},
        ):
            reclaimed.append(row)
    audit.record_all(
        [
            audit.entry(
                "outbox.reclaimed",
                request=row["request_id"],
                label=actor_label,
                outbox_id=row["pk"],
                worker=row["claimed_by"],
            )
            for row in reclaimed
        ]
    )
    return len(reclaimed)
