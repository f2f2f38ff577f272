"""A moderator withdraws an automatically approved request from the day's glance list with one key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-1"


def test_it_withdraws_an_automatic_approval_with_one_key_and_undoes_the_repost(
    live_server: Any,
    page: Any,
    artifacts: Path,
    fast_password_hasher: None,
    make_review_request: Callable[..., Any],
) -> None:
    from colibri.autoapproval.actions import do_auto_approve_request
    from colibri.relay.actions.collective import do_update_collective_settings
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import NetworkAccount, OutboxAction, OutboxKind, OutboxStatus, Request

    do_create_volunteer(username="modo", role="moderator", password=PASSWORD)
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:colibri", handle="colibri.bsky.social", is_official=True
    )
    do_update_collective_settings(actor=None, auto_approve=True)
    req = make_review_request(
        handle="marie.bsky.social",
        minutes=0,
        text="#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon #i4EmploiR",
        status="eligible",
        category="seeker_request",
        eligible=True,
        job_title="Comptable",
        commune="Lyon",
        triage={"auto_approvable": True},
    )
    # Posted just now (the page lists today's approvals, and an older post would be a backlog).
    from django.utils import timezone

    from colibri.relay.models import Post

    Post.objects.filter(pk=req.post_id).update(posted_at=timezone.now())
    assert do_auto_approve_request(req) is None
    # The official account reposted it (what dispatch records once the network said yes).
    OutboxAction.objects.filter(request=req, kind=OutboxKind.REPOST).update(
        status=OutboxStatus.DONE, result_id="at://did:plc:colibri/app.bsky.feed.repost/1"
    )

    page.goto(f"{live_server.url}/approuvees-automatiquement/")
    page.fill("#id_username", "modo")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector(f"#auto-{req.pk}")
    assert "Approuvées automatiquement aujourd'hui" in page.text_content("h1")
    assert "@marie.bsky.social" in page.text_content(f"#auto-{req.pk}")
    page.screenshot(path=str(artifacts / "auto-approved-today.png"), full_page=True)

    with page.expect_navigation():
        page.keyboard.press("1")
    assert f"Demande n°{req.pk} retirée" in page.text_content("body")
    assert Request.objects.get(pk=req.pk).status == "withdrawn"
    undo = OutboxAction.objects.get(request=req, kind=OutboxKind.UNDO_REPOST)
    assert undo.status == OutboxStatus.PENDING  # dispatch undoes the repost on the network
    assert page.locator(f"#auto-{req.pk} button").count() == 0  # listed still, nothing left to withdraw
