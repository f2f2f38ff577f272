"""Headless Chromium (Debian's package, installed by scripts/ensure-chromium) driven by Playwright.

`playwright install` is never used: it would download a browser from the internet.
The flags keep Chromium from phoning home, which hangs on a closed network.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests import clock

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (fixtures, assertions) are plain synchronous code, so Django's guard is a false alarm.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("COLIBRI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # The local AT Protocol network's authorization server calls itself http://localhost:<port> and
    # listens on 127.0.0.1 only: without this, Chromium may try ::1 first and find nobody.
    "--host-resolver-rules=MAP localhost 127.0.0.1",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

_seq = itertools.count(1)


@pytest.fixture(scope="session", autouse=True)
def _serial_live_server() -> Iterator[None]:
    """Serve the live server's requests one at a time.

    With SQLite in memory, every request thread of Django's threaded live server shares the test's
    one connection; Chromium fetching the preview and the card PNG at once then made sqlite3 fail
    with "bad parameter or other API misuse" (a flaky CI failure). A single-threaded server answers
    `Connection: close`, so parallel browser requests simply queue.
    """
    from django.core.servers.basehttp import WSGIServer
    from django.test.testcases import LiveServerThread

    class SerialWSGIServer(WSGIServer):
        def __init__(self, *args: Any, connections_override: Any = None, **kwargs: Any) -> None:
            # LiveServerThread.run() already installed the shared connections in this thread.
            super().__init__(*args, **kwargs)

    previous = LiveServerThread.server_class
    LiveServerThread.server_class = SerialWSGIServer  # type: ignore[assignment]
    try:
        yield
    finally:
        LiveServerThread.server_class = previous


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-chromium (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="fr-FR")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def fast_password_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_review_request() -> Callable[..., Any]:
    return _make_review_request


def _make_review_request(*, handle: str, text: str, minutes: int, **fields: Any) -> Any:
    """A triaged request waiting for review (built directly: the test needs exact fields)."""
    from colibri.relay.models import NetworkAccount, Post, Request

    n = next(_seq)
    created = clock.NOW - timedelta(days=6) + timedelta(minutes=minutes)
    account = NetworkAccount.objects.create(
        network=fields.pop("network", "bluesky"),
        remote_id=f"did:plc:browser{n}",
        handle=handle,
        display_name=fields.pop("display_name", ""),
        bio=fields.pop("bio", ""),
        followers_count=fields.pop("followers", 250),
        is_seeker=True,
    )
    post = Post.objects.create(
        network=account.network,
        uri=f"at://did:plc:browser{n}/app.bsky.feed.post/{n}",
        url=f"https://bsky.app/profile/{handle}/post/{n}",
        author=account,
        text=text,
        posted_at=created,
        has_image=fields.pop("has_image", True),
        image_alt=fields.pop("image_alt", ""),
    )
    return Request.objects.create(post=post, created_at=created, updated_at=created, **fields)
