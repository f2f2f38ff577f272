"""Queueing: every intended action on a network becomes an outbox row, written in the transaction of
the decision that caused it (an approval, a plan, a withdrawal, the day's digests).

Queueing the same effect twice yields one row (`keys`); an undone decision's rows give their key up
(`cancel_for_undone_decision`) so that approving again queues the repost afresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat, Left
from django.utils import timezone
from django.utils.translation import gettext

from .. import audit, lifecycle
from ..days import day_bounds, in_quiet_hours
from ..lifecycle import CLOSED_STATUSES, LIVE_STATUSES
from ..models import (
    Assignment,
    AssignmentStatus,
    DonationMode,
    MemberStatus,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)
from .keys import (
    NOTE_DAILY_BUDGET,
    ROLE_DIGEST,
    ROLE_MEMBER,
    ROLE_OFFICIAL,
    ROLE_WITHDRAWAL,
    UNDONE_KEY_PREFIX,
    digest_key,
    repost_key,
    short_key,
    undo_key,
)
from .pacing import Pacing, official_slots


def cancel_for_undone_decision(request_id: int, *, reason: str, now: datetime) -> int:
    """Cancel a request's not-yet-attempted rows after its decision was undone; returns how many.

    Kept (with the reason) for the history, but moved out of the way of the one-repost-per-post key:
    one UPDATE, the new key computed in the database. The caller has checked that none was attempted."""
    return OutboxAction.objects.filter(
        request_id=request_id, status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED]
    ).update(
        status=OutboxStatus.CANCELLED,
        last_error=reason,
        done_at=now,
        claimed_by=None,
        claimed_at=None,
        idempotency_key=Left(
            Concat(
                Value(UNDONE_KEY_PREFIX),
                Cast("id", CharField()),
                Value(":"),
                "idempotency_key",
                output_field=CharField(),
            ),
            255,
        ),
    )


@transaction.atomic
def do_queue_action(
    *,
    kind: str,
    account: NetworkAccount,
    target_uri: str = "",
    request: Request | None = None,
    payload: dict[str, Any] | None = None,
    not_before: datetime | None = None,
    idempotency_key: str | None = None,
    actor_label: str = "dispatch",
) -> tuple[OutboxAction, bool]:
    """Queue one action; return (row, created). Queueing the same effect twice returns the first row."""
    if kind == OutboxKind.REPOST and idempotency_key is None:
        idempotency_key = repost_key(account, target_uri)
    if idempotency_key is None:
        raise ValueError(f"an idempotency key is required for {kind!r} actions")
    action, created = OutboxAction.objects.get_or_create(
        idempotency_key=short_key(idempotency_key),
        defaults={
            "kind": kind,
            "network": account.network,
            "account": account,
            "request": request,
            "target_uri": target_uri,
            "payload": payload or {},
            "not_before": not_before or timezone.now(),
        },
    )
    if created:
        audit.record(
            "outbox.queued",
            request=request,
            label=actor_label,
            outbox_id=action.pk,
            kind=kind,
            account=account.handle,
            target=target_uri,
        )
    return action, created


def _bulk_queue(
    rows: Sequence[OutboxAction], actor_label: str, audit_action: str = "outbox.queued"
) -> list[OutboxAction]:
    """Insert rows whose key is new (others are kept as they are) and audit the new ones."""
    if not rows:
        return []
    keys = [row.idempotency_key for row in rows]
    existing = set(
        OutboxAction.objects.filter(idempotency_key__in=keys).values_list("idempotency_key", flat=True)
    )
    fresh = [row for row in rows if row.idempotency_key not in existing]
    # ignore_conflicts: a concurrent planner may insert the same key between our read and our insert.
    OutboxAction.objects.bulk_create(fresh, ignore_conflicts=True)
    created = list(
        OutboxAction.objects.filter(idempotency_key__in=[r.idempotency_key for r in fresh]).select_related(
            "account"
        )
    )
    audit.record_all(
        [
            audit.entry(
                audit_action,
                request=a.request_id,
                label=actor_label,
                outbox_id=a.pk,
                kind=a.kind,
                account=a.account.handle,
                target=a.target_uri,
                not_before=a.not_before.isoformat(),
            )
            for a in created
        ]
    )
    return created


def _standing_reposts(**filters: Any) -> QuerySet[OutboxAction]:
    """Repost rows that stand for a repost already asked for: rows of an undone decision gave their
    key up (UNDONE_KEY_PREFIX) and no longer count, so approving again queues the repost afresh."""
    return OutboxAction.objects.filter(kind=OutboxKind.REPOST, **filters).exclude(
        idempotency_key__startswith=UNDONE_KEY_PREFIX
    )


@transaction.atomic
def do_queue_official_reposts(
    *,
    now: datetime | None = None,
    request_ids: Sequence[int] | None = None,
    mark_scheduled: bool = True,
    actor_label: str = "dispatch",
) -> list[OutboxAction]:
    """Queue the official account's repost of every approved request not yet queued, oldest approved first,
    paced over the active hours (one every window/budget, never two at once, budget per day).

    `request_ids` limits it to those requests: `do_approve_request` queues the repost in the approval's
    own transaction (a decision and its action are written together); the request then stays
    `approved` until the repost is done (`mark_scheduled=False`), so the moderation views are unchanged."""
    now = now or timezone.now()
    pacing = Pacing.from_settings()
    queued: list[OutboxAction] = []
    officials = NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True).order_by("id")
    for acc in officials:  # one official account per network: a handful at most
        already = _standing_reposts(request=OuterRef("pk"), account=acc)
        candidates = Request.objects.filter(
            status=RequestStatus.APPROVED, post__network=acc.network, post__deleted_at__isnull=True
        )
        if request_ids is not None:
            candidates = candidates.filter(pk__in=list(request_ids))
        todo = list(
            candidates.exclude(Exists(already))
            .select_related("post")
            .order_by(F("decided_at").asc(nulls_last=True), "created_at", "id")
        )
        if not todo:
            continue
        existing = list(
            OutboxAction.objects.filter(
                account=acc,
                kind=OutboxKind.REPOST,
                not_before__gte=now - timedelta(days=1),
            )
            .exclude(status=OutboxStatus.CANCELLED)
            .values_list("not_before", flat=True)
        )
        slots = official_slots(pacing, after=now, count=len(todo), existing=existing)
        rows = [
            OutboxAction(
                kind=OutboxKind.REPOST,
                network=acc.network,
                account=acc,
                request=req,
                target_uri=req.post.uri,
                payload={"role": ROLE_OFFICIAL},
                idempotency_key=repost_key(acc, req.post.uri),
                not_before=slot,
            )
            for req, slot in zip(todo, slots, strict=False)
        ]
        created = _bulk_queue(rows, actor_label)
        if mark_scheduled:
            Request.objects.filter(
                pk__in=[a.request_id for a in created], status__in=lifecycle.sources(RequestStatus.SCHEDULED)
            ).update(status=RequestStatus.SCHEDULED, updated_at=now)
        queued.extend(created)
    return queued


@transaction.atomic
def do_queue_member_reposts(
    *, now: datetime | None = None, horizon: timedelta = timedelta(hours=24), actor_label: str = "dispatch"
) -> list[OutboxAction]:
    """Queue delegated members' reposts from planned assignments due within `horizon`.

    The planner already respects budgets; this re-checks the member's daily budget (reposts queued or
    done that local day) so a re-plan can never make Colibri exceed what the member agreed to, and
    moves a slot that falls in the member's quiet hours to their end.
    """
    now = now or timezone.now()
    already = _standing_reposts(request=OuterRef("request_id"), account=OuterRef("member__account_id"))
    assignments = list(
        Assignment.objects.filter(
            status=AssignmentStatus.PLANNED,
            slot_start__lte=now + horizon,
            member__mode=DonationMode.DELEGATED,
            member__status=MemberStatus.ACTIVE,
            request__status__in=LIVE_STATUSES,
            request__post__deleted_at__isnull=True,
        )
        .exclude(Exists(already))
        .select_related("member", "member__account", "request", "request__post")
        .order_by("slot_start", "id")
    )
    if not assignments:
        return []
    member_ids = {a.member_id for a in assignments}
    used: dict[tuple[int, date], int] = {}
    for acc_id, nb in (
        OutboxAction.objects.filter(
            account__member__in=member_ids,
            kind=OutboxKind.REPOST,
            not_before__gte=now - timedelta(days=2),
        )
        .exclude(status=OutboxStatus.CANCELLED)
        .values_list("account_id", "not_before")
    ):
        k = (acc_id, timezone.localdate(nb))
        used[k] = used.get(k, 0) + 1
    rows: list[OutboxAction] = []
    over_budget: list[Assignment] = []
    for a in assignments:
        member = a.member
        when = max(a.slot_start, now)
        quiet_end = in_quiet_hours(member, when)
        if quiet_end is not None:
            when = quiet_end
        k = (member.account_id, timezone.localdate(when))
        if used.get(k, 0) >= member.daily_budget:
            over_budget.append(a)
            continue
        used[k] = used.get(k, 0) + 1
        rows.append(
            OutboxAction(
                kind=OutboxKind.REPOST,
                network=member.account.network,
                account=member.account,
                request=a.request,
                target_uri=a.request.post.uri,
                payload={"role": ROLE_MEMBER, "assignment_id": a.pk, "member_id": member.pk},
                idempotency_key=repost_key(member.account, a.request.post.uri),
                not_before=when,
            )
        )
    created = _bulk_queue(rows, actor_label)
    if over_budget:
        Assignment.objects.filter(pk__in=[a.pk for a in over_budget], status=AssignmentStatus.PLANNED).update(
            status=AssignmentStatus.SKIPPED
        )
        audit.record_all(
            [
                audit.entry(
                    "assignment.skipped",
                    request=a.request_id,
                    label=actor_label,
                    assignment_id=a.pk,
                    member=a.member.account.handle,
                    reason=NOTE_DAILY_BUDGET,
                )
                for a in over_budget
            ]
        )
    return created


@transaction.atomic
def do_queue_member_digests(
    *, now: datetime | None = None, site_url: str = "", actor_label: str = "dispatch"
) -> list[OutboxAction]:
    """A notification per notified member listing today's assignments (e-mail if the member has an
    address, else a direct message from the official account), sent at the start of the active hours.

    Assignments planned later in the day get a follow-up message with only those: each assignment is
    announced once (the key of a follow-up names its first new assignment)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    day_start, day_end = day_bounds(today)
    pacing = Pacing.from_settings()
    send_at = max(now, pacing.window(today)[0])
    assignments = list(
        Assignment.objects.filter(
            status=AssignmentStatus.PLANNED,
            slot_start__gte=day_start,
            slot_start__lt=day_end,
            member__mode=DonationMode.NOTIFIED,
            member__status=MemberStatus.ACTIVE,
            request__status__in=LIVE_STATUSES,
        )
        .select_related("member", "member__account", "member__user")
        .order_by("member_id", "slot_start")
    )
    announced: set[int] = set()
    for payload in OutboxAction.objects.filter(
        kind=OutboxKind.MESSAGE,
        idempotency_key__startswith="digest:",
        created_at__gte=day_start - timedelta(days=1),
    ).values_list("payload", flat=True):
        if payload.get("day") == today.isoformat():
            announced.update(payload.get("assignment_ids", []))
    by_member: dict[int, list[Assignment]] = {}
    for a in assignments:
        if a.pk not in announced:
            by_member.setdefault(a.member_id, []).append(a)
    officials = {
        acc.network: acc for acc in NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True)
    }
    rows = []
    for items in by_member.values():
        member = items[0].member
        email = member.user.email if member.user is not None else ""
        sender = officials.get(member.account.network)
        if email:
            channel, account = "email", sender or member.account
        elif sender is not None:
            channel, account = "dm", sender
        else:
            continue  # nobody can reach this member: the personal feed still shows their list
        rows.append(
            OutboxAction(
                kind=OutboxKind.MESSAGE,
                network=account.network,
                account=account,
                request=None,
                target_uri=member.account.remote_id,
                payload={
                    "role": ROLE_DIGEST,
                    "channel": channel,
                    "member_id": member.pk,
                    "email": email,
                    "day": today.isoformat(),
                    "assignment_ids": [a.pk for a in items],
                    "site_url": site_url,
                },
                idempotency_key=f"{digest_key(member, today)}:{min(a.pk for a in items)}",
                not_before=send_at,
            )
        )
    return _bulk_queue(rows, actor_label)


