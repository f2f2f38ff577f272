"""Server-side roles on every dashboard view: anonymous -> login, too low -> 403 (and nothing written)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from colibri.relay.models import AuditLog, CollectiveSettings, Request

from .views_support import make_review_request

pytestmark = pytest.mark.django_db

RANK = {"member": 1, "moderator": 2, "coordinator": 3}

# (url name, needs a request id, lowest role allowed)
PAGES = [
    ("request_detail", True, "moderator"),
    ("settings", False, "coordinator"),
    ("users", False, "coordinator"),
    ("me", False, "member"),
]


def _url(name: str, needs_id: bool, req: Request) -> str:
    return reverse(name, args=[req.pk]) if needs_id else reverse(name)


@pytest.fixture
def people(coordinator: Any, moderator: Any, member: Any) -> dict[str, Any]:
    return {"coordinator": coordinator, "moderator": moderator, "member": member}


@pytest.mark.parametrize(("name", "needs_id", "_role"), [*PAGES, ("dashboard", False, "moderator")])
def test_it_sends_anonymous_visitors_to_the_login_page(
    client: Any, name: str, needs_id: bool, _role: str
) -> None:
    url = _url(name, needs_id, make_review_request())
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]


@pytest.mark.parametrize("role", ["coordinator", "moderator", "member"])
@pytest.mark.parametrize(("name", "needs_id", "lowest"), PAGES)
def test_it_enforces_the_role_of_each_page(
    client: Any, people: dict[str, Any], role: str, name: str, needs_id: bool, lowest: str
) -> None:
    client.force_login(people[role])
    response = client.get(_url(name, needs_id, make_review_request()))
    expected = 200 if RANK[role] >= RANK[lowest] else 403
    assert response.status_code == expected


def test_it_shows_the_queue_to_reviewers_and_sends_members_to_their_page(
    client: Any, people: dict[str, Any]
) -> None:
    make_review_request(handle="waiting.bsky.social")
    for role in ("coordinator", "moderator"):
        client.force_login(people[role])
        response = client.get("/")
        assert response.status_code == 200
        assert "waiting.bsky.social" in response.content.decode()
    client.force_login(people["member"])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("me")


def test_it_refuses_decisions_from_members_and_anonymous_visitors(client: Any, member: Any) -> None:
    req = make_review_request()
    url = reverse("decide", args=[req.pk])
    anonymous = client.post(url, {"decision": "approve"}, HTTP_ACCEPT="application/json")
    assert anonymous.status_code == 302
    client.force_login(member)
    refused = client.post(url, {"decision": "approve"}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 403
    req.refresh_from_db()
    assert req.status == "needs_review"
    assert not AuditLog.objects.filter(request=req).exists()


@pytest.mark.parametrize("role", ["moderator", "member"])
def test_it_refuses_settings_and_user_changes_below_coordinator(
    client: Any, people: dict[str, Any], role: str
) -> None:
    client.force_login(people[role])
    target = people["member"]
    responses = [
        client.post(reverse("settings"), {"seeker_hashtag": "Pirate", "member_hashtag": "x"}),
        client.post(reverse("users"), {"username": "intrus", "role": "coordinator"}),
        client.post(reverse("user_role", args=[target.pk]), {"role": "coordinator"}),
    ]
    assert [r.status_code for r in responses] == [403, 403, 403]
    assert not CollectiveSettings.objects.filter(seeker_hashtag="Pirate").exists()
    assert not type(target).objects.filter(username="intrus").exists()
    target.profile.refresh_from_db()
    assert target.profile.role == "member"


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        ("coordinator", ["/parametres/", "/utilisateurs/", "/moi/"], []),
        ("moderator", ["/moi/"], ["/parametres/", "/utilisateurs/"]),
        ("member", ["/moi/"], ["/parametres/", "/utilisateurs/", 'href="/" aria-current']),
    ],
)
def test_it_shows_only_the_menu_entries_a_role_can_open(
    client: Any, people: dict[str, Any], role: str, visible: list[str], hidden: list[str]
) -> None:
    client.force_login(people[role])
    html = client.get(reverse("me")).content.decode()
    nav = html.split('class="nav"', 1)[1].split("</nav>", 1)[0]
    for href in visible:
        assert f'href="{href}"' in nav
    for href in hidden:
        assert href not in nav
    if role == "member":
        assert 'href="/"' not in nav  # no review queue entry for members


def test_it_logs_in_through_the_french_form_and_lands_on_the_queue(client: Any, moderator: Any) -> None:
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Se connecter" in page.content.decode()
    response = client.post(reverse("login"), {"username": "modo", "password": "correct-horse-battery-1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_it_logs_out_with_a_post_only(client: Any, moderator: Any) -> None:
    client.force_login(moderator)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_it_speaks_french_even_to_an_english_browser(client: Any, moderator: Any) -> None:
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Se connecter" in page.content.decode()
    assert 'lang="fr"' in page.content.decode()
