"""Outbox actions: every intended action on a network is a row, written with the decision that caused it.

The dispatcher (`colibri.relay.dispatch`) carries rows out; this module holds every write to
`OutboxAction` (queue, complete, fail/retry, release, reclaim, cancel) and the side effects of a
completed action (assignment done, request relayed/amplified). Each `do_*` function runs in one
transaction and appends `AuditLog` rows.

Exactly once rests on three rules:
- one row per intended effect: `idempotency_key` is unique (a repost is keyed by account + post),
  so queueing twice, or two planners racing, yields one row;
- a row is carried out only by the worker that holds its claim (conditional UPDATE on
  `status/claimed_by`), and its completion is fenced on that same claim;
- any attempt after the first (a retry after a timeout, a lease reclaimed from a killed worker)
  asks the network first whether the effect already exists (`Network.find_repost`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat, Left
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from .models import (
    Assignment,
    AssignmentStatus,
    AuditLog,
    CollectiveSettings,
    DonationMode,
    Member,
    MemberStatus,
    NetworkAccount,
    OfficialPacing,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)

ROLE_OFFICIAL = "official"
ROLE_MEMBER = "member"
ROLE_WITHDRAWAL = "withdrawal"
ROLE_DIGEST = "digest"
# Notes stored in audit rows as they are (stable English: tests and tools match them); the request
# page translates them when it shows the history (relay_tags.audit_value).
NOTE_DAILY_BUDGET = gettext_noop("daily budget reached")  # why a planned assignment was skipped
NOTE_FOUND_AFTER_UNCERTAIN = gettext_noop("found on the network after an uncertain attempt")
NOTE_NO_REPOST = gettext_noop("no repost on the network")
NOTE_NOTHING_TO_SEND = gettext_noop("nothing left to send")
WORKER_NOTES = frozenset(
    {NOTE_DAILY_BUDGET, NOTE_FOUND_AFTER_UNCERTAIN, NOTE_NO_REPOST, NOTE_NOTHING_TO_SEND}
)

# Requests still being relayed: the official account and members may act on them.
LIVE_STATUSES = (
    RequestStatus.APPROVED,
    RequestStatus.SCHEDULED,
    RequestStatus.RELAYED,
    RequestStatus.AMPLIFIED,
)

# Statuses after which nothing happens to a request any more (only undos of what was done).
CLOSED_STATUSES = (RequestStatus.WITHDRAWN, RequestStatus.ERASED)


# --- keys and small helpers ----------------------------------------------------------------------


def repost_key(account: NetworkAccount, uri: str) -> str:
    """One repost per (account, post), ever: the unique key makes a second queueing a no-op."""
    return _short_key(f"repost:{account.network}:{account.pk}:{uri}")


def undo_key(action: OutboxAction) -> str:
    # Used by `actions._withdraw` and the undo paths here: one undo per repost between them.
    return f"undo:{action.idempotency_key}"[:255]


# Rows cancelled because their decision was undone give their idempotency key up (it becomes
# "undone:<id>:<key>"), so approving the request again can queue the same repost afresh.
UNDONE_KEY_PREFIX = "undone:"


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


def digest_key(member: Member, day: date) -> str:
    return f"digest:{member.pk}:{day.isoformat()}"


def _short_key(key: str) -> str:
    # URIs can be long; the column is 255 wide. A hash suffix keeps keys unique and readable.
    if len(key) <= 255:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"{key[:200]}#{digest}"


def _audit(action: str, *, request_id: int | None, actor_label: str, details: dict[str, Any]) -> AuditLog:
    return AuditLog(request_id=request_id, actor_label=actor_label, action=action, details=details)


def as_time(value: time | str) -> time:
    """CollectiveSettings fields are times once read back, but a freshly created row holds the default str."""
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """A local calendar day as [start, end): midnight to the next midnight, in the current time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(day, time(0), tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)


def local_day_bounds(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.combine(day, start, tzinfo=tz),
        datetime.combine(day, end, tzinfo=tz)
        if end > start
        else datetime.combine(day, end, tzinfo=tz) + timedelta(days=1),
    )


