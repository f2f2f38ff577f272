"""The official account's pace: its reposts one interval apart inside the collective's active hours.

Queueing spreads official reposts one interval apart (`official_slots`), but rows can still fall due
together: a catch-up after an outage, retries, rows reclaimed from a dead worker. The hard guarantee is
the pacing slot, one row per official account, taken by compare-and-swap right before the network call,
so two workers (processes, hosts) never let two official reposts through within one interval. Like a
claim, a slot is bookkeeping (no audit row): the repost it lets through is audited.
Workers compare their own clocks: hosts running workers are expected to be NTP-synced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from ..days import as_time, local_day_bounds
from ..models import (
    CollectiveSettings,
    OfficialPacing,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
)
from .keys import ROLE_OFFICIAL


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
