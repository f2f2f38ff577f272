"""Every Bluesky URL is a setting (settings.py, .env.example, README) that the registry honours; the
firehose is the network-wide relay whatever PDS the official account lives on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from colibri.networks.bluesky.network import BlueskyNetwork
from colibri.networks.bluesky.records import CDN_IMAGE
from colibri.networks.credentials import Credentials, encrypt_credentials, generate_key
from colibri.networks.registry import adapter_for_account, configured_networks
from tests.settings_env import read_settings

REPO = Path(__file__).resolve().parent.parent.parent
URL_SETTINGS = ("BLUESKY_SERVICE", "BLUESKY_FIREHOSE_URL", "BLUESKY_APPVIEW_URL", "COLIBRI_PLC_URL")
ACCOUNT = {"BLUESKY_HANDLE": "collectif.example.org", "BLUESKY_APP_PASSWORD": "abcd-efgh-ijkl-mnop"}


def _official(monkeypatch: pytest.MonkeyPatch, **env: str) -> BlueskyNetwork:
    settings = read_settings(monkeypatch, **ACCOUNT, **env)
    # The environment alone: nothing connected on the official accounts page (no database here).
    settings.COLIBRI_OFFICIAL_CREDENTIALS = ""
    (adapter,) = configured_networks(settings)
    assert isinstance(adapter, BlueskyNetwork)
    return adapter


def test_it_reads_the_network_wide_firehose_whatever_pds_the_account_lives_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    default = _official(monkeypatch)
    assert (default.service, default.firehose_url) == ("https://bsky.social", "wss://bsky.network")
    assert default.appview_url == "https://public.api.bsky.app" and default.image_url_pattern == CDN_IMAGE
    own_pds = _official(monkeypatch, BLUESKY_SERVICE="https://pds.collectif.example.org/")
    assert own_pds.service == "https://pds.collectif.example.org"
    assert own_pds.firehose_url == "wss://bsky.network"  # not the PDS's own stream: nearly no seeker there
    assert own_pds.source == default.source  # one cursor for the one network-wide stream
    assert own_pds.appview_url == ""  # app.bsky reads go through the PDS, which forwards them
    assert own_pds.image_url_pattern == CDN_IMAGE  # seekers' images are not on our PDS


def test_it_honours_each_bluesky_url_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    adapter = _official(
        monkeypatch,
        BLUESKY_SERVICE="http://127.0.0.1:2583",
        BLUESKY_FIREHOSE_URL="ws://127.0.0.1:2583/",
        BLUESKY_APPVIEW_URL="http://127.0.0.1:2584",
    )
    assert adapter.service == "http://127.0.0.1:2583"
    assert adapter.firehose_url == "ws://127.0.0.1:2583" and adapter.source == "bluesky:127.0.0.1:2583"
    assert adapter.appview_url == "http://127.0.0.1:2584"
    # A network of its own (its firehose is this PDS): its blobs come from the PDS, not the public CDN.
    assert adapter.image_url_pattern.startswith("http://127.0.0.1:2583/xrpc/com.atproto.sync.getBlob")
    relay = _official(monkeypatch, BLUESKY_FIREHOSE_URL="wss://jetstream-or-relay.example")
    assert relay.firehose_url == "wss://jetstream-or-relay.example"


def test_it_gives_a_members_adapter_the_same_network_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    key = generate_key()
    settings = read_settings(
        monkeypatch,
        COLIBRI_CREDENTIALS_KEY=key,
        BLUESKY_FIREHOSE_URL="wss://relay.example",
        BLUESKY_APPVIEW_URL="https://appview.example",
    )
    creds = Credentials.build("bluesky", "alice.example", "https://pds.alice.example", app_password="a-b-c-d")
    member = SimpleNamespace(credentials=encrypt_credentials(creds, key=key).encode())
    account = SimpleNamespace(network="bluesky", handle="alice.example", is_official=False, member=member)
    adapter = adapter_for_account(account, settings)
    assert isinstance(adapter, BlueskyNetwork)
    assert adapter.service == "https://pds.alice.example"  # the member's own PDS for their writes
    assert (adapter.firehose_url, adapter.appview_url) == ("wss://relay.example", "https://appview.example")


def test_it_documents_every_url_setting_in_env_example_and_the_readme() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    settings_py = (REPO / "colibri" / "settings.py").read_text(encoding="utf-8")
    read_as_urls = set(re.findall(r'envurl\("([A-Z0-9_]+)"', settings_py))
    assert set(URL_SETTINGS) <= read_as_urls
    for name in sorted(read_as_urls):
        if name.startswith("BLUESKY_"):
            assert re.search(rf"^# ?{name}=", example, re.M), f"{name} not in .env.example"
            assert f"`{name}`" in readme, f"{name} not in README.md"
