"""Hand-made planner instances whose right answer can be checked by hand."""

from __future__ import annotations

from datetime import time, timedelta

import numpy as np
import pytest
from pyroaring import BitMap

from colibri.core.audience import AudienceIndex, FollowerProfile
from colibri.core.planner import PlanConfig, PlanMember, PlanRequest, fmt_int, plan
from colibri.core.reach import calibrate_population, expected_distinct, recompute, tracked_reach

from .planner_instances import NOW, SLOTS


def bm(*ranges: range) -> BitMap:
    out = BitMap()
    for r in ranges:
        out.update(r)
    return out


def cfg(**kw) -> PlanConfig:
    base = dict(now=NOW, slots=SLOTS, min_reach=0, min_fresh_share=0.0)
    base.update(kw)
    return PlanConfig(**base)


def req(rid: str, hours_ago: float, **kw) -> PlanRequest:
    return PlanRequest(rid, NOW - timedelta(hours=hours_ago), **kw)


def test_it_adds_the_member_with_the_most_new_followers_first() -> None:
    members = [
        PlanMember("a", audience=bm(range(10)), budget_day=1),
        PlanMember("b", audience=bm(range(5, 15)), budget_day=1),  # half of it overlaps a
        PlanMember("c", audience=bm(range(20, 27)), budget_day=1),
    ]
    result = plan([req("r", 5)], members, cfg())
    assert [a.member_id for a in result.assignments] == ["a", "c", "b"]
    assert [a.reach_added for a in result.assignments] == [10, 7, 5]
    assert result.total_reach == 22
    assert result.reach_by_request["r"].reach == 22


def test_it_tops_up_with_the_smallest_sufficient_audience_under_the_cap() -> None:
    # Minimum reach 5: the oldest request gets the smallest audience that reaches 5 on its own
    # (z, 8 people), which leaves x (10 people) to the next one. With cap 1, x is then spent: it
    # has nothing left to give the old request.
    members = [
        PlanMember("x", audience=bm(range(10)), budget_day=2),
        PlanMember("z", audience=bm(range(30, 38)), budget_day=1),
    ]
    requests = [req("old", 50), req("new", 2)]
    result = plan(requests, members, cfg(exposure_cap=1, min_reach=5))
    assert result.pairs() == [("old", "z"), ("new", "x")]
    assert [a.phase for a in result.assignments] == [1, 1]
    check = recompute(result.assignments, requests, members, result.config)
    assert check.max_exposure == 1
    assert {r: v.reach for r, v in check.by_request.items()} == {"old": 8, "new": 10}


def test_it_prefers_followers_in_the_request_region() -> None:
    index = AudienceIndex()
    for f in range(10, 17):
        index.describe(f, region="Bretagne")
    a = index.audience(range(10))
    b = index.audience(range(10, 17))
    profile = index.profile()
    members = [PlanMember("a", audience=a, budget_day=1), PlanMember("b", audience=b, budget_day=1)]
    request = req("r", 5, region="Bretagne", job_family="M1203")
    weighted = plan([request], members, cfg(relevance_bonus=1.0), profile)
    assert [x.member_id for x in weighted.assignments] == ["b", "a"]  # 7 x 2 beats 10 x 1
    first = weighted.assignments[0]
    assert first.relevant_added == 7 and first.relevance == 1.0
    assert first.explanation_fr.startswith("+7 abonnés nouveaux, dont 7 en Bretagne")
    unweighted = plan([request], members, cfg(relevance_bonus=0.0), profile)
    assert [x.member_id for x in unweighted.assignments] == ["a", "b"]


def test_it_keeps_quiet_hours_and_spreads_a_member_over_allowed_slots() -> None:
    members = [
        # Quiet 08:00-22:00 Paris: every slot of the day (09:00 … 21:00) is quiet.
        PlanMember("day", audience=bm(range(100)), quiet_hours=(time(8, 0), time(22, 0))),
        # Quiet 20:00-10:00 (wraps past midnight): only 12:30 and 18:00 are allowed.
        PlanMember(
            "night", audience=bm(range(100, 150)), budget_day=3, quiet_hours=(time(20, 0), time(10, 0))
        ),
    ]
    requests = [req("r1", 9), req("r2", 8), req("r3", 7)]
    result = plan(requests, members, cfg())
    assert {a.member_id for a in result.assignments} == {"night"}
    assert sorted(a.slot for a in result.assignments) == [SLOTS[1], SLOTS[2]]  # capacity 2, one per slot


def test_it_honours_preferences_locks_and_exclusions() -> None:
    members = [
        PlanMember("big", audience=bm(range(1000)), regions=frozenset({"Occitanie"})),
        PlanMember("mid", audience=bm(range(1000, 1300))),
        PlanMember("small", audience=bm(range(2000, 2010))),
    ]
    requests = [req("breizh", 10, region="Bretagne")]
    result = plan(requests, members, cfg(), locked=[("breizh", "small")], excluded=[("breizh", "mid")])
    assert result.pairs() == [("breizh", "small")]
    locked = result.assignments[0]
    assert locked.locked and locked.phase == 0
    assert locked.explanation_fr.startswith("Verrouillée par un coordinateur")


