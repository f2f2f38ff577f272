"""The review queue's cost (issue 17): cards rendered once per content, the partial indexes read."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from colibri.relay import queue
from colibri.relay.models import NetworkAccount, Post, Request
from tests import clock

from .views_support import make_review_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(client: Any, moderator: Any) -> Any:
    queue.forget_cards()
    client.force_login(moderator)
    return client


def _ids(response: Any) -> list[int]:
    return [
        int(x) for x in re.findall(r'<article class="card[^"]*" id="req-(\d+)"', response.content.decode())
    ]


def _card(html: str, pk: int) -> str:
    match = re.search(rf'<article class="card[^"]*" id="req-{pk}".*?</article>', html, re.S)
    assert match, f"no card for request {pk}"
    return match.group(0)


def test_it_shows_a_change_to_a_card_even_without_a_new_updated_at(reviewer: Any) -> None:
    req = make_review_request(job_title="Comptable")
    assert "Comptable" in _card(reviewer.get("/").content.decode(), req.pk)
    # Written behind the actions' back (no updated_at): the card is keyed by what it shows.
    Request.objects.filter(pk=req.pk).update(job_title="Boulangère")
    NetworkAccount.objects.filter(pk=req.post.author_id).update(display_name="Anne B.")
    Post.objects.filter(pk=req.post_id).update(text="Nouveau texte du message")
    card = _card(reviewer.get("/").content.decode(), req.pk)
    assert "Boulangère" in card and "Anne B." in card and "Nouveau texte du message" in card


def test_it_fills_in_each_page_s_own_path_and_token_in_a_kept_card(reviewer: Any) -> None:
    # An official account on the post's network: the card also holds the advice form, which returns
    # to the page too.
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="collectif", is_official=True
    )
    req = make_review_request(region="Bretagne")
    first = reviewer.get("/").content.decode()
    filtered = reviewer.get("/", {"region": "Bretagne", "status": "needs_review"}).content.decode()
    assert _card(first, req.pk).count('name="next" value="/"') == 2
    card = _card(filtered, req.pk)
    assert (
        card.count('name="next" value="/?region=Bretagne&amp;status=needs_review"') == 2
    )  # decision + advice
    assert 'name="next" value="/"' not in card
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', card)
    assert token and "colibri-card" not in filtered and len(token.group(1)) == 64


def test_it_shows_the_same_card_html_rendered_or_kept(reviewer: Any) -> None:
    req = make_review_request(feedback=["Précisez la ville recherchée."])
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", _card(html, req.pk))  # noqa: E731
    rendered = strip(reviewer.get("/").content.decode())
    kept = strip(reviewer.get("/").content.decode())
    assert kept == rendered
    assert "attente depuis" in kept and "Précisez la ville recherchée." in kept


def test_it_renders_a_kept_card_again_the_next_day_for_its_advice_link(reviewer: Any) -> None:
    # The advice's composer link carries the day it was made: a card kept from yesterday would hand
    # out a link a day older than the page does.
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="collectif", is_official=True
    )
    req = make_review_request(feedback=["Précisez la ville recherchée."])
    with clock.freeze(clock.NOW):
        today = _card(reviewer.get("/").content.decode(), req.pk)
    with clock.freeze(clock.NOW + timedelta(days=1)):
        kept = _card(reviewer.get("/").content.decode(), req.pk)
        queue.forget_cards()
        fresh = _card(reviewer.get("/").content.decode(), req.pk)
    link = re.compile(r"/outils/c/[^\s<\"]+")
    assert link.findall(kept) == link.findall(fresh) != link.findall(today)


def test_it_runs_the_same_queries_whether_the_cards_are_kept_or_not(reviewer: Any) -> None:
    for _ in range(20):
        make_review_request()
    reviewer.get("/")  # warm caches (session, content types)
    queue.forget_cards()
    with CaptureQueriesContext(connection) as rendered:
        reviewer.get("/")
    with CaptureQueriesContext(connection) as kept:
        reviewer.get("/")
    assert len(kept.captured_queries) == len(rendered.captured_queries) <= 10


def test_it_writes_the_partial_index_s_condition_into_the_queue_s_sql(reviewer: Any) -> None:
    # SQLite considers a partial index only for a query that repeats its condition with the same
    # literals (which of the usable indexes it then reads depends on the table's statistics: on the
    # load fixture, the partial ones, see colibri/relay/queue.py).
    make_review_request()
    statuses = "\"relay_request\".\"status\" IN ('needs_review', 'eligible', 'ineligible')"
    for params, expected in (({}, 2), ({"status": "needs_review"}, 3)):  # (régions + count), [count], page
        with CaptureQueriesContext(connection) as queries:
            reviewer.get("/", params)
        queue_sql = [q["sql"] for q in queries.captured_queries if statuses in q["sql"]]
        assert len(queue_sql) == expected
        assert all(
            '"relay_request"."decided_at" IS NULL AND "relay_request"."erased_at" IS NULL' in q
            for q in queue_sql
        )
    if (
        connection.vendor == "sqlite"
    ):  # a filtered count: over the ordered rows, which the partial index serves
        assert any(q.startswith("SELECT COUNT(*) FROM (") and "ORDER BY" in q for q in queue_sql)


def test_it_pages_a_search_in_queue_order_with_its_count(reviewer: Any) -> None:
    found = [make_review_request(job_title="Boulangère", minutes=-k) for k in range(23)]
    make_review_request(job_title="Soudeur")
    first = reviewer.get("/", {"q": "boulang"})
    second = reviewer.get("/", {"q": "boulang", "page": 2})
    in_order = [r.pk for r in reversed(found)]  # oldest first
    assert _ids(first) == in_order[:20] and _ids(second) == in_order[20:]
    assert first.context["page_obj"].paginator.count == 23
    assert '<span class="count" id="queue-count">23</span>' in first.content.decode()


def test_it_runs_the_same_queries_for_a_search_of_2_or_20_cards(reviewer: Any) -> None:
    for _ in range(2):
        make_review_request(job_title="Boulangère")
    reviewer.get("/", {"q": "boulang"})
    with CaptureQueriesContext(connection) as few:
        assert len(_ids(reviewer.get("/", {"q": "boulang"}))) == 2
    for _ in range(18):
        make_review_request(job_title="Boulangère")
    with CaptureQueriesContext(connection) as many:
        assert len(_ids(reviewer.get("/", {"q": "boulang"}))) == 20
    assert len(many.captured_queries) == len(few.captured_queries)


def test_it_keeps_a_card_by_its_row_whether_read_as_models_or_not(reviewer: Any, monkeypatch: Any) -> None:
    # A search's page is read as models, the queue's pages as rows made models only for a card to
    # render: both must give a card the same key, and any change of its row a new one.
    req = make_review_request(job_title="Boulangère")
    rendered: list[str] = []
    render = queue.render_to_string

    def counting(name: str, context: Any = None, **kwargs: Any) -> str:
        if name == queue.CARD_TEMPLATE:
            rendered.append(context["req"].post.text)
        return render(name, context, **kwargs)

    monkeypatch.setattr(queue, "render_to_string", counting)
    searched = _card(reviewer.get("/", {"q": "boulang"}).content.decode(), req.pk)
    kept = _card(reviewer.get("/").content.decode(), req.pk)
    assert len(rendered) == 1 and re.sub(r'value="[^"]*"', "", kept) == re.sub(r'value="[^"]*"', "", searched)
    Post.objects.filter(pk=req.post_id).update(text="Je cherche un poste de boulangère à Rennes.")
    changed = _card(reviewer.get("/").content.decode(), req.pk)
    assert rendered[1:] == ["Je cherche un poste de boulangère à Rennes."]
    assert "boulangère à Rennes" in changed and "@" in changed  # made with its author
