"""Joining and /moi/adhesion/ in headless Chromium at phone (390 px) and desktop (1280 px) widths.

The Bluesky look-up answers from a fixed profile here (the real one is proven on the local AT
Protocol network in tests/networks/test_members_local.py); everything else is the real page, form,
action and database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from colibri.connect import flows as connect
from colibri.members import actions
from colibri.networks.base import Author
from colibri.relay.models import Member, MemberStatus

pytestmark = pytest.mark.browser


@pytest.fixture(params=[390, 1280], ids=["phone", "desktop"])
def tab(
    request: pytest.FixtureRequest, browser: Any, live_server: Any, transactional_db: None
) -> Iterator[Any]:
    width = int(request.param)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.width = width  # type: ignore[attr-defined]
    page.base = live_server.url  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def bluesky(monkeypatch: pytest.MonkeyPatch, fast_password_hasher: None) -> None:
    def lookup(handle: str, **_kw: Any) -> connect.Connected:
        handle = connect.normalise_handle(handle)
        return connect.Connected(
            "bluesky", Author(id=f"did:plc:{handle[:8]}", handle=handle, followers_count=2300)
        )

    monkeypatch.setattr(connect, "lookup_bluesky_account", lookup)


def _no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


def test_it_joins_and_manages_the_membership_from_the_browser(
    tab: Any, bluesky: None, artifacts: Path
) -> None:
    page = tab
    page.goto(f"{page.base}/rejoindre/")
    page.get_by_role("heading", name="Rejoindre le collectif : donner des RT").wait_for()
    _no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / f"members-join-{page.width}.png"), full_page=True)
    page.get_by_label("Votre identifiant Bluesky").fill("camille.bsky.social")
    page.get_by_label("Je repartage moi-même").check()
    page.get_by_label("E-mail pour la sélection du jour").fill("camille@example.org")
    page.get_by_label("Un mot de passe pour votre page sur Colibri").fill("un-mot-de-passe-solide-42")
    page.get_by_label("J'accepte le texte ci-dessus.").check()
    page.get_by_role("button", name="Rejoindre").click()
    page.get_by_text("Un coordinateur confirmera votre adhésion bientôt.").wait_for()
    assert page.url.endswith("/moi/adhesion/")
    page.get_by_text("En attente de la validation").first.wait_for()

    member = Member.objects.get(account__handle="camille.bsky.social")
    actions.do_approve_member(member, actor=None)
    page.reload()
    page.get_by_label("RT par jour au plus").fill("2")
    page.get_by_label("Bretagne").check()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Vos réglages sont enregistrés.").wait_for()
    _no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / f"members-moi-{page.width}.png"), full_page=True)
    member.refresh_from_db()
    assert member.daily_budget == 2 and member.regions == ["Bretagne"]

    page.get_by_role("button", name="Mettre en pause").click()
    page.get_by_text("En pause : aucun nouveau RT ne vous est demandé.").wait_for()
    member.refresh_from_db()
    assert member.status == MemberStatus.PAUSED

    page.get_by_role("link", name="Quitter le collectif").click()
    page.get_by_label("Je confirme quitter le collectif.").check()
    page.get_by_role("button", name="Partir").click()
    page.get_by_text("Vous avez quitté le collectif : vos identifiants sont effacés").wait_for()
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