def test_it_does_not_count_the_seekers_own_followers() -> None:
    members = [
        PlanMember("overlap", audience=bm(range(50)), budget_day=1),
        PlanMember("other", audience=bm(range(100, 130)), budget_day=1),
    ]
    request = req("r", 5, seeker_followers=bm(range(45)))
    result = plan([request], members, cfg())
    assert result.assignments[0].member_id == "other"  # 30 new people beat 5
    assert result.reach_by_request["r"].reach == 35


def test_it_reports_count_only_members_as_estimates() -> None:
    members = [
        PlanMember("known", audience=bm(range(1000)), budget_day=1),
        PlanMember("counted", follower_count=400, budget_day=1),
    ]
    result = plan([req("r", 5)], members, cfg(population=4000.0))
    by_member = {a.member_id: a for a in result.assignments}
    est = by_member["counted"]
    assert est.estimate and est.reach_added == 0
    assert est.explanation_fr.startswith("≈ +")
    # 400 followers drawn from 4,000 people, 1,000 of whom already saw it: 300 expected new.
    assert result.reach_by_request["r"].estimated == pytest.approx(300.0)
    assert result.total_reach == 1000


def test_it_formats_numbers_the_french_way() -> None:
    assert fmt_int(1240) == "1\u202f240"
    assert fmt_int(12) == "12"


def test_it_rejects_naive_datetimes() -> None:
    from datetime import datetime

    with pytest.raises(ValueError, match="timezone-aware"):
        PlanConfig(now=datetime(2026, 11, 26, 8, 0))


def test_it_models_overlap_between_unknown_audiences() -> None:
    assert expected_distinct([500], 10_000) == pytest.approx(500)
    assert expected_distinct([500, 800], 10_000) == pytest.approx(500 + 800 - 500 * 800 / 10_000)
    assert expected_distinct([500, 800], 1e12) == pytest.approx(1300, rel=1e-6)  # no overlap
    assert expected_distinct([9_000, 9_000, 9_000], 10_000) <= 10_000
    assert expected_distinct([100] * 5, 1_000) < expected_distinct([100] * 6, 1_000)  # monotone


def test_it_calibrates_the_population_on_known_audiences() -> None:
    rng = np.random.default_rng(3)
    audiences = [
        BitMap(rng.choice(20_000, size=int(n), replace=False).astype(np.uint32))
        for n in rng.integers(200, 3_000, 40)
    ]
    assert calibrate_population(audiences) == pytest.approx(20_000, rel=0.05)


def test_it_tracks_the_reach_of_everyone_who_reposted() -> None:
    exact, estimated = tracked_reach([bm(range(100)), bm(range(50, 180))])
    assert (exact, estimated) == (180, 0.0)
    exact, estimated = tracked_reach([bm(range(100))], follower_counts=[50], population=1_000)
    assert exact == 100 and estimated == pytest.approx(50 * 0.9)


def test_it_builds_profiles_from_network_ids() -> None:
    index = AudienceIndex()
    audience = index.audience(["did:a", "did:b", "did:a"])
    index.describe("did:b", region="Bretagne", family="M")
    profile = index.profile()
    assert len(audience) == 2 and profile.size == 2
    assert profile.region.tolist() == [-1, 0] and profile.family_codes("M1203") == (0,)
    assert isinstance(profile, FollowerProfile)


def test_it_never_takes_back_the_minimum_reach_for_a_more_relevant_request() -> None:
    # Cap 1. Followers 0-9 live in Bretagne. The old request (no région) gets them in phase 1;
    # the Breton request would value them more, but a fairness credit is never taken back.
    index = AudienceIndex()
    for f in range(10):
        index.describe(f, region="Bretagne")
    members = [
        PlanMember("a", audience=index.audience(range(10)), budget_day=1),
        PlanMember("b", audience=index.audience(range(10)), budget_day=1),
        PlanMember("c", audience=index.audience(range(100, 110)), budget_day=1),
    ]
    requests = [req("old", 50), req("breizh", 2, region="Bretagne")]
    result = plan(requests, members, cfg(exposure_cap=1, min_reach=10), index.profile())
    assert result.pairs() == [("old", "a"), ("breizh", "c")]
    final = recompute(result.assignments, requests, members, result.config, index.profile())
    assert final.by_request["old"].reach == 10
    assert result.stats["below_min_reach"] == []


def test_it_assigns_members_only_on_their_own_network() -> None:
    members = [
        PlanMember("masto", audience=bm(range(0, 500)), budget_day=3, network="mastodon"),
        PlanMember("sky", audience=bm(range(500, 600)), budget_day=3, network="bluesky"),
    ]
    requests = [req("bsky-post", 5, network="bluesky"), req("masto-post", 4, network="mastodon")]
    result = plan(requests, members, cfg())
    assert sorted(result.pairs()) == [("bsky-post", "sky"), ("masto-post", "masto")]
    assert not members[0].accepts(requests[0]) and members[0].accepts(requests[1])


def test_it_plans_nothing_without_members_or_requests() -> None:
    # The fairness phase used to take the argmax of an empty row: "argmax of an empty sequence".
    starving = plan([req("r", 5)], [], cfg(min_reach=300))
    assert starving.assignments == [] and starving.stats["below_min_reach"] == ["r"]
    assert plan([], [PlanMember("m", follower_count=10)], cfg()).assignments == []
    assert plan([], [], cfg()).total_reach == 0
