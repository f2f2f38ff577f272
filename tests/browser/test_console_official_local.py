"""The official Bluesky account on the local AT Protocol network, from the coordinators' console:
connected on the settings page with an app password, its status changes; a repost (made with the stored
credentials) fails while the PDS cannot be reached and is retried from the outbox page once it is back,
and the repost then exists on the network.

"The PDS stopped" is played by a TCP relay between Colibri and the local PDS that the test closes
and reopens on the same port: for Colibri it is exactly a PDS that went away and came back, while
the shared local network (other tests use it) keeps running.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from cryptography.fernet import Fernet

from tests.browser.official_kit import coordinator_page, seed_request_for_review
from tests.networks import netkit

pytestmark = [pytest.mark.atproto, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-1"


class Relay:
    """A TCP relay to the PDS that can go down and come back on the same port."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.port = 0
        self._server: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(16)
        self.port = server.getsockname()[1]
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            # shutdown() wakes the thread blocked in accept(); close() alone would leave it listening.
            try:
                self._server.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._server.close()
            self._server = None
        with self._lock:
            for conn in list(self._open):
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                conn.close()
            self._open.clear()

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _addr = server.accept()
            except OSError:
                return  # closed: the "PDS" is down
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@pytest.fixture
def relay() -> Iterator[Relay]:
    net = netkit.require_atproto_net()
    relay = Relay(net.pds_url)
    relay.start()
    try:
        yield relay
    finally:
        relay.stop()


def _dispatch_once() -> Any:
    from colibri.relay.dispatch import DispatchConfig, Dispatcher

    # One attempt: a failure is final at once (production retries with backoff first; the retry
    # button is for what is left failed after that).
    return Dispatcher(config=DispatchConfig(max_attempts=1)).run_once(plan=False)


def test_it_connects_the_official_account_and_retries_a_failed_repost_from_the_outbox(
    live_server: Any, browser: Any, settings: Any, fast_password_hasher: None, artifacts: Path, relay: Relay
) -> None:
    from colibri.console.models import OfficialCredential
    from colibri.relay.models import NetworkAccount, OutboxAction

    net = netkit.require_atproto_net()
    official = netkit.create_account(net, "i4off", display_name="Collectif i4emploi")
    seeker = netkit.create_account(net, "seek", bio="Comptable #i4EmploiR")
    uri = netkit.post_text(seeker, "#PleaseRT Comptable en CDI sur #Lyon #i4EmploiR")
    # Nothing in the environment: the coordinator connects the account on the page.
    settings.BLUESKY_HANDLE = settings.BLUESKY_APP_PASSWORD = ""
    settings.BLUESKY_SERVICE, settings.BLUESKY_APPVIEW_URL = relay.url, net.appview_url
    settings.COLIBRI_CREDENTIALS_KEY = Fernet.generate_key().decode()

    req = seed_request_for_review(seeker, uri, "#PleaseRT Comptable #Lyon", password=PASSWORD)
    context, page = coordinator_page(browser, live_server.url, password=PASSWORD)
    try:
        # The request page says an approval would repost nothing yet, and why.
        page.goto(f"{live_server.url}/demandes/{req.pk}/")
        assert "Aucun compte officiel Bluesky n'est connecté" in page.text_content(".notice-official")

        # Settings > official accounts: not connected; connected here with an app password.
        page.goto(f"{live_server.url}/parametres/")
        page.click("text=Les comptes officiels du collectif")
        card = page.locator("#official-bluesky")
        assert card.locator(".badge").first.text_content().strip() == "non connecté"
        page.screenshot(path=str(artifacts / "console-official-connect-1280.png"), full_page=True)
        card.locator("#id_handle").fill(f"@{official.handle}")
        card.locator("#id_app_password").fill("pas-un-mot-de-passe")
        with page.expect_navigation():
            card.get_by_role("button", name="Connecter", exact=True).click()
        assert "ne ressemble pas à un mot de passe d'application" in page.text_content(".messages")
        card.locator("#id_handle").fill(f"@{official.handle}")
        card.locator("#id_app_password").fill(official.app_password)
        with page.expect_navigation():
            card.get_by_role("button", name="Connecter", exact=True).click()
        assert f"Connecté en tant que @{official.handle}." in page.text_content(".messages")
        assert card.locator(".badge").first.text_content().strip() == "connecté"
        assert "Connecté depuis cette page." in card.text_content()
        stored = OfficialCredential.objects.get(network="bluesky")
        assert official.app_password.encode() not in bytes(stored.token)  # kept encrypted
        with page.expect_navigation():
            card.locator("button", has_text="Tester la connexion").click()
        assert f"Connecté en tant que @{official.handle}." in page.text_content(".messages")
        assert (
            "30000 relais par jour entre 00:00 et 23:59 : un toutes les 3 secondes"
            in card.locator(".pacing").text_content()
        )
        page.screenshot(path=str(artifacts / "console-official-1280.png"), full_page=True)
        assert NetworkAccount.objects.get(network="bluesky", is_official=True).remote_id == official.did

        # Approve from the request page: the repost is queued for the official account.
        page.goto(f"{live_server.url}/demandes/{req.pk}/")
        assert page.locator(".notice-official").count() == 0
        with page.expect_navigation():
            page.click("button[value=approve]")
        repost = OutboxAction.objects.get(request=req, kind="repost")

        # The PDS goes away: the repost fails.
        relay.stop()
        _dispatch_once()
        repost.refresh_from_db()
        assert repost.status == "failed", repost.last_error

        page.goto(f"{live_server.url}/")
        page.click("text=1 envoi sur les réseaux a échoué")
        row = page.locator(f"#envoi-{repost.pk}")
        assert "Le réseau est injoignable (serveur arrêté ou connexion coupée)." in row.text_content()
        page.screenshot(path=str(artifacts / "console-outbox-failed-1280.png"), full_page=True)

        # It comes back; « Réessayer » queues the repost again and the next pass makes it.
        relay.start()
        with page.expect_navigation():
            row.locator("button", has_text="Réessayer").click()
        assert "Remis dans la file" in page.text_content(".messages")

        def done() -> bool:
            # The failed attempt may have reached the network, so the pacing interval (~3 s here)
            # counts from it: the worker holds the retry until then.
            _dispatch_once()
            repost.refresh_from_db()
            return repost.status == "done"

        netkit.wait_for("the retried repost", done, timeout=30, interval=0.5)
        assert repost.result_id.startswith(f"at://{official.did}/app.bsky.feed.repost/")
        records = official.client.com.atproto.repo.list_records(
            {"repo": official.did, "collection": "app.bsky.feed.repost"}
        ).records
        assert [r.value.subject.uri for r in records] == [uri]

        page.goto(f"{live_server.url}/envois/?etat=faits")
        assert f"#{req.pk}" in page.locator(f"#envoi-{repost.pk}").text_content()
        page.goto(f"{live_server.url}/parametres/comptes-officiels/")
        assert page.locator("#official-bluesky .badge").first.text_content().strip() == "connecté"

        phone = context.new_page()
        phone.set_viewport_size({"width": 390, "height": 844})
        for path, name in (("/parametres/comptes-officiels/", "official"), ("/envois/?etat=faits", "outbox")):
            phone.goto(f"{live_server.url}{path}")
            assert phone.evaluate("document.documentElement.scrollWidth") <= 390
            phone.screenshot(path=str(artifacts / f"console-{name}-390.png"), full_page=True)
    finally:
        context.close()
