"""The reply proposed to a seeker (composer pre-filled) on review cards and the request page."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from colibri.composer.links import reply_for
from colibri.composer.proposals import proposed_reply, triage_result_from_json
from colibri.core.types import Location, TriageResult

from .views_support import make_review_request

pytestmark = pytest.mark.django_db

FIXABLE = "Ajoutez le lien <LinkedIn> & votre ville."


def _result(**overrides: Any) -> TriageResult:
    values: dict[str, Any] = {
        "id": "t",
        "category": "seeker_request",
        "eligible": False,
        "needs_review": True,
        "confidence": 0.7,
        "job_title": "Comptable",
        "location": Location(commune="Lyon", departement="69", region="Auvergne-Rhône-Alpes"),
        "contract": ["CDI"],
        "feedback": [FIXABLE],
    }
    return TriageResult(**(values | overrides))


def _request(result: TriageResult, **fields: Any) -> Any:
    return make_review_request(triage=result.to_json(), feedback=list(result.feedback), **fields)


@pytest.fixture
def reviewer(client: Any, moderator: Any) -> Any:
    client.force_login(moderator)
    return client


def test_it_rebuilds_the_triage_result_from_the_stored_json() -> None:
    result = _result()
    assert triage_result_from_json(result.to_json()) == result
    assert triage_result_from_json({}) is None
    assert triage_result_from_json({"category": "nonsense"}) is None


def test_it_shows_the_proposed_reply_escaped_with_a_copy_button_on_the_card(reviewer: Any) -> None:
    req = _request(_result())
    expected = reply_for(_result())
    assert expected is not None and "/outils/" in expected and "job=Comptable" in expected
    html = reviewer.get("/").content.decode()
    assert escape(expected) in html
    assert "<LinkedIn>" not in html  # the seeker-facing tip is escaped, never markup
    assert f'data-copy-target="#reply-{req.pk}"' in html
    assert "relay/copy.js" in html


def test_it_shows_the_proposed_reply_on_the_request_page(reviewer: Any) -> None:
    req = _request(_result(), status="rejected")
    html = reviewer.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert escape(proposed_reply(req) or "missing") in html
    assert f'id="reply-{req.pk}"' in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"eligible": True, "needs_review": False, "feedback": []},  # nothing to fix
        {"category": "job_offer"},  # not a seeker: no composer for recruiters
        {"category": "internship_request"},
    ],
)
def test_it_proposes_no_reply_when_there_is_nothing_to_fix(reviewer: Any, overrides: dict[str, Any]) -> None:
    req = _request(_result(**overrides))
    html = reviewer.get("/").content.decode()
    assert f'id="req-{req.pk}"' in html
    assert f'id="reply-{req.pk}"' not in html


def test_it_builds_the_replies_without_a_query_per_card(reviewer: Any) -> None:
    _request(_result())
    with CaptureQueriesContext(connection) as one:
        reviewer.get("/")
    for _ in range(4):
        _request(_result())
    with CaptureQueriesContext(connection) as five:
        html = reviewer.get("/").content.decode()
    assert html.count('class="reply-text"') == 5
    assert len(five) == len(one)
