"""X accounts connected with OAuth 2.0 keep working past their two-hour token: on a 401 the adapter
refreshes the token once (X's token endpoint, refresh token rotated and stored), then repeats the call.
Answers are X's documented payloads, served by a fake transport (there is no local X)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from colibri.networks.base import NetworkError
from colibri.networks.credentials import Credentials, decrypt_credentials, encrypt_credentials
from colibri.networks.x import XNetwork

from .netkit import FakeHTTP
from .x_kit import KEYS

EXPIRED = {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}
TOKENS = {
    "token_type": "bearer",
    "expires_in": 7200,
    "access_token": "fresh-access",
    "scope": "tweet.read users.read tweet.write offline.access",
    "refresh_token": "rotated-refresh",
}
SETTINGS = SimpleNamespace(X_OAUTH2_CLIENT_ID="client-1", X_OAUTH2_CLIENT_SECRET="")


def _expired_then_fine(http: FakeHTTP) -> None:
    http.add("GET", r"/2/users/me", json_body=EXPIRED, status=401)
    http.add("GET", r"/2/users/me", payload="x_me.json")
    http.add("POST", r"/2/users/2244994945/retweets", payload="x_retweet.json")


def _credentials(access: str = "old-access", refresh: str = "old-refresh") -> Credentials:
    return Credentials.build(
        "x", "marie_dupont", "", oauth2_access_token=access, oauth2_refresh_token=refresh
    )


def test_it_refreshes_an_expired_token_once_and_repeats_the_call() -> None:
    from colibri.networks.registry import x_token_refresher

    http = FakeHTTP()
    _expired_then_fine(http)
    http.add("POST", r"/2/oauth2/token", json_body=TOKENS)
    saved: list[Credentials] = []
    refresher = x_token_refresher(SETTINGS, _credentials(), saved.append, session=http.session())
    net = XNetwork(
        bearer_token="old-access", oauth2_user=True, session=http.session(), refresh_token=refresher
    )

    assert net.repost("x:1859000000000000002") == "retweet:1859000000000000002"

    token_call = next(c for c in http.calls if c["path"] == "/2/oauth2/token")
    form = dict(pair.split("=", 1) for pair in token_call["body"].split("&"))
    assert form == {"grant_type": "refresh_token", "refresh_token": "old-refresh", "client_id": "client-1"}
    me_calls = [c for c in http.calls if c["path"] == "/2/users/me"]
    assert me_calls[0]["headers"]["Authorization"] == "Bearer old-access"
    assert {c["headers"]["Authorization"] for c in me_calls[1:]} == {"Bearer fresh-access"}
    retweet = next(c for c in http.calls if c["path"].endswith("/retweets"))
    assert retweet["headers"]["Authorization"] == "Bearer fresh-access"
    # The rotated refresh token is stored before anything else can fail: the old one is spent.
    assert [(c.get("oauth2_access_token"), c.get("oauth2_refresh_token")) for c in saved] == [
        ("fresh-access", "rotated-refresh")
    ]


def test_it_uses_a_token_another_process_already_refreshed() -> None:
    from colibri.networks.registry import x_token_refresher

    http = FakeHTTP()
    _expired_then_fine(http)
    saved: list[Credentials] = []
    stored = _credentials("refreshed-elsewhere", "rotated-elsewhere")
    refresher = x_token_refresher(
        SETTINGS, _credentials(), saved.append, lambda: stored, session=http.session()
    )
    net = XNetwork(
        bearer_token="old-access", oauth2_user=True, session=http.session(), refresh_token=refresher
    )
    net.repost("x:1859000000000000002")
    assert not any(c["path"] == "/2/oauth2/token" for c in http.calls)  # the spent refresh token is not sent
    assert http.calls[-1]["headers"]["Authorization"] == "Bearer refreshed-elsewhere"
    assert saved == []


def test_a_refused_refresh_says_to_connect_again_and_is_not_retried() -> None:
    from colibri.networks.registry import x_token_refresher

    http = FakeHTTP()
    http.add("GET", r"/2/users/me", json_body=EXPIRED, status=401)
    http.add(
        "POST",
        r"/2/oauth2/token",
        json_body={
            "error": "invalid_request",
            "error_description": "Value passed for the token was invalid.",
        },
        status=400,
    )
    saved: list[Credentials] = []
    net = XNetwork(
        bearer_token="old-access",
        oauth2_user=True,
        session=http.session(),
        refresh_token=x_token_refresher(SETTINGS, _credentials(), saved.append, session=http.session()),
    )
    with pytest.raises(NetworkError) as caught:
        net.repost("x:1859000000000000002")
    assert caught.value.retry is False and "connected again" in str(caught.value)
    assert saved == [] and "old-refresh" not in str(caught.value)


def test_an_app_token_401_is_not_refreshed() -> None:
    http = FakeHTTP()
    http.add("GET", r"/2/users/me", json_body=EXPIRED, status=401)
    calls: list[int] = []

    def never() -> str:
        calls.append(1)
        return "x"

    net = XNetwork(**KEYS, session=http.session(), refresh_token=never)  # app keys, not oauth2_user
    with pytest.raises(NetworkError) as caught:
        net.me()
    assert caught.value.status == 401 and calls == []


@pytest.mark.django_db
def test_it_keeps_a_members_rotated_tokens_in_the_database(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    from cryptography.fernet import Fernet

    from colibri.networks import oauth
    from colibri.networks.registry import adapter_for_account
    from colibri.relay.models import Member, NetworkAccount

    http = FakeHTTP()
    _expired_then_fine(http)
    http.add("POST", r"/2/oauth2/token", json_body=TOKENS)
    monkeypatch.setattr(oauth, "new_session", http.session)  # the token endpoint, answered by the fake
    settings.X_OAUTH2_CLIENT_ID = "client-1"
    settings.COLIBRI_CREDENTIALS_KEY = Fernet.generate_key().decode()
    account = NetworkAccount.objects.create(
        network="x", remote_id="2244994945", handle="marie_dupont", is_member=True
    )
    member = Member.objects.create(
        account=account, credentials=encrypt_credentials(_credentials()).encode("ascii")
    )
    adapter: Any = adapter_for_account(account)
    adapter.client.session = http.session()

    adapter.repost("x:1859000000000000002")

    member.refresh_from_db()
    kept = decrypt_credentials(bytes(member.credentials))
    assert (kept.get("oauth2_access_token"), kept.get("oauth2_refresh_token")) == (
        "fresh-access",
        "rotated-refresh",
    )


@pytest.mark.django_db
def test_it_keeps_the_official_accounts_rotated_tokens(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    from cryptography.fernet import Fernet

    from colibri.console.models import OfficialCredential
    from colibri.networks import oauth
    from colibri.networks.registry import official_adapter

    http = FakeHTTP()
    _expired_then_fine(http)
    http.add("POST", r"/2/oauth2/token", json_body=TOKENS)
    monkeypatch.setattr(oauth, "new_session", http.session)
    for name in ("X_BEARER_TOKEN", "X_API_KEY", "X_ACCESS_TOKEN"):
        setattr(settings, name, "")  # no official account in the environment: the connected one acts
    settings.X_OAUTH2_CLIENT_ID = "client-1"
    settings.COLIBRI_CREDENTIALS_KEY = Fernet.generate_key().decode()
    OfficialCredential.objects.create(
        network="x",
        handle="collectif_i4e",
        remote_id="2244994945",
        token=encrypt_credentials(_credentials()).encode(),
    )
    adapter: Any = official_adapter(settings, "x")
    adapter.client.session = http.session()

    adapter.repost("x:1859000000000000002")

    kept = decrypt_credentials(bytes(OfficialCredential.objects.get(network="x").token))
    assert (kept.get("oauth2_access_token"), kept.get("oauth2_refresh_token")) == (
        "fresh-access",
        "rotated-refresh",
    )