def in_quiet_hours(member: Member, when: datetime) -> datetime | None:
    """If `when` falls in the member's quiet hours, return when they end; else None."""
    if member.quiet_start is None or member.quiet_end is None or member.quiet_start == member.quiet_end:
        return None
    start, end = as_time(member.quiet_start), as_time(member.quiet_end)
    local = timezone.localtime(when)
    t = local.time()
    tz = local.tzinfo
    if start < end:
        if start <= t < end:
            return datetime.combine(local.date(), end, tzinfo=tz)
        return None
    # Quiet hours wrap midnight (22:00 -> 07:00).
    if t >= start:
        return datetime.combine(local.date() + timedelta(days=1), end, tzinfo=tz)
    if t < end:
        return datetime.combine(local.date(), end, tzinfo=tz)
    return None


# --- queueing --------------------------------------------------------------------------------------


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
        idempotency_key=_short_key(idempotency_key),
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
        AuditLog.objects.create(
            request=request,
            actor_label=actor_label,
            action="outbox.queued",
            details={"outbox_id": action.pk, "kind": kind, "account": account.handle, "target": target_uri},
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
    AuditLog.objects.bulk_create(
        [
            _audit(
                audit_action,
                request_id=a.request_id,
                actor_label=actor_label,
                details={
                    "outbox_id": a.pk,
                    "kind": a.kind,
                    "account": a.account.handle,
                    "target": a.target_uri,
                    "not_before": a.not_before.isoformat(),
                },
            )
            for a in created
        ]
    )
    return created


@dataclass(frozen=True, slots=True)
class Pacing:
    """How the official account's reposts are spread: one every `interval` inside the active window."""

    start: time
    end: time
    daily_budget: int

    @property
    def interval(self) -> timedelta:
        window = datetime.combine(date(2000, 1, 1), self.end) - datetime.combine(date(2000, 1, 1), self.start)
        if window <= timedelta(0):
            window += timedelta(days=1)
        return window / max(1, self.daily_budget)

    @classmethod
    def from_settings(cls, cs: CollectiveSettings | None = None) -> Pacing:
        cs = cs or CollectiveSettings.get()
        return cls(
            as_time(cs.active_hours_start), as_time(cs.active_hours_end), int(cs.official_daily_budget)
        )

    def window(self, day: date) -> tuple[datetime, datetime]:
        return local_day_bounds(day, self.start, self.end)

    def next_active(self, when: datetime) -> datetime:
        """`when` if it is inside an active window, else the start of the next one."""
        local = timezone.localtime(when)
        for offset in (-1, 0, 1):
            start, end = self.window(local.date() + timedelta(days=offset))
            if start <= when < end:
                return when
            if when < start:
                return start
        return self.window(local.date() + timedelta(days=2))[0]


def official_slots(
    pacing: Pacing, *, after: datetime, count: int, existing: Iterable[datetime]
) -> list[datetime]:
    """`count` slot times, each at least `pacing.interval` after the previous and inside active windows,
    with no more than the daily budget per local day (counting already scheduled `existing` ones)."""
    per_day: dict[date, int] = {}
    last: datetime | None = None
    for t in existing:
        d = _window_day(pacing, t)
        per_day[d] = per_day.get(d, 0) + 1
        last = t if last is None or t > last else last
    slots: list[datetime] = []
    candidate = after if last is None else max(after, last + pacing.interval)
    guard = 0
    while len(slots) < count:
        guard += 1
        if guard > count * 4 + 400:  # a zero budget would loop forever: stop, leave the rest for later
            break
        candidate = pacing.next_active(candidate)
        d = _window_day(pacing, candidate)
        if per_day.get(d, 0) >= pacing.daily_budget:
            candidate = pacing.window(d + timedelta(days=1))[0]
            continue
        slots.append(candidate)
        per_day[d] = per_day.get(d, 0) + 1
        candidate = candidate + pacing.interval
    return slots


def _window_day(pacing: Pacing, t: datetime) -> date:
    local = timezone.localtime(t)
    start, _end = pacing.window(local.date())
    # A window that wraps midnight belongs to the day it started.
    return local.date() if t >= start or pacing.end > pacing.start else local.date() - timedelta(days=1)


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
                pk__in=[a.request_id for a in created], status=RequestStatus.APPROVED
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
        AuditLog.objects.bulk_create(
            [
                _audit(
                    "assignment.skipped",
                    request_id=a.request_id,
                    actor_label=actor_label,
                    details={
                        "assignment_id": a.pk,
                        "member": a.member.account.handle,
                        "reason": NOTE_DAILY_BUDGET,
                    },
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
    AuditLog.objects.create(
        request=request,
        actor_label=actor_label,
        action="outbox.withdrawal",
        details={
            "reason": reason,
            "cancelled_outbox_ids": cancelled,
            "cancelled_assignment_ids": planned,
            "undo_outbox_ids": [a.pk for a in created],
        },
    )
    return created


@transaction.atomic
def do_queue_missing_undos(
    *, now: datetime | None = None, actor_label: str = "dispatch"
) -> list[OutboxAction]:
    """Safety net run by every dispatch pass: a withdrawn request's repost that may exist on the network
    (done, running, failed, or attempted once: a timeout can hide a success) and has no undo gets one.

    `actions._withdraw` undoes done and running reposts; a retry waiting after a timeout is cancelled
    there, yet its first attempt may have landed. This closes that gap without a second code path."""
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


# --- claims (leases) -------------------------------------------------------------------------------
# A claim is lease bookkeeping, not a decision: it writes no audit row (the attempt count lives on the
# row, and every outcome of the attempt -- done, retry, failed, deferred, reclaimed -- is audited).


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
        AuditLog.objects.create(
            request_id=action.request_id,
            actor_label=f"worker:{worker}"[:128],
            action="outbox.cancelled",
            details={"outbox_id": action_id, "reason": reason},
        )
    return bool(updated)


# --- official pacing ------------------------------------------------------------------------------
# Queueing spreads official reposts one interval apart (`official_slots`), but rows can still fall due
# together: a catch-up after an outage, retries, rows reclaimed from a dead worker. The hard guarantee is
# this slot, one row per official account, taken by compare-and-swap right before the network call, so
# two workers (processes, hosts) never let two official reposts through within one interval. Like a
# claim, a slot is bookkeeping (no audit row): the repost it lets through is audited.
# Workers compare their own clocks: hosts running workers are expected to be NTP-synced.


@dataclass(frozen=True, slots=True)
class PacingSlot:
    account_id: int
    taken_at: datetime
    previous: datetime | None  # restored if the slot is given back unused


def _last_official_repost(account_id: int) -> datetime | None:
    return (
        OutboxAction.objects.filter(
            account_id=account_id,
            kind=OutboxKind.REPOST,
            status=OutboxStatus.DONE,
            payload__role=ROLE_OFFICIAL,
        )
        .order_by("-done_at")
        .values_list("done_at", flat=True)
        .first()
    )


def do_take_pacing_slot(
    account_id: int, *, gap: timedelta, now: datetime | None = None
) -> tuple[PacingSlot | None, datetime]:
    """Take the official account's pacing slot. Returns (slot, now) when taken: this worker may send now;
    (None, when the slot frees up) when another official repost went out less than `gap` ago.

    The UPDATE is conditional on the value just read (compare-and-swap): of two workers reading the same
    free slot, one UPDATE matches and the other matches nothing (SQLite runs one writer at a time;
    PostgreSQL re-checks the WHERE of the second UPDATE against the first one's committed row)."""
    now = now or timezone.now()
    for _ in range(3):  # a lost race is re-read once: the winner then holds the slot
        row = OfficialPacing.objects.filter(account_id=account_id).values_list("last_slot_at", flat=True)
        found = list(row[:1])
        if not found:
            # First official repost of this account since pacing rows exist: start from the last one done,
            # so upgrading a running collective does not let a burst through. A racing insert is ignored.
            OfficialPacing.objects.bulk_create(
                [OfficialPacing(account_id=account_id, last_slot_at=_last_official_repost(account_id))],
                ignore_conflicts=True,
            )
            continue
        previous = found[0]
        if previous is not None and previous > now - gap:
            return None, previous + gap
        same = Q(last_slot_at__isnull=True) if previous is None else Q(last_slot_at=previous)
        if OfficialPacing.objects.filter(same, account_id=account_id).update(last_slot_at=now):
            return PacingSlot(account_id, now, previous), now
    return None, now + min(gap, timedelta(seconds=5))  # contended: look again shortly


def do_return_pacing_slot(slot: PacingSlot) -> bool:
    """Give back a slot that sent nothing (the network refused, the row's claim was lost), unless another
    worker took the next slot meanwhile."""
    return bool(
        OfficialPacing.objects.filter(account_id=slot.account_id, last_slot_at=slot.taken_at).update(
            last_slot_at=slot.previous
        )
    )


def do_settle_pacing_slot(slot: PacingSlot, *, now: datetime | None = None) -> bool:
    """Move the slot to the end of the network call (done, or uncertain: it may have landed), so the
    interval separates the reposts as the network saw them, not just their starts. Not covered: a call
    lasting longer than a whole interval (adapters time out in seconds; intervals are minutes)."""
    return bool(
        OfficialPacing.objects.filter(account_id=slot.account_id, last_slot_at=slot.taken_at).update(
            last_slot_at=now or timezone.now()
        )
    )


# --- completion ------------------------------------------------------------------------------------


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
                pk=action.request_id, status__in=[RequestStatus.APPROVED, RequestStatus.SCHEDULED]
            ).update(status=RequestStatus.RELAYED, relayed_at=now, updated_at=now)
        elif role == ROLE_MEMBER:
            Assignment.objects.filter(
                pk=action.payload.get("assignment_id"),
                status__in=[AssignmentStatus.PLANNED, AssignmentStatus.SKIPPED],
            ).update(status=AssignmentStatus.DONE, done_at=now)
            Request.objects.filter(
                pk=action.request_id,
                status__in=[RequestStatus.APPROVED, RequestStatus.SCHEDULED, RequestStatus.RELAYED],
            ).update(status=RequestStatus.AMPLIFIED, updated_at=now)
    AuditLog.objects.create(
        request_id=action.request_id,
        actor_label=f"worker:{worker}"[:128],
        action="outbox.done",
        details={
            "outbox_id": action.pk,
            "kind": action.kind,
            "account": action.account.handle,
            "target": action.target_uri,
            "result_id": result_id,
            "attempts": action.attempts,
            "note": note,
        },
    )
    if action.request is not None and action.request.status == RequestStatus.ERASED:
        # An undo that was still pending when its request was erased: now done, its target goes too.
        from colibri.privacy.erasure import scrub_traces

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
    AuditLog.objects.create(
        request_id=action.request_id,
        actor_label=f"worker:{worker}"[:128],
        action=audit_action,
        details={
            "outbox_id": action.pk,
            "kind": action.kind,
            "attempts": action.attempts,
            "error": error[:500],
            **extra,
        },
    )
    return status


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
        AuditLog.objects.create(
            request_id=action.request_id,
            actor_label=f"worker:{worker}"[:128],
            action="outbox.deferred",
            details={"outbox_id": action_id, "until": not_before.isoformat(), "reason": reason},
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
    AuditLog.objects.bulk_create(
        [
            _audit(
                "outbox.reclaimed",
                request_id=row["request_id"],
                actor_label=actor_label,
                details={"outbox_id": row["pk"], "worker": row["claimed_by"]},
            )
            for row in reclaimed
        ]
    )
    return len(reclaimed)


@transaction.atomic
def do_retry_failed_action(action_id: int, *, actor_label: str) -> bool:
    """A coordinator asks to try a failed action again (from the dashboard)."""
    updated = OutboxAction.objects.filter(pk=action_id, status=OutboxStatus.FAILED).update(
        status=OutboxStatus.PENDING, claimed_by=None, claimed_at=None, not_before=timezone.now(), done_at=None
    )
    if updated:
        action = OutboxAction.objects.only("request_id").get(pk=action_id)
        AuditLog.objects.create(
            request_id=action.request_id,
            actor_label=actor_label,
            action="outbox.retry_requested",
            details={"outbox_id": action_id},
        )
    return bool(updated)
