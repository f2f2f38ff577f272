"""Credentials: encrypted at rest, never shown by repr/str/logging; registry built from settings."""

from __future__ import annotations

import logging
import pickle
from types import SimpleNamespace

import pytest

from colibri.networks.bluesky.network import BlueskyNetwork
from colibri.networks.credentials import (
    Credentials,
    Secret,
    decrypt_credentials,
    encrypt_credentials,
    generate_key,
)
from colibri.networks.mastodon import MastodonNetwork
from colibri.networks.registry import adapter_for_account, configured_networks

PASSWORD = "abcd-efgh-ijkl-mnop"


def test_it_round_trips_credentials_through_fernet_without_clear_text() -> None:
    key = generate_key()
    creds = Credentials.build("bluesky", "marie.bsky.social", "https://bsky.social", app_password=PASSWORD)
    token = encrypt_credentials(creds, key=key)
    assert PASSWORD not in token and "marie" not in token
    back = decrypt_credentials(token, key=key)
    assert back.get("app_password") == PASSWORD and back.identifier == "marie.bsky.social"
    with pytest.raises(ValueError, match="cannot be decrypted"):
        decrypt_credentials(token, key=generate_key())


def test_it_takes_the_key_from_settings(settings: pytest.FixtureRequest) -> None:
    settings.COLIBRI_CREDENTIALS_KEY = generate_key()  # type: ignore[attr-defined]
    creds = Credentials.build("mastodon", "collectif", "https://piaille.fr", access_token="tok")
    assert decrypt_credentials(encrypt_credentials(creds)).get("access_token") == "tok"
    settings.COLIBRI_CREDENTIALS_KEY = ""  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="COLIBRI_CREDENTIALS_KEY"):
        encrypt_credentials(creds)


def test_it_never_shows_a_secret_in_repr_str_format_or_pickle() -> None:
    s = Secret(PASSWORD)
    creds = Credentials.build("bluesky", "marie", app_password=s)
    for shown in (repr(s), str(s), f"{s}", f"{s:>30}", repr(creds), str(creds), f"{creds}"):
        assert PASSWORD not in shown
    assert s.reveal() == PASSWORD
    with pytest.raises(TypeError):
        pickle.dumps(s)


def test_it_never_logs_an_adapters_password_or_token(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    bsky = BlueskyNetwork("marie.test", PASSWORD, service="http://127.0.0.1:9")
    masto = MastodonNetwork("https://piaille.fr", "secret-token-xyz")
    logging.getLogger("colibri.test").info("adapters: %r %s %r %s", bsky, bsky, masto, masto)
    logging.getLogger("colibri.test").info("vars: %r", vars(bsky))
    assert "marie.test" in caplog.text
    assert PASSWORD not in caplog.text and "secret-token-xyz" not in caplog.text


def test_it_builds_nothing_when_nothing_is_configured_and_each_configured_network() -> None:
    empty = SimpleNamespace()
    assert configured_networks(empty) == []
    conf = SimpleNamespace(
        BLUESKY_HANDLE="collectif.test",
        BLUESKY_APP_PASSWORD=PASSWORD,
        BLUESKY_SERVICE="http://127.0.0.1:2583",
        BLUESKY_APPVIEW_URL="http://127.0.0.1:2584",
        MASTODON_API_BASE_URL="https://piaille.fr",
        MASTODON_ACCESS_TOKEN="tok",
        COLIBRI_HASHTAGS="#i4EmploiR,#i4emploi,#JobSeeker",
    )
    bsky, masto = configured_networks(conf)
    assert isinstance(bsky, BlueskyNetwork) and isinstance(masto, MastodonNetwork)
    # The firehose is the network-wide relay whatever PDS the account lives on (tests/networks/
    # test_bluesky_settings.py: each Bluesky URL from the settings).
    assert bsky.firehose_url == "wss://bsky.network" and bsky.appview_url == "http://127.0.0.1:2584"
    assert bsky.filter.matches("Je cherche #JobSeeker")
    assert bsky.source != masto.source


def test_it_acts_as_a_member_only_with_the_credentials_they_gave() -> None:
    key = generate_key()
    conf = SimpleNamespace(COLIBRI_CREDENTIALS_KEY=key, BLUESKY_SERVICE="http://127.0.0.1:2583")
    token = encrypt_credentials(Credentials.build("bluesky", "alice.test", app_password="alice-pw"), key=key)
    member = SimpleNamespace(
        network="bluesky",
        handle="alice.test",
        is_official=False,
        member=SimpleNamespace(credentials=token.encode()),
    )
    adapter = adapter_for_account(member, conf)
    assert isinstance(adapter, BlueskyNetwork) and adapter.handle == "alice.test"
    assert adapter._password.reveal() == "alice-pw"
    stranger = SimpleNamespace(network="bluesky", handle="bob.test", is_official=False, member=None)
    from colibri.networks.base import NetworkError

    with pytest.raises(NetworkError) as caught:
        adapter_for_account(stranger, conf)
    assert caught.value.retry is False
