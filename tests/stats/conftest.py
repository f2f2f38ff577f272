"""A small, fully known world for the statistics, infographics and board tests.

Written straight through the ORM (fixtures, not the application's writes). Every figure the tests
expect is computed by hand in the comments of `world`, for November 2026 (the collective's local days).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from colibri.relay.models import (
    Assignment,
    Audience,
    EngagementSnapshot,
    Member,
    NetworkAccount,
    Post,
    Request,
)
from tests.clock import local

_n = itertools.count(1)


def at(day: int, hour: int = 13, month: int = 11) -> datetime:
    """`hour` on that day in the collective's time zone: the periods are local days, so the world's
    figures hold whatever zone the test command runs the collective in."""
    return local(date(2026, month, day), hour)


def account(network: str = "bluesky", followers: int = 100, **extra: Any) -> NetworkAccount:
    i = next(_n)
    return NetworkAccount.objects.create(
        network=network,
        remote_id=f"did:plc:s{i}",
        handle=f"person{i}.test",
        followers_count=followers,
        **extra,
    )


def request(
    *,
    created: datetime,
    status: str = "relayed",
    category: str = "seeker_request",
    eligible: bool = True,
    region: str = "Bretagne",
    departement: str = "35",
    rome: str = "M1203",
    relayed_after_h: float | None = None,
    outcome: str = "",
    network: str = "bluesky",
    author: NetworkAccount | None = None,
    text: str = "#PleaseRT #Comptable #Rennes #i4EmploiR",
) -> Request:
    i = next(_n)
    author = author or account(network)
    uri = {
        "bluesky": f"at://{author.remote_id}/app.bsky.feed.post/p{i}",
        "mastodon": f"https://piaille.fr/@{author.handle}/{i}",
        "x": f"x:18680000{i}",
    }[network]
    url = {
        "bluesky": f"https://bsky.app/profile/{author.handle}/post/p{i}",
        "mastodon": f"https://piaille.fr/@{author.handle}/{i}",
        "x": f"https://x.com/{author.handle}/status/18680000{i}",
    }[network]
    post = Post.objects.create(
        network=network, uri=uri, url=url, author=author, text=text, posted_at=created - timedelta(hours=1)
    )
    return Request.objects.create(
        post=post,
        status=status,
        category=category,
        eligible=eligible,
        job_title="Comptable",
        rome_code=rome,
        region=region,
        departement=departement,
        commune="Rennes",
        created_at=created,
        relayed_at=(post.posted_at + timedelta(hours=relayed_after_h))
        if relayed_after_h is not None
        else None,
        outcome=outcome,
    )


@dataclass
class World:
    relayed: list[Request] = field(default_factory=list)
    others: list[Request] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)


@pytest.fixture
def world(db: None) -> World:
    """November 2026 (all created at 13:00 in the collective's time zone, on the days below):

    relayed (eligible, Bretagne 35 unless said), hours from post to relay, outcome, best snapshot:
      r1  2 Nov  h=2   hired      reposts 10 likes 20 reach 1000
      r2  3 Nov  h=4   hired      reposts 20 likes 10 reach 2000
      r3  9 Nov  h=6   searching  reposts 30 likes 30 reach 3000
      r4 10 Nov  h=8   no_answer  reposts 40 likes 40 reach 4000
      r5 16 Nov  h=10  ""         (no snapshot)            Auvergne-Rhône-Alpes 69, ROME J1506
      r6 17 Nov  h=12  withdrawn  reposts 0 likes 0 reach 0 Mastodon, Auvergne-Rhône-Alpes 69, J1506
    others:
      e1 23 Nov approved (eligible, not relayed yet), Bretagne 29
      n1 23 Nov ineligible job_offer; n2 24 Nov ineligible internship_request; n3 24 Nov needs_review
      (eligible False, category seeker_request); z1 on 1 Dec (outside November); z2 on 31 Oct.
    => detected 10, eligible 7, relayed 6, answered 4 (hired 2, searching 1, withdrawn 1), hired 2.
       Wilson(2, 4): 0.1500…–0.8500… (symmetric around 0.5).
       delay hours 2,4,6,8,10,12: q25 4.5, median 7, q75 9.5, q90 11; mean 7.
       reposts over r1..r4,r6: 0,10,20,30,40: q25 10, median 20, q75 30, q90 36.
    members: m1 (3 done in November, 1 done in October), m2 (1 done in November, 1 planned), m3 paused
    with nothing done; audiences m1 500, m2 1500, m3 9000 (paused: not counted): active donors 2,
    reposts donated 4, audience quantiles over 500, 1500: median 1000.
    """
    w = World()
    plan = [
        (2, 2, "hired", (10, 20, 1000), "Bretagne", "35", "M1203", "bluesky"),
        (3, 4, "hired", (20, 10, 2000), "Bretagne", "35", "M1607", "bluesky"),
        (9, 6, "searching", (30, 30, 3000), "Bretagne", "35", "M1203", "bluesky"),
        (10, 8, "no_answer", (40, 40, 4000), "Bretagne", "35", "M1203", "bluesky"),
        (16, 10, "", None, "Auvergne-Rhône-Alpes", "69", "J1506", "bluesky"),
        (17, 12, "withdrawn", (0, 0, 0), "Auvergne-Rhône-Alpes", "69", "J1506", "mastodon"),
    ]
    for day, hours, outcome, best, region, dep, rome, network in plan:
        status = "outcome" if outcome else "relayed"
        r = request(
            created=at(day),
            status=status,
            relayed_after_h=hours,
            outcome=outcome,
            region=region,
            departement=dep,
            rome=rome,
            network=network,
        )
        if best is not None:
            reposts, likes, reach = best
            # An earlier, smaller snapshot and a later one after an undo: the best one counts.
            for offset, scale in ((1, 0.5), (3, 1.0), (30, 0.8)):
                EngagementSnapshot.objects.create(
                    request=r,
                    taken_at=r.relayed_at + timedelta(hours=offset),
                    reposts=int(reposts * scale),
                    likes=int(likes * scale),
                    reach_estimate=int(reach * scale),
                    reposted_by=[],
                )
        w.relayed.append(r)
    w.others += [
        request(created=at(23), status="approved", departement="29"),
        request(created=at(23), status="ineligible", category="job_offer", eligible=False),
        request(created=at(24), status="ineligible", category="internship_request", eligible=False),
        request(created=at(24), status="needs_review", eligible=False),
        request(created=at(1, month=12), status="approved"),
        request(created=at(31, month=10), status="approved"),
    ]
    for followers, member_status, done_nov, done_oct, planned in (
        (500, "active", 3, 1, 0),
        (1500, "active", 1, 0, 1),
        (9000, "paused", 0, 0, 0),
    ):
        acc = account(followers=followers, is_member=True)
        m = Member.objects.create(account=acc, status=member_status, opted_in_at=at(1, month=10))
        Audience.objects.create(account=acc, bitmap=b"", size=followers)
        targets = iter(w.relayed)
        for _ in range(done_nov):
            Assignment.objects.create(
                request=next(targets), member=m, slot_start=at(5), status="done", done_at=at(5)
            )
        for _ in range(done_oct):
            Assignment.objects.create(
                request=next(targets),
                member=m,
                slot_start=at(30, month=10),
                status="done",
                done_at=at(30, month=10),
            )
        for _ in range(planned):
            Assignment.objects.create(request=next(targets), member=m, slot_start=at(20), status="planned")
        w.members.append(m)
    return w


@pytest.fixture(autouse=True)
def _fresh_stats_cache() -> None:
    """Reports are cached per period: one test's world must not answer for the next one's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_request(db: None) -> Any:
    return request
