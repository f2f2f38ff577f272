"""The archive of every request: search, keyset pages, a person's other requests."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from colibri.console import archive

from .console_factories import account, request

pytestmark = pytest.mark.django_db


def _ids(response: Any) -> list[int]:
    return [r.pk for r in response.context["page"].rows]


@pytest.fixture
def people() -> dict[str, Any]:
    marie = account("marie.bsky.social", display_name="Marie Dupont")
    mathieu = account("mathieucleme@piaille.fr", network="mastodon", display_name="Mathieu Clément")
    return {
        "marie_old": request(
            marie,
            days=0,
            job_title="Comptable",
            commune="Lyon",
            departement="69",
            region="Auvergne-Rhône-Alpes",
            status="rejected",
        ),
        "marie_new": request(
            marie,
            days=30,
            job_title="Comptable",
            commune="Lyon",
            departement="69",
            region="Auvergne-Rhône-Alpes",
            status="relayed",
        ),
        "mathieu": request(
            mathieu,
            days=10,
            job_title="Assistant de direction",
            commune="Bordeaux",
            departement="33",
            region="Nouvelle-Aquitaine",
            status="withdrawn",
        ),
    }


def test_it_lists_every_request_last_arrived_first_whatever_its_status(
    client: Any, moderator: Any, people: dict[str, Any]
) -> None:
    client.force_login(moderator)
    response = client.get(reverse("archive"))
    assert response.status_code == 200
    # Arrival order (the id), which the ingest gives in detection order: cheap to page at any depth.
    assert _ids(response) == [people["mathieu"].pk, people["marie_new"].pk, people["marie_old"].pk]
    html = response.content.decode()
    assert "Retirée" in html and "Relayée" in html  # statuses in French


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"who": "@MARIE"}, ["marie_new", "marie_old"]),
        ({"who": "Clément"}, ["mathieu"]),
        ({"job": "assistant"}, ["mathieu"]),
        ({"job": "comptable", "status": "rejected"}, ["marie_old"]),
        ({"place": "33"}, ["mathieu"]),
        ({"place": "auvergne"}, ["marie_new", "marie_old"]),
        ({"network": "mastodon"}, ["mathieu"]),
        ({"since": "2026-03-10", "until": "2026-03-12"}, ["mathieu"]),
        ({"until": "2026-03-02"}, ["marie_old"]),
        ({"who": "personne"}, []),
    ],
)
def test_it_finds_requests_by_person_job_place_status_network_and_dates(
    client: Any, moderator: Any, people: dict[str, Any], query: dict[str, str], expected: list[str]
) -> None:
    client.force_login(moderator)
    response = client.get(reverse("archive"), query)
    assert _ids(response) == [people[name].pk for name in expected]


def test_it_drops_a_filter_it_cannot_read_and_says_so(
    client: Any, moderator: Any, people: dict[str, Any]
) -> None:
    client.force_login(moderator)
    response = client.get(reverse("archive"), {"since": "2026-02-31", "job": "assistant"})
    assert response.status_code == 200
    assert _ids(response) == [people["mathieu"].pk]
    assert "Some filters were not understood" not in response.content.decode()  # the French text is shown
    assert "Certains filtres" in response.content.decode()


def test_it_escapes_hostile_names_in_the_list(client: Any, moderator: Any) -> None:
    request(account("x.bsky.social", display_name="<script>alert(1)</script>"))
    client.force_login(moderator)
    html = client.get(reverse("archive")).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html


def test_it_pages_by_id_and_never_counts_the_table(client: Any, moderator: Any) -> None:
    author = account("many.bsky.social")
    made = [request(author, days=i % 7) for i in range(archive.PAGE_SIZE * 2 + 5)]
    newest_first = sorted((r.pk for r in made), reverse=True)
    client.force_login(moderator)

    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("archive"))
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    assert _ids(first) == newest_first[: archive.PAGE_SIZE]
    assert first.context["page"].newer is None

    second = client.get(reverse("archive"), {"apres": first.context["page"].older})
    assert _ids(second) == newest_first[archive.PAGE_SIZE : archive.PAGE_SIZE * 2]
    third = client.get(reverse("archive"), {"apres": second.context["page"].older})
    assert _ids(third) == newest_first[archive.PAGE_SIZE * 2 :]
    assert third.context["page"].older is None

    back = client.get(reverse("archive"), {"avant": third.context["page"].newer})
    assert _ids(back) == _ids(second)
    assert f"avant={third.context['page'].newer}" in third.content.decode()


def test_it_shows_a_persons_other_requests_on_the_request_page(
    client: Any, moderator: Any, people: dict[str, Any]
) -> None:
    client.force_login(moderator)
    html = client.get(reverse("request_detail", args=[people["marie_new"].pk])).content.decode()
    assert "Autres demandes de @marie.bsky.social" in html
    assert reverse("request_detail", args=[people["marie_old"].pk]) in html
    assert reverse("request_detail", args=[people["mathieu"].pk]) not in html

    alone = client.get(reverse("request_detail", args=[people["mathieu"].pk])).content.decode()
    assert "première demande" in alone


def test_it_is_closed_to_members(client: Any, member: Any) -> None:
    client.force_login(member)
    assert client.get(reverse("archive")).status_code == 403
