"""The official accounts page: connected or not, last success and error in words, budget, pacing."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from colibri.console.official import pacing_words, status_of
from colibri.relay.models import CollectiveSettings, NetworkAccount, OutboxAction, OutboxKind, OutboxStatus
from colibri.relay.outbox.pacing import Pacing

from .console_factories import account, request

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


def test_it_refuses_what_is_not_an_app_password_before_any_network_call(
    client: Any, coordinator: Any, settings: Any
) -> None:
    settings.BLUESKY_HANDLE = settings.BLUESKY_APP_PASSWORD = ""
    settings.BLUESKY_SERVICE = "http://127.0.0.1:9"  # nothing listens: a network call would fail differently
    client.force_login(coordinator)
    response = client.post(
        reverse("official_accounts"), {"handle": "@collectif.bsky.social", "app_password": "MonMotDePasse!"}
    )
    assert response.status_code == 400
    assert "ne ressemble pas à un mot de passe d&#x27;application" in response.content.decode()
    bad_handle = client.post(
        reverse("official_accounts"), {"handle": "pas un pseudo", "app_password": "abcd-efgh-ijkl-mnop"}
    )
    assert "n&#x27;est pas un pseudo Bluesky" in bad_handle.content.decode()
    from colibri.console.models import OfficialCredential

    assert not OfficialCredential.objects.exists()


def test_it_lets_the_environment_win(client: Any, coordinator: Any, settings: Any) -> None:
    settings.BLUESKY_HANDLE, settings.BLUESKY_APP_PASSWORD = "i4emploi.bsky.social", "abcd-efgh-ijkl-mnop"
    client.force_login(coordinator)
    page = client.get(reverse("official_accounts")).content.decode()
    assert "Le connecter ici" not in page and 'name="app_password"' not in page
    response = client.post(
        reverse("official_accounts"), {"handle": "autre.bsky.social", "app_password": "abcd-efgh-ijkl-mnop"}
    )
    assert "c&#x27;est lui qui prime" in response.content.decode()


def test_it_hands_stored_credentials_to_the_registry_only_without_environment(settings: Any) -> None:
    from cryptography.fernet import Fernet

    from colibri.console.models import OfficialCredential
    from colibri.networks.credentials import Credentials, encrypt_credentials
    from colibri.networks.registry import adapter_for_account, configured_networks

    settings.COLIBRI_CREDENTIALS_KEY = Fernet.generate_key().decode()
    settings.BLUESKY_HANDLE = settings.BLUESKY_APP_PASSWORD = ""
    settings.MASTODON_API_BASE_URL = settings.X_BEARER_TOKEN = settings.X_API_KEY = ""
    assert configured_networks(settings) == []
    token = encrypt_credentials(
        Credentials.build(
            "bluesky", "page.bsky.social", "https://pds.example", app_password="abcd-efgh-ijkl-mnop"
        )
    )
    OfficialCredential.objects.create(
        network="bluesky", handle="page.bsky.social", remote_id="did:plc:p", token=token.encode()
    )
    (bsky,) = configured_networks(settings)
    assert (bsky.handle, bsky.service) == ("page.bsky.social", "https://pds.example")
    official = NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:p", handle="page.bsky.social", is_official=True
    )
    assert adapter_for_account(official).handle == "page.bsky.social"

    settings.BLUESKY_HANDLE, settings.BLUESKY_APP_PASSWORD = "env.bsky.social", "wxyz-wxyz-wxyz-wxyz"
    (bsky,) = configured_networks(settings)
    assert bsky.handle == "env.bsky.social"  # the environment wins
    assert adapter_for_account(official).handle == "env.bsky.social"
