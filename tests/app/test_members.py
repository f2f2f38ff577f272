"""Members (issue 11): joining on /rejoindre/, approval, /moi/adhesion/ (settings, pause, leave, data),
the coordinators' /membres/ page and `colibri member add|list|remove`.

The Bluesky look-up and login are proven on the local AT Protocol network (tests/networks/
test_members_local.py); here `connect` answers from a fixed profile so the pages and actions are tested
on their own, and the encryption is the real Fernet one."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from colibri.cli import main
from colibri.connect import flows as connect
from colibri.members import actions
from colibri.members.models import Consent, Membership
from colibri.networks.base import Author
from colibri.networks.credentials import Credentials, decrypt_credentials, generate_key
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    AuditLog,
    Member,
    MemberStatus,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
)
from colibri.relay.planning.apply import do_apply_plan

from . import planning_factories as pf

pytestmark = pytest.mark.django_db

APP_PASSWORD = "abcd-efgh-ijkl-mnop"
LOGIN_PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture(autouse=True)
def credentials_key(settings: Any) -> None:
    settings.COLIBRI_CREDENTIALS_KEY = generate_key()
    settings.COLIBRI_MEMBERS_AUTO_ACCEPT = False


@pytest.fixture
def bluesky(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`connect` answering for a few fixed accounts (what the PDS/AppView would say)."""
    seen: dict[str, Any] = {"logins": []}

    def lookup(handle: str, **_kw: Any) -> connect.Connected:
        handle = connect.normalise_handle(handle)
        return connect.Connected(
            "bluesky", Author(id=f"did:plc:{handle[:6]}", handle=handle, followers_count=1234)
        )

    def login(handle: str, app_password: str, **_kw: Any) -> connect.Connected:
        handle = connect.normalise_handle(handle)
        if not connect.APP_PASSWORD.match(app_password):
            raise connect.ConnectError("not an app password")
        seen["logins"].append(handle)
        creds = Credentials.build("bluesky", handle, "http://pds.test", app_password=app_password)
        return connect.Connected(
            "bluesky", Author(id=f"did:plc:{handle[:6]}", handle=handle, followers_count=800), creds
        )

    monkeypatch.setattr(connect, "lookup_bluesky_account", lookup)
    monkeypatch.setattr(connect, "connect_bluesky_app_password", login)
    return seen


