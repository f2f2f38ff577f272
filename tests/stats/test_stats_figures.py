"""The statistics of a period against the figures computed by hand in tests/stats/conftest.py."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from colibri.core.aggregates import quantiles, shown, wilson
from colibri.stats import queries


@pytest.fixture
def november() -> queries.Period:
    return queries.month_period(2026, 11)


def test_it_computes_the_wilson_interval_and_quantiles_by_hand() -> None:
    p = wilson(2, 4)
    assert p.rate == 0.5
    assert p.low == pytest.approx(0.15003, abs=1e-4) and p.high == pytest.approx(0.84997, abs=1e-4)
    assert wilson(0, 10).low == 0.0 and wilson(0, 10).high == pytest.approx(0.27753, abs=1e-4)
    assert quantiles([2, 4, 6, 8, 10, 12]) == [4.5, 7.0, 9.5, 11.0]
    assert quantiles([]) is None
    assert shown(4) is None and shown(5) == 5
    with pytest.raises(ValueError):
        wilson(5, 4)


def test_it_counts_the_funnel_categories_and_weeks_of_the_period(world, november) -> None:
    r = queries.compute(november)
    assert r.funnel == {"detected": 10, "eligible": 7, "relayed": 6, "answered": 4, "hired": 2}
    assert (r.outcome.k, r.outcome.n) == (2, 4)
    assert r.followed_up == 5  # r1-r4 and r6 have an outcome recorded, r5 not yet
    assert r.outcome_counts == {"hired": 2, "searching": 1, "no_answer": 1, "withdrawn": 1}
    cats = {c: (n, ok) for c, n, ok in r.categories}
    assert cats == {"seeker_request": (8, 7), "job_offer": (1, 0), "internship_request": (1, 0)}
    # Weeks start on Monday: 2 Nov (r1, r2), 9 Nov (r3, r4), 16 Nov (r5, r6), 23 Nov (e1, n1..n3).
    weeks = {str(day): counts for day, counts in r.weekly}
    assert weeks == {
        "2026-11-02": {"outcome": 2},
        "2026-11-09": {"outcome": 2},
        "2026-11-16": {"relayed": 1, "outcome": 1},
        "2026-11-23": {"approved": 1, "ineligible": 2, "needs_review": 1},
    }
    assert r.networks == {"bluesky": 9, "mastodon": 1}


def test_it_computes_the_distributions_of_delay_and_engagement(world, november) -> None:
    r = queries.compute(november)
    assert r.relay_delay_hours.count == 6
    assert r.relay_delay_hours.quantiles == pytest.approx((4.5, 7.0, 9.5, 11.0))
    assert r.relay_delay_hours.mean == pytest.approx(7.0)
    # Best snapshot per relayed request (an undo later lowered the last one); r5 has none.
    assert r.reposts.count == 5 and r.reposts.total == 100
    assert r.reposts.quantiles == pytest.approx((10, 20, 30, 36))
    assert r.likes.quantiles == pytest.approx((10, 20, 30, 36))
    assert r.reach.median == pytest.approx(2000)


def test_it_breaks_figures_down_by_region_family_and_departement(world, november) -> None:
    r = queries.compute(november)
    regions = {b.key: b for b in r.regions}
    assert (regions["Bretagne"].seekers, regions["Bretagne"].relayed, regions["Bretagne"].hired) == (8, 4, 2)
    assert regions["Bretagne"].eligible == 5
    assert (regions["Auvergne-Rhône-Alpes"].requests, regions["Auvergne-Rhône-Alpes"].relayed) == (2, 2)
    families = {b.key: b.requests for b in r.families}
    assert families == {"M": 8, "J": 2}
    deps = {b.key: b.requests for b in r.departements}
    assert deps == {"35": 7, "69": 2, "29": 1}


def test_it_counts_members_donations_and_audiences(world, november) -> None:
    r = queries.compute(november)
    assert r.members_active == 2
    assert r.reposts_donated == 4
    assert r.audience.count == 2 and r.audience.median == pytest.approx(1000)


def test_it_caches_the_report_of_a_period(world, november, django_assert_num_queries) -> None:
    queries.report(november)
    with django_assert_num_queries(0):
        assert queries.report(november).funnel["detected"] == 10


def test_it_folds_new_snapshots_into_the_per_request_best_and_never_lowers_it(world, november) -> None:
    from colibri.relay.models import EngagementSnapshot
    from colibri.stats.models import RequestEngagement

    queries.refresh_engagement()
    r1 = world.relayed[0]
    assert RequestEngagement.objects.get(request=r1).reposts == 10
    EngagementSnapshot.objects.create(
        request=r1, taken_at=r1.relayed_at, reposts=3, likes=1, reach_estimate=5
    )
    queries.refresh_engagement()
    assert RequestEngagement.objects.get(request=r1).reposts == 10  # a lower measure later: still 10
    EngagementSnapshot.objects.create(
        request=r1, taken_at=r1.relayed_at, reposts=60, likes=1, reach_estimate=5
    )
    queries.refresh_engagement()
    best = RequestEngagement.objects.get(request=r1)
    assert (best.reposts, best.likes, best.reach) == (60, 20, 1000)
    assert queries.compute(november).reposts.quantiles[-1] == pytest.approx(52.0)  # 0, 20, 30, 40, 60


def test_it_serves_a_stale_report_at_once_and_refreshes_it_in_the_background(
    transactional_db, settings, make_request
) -> None:
    """After its freshness, readers get the stale copy without waiting; one thread recomputes it."""
    from datetime import UTC, datetime

    settings.COLIBRI_STATS_CACHE_SECONDS = 0  # every copy is stale as soon as it is stored
    period = queries.month_period(2026, 11)
    make_request(created=datetime(2026, 11, 2, 12, tzinfo=UTC), relayed_after_h=2)
    assert queries.report(period).funnel["detected"] == 1  # nothing cached: computed while waiting
    make_request(created=datetime(2026, 11, 3, 12, tzinfo=UTC), relayed_after_h=2)
    thread = queries.refresh_in_background(period)  # what report() starts for a stale copy
    assert thread is not None
    assert queries.refresh_in_background(period) is None  # one refresher per period at a time
    thread.join(timeout=30)
    assert queries.report(period).funnel["detected"] == 2  # the refreshed copy (a new refresh starts)
    deadline = time.monotonic() + 30

    def wait_for_refresher() -> None:
        while cache.get(queries.cache_key(period) + ":refreshing") and time.monotonic() < deadline:
            time.sleep(0.05)

    # Let that refresher finish before writing: SQLite's shared in-memory test database locks a whole
    # table while another thread reads it ("database table is locked", seen once in CI-like runs).
    wait_for_refresher()
    make_request(created=datetime(2026, 11, 4, 12, tzinfo=UTC), relayed_after_h=2)
    seen = queries.report(period).funnel["detected"]
    assert seen in (2, 3)  # served at once: the stale copy, or the one a refresh just stored
    while seen != 3 and time.monotonic() < deadline:
        time.sleep(0.05)
        seen = queries.report(period).funnel["detected"]
    assert seen == 3
    # Let the last refresher finish before the test database is emptied under it.
    settings.COLIBRI_STATS_CACHE_SECONDS = 3600
    wait_for_refresher()
