"""Taking back a decision made by mistake, while nothing of it has reached a network.

Once a repost ran or was even attempted, undo is refused: withdrawing the request
(`withdrawal.do_withdraw_request`) is what undoes reposts.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, lifecycle, roles
from ..lifecycle import OPEN_STATUSES, PUBLISHED_STATUSES, UNDOABLE_STATUSES
from ..models import (
    Assignment,
    AssignmentStatus,
    AuditLog,
    OutboxAction,
    OutboxStatus,
    Request,
    RequestStatus,
)
from ..outbox.queueing import cancel_for_undone_decision
from .base import ActionError, lock_request, sync_request

# The audit actions that record a human decision, i.e. what `do_undo_decision` can take back.
DECISION_ACTIONS = ("request_approved", "request_rejected", "request_marked_not_request")


class UndoNotAllowed(ActionError):
    """This user may not undo this decision (the view answers 403 rather than 409)."""


def may_undo_decision(request: Request, user: Any) -> bool:
    """Whether `user` may undo the decision on `request` (ignores whether it is still undoable).

    Who: the person who decided, or a coordinator. Undo exists to take back one's own wrong key;
    another moderator reversing a colleague's decision is a disagreement, not a slip, and goes through
    a coordinator (who sees everything anyway). No time window: the real limit is "nothing published
    yet", enforced separately, and a window would make the right depend on how fast a slip was noticed.
    A decision without a known decider (made by a script, or the account was deleted) is a
    coordinator's to undo.
    """
    if roles.has_role(user, roles.COORDINATOR):
        return True
    return (
        roles.has_role(user, roles.MODERATOR)
        and request.decided_by_id is not None
        and request.decided_by_id == getattr(user, "pk", None)
    )


def _published(r: Request, *, lock: bool = False) -> bool:
    """Whether anything of the decision may have reached a network.

    With `lock` (the request already locked, inside the undo's transaction) the request's outbox rows
    are locked too: on PostgreSQL a worker claims rows with `FOR UPDATE SKIP LOCKED`, so a claim in
    progress either finished before this (we see it running) or skips the rows we hold and finds them
    cancelled afterwards. Without it, a cheap check for pages. A row that was attempted at all
    (`attempts > 0`, even if it failed since) counts as possibly published, like in `withdraw_locked`: its
    outcome on the network is not certain, and only a withdrawal undoes a repost that happened.
    """
    if r.status in PUBLISHED_STATUSES or r.relayed_at is not None:
        return True
    rows = OutboxAction.objects.filter(request=r)
    if lock:
        rows = rows.select_for_update()
    if any(
        status in (OutboxStatus.RUNNING, OutboxStatus.DONE) or attempts > 0
        for status, attempts in rows.values_list("status", "attempts")
    ):
        return True
    return Assignment.objects.filter(request=r, status=AssignmentStatus.DONE).exists()


def undoable(request: Request) -> bool:
    """Cheap check for pages (no lock): a decision is there and nothing of it was published yet."""
    return request.decided_at is not None and request.status in UNDOABLE_STATUSES and not _published(request)


@transaction.atomic
def do_undo_decision(request: Request, *, actor: Any) -> Request:
    """Take back a decision made by mistake, while nothing of it has reached a network.

    The request returns to the status it had before the decision (read from the decision's audit row)
    with no decider, date or reason, so it is back in the review queue; a "not a request" also gets
    the machine's category and verdict back. The approval's pending outbox rows are cancelled (kept,
    with the reason, so the history shows them) and its planned assignments are cancelled.
    """
    r = lock_request(request)
    if r.status in PUBLISHED_STATUSES or r.relayed_at is not None:
        raise ActionError(_("The repost has already gone out: withdraw the request instead."))
    decision = (
        AuditLog.objects.filter(request=r, action__in=DECISION_ACTIONS).order_by("-created_at", "-id").first()
    )
    if r.decided_at is None or r.status not in UNDOABLE_STATUSES or decision is None:
        raise ActionError(_("There is no decision to undo on this request."))
    if not may_undo_decision(r, actor):
        raise UndoNotAllowed(_("Only the person who made this decision, or a coordinator, can undo it."))
    if _published(r, lock=True):
        raise ActionError(_("The repost has already gone out: withdraw the request instead."))

    details = decision.details or {}
    before = str(details.get("before") or "")
    if before not in OPEN_STATUSES:
        # An old or odd audit row: "to check" is the safe place to put it back, a human decides again.
        before = RequestStatus.NEEDS_REVIEW
    undone = {
        "decision": decision.action,
        "decided_by": decision.actor_label,
        "decided_at": r.decided_at.isoformat(),
        "reason": r.decision_reason,
        "status": r.status,
        "restored": before,
    }
    if decision.action == "request_marked_not_request":
        machine_category = details.get("machine_category")
        if machine_category is not None:
            r.category = str(machine_category)
        # Rows written before these were recorded: rebuild the verdict from the status it had.
        r.eligible = bool(details.get("machine_eligible", before == RequestStatus.ELIGIBLE))
        r.needs_review = bool(details.get("machine_needs_review", before == RequestStatus.NEEDS_REVIEW))
    now = timezone.now()
    cancelled_actions = cancel_for_undone_decision(r.pk, reason=_("decision undone"), now=now)
    cancelled_assignments = Assignment.objects.filter(request=r, status=AssignmentStatus.PLANNED).update(
        status=AssignmentStatus.CANCELLED
    )
    lifecycle.move(r, before)
    r.decided_at = None
    r.decided_by = None
    r.decision_reason = ""
    r.updated_at = now
    r.save()
    audit.record(
        "request_decision_undone",
        request=r,
        actor=actor,
        cancelled_actions=cancelled_actions,
        cancelled_assignments=cancelled_assignments,
        **undone,
    )
    sync_request(request, r)
    return r
