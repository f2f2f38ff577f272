"""Volunteers in headless Chromium: a forgotten password reset by e-mail, a coordinator deactivating
an account; the pages at 1280 and 390 px."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-1"


def _log_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/connexion/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_it_resets_a_forgotten_password_from_the_login_page(
    live_server: Any, page: Any, fast_password_hasher: None, artifacts: Path
) -> None:
    from django.core import mail

    from colibri.relay.actions.volunteers import do_create_volunteer

    do_create_volunteer(username="lea", email="lea@example.org", role="moderator", password=PASSWORD)
    page.goto(f"{live_server.url}/connexion/")
    page.click("text=Mot de passe oublié ?")
    page.fill("#id_email", "lea@example.org")
    page.screenshot(path=str(artifacts / "console-password-reset-1280.png"))
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "Lien envoyé" in page.text_content("h1")
    link = re.search(r"https?://\S+/mot-de-passe-oublie/\S+", mail.outbox[0].body)
    assert link is not None
    page.goto(link.group(0))
    page.fill("#id_new_password1", "Nouveau-mot-de-passe-7")
    page.fill("#id_new_password2", "Nouveau-mot-de-passe-7")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "Mot de passe enregistré" in page.text_content("h1")
    _log_in(page, live_server.url, "lea", "Nouveau-mot-de-passe-7")
    page.wait_for_selector("text=File de relecture")


def test_it_deactivates_a_volunteer_from_a_phone(
    live_server: Any, browser: Any, fast_password_hasher: None, artifacts: Path
) -> None:
    from django.contrib.auth import get_user_model

    from colibri.relay.actions.volunteers import do_create_volunteer

    do_create_volunteer(username="coord", role="coordinator", password=PASSWORD)
    do_create_volunteer(username="un-benevole-au-pseudo-assez-long", role="moderator", password=PASSWORD)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        phone = context.new_page()
        _log_in(phone, live_server.url, "coord", PASSWORD)
        phone.wait_for_selector("h1")
        phone.goto(f"{live_server.url}/utilisateurs/")
        row = phone.locator("tr", has_text="un-benevole-au-pseudo-assez-long")
        with phone.expect_navigation():
            row.locator("button", has_text="Désactiver").click()
        assert "un-benevole-au-pseudo-assez-long ne peut plus se connecter." in phone.text_content(
            ".messages"
        )
        # Each account is a block on a phone: nothing scrolls sideways, not even inside the table.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        wrap = phone.locator(".table-wrap").last
        assert wrap.evaluate("w => w.scrollWidth <= w.clientWidth")
        phone.screenshot(path=str(artifacts / "console-volunteers-390.png"), full_page=True)
        assert not get_user_model().objects.get(username="un-benevole-au-pseudo-assez-long").is_active
        assert (
            phone.locator("tr", has_text="un-benevole-au-pseudo-assez-long")
            .locator("button", has_text="Réactiver")
            .count()
            == 1
        )
    finally:
        context.close()
