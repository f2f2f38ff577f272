"""The composer in headless Chromium: keyboard only, live preview, card download, phone-width screenshot."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

pytestmark = pytest.mark.browser


@pytest.fixture
def composer_page(browser, live_server, transactional_db) -> Iterator[object]:
    # One Chromium per session (tests/browser/conftest.py); a phone-sized context per test.
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, accept_downloads=True, locale="fr-FR"
    )
    page = context.new_page()
    page.set_default_timeout(30_000)  # the machine is shared: be patient, not flaky
    page.goto(f"{live_server.url}/outils/")
    try:
        yield page
    finally:
        context.close()


def test_it_builds_the_post_and_card_from_the_keyboard(composer_page, artifacts: Path) -> None:
    page = composer_page
    page.locator("#id_job").focus()
    page.keyboard.type("Chargée de communication")
    page.keyboard.press("Tab")
    page.keyboard.type("Lyon (69)")
    page.keyboard.press("Tab")  # into the contract radio group (CDI preselected)
    page.keyboard.press("ArrowRight")  # CDD
    page.keyboard.press("Tab")
    for i, skill in enumerate(["Relations presse", "Réseaux sociais 🚀", "Rédaction web", "Canva"]):
        if i:
            page.keyboard.press("Enter")
        page.keyboard.type(skill)
    page.keyboard.press("Tab")
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    page.keyboard.type("immédiatement")
    page.keyboard.press("Tab")
    page.keyboard.type("Curieuse et rigoureuse, j'aime raconter les projets des autres.")
    page.keyboard.press("Tab")
    page.keyboard.type("https://www.linkedin.com/in/camille-exemple")
    page.keyboard.press("Tab")

    status = page.locator("[data-status]")
    status.filter(has_text="tout est prêt").wait_for()

    bluesky = page.locator(".cp-post[data-network='bluesky'] [data-text]")
    text = bluesky.input_value()
    assert text.startswith("#PleaseRT #ChargéeDeCommunication #Lyon #i4EmploiR")
    assert "en CDD" in text
    assert text.rstrip().endswith("https://www.linkedin.com/in/camille-exemple")
    count = page.locator(".cp-post[data-network='x'] [data-count]").inner_text()
    assert count.endswith("/ 280") and int(count.split("/")[0]) <= 280
    intent = page.locator(".cp-post[data-network='mastodon'] [data-intent]").get_attribute("href")
    assert intent is not None and intent.startswith("https://mastodon.social/share?text=%23PleaseRT")
    assert "Relations presse" in page.locator("[data-alt]").input_value()
    assert "🚀" in page.locator("[data-warnings]").inner_text()  # emoji left out of the card, and said so

    # The preview follows edits: change the place, the texts change.
    page.locator("#id_place").fill("Télétravail")
    page.locator("#id_place").press("Tab")
    bluesky_js = "document.querySelector(\".cp-post[data-network='bluesky'] [data-text]\")"
    page.wait_for_function(f"() => {bluesky_js}.value.includes('#Télétravail')")

    for shape, size in (("landscape", (1200, 675)), ("square", (1080, 1080))):
        img = page.locator(f".cp-card[data-shape='{shape}'] [data-card-img]")
        page.wait_for_function(
            f"() => document.querySelector(\".cp-card[data-shape='{shape}'] img\").src.startsWith('blob:')"
        )
        assert img.evaluate("el => el.naturalWidth") == size[0]
        with page.expect_download() as info:
            page.locator(f".cp-card[data-shape='{shape}'] [data-download]").click()
        download = info.value
        data = Path(download.path()).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert Image.open(io.BytesIO(data)).size == size
        assert download.suggested_filename.endswith(".png")

    page.locator("#id_job").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "composer-390.png"), full_page=True)


def test_it_checks_a_pasted_post_and_links_to_the_prefilled_composer(
    composer_page, live_server, artifacts: Path
) -> None:
    page = composer_page
    page.goto(f"{live_server.url}/outils/verifier/")
    page.locator("#id_text").focus()
    page.keyboard.type(
        "Bonjour ! Comptable à Lyon, je cherche un CDI. https://www.linkedin.com/in/camille-exemple"
    )
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # "my post has an image"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator("#result").wait_for()
    result = page.locator("#result")
    if page.locator(".cp-verdict").count():  # the triage engine is installed
        fixed = page.locator(".cp-post[data-network='bluesky'] [data-text]").input_value()
        assert fixed.startswith("#PleaseRT #Comptable #Lyon #i4EmploiR")
        page.screenshot(path=str(artifacts / "checker-390.png"), full_page=True)
        page.get_by_role("link", name="Compléter dans le compositeur").click()
        assert page.locator("#id_job").input_value() == "Comptable"
        assert page.locator("#id_place").input_value().startswith("Lyon")
        assert page.locator("#id_link").input_value() == "https://www.linkedin.com/in/camille-exemple"
        page.locator("[data-status]").filter(has_text="Aperçu à jour").wait_for()
    else:
        assert "pas encore disponible" in result.inner_text()
