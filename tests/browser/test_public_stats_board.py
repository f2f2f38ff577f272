"""The public pages a recruiter or a curious reader opens, in headless Chromium at phone (390 px) and
desktop (1280 px) widths: the figures (/chiffres/) with their infographics, and the recruiters' board
(/recruteurs/) filtered by région with its RSS link."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)


@pytest.fixture
def public_world(transactional_db: None) -> dict[str, Any]:
    """Twelve relayed requests in the last days (Bretagne and Occitanie), the infographics of the
    last 30 days rendered (dates relative to now: the pages default to the last 365 days)."""
    from django.utils import translation

    from colibri.relay.models import NetworkAccount, Post, Request
    from colibri.stats import actions, queries

    now = timezone.now()
    made = []
    for i in range(12):
        region, dep, rome = ("Bretagne", "35", "M1203") if i < 7 else ("Occitanie", "31", "J1506")
        author = NetworkAccount.objects.create(
            network="bluesky",
            remote_id=f"did:plc:pub{i}",
            handle=f"seeker{i}.test",
            display_name=f"Seeker {i}",
        )
        post = Post.objects.create(
            network="bluesky",
            uri=f"at://did:plc:pub{i}/app.bsky.feed.post/{i}",
            url=f"https://bsky.app/profile/seeker{i}.test/post/{i}",
            author=author,
            text=f"#PleaseRT #Comptable #{region} <b>{i}</b> #i4EmploiR",
            posted_at=now - timedelta(days=3, hours=i),
        )
        made.append(
            Request.objects.create(
                post=post,
                status="relayed",
                category="seeker_request",
                eligible=True,
                region=region,
                departement=dep,
                rome_code=rome,
                created_at=now - timedelta(days=3, hours=i),
                relayed_at=now - timedelta(days=2, hours=i),
            )
        )
    with translation.override("fr"):
        actions.do_render_infographics(queries.last_days(30))
    return {"requests": made}


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    contexts = []

    def open_at(width: int) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    try:
        yield open_at
    finally:
        for context in contexts:
            context.close()


def _no_horizontal_scroll(page: Any) -> None:
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page wider than the screen by {overflow}px"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_public_figures_page_reads_well_on_phone_and_desktop(
    live_server: Any, public_world: dict[str, Any], tab: Any, artifacts: Path, width: int
) -> None:
    page = tab(width)
    page.goto(f"{live_server.url}/chiffres/")
    assert page.locator("h1").inner_text() == "Ce que le collectif accomplit"
    funnel = page.locator("#t-funnel tbody tr")
    assert funnel.count() == 5
    assert funnel.nth(0).inner_text().split() == ["détectées", "12"]
    assert "< 5" in page.locator("#t-funnel").inner_text()  # nobody answered yet: hidden, not 0
    poster = page.locator(".infographic-poster img")
    poster.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth === 1200", arg=poster.element_handle())
    assert "Affiche du collectif" in (poster.get_attribute("alt") or "")
    assert page.locator(".infographic img").count() == 6
    _no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / f"public-figures-{width}.png"), full_page=True)
    # The CSV link downloads the same aggregates.
    href = page.locator("a", has_text="Télécharger (CSV)").get_attribute("href")
    assert href and href.startswith("/chiffres/export.csv")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_recruiter_filters_the_board_by_region_and_finds_the_feed(
    live_server: Any, public_world: dict[str, Any], tab: Any, artifacts: Path, width: int
) -> None:
    page = tab(width)
    page.goto(f"{live_server.url}/recruteurs/")
    assert page.locator(".board-entry").count() == 12
    page.select_option("#region", "Occitanie")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/recruteurs/?region=Occitanie*")
    entries = page.locator(".board-entry")
    assert entries.count() == 5
    first = entries.nth(0)
    assert "<b>7</b>" in first.inner_text()  # the seeker's text, shown as text
    link = first.get_by_role("link", name="Voir la publication")
    assert link.get_attribute("href") == "https://bsky.app/profile/seeker7.test/post/7"
    rss = page.get_by_role("link", name="RSS").get_attribute("href")
    assert rss == "/recruteurs/rss.xml?region=Occitanie"
    _no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts / f"board-{width}.png"), full_page=True)


def test_a_coordinator_publishes_the_poster_in_one_click(
    live_server: Any, public_world: dict[str, Any], tab: Any, artifacts: Path, fast_password_hasher: None
) -> None:
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import NetworkAccount, OutboxAction

    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4emploi.test", is_official=True
    )
    do_create_volunteer(username="coord", role="coordinator", password="correct-horse-battery-1")
    page = tab(1280)
    page.goto(f"{live_server.url}/statistiques/")
    page.fill("#id_username", "coord")
    page.fill("#id_password", "correct-horse-battery-1")
    page.keyboard.press("Enter")
    # The exact address: the login page itself (/connexion/?next=/statistiques/) also ends with
    # "/statistiques/", so a glob matched before the sign-in had gone through.
    page.wait_for_url(f"{live_server.url}/statistiques/")
    assert page.locator("h1").inner_text() == "Statistiques"
    publish = page.get_by_role("button", name="Publier l'affiche depuis le compte officiel")
    publish.click()
    page.locator(".msg-success").filter(has_text="@i4emploi.test").wait_for()
    page.get_by_role("button", name="Publier l'affiche depuis le compte officiel").click()
    page.locator(".msg").filter(has_text="déjà été publiée").wait_for()
    posts = list(OutboxAction.objects.filter(kind="post"))
    assert len(posts) == 1 and posts[0].payload["alt"].startswith("Affiche du collectif")
    page.screenshot(path=str(artifacts / "stats-volunteers-1280.png"), full_page=True)