def join_form(**overrides: Any) -> dict[str, Any]:
    data = {
        "handle": "@Lea.Test",
        "mode": "notified",
        "email": "lea@example.org",
        "daily_budget": "2",
        "password": LOGIN_PASSWORD,
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_it_explains_membership_on_the_public_join_page(client: Any) -> None:
    page = client.get(reverse("join")).content.decode()
    assert "Rejoindre le collectif" in page
    assert "au plus 3 par jour" in page  # the collective's default maximum
    assert "Jamais de stages" in page and "quittez à tout moment" in page
    assert 'name="viewport"' in page


def test_it_lets_a_person_join_as_a_notified_member_and_waits_for_approval(client: Any, bluesky: Any) -> None:
    response = client.post(reverse("join"), join_form(), follow=True)
    assert response.status_code == 200
    assert "Un coordinateur confirmera votre adhésion" in response.content.decode()
    member = Member.objects.select_related("account", "user", "membership").get()
    assert member.account.handle == "lea.test" and member.account.remote_id == "did:plc:lea.te"
    assert member.account.followers_count == 1234 and member.account.is_member
    assert member.mode == "notified" and member.credentials is None and member.daily_budget == 2
    assert member.status == MemberStatus.PAUSED and member.membership.pending  # not planned yet
    assert member.user.get_username() == "lea.test" and member.user.email == "lea@example.org"
    consent = Consent.objects.get(member=member)
    assert consent.scope == "notified_picks" and consent.channel == "web" and "au plus 3" in consent.text
    assert AuditLog.objects.filter(action="member.joined", details__handle="lea.test").exists()
    # Not planned while pending.
    pf.request()
    do_apply_plan(actor=None, day=pf.DAY, now=pf.at(8))
    assert not Assignment.objects.exists()


def test_it_stores_a_delegated_members_app_password_encrypted(
    client: Any, bluesky: Any, settings: Any
) -> None:
    settings.COLIBRI_MEMBERS_AUTO_ACCEPT = True
    response = client.post(
        reverse("join"), join_form(handle="sam.test", mode="delegated", app_password=APP_PASSWORD, email="")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member = Member.objects.get()
    assert member.status == MemberStatus.ACTIVE and member.mode == "delegated"
    token = bytes(member.credentials)
    assert APP_PASSWORD.encode() not in token
    assert decrypt_credentials(token).get("app_password") == APP_PASSWORD
    assert APP_PASSWORD not in json.dumps(list(AuditLog.objects.values_list("details", flat=True)))
    assert bluesky["logins"] == ["sam.test"]


def test_it_refuses_a_join_without_consent_or_a_way_to_reach_the_member(client: Any, bluesky: Any) -> None:
    no_consent = client.post(reverse("join"), join_form(consent=None))
    assert no_consent.status_code == 400
    unreachable = client.post(reverse("join"), join_form(email="", wants_feed=None))
    assert unreachable.status_code == 400
    assert "adresse e-mail" in unreachable.content.decode()
    delegated_without_password = client.post(reverse("join"), join_form(mode="delegated", email=""))
    assert delegated_without_password.status_code == 400
    assert not Member.objects.exists()


def test_it_refuses_a_second_join_of_the_same_account(client: Any, bluesky: Any) -> None:
    assert client.post(reverse("join"), join_form()).status_code == 302
    client.logout()
    again = client.post(reverse("join"), join_form())
    assert again.status_code == 400 and "déjà membre" in again.content.decode()
    assert Member.objects.count() == 1


def _joined(client: Any, **kw: Any) -> Member:
    assert client.post(reverse("join"), join_form(**kw)).status_code == 302
    return Member.objects.select_related("account").get(
        account__handle=connect.normalise_handle(kw.get("handle", "lea.test"))
    )


def test_it_lets_a_coordinator_approve_pause_and_remove_members(
    client: Any, bluesky: Any, coordinator: Any
) -> None:
    member = _joined(client)
    client.logout()
    client.force_login(coordinator)
    page = client.get(reverse("members"), {"status": "pending"}).content.decode()
    assert "@lea.test" in page and "En attente de validation" in page
    client.post(reverse("member_action", args=[member.pk, "approve"]))
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    page = client.get(reverse("members"), {"q": "lea", "mode": "notified"}).content.decode()
    assert "@lea.test" in page and "1234" in page
    assert "@lea.test" not in client.get(reverse("members"), {"q": "zzz"}).content.decode()
    client.post(reverse("member_action", args=[member.pk, "pause"]))
    member.refresh_from_db()
    assert member.status == MemberStatus.PAUSED
    client.post(reverse("member_action", args=[member.pk, "remove"]))
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    assert client.post(reverse("member_action", args=[member.pk, "explode"])).status_code == 404


def test_it_forbids_the_members_page_to_members_and_moderators(client: Any, make_user: Any) -> None:
    client.force_login(make_user("moderator"))
    assert client.get(reverse("members")).status_code == 403
    client.force_login(make_user("member"))
    assert client.get(reverse("members")).status_code == 403


def test_it_builds_the_members_page_in_a_fixed_number_of_queries(client: Any, coordinator: Any) -> None:
    for i in range(3):
        pf.member(f"m{i}.test", count=100 + i)
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("members"))
    for i in range(3, 12):
        pf.member(f"m{i}.test", count=100 + i)
    with CaptureQueriesContext(connection) as many:
        assert "@m11.test" in client.get(reverse("members")).content.decode()
    assert len(many) == len(few)


def test_it_lets_members_set_budgets_preferences_and_quiet_hours(client: Any, bluesky: Any) -> None:
    member = _joined(client)
    actions.do_approve_member(member, actor=None)
    response = client.post(
        reverse("membership"),
        {
            "mode": "notified",
            "daily_budget": "1",
            "weekly_budget": "4",
            "regions": ["Bretagne"],
            "job_families": ["M"],
            "quiet_start": "12:00",
            "quiet_end": "14:00",
            "wants_feed": "on",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.daily_budget, member.weekly_budget) == (1, 4)
    assert member.regions == ["Bretagne"] and member.job_families == ["M"]
    assert str(member.quiet_start) == "12:00:00" and Membership.objects.get(member=member).wants_feed
    too_many = client.post(
        reverse("membership"), {"mode": "notified", "daily_budget": "9", "weekly_budget": "20"}
    )
    assert too_many.status_code == 400 and "entre 1 et 3" in too_many.content.decode()
    to_delegated = client.post(
        reverse("membership"), {"mode": "delegated", "daily_budget": "1", "weekly_budget": "4"}
    )
    assert to_delegated.status_code == 400 and "il faut un mot de passe d" in to_delegated.content.decode()


def test_it_pauses_until_a_day_then_resumes_and_stops_assignments_meanwhile(
    client: Any, bluesky: Any
) -> None:
    member = _joined(client)
    member = actions.do_approve_member(member, actor=None)
    req = pf.request()
    do_apply_plan(actor=None, day=pf.DAY, now=pf.at(8))
    planned = Assignment.objects.get(member=member)
    back_on = pf.DAY + timedelta(days=3)
    actions.do_pause_member(member, actor=None, until=back_on, now=pf.at(8))
    planned.refresh_from_db()
    assert planned.status == AssignmentStatus.CANCELLED
    member.refresh_from_db()
    assert member.status == MemberStatus.PAUSED
    other = pf.request(waited_days=2)
    do_apply_plan(actor=None, day=pf.DAY, now=pf.at(9))
    assert not Assignment.objects.filter(member=member, request=other).exists()
    assert actions.do_resume_due_members(today=back_on - timedelta(days=1)) == 0
    assert actions.do_resume_due_members(today=back_on) == 1
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE and req.pk


def test_it_refuses_a_pause_ending_in_the_past(client: Any, bluesky: Any, frozen_now: Any) -> None:
    member = _joined(client)
    actions.do_approve_member(member, actor=None)
    today = timezone.localdate()
    response = client.post(reverse("membership_pause"), {"until": today.isoformat()}, follow=True)
    assert "un jour à venir" in response.content.decode()
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE


def test_it_erases_credentials_and_cancels_pending_work_when_a_member_leaves(
    client: Any, bluesky: Any, settings: Any
) -> None:
    settings.COLIBRI_MEMBERS_AUTO_ACCEPT = True
    member = _joined(client, handle="sam.test", mode="delegated", app_password=APP_PASSWORD, email="")
    req = pf.request()
    a = Assignment.objects.create(request=req, member=member, slot_start=pf.at(10))
    queued = OutboxAction.objects.create(
        kind=OutboxKind.REPOST,
        network="bluesky",
        account=member.account,
        request=req,
        target_uri=req.post.uri,
        payload={"role": "member", "assignment_id": a.pk, "member_id": member.pk},
        idempotency_key="repost:test:1",
    )
    page = client.get(reverse("membership_leave")).content.decode()
    assert "identifiants enregistrés sont effacés" in page
    refused = client.post(reverse("membership_leave"), {}, follow=True)
    assert "Cochez la case" in refused.content.decode()
    client.post(reverse("membership_leave"), {"confirm": "yes"})
    member.refresh_from_db()
    a.refresh_from_db()
    queued.refresh_from_db()
    assert member.status == MemberStatus.LEFT and member.credentials is None
    assert a.status == AssignmentStatus.CANCELLED and queued.status == OutboxStatus.CANCELLED
    assert all(c.revoked_at is not None for c in Consent.objects.filter(member=member))
    page = client.get(reverse("membership")).content.decode()
    assert "Vous avez quitté le collectif" in page and "retiré le" in page


def test_it_lets_members_download_their_own_data_without_secrets(
    client: Any, bluesky: Any, settings: Any
) -> None:
    settings.COLIBRI_MEMBERS_AUTO_ACCEPT = True
    member = _joined(client, handle="sam.test", mode="delegated", app_password=APP_PASSWORD, email="")
    req = pf.request()
    Assignment.objects.create(
        request=req, member=member, slot_start=pf.at(10), status="done", done_at=pf.at(10), reach_added=42
    )
    response = client.get(reverse("membership_data"))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["account"]["handle"] == "sam.test" and data["membership"]["credentials_stored"] is True
    assert data["assignments"][0]["reach_added"] == 42 and data["consents"][0]["scope"] == "delegated_reposts"
    assert APP_PASSWORD not in response.content.decode()
    page = client.get(reverse("membership")).content.decode()
    assert "Ce qui a été relayé en mon nom" in page and "@" + req.post.author.handle in page


def test_it_adds_lists_and_removes_members_from_the_command_line(capsys: Any) -> None:
    assert (
        main(
            [
                "member",
                "add",
                "--network",
                "mastodon",
                "--handle",
                "ana@piaille.fr",
                "--remote-id",
                "1099",
                "--followers",
                "5400",
                "--email",
                "ana@example.org",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "@ana@piaille.fr" in out and "mot de passe" in out
    member = Member.objects.get(account__remote_id="1099")
    assert member.status == MemberStatus.ACTIVE and member.account.network == "mastodon"
    assert main(["member", "list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows == [
        {
            "handle": "ana@piaille.fr",
            "network": "mastodon",
            "followers": 5400,
            "mode": "notified",
            "status": "active",
            "daily_budget": 3,
            "weekly_budget": 15,
            "reposts_given": 0,
            "reach": 0,
            "last_activity": None,
        }
    ]
    assert main(["member", "remove", "--network", "mastodon", "--handle", "ana@piaille.fr"]) == 0
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    assert main(["member", "remove", "--network", "x", "--handle", "nobody"]) == 1
    assert "aucun membre @nobody" in capsys.readouterr().err
    assert main(["member", "add", "--network", "x", "--handle", "nobody"]) == 1
    assert "--remote-id" in capsys.readouterr().err


def test_it_resumes_members_from_the_daily_job() -> None:
    from colibri.scheduling import jobs

    names = [j.name for j in jobs.jobs()]
    assert names.index("member_pauses") < names.index("replan")
