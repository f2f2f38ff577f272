"""The review queue: what is awaiting, in which order, filters, search, pages, query count."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from colibri.relay.models import Request

from .views_support import make_review_request

pytestmark = pytest.mark.django_db


def _ids(response: Any) -> list[int]:
    """Request ids of the cards, in page order."""
    return [
        int(x) for x in re.findall(r'<article class="card[^"]*" id="req-(\d+)"', response.content.decode())
    ]


@pytest.fixture
def reviewer(client: Any, moderator: Any) -> Any:
    client.force_login(moderator)
    return client


def test_it_lists_only_requests_awaiting_a_decision(reviewer: Any) -> None:
    awaiting = [make_review_request(status=s) for s in ("needs_review", "eligible", "ineligible")]
    for status in ("approved", "rejected", "withdrawn", "erased", "detected", "relayed"):
        make_review_request(status=status)
    # Defensive: a row marked decided never shows, whatever its status says.
    make_review_request(status="eligible", decided_at=awaiting[0].created_at)
    response = reviewer.get("/")
    assert sorted(_ids(response)) == sorted(r.pk for r in awaiting)
    assert response.context["page_obj"].paginator.count == 3


def test_it_shows_the_oldest_request_first(reviewer: Any) -> None:
    newest = make_review_request(minutes=300)
    oldest = make_review_request(minutes=-300)
    middle = make_review_request(minutes=0)
    assert _ids(reviewer.get("/")) == [oldest.pk, middle.pk, newest.pk]


def test_it_filters_by_status_category_region_and_network(reviewer: Any) -> None:
    a = make_review_request(
        status="eligible", category="seeker_request", region="Bretagne", network="bluesky"
    )
    b = make_review_request(status="ineligible", category="job_offer", region="Bretagne", network="mastodon")
    c = make_review_request(
        status="needs_review", category="freelance", region="Normandie", network="mastodon"
    )
    assert _ids(reviewer.get("/", {"status": "ineligible"})) == [b.pk]
    assert _ids(reviewer.get("/", {"category": "freelance"})) == [c.pk]
    assert _ids(reviewer.get("/", {"region": "Bretagne"})) == [a.pk, b.pk]
    assert _ids(reviewer.get("/", {"network": "mastodon"})) == [b.pk, c.pk]
    assert _ids(reviewer.get("/", {"network": "mastodon", "region": "Bretagne"})) == [b.pk]


def test_it_offers_only_regions_that_have_something_to_review(reviewer: Any) -> None:
    make_review_request(region="Bretagne")
    make_review_request(region="Occitanie", status="approved")
    choices = [value for value, _label in reviewer.get("/").context["form"].fields["region"].choices]
    assert choices == ["", "Bretagne"]


def test_it_ignores_an_invalid_filter_value_instead_of_hiding_everything(reviewer: Any) -> None:
    a = make_review_request(network="bluesky")
    b = make_review_request(network="x")
    assert _ids(reviewer.get("/", {"status": "approved", "network": "x"})) == [b.pk]
    assert _ids(reviewer.get("/", {"region": "Atlantide"})) == [a.pk, b.pk]


def test_it_searches_text_and_handles(reviewer: Any) -> None:
    baker = make_review_request(
        text="#PleaseRT Boulangère cherche CDI à #Brest #i4EmploiR", handle="anne.bsky.social"
    )
    welder = make_review_request(
        text="#PleaseRT Soudeur cherche CDD #Nantes #i4EmploiR", handle="paul.example"
    )
    assert _ids(reviewer.get("/", {"q": "boulangère"})) == [baker.pk]
    assert _ids(reviewer.get("/", {"q": "@paul.exa"})) == [welder.pk]
    assert _ids(reviewer.get("/", {"q": "paul"})) == [welder.pk]
    assert _ids(reviewer.get("/", {"q": "plombier"})) == []
    assert "Aucune demande ne correspond" in reviewer.get("/", {"q": "plombier"}).content.decode()


def test_it_paginates_and_keeps_the_filters_in_page_links(reviewer: Any) -> None:
    made = [make_review_request(region="Bretagne") for _ in range(23)]
    make_review_request(region="Normandie")
    first = reviewer.get("/", {"region": "Bretagne"})
    assert _ids(first) == [r.pk for r in made[:20]]
    html = first.content.decode()
    assert "?region=Bretagne&amp;page=2" in html
    second = reviewer.get("/", {"region": "Bretagne", "page": 2})
    assert _ids(second) == [r.pk for r in made[20:]]
    # An out-of-range page shows the last page rather than an error.
    assert _ids(reviewer.get("/", {"region": "Bretagne", "page": 99})) == [r.pk for r in made[20:]]


def test_it_runs_the_same_number_of_queries_for_2_or_20_cards(reviewer: Any) -> None:
    for _ in range(2):
        make_review_request()
    reviewer.get("/")  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as few:
        assert len(_ids(reviewer.get("/"))) == 2
    for _ in range(18):
        make_review_request()
    with CaptureQueriesContext(connection) as many:
        assert len(_ids(reviewer.get("/"))) == 20
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_shows_everything_needed_to_decide_on_the_card(reviewer: Any) -> None:
    make_review_request(
        text="Ligne un\nLigne deux https://www.linkedin.com/in/claire-martin.",
        handle="claire.bsky.social",
        bio="Assistante RH en recherche #i4EmploiR",
        followers=1234,
        url="https://bsky.app/profile/claire.bsky.social/post/3k",
        image_alt="Mes compétences : paie, recrutement",
        confidence=0.87,
        reasons=["Hashtag #i4EmploiR présent"],
        job_title="Assistante RH",
        rome_code="M1501",
        rome_label="Assistanat en ressources humaines",
        commune="Rennes",
        departement="35",
        region="Bretagne",
        contracts=["CDI", "CDD"],
        feedback=["Précisez la ville recherchée."],
    )
    html = reviewer.get("/").content.decode()
    assert "@claire.bsky.social" in html
    assert "Assistante RH en recherche #i4EmploiR" in html
    assert "1234 abonné·es" in html
    assert "Ligne un<br>\nLigne deux" in html
    # The link is clickable, without the sentence's final dot, and cannot leak the dashboard.
    assert (
        '<a href="https://www.linkedin.com/in/claire-martin" rel="nofollow noopener noreferrer" '
        'target="_blank">https://www.linkedin.com/in/claire-martin</a>.'
    ) in html
    assert 'href="https://bsky.app/profile/claire.bsky.social/post/3k" rel="nofollow noopener' in html
    assert "Mes compétences : paie, recrutement" in html
    assert "87 %" in html
    assert "Hashtag #i4EmploiR présent" in html
    assert "ROME M1501" in html and "Assistanat en ressources humaines" in html
    assert "Rennes" in html and "(35)" in html and "Bretagne" in html
    assert "CDI, CDD" in html
    assert "Retour qui serait envoyé" in html and "Précisez la ville recherchée." in html


def test_it_hands_the_shortcuts_to_the_script_as_json(reviewer: Any) -> None:
    make_review_request()
    html = reviewer.get("/").content.decode()
    assert '<script id="queue-config" type="application/json">' in html
    assert '"5": {"key": "other", "needsDetail": true}' in html
    assert "relay/review.js" in html


def test_it_counts_and_renders_an_empty_queue(reviewer: Any) -> None:
    make_review_request(status="approved")
    response = reviewer.get("/")
    assert _ids(response) == []
    assert "Plus rien à relire" in response.content.decode()
    assert Request.objects.count() == 1


def test_it_indexes_exactly_the_requests_the_queue_lists() -> None:
    from colibri.relay.lifecycle import AWAITING_STATUSES
    from colibri.relay.models import AWAITING_Q

    # The partial indexes that serve the queue are written with the statuses spelt out: a status
    # added to the queue without them would send its page back to reading the whole table.
    conditions = dict(AWAITING_Q.children)
    assert sorted(conditions["status__in"]) == sorted(AWAITING_STATUSES)
    assert conditions["decided_at__isnull"] is True and conditions["erased_at__isnull"] is True
