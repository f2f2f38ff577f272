"""Automatic approval in the app (issue 14): clear requests approved with no click when it is on,
everything doubtful left in the queue, the day's automatic approvals listed and withdrawable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from colibri.autoapproval.actions import AUTO_APPROVED, do_auto_approve_request
from colibri.relay.actions.collective import do_update_collective_settings
from colibri.relay.actions.decisions import do_reject_request
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.opt_out import do_opt_out_account
from colibri.relay.actions.triage import do_triage_request
from colibri.relay.models import (
    AuditLog,
    CollectiveSettings,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)
from tests import clock

from .conftest import OFFER_TEXT, event

pytestmark = pytest.mark.django_db

ALTERNANCE_TEXT = (
    "#PleaseRT Je recherche un poste de #Comptable en alternance sur #Lyon, BTS CG en septembre. "
    "Mon profil : https://www.linkedin.com/in/marie-dupont #i4EmploiR"
)


@pytest.fixture
def turned_on(db: None) -> CollectiveSettings:
    # The collective's official account, whose repost an approval queues.
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4", is_official=True
    )
    return do_update_collective_settings(actor=None, auto_approve=True)


@pytest.fixture
def ingest(django_capture_on_commit_callbacks: Any) -> Callable[..., Request]:
    """Ingest one event as the stream does, running what it announces once it commits."""

    def run(**kwargs: Any) -> Request:
        # Read live, a few minutes after it was written (an older post is a backlog: see below).
        kwargs.setdefault("created_at", clock.NOW - timedelta(minutes=5))
        with django_capture_on_commit_callbacks(execute=True):
            r = do_ingest_event(event(**kwargs), source="test", cursor=None)
        assert r is not None
        r.refresh_from_db()
        return r

    return run


def test_it_leaves_a_clear_request_waiting_while_off_by_default(ingest: Any, frozen_now: Any) -> None:
    assert CollectiveSettings.get().auto_approve is False
    r = ingest()
    assert r.status == RequestStatus.ELIGIBLE and r.triage["auto_approvable"] is True
    assert not AuditLog.objects.filter(action__startswith="auto_approv").exists()
    assert not AuditLog.objects.filter(action=AUTO_APPROVED).exists()


def test_it_leaves_a_post_from_a_backlog_to_a_human(turned_on: Any, ingest: Any, frozen_now: Any) -> None:
    # Turning the setting on must not approve the history a first start or a catch-up replays.
    r = ingest(created_at=clock.NOW - timedelta(days=2))
    assert r.status == RequestStatus.ELIGIBLE and r.triage["auto_approvable"] is True
    declined = AuditLog.objects.get(request=r, action="auto_approval_declined")
    assert "plus de 24 heures" in declined.details["reason"]


def test_it_approves_a_clear_request_with_no_click_and_queues_the_official_repost(
    turned_on: Any, ingest: Any, frozen_now: Any
) -> None:
    r = ingest()
    assert r.status == RequestStatus.APPROVED
    assert r.decided_by is None and r.decided_at == frozen_now
    assert r.decision_reason == "Approuvée automatiquement"
    approved = AuditLog.objects.get(request=r, action="request_approved")
    mark = AuditLog.objects.get(request=r, action=AUTO_APPROVED)
    assert approved.actor is None and mark.actor is None and mark.actor_label == "auto-approval"
    assert (
        OutboxAction.objects.filter(request=r, kind=OutboxKind.REPOST, status=OutboxStatus.PENDING).count()
        == 1
    )


@pytest.mark.parametrize("text", [OFFER_TEXT, ALTERNANCE_TEXT])
def test_it_never_approves_an_offer_or_an_alternance_request(
    turned_on: Any, ingest: Any, frozen_now: Any, text: str
) -> None:
    r = ingest(text=text)
    assert r.status in (RequestStatus.INELIGIBLE, RequestStatus.NEEDS_REVIEW)
    assert not AuditLog.objects.filter(action=AUTO_APPROVED).exists()
    assert not OutboxAction.objects.filter(request=r).exists()


def test_it_leaves_a_second_request_of_the_same_author_to_a_human(
    turned_on: Any, ingest: Any, frozen_now: Any
) -> None:
    first = ingest()
    second = ingest(text="#PleaseRT Je cherche un poste de #Comptable en CDD sur #Lyon #i4EmploiR")
    assert first.status == RequestStatus.APPROVED
    assert second.status == RequestStatus.ELIGIBLE
    declined = AuditLog.objects.get(request=second, action="auto_approval_declined")
    assert "autre demande" in declined.details["reason"]


def test_it_leaves_an_edited_post_to_a_human(turned_on: Any, ingest: Any, frozen_now: Any) -> None:
    # An edit whose original we never saw is stored as an edited post: it waits, even when clear.
    r = ingest(kind="update")
    assert r.status == RequestStatus.ELIGIBLE
    assert "modifié" in AuditLog.objects.get(request=r, action="auto_approval_declined").details["reason"]


def test_it_leaves_a_person_who_said_stop_to_a_human(turned_on: Any, ingest: Any, frozen_now: Any) -> None:
    first = ingest()
    account = NetworkAccount.objects.get(pk=first.post.author_id)
    do_opt_out_account(account, actor=None, why="stop")
    later = ingest(text="#PleaseRT Je cherche un poste de #Comptable en CDI sur #Lyon #i4EmploiR")
    assert later.status == RequestStatus.NEEDS_REVIEW
    assert not AuditLog.objects.filter(request=later, action=AUTO_APPROVED).exists()


def test_it_approves_a_request_the_worker_triaged_later(
    turned_on: Any, django_capture_on_commit_callbacks: Any, frozen_now: Any
) -> None:
    fresh = event(created_at=clock.NOW - timedelta(minutes=5))
    r = do_ingest_event(fresh, source="test", cursor=None, defer_triage=True)
    assert r is not None and r.status == RequestStatus.DETECTED
    with django_capture_on_commit_callbacks(execute=True):
        do_triage_request(r)
    r.refresh_from_db()
    assert r.status == RequestStatus.APPROVED
    assert AuditLog.objects.filter(request=r, action=AUTO_APPROVED).count() == 1


def test_it_approves_once_however_often_it_is_asked(turned_on: Any, ingest: Any, frozen_now: Any) -> None:
    r = ingest()
    assert do_auto_approve_request(r) == "already decided"
    assert AuditLog.objects.filter(request=r, action__in=[AUTO_APPROVED, "request_approved"]).count() == 2
    assert OutboxAction.objects.filter(request=r, kind=OutboxKind.REPOST).count() == 1


# --------------------------------------------------------------------------- the glance page


def test_it_lists_today_s_automatic_approvals_only(
    turned_on: Any, ingest: Any, client: Any, moderator: Any
) -> None:
    with clock.freeze(clock.NOW - timedelta(days=1)):
        yesterday = ingest(author_id="did:plc:yesterday", handle="hier.bsky.social")
    with clock.freeze(clock.NOW):
        today = ingest(author_id="did:plc:today", handle="aujourdhui.bsky.social")
        waiting = ingest(text=OFFER_TEXT, author_id="did:plc:rh", handle="rh.bsky.social")
        client.force_login(moderator)
        page = client.get(reverse("auto_today")).content.decode()
    assert yesterday.status == today.status == RequestStatus.APPROVED
    assert "Approuvées automatiquement aujourd" in page
    assert "@aujourdhui.bsky.social" in page and f'id="auto-{today.pk}"' in page
    assert f'id="auto-{yesterday.pk}"' not in page and f'id="auto-{waiting.pk}"' not in page
    assert 'data-key="1"' in page  # the one key that withdraws it


def test_it_withdraws_from_the_list_and_undoes_the_official_repost(
    turned_on: Any, ingest: Any, client: Any, moderator: Any, frozen_now: Any
) -> None:
    r = ingest()
    repost = OutboxAction.objects.get(request=r, kind=OutboxKind.REPOST)
    # The official account reposted it (what dispatch records when the network said yes).
    OutboxAction.objects.filter(pk=repost.pk).update(
        status=OutboxStatus.DONE, result_id="at://official/repost/1"
    )
    client.force_login(moderator)
    response = client.post(reverse("auto_withdraw", args=[r.pk]), follow=True)
    assert f"Demande n°{r.pk} retirée" in response.content.decode()
    r.refresh_from_db()
    assert r.status == RequestStatus.WITHDRAWN
    undo = OutboxAction.objects.get(request=r, kind=OutboxKind.UNDO_REPOST)
    assert undo.payload["repost_id"] == "at://official/repost/1"
    assert AuditLog.objects.get(request=r, action="request_withdrawn").actor == moderator


def test_it_withdraws_from_the_list_only_what_was_approved_automatically(
    ingest: Any, client: Any, moderator: Any, frozen_now: Any
) -> None:
    r = ingest()  # off: waits for a human
    client.force_login(moderator)
    response = client.post(reverse("auto_withdraw", args=[r.pk]), follow=True)
    assert "pas été approuvée automatiquement" in response.content.decode()
    r.refresh_from_db()
    assert r.status == RequestStatus.ELIGIBLE


def test_it_keeps_the_list_from_members_and_strangers(client: Any, member: Any) -> None:
    assert client.get(reverse("auto_today")).status_code == 302
    client.force_login(member)
    assert client.get(reverse("auto_today")).status_code == 403
    assert client.post(reverse("auto_withdraw", args=[1])).status_code == 403


# --------------------------------------------------------------------------- the settings page


def test_it_explains_the_setting_with_the_measured_precision_and_saves_it(
    client: Any, coordinator: Any
) -> None:
    client.force_login(coordinator)
    page = client.get(reverse("settings")).content.decode()
    assert "Approuver automatiquement les demandes claires" in page
    assert "100 % sur les messages de test" in page and "jamais vu les règles" in page
    form = {
        "seeker_hashtag": "i4EmploiR",
        "member_hashtag": "i4emploi",
        "tracked_hashtags": "PleaseRT",
        "eligible_contracts": ["CDI", "CDD"],
        "language": "fr",
        "member_daily_budget": "3",
        "official_daily_budget": "20",
        "follower_daily_cap": "3",
        "active_hours_start": "08:00",
        "active_hours_end": "21:00",
        "auto_approve": "on",
        "auto_approve_min_account_age_days": "60",
    }
    client.post(reverse("settings"), form)
    cs = CollectiveSettings.get()
    assert cs.auto_approve is True and cs.auto_approve_min_account_age_days == 60
    changes = AuditLog.objects.get(action="settings_updated").details["changes"]
    assert changes["auto_approve"] == [False, True]


def test_it_leaves_a_blocked_account_to_a_human_and_unblocking_restores_it(
    turned_on: Any, ingest: Any, client: Any, coordinator: Any, frozen_now: Any
) -> None:
    first = ingest(text=OFFER_TEXT)  # waits: the coordinator opens it and blocks the account
    client.force_login(coordinator)
    page = client.get(reverse("request_detail", args=[first.pk])).content.decode()
    assert "Bloquer le compte" in page
    answer = client.post(
        reverse("block_account", args=[first.post.author_id]), {"request": first.pk}, follow=True
    )
    assert "est bloqué" in answer.content.decode()
    assert AuditLog.objects.get(action="account_blocked").actor == coordinator
    held = ingest(text="#PleaseRT Je cherche un poste de #Comptable en CDD sur #Lyon #i4EmploiR")
    assert held.status == RequestStatus.ELIGIBLE
    assert "bloqué" in AuditLog.objects.get(request=held, action="auto_approval_declined").details["reason"]
    client.post(reverse("block_account", args=[first.post.author_id]), {"request": first.pk, "blocked": "0"})
    assert NetworkAccount.objects.get(pk=first.post.author_id).blocked_at is None
    do_reject_request(first, actor=coordinator, reason="Offre d'emploi (non relayée)")
    assert do_auto_approve_request(held) is None  # not blocked any more, no other request waiting


def test_it_lets_only_a_coordinator_block_an_account(ingest: Any, client: Any, moderator: Any) -> None:
    r = ingest()
    client.force_login(moderator)
    assert client.post(reverse("block_account", args=[r.post.author_id])).status_code == 403
    assert NetworkAccount.objects.get(pk=r.post.author_id).blocked_at is None


def test_it_leaves_a_first_post_from_a_young_account_to_a_human(
    turned_on: Any, ingest: Any, frozen_now: Any
) -> None:
    r = ingest(account_created_at=clock.NOW - timedelta(days=3))  # the network says: 3 days old
    assert r.post.author.network_created_at == clock.NOW - timedelta(days=3)
    assert r.status == RequestStatus.ELIGIBLE and r.triage["auto_approvable"] is True
    declined = AuditLog.objects.get(request=r, action="auto_approval_declined")
    assert "moins de 30 jours" in declined.details["reason"]


def test_it_approves_a_first_post_from_an_account_older_than_the_minimum(
    turned_on: Any, ingest: Any, frozen_now: Any
) -> None:
    r = ingest(account_created_at=clock.NOW - timedelta(days=31))
    assert r.status == RequestStatus.APPROVED
    assert AuditLog.objects.filter(request=r, action=AUTO_APPROVED).exists()


def test_it_asks_the_network_once_for_an_account_age_ingest_did_not_get(
    turned_on: Any, ingest: Any, frozen_now: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from colibri.autoapproval import actions
    from colibri.networks.base import Author

    asked: list[str] = []

    class Profiles:
        name = "bluesky"

        def get_profile(self, actor: str) -> Author:
            asked.append(actor)
            return Author(
                id=actor,
                handle="marie.bsky.social",
                bio="Comptable #i4EmploiR",
                created_at=clock.NOW - timedelta(days=2),
            )

    monkeypatch.setattr(actions.sources, "configured_networks", lambda: [Profiles()])
    monkeypatch.setattr(actions, "_ASKED", set())
    r = ingest()  # a stream that carried no creation date (an account stored before, a profile unreadable)
    assert asked == ["did:plc:seeker1"]
    assert r.post.author.network_created_at == clock.NOW - timedelta(days=2)
    assert r.status == RequestStatus.ELIGIBLE
    assert (
        "moins de 30 jours"
        in AuditLog.objects.get(request=r, action="auto_approval_declined").details["reason"]
    )
    do_reject_request(r, actor=None, reason="test")  # the author has no live request left
    ingest(author_id="did:plc:seeker1")
    assert asked == ["did:plc:seeker1"]  # asked once: the date is stored on the account


def test_it_does_not_ask_the_network_when_the_minimum_age_is_off(
    ingest: Any, frozen_now: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from colibri.autoapproval import actions

    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4", is_official=True
    )
    do_update_collective_settings(actor=None, auto_approve=True, auto_approve_min_account_age_days=0)
    monkeypatch.setattr(actions.sources, "configured_networks", lambda: pytest.fail("asked the network"))
    assert ingest().status == RequestStatus.APPROVED
