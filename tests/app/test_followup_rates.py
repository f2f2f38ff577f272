"""Success rates checked against values computed by hand (Wilson 95% intervals from published tables)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse

from colibri.followup.rates import Row, median, rates_for, success_rates, wilson

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)  # a fixed origin: only differences matter


def _rows() -> list[Row]:
    """10 relayed: 3 hired (after 10, 20, 40 days), 2 still searching, 5 silent.
    6 in Auvergne-Rhône-Alpes (family M), 4 in Bretagne (family J)."""
    spec = [
        ("hired", 10, "Auvergne-Rhône-Alpes", "M"),
        ("hired", 20, "Auvergne-Rhône-Alpes", "M"),
        ("hired", 40, "Bretagne", "J"),
        ("searching", 30, "Auvergne-Rhône-Alpes", "M"),
        ("searching", 30, "Bretagne", "J"),
        ("", 0, "Auvergne-Rhône-Alpes", "M"),
        ("", 0, "Auvergne-Rhône-Alpes", "M"),
        ("", 0, "Auvergne-Rhône-Alpes", "M"),
        ("", 0, "Bretagne", "J"),
        ("", 0, "Bretagne", "J"),
    ]
    return [
        Row(T0, outcome, T0 + timedelta(days=days) if outcome else None, region, family)
        for outcome, days, region, family in spec
    ]


def test_it_computes_wilson_intervals_like_the_tables() -> None:
    # 3/10 -> [0.1078, 0.6032]; 5/10 -> [0.2366, 0.7634]; 3/5 -> [0.2307, 0.8824]; 0/10 -> [0, 0.2775]
    for (k, n), expected in {
        (3, 10): (0.1078, 0.6032),
        (5, 10): (0.2366, 0.7634),
        (3, 5): (0.2307, 0.8824),
        (0, 10): (0.0, 0.2775),
    }.items():
        low, high = wilson(k, n)
        assert (round(low, 4), round(high, 4)) == expected
    assert wilson(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson(4, 3)
    assert median([40, 10, 20]) == 20 and median([1, 2, 3, 4]) == 2.5 and median([]) is None


def test_it_reports_hired_over_answered_and_over_relayed_with_their_intervals() -> None:
    rates = rates_for(_rows())
    assert (rates.relayed, rates.answered, rates.hired) == (10, 5, 3)
    assert rates.hired_of_answered.as_dict() == {"k": 3, "n": 5, "value": 0.6, "low": 0.2307, "high": 0.8824}
    assert rates.hired_of_relayed.as_dict() == {"k": 3, "n": 10, "value": 0.3, "low": 0.1078, "high": 0.6032}
    assert rates.response_rate.as_dict() == {"k": 5, "n": 10, "value": 0.5, "low": 0.2366, "high": 0.7634}
    assert rates.median_days_to_hire == 20.0


def test_it_hides_cells_of_fewer_than_five_people() -> None:
    rates = rates_for(_rows())
    assert set(rates.by_region) == {"Auvergne-Rhône-Alpes", "Bretagne"}
    assert rates.by_region["Bretagne"] is None  # 4 people
    ara = rates.by_region["Auvergne-Rhône-Alpes"]
    assert ara is not None and (ara.relayed, ara.answered, ara.hired) == (6, 3, 2)
    assert rates.by_family["J"] is None and rates.by_family["M"] is not None


@pytest.mark.django_db
def test_it_shows_the_rates_to_volunteers(make_request, client: Any, moderator: Any, member: Any) -> None:
    from colibri.relay.models import Request

    made = []
    for i, (outcome, days) in enumerate([("hired", 10), ("searching", 5), ("", 0), ("", 0)]):
        made.append(make_request(author_id=f"did:plc:r{i}", handle=f"r{i}.bsky.social"))
        # Shaping rows straight in the table: the rates read only these columns.
        Request.objects.filter(pk=made[-1].pk).update(
            relayed_at=T0, outcome=outcome, outcome_at=T0 + timedelta(days=days) if outcome else None
        )
    assert success_rates().as_dict()["hired_of_relayed"]["value"] == 0.25
    client.force_login(moderator)
    html = client.get(reverse("followup:rates")).content.decode()
    assert "Taux de réponse" in html and "25 % [5 – 70 %] (1/4)" in html
    client.force_login(member)
    assert client.get(reverse("followup:rates")).status_code == 403
