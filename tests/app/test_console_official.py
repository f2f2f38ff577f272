"""The official accounts page: connected or not, last success and error in words, budget, pacing."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from console_factories import account, request
from django.urls import reverse
from django.utils import timezone

from colibri.console.official import pacing_words, status_of
from colibri.relay.models import CollectiveSettings, NetworkAccount, OutboxAction, OutboxKind, OutboxStatus
from colibri.relay.outbox import Pacing

pytestmark = pytest.mark.django_db

# A fixed instant (17:30 in Paris): nothing here reads the wall clock.
NOW = datetime(2026, 3, 10, 16, 30, tzinfo=UTC)


def test_it_words_the_pacing_like_a_person_would() -> None:
    pacing = Pacing(time(8, 0), time(21, 0), 20)
    with timezone.override("Europe/Paris"):
        text = pacing_words(pacing, next_at=NOW + timedelta(minutes=72), waiting_later=5, now=NOW)
    assert text == (
        "20 relais par jour entre 08:00 et 21:00 : un toutes les 39 minutes ; prochain à 18:42 ; "
        "5 en attente pour les jours suivants"
    )
    with timezone.override("Europe/Paris"):
        tomorrow = pacing_words(pacing, next_at=NOW + timedelta(hours=16), waiting_later=0, now=NOW)
    assert tomorrow.endswith("prochain demain à 09:30")


def test_it_says_a_network_is_not_connected_and_how_to_connect_it(
    client: Any, coordinator: Any, settings: Any
) -> None:
    settings.BLUESKY_HANDLE = settings.BLUESKY_APP_PASSWORD = ""
    client.force_login(coordinator)
    html = client.get(reverse("official_accounts")).content.decode()
    assert "Non connecté : les demandes Bluesky approuvées ne sont pas relayées." in html
    assert "renseignez BLUESKY_HANDLE + BLUESKY_APP_PASSWORD dans le fichier .env" in html
    assert reverse("official_accounts") in client.get(reverse("settings")).content.decode()


def test_it_tells_the_last_success_the_last_error_and_the_budget_left(settings: Any) -> None:
    settings.BLUESKY_HANDLE, settings.BLUESKY_APP_PASSWORD = "i4emploi.bsky.social", "abcd-efgh-ijkl-mnop"
    cs = CollectiveSettings.get()
    cs.official_daily_budget, cs.active_hours_start, cs.active_hours_end = 20, time(8), time(21)
    cs.save()
    official = NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4emploi.bsky.social", is_official=True
    )

    def repost(status: str, not_before: datetime, error: str = "", done_at: datetime | None = None) -> None:
        req = request(account(f"s{not_before:%H%M%S%f}.bsky.social"))
        OutboxAction.objects.create(
            kind=OutboxKind.REPOST,
            network="bluesky",
            account=official,
            request=req,
            target_uri=req.post.uri,
            idempotency_key=f"k{req.pk}",
            status=status,
            not_before=not_before,
            last_error=error,
            done_at=done_at,
        )

    with timezone.override("Europe/Paris"):
        repost(OutboxStatus.DONE, NOW - timedelta(hours=2), done_at=NOW - timedelta(hours=2))
        repost(OutboxStatus.PENDING, NOW + timedelta(minutes=72))
        repost(OutboxStatus.PENDING, NOW + timedelta(hours=16))
        ok = status_of("bluesky", now=NOW)
        assert ok.state == "connected" and ok.summary == "Connecté en tant que @i4emploi.bsky.social."
        assert ok.last_success == NOW - timedelta(hours=2) and ok.last_error == ""
        assert ok.budget_left == 18  # two of today's 20 used (done or queued today)
        assert "prochain à 18:42" in ok.pacing and "1 en attente pour un jour suivant" in ok.pacing

        repost(
            OutboxStatus.FAILED,
            NOW - timedelta(minutes=30),
            "HTTP 401 AuthenticationRequired",
            done_at=NOW - timedelta(minutes=20),
        )
        failing = status_of("bluesky", now=NOW)
    assert failing.state == "failing"
    assert (
        failing.summary
        == "Le réseau a refusé la connexion du compte : vérifiez son mot de passe ou son jeton."
    )
    assert failing.last_error_at == NOW - timedelta(minutes=20)


def test_it_asks_to_test_an_account_configured_but_never_seen(
    client: Any, coordinator: Any, settings: Any
) -> None:
    settings.BLUESKY_HANDLE, settings.BLUESKY_APP_PASSWORD = "i4emploi.bsky.social", "abcd-efgh-ijkl-mnop"
    client.force_login(coordinator)
    html = client.get(reverse("official_accounts")).content.decode()
    assert "Configuré, pas encore vérifié : testez la connexion." in html
    assert reverse("official_test", args=["bluesky"]) in html


def test_it_lets_only_coordinators_see_and_test(client: Any, moderator: Any) -> None:
    client.force_login(moderator)
    assert client.get(reverse("official_accounts")).status_code == 403
    assert client.post(reverse("official_test", args=["bluesky"])).status_code == 403
