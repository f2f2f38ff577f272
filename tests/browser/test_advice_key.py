"""A moderator edits the advice on a card of the review queue and sends it with the key « e »."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-1"


def test_it_sends_the_edited_advice_with_the_e_key(
    live_server: Any, page: Any, fast_password_hasher: None, make_review_request: Callable[..., Any]
) -> None:
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import NetworkAccount, OutboxAction

    do_create_volunteer(username="modo", role="moderator", password=PASSWORD)
    NetworkAccount.objects.create(network="bluesky", remote_id="did:plc:off", handle="i4", is_official=True)
    req = make_review_request(
        handle="marie.bsky.social",
        minutes=0,
        text="#PleaseRT Je cherche un CDI de #Comptable sur #Lyon #i4EmploiR",
        status="eligible",
        category="seeker_request",
        eligible=True,
        job_title="Comptable",
        commune="Lyon",
        departement="69",
        feedback=[
            "Ajoutez le lien de votre profil LinkedIn ou Viadeo pour que les recruteurs voient votre CV."
        ],
        triage={"category": "seeker_request", "job_title": "Comptable", "contract": ["CDI"]},
    )
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "modo")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector(f"#req-{req.pk}.is-current")
    box = f"#advice-{req.pk}"
    proposed = page.input_value(box)
    assert "/outils/c/" in proposed and "LinkedIn" in proposed
    edited = (
        "Bonjour Marie ! Ajoutez votre lien LinkedIn, les recruteurs le cherchent. " + proposed.split()[-1]
    )
    page.fill(box, edited)
    page.evaluate("document.activeElement.blur()")  # back to the queue's keys
    page.keyboard.press("e")
    page.wait_for_selector(f"#req-{req.pk} .advice-status")
    assert "Conseil programmé" in page.text_content(f"#req-{req.pk} .advice-status")
    [row] = OutboxAction.objects.filter(payload__role="advice")
    assert row.payload["text"] == edited and row.request_id == req.pk
    assert page.is_visible(f"#req-{req.pk}")  # advice is not a decision: the card stays
    page.keyboard.press("e")  # a second press sends nothing more
    page.wait_for_timeout(300)
    assert OutboxAction.objects.filter(payload__role="advice").count() == 1
