"""The coordinators' console in headless Chromium: archive search, the skills image on a card,
bulk decisions, withdrawing on the seeker's demand; each page at 1280 and 390 px wide."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-1"
DID = "did:plc:browsermarie"
CDN = f"https://cdn.bsky.app/img/feed_fullsize/plain/{DID}/bafkreiskills@jpeg"
LONG_HANDLE = "une-personne-avec-un-pseudo-vraiment-tres-long-qui-ne-tient-pas.bsky.social"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (11, 110, 79)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def coordinator_page(
    live_server: Any, browser: Any, fast_password_hasher: None
) -> Iterator[Callable[..., Any]]:
    """Log a coordinator in on a fresh page of the given width; the Bluesky CDN answers with a PNG."""
    from colibri.relay.actions.volunteers import do_create_volunteer

    do_create_volunteer(username="coord", role="coordinator", password=PASSWORD)
    contexts: list[Any] = []
    cdn_hits: list[str] = []
    image = _png()

    def open_page(width: int = 1280) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)

        def cdn(route: Any) -> None:
            cdn_hits.append(route.request.url)
            route.fulfill(status=200, content_type="image/png", body=image)

        page.route("https://cdn.bsky.app/**", cdn)
        page.cdn_hits = cdn_hits
        page.goto(f"{live_server.url}/connexion/")
        page.fill("#id_username", "coord")
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("h1")
        return page

    try:
        yield open_page
    finally:
        for context in contexts:
            context.close()


def _seed(make_review_request: Callable[..., Any]) -> list[Any]:
    from colibri.relay.models import NetworkAccount, Post

    common = {"category": "seeker_request", "eligible": True, "status": "needs_review", "confidence": 0.7}
    marie = make_review_request(
        handle="marie.bsky.social",
        display_name="Marie Dupont",
        bio="Comptable, 8 ans d'expérience. En recherche active #i4EmploiR",
        minutes=0,
        text=(
            "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon.\n"
            "8 ans d'expérience en cabinet, paie et fiscalité.\n"
            "Mon profil : https://www.linkedin.com/in/marie-dupont #i4EmploiR"
        ),
        image_alt="Compétences : comptabilité générale, paie, fiscalité, Sage, Excel",
        job_title="Comptable",
        rome_code="M1203",
        rome_label="Comptabilité",
        commune="Lyon",
        departement="69",
        region="Auvergne-Rhône-Alpes",
        contracts=["CDI"],
        reasons=["Hashtag #i4EmploiR présent", "Recherche d'un CDI", "Lien LinkedIn et image présents"],
        feedback=[],
        **common,
    )
    # The image as ingest records it: the Bluesky CDN URL of a blob of the author's own DID.
    NetworkAccount.objects.filter(pk=marie.post.author_id).update(remote_id=DID)
    Post.objects.filter(pk=marie.post_id).update(image_urls=[CDN])
    mathieu = make_review_request(
        handle=LONG_HANDLE,
        display_name="Mathieu Clément",
        minutes=5,
        text="je recherche un emploi d'assistant de direction sur Bordeaux, cdi #PleaseRT #i4EmploiR",
        job_title="Assistant de direction",
        commune="Bordeaux",
        departement="33",
        region="Nouvelle-Aquitaine",
        feedback=["Ajoutez une image de vos compétences."],
        **common,
    )
    lea = make_review_request(
        handle="lea.bsky.social",
        display_name="Léa Martin",
        minutes=9,
        text="#PleaseRT Développeuse web en CDI à #Nantes #i4EmploiR",
        job_title="Développeuse web",
        commune="Nantes",
        departement="44",
        region="Pays de la Loire",
        **common,
    )
    return [marie, mathieu, lea]


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_it_shows_the_skills_image_on_a_short_card(
    coordinator_page: Callable[..., Any], make_review_request: Callable[..., Any], artifacts: Path
) -> None:
    marie, mathieu, _lea = _seed(make_review_request)
    page = coordinator_page(1280)
    card = page.locator(f"#req-{marie.pk}")
    img = card.locator(".post-images img")
    img.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    assert img.get_attribute("loading") == "lazy"
    assert img.get_attribute("alt") == "Compétences : comptabilité générale, paie, fiscalité, Sage, Excel"
    assert page.cdn_hits and all("/img/feed_thumbnail/plain/" + DID in url for url in page.cdn_hits)
    heights = page.eval_on_selector_all("#queue article.card", "cards => cards.map(c => c.offsetHeight)")
    page.screenshot(path=str(artifacts / "console-queue-1280.png"))
    assert max(heights) <= 400, heights  # ~770 px before: two cards fit a laptop screen

    phone = coordinator_page(390)
    phone.wait_for_selector(f"#req-{mathieu.pk}")
    _no_sideways_scroll(phone)  # the long handle wraps
    phone.screenshot(path=str(artifacts / "console-queue-390.png"))


def test_it_finds_a_request_in_the_archive_and_opens_the_persons_page(
    coordinator_page: Callable[..., Any], make_review_request: Callable[..., Any], artifacts: Path
) -> None:
    from colibri.relay.actions.decisions import do_reject_request
    from colibri.relay.models import Post

    marie, mathieu, lea = _seed(make_review_request)
    # Marie's older, rejected request: found in the archive, listed on her new one.
    older = make_review_request(
        handle="marie-old.bsky.social", text="#PleaseRT Comptable #Lyon", minutes=-3000, job_title="Comptable"
    )
    Post.objects.filter(pk=older.post_id).update(author_id=marie.post.author_id)
    do_reject_request(older, actor=None, reason="Offre d'emploi")

    page = coordinator_page(1280)
    page.click("nav >> text=Toutes les demandes")
    page.wait_for_selector("table.archive")
    assert page.locator("table.archive tbody tr").count() == 4
    page.fill("#id_who", "@marie")
    page.select_option("#id_status", "rejected")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**who=%40marie**")
    rows = page.locator("table.archive tbody tr")
    assert rows.count() == 1
    assert "Refusée" in rows.first.text_content()
    page.screenshot(path=str(artifacts / "console-archive-1280.png"), full_page=True)

    page.fill("#id_who", "")
    page.select_option("#id_status", "")
    page.fill("#id_place", "nantes")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**place=nantes**")
    assert page.locator("table.archive tbody tr").count() == 1
    page.click(f"text=#{lea.pk}")
    page.wait_for_selector("h1 >> text=Demande")
    assert f"/demandes/{lea.pk}/" in page.url

    page.goto(page.url.replace(f"/demandes/{lea.pk}/", f"/demandes/{marie.pk}/"))
    section = page.locator(".earlier-requests")
    assert "Autres demandes de @marie.bsky.social" in section.text_content()
    assert f"#{older.pk}" in section.text_content()
    page.screenshot(path=str(artifacts / "console-request-1280.png"), full_page=True)

    phone = coordinator_page(390)
    phone.goto(page.url)
    _no_sideways_scroll(phone)
    phone.screenshot(path=str(artifacts / "console-request-390.png"), full_page=True)
    phone.goto(phone.url.split("/demandes/")[0] + f"/archives/?who={mathieu.post.author.handle[:20]}")
    assert phone.locator("table.archive tbody tr").count() == 1
    _no_sideways_scroll(phone)
    assert phone.locator(".table-wrap").evaluate("w => w.scrollWidth <= w.clientWidth")
    phone.screenshot(path=str(artifacts / "console-archive-390.png"), full_page=True)


def test_it_decides_a_selection_and_names_each_decision(
    coordinator_page: Callable[..., Any], make_review_request: Callable[..., Any]
) -> None:
    from colibri.relay.models import Request

    marie, mathieu, lea = _seed(make_review_request)
    page = coordinator_page(1280)
    page.wait_for_selector(f"#req-{marie.pk}.is-current")
    page.keyboard.press("x")  # ticks the current card (Marie's)
    assert page.is_checked(f"#req-{marie.pk} input.pick")
    page.check(f"#req-{lea.pk} input.pick")
    page.select_option("#bulk select[name=decision]", "approve")
    with page.expect_navigation():
        page.click("#bulk button[type=submit]")
    status = page.text_content(".messages")
    assert f"#{marie.pk} @marie.bsky.social approuvée." in status
    assert f"#{lea.pk} @lea.bsky.social approuvée." in status
    assert {r.pk: r.status for r in Request.objects.all()} == {
        marie.pk: "approved",
        mathieu.pk: "needs_review",
        lea.pk: "approved",
    }
    assert page.locator("#queue article.card").count() == 1


def test_it_withdraws_a_relayed_request_on_the_seekers_demand(
    coordinator_page: Callable[..., Any], make_review_request: Callable[..., Any], artifacts: Path
) -> None:
    from colibri.relay.actions.decisions import do_approve_request
    from colibri.relay.models import NetworkAccount, OutboxAction, OutboxKind, OutboxStatus, Request

    marie, _mathieu, _lea = _seed(make_review_request)
    do_approve_request(marie, actor=None)
    official, _created = NetworkAccount.objects.get_or_create(
        network="bluesky", remote_id="did:plc:official", defaults={"handle": "i4", "is_official": True}
    )
    OutboxAction.objects.create(
        kind=OutboxKind.REPOST,
        network="bluesky",
        account=official,
        request=marie,
        target_uri=marie.post.uri,
        idempotency_key=f"browser-repost:{marie.pk}",
        status=OutboxStatus.DONE,
        result_id="at://did:plc:official/app.bsky.feed.repost/1",
    )

    page = coordinator_page(1280)
    page.goto(page.url.rstrip("/") + f"/demandes/{marie.pk}/")
    page.click("details.withdraw summary")
    page.check("input[name=channel][value=dm]")
    page.screenshot(path=str(artifacts / "console-withdraw-1280.png"), full_page=True)
    with page.expect_navigation():
        page.click("details.withdraw button[type=submit]")
    assert f"#{marie.pk} @marie.bsky.social retirée." in page.text_content(".messages")
    assert "Retirée" in page.text_content("h1")
    assert page.locator("details.withdraw").count() == 0
    assert Request.objects.get(pk=marie.pk).status == "withdrawn"
    assert (
        OutboxAction.objects.filter(request=marie, kind=OutboxKind.UNDO_REPOST, status="pending").count() == 1
    )
