"""Joining with a Mastodon account (OAuth: app registered per instance, authorization code) and an X
account (OAuth 2.0 with PKCE) through /rejoindre/, over captured API payloads (written from the
documented Application, Token, Account and X token/users-me entities).

The only outbound HTTP function goes to a fake transport (netkit.FakeHTTP): the real Mastodon.py,
tweepy and requests-oauthlib code builds, sends and parses every request."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from colibri.connect.models import MastodonClientApp
from colibri.networks import oauth
from colibri.networks.credentials import decrypt_credentials, generate_key
from colibri.networks.registry import adapter_for_account
from colibri.relay.models import Member

from .netkit import FakeHTTP

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-42"
APP_SECRET = "ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw"
MASTODON_TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0"


@pytest.fixture(autouse=True)
def keys(settings: Any) -> None:
    settings.COLIBRI_CREDENTIALS_KEY = generate_key()
    settings.COLIBRI_MEMBERS_AUTO_ACCEPT = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def http(monkeypatch: pytest.MonkeyPatch) -> FakeHTTP:
    fake = FakeHTTP()
    monkeypatch.setattr(oauth, "new_session", fake.session)
    return fake


def mastodon_routes(http: FakeHTTP) -> None:
    http.add("POST", r"/api/v1/apps", payload="mastodon_app.json")
    http.add("POST", r"/oauth/token", payload="mastodon_token.json")
    http.add("GET", r"/api/v1/accounts/verify_credentials", payload="mastodon_account.json")
    http.add("GET", r"/api/v1/instance/?", payload="mastodon_instance_v1.json")
    http.add("GET", r"/api/v2/instance/?", payload="mastodon_instance_v2.json")


def _join(client: Any, **form: str) -> Any:
    data = {"mode": "delegated", "daily_budget": "2", "password": PASSWORD, "consent": "on", **form}
    return client.post(reverse("join"), data)


def test_it_joins_with_a_mastodon_account_through_oauth(client: Any, http: FakeHTTP) -> None:
    mastodon_routes(http)
    start = client.post(reverse("join_oauth_start", args=["mastodon"]), {"instance": "Piaille.fr/"})
    assert start.status_code == 302
    authorize = urlsplit(start["Location"])
    query = parse_qs(authorize.query)
    assert (authorize.netloc, authorize.path) == ("piaille.fr", "/oauth/authorize")
    assert query["client_id"] == ["TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM"]
    assert query["scope"] == ["read:accounts read:follows write:statuses"]
    assert query["redirect_uri"] == ["http://testserver/rejoindre/mastodon/retour/"]
    app = MastodonClientApp.objects.get()
    assert app.instance == "https://piaille.fr" and APP_SECRET.encode() not in bytes(app.client_secret)

    back = client.get(
        reverse("join_oauth_return", args=["mastodon"]), {"code": "c0de", "state": query["state"][0]}
    )
    assert back.status_code == 302
    page = client.get(reverse("join")).content.decode()
    assert "@marie@piaille.fr" in page and 'name="app_password"' not in page
    token_call = next(c for c in http.calls if c["path"] == "/oauth/token")
    assert parse_qs(token_call["body"])["code"] == ["c0de"]
    assert MASTODON_TOKEN not in str(client.session.items())  # the session holds it encrypted only

    assert _join(client).status_code == 302
    member = Member.objects.select_related("account").get()
    assert member.account.network == "mastodon" and member.account.remote_id == "109302"
    assert member.account.handle == "marie@piaille.fr" and member.account.followers_count == 312
    creds = decrypt_credentials(bytes(member.credentials))
    assert creds.get("access_token") == MASTODON_TOKEN and creds.service == "https://piaille.fr"
    assert adapter_for_account(member.account).name == "mastodon"


def test_it_registers_the_application_once_per_instance(client: Any, http: FakeHTTP) -> None:
    mastodon_routes(http)
    for _ in range(2):
        assert (
            client.post(
                reverse("join_oauth_start", args=["mastodon"]), {"instance": "piaille.fr"}
            ).status_code
            == 302
        )
    assert [c["path"] for c in http.calls].count("/api/v1/apps") == 1


def test_it_refuses_a_callback_with_another_state(client: Any, http: FakeHTTP) -> None:
    mastodon_routes(http)
    client.post(reverse("join_oauth_start", args=["mastodon"]), {"instance": "piaille.fr"})
    back = client.get(
        reverse("join_oauth_return", args=["mastodon"]), {"code": "c0de", "state": "forged"}, follow=True
    )
    assert "expiré" in back.content.decode()
    assert not any(c["path"] == "/oauth/token" for c in http.calls)
    assert not Member.objects.exists()


def test_it_joins_with_an_x_account_through_oauth2_with_pkce(
    client: Any, http: FakeHTTP, settings: Any
) -> None:
    settings.X_OAUTH2_CLIENT_ID = "colibri-x-client"
    http.add("POST", r"/2/oauth2/token", payload="x_oauth2_token.json")
    http.add("GET", r"/2/users/me", payload="x_me.json")
    assert "Se connecter avec X" in client.get(reverse("join")).content.decode()
    # Over HTTPS, as in production: OAuth 2.0 libraries refuse a plain-HTTP callback.
    start = client.post(reverse("join_oauth_start", args=["x"]), secure=True)
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and query["client_id"] == ["colibri-x-client"]
    assert "tweet.write" in query["scope"][0] and "offline.access" in query["scope"][0]
    assert query["redirect_uri"] == ["https://testserver/rejoindre/x/retour/"]
    back = client.get(
        reverse("join_oauth_return", args=["x"]), {"code": "xc0de", "state": query["state"][0]}, secure=True
    )
    assert back.status_code == 302
    token_call = next(c for c in http.calls if c["path"] == "/2/oauth2/token")
    verifier = parse_qs(token_call["body"])["code_verifier"][0]
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    assert challenge == query["code_challenge"][0]  # the verifier kept server side matches the challenge sent
    me_call = next(c for c in http.calls if c["path"] == "/2/users/me")
    assert me_call["headers"]["Authorization"].startswith("Bearer bWRjRTFz")

    assert _join(client).status_code == 302
    member = Member.objects.select_related("account").get()
    assert (member.account.network, member.account.handle) == ("x", "collectif_i4e")
    assert decrypt_credentials(bytes(member.credentials)).get("oauth2_refresh_token").startswith("bWR6M0F0")
    adapter = adapter_for_account(member.account)
    assert adapter.name == "x" and adapter._user_auth is False  # type: ignore[attr-defined]


def test_it_keeps_no_token_for_a_member_who_reposts_by_hand(client: Any, http: FakeHTTP) -> None:
    mastodon_routes(http)
    start = client.post(reverse("join_oauth_start", args=["mastodon"]), {"instance": "piaille.fr"})
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    client.get(reverse("join_oauth_return", args=["mastodon"]), {"code": "c0de", "state": state})
    assert _join(client, mode="notified", email="marie@example.org").status_code == 302
    member = Member.objects.get()
    assert member.mode == "notified" and member.credentials is None
