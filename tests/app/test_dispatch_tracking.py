"""Tracking after dispatch: stored audiences, reach with how it was computed, engagement snapshots,
members seen reposting, per-member stats and the request timeline."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from colibri.networks.base import Author, Network, Page, PostEngagement
from colibri.relay.models import Assignment, EngagementSnapshot, OutboxKind
from colibri.relay.outbox import queueing
from colibri.tracking.actions import Engagement, do_record_engagement, do_store_audience, estimate_reach
from colibri.tracking.collect import track_requests
from colibri.tracking.stats import member_stats, request_timeline

from . import dispatch_factories as f

pytestmark = pytest.mark.django_db


def test_it_estimates_reach_from_stored_audiences_and_says_how() -> None:
    a, b = f.account(did="did:plc:a"), f.account(did="did:plc:b")
    f.account(did="did:plc:c", followers=100)  # follower list never fetched: count only
    do_store_audience(a, ["did:plc:f1", "did:plc:f2", "did:plc:f3"])
    do_store_audience(b, ["did:plc:f2", "did:plc:f3", "did:plc:f4", "did:plc:f4"])
    exact_only = estimate_reach("bluesky", ["did:plc:a", "did:plc:b"])
    assert (exact_only.estimate, exact_only.exact, exact_only.estimated_extra) == (4, 4, 0)
    reach = estimate_reach("bluesky", ["did:plc:a", "did:plc:b", "did:plc:c", "did:plc:stranger"])
    assert reach.exact == 4
    assert 50 < reach.estimated_extra <= 100  # a 100-follower account adds most of its followers
    assert reach.estimate == 4 + reach.estimated_extra
    assert "union exacte" in reach.method and "1 compte(s) connus seulement" in reach.method
    assert "1 compte(s) sans information" in reach.method


def test_it_records_a_snapshot_and_sees_notified_members_repost() -> None:
    req = f.approved_request(status="relayed")
    notified = f.member(did="did:plc:notified", mode="notified")
    idle = f.member(did="did:plc:idle", mode="notified")
    seen = f.assign(req, notified)
    unseen = f.assign(req, idle)
    snap = do_record_engagement(
        req,
        Engagement(reposts=3, likes=7, replies=1, quotes=0, reposted_by=("did:plc:notified", "did:plc:x")),
    )
    assert (snap.reposts, snap.likes, snap.replies) == (3, 7, 1)
    assert snap.reposted_by == ["did:plc:notified", "did:plc:x"]
    assert Assignment.objects.get(pk=seen.pk).status == "done"
    assert Assignment.objects.get(pk=unseen.pk).status == "planned"


class Counting(Network):
    name = "counting"

    def __init__(self, reposters: list[str]):
        self.reposters = reposters
        self.calls = 0

    def stream(self, cursor: str | None = None):  # type: ignore[no-untyped-def]
        return iter(())

    def get_post_engagement(self, uri: str) -> PostEngagement:
        self.calls += 1
        return PostEngagement(reposts=len(self.reposters), likes=2, replies=0, quotes=1)

    def reposted_by(self, uri: str, cursor: str | None = None) -> Page:
        start = int(cursor or 0)
        items = [Author(id=r, handle=r) for r in self.reposters[start : start + 2]]
        nxt = str(start + 2) if start + 2 < len(self.reposters) else None
        return Page(items=items, cursor=nxt)


def test_it_takes_snapshots_of_relayed_requests_reading_every_page_of_reposters() -> None:
    f.account(official=True)
    req = f.approved_request(status="amplified")
    f.approved_request(status="approved")  # not relayed yet: nothing to measure
    net = Counting(["did:plc:r1", "did:plc:r2", "did:plc:r3", "did:plc:r4", "did:plc:r5"])
    assert track_requests(lambda acc: net) == 1
    snap = EngagementSnapshot.objects.get(request=req)
    assert snap.reposted_by == ["did:plc:r1", "did:plc:r2", "did:plc:r3", "did:plc:r4", "did:plc:r5"]
    assert (snap.reposts, snap.quotes) == (5, 1)
    assert track_requests(lambda acc: net) == 0  # measured a moment ago
    assert track_requests(lambda acc: net, now=timezone.now() + timedelta(hours=1)) == 1


def test_it_counts_each_members_assignments_and_donations() -> None:
    m, other = f.member(), f.member()
    reqs = [f.approved_request() for _ in range(5)]
    f.assign(reqs[0], m, status="done").__class__.objects.filter(request=reqs[0]).update(
        done_at=timezone.now() - timedelta(days=8)
    )
    f.assign(reqs[1], m, status="done").__class__.objects.filter(request=reqs[1]).update(
        done_at=timezone.now()
    )
    f.assign(reqs[2], m, status="skipped")
    f.assign(reqs[3], m, status="cancelled")
    f.assign(reqs[4], m)
    stats = member_stats([m, other])
    s = stats[m.pk]
    assert (s.assigned, s.done, s.skipped, s.donated_this_week, s.donated_total) == (4, 2, 1, 1, 2)
    assert stats[other.pk].assigned == 0


def test_it_shows_a_request_timeline_up_to_its_last_repost(tmp_path: Path) -> None:
    from colibri.relay.dispatch import DispatchConfig, Dispatcher

    from .dispatch_fakenet import FakeNetwork, init_ledger

    ledger = tmp_path / "l.sqlite3"
    init_ledger(ledger)
    req = f.approved_request()
    acc = f.account(handle="lea.test")
    queueing.do_queue_action(kind=OutboxKind.REPOST, account=acc, target_uri=req.post.uri, request=req)
    Dispatcher(lambda a: FakeNetwork(a.remote_id, ledger), config=DispatchConfig()).run_once(plan=False)
    whats = [e["what"] for e in request_timeline(req)]
    assert whats == ["action programmée", "repartagée par @lea.test"]


class ReposterListOnly(Counting):
    def get_post_engagement(self, uri: str) -> PostEngagement:
        return Network.get_post_engagement(self, uri)  # this network has no counts


def test_it_still_records_who_reposted_when_the_network_has_no_counts() -> None:
    f.account(official=True)
    req = f.approved_request(status="relayed")
    assert track_requests(lambda acc: ReposterListOnly(["did:plc:r1", "did:plc:r2", "did:plc:r3"])) == 1
    snap = EngagementSnapshot.objects.get(request=req)
    assert (snap.reposts, snap.likes) == (3, 0)
    assert snap.reposted_by == ["did:plc:r1", "did:plc:r2", "did:plc:r3"]
