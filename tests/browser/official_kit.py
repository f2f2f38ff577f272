"""What the official-account browser tests share: a seeker's request waiting on the local network, and a
coordinator signed in on the dashboard (the same steps in the app-password and the OAuth test)."""

from __future__ import annotations

from datetime import time
from typing import Any


def seed_request_for_review(seeker: Any, uri: str, text: str, *, password: str) -> Any:
    """The seeker's post as a request waiting for review, a coordinator « coord » with `password`, and a
    collective whose whole day is active with a large budget (the repost is due at once, whatever the
    hour)."""
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import CollectiveSettings, NetworkAccount, Post, Request

    cs = CollectiveSettings.get()
    cs.active_hours_start, cs.active_hours_end, cs.official_daily_budget = time(0), time(23, 59, 59), 30000
    cs.save()
    author = NetworkAccount.objects.create(network="bluesky", remote_id=seeker.did, handle=seeker.handle)
    post = Post.objects.create(network="bluesky", uri=uri, author=author, text=text)
    request = Request.objects.create(
        post=post, status="needs_review", category="seeker_request", eligible=True, job_title="Comptable"
    )
    do_create_volunteer(username="coord", role="coordinator", password=password)
    return request


def coordinator_page(browser: Any, site: str, *, password: str) -> tuple[Any, Any]:
    """A desktop browser context with « coord » signed in through the login form: (context, page)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{site}/connexion/")
    page.fill("#id_username", "coord")
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("h1")
    return context, page
