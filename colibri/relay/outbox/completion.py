"""The end of an attempt: done (with its effects on the request and the assignment), failed (retried
with backoff, or given up), or put back in the queue by hand.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from .. import audit, lifecycle
from ..models import (
    Assignment,
    AssignmentStatus,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)
from ..scrub import scrub_traces
from .keys import (
    ROLE_MEMBER,
    ROLE_OFFICIAL,
)


@transaction.atomic
def do_complete_action(action_id: int, *, worker: str, result_id: str = "", note: str = "") -> bool:
    """Mark a claimed action done and apply its effects. False if this worker no longer holds the claim
    (its lease expired and another worker took it over: that worker checks the network first)."""
    now = timezone.now()
    updated = OutboxAction.objects.filter(
        pk=action_id, status=OutboxStatus.RUNNING, claimed_by=worker
    ).update(status=OutboxStatus.DONE, result_id=result_id[:512], done_at=now, last_error="")
    if not updated:
        return False
    action = OutboxAction.objects.select_related("account", "request").get(pk=action_id)
    role = action.payload.get("role")
    if action.kind == OutboxKind.REPOST and action.request_id is not None:
        if role == ROLE_OFFICIAL:
            Request.objects.filter(
                pk=action.request_id, status__in=lifecycle.sources(RequestStatus.RELAYED)
            ).update(status=RequestStatus.RELAYED, relayed_at=now, updated_at=now)
        elif role == ROLE_MEMBER:
            Assignment.objects.filter(
                pk=action.payload.get("assignment_id"),
                status__in=[AssignmentStatus.PLANNED, AssignmentStatus.SKIPPED],
            ).update(status=AssignmentStatus.DONE, done_at=now)
            Request.objects.filter(
                pk=action.request_id, status__in=lifecycle.sources(RequestStatus.AMPLIFIED)
            ).update(status=RequestStatus.AMPLIFIED, updated_at=now)
    audit.record(
        "outbox.done",
        request=action.request_id,
        label=f"worker:{worker}",
        outbox_id=action.pk,
        kind=action.kind,
        account=action.account.handle,
        target=action.target_uri,
        result_id=result_id,
        attempts=action.attempts,
        note=note,
    )
    if action.request is not None and action.request.status == RequestStatus.ERASED:
        # An undo that was still pending when its request was erased: now done, its target goes too.
        scrub_traces(request_ids=[action.request.pk], identifiers=[action.target_uri])
    return True


def backoff_delay(attempts: int, *, base: float, cap: float, retry_after: float | None, key: int) -> float:
    """Exponential backoff with deterministic jitter (spreads retries of many rows failing together);
    a network's own Retry-After wins when it asks for longer."""
    exp = min(cap, base * (2 ** max(0, attempts - 1)))
    jitter = 0.5 + ((key * 2654435761) % 1000) / 2000  # 0.5..1.0 of the delay, stable per row
    delay = exp * jitter
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


@transaction.atomic
def do_fail_action(
    action_id: int,
    *,
    worker: str,
    error: str,
    retry: bool,
    retry_after: float | None = None,
    uncertain: bool = True,
    max_attempts: int = 8,
    backoff_base: float = 30.0,
    backoff_max: float = 3600.0,
) -> str | None:
    """Record a failed attempt: schedule a retry with backoff, or end `failed` with the reason.

    `uncertain` says the effect may have happened anyway (a timeout after sending); the next attempt
    then checks the network before acting. Returns the new status, or None if the claim was lost."""
    now = timezone.now()
    action = OutboxAction.objects.select_for_update().filter(pk=action_id).first()
    if action is None or action.status != OutboxStatus.RUNNING or action.claimed_by != worker:
        return None
    payload = dict(action.payload)
    payload["uncertain"] = bool(payload.get("uncertain")) or uncertain
    if retry and action.attempts < max_attempts:
        delay = backoff_delay(
            action.attempts, base=backoff_base, cap=backoff_max, retry_after=retry_after, key=action.pk
        )
        status = OutboxStatus.PENDING
        OutboxAction.objects.filter(pk=action_id).update(
            status=status,
            claimed_by=None,
            claimed_at=None,
            not_before=now + timedelta(seconds=delay),
            last_error=error[:2000],
            payload=payload,
        )
        audit_action = "outbox.retry"
        extra: dict[str, Any] = {"retry_in_seconds": round(delay, 3)}
    else:
        status = OutboxStatus.FAILED
        reason = (
            error
            if not retry
            else ngettext(
                "%(error)s (given up after %(n)d attempt)",
                "%(error)s (given up after %(n)d attempts)",
                action.attempts,
            )
            % {"error": error, "n": action.attempts}
        )
        OutboxAction.objects.filter(pk=action_id).update(
            status=status, last_error=reason[:2000], done_at=now, payload=payload
        )
        audit_action = "outbox.failed"
        extra = {}
    audit.record(
        audit_action,
        request=action.request_id,
        label=f"worker:{worker}",
        outbox_id=action.pk,
        kind=action.kind,
        attempts=action.attempts,
        error=error[:500],
        **extra,
    )
    return status


@transaction.atomic
def do_retry_failed_action(action_id: int, *, actor_label: str) -> bool:
    """A coordinator asks to try a failed action again (from the dashboard)."""
    updated = OutboxAction.objects.filter(pk=action_id, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, claimed_by=None, claimed_at=None, not_before=timezone.now(), done_at=None
    )
    if updated:
        action = OutboxAction.objects.only("request_id").get(pk=action_id)
        audit.record(
            "outbox.retry_requested", request=action.request_id, label=actor_label, outbox_id=action_id
        )
    return bool(updated)
