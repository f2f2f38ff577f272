"""The week panel on the home pages: this week's requests, relays and hires, counted by date."""

from __future__ import annotations

from datetime import timedelta

import pytest

from colibri.relay.models import Request
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
