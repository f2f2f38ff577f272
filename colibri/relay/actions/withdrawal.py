"""Withdrawing a request: nothing more is relayed and what was reposted is undone.

The seeker deleted the post, said "stop", reported an outcome that ends the search, or their data
is erased; each of those paths calls `withdraw_locked` inside its own transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, lifecycle
from ..lifecycle import CLOSED_STATUSES
from ..models import (
    Assignment,
    AssignmentStatus,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)
from ..outbox.keys import undo_key
from .base import lock_request, sync_request


def withdraw_locked(r: Request, *, actor: Any, label: str, why: str) -> Request:
    """Withdraw inside the caller's transaction: cancel what is planned, undo what was done."""
    if r.status in CLOSED_STATUSES:
        return r
    before = r.status
    now = timezone.now()
    cancelled_assignments = Assignment.objects.filter(request=r, status=AssignmentStatus.PLANNED).update(
        status=AssignmentStatus.CANCELLED
    )
    cancelled_actions = OutboxAction.objects.filter(
        request=r, status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED]
    ).update(status=OutboxStatus.CANCELLED, last_error=_("request withdrawn"))
    # A repost claimed right now may still succeed: undo it too (undoing a missing repost is a no-op).
    done = list(
        OutboxAction.objects.filter(
            request=r, kind=OutboxKind.REPOST, status__in=[OutboxStatus.DONE, OutboxStatus.RUNNING]
        )
    )
    undo = [
        OutboxAction(
            kind=OutboxKind.UNDO_REPOST,
            network=a.network,
            account_id=a.account_id,
            request=r,
            target_uri=a.target_uri,
            payload={"repost_id": a.result_id, "repost_action": a.pk},
            idempotency_key=undo_key(a),  # one undo per repost, whichever path queues it
            not_before=now,
            created_at=now,
        )
        for a in done
    ]
    OutboxAction.objects.bulk_create(undo, ignore_conflicts=True)
    lifecycle.move(r, RequestStatus.WITHDRAWN)
    r.updated_at = now
    r.save()
    audit.record(
        "request_withdrawn",
        request=r,
        actor=actor,
        label=label,
        before=before,
        why=why,
        cancelled_assignments=cancelled_assignments,
        cancelled_actions=cancelled_actions,
        undo_reposts=len(undo),
    )
    return r


@transaction.atomic
def do_withdraw_request(request: Request, *, actor: Any = None, why: str) -> Request:
    """The seeker deleted the post or said stop: nothing more is relayed and done reposts are undone.

    Withdrawing an already withdrawn (or erased) request changes nothing.
    """
    r = lock_request(request)
    r = withdraw_locked(r, actor=actor, label="" if actor else "system", why=why)
    sync_request(request, r)
    return r
