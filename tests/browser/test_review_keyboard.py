"""A moderator clears the review queue with the keyboard in headless Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-1"


def _seed(make_review_request: Callable[..., Any]) -> list[Any]:
    common = {"category": "seeker_request", "eligible": True, "region": "Auvergne-Rhône-Alpes"}
    return [
        make_review_request(
            handle="marie.bsky.social",
            display_name="Marie Dupont",
            bio="Comptable, 8 ans d'expérience. En recherche active #i4EmploiR",
            followers=312,
            minutes=0,
            text=(
                "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon.\n"
                "8 ans d'expérience en cabinet, paie et fiscalité.\n"
                "Mon profil : https://www.linkedin.com/in/marie-dupont #i4EmploiR"
            ),
            image_alt="Compétences : comptabilité générale, paie, fiscalité, Sage, Excel",
            status="eligible",
            confidence=0.93,
            job_title="Comptable",
            rome_code="M1203",
            rome_label="Comptabilité",
            commune="Lyon",
            departement="69",
            contracts=["CDI"],
            reasons=["Hashtag #i4EmploiR présent", "Recherche d'un CDI", "Lien LinkedIn et image présents"],
            **common,
        ),
        make_review_request(
            handle="recrutement-rh.bsky.social",
            display_name="Cabinet RH Lyon",
            bio="Cabinet de recrutement. Nos offres chaque jour.",
            followers=5400,
            minutes=5,
            text=(
                "Nous recrutons un #Comptable H/F en CDI à #Lyon ! "
                "Postulez : https://example.org/offre/42 #i4EmploiR"
            ),
            status="needs_review",
            confidence=0.55,
            job_title="Comptable",
            rome_code="M1203",
            rome_label="Comptabilité",
            commune="Lyon",
            departement="69",
            contracts=["CDI"],
            reasons=[
                "Formulation d'offre : « nous recrutons », « H/F »",
                "Auteur sans #i4EmploiR dans sa bio",
            ],
            feedback=["Ce hashtag est réservé aux personnes qui cherchent un emploi."],
            **(common | {"category": "job_offer", "eligible": False}),
        ),
        make_review_request(
            handle="dev-freelance.bsky.social",
            bio="Développeur freelance, TJM sur demande",
            minutes=10,
            text="#PleaseRT Dispo pour vos missions freelance #React #Grenoble #i4EmploiR",
            has_image=False,
            status="ineligible",
            confidence=0.81,
            job_title="Développeur web",
            rome_code="M1805",
            rome_label="Études et développement informatique",
            commune="Grenoble",
            departement="38",
            reasons=["Prestation freelance, pas une recherche d'emploi salarié"],
            feedback=["Ajoutez une image de vos compétences."],
            **(common | {"category": "freelance", "eligible": False}),
        ),
        make_review_request(
            handle="karim.mastodon.social",
            network="mastodon",
            bio="Magasinier cariste CACES 1-3-5 #i4EmploiR",
            minutes=15,
            text="#PleaseRT Magasinier cariste cherche CDD ou CDI #SaintEtienne #i4EmploiR",
            status="needs_review",
            confidence=0.64,
            job_title="Magasinier cariste",
            rome_code="N1103",
            rome_label="Magasinage et préparation de commandes",
            commune="Saint-Étienne",
            departement="42",
            contracts=["CDD", "CDI"],
            reasons=["Pas de lien de profil"],
            feedback=["Ajoutez un lien vers votre profil LinkedIn."],
            **common,
        ),
    ]


def _log_in_as_modo(page: Any) -> None:
    """Fill and send the login form the page shows (the moderator each test creates)."""
    page.fill("#id_username", "modo")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def _card_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#queue article.card", "cards => cards.map(c => c.id)")


def test_it_clears_three_requests_with_the_keyboard(
    live_server: Any,
    page: Any,
    artifacts: Path,
    fast_password_hasher: None,
    make_review_request: Callable[..., Any],
) -> None:
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import AuditLog, Request

    moderator, _pw = do_create_volunteer(username="modo", role="moderator", password=PASSWORD)
    first, second, third, fourth = _seed(make_review_request)

    # Log in through the form, as a volunteer would.
    page.goto(f"{live_server.url}/")
    assert "/connexion/" in page.url
    _log_in_as_modo(page)
    page.wait_for_selector(f"#req-{first.pk}.is-current")
    assert _card_ids(page) == [f"req-{r.pk}" for r in (first, second, third, fourth)]
    assert page.text_content("#queue-count") == "4"
    page.screenshot(path=str(artifacts / "review-queue.png"))

    # Any full reload would drop this marker.
    page.evaluate("window.__sameDocument = true")

    page.keyboard.press("a")
    page.wait_for_selector(f"#req-{first.pk}", state="detached")
    assert page.evaluate("document.activeElement.id") == f"req-{second.pk}"

    page.keyboard.press("r")
    page.wait_for_selector(f"#req-{second.pk} .reject-choices.open")
    page.screenshot(path=str(artifacts / "review-queue-reject.png"))
    page.keyboard.press("1")
    page.wait_for_selector(f"#req-{second.pk}", state="detached")
    assert page.evaluate("document.activeElement.id") == f"req-{third.pk}"

    # j/k move between cards without deciding anything.
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"req-{fourth.pk}"
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == f"req-{third.pk}"

    page.keyboard.press("n")
    page.wait_for_selector(f"#req-{third.pk}", state="detached")
    assert page.evaluate("document.activeElement.id") == f"req-{fourth.pk}"

    assert _card_ids(page) == [f"req-{fourth.pk}"]
    assert page.text_content("#queue-count") == "1"
    assert page.evaluate("window.__sameDocument") is True

    page.keyboard.press("?")
    assert page.is_visible("#help")
    page.keyboard.press("Escape")
    assert not page.is_visible("#help")

    rows = {r.pk: r for r in Request.objects.filter(pk__in=[first.pk, second.pk, third.pk, fourth.pk])}
    assert rows[first.pk].status == "approved"
    assert (rows[second.pk].status, rows[second.pk].decision_reason) == (
        "rejected",
        "Offre d'emploi (non relayée)",
    )
    assert (rows[third.pk].status, rows[third.pk].category) == ("rejected", "freelance")
    assert rows[fourth.pk].status == "needs_review"
    assert all(rows[r.pk].decided_by_id == moderator.pk for r in (first, second, third))
    audit = dict(
        AuditLog.objects.filter(request__in=[first, second, third, fourth]).values_list(
            "request_id", "action"
        )
    )
    assert audit == {
        first.pk: "request_approved",
        second.pk: "request_rejected",
        third.pk: "request_marked_not_request",
    }
    assert set(
        AuditLog.objects.filter(request__in=[first, second, third]).values_list("actor_id", flat=True)
    ) == {moderator.pk}

    # The last card: the queue says it is empty, still without a reload.
    page.keyboard.press("a")
    page.wait_for_selector(f"#req-{fourth.pk}", state="detached")
    assert page.is_visible("#queue .empty")
    assert "Plus rien à relire" in page.text_content("#queue .empty")
    assert page.text_content("#queue-count") == "0"
    assert page.evaluate("window.__sameDocument") is True


def test_it_undoes_a_wrong_key_with_z(
    live_server: Any,
    page: Any,
    artifacts: Path,
    fast_password_hasher: None,
    make_review_request: Callable[..., Any],
) -> None:
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import AuditLog, NetworkAccount, OutboxAction, Request

    do_create_volunteer(username="modo", role="moderator", password=PASSWORD)
    # The collective's account: an approval queues its repost, which the undo must cancel.
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:colibri", handle="colibri.bsky.social", is_official=True
    )
    first, second, third, fourth = _seed(make_review_request)
    order = [f"req-{r.pk}" for r in (first, second, third, fourth)]

    page.goto(f"{live_server.url}/connexion/")
    _log_in_as_modo(page)
    page.wait_for_selector(f"#req-{first.pk}.is-current")
    page.evaluate("window.__sameDocument = true")

    page.keyboard.press("a")
    page.wait_for_selector(f"#req-{first.pk}", state="detached")
    page.wait_for_selector("#undo-bar:not([hidden]) [data-undo]")
    assert "Annuler" in page.text_content("#undo-bar [data-undo]")
    assert page.text_content("#queue-count") == "3"
    approved = Request.objects.get(pk=first.pk)
    assert approved.status == "approved"
    assert list(OutboxAction.objects.filter(request=first).values_list("status", flat=True)) == ["pending"]
    page.screenshot(path=str(artifacts / "review-queue-undo-offer.png"))

    page.keyboard.press("z")
    page.wait_for_selector(f"#req-{first.pk}.is-current")
    assert _card_ids(page) == order  # back in its place, not at the end
    assert page.text_content("#queue-count") == "4"
    assert page.evaluate("document.activeElement.id") == f"req-{first.pk}"
    assert "Décision annulée" in page.text_content("#undo-bar")
    assert page.evaluate("window.__sameDocument") is True

    restored = Request.objects.get(pk=first.pk)
    assert (restored.status, restored.decided_at, restored.decided_by_id) == ("eligible", None, None)
    assert list(OutboxAction.objects.filter(request=first).values_list("status", flat=True)) == ["cancelled"]
    assert AuditLog.objects.filter(request=first, action="request_decision_undone").count() == 1

    # A second z has nothing left to undo on this page: nothing changes.
    page.keyboard.press("z")
    page.wait_for_timeout(300)
    assert AuditLog.objects.filter(request=first, action="request_decision_undone").count() == 1

    # The restored card is decided again like any other, with its buttons working.
    page.keyboard.press("n")
    page.wait_for_selector(f"#req-{first.pk}", state="detached")
    assert Request.objects.get(pk=first.pk).status == "rejected"


def test_it_still_offers_the_undo_after_fetching_the_next_batch(
    live_server: Any,
    page: Any,
    fast_password_hasher: None,
    make_review_request: Callable[..., Any],
) -> None:
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import Request

    do_create_volunteer(username="modo", role="moderator", password=PASSWORD)
    # 21 requests: the second page holds one, and clearing it reloads the queue for the next batch.
    waiting = [
        make_review_request(
            handle=f"seeker{i}.bsky.social",
            text=f"#PleaseRT Je cherche un CDI de comptable, demande {i} #i4EmploiR",
            minutes=i,
            status="needs_review",
            category="seeker_request",
            eligible=True,
        )
        for i in range(21)
    ]
    last = waiting[-1]
    page.goto(f"{live_server.url}/connexion/?next=/%3Fpage%3D2")
    _log_in_as_modo(page)
    page.wait_for_selector(f"#req-{last.pk}.is-current")
    assert _card_ids(page) == [f"req-{last.pk}"]

    with page.expect_navigation():
        page.keyboard.press("a")  # the page is cleared, 20 still wait: the next batch is fetched
    page.wait_for_selector("#undo-bar:not([hidden]) [data-undo]")
    assert f"#{last.pk} @{last.post.author.handle} approuvée." in page.text_content("#undo-bar")
    assert Request.objects.get(pk=last.pk).status == "approved"

    with page.expect_navigation():
        page.keyboard.press("z")
    page.wait_for_selector(f"#req-{last.pk}")
    restored = Request.objects.get(pk=last.pk)
    assert (restored.status, restored.decided_at) == ("needs_review", None)
    assert page.is_hidden("#undo-bar")  # nothing more to offer after the reload


def test_it_fits_a_phone_screen_and_decides_with_taps(
    live_server: Any,
    browser: Any,
    artifacts: Path,
    fast_password_hasher: None,
    make_review_request: Callable[..., Any],
) -> None:
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import Request

    do_create_volunteer(username="modo", role="moderator", password=PASSWORD)
    _seed(make_review_request)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        phone = context.new_page()
        phone.set_default_timeout(15_000)
        phone.goto(f"{live_server.url}/connexion/")
        _log_in_as_modo(phone)
        phone.wait_for_selector("#queue article.card.is-current")
        # Nothing wider than the screen: no horizontal scrolling while clearing the queue.
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        phone.screenshot(path=str(artifacts / "review-queue-390px.png"), full_page=False)
        # The approve button is a comfortable tap target, and a tap decides without a reload.
        first_card = phone.locator("#queue article.card").first
        first_id = first_card.get_attribute("id")
        approve = first_card.locator("button[value=approve]")
        box = approve.bounding_box()
        assert box is not None and box["height"] >= 44
        phone.evaluate("window.__sameDocument = true")
        approve.click()
        phone.wait_for_selector(f"#{first_id}", state="detached")
        assert phone.text_content("#queue-count") == "3"
        assert phone.evaluate("window.__sameDocument") is True
        # Reject by tapping: open the reasons, tap "Prestation freelance".
        second_card = phone.locator("#queue article.card").first
        second_id = second_card.get_attribute("id")
        second_card.locator("[data-open-reject]").click()
        second_card.locator("button[value='reject:freelance']").click()
        phone.wait_for_selector(f"#{second_id}", state="detached")
        decided = Request.objects.get(pk=int(second_id.removeprefix("req-")))
        assert (decided.status, decided.decision_reason) == ("rejected", "Prestation freelance")
        # Session gone (logged out elsewhere, expired): a tap leads to the login page, nothing decided.
        context.clear_cookies(name="sessionid")
        third_card = phone.locator("#queue article.card").first
        third_id = third_card.get_attribute("id")
        assert third_id is not None
        third_card.locator("button[value=approve]").click()
        phone.wait_for_url("**/connexion/**")
        untouched = Request.objects.get(pk=int(third_id.removeprefix("req-")))
        assert untouched.decided_at is None
    finally:
        context.close()
