"""The collective's official Bluesky account connected with AT Protocol OAuth (PAR, PKCE, DPoP) from the
official accounts page, on the local network's own authorization server: a coordinator clicks « Se
connecter avec Bluesky », signs in and consents on the PDS's pages and comes back connected.

Then everything an official account does still works: an approved request is reposted by dispatch
through the OAuth session (the repo and the AppView show it), a refreshed (rotated) token is stored
by the official-credential saver and keeps acting (like, a post with an image, a reply; the answer to
that reply is read back from the account's notifications), and ingest, built from that same configuration,
reads a new post from the firehose without ever touching the account's session."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from colibri.networks.credentials import generate_key
from tests import clock
from tests.browser.official_kit import coordinator_page, seed_request_for_review
from tests.networks.netkit import create_account, png_bytes, post_text, require_atproto_net, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.atproto, pytest.mark.timeout(240)]

PASSWORD = "correct-horse-battery-1"
TEXT = "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon #i4EmploiR"


@pytest.fixture
def site(live_server: Any, settings: Any, transactional_db: None) -> Iterator[str]:
    net = require_atproto_net()
    # The PDS checks DPoP proofs and signs tokens on the real clock (even in the proof pass).
    real = clock.real_clock()
    real.__enter__()
    # A loopback site: the specification's `http://localhost` client, redirect to 127.0.0.1.
    url = live_server.url.replace("localhost", "127.0.0.1")
    settings.SITE_URL = url
    # Nothing in the environment connects the official account: the coordinator does, on the page.
    settings.BLUESKY_HANDLE = settings.BLUESKY_APP_PASSWORD = ""
    settings.BLUESKY_SERVICE = net.pds_url
    settings.BLUESKY_APPVIEW_URL = net.appview_url
    settings.BLUESKY_FIREHOSE_URL = net.pds_url.replace("http://", "ws://")
    settings.COLIBRI_PLC_URL = net.plc_url
    settings.COLIBRI_CREDENTIALS_KEY = generate_key()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    try:
        yield url
    finally:
        real.__exit__(None, None, None)


def _connect_official(page: Any, site: str, official: Any) -> None:
    """The coordinator's path: the page, « Se connecter avec Bluesky », the PDS's sign-in and consent."""
    page.goto(f"{site}/parametres/")
    page.click("text=Les comptes officiels du collectif")
    card = page.locator("#official-bluesky")
    assert card.locator(".badge").first.text_content().strip() == "non connecté"
    card.get_by_label("Identifiant Bluesky du compte du collectif").fill(official.handle)
    card.get_by_role("button", name="Se connecter avec Bluesky").click()
    # The PDS's own pages (its authorization server): sign in, then authorise Colibri.
    page.locator("input[name=password]").fill(official.password)
    page.locator("button[type=submit]").click()
    page.get_by_role("heading", name=re.compile(r"^Auth?ori[sz]e", re.I)).first.wait_for()
    page.locator("button[type=submit]").click()
    page.locator(".messages").get_by_text(f"Connecté en tant que @{official.handle}.").wait_for()


def _reply(account: Any, *, root: str, parent: str, text: str) -> str:
    def ref(uri: str) -> dict[str, str]:
        did, collection, rkey = uri.removeprefix("at://").split("/")
        params = {"repo": did, "collection": collection, "rkey": rkey}
        found = account.client.com.atproto.repo.get_record(params)
        return {"uri": uri, "cid": str(found.cid)}

    record = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "reply": {"root": ref(root), "parent": ref(parent)},
    }
    created = account.client.com.atproto.repo.create_record(
        {"repo": account.did, "collection": "app.bsky.feed.post", "record": record}
    )
    return str(created.uri)


def test_it_connects_the_official_bluesky_account_with_oauth_and_reposts_and_reads(
    site: str, browser: Any, settings: Any, artifacts: Path
) -> None:
    from atproto import Client as AtClient

    from colibri.console.models import OfficialCredential
    from colibri.networks.credentials import decrypt_credentials
    from colibri.networks.registry import configured_networks, official_adapter
    from colibri.relay.dispatch import DispatchConfig, Dispatcher
    from colibri.relay.ingest import Ingestor
    from colibri.relay.models import (
        IngestCursor,
        NetworkAccount,
        OutboxAction,
        Request,
    )

    net = require_atproto_net()
    official = create_account(net, "offoauth", display_name="Collectif i4emploi")
    seeker = create_account(net, "offoauthseek", bio="Comptable #i4EmploiR")
    uri = post_text(seeker, TEXT)
    req = seed_request_for_review(seeker, uri, TEXT, password=PASSWORD)
    context, page = coordinator_page(browser, site, password=PASSWORD)
    try:
        _connect_official(page, site, official)
        card = page.locator("#official-bluesky")
        assert card.locator(".badge").first.text_content().strip() == "connecté"
        assert "Connecté depuis cette page." in card.text_content()
        page.screenshot(path=str(artifacts / "console-official-bluesky-oauth-1280.png"), full_page=True)
        stored = decrypt_credentials(bytes(OfficialCredential.objects.get(network="bluesky").token))
        assert stored.get("oauth_refresh_token") and stored.get("dpop_key") and not stored.get("app_password")
        assert stored.get("did") == official.did
        assert NetworkAccount.objects.get(network="bluesky", is_official=True).remote_id == official.did
        with page.expect_navigation():
            card.locator("button", has_text="Tester la connexion").click()
        assert f"Connecté en tant que @{official.handle}." in page.text_content(".messages")

        # Approve from the request page: dispatch reposts it from the official account, through OAuth.
        page.goto(f"{site}/demandes/{req.pk}/")
        with page.expect_navigation():
            page.click("button[value=approve]")
    finally:
        context.close()
    repost = OutboxAction.objects.get(request=req, kind="repost")
    Dispatcher(config=DispatchConfig(max_attempts=1)).run_once(plan=False)
    repost.refresh_from_db()
    assert repost.status == "done", repost.last_error
    assert repost.result_id.startswith(f"at://{official.did}/app.bsky.feed.repost/")
    records = official.client.com.atproto.repo.list_records(
        {"repo": official.did, "collection": "app.bsky.feed.repost"}
    ).records
    assert [r.value.subject.uri for r in records] == [uri]
    profile = official.client.com.atproto.repo.get_record(
        {"repo": official.did, "collection": "app.bsky.actor.profile", "rkey": "self"}
    ).value
    assert [label.val for label in profile.labels.values] == ["bot"]  # self-labelled before acting
    appview = AtClient(base_url=net.appview_url)
    wait_for(
        "the official repost on the AppView",
        lambda: (
            official.did in {r.did for r in appview.app.bsky.feed.get_reposted_by({"uri": uri}).reposted_by}
            or None
        ),
        timeout=120,
    )

    # The access token is refreshed (the refresh token rotates): the saver stores it at once, encrypted,
    # and an adapter built from what is stored still acts.
    adapter: Any = official_adapter(settings, "bluesky")
    adapter.session.refresh()
    rotated = decrypt_credentials(bytes(OfficialCredential.objects.get(network="bluesky").token))
    assert rotated.get("oauth_refresh_token") != stored.get("oauth_refresh_token")
    assert rotated.get("did") == official.did
    writer: Any = official_adapter(settings, "bluesky")
    assert writer.like(uri).startswith(f"at://{official.did}/app.bsky.feed.like/")
    # A post with an image (the monthly poster: the blob is uploaded through the session) and a reply
    # under the request (the collective's advice), both as the official account.
    poster = writer.post("L'affiche du mois", png_bytes(), "Affiche")
    assert poster.startswith(f"at://{official.did}/app.bsky.feed.post/")
    since = datetime.now(UTC) - timedelta(minutes=5)
    official_reply = writer.reply(uri, "Relayé par le collectif, bon courage !")
    # The seeker answers it once they see it (the AppView notifies the authors of the posts it already
    # indexed: an answer indexed before its parent would notify nobody). After an outage ingest reads
    # such answers back from the official account's notifications, which only its session can list.
    wait_for(
        "the official reply on the AppView",
        lambda: appview.app.bsky.feed.get_posts({"uris": [official_reply]}).posts or None,
        timeout=120,
    )
    stop = _reply(seeker, root=uri, parent=official_reply, text="Stop, merci pour tout !")
    wait_for(
        "the seeker's answer among the official account's notifications",
        lambda: stop in {e.uri for e in writer.replies_to_official(since)} or None,
        timeout=120,
    )

    # Ingest, with the same configuration, reads a new post from the firehose: the session is never used.
    (reader,) = configured_networks(settings)
    reader.idle_timeout, reader.recv_timeout = 2.0, 0.2  # type: ignore[attr-defined]

    def no_session(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("ingest used the official account's session")

    reader.session.xrpc = no_session  # type: ignore[attr-defined]
    reader.session.refresh = no_session  # type: ignore[attr-defined]
    before = bytes(OfficialCredential.objects.get(network="bluesky").token)
    IngestCursor.objects.create(source=reader.source, cursor="0")  # the local network from its start
    new_uri = post_text(seeker, TEXT.replace("#Comptable", "#Comptable confirmé"))
    Ingestor([reader], load_index=False).run()
    assert Request.objects.filter(post__uri=new_uri).exists()
    assert bytes(OfficialCredential.objects.get(network="bluesky").token) == before  # no token refreshed
