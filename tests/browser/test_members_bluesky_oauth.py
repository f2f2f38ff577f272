"""Joining with AT Protocol OAuth (PAR, PKCE, DPoP) against the local network's own authorization
server: Chromium fills the PDS's sign-in and consent pages, the callback's code is exchanged with a
DPoP proof, and the token's subject must be the account resolved from the handle. A notified member
keeps no token; a delegated member's repost is made by dispatch with DPoP-bound calls (getRepostedBy
lists them), and a refreshed (rotated) token is written back encrypted and keeps working."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from colibri.networks.credentials import generate_key
from colibri.relay.models import Member
from tests import clock
from tests.networks.netkit import create_account, post_text, require_atproto_net, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.atproto, pytest.mark.timeout(180)]


@pytest.fixture
def site(live_server: Any, settings: Any, transactional_db: None) -> Iterator[str]:
    net = require_atproto_net()
    # The PDS checks DPoP proofs and signs tokens on the real clock (even in the proof pass).
    real = clock.real_clock()
    real.__enter__()
    # A loopback site: the specification's `http://localhost` client, redirect to 127.0.0.1.
    url = live_server.url.replace("localhost", "127.0.0.1")
    settings.SITE_URL = url
    settings.BLUESKY_SERVICE = net.pds_url
    settings.BLUESKY_APPVIEW_URL = net.appview_url
    settings.COLIBRI_PLC_URL = net.plc_url
    settings.COLIBRI_MEMBERS_AUTO_ACCEPT = False
    settings.COLIBRI_CREDENTIALS_KEY = generate_key()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    try:
        yield url
    finally:
        real.__exit__(None, None, None)


def _connect(page: Any, site: str, person: Any) -> None:
    page.goto(f"{site}/rejoindre/")
    page.get_by_label("Identifiant Bluesky à vérifier").fill(person.handle)
    page.get_by_role("button", name="Se connecter avec Bluesky").click()
    # The PDS's own pages (its authorization server): sign in, then authorise Colibri.
    page.locator("input[name=password]").fill(person.password)
    # The PDS's pages speak the browser's language and mark buttons role="Button" (not an ARIA role):
    # their submit buttons are "Sign in" and then "Authorize".
    page.locator("button[type=submit]").click()
    page.get_by_role("heading", name=re.compile(r"^Auth?ori[sz]e", re.I)).first.wait_for()
    page.locator("button[type=submit]").click()
    page.get_by_text(f"@{person.handle} est connecté").wait_for()


def test_it_proves_a_bluesky_account_with_oauth_on_the_local_pds(
    site: str, page: Any, artifacts: Path
) -> None:
    net = require_atproto_net()
    person = create_account(net, "oauthjoin", bio="Bénévole #i4emploi")
    _connect(page, site, person)
    page.screenshot(path=str(artifacts / "members-bluesky-oauth-connected.png"), full_page=True)
    page.get_by_label("Je repartage moi-même").check()
    page.get_by_label("Afficher ma sélection dans mon fil Bluesky personnel").check()
    page.get_by_label("Un mot de passe pour votre page sur Colibri").fill("un-mot-de-passe-solide-42")
    page.get_by_label("J'accepte le texte ci-dessus.").check()
    page.get_by_role("button", name="Rejoindre").click()
    page.get_by_text("Un coordinateur confirmera votre adhésion bientôt.").wait_for()
    member = Member.objects.select_related("account").get()
    assert member.account.remote_id == person.did and member.account.handle == person.handle
    assert member.credentials is None and member.mode == "notified"


def test_it_reposts_for_a_member_connected_with_oauth(site: str, page: Any) -> None:
    from datetime import UTC, datetime, time

    from atproto import Client as AtClient
    from django.utils import timezone

    from colibri.members.actions import do_approve_member
    from colibri.members.tasks import fetch_member_followers
    from colibri.networks.base import Author, NetworkEvent
    from colibri.networks.credentials import decrypt_credentials
    from colibri.networks.registry import adapter_for_account
    from colibri.relay.actions.decisions import do_approve_request
    from colibri.relay.actions.ingest import do_ingest_event
    from colibri.relay.dispatch import Dispatcher
    from colibri.relay.models import CollectiveSettings
    from colibri.relay.planning.apply import do_apply_plan

    net = require_atproto_net()
    person, seeker, fan = (create_account(net, n) for n in ("oauthgive", "oauthseek", "oauthfan"))
    fan.client.com.atproto.repo.create_record(
        {
            "repo": fan.did,
            "collection": "app.bsky.graph.follow",
            "record": {
                "subject": person.did,
                "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            },
        }
    )
    appview = AtClient(base_url=net.appview_url)
    wait_for(
        "the follower on the AppView",
        lambda: appview.app.bsky.actor.get_profile({"actor": person.did}).followers_count == 1 or None,
    )
    _connect(page, site, person)
    page.get_by_label("Colibri repartage pour moi").check()
    page.get_by_label("Un mot de passe pour votre page sur Colibri").fill("un-mot-de-passe-solide-42")
    page.get_by_label("J'accepte le texte ci-dessus.").check()
    page.get_by_role("button", name="Rejoindre").click()
    page.get_by_text("Un coordinateur confirmera votre adhésion bientôt.").wait_for()
    member = do_approve_member(Member.objects.get(), actor=None)
    assert fetch_member_followers.call(member.pk) == 1
    creds = decrypt_credentials(bytes(member.credentials))
    assert creds.get("oauth_refresh_token") and creds.get("dpop_key") and not creds.get("app_password")

    cs = CollectiveSettings.get()
    cs.active_hours_start, cs.active_hours_end = time(0, 0), time(23, 59)
    cs.save()
    text = "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon #i4EmploiR"
    uri = post_text(seeker, text)
    event = NetworkEvent(
        kind="post",
        network="bluesky",
        uri=uri,
        author=Author(id=seeker.did, handle=seeker.handle, bio="Comptable #i4EmploiR"),
        text=text,
        created_at=datetime.now(UTC),
        has_image=True,
        image_alt="Compétences",
        links=("https://www.linkedin.com/in/x",),
        url="",
        raw={},
    )
    request = do_ingest_event(event, source="test", cursor=None)
    do_approve_request(request, actor=None)
    do_apply_plan(actor=None, now=timezone.now().replace(minute=0, second=0, microsecond=0))
    Dispatcher(worker_id="oauth-test").run_once()
    wait_for(
        "the OAuth member's repost on the AppView",
        lambda: (
            person.did in {r.did for r in appview.app.bsky.feed.get_reposted_by({"uri": uri}).reposted_by}
            or None
        ),
    )

    # The access token is refreshed (the refresh token rotates): stored at once, and it still acts.
    member.refresh_from_db()
    adapter = adapter_for_account(member.account)
    adapter.session.refresh()  # type: ignore[attr-defined]
    member.refresh_from_db()
    rotated = decrypt_credentials(bytes(member.credentials))
    assert rotated.get("oauth_refresh_token") != creds.get("oauth_refresh_token")
    adapter_for_account(member.account).undo_repost(uri)
    assert adapter_for_account(member.account).find_repost(uri) is None
