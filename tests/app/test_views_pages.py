"""Request page, collective settings, volunteers and the member's own page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from colibri.relay.actions.decisions import do_reject_request
from colibri.relay.models import Assignment, AuditLog, CollectiveSettings, Member, NetworkAccount
from tests import clock

from .views_support import make_review_request

pytestmark = pytest.mark.django_db


def _member_of(user: Any, handle: str) -> Member:
    account = NetworkAccount.objects.create(network="bluesky", remote_id=f"did:{handle}", handle=handle)
    return Member.objects.create(account=account, user=user)


def _assign(member: Member, status: str, reach: int = 0, **kwargs: Any) -> Assignment:
    return Assignment.objects.create(
        request=make_review_request(**kwargs),
        member=member,
        slot_start=clock.NOW - dt.timedelta(days=5),
        status=status,
        reach_added=reach,
        explanation="Vos abonné·es sont en Bretagne",
    )


# --------------------------------------------------------------------------- request page


def test_it_shows_the_whole_history_and_assignments_of_a_request(
    client: Any, moderator: Any, member: Any
) -> None:
    req = make_review_request(handle="claire.bsky.social")
    do_reject_request(req, actor=moderator, reason="Prestation freelance")
    assignment = _assign(_member_of(member, "benevole.bsky.social"), "planned")
    client.force_login(moderator)
    html = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert "@claire.bsky.social" in html
    assert "Refusée" in html  # audit label, translated
    assert "Prestation freelance" in html
    assert "modo" in html  # who decided
    # The other request's assignment is not listed here; only this one's history.
    assert "benevole.bsky.social" not in html
    html2 = client.get(reverse("request_detail", args=[assignment.request.pk])).content.decode()
    assert "@benevole.bsky.social" in html2 and "Vos abonné·es sont en Bretagne" in html2


def test_it_offers_decisions_only_while_a_request_awaits_one(client: Any, moderator: Any) -> None:
    open_req = make_review_request()
    done = make_review_request(status="approved")
    client.force_login(moderator)
    assert (
        reverse("decide", args=[open_req.pk])
        in client.get(reverse("request_detail", args=[open_req.pk])).content.decode()
    )
    assert (
        reverse("decide", args=[done.pk])
        not in client.get(reverse("request_detail", args=[done.pk])).content.decode()
    )


def test_it_answers_404_for_a_missing_request(client: Any, moderator: Any) -> None:
    client.force_login(moderator)
    assert client.get(reverse("request_detail", args=[424242])).status_code == 404


# --------------------------------------------------------------------------- settings


SETTINGS_POST = {
    "seeker_hashtag": "#i4EmploiR",
    "member_hashtag": "i4emploi",
    "tracked_hashtags": "#PleaseRT, RT, PleaseRT",
    "eligible_contracts": ["CDI"],
    "language": "fr",
    "member_daily_budget": "5",
    "official_daily_budget": "30",
    "follower_daily_cap": "2",
    "active_hours_start": "09:00",
    "active_hours_end": "22:30",
    "auto_approve_min_account_age_days": "30",
}


def test_it_does_not_write_anything_when_showing_the_settings(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    response = client.get(reverse("settings"))
    assert response.status_code == 200
    assert "Réglages du collectif" in response.content.decode()
    assert not CollectiveSettings.objects.exists()


def test_it_saves_the_settings_through_the_action_with_an_audit_row(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("settings"), SETTINGS_POST, follow=True)
    assert "Réglages enregistrés." in response.content.decode()
    cs = CollectiveSettings.get()
    assert cs.seeker_hashtag == "i4EmploiR"  # the # typed by habit is dropped
    assert cs.tracked_hashtags == ["PleaseRT", "RT"]
    assert cs.eligible_contracts == ["CDI"]
    assert (cs.member_daily_budget, cs.official_daily_budget, cs.follower_daily_cap) == (5, 30, 2)
    assert (cs.active_hours_start, cs.active_hours_end) == (dt.time(9, 0), dt.time(22, 30))
    row = AuditLog.objects.get(action="settings_updated")
    assert row.actor == coordinator
    assert row.details["changes"]["member_daily_budget"] == [3, 5]


@pytest.mark.parametrize(
    ("field", "value"),
    [("active_hours_end", "08:00"), ("member_daily_budget", "-1"), ("seeker_hashtag", "deux mots")],
)
def test_it_refuses_invalid_settings(client: Any, coordinator: Any, field: str, value: str) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("settings"), SETTINGS_POST | {field: value})
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert not AuditLog.objects.filter(action="settings_updated").exists()


# --------------------------------------------------------------------------- users


def test_it_lists_volunteers_with_their_roles(
    client: Any, coordinator: Any, moderator: Any, member: Any
) -> None:
    client.force_login(coordinator)
    response = client.get(reverse("users"))
    roles = {row["user"].username: row["role"] for row in response.context["rows"]}
    assert roles == {"coord": "coordinator", "modo": "moderator", "membre": "member"}


def test_it_creates_a_volunteer_and_shows_the_password_once(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("users"), {"username": "lea", "email": "lea@example.org", "role": "moderator"}
    )
    assert response.status_code == 200
    password = response.context["created"]["password"]
    assert len(password) >= 12 and password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert password not in client.get(reverse("users")).content.decode()
    lea = get_user_model().objects.get(username="lea")
    assert lea.profile.role == "moderator"
    # Login throttling (django-axes) needs the request to know the client's address.
    assert Client().login(request=RequestFactory().post("/connexion/"), username="lea", password=password)
    assert AuditLog.objects.get(action="volunteer_created", details__username="lea").actor == coordinator


def test_it_refuses_a_duplicate_username(client: Any, coordinator: Any, moderator: Any) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("users"), {"username": "MODO", "role": "member"})
    assert response.status_code == 400
    assert response.context["created"] is None
    assert get_user_model().objects.filter(username__iexact="modo").count() == 1


def test_it_changes_a_role(client: Any, coordinator: Any, member: Any) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("user_role", args=[member.pk]), {"role": "moderator"}, follow=True)
    assert "Rôle de membre mis à jour." in response.content.decode()
    member.profile.refresh_from_db()
    assert member.profile.role == "moderator"
    assert AuditLog.objects.get(action="role_changed").details["after"] == "moderator"


def test_it_keeps_the_last_coordinator(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("user_role", args=[coordinator.pk]), {"role": "member"}, follow=True)
    assert "au moins un·e coordinateur·rice" in response.content.decode()
    coordinator.profile.refresh_from_db()
    assert coordinator.profile.role == "coordinator"


# --------------------------------------------------------------------------- member page


def test_it_shows_a_member_their_own_assignments_and_counts(client: Any, member: Any, moderator: Any) -> None:
    mine = _member_of(member, "moi.bsky.social")
    _assign(mine, "done", reach=120, handle="alice.bsky.social")
    _assign(mine, "done", reach=80, handle="bruno.bsky.social")
    _assign(mine, "planned", handle="chloe.bsky.social")
    other = _member_of(moderator, "autre.bsky.social")
    _assign(other, "done", reach=999, handle="secret.bsky.social")
    client.force_login(member)
    response = client.get(reverse("me"))
    html = response.content.decode()
    counts = {s["status"]: s["count"] for s in response.context["stats"]}
    assert counts == {"planned": 1, "done": 2, "skipped": 0, "cancelled": 0}
    assert response.context["total"] == 3
    assert response.context["reach"] == 200
    assert "@alice.bsky.social" in html and "@chloe.bsky.social" in html
    assert "secret.bsky.social" not in html


def test_it_tells_an_unlinked_account_how_to_get_assignments(client: Any, member: Any) -> None:
    client.force_login(member)
    html = client.get(reverse("me")).content.decode()
    assert "pas encore relié" in html


def test_it_lets_the_request_page_choose_the_not_a_request_category(client: Any, moderator: Any) -> None:
    req = make_review_request(category="seeker_request")
    client.force_login(moderator)
    html = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert '<option value="internship_request">' in html
    url = reverse("request_detail", args=[req.pk])
    response = client.post(
        reverse("decide", args=[req.pk]),
        {"decision": "not_request", "category": "internship_request", "next": url},
    )
    assert response["Location"] == url
    req.refresh_from_db()
    assert (req.status, req.category) == ("rejected", "internship_request")
