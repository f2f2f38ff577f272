"""Volunteer accounts, roles and the collective's settings."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from colibri.relay.actions.base import ActionError
from colibri.relay.actions.collective import do_update_collective_settings
from colibri.relay.actions.volunteers import do_create_volunteer, do_set_role
from colibri.relay.models import AuditLog, CollectiveSettings
from colibri.relay.roles import can_configure, can_review, role_of, role_required

pytestmark = pytest.mark.django_db


def test_it_creates_a_volunteer_with_a_random_password_that_works() -> None:
    user1, pw1 = do_create_volunteer(username="alice", role="moderator")
    _user2, pw2 = do_create_volunteer(username="bob", role="moderator")
    assert pw1 != pw2 and len(pw1) >= 12
    assert authenticate(RequestFactory().post("/connexion/"), username="alice", password=pw1) == user1
    assert role_of(user1) == "moderator"
    assert AuditLog.objects.filter(action="volunteer_created", details__username="alice").count() == 1


def test_it_refuses_a_taken_username_or_an_unknown_role() -> None:
    do_create_volunteer(username="alice", role="member")
    with pytest.raises(ActionError):
        do_create_volunteer(username="Alice", role="member")
    with pytest.raises(ActionError):
        do_create_volunteer(username="carol", role="admin")
    assert get_user_model().objects.count() == 1


def test_it_changes_a_role_and_keeps_one_coordinator(coordinator, moderator) -> None:
    do_set_role(moderator, role="coordinator", actor=coordinator)
    assert role_of(moderator) == "coordinator" and moderator.is_staff
    do_set_role(coordinator, role="member", actor=moderator)
    assert role_of(get_user_model().objects.get(pk=coordinator.pk)) == "member"
    with pytest.raises(ActionError):
        do_set_role(moderator, role="moderator", actor=moderator)  # the last coordinator
    assert AuditLog.objects.filter(action="role_changed").count() == 2


@pytest.mark.parametrize(
    ("role", "review", "configure"),
    [("coordinator", True, True), ("moderator", True, False), ("member", False, False)],
)
def test_it_nests_roles(make_user, role, review, configure) -> None:
    user = make_user(role)
    assert (can_review(user), can_configure(user)) == (review, configure)


def test_it_gives_anonymous_users_no_role() -> None:
    assert role_of(AnonymousUser()) == "" and not can_review(AnonymousUser())


def test_it_treats_a_superuser_without_profile_as_coordinator() -> None:
    user = get_user_model().objects.create_superuser("root", "", "x-long-password-1")
    assert role_of(user) == "coordinator"


def test_it_guards_views_by_role(make_user) -> None:
    @role_required("moderator")
    def view(request):
        from django.http import HttpResponse

        return HttpResponse("ok")

    rf = RequestFactory()
    anon = rf.get("/file/")
    anon.user = AnonymousUser()
    response = view(anon)
    assert response.status_code == 302 and "next=/file/" in response["Location"]
    req = rf.get("/file/")
    req.user = make_user("member")
    with pytest.raises(PermissionDenied):
        view(req)
    req.user = make_user("moderator")
    assert view(req).status_code == 200


def test_it_updates_the_collective_settings_with_an_audit_of_changes(coordinator) -> None:
    cs = do_update_collective_settings(actor=coordinator, member_daily_budget=5, seeker_hashtag="i4EmploiR")
    assert CollectiveSettings.objects.get(pk=1).member_daily_budget == 5 == cs.member_daily_budget
    row = AuditLog.objects.get(action="settings_updated")
    assert row.details["changes"] == {"member_daily_budget": [3, 5]}
    with pytest.raises(ActionError):
        do_update_collective_settings(actor=coordinator, id=7)
    assert CollectiveSettings.objects.count() == 1


def test_it_keeps_one_coordinator_even_when_the_only_one_has_no_profile(moderator) -> None:
    root = get_user_model().objects.create_superuser("root", "", "x-long-password-1")
    with pytest.raises(ActionError):
        do_set_role(root, role="member", actor=root)
    do_set_role(moderator, role="coordinator", actor=root)
    do_set_role(root, role="member", actor=moderator)
    assert role_of(get_user_model().objects.get(pk=root.pk)) == "member"
