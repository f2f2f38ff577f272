"""The archive of every request: filters and keyset pagination that stay fast at 100k rows.

Pages are cut by primary key (newest first) instead of OFFSET, and nothing counts the whole
table: page N costs the same as page 1 (`bench/archive_pages.py` measures it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from colibri.relay.models import NetworkAccount, Request

PAGE_SIZE = 50


@dataclass(frozen=True)
class ArchivePage:
    rows: list[Request]
    newer: int | None  # id to pass as `avant` for the newer page, None on the newest page
    older: int | None  # id to pass as `apres` for the older page, None on the last page


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def search(filters: dict[str, Any]) -> QuerySet[Request]:
    """Every request matching the filters (each one narrows; empty ones are absent from the dict)."""
    qs = Request.objects.all()
    who = str(filters.get("who") or "").strip()
    if who:
        handle = who.lstrip("@")
        # People first (a fifth as many rows as requests), then their requests through the author index:
        # the planner starts from the few matching accounts instead of scanning every request.
        people = NetworkAccount.objects.filter(Q(handle__icontains=handle) | Q(display_name__icontains=who))
        qs = qs.filter(post__author__in=people)
    job = str(filters.get("job") or "").strip()
    if job:
        qs = qs.filter(Q(job_title__icontains=job) | Q(rome_label__icontains=job) | Q(rome_code__iexact=job))
    place = str(filters.get("place") or "").strip()
    if place:
        qs = qs.filter(
            Q(commune__icontains=place) | Q(region__icontains=place) | Q(departement__iexact=place)
        )
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("network"):
        qs = qs.filter(post__network=filters["network"])
    # Dates are the collective's local days, both ends included.
    if filters.get("since"):
        qs = qs.filter(created_at__gte=_day_start(filters["since"]))
    if filters.get("until"):
        qs = qs.filter(created_at__lt=_day_start(filters["until"]) + timedelta(days=1))
    return qs


def page(qs: QuerySet[Request], *, after: int | None = None, before: int | None = None) -> ArchivePage:
    """One page, newest first: older than `after`, or the page just newer than `before`.

    One query of PAGE_SIZE + 1 rows: the extra row only says whether another page exists.
    """
    qs = qs.select_related("post__author")
    if before is not None:
        rows = list(qs.filter(pk__gt=before).order_by("pk")[: PAGE_SIZE + 1])
        more_newer = len(rows) > PAGE_SIZE
        rows = rows[:PAGE_SIZE][::-1]
        return ArchivePage(
            rows=rows,
            newer=rows[0].pk if rows and more_newer else None,
            older=rows[-1].pk if rows else before,
        )
    if after is not None:
        qs = qs.filter(pk__lt=after)
    rows = list(qs.order_by("-pk")[: PAGE_SIZE + 1])
    more_older = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    return ArchivePage(
        rows=rows,
        newer=rows[0].pk if rows and after is not None else None,
        older=rows[-1].pk if rows and more_older else None,
    )


def earlier_requests(req: Request, limit: int = 20) -> list[Request]:
    """The same person's other requests (same network account), newest first."""
    return list(
        Request.objects.filter(post__author_id=req.post.author_id).exclude(pk=req.pk).order_by("-pk")[:limit]
    )
