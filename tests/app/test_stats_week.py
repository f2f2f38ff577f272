"""The week panel on the home pages: this week's requests, relays and hires, counted by date."""

from __future__ import annotations

from datetime import timedelta

import pytest

from colibri.relay.models import EngagementSnapshot, Request
from colibri.stats import engagement
from colibri.tracking import stats as tracking
from tests import clock

from .views_support import make_review_request

pytestmark = pytest.mark.django_db


def test_it_counts_this_weeks_requests_relays_and_hires_and_nothing_from_the_week_before() -> None:
    with clock.freeze(clock.NOW):
        start = tracking.week_start(clock.NOW)
        inside, before = start + timedelta(hours=1), start - timedelta(hours=1)
        made = {name: make_review_request() for name in ("new", "old", "relayed_old", "hired_now")}
        Request.objects.filter(pk=made["new"].pk).update(created_at=inside, relayed_at=inside)
        Request.objects.filter(pk=made["old"].pk).update(created_at=before, relayed_at=before)
        Request.objects.filter(pk=made["relayed_old"].pk).update(created_at=before, relayed_at=inside)
        Request.objects.filter(pk=made["hired_now"].pk).update(
            created_at=before, outcome="hired", outcome_at=inside
        )
        Request.objects.filter(pk=made["old"].pk).update(outcome="hired", outcome_at=before)
        week = engagement.week(clock.NOW)
    assert (week.detected, week.relayed, week.hired) == (1, 2, 1)


def test_it_sums_the_best_reach_of_each_request_relayed_this_week_and_counts_again_later() -> None:
    with clock.freeze(clock.NOW):
        start = tracking.week_start(clock.NOW)
        inside, before = start + timedelta(hours=1), start - timedelta(hours=1)
        now, old, silent = (make_review_request() for _ in range(3))
        Request.objects.filter(pk__in=[now.pk, silent.pk]).update(relayed_at=inside)
        Request.objects.filter(pk=old.pk).update(relayed_at=before)
        assert engagement.week(clock.NOW).reach == 0  # relayed, not measured yet
        for req, reach in ((now, 120), (now, 340), (now, 200), (old, 5000)):
            EngagementSnapshot.objects.create(request=req, taken_at=inside, reach_estimate=reach)
        # The same statement, read again: the figures of this moment, not of the first view.
        assert (engagement.week(clock.NOW).reach, engagement.week(clock.NOW).relayed) == (340, 2)
