"""A small collective for the planning tests: requests, members with stored audiences, one fixed day.

DAY is fixed relative to tests.clock.TODAY; a test whose code reads the clock freezes it on DAY
(`frozen_on_day`), since "is this slot already past?" must not depend on when the suite runs.

Written straight through the ORM (fixtures, not the application's writes), except audiences, which go
through `do_store_audience` so follower ids are interned as in production.
"""

from __future__ import annotations

import itertools
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from colibri.relay.models import Member, NetworkAccount, Post, Request, RequestStatus
from colibri.tracking.actions import do_store_audience
from tests import clock

DAY = clock.TODAY + timedelta(days=5)  # a Tuesday: the week started the day before
assert DAY.isoweekday() == 2
_n = itertools.count(1)


def at(hour: int, minute: int = 0, *, day: date = DAY) -> datetime:
    return clock.local(day, hour, minute)


def frozen_on_day(hour: int = 7, minute: int = 0) -> AbstractContextManager[datetime]:
    """The clock stands at `hour:minute` on DAY in the collective's time zone: DAY's slots lie ahead."""
    return clock.freeze(at(hour, minute))


def followers(prefix: str, lo: int, hi: int) -> list[str]:
    return [f"did:plc:{prefix}{i}" for i in range(lo, hi)]


def account(handle: str = "", *, count: int | None = None, official: bool = False) -> NetworkAccount:
    i = next(_n)
    return NetworkAccount.objects.create(
        network="bluesky",
        remote_id=f"did:plc:pl{i}",
        handle=handle or f"pl{i}.test",
        followers_count=count,
        is_official=official,
    )


def request(
    *,
    region: str = "Auvergne-Rhône-Alpes",
    rome: str = "M1203",
    job: str = "Comptable",
    waited_days: int = 1,
    status: str = RequestStatus.APPROVED,
    handle: str = "",
) -> Request:
    seeker = account(handle)
    post = Post.objects.create(
        network="bluesky",
        uri=f"at://{seeker.remote_id}/app.bsky.feed.post/{next(_n)}",
        url=f"https://bsky.app/profile/{seeker.handle}/post/1",
        author=seeker,
        text=f"#PleaseRT #{job} #i4EmploiR",
    )
    created = at(8) - timedelta(days=waited_days)
    return Request.objects.create(
        post=post,
        status=status,
        eligible=True,
        category="seeker_request",
        job_title=job,
        rome_code=rome,
        region=region,
        created_at=created,
        decided_at=created,
    )


def member(
    handle: str = "",
    *,
    audience: list[str] | None = None,
    count: int | None = None,
    daily: int = 3,
    weekly: int = 15,
    regions: tuple[str, ...] = (),
    families: tuple[str, ...] = (),
    quiet: tuple[str, str] | None = None,
    mode: str = "notified",
    user: Any = None,
) -> Member:
    acc = account(handle, count=count)
    if audience is not None:
        do_store_audience(acc, audience)
    return Member.objects.create(
        account=acc,
        mode=mode,
        daily_budget=daily,
        weekly_budget=weekly,
        regions=list(regions),
        job_families=list(families),
        quiet_start=time.fromisoformat(quiet[0]) if quiet else None,
        quiet_end=time.fromisoformat(quiet[1]) if quiet else None,
        opted_in_at=at(7),
        user=user,
    )


@dataclass
class Collective:
    requests: list[Request]
    members: dict[str, Member]
    audiences: dict[str, list[str]] = field(default_factory=dict)  # handle -> follower ids


def collective() -> Collective:
    """3 requests, 5 members with overlapping audiences, a région-only and a family-only member,
    one count-only member and one without budget."""
    r_lyon = request(region="Auvergne-Rhône-Alpes", rome="M1203", waited_days=3, handle="seeker-lyon.test")
    r_rennes = request(
        region="Bretagne", rome="K2111", job="Formateur", waited_days=2, handle="seeker-rennes.test"
    )
    r_grenoble = request(region="Auvergne-Rhône-Alpes", rome="H1206", job="Ingénieur", waited_days=1)
    aud = {
        "alice.test": followers("f", 0, 120),
        "bob.test": followers("f", 60, 260),
        "chloe.test": followers("f", 200, 330),
        "dan.test": followers("g", 0, 80),
    }
    members = {
        "alice.test": member("alice.test", audience=aud["alice.test"], daily=1),
        "bob.test": member("bob.test", audience=aud["bob.test"], daily=2, regions=("Bretagne",)),
        "chloe.test": member("chloe.test", audience=aud["chloe.test"], daily=3, families=("M",)),
        "dan.test": member("dan.test", audience=aud["dan.test"], daily=3),
        "eve.test": member("eve.test", count=400, daily=2),
        "zoe.test": member("zoe.test", audience=followers("z", 0, 50), daily=0),
    }
    aud["zoe.test"] = followers("z", 0, 50)
    return Collective([r_lyon, r_rennes, r_grenoble], members, aud)
