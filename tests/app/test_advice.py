"""Advice reaching the seeker: the official account's reply, once, editable, never after stop, at most
one per person per week; the short expiring composer link; the automatic advice when turned on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from colibri.advice.actions import advice_text, do_queue_advice_reply, refusal
from colibri.advice.links import make_token, read_token
from colibri.followup.models import FollowupSettings
from colibri.relay.actions.base import ActionError
from colibri.relay.actions.opt_out import do_opt_out_account
from colibri.relay.models import AuditLog, NetworkAccount, OutboxAction, OutboxKind, Request

pytestmark = pytest.mark.django_db

SLOPPY = "Bonjour je cherche un CDI de comptable sur Lyon, merci de partager"


@pytest.fixture
def official(db: None) -> NetworkAccount:
    return NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4emploi.bsky.social", is_official=True
    )


@pytest.fixture
def sloppy(make_request, official) -> Request:
    req = make_request(text=SLOPPY, links=(), has_image=False)
    assert req.category == "seeker_request" and req.feedback
    return req


def _advice_rows() -> list[OutboxAction]:
    return list(OutboxAction.objects.filter(kind=OutboxKind.REPLY, payload__role="advice"))


def test_it_sends_the_edited_advice_once_from_the_request_page(
    sloppy: Request, client: Any, moderator
) -> None:
    client.force_login(moderator)
    page = client.get(reverse("request_detail", args=[sloppy.pk])).content.decode()
    assert 'class="advice-form"' in page and "/outils/c/" in page
    url = reverse("advice:send_advice", args=[sloppy.pk])
    text = "Bonjour ! Ajoutez #Comptable et #Lyon à votre message. " + advice_text(sloppy).split()[-1]
    answer = client.post(url, {"text": text}, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and answer.json()["ok"]
    [row] = _advice_rows()
    assert row.payload["text"] == text and row.target_uri == sloppy.post.uri and row.account.is_official
    assert AuditLog.objects.filter(request=sloppy, action="advice.queued", actor=moderator).exists()
    again = client.post(url, {"text": text}, HTTP_ACCEPT="application/json")
    assert again.status_code == 409 and "déjà" in again.json()["error"]
    assert len(_advice_rows()) == 1
    # Once sent, the request page no longer offers it.
    assert (
        'class="advice-form"' not in client.get(reverse("request_detail", args=[sloppy.pk])).content.decode()
    )


def test_it_never_advises_a_person_who_said_stop(sloppy: Request) -> None:
    do_opt_out_account(sloppy.post.author, why="stop")
    sloppy.refresh_from_db()
    assert refusal(sloppy)
    with pytest.raises(ActionError):
        do_queue_advice_reply(sloppy, text="Bonjour")
    assert _advice_rows() == []


def test_it_advises_one_person_at_most_once_a_week(make_request, official) -> None:
    first = make_request(text=SLOPPY, links=(), has_image=False)
    second = make_request(text=SLOPPY + " (bis)", links=(), has_image=False)
    do_queue_advice_reply(first, text="Conseil un")
    with pytest.raises(ActionError, match="moins de 7 jours"):
        do_queue_advice_reply(second, text="Conseil deux")
    OutboxAction.objects.filter(payload__role="advice").update(created_at=timezone.now() - timedelta(days=8))
    do_queue_advice_reply(second, text="Conseil deux")
    assert len(_advice_rows()) == 2


def test_it_refuses_an_empty_or_too_long_advice(sloppy: Request) -> None:
    for text in ("   ", "x" * 301):
        with pytest.raises(ActionError):
            do_queue_advice_reply(sloppy, text=text)


def test_it_links_to_the_composer_with_a_short_expiring_token(sloppy: Request, client: Any) -> None:
    text = advice_text(sloppy)
    assert text is not None and len(text) <= 300
    token = text.split("/outils/c/")[1].split("/")[0]
    assert len(token) < 30
    resp = client.get(reverse("advice:composer_link", args=[token]))
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("composer:index"))
    assert "Lyon" in resp["Location"]
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(reverse("advice:composer_link", args=[forged])).status_code == 404
    now = timezone.now()
    assert read_token(make_token(sloppy.pk, now=now), max_days=30, now=now + timedelta(days=30)) == sloppy.pk
    assert read_token(make_token(sloppy.pk, now=now), max_days=30, now=now + timedelta(days=31)) is None


def test_it_advises_by_itself_only_when_the_collective_turns_it_on(make_request, official) -> None:
    make_request(text=SLOPPY, links=(), has_image=False)
    assert _advice_rows() == []  # off by default
    cfg = FollowupSettings.current()
    cfg.advice_auto = True
    cfg.save()
    held = make_request(text=SLOPPY + " svp", links=(), has_image=False, author_id="did:plc:other")
    offer = make_request(text="Nous recrutons un comptable H/F en CDI à Lyon", author_id="did:plc:firm")
    assert held.status == "eligible" and held.feedback and offer.category == "job_offer"
    [row] = _advice_rows()
    assert row.request_id == held.pk and "/outils/c/" in row.payload["text"]
    assert row.payload["text"].startswith("Bonjour")