@transaction.atomic
def do_queue_withdrawal(
    request: Request, *, reason: str, actor_label: str = "withdrawal", now: datetime | None = None
) -> list[OutboxAction]:
    """Undo everything done for a request: cancel pending actions and planned assignments, and queue an undo
    for every repost that may exist on the network (done, running, or attempted at least once: an attempt
    that timed out may have succeeded). Safe to call twice: undo rows are keyed by the repost they undo."""
    now = now or timezone.now()
    # Cancel first, then look: a row a worker claims concurrently stays `running` and gets an undo below.
    cancelled = list(
        OutboxAction.objects.filter(request=request, status=OutboxStatus.PENDING)
        .exclude(kind=OutboxKind.UNDO_REPOST)
        .values_list("pk", flat=True)
    )
    OutboxAction.objects.filter(pk__in=cancelled, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.CANCELLED,
        last_error=gettext("withdrawn: %(reason)s") % {"reason": reason},
        done_at=now,
    )
    planned = list(
        Assignment.objects.filter(request=request, status=AssignmentStatus.PLANNED).values_list(
            "pk", flat=True
        )
    )
    Assignment.objects.filter(pk__in=planned).update(status=AssignmentStatus.CANCELLED)
    reposts = list(
        OutboxAction.objects.filter(request=request, kind=OutboxKind.REPOST)
        .filter(
            Q(status__in=[OutboxStatus.DONE, OutboxStatus.RUNNING, OutboxStatus.FAILED]) | Q(attempts__gt=0)
        )
        .select_related("account")
    )
    rows = [
        OutboxAction(
            kind=OutboxKind.UNDO_REPOST,
            network=r.network,
            account=r.account,
            request=request,
            target_uri=r.target_uri,
            payload={
                "role": ROLE_WITHDRAWAL,
                "repost_action": r.pk,
                "repost_id": r.result_id,
                "reason": reason,
            },
            idempotency_key=undo_key(r),
            not_before=now,
        )
        for r in reposts
    ]
    created = _bulk_queue(rows, actor_label)
    audit.record(
        "outbox.withdrawal",
        request=request,
        label=actor_label,
        reason=reason,
        cancelled_outbox_ids=cancelled,
        cancelled_assignment_ids=planned,
        undo_outbox_ids=[a.pk for a in created],
    )
    return created


