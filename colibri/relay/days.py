"""Days and hours as the collective lives them: local calendar days, active hours, quiet hours.

Read by the outbox (when to repost), the planner's loader (the day's slots), the feeds and stats
(today's relays) and the scheduler (after the active hours start). Times are local to the current
time zone (settings.TIME_ZONE, Europe/Paris by default).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import Member


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
