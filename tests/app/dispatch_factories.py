"""Test data for dispatch, feeds and tracking tests: accounts, approved requests, members, assignments.

Written straight through the ORM: these are fixtures, not the application's writes.
"""

from __future__ import annotations

import itertools
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from colibri.relay.models import (
    Assignment,
    CollectiveSettings,
    Member,
    NetworkAccount,
    Post,
    Request,
    RequestStatus,
)

_n = itertools.count(1)


def account(
    *, did: str | None = None, handle: str = "", official: bool = False, followers: int = 100
) -> NetworkAccount:
    i = next(_n)
    return NetworkAccount.objects.create(
        network="bluesky",
        remote_id=did or f"did:plc:acc{i}",
        handle=handle or f"acc{i}.test",
        is_official=official,
        followers_count=followers,
    )


def approved_request(
    *,
    region: str = "Auvergne-Rhône-Alpes",
    rome_code: str = "M1203",
    job: str = "Comptable",
    status: str = RequestStatus.APPROVED,
    decided_at: datetime | None = None,
    created_at: datetime | None = None,
) -> Request:
    i = next(_n)
    seeker = account(did=f"did:plc:seeker{i}", handle=f"seeker{i}.test")
    post = Post.objects.create(
        network="bluesky",
        uri=f"at://{seeker.remote_id}/app.bsky.feed.post/p{i}",
        url=f"https://bsky.app/profile/{seeker.handle}/post/p{i}",
        author=seeker,
        text=f"#PleaseRT #{job} #i4EmploiR",
    )
    now = timezone.now()
    return Request.objects.create(
        post=post,
        status=status,
        eligible=True,
        category="seeker_request",
        job_title=job,
        rome_code=rome_code,
        region=region,
        commune="Lyon",
        decided_at=decided_at or now,
        created_at=created_at or now,
    )


def member(
    *,
    did: str | None = None,
    mode: str = "delegated",
    daily_budget: int = 3,
    quiet: tuple[str, str] | None = None,
    user: Any = None,
) -> Member:
    acc = account(did=did)
    return Member.objects.create(
        account=acc,
        mode=mode,
        daily_budget=daily_budget,
        quiet_start=time.fromisoformat(quiet[0]) if quiet else None,
        quiet_end=time.fromisoformat(quiet[1]) if quiet else None,
        opted_in_at=timezone.now(),
        user=user,
    )


def assign(req: Request, mem: Member, *, slot: datetime | None = None, status: str = "planned") -> Assignment:
    return Assignment.objects.create(
        request=req, member=mem, slot_start=slot or timezone.now(), status=status
    )


def always_active() -> CollectiveSettings:
    """Active hours covering the whole day, so pacing tests do not depend on the wall clock."""
    cs = CollectiveSettings.get()
    cs.active_hours_start = time(0, 0)
    cs.active_hours_end = time(23, 59, 59)
    cs.save()
    return cs


def today_at(hour: int, minute: int = 0, *, days: int = 0) -> datetime:
    """`hour:minute` today (+ days) in the collective's time zone: freeze the clock (`frozen_now`)
    in a test that also lets the code under test read "today"."""
    tz = timezone.get_current_timezone()
    return datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, minute), tzinfo=tz)