@transaction.atomic
def do_queue_missing_undos(
    *, now: datetime | None = None, actor_label: str = "dispatch"
) -> list[OutboxAction]:
    """Safety net run by every dispatch pass: a withdrawn request's repost that may exist on the network
    (done, running, failed, or attempted once: a timeout can hide a success) and has no undo gets one.

    `actions.withdrawal.withdraw_locked` undoes done and running reposts; a retry waiting after a
    timeout is cancelled there, yet its first attempt may have landed. This closes that gap without
    a second code path."""
    now = now or timezone.now()
    undo_exists = OutboxAction.objects.filter(
        kind=OutboxKind.UNDO_REPOST,
        request=OuterRef("request_id"),
        account=OuterRef("account_id"),
        target_uri=OuterRef("target_uri"),
    )
    reposts = list(
        OutboxAction.objects.filter(kind=OutboxKind.REPOST)
        .filter(Q(request__status__in=CLOSED_STATUSES) | Q(request__post__deleted_at__isnull=False))
        .filter(
            Q(status__in=[OutboxStatus.DONE, OutboxStatus.RUNNING, OutboxStatus.FAILED]) | Q(attempts__gt=0)
        )
        .exclude(Exists(undo_exists))
        .select_related("account")[:500]
    )
    rows = [
        OutboxAction(
            kind=OutboxKind.UNDO_REPOST,
            network=r.network,
            account=r.account,
            request_id=r.request_id,
            target_uri=r.target_uri,
            payload={"role": ROLE_WITHDRAWAL, "repost_action": r.pk, "repost_id": r.result_id},
            idempotency_key=undo_key(r),
            not_before=now,
        )
        for r in reposts
        if r.target_uri  # an erased request's finished rows lost their target: nothing left to find
    ]
    return _bulk_queue(rows, actor_label)
