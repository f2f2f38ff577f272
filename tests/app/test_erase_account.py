"""GDPR erasure on demand: one person's every request, post, profile, audience and member data."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from colibri.relay.actions.base import ActionError
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.erasure import do_erase_account
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.opt_out import do_opt_out_account
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    Audience,
    AuditLog,
    Follower,
    MemberStatus,
    NetworkAccount,
    OutboxAction,
    OutboxStatus,
    Post,
    Request,
    RequestStatus,
)
from colibri.tracking.actions import do_store_audience

from . import dispatch_factories as f

pytestmark = pytest.mark.django_db

PERSONAL = ("marie", "Marie", "linkedin", "did:plc:seeker1", "Compétences")


def _everything_about(account: NetworkAccount) -> str:
    from django.forms.models import model_to_dict

    rows: list[Any] = [account, *Post.objects.filter(author=account)]
    rows += list(Request.objects.filter(post__author=account))
    return json.dumps([model_to_dict(r) for r in rows], default=str, ensure_ascii=False)


def _two_requests(make_event) -> tuple[Request, Request]:
    first = do_ingest_event(make_event(), source="s", cursor="1")
    second = do_ingest_event(make_event(), source="s", cursor="2")
    assert first is not None and second is not None
    return first, second


def test_it_erases_every_request_and_the_profile_of_the_person(make_event, moderator) -> None:
    first, _second = _two_requests(make_event)
    do_approve_request(first, actor=moderator)
    account = first.post.author
    assert do_erase_account(account, actor=moderator, why="demande de la personne") == 2
    account.refresh_from_db()
    dumped = _everything_about(account)
    for needle in PERSONAL:
        assert needle not in dumped, needle
    assert set(Request.objects.values_list("status", flat=True)) == {RequestStatus.ERASED}
    assert account.erased_at is not None and account.remote_id.startswith("erased:")
    # The approved request's official repost is withdrawn with it: its pending repost never happens.
    assert not OutboxAction.objects.filter(kind="repost", status=OutboxStatus.PENDING).exists()
    row = AuditLog.objects.get(action="account_erased")
    assert row.details == {
        "account": account.pk,
        "network": "bluesky",
        "requests": 2,
        "why": "demande de la personne",
    }
    assert row.actor == moderator


def test_it_forgets_the_handle_in_earlier_audit_rows(make_event, moderator) -> None:
    first, _second = _two_requests(make_event)
    account = first.post.author
    do_opt_out_account(account, why="stop", request=first)
    assert AuditLog.objects.filter(details__handle="marie.bsky.social").exists()
    do_erase_account(account, actor=moderator, why="RGPD")
    assert not AuditLog.objects.filter(details__handle="marie.bsky.social").exists()
    assert AuditLog.objects.filter(action="account_opted_out", details__account=account.pk).exists()


def test_it_clears_a_members_preferences_credential_assignments_audience_and_follower_entry() -> None:
    member = f.member(did="did:plc:volunteer")
    member.regions, member.credentials = ["Bretagne"], b"encrypted"
    member.save()
    other = f.member(did="did:plc:other")
    request = f.approved_request()
    planned = f.assign(request, member)
    done = f.assign(f.approved_request(), member, status=AssignmentStatus.DONE)
    do_store_audience(member.account, ["did:plc:fan1", "did:plc:fan2"])
    # The volunteer also follows another member: their id is interned among followers.
    do_store_audience(other.account, ["did:plc:volunteer", "did:plc:fan1"])

    do_erase_account(member.account, actor=None, why="départ et effacement")

    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    assert (member.credentials, member.regions, member.user) == (None, [], None)
    assert Assignment.objects.get(pk=planned.pk).status == AssignmentStatus.CANCELLED
    assert Assignment.objects.get(pk=done.pk).status == AssignmentStatus.DONE  # history kept
    assert not Audience.objects.filter(account=member.account).exists()
    assert Audience.objects.filter(account=other.account).exists()
    assert not Follower.objects.filter(remote_id="did:plc:volunteer").exists()
    assert Follower.objects.filter(remote_id="did:plc:fan1").exists()


def test_it_refuses_the_official_account_and_an_empty_reason(make_event) -> None:
    official = f.account(official=True)
    with pytest.raises(ActionError):
        do_erase_account(official, actor=None, why="test")
    r = do_ingest_event(make_event(), source="s", cursor="1")
    assert r is not None
    with pytest.raises(ActionError):
        do_erase_account(r.post.author, actor=None, why="  ")
    assert Request.objects.get(pk=r.pk).status != RequestStatus.ERASED


def test_it_lets_only_coordinators_erase_from_the_request_page(
    client: Client, make_event, moderator, coordinator
) -> None:
    r = do_ingest_event(make_event(), source="s", cursor="1")
    assert r is not None
    url = reverse("erase_account", args=[r.post.author.pk])
    form = {"request": r.pk, "why": "La personne l'a demandé", "confirm": "yes"}

    client.force_login(moderator)
    assert "erase-account" not in client.get(reverse("request_detail", args=[r.pk])).content.decode()
    assert client.post(url, form).status_code == 403
    assert Request.objects.get(pk=r.pk).status != RequestStatus.ERASED

    client.force_login(coordinator)
    page = client.get(reverse("request_detail", args=[r.pk])).content.decode()
    assert "erase-account" in page and "RGPD" in page
    unconfirmed = client.post(url, {**form, "confirm": ""}, follow=True)
    assert "confirmer" in unconfirmed.content.decode()
    assert Request.objects.get(pk=r.pk).status != RequestStatus.ERASED
    done = client.post(url, form, follow=True)
    assert "sont effacées" in done.content.decode()
    assert Request.objects.get(pk=r.pk).status == RequestStatus.ERASED
    assert "erase-account" not in client.get(reverse("request_detail", args=[r.pk])).content.decode()


def test_it_erases_from_the_command_line_after_confirmation(make_event, monkeypatch, capsys) -> None:
    from colibri.cli import main

    r = do_ingest_event(make_event(), source="s", cursor="1")
    assert r is not None
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    assert main(["erase", "--network", "bluesky", "--handle", "@marie.bsky.social"]) == 1
    assert Request.objects.get(pk=r.pk).status != RequestStatus.ERASED
    monkeypatch.setattr("builtins.input", lambda prompt: "oui")
    assert main(["erase", "--network", "bluesky", "--handle", "marie.bsky.social"]) == 0
    assert Request.objects.get(pk=r.pk).status == RequestStatus.ERASED
    out = capsys.readouterr().out
    assert "1 demande" in out
    assert main(["erase", "--network", "bluesky", "--handle", "marie.bsky.social", "--yes"]) == 1
    assert "aucun compte" in capsys.readouterr().err
