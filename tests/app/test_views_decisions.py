"""The decision endpoint behind the review queue's keys and buttons."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from colibri.relay.models import AuditLog, Request

from .views_support import make_review_request

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def reviewer(client: Any, moderator: Any) -> Any:
    client.force_login(moderator)
    return client


def _decide(client: Any, req: Request, **data: str) -> Any:
    return client.post(reverse("decide", args=[req.pk]), data, **JSON)


def test_it_approves_and_answers_json(reviewer: Any, moderator: Any) -> None:
    req = make_review_request()
    response = _decide(reviewer, req, decision="approve")
    assert response.status_code == 200
    # The status line names what was decided.
    message = f"#{req.pk} @{req.post.author.handle} approuvée."
    assert response.json() == {"ok": True, "id": req.pk, "status": "approved", "message": message}
    req.refresh_from_db()
    assert (req.status, req.decided_by) == ("approved", moderator)
    row = AuditLog.objects.get(request=req, action="request_approved")
    assert row.actor == moderator


@pytest.mark.parametrize(
    ("template", "reason"),
    [
        ("job_offer", "Offre d'emploi (non relayée)"),
        ("internship", "Demande de stage/alternance"),
        ("freelance", "Prestation freelance"),
    ],
)
def test_it_rejects_with_the_template_text(reviewer: Any, template: str, reason: str) -> None:
    req = make_review_request()
    response = _decide(reviewer, req, decision=f"reject:{template}")
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    req.refresh_from_db()
    assert req.decision_reason == reason
    assert AuditLog.objects.get(request=req, action="request_rejected").details["reason"] == reason


def test_it_completes_an_incomplete_message_reason_with_the_triage_feedback(reviewer: Any) -> None:
    req = make_review_request(feedback=["Ajoutez le métier recherché.", "Ajoutez la ville."])
    assert _decide(reviewer, req, decision="reject:incomplete").status_code == 200
    req.refresh_from_db()
    assert req.decision_reason == "Message incomplet : Ajoutez le métier recherché. Ajoutez la ville."


def test_it_prefers_the_volunteers_detail_over_the_feedback(reviewer: Any) -> None:
    req = make_review_request(feedback=["Ajoutez la ville."])
    assert (
        _decide(reviewer, req, decision="reject:incomplete", detail="  il manque   le lien ").status_code
        == 200
    )
    req.refresh_from_db()
    assert req.decision_reason == "Message incomplet : il manque le lien"


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "reject:other"},  # "Autre : …" without its detail
        {"decision": "reject:nonsense"},
        {"decision": "explode"},
        {},
    ],
)
def test_it_refuses_an_invalid_decision_and_changes_nothing(reviewer: Any, data: dict[str, str]) -> None:
    req = make_review_request(feedback=[])
    response = _decide(reviewer, req, **data)
    assert response.status_code == 400
    assert response.json()["ok"] is False and response.json()["error"]
    req.refresh_from_db()
    assert req.status == "needs_review"
    assert not AuditLog.objects.filter(request=req).exists()


def test_it_marks_not_a_request_with_the_machines_category_when_it_has_one(reviewer: Any) -> None:
    offer = make_review_request(category="job_offer", status="ineligible")
    unsure = make_review_request(category="seeker_request")
    assert _decide(reviewer, offer, decision="not_request").status_code == 200
    assert _decide(reviewer, unsure, decision="not_request").status_code == 200
    offer.refresh_from_db()
    unsure.refresh_from_db()
    assert (offer.status, offer.category) == ("rejected", "job_offer")
    assert (unsure.status, unsure.category) == ("rejected", "other")
    assert AuditLog.objects.filter(action="request_marked_not_request").count() == 2


def test_it_marks_not_a_request_with_an_explicit_category(reviewer: Any) -> None:
    req = make_review_request()
    assert _decide(reviewer, req, decision="not_request", category="internship_request").status_code == 200
    req.refresh_from_db()
    assert req.category == "internship_request"
    assert (
        _decide(
            reviewer, make_review_request(), decision="not_request", category="seeker_request"
        ).status_code
        == 400
    )


def test_it_refuses_a_second_decision_with_a_clear_error(reviewer: Any) -> None:
    req = make_review_request()
    assert _decide(reviewer, req, decision="approve").status_code == 200
    again = _decide(reviewer, req, decision="reject:freelance")
    assert again.status_code == 409
    body = again.json()
    assert body["ok"] is False and body["status"] == "approved"
    assert "déjà été traitée" in body["error"]
    req.refresh_from_db()
    assert req.status == "approved"
    assert AuditLog.objects.filter(request=req).count() == 1


def test_it_refuses_get(reviewer: Any) -> None:
    req = make_review_request()
    assert reviewer.get(reverse("decide", args=[req.pk]), {"decision": "approve"}).status_code == 405
    req.refresh_from_db()
    assert req.status == "needs_review"


def test_it_answers_404_for_an_unknown_request(reviewer: Any) -> None:
    assert reviewer.post(reverse("decide", args=[999999]), {"decision": "approve"}, **JSON).status_code == 404


def test_it_needs_the_csrf_token_like_a_browser_sends_it(moderator: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    req = make_review_request()
    url = reverse("decide", args=[req.pk])
    forged = browser.post(url, {"decision": "approve"}, **JSON)
    assert forged.status_code == 403
    req.refresh_from_db()
    assert req.status == "needs_review"
    # The page hands out the token; review.js sends it both in the form data and the X-CSRFToken header.
    html = browser.get("/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None
    ok = browser.post(url, {"decision": "approve"}, HTTP_X_CSRFTOKEN=token.group(1), **JSON)
    assert ok.status_code == 200
    req.refresh_from_db()
    assert req.status == "approved"


def test_it_redirects_a_plain_form_back_to_the_filtered_queue(reviewer: Any) -> None:
    req = make_review_request()
    response = reviewer.post(
        reverse("decide", args=[req.pk]), {"decision": "approve", "next": "/?region=Bretagne"}, follow=True
    )
    assert response.redirect_chain == [("/?region=Bretagne", 302)]
    assert f"#{req.pk} @{req.post.author.handle} approuvée." in response.content.decode()


def test_it_never_redirects_to_another_site(reviewer: Any) -> None:
    req = make_review_request()
    response = reviewer.post(
        reverse("decide", args=[req.pk]), {"decision": "approve", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_it_flashes_the_error_of_a_plain_form_double_decision(reviewer: Any) -> None:
    req = make_review_request()
    _decide(reviewer, req, decision="approve")
    response = reviewer.post(reverse("decide", args=[req.pk]), {"decision": "approve"}, follow=True)
    assert "déjà été traitée" in response.content.decode()
