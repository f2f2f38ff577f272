"""The collective's official Mastodon, X and Bluesky accounts, connected on /parametres/comptes-officiels/
with the flows members use on /rejoindre/ (colibri.connect.flows), over the same captured API payloads
(Bluesky OAuth itself runs against the local network: tests/browser/test_console_official_bluesky_oauth.py).

The only outbound HTTP function goes to a fake transport (netkit.FakeHTTP): the real Mastodon.py,
tweepy and requests-oauthlib code builds, sends and parses every request."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import requests.adapters
from django.urls import reverse

from colibri.console.models import OfficialCredential
from colibri.networks import oauth
from colibri.networks.credentials import decrypt_credentials, generate_key
from colibri.networks.registry import adapter_for_account, configured_networks
from colibri.relay.actions.volunteers import do_create_volunteer
from colibri.relay.models import AuditLog, NetworkAccount

from .netkit import FakeHTTP
from .test_members_oauth import MASTODON_TOKEN, mastodon_routes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_environment(settings: Any) -> None:
    settings.COLIBRI_CREDENTIALS_KEY = generate_key()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.BLUESKY_HANDLE = settings.BLUESKY_APP_PASSWORD = ""
    settings.MASTODON_API_BASE_URL = settings.MASTODON_ACCESS_TOKEN = ""
    settings.X_BEARER_TOKEN = settings.X_API_KEY = settings.X_ACCESS_TOKEN = ""
    settings.X_OAUTH2_CLIENT_ID = ""


@pytest.fixture
def http(monkeypatch: pytest.MonkeyPatch) -> FakeHTTP:
    fake = FakeHTTP()
    monkeypatch.setattr(oauth, "new_session", fake.session)
    # The adapters built by the registry (the connection test) open their own sessions: same transport.
    monkeypatch.setattr(
        requests.adapters.HTTPAdapter, "send", lambda _self, request, **_kw: fake.adapter.send(request)
    )
    return fake


@pytest.fixture
def coordinator_client(client: Any) -> Any:
    user, _password = do_create_volunteer(username="coord", role="coordinator", password="correct-horse-1")
    client.force_login(user)
    return client


def _connect_mastodon(client: Any) -> Any:
    start = client.post(reverse("official_oauth_start", args=["mastodon"]), {"instance": "piaille.fr"})
    assert start.status_code == 302
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["redirect_uri"] == ["http://testserver/parametres/comptes-officiels/mastodon/retour/"]
    return client.get(
        reverse("official_oauth_return", args=["mastodon"]),
        {"code": "c0de", "state": query["state"][0]},
        follow=True,
    )


def test_it_connects_the_official_mastodon_account_through_oauth_and_tests_it(
    coordinator_client: Any, http: FakeHTTP, settings: Any
) -> None:
    mastodon_routes(http)
    http.add("GET", r"/api/v1/accounts/109302$", payload="mastodon_account.json")
    before = coordinator_client.get(reverse("official_accounts")).content.decode()
    assert "Autoriser sur Mastodon" in before and 'name="instance"' in before
    assert configured_networks(settings) == []

    page = _connect_mastodon(coordinator_client)
    text = page.content.decode()
    assert "Connecté en tant que @marie@piaille.fr. Les demandes Mastodon approuvées" in text
    assert "Connecté depuis cette page." in text
    stored = OfficialCredential.objects.get(network="mastodon")
    assert MASTODON_TOKEN.encode() not in bytes(stored.token)  # kept encrypted
    assert decrypt_credentials(bytes(stored.token)).get("access_token") == MASTODON_TOKEN
    official = NetworkAccount.objects.get(network="mastodon", is_official=True)
    assert (official.remote_id, official.handle) == ("109302", "marie@piaille.fr")
    audit = AuditLog.objects.get(action="official_account_connected")
    assert audit.details["network"] == "mastodon" and MASTODON_TOKEN not in str(audit.details)

    # Ingest and dispatch now act as it: the registry builds its adapter from the stored token.
    (adapter,) = configured_networks(settings)
    assert adapter.name == "mastodon" and adapter_for_account(official).name == "mastodon"

    # « Tester la connexion »: verify_credentials then the profile, through the stored token.
    tested = coordinator_client.post(reverse("official_test", args=["mastodon"]), follow=True)
    assert "Connecté en tant que @marie@piaille.fr." in tested.content.decode()
    verify = [c for c in http.calls if c["path"] == "/api/v1/accounts/verify_credentials"]
    assert verify[-1]["headers"]["Authorization"] == f"Bearer {MASTODON_TOKEN}"
    assert AuditLog.objects.filter(action="official_account_tested", details__network="mastodon").count() == 2


def test_it_says_when_the_official_mastodon_token_no_longer_works(
    coordinator_client: Any, http: FakeHTTP
) -> None:
    mastodon_routes(http)
    _connect_mastodon(coordinator_client)
    # The coordinator revoked Colibri on the instance: the test says so and records the failure.
    http.add("GET", r"/api/v1/accounts/verify_credentials", payload="mastodon_error_401.json", status=401)
    tested = coordinator_client.post(reverse("official_test", args=["mastodon"]), follow=True)
    assert 'class="badge badge-state-failing"' in tested.content.decode()
    last = AuditLog.objects.filter(action="official_account_tested").order_by("-id").first()
    assert last is not None and last.details["ok"] is False


def test_it_lets_the_mastodon_environment_win(coordinator_client: Any, http: FakeHTTP, settings: Any) -> None:
    settings.MASTODON_API_BASE_URL, settings.MASTODON_ACCESS_TOKEN = "https://piaille.fr", "env-token"
    page = coordinator_client.get(reverse("official_accounts")).content.decode()
    assert "Autoriser sur Mastodon" not in page
    refused = coordinator_client.post(
        reverse("official_oauth_start", args=["mastodon"]), {"instance": "piaille.fr"}, follow=True
    )
    assert "c&#x27;est lui qui prime" in refused.content.decode()
    assert http.calls == [] and not OfficialCredential.objects.exists()


def test_it_refuses_an_official_callback_with_another_state(coordinator_client: Any, http: FakeHTTP) -> None:
    mastodon_routes(http)
    coordinator_client.post(reverse("official_oauth_start", args=["mastodon"]), {"instance": "piaille.fr"})
    back = coordinator_client.get(
        reverse("official_oauth_return", args=["mastodon"]), {"code": "c0de", "state": "forged"}, follow=True
    )
    assert "expiré" in back.content.decode()
    assert not any(c["path"] == "/oauth/token" for c in http.calls)
    assert not OfficialCredential.objects.exists()


def test_it_lets_only_coordinators_start_an_official_connection(client: Any, http: FakeHTTP) -> None:
    user, _password = do_create_volunteer(username="modo", role="moderator", password="correct-horse-1")
    client.force_login(user)
    response = client.post(reverse("official_oauth_start", args=["mastodon"]), {"instance": "piaille.fr"})
    assert response.status_code == 403 and http.calls == []


def test_it_connects_the_official_x_account_with_oauth2_when_configured(
    coordinator_client: Any, http: FakeHTTP, settings: Any
) -> None:
    assert "Autoriser sur X" not in coordinator_client.get(reverse("official_accounts")).content.decode()
    settings.X_OAUTH2_CLIENT_ID = "colibri-x-client"
    http.add("POST", r"/2/oauth2/token", payload="x_oauth2_token.json")
    http.add("GET", r"/2/users/me", payload="x_me.json")
    assert "Autoriser sur X" in coordinator_client.get(reverse("official_accounts")).content.decode()
    # Over HTTPS, as in production: OAuth 2.0 libraries refuse a plain-HTTP callback.
    start = coordinator_client.post(reverse("official_oauth_start", args=["x"]), secure=True)
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["redirect_uri"] == ["https://testserver/parametres/comptes-officiels/x/retour/"]
    coordinator_client.get(
        reverse("official_oauth_return", args=["x"]),
        {"code": "xc0de", "state": query["state"][0]},
        secure=True,
    )
    official = NetworkAccount.objects.get(network="x", is_official=True)
    assert official.handle == "collectif_i4e"
    (adapter,) = configured_networks(settings)
    assert adapter.name == "x" and adapter._user_auth is False  # type: ignore[attr-defined]


def test_it_offers_bluesky_oauth_and_the_app_password_for_the_official_account(
    coordinator_client: Any,
) -> None:
    page = coordinator_client.get(reverse("official_accounts")).content.decode()
    assert "/comptes-officiels/bluesky/connexion/" in page and "Se connecter avec Bluesky" in page
    assert 'name="app_password"' in page  # the alternative stays
    assert "/comptes-officiels/mastodon/connexion/" in page


def test_it_declares_the_official_callback_and_the_write_scope_in_the_client_metadata(
    client: Any, settings: Any
) -> None:
    # On a public site the client_id is this document's URL: Bluesky's authorization server refuses a
    # redirect URI or a scope it does not list.
    settings.SITE_URL = "https://colibri.example"
    document = client.get("/oauth/client-metadata.json").json()
    assert document["client_id"] == "https://colibri.example/oauth/client-metadata.json"
    assert document["redirect_uris"] == [
        "https://colibri.example/rejoindre/bluesky/retour/",
        "https://colibri.example/parametres/comptes-officiels/bluesky/retour/",
    ]
    assert document["scope"] == "atproto transition:generic"


def test_it_builds_a_public_reader_that_acts_through_oauth_for_the_official_bluesky_account(
    settings: Any,
) -> None:
    from colibri.networks.base import NetworkError
    from colibri.networks.bluesky_official import BlueskyOfficialOAuth
    from colibri.networks.credentials import Credentials, encrypt_credentials

    settings.BLUESKY_APPVIEW_URL = ""
    settings.BLUESKY_FIREHOSE_URL = "wss://bsky.network"
    stored = Credentials.build(
        "bluesky",
        "collectif.bsky.social",
        "https://pds.example",
        oauth_access_token="at-1",
        oauth_refresh_token="rt-1",
        dpop_key=_dpop_pem(),
        oauth_issuer="https://bsky.social",
        oauth_token_endpoint="https://bsky.social/oauth/token",
        oauth_client_id="https://colibri.example/oauth/client-metadata.json",
        did="did:plc:collectif",
    )
    OfficialCredential.objects.create(
        network="bluesky", handle="collectif.bsky.social", token=encrypt_credentials(stored).encode("ascii")
    )
    (adapter,) = configured_networks(settings)
    assert isinstance(adapter, BlueskyOfficialOAuth)
    # Reads need no session: the public AppView and the network's firehose; the DID is the session's.
    assert adapter.appview_url == "https://public.api.bsky.app" and adapter.source == "bluesky:bsky.network"
    assert adapter.did == "did:plc:collectif" and adapter.handle == "collectif.bsky.social"
    assert "at-1" not in repr(adapter) and "rt-1" not in repr(adapter)
    with pytest.raises(NetworkError):
        adapter.client  # noqa: B018 - nothing may log in with an app password it does not have
    with pytest.raises(NetworkError):
        adapter.send_direct_message("did:plc:x", "Bonjour")
    # A refresh rotates the tokens: the official saver keeps them (and the DID) at once.
    adapter.session.on_refresh({"access_token": "at-2", "refresh_token": "rt-2"})
    (again,) = configured_networks(settings)
    assert isinstance(again, BlueskyOfficialOAuth)
    assert (again.session.access_token, again.session.refresh_token) == ("at-2", "rt-2")
    assert again.did == "did:plc:collectif"
    # Another process refreshed meanwhile: `adapter` adopts the stored pair rather than spend its
    # rotated-away refresh token (the token endpoint is never called).
    adapter.session.http = httpx.Client(transport=httpx.MockTransport(_no_call))
    adapter.session.refresh()
    assert (adapter.session.access_token, adapter.session.refresh_token) == ("at-2", "rt-2")


def test_it_lets_the_environment_win_over_a_bluesky_oauth_account(settings: Any) -> None:
    from colibri.networks.bluesky.network import BlueskyNetwork
    from colibri.networks.bluesky_official import BlueskyOfficialOAuth
    from colibri.networks.credentials import Credentials, encrypt_credentials

    stored = Credentials.build(
        "bluesky", "collectif.bsky.social", "https://pds.example", oauth_refresh_token="rt", did="did:plc:c"
    )
    OfficialCredential.objects.create(
        network="bluesky", handle="collectif.bsky.social", token=encrypt_credentials(stored).encode("ascii")
    )
    settings.BLUESKY_HANDLE, settings.BLUESKY_APP_PASSWORD = "env.bsky.social", "abcd-efgh-ijkl-mnop"
    (adapter,) = configured_networks(settings)
    assert isinstance(adapter, BlueskyNetwork) and not isinstance(adapter, BlueskyOfficialOAuth)
    assert adapter.handle == "env.bsky.social"


def _no_call(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"unexpected call to {request.url}")


def _dpop_pem() -> str:
    from colibri.networks.bluesky_oauth import DpopKey

    return DpopKey().pem()
