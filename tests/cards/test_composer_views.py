"""The public composer and checker pages (/outils/): JSON preview, PNG, checker, escaping, no storage."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from PIL import Image

from colibri.composer import checker as checker_module
from colibri.composer import composer_url_for, suggest
from colibri.core.types import Location, Post, TriageResult
from colibri.relay import models as relay_models

pytestmark = pytest.mark.django_db

FORM = {
    "job": "Comptable",
    "place": "Lyon (69)",
    "contract": "CDI",
    "link": "linkedin.com/in/camille-exemple",
    "skills": "Paie\nBilans annuels\n• Sage 100",
    "experience_years": "8",
    "availability": "immédiatement",
    "pitch": "Rigoureuse et curieuse.",
    "instance": "piaille.fr",
}
HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>'


@pytest.fixture(autouse=True)
def no_reference_index(settings, tmp_path: Path) -> None:
    """Each test starts without an imported index (var/ of a developer must not leak in)."""
    settings.COLIBRI_REFDATA_DIR = tmp_path / "refdata-empty"


@pytest.fixture(scope="module")
def index_dir(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from colibri.core.refindex import build_index

    out = tmp_path_factory.mktemp("refdata")
    build_index(shared_data / "insee-cog-2024", shared_data / "rome", out)
    return out


def row_counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in (relay_models.Post, relay_models.Request, relay_models.AuditLog)
    }


# --- composer page ----------------------------------------------------------------------------


def test_it_shows_the_form_and_says_nothing_is_stored(client: Client) -> None:
    response = client.get(reverse("composer:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rien n'est enregistré." in html
    assert 'name="csrfmiddlewaretoken"' in html
    for name in ("job", "place", "contract", "link", "skills", "experience_years", "availability", "pitch"):
        assert f'name="{name}"' in html
    assert "cdn" not in html.lower()
    assert 'src="http' not in html and 'href="http' not in html  # everything is served locally


def test_it_prefills_the_form_from_the_query_and_escapes_it(client: Client) -> None:
    response = client.get(reverse("composer:index"), {"job": "Comptable", "place": HOSTILE})
    html = response.content.decode()
    assert 'value="Comptable"' in html
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_it_returns_texts_alt_and_readiness_as_json(client: Client) -> None:
    before = row_counts()
    response = client.post(reverse("composer:preview"), FORM)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["ready"] is True and data["errors"] == {}
    posts = {p["network"]: p for p in data["posts"]}
    assert set(posts) == {"bluesky", "mastodon", "x"}
    for post in posts.values():
        assert post["text"].startswith("#PleaseRT #Comptable #Lyon #i4EmploiR")
        assert post["text"].endswith("https://linkedin.com/in/camille-exemple")
        assert post["count"] <= post["limit"] and post["fits"] is True
    assert urlsplit(posts["mastodon"]["intent_url"]).netloc == "piaille.fr"
    assert parse_qs(urlsplit(posts["x"]["intent_url"]).query)["text"] == [posts["x"]["text"]]
    assert "Compétences : Paie, Bilans annuels, Sage 100." in data["alt"]
    assert [c["shape"] for c in data["cards"]] == ["landscape", "square"]
    assert row_counts() == before  # nothing stored
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("link", "https://www.linkedin.com/company/acme", "/in/"),
        ("link", "javascript:alert(1)", "https://"),
        ("skills", "Paie\nBilan", "au moins 3"),
        ("skills", "\n".join(f"Compétence {i}" for i in range(9)), "8 compétences au plus"),
        ("experience_years", "120", ""),
    ],
)
def test_it_reports_what_is_not_ready_but_still_previews(
    client: Client, field: str, value: str, message: str
) -> None:
    data = client.post(reverse("composer:preview"), {**FORM, field: value}).json()
    assert data["ready"] is False
    assert field in data["errors"]
    assert message in " ".join(data["errors"][field])
    assert data["posts"][0]["text"].startswith("#PleaseRT #Comptable")


@pytest.mark.parametrize(
    "link", ["https://fr.viadeo.com/fr/profile/camille", "https://camille.example.org/cv"]
)
def test_it_accepts_viadeo_and_other_personal_pages(client: Client, link: str) -> None:
    data = client.post(reverse("composer:preview"), {**FORM, "link": link}).json()
    assert data["ready"] is True


def test_it_refuses_previews_without_csrf_token_or_by_get() -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("composer:preview"), FORM).status_code == 403
    assert strict.get(reverse("composer:preview")).status_code == 405


@pytest.mark.parametrize(("shape", "size"), [("landscape", (1200, 675)), ("square", (1080, 1080))])
def test_it_serves_the_card_png_in_both_shapes(client: Client, shape: str, size: tuple[int, int]) -> None:
    response = client.post(reverse("composer:card", args=[shape]), FORM)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == size
    again = client.post(reverse("composer:card", args=[shape]), FORM)
    assert again.content == response.content


def test_it_renders_a_card_from_a_half_typed_form(client: Client) -> None:
    response = client.post(reverse("composer:card", args=["square"]), {"job": "Boulanger"})
    assert response.status_code == 200
    assert Image.open(io.BytesIO(response.content)).size == (1080, 1080)
    assert client.post(reverse("composer:card", args=["round"]), FORM).status_code == 400


def test_it_renders_the_preview_without_javascript(client: Client) -> None:
    response = client.post(reverse("composer:index"), {**FORM, "job": HOSTILE})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("data:image/png;base64,") >= 4  # two images, two download links
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "Ouvrir dans Mastodon" in html


# --- autocomplete -----------------------------------------------------------------------------


def test_it_suggests_places_from_built_in_data_without_an_index(client: Client) -> None:
    results = client.get(reverse("composer:suggest_places"), {"q": "lyo"}).json()["results"]
    assert results[0] == "Lyon (69)"
    assert client.get(reverse("composer:suggest_places"), {"q": "télé"}).json()["results"] == ["Télétravail"]
    assert "Rhône (69)" in client.get(reverse("composer:suggest_places"), {"q": "rhone"}).json()["results"]
    assert client.get(reverse("composer:suggest_jobs"), {"q": "compta"}).json()["results"] == []


def test_it_suggests_rome_jobs_and_all_communes_with_the_index(
    client: Client, settings, index_dir: Path
) -> None:
    settings.COLIBRI_REFDATA_DIR = index_dir
    jobs = client.get(reverse("composer:suggest_jobs"), {"q": "comptable"}).json()["results"]
    assert "Comptable" in jobs
    assert all("/" not in job for job in jobs)  # gendered forms are offered separately
    dev = client.get(reverse("composer:suggest_jobs"), {"q": "developpeuse"}).json()["results"]
    assert dev and all(job.startswith("Développeuse") for job in dev)
    places = client.get(reverse("composer:suggest_places"), {"q": "Vire"}).json()["results"]
    assert places[0].startswith("Vire")
    assert (
        "Saint-Étienne (42)"
        == client.get(reverse("composer:suggest_places"), {"q": "saint-eti"}).json()["results"][0]
    )
    assert suggest.has_job_referential() is True


# --- checker ----------------------------------------------------------------------------------


def understood(**overrides: object) -> TriageResult:
    fields: dict[str, object] = {
        "id": "verifier",
        "category": "seeker_request",
        "eligible": False,
        "needs_review": True,
        "confidence": 0.62,
        "job_title": "Comptable",
        "location": Location(commune="Lyon", departement="69"),
        "contract": ["CDI"],
        "profile_link": "https://www.linkedin.com/in/camille-exemple",
        "feedback": ["Ajoutez #PleaseRT au début de votre publication."],
        "reasons": ["Le mot-dièse #PleaseRT manque."],
    }
    fields.update(overrides)
    return TriageResult(**fields)  # type: ignore[arg-type]


@pytest.fixture
def fake_triage(monkeypatch: pytest.MonkeyPatch) -> list[Post]:
    seen: list[Post] = []

    def triage(post: Post, index: object = None) -> TriageResult:
        seen.append(post)
        return understood()

    monkeypatch.setattr(checker_module, "_triage_function", lambda: triage)
    return seen


def test_it_checks_a_pasted_post_and_proposes_a_fixed_version(
    client: Client, fake_triage: list[Post]
) -> None:
    before = row_counts()
    text = "Comptable à Lyon, je cherche un CDI https://www.linkedin.com/in/camille-exemple <b>"
    response = client.post(reverse("composer:checker"), {"text": text, "has_image": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert fake_triage[0].text == text and fake_triage[0].has_image is True
    assert "Ajoutez #PleaseRT au début de votre publication." in html
    assert "Le mot-dièse #PleaseRT manque." in html
    assert "vérifiera votre publication à la main" in html
    assert "(certitude : 62 %)" in html
    assert "#PleaseRT #Comptable #Lyon #i4EmploiR" in html  # the fixed version
    assert "/outils/?job=Comptable&amp;place=Lyon+%2869%29&amp;contract=CDI&amp;link=https" in html
    assert row_counts() == before


def test_it_checks_a_post_colibri_stored_by_its_uri(client: Client, fake_triage: list[Post]) -> None:
    author = relay_models.NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:abc", handle="camille.bsky.social", bio="#i4EmploiR"
    )
    post = relay_models.Post.objects.create(
        network="bluesky",
        uri="at://did:plc:abc/app.bsky.feed.post/3k",
        url="https://bsky.app/profile/camille.bsky.social/post/3k",
        author=author,
        text="#PleaseRT #Comptable #Lyon je cherche un CDI",
        has_image=True,
    )
    relay_models.Request.objects.create(post=post, status="relayed")
    for ref in (
        "at://did:plc:abc/app.bsky.feed.post/3k",
        "https://bsky.app/profile/camille.bsky.social/post/3k",
    ):
        response = client.post(reverse("composer:checker"), {"text": ref})
        assert "#PleaseRT #Comptable #Lyon je cherche un CDI" in response.content.decode()
    assert [p.text for p in fake_triage] == ["#PleaseRT #Comptable #Lyon je cherche un CDI"] * 2
    assert fake_triage[0].author_bio == "#i4EmploiR" and fake_triage[0].has_image is True


@pytest.mark.parametrize("status", ["rejected", "withdrawn", "needs_review", "erased", "outcome"])
def test_it_never_shows_the_text_of_a_post_not_relayed_now(
    client: Client, fake_triage: list[Post], status: str
) -> None:
    author = relay_models.NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:x", handle="x.bsky"
    )
    post = relay_models.Post.objects.create(
        network="bluesky", uri="at://did:plc:x/app.bsky.feed.post/1", author=author, text="Texte privé de Lou"
    )
    relay_models.Request.objects.create(post=post, status=status)
    html = client.post(reverse("composer:checker"), {"text": post.uri}).content.decode()
    assert "Texte privé de Lou" not in html and "collez plutôt son texte" in html
    assert fake_triage == []


def test_it_says_so_when_a_link_is_unknown(client: Client, fake_triage: list[Post]) -> None:
    response = client.post(reverse("composer:checker"), {"text": "https://bsky.app/profile/x/post/unknown"})
    assert "collez plutôt son texte" in response.content.decode()
    assert fake_triage == []


def test_it_degrades_clearly_when_the_triage_engine_is_missing(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checker_module, "_triage_function", lambda: None)
    response = client.post(reverse("composer:checker"), {"text": "#PleaseRT #Comptable"})
    assert response.status_code == 200
    assert "pas encore disponible" in response.content.decode()


def test_it_offers_no_fixed_version_for_a_job_offer(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    offer = understood(category="job_offer", eligible=False, needs_review=False, confidence=0.9)
    monkeypatch.setattr(checker_module, "_triage_function", lambda: lambda post, index=None: offer)
    html = client.post(
        reverse("composer:checker"), {"text": "Nous recrutons un comptable H/F"}
    ).content.decode()
    assert "Les offres d&#x27;emploi ne sont pas relayées" in html
    assert "Version proposée" not in html


def test_it_runs_the_real_triage_engine_when_present(client: Client) -> None:
    pytest.importorskip("colibri.core.triage")
    text = "#PleaseRT #Comptable #Lyon #i4EmploiR Je recherche un CDI https://www.linkedin.com/in/camille-exemple"
    response = client.post(reverse("composer:checker"), {"text": text, "has_image": "on"})
    assert response.status_code == 200
    assert 'class="cp-verdict' in response.content.decode()


# --- pre-filled composer link for the dashboard -----------------------------------------------


@pytest.mark.parametrize(
    ("location", "place"),
    [
        (Location(commune="Lyon", departement="69"), "Lyon (69)"),
        (Location(departement="2A"), "Corse-du-Sud (2A)"),
        (Location(region="Bretagne"), "Bretagne"),
        (Location(remote=True), "Télétravail"),
    ],
)
def test_it_builds_a_prefilled_composer_url(client: Client, settings, location: Location, place: str) -> None:
    settings.SITE_URL = "https://relais.example.org/"
    url = composer_url_for(understood(location=location, contract=["CDI", "CDD"]))
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://relais.example.org/outils/"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {
        "job": "Comptable",
        "place": place,
        "contract": "CDI ou CDD",
        "link": "https://www.linkedin.com/in/camille-exemple",
    }
    html = client.get(f"{parts.path}?{parts.query}").content.decode()
    assert 'value="Comptable"' in html and f'value="{place}"' in html
    assert re.search(r'value="CDI ou CDD"[^>]*checked', html)


def test_it_uses_the_collectives_hashtag_without_creating_settings(client: Client) -> None:
    assert not relay_models.CollectiveSettings.objects.exists()
    data = client.post(reverse("composer:preview"), FORM).json()
    assert data["posts"][0]["text"].startswith("#PleaseRT #Comptable #Lyon #i4EmploiR")
    assert not relay_models.CollectiveSettings.objects.exists()  # a public page writes nothing

    relay_models.CollectiveSettings.objects.create(pk=1, seeker_hashtag="#RelaisEmploiR")
    data = client.post(reverse("composer:preview"), FORM).json()
    assert all(p["text"].startswith("#PleaseRT #Comptable #Lyon #RelaisEmploiR") for p in data["posts"])
    assert data["alt"].endswith("#PleaseRT #RelaisEmploiR.")
    assert (
        "gardez #RelaisEmploiR dans la description" in client.get(reverse("composer:index")).content.decode()
    )


def test_it_answers_politely_when_the_engine_fails(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(post: Post, index: object = None) -> TriageResult:
        raise RuntimeError("boom")

    monkeypatch.setattr(checker_module, "_triage_function", lambda: broken)
    response = client.post(reverse("composer:checker"), {"text": "#PleaseRT #Comptable"})
    assert response.status_code == 200
    assert "a rencontré une erreur" in response.content.decode()


def test_it_proposes_a_reply_only_for_fixable_seeker_posts(settings) -> None:
    from colibri.cards.post import count_bluesky
    from colibri.composer.links import reply_for

    settings.SITE_URL = "https://relais.example.org"
    reply = reply_for(understood())
    assert reply is not None
    assert "Ajoutez #PleaseRT au début de votre publication." in reply
    assert "https://relais.example.org/outils/?job=Comptable" in reply
    assert count_bluesky(reply) <= 300
    long_tip = understood(feedback=["Ajoutez " + "un mot-dièse précis " * 20 + "."])
    assert count_bluesky(reply_for(long_tip) or "") <= 300
    assert reply_for(understood(category="job_offer")) is None
    assert reply_for(understood(category="internship_request")) is None
    assert reply_for(understood(eligible=True, needs_review=False, feedback=[])) is None


@pytest.fixture
def fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.mark.usefixtures("fresh_cache")
def test_it_refuses_cards_beyond_the_per_minute_limit_per_client(client: Client, settings) -> None:
    settings.COLIBRI_CARD_RENDERS_PER_MINUTE = 2
    url = reverse("composer:card", args=["square"])
    assert client.post(url, FORM, REMOTE_ADDR="203.0.113.7").status_code == 200
    assert client.post(url, FORM, REMOTE_ADDR="203.0.113.7").status_code == 200
    refused = client.post(url, FORM, REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "réessayez" in refused.content.decode().lower()
    # Another address is counted on its own.
    assert client.post(url, FORM, REMOTE_ADDR="198.51.100.9").status_code == 200


@pytest.mark.usefixtures("fresh_cache")
def test_it_counts_the_proxy_header_only_when_configured(client: Client, settings) -> None:
    settings.COLIBRI_CARD_RENDERS_PER_MINUTE = 1
    url = reverse("composer:card", args=["landscape"])
    # Not configured: a forged header does not give a client a new allowance.
    assert client.post(url, FORM, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="1.1.1.1").status_code == 200
    assert client.post(url, FORM, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="2.2.2.2").status_code == 429
    settings.COLIBRI_CLIENT_IP_HEADER = "X-Real-IP"
    assert client.post(url, FORM, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="3.3.3.3").status_code == 200
    assert client.post(url, FORM, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="3.3.3.3").status_code == 429


def test_it_opens_a_new_window_each_minute(rf, settings) -> None:
    from colibri.composer.throttle import take_render_slot

    settings.COLIBRI_CARD_RENDERS_PER_MINUTE = 1
    request = rf.post("/", REMOTE_ADDR="192.0.2.44")
    assert take_render_slot(request, now=6_000_000.0) == 0
    assert take_render_slot(request, now=6_000_030.0) == 31  # 30 s left in this minute, plus one
    assert take_render_slot(request, now=6_000_060.0) == 0


def test_it_can_be_turned_off(rf, settings) -> None:
    from colibri.composer.throttle import take_render_slot

    settings.COLIBRI_CARD_RENDERS_PER_MINUTE = 0
    request = rf.post("/", REMOTE_ADDR="192.0.2.45")
    assert all(take_render_slot(request) == 0 for _ in range(500))


# --- i18n: the pages are French because the catalog says so, not because the code does ----------


def script_messages(html: str) -> dict:
    import json

    match = re.search(r'<script id="cp-messages" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the composer page must give composer.js its texts"
    return json.loads(match.group(1))


def test_it_gives_the_script_its_texts_in_french_by_default(client: Client) -> None:
    messages = script_messages(client.get(reverse("composer:index")).content.decode())
    assert messages["updating"] == "Mise à jour de l'aperçu…"
    assert messages["skill_count"][0] == "0 compétence (de 3 à 8)"
    assert messages["skill_count"][1] == "1 compétence (de 3 à 8)"
    assert messages["skill_count"][4] == "4 compétences (de 3 à 8)"
    assert len(messages["skill_count"]) == 10  # 0..8, then one "too many" label the script reuses


def test_it_speaks_english_when_english_is_active(rf, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import translation

    from colibri.composer import views

    # The view is called directly: LocaleMiddleware would switch back to the collective's French.
    with translation.override("en"):
        html = views.index(rf.get(reverse("composer:index"))).content.decode()
        warnings = views._warnings(
            [views.render_card(views.CardInput.build(job="Comptable " * 30, place="Lyon"), "landscape")], []
        )
        offer = understood(category="job_offer", eligible=False, needs_review=False, confidence=0.9)
        monkeypatch.setattr(checker_module, "_triage_function", lambda: lambda post, index=None: offer)
        outcome = checker_module.check_post("Nous recrutons un comptable H/F")
    assert "Nothing is saved." in html and "Rien n&#x27;est enregistré" not in html
    assert "Job wanted" in html and "Poste recherché" not in html
    assert "Landscape 1200 × 675" in html
    messages = script_messages(html)
    assert messages["updating"] == "Updating the preview…"
    assert messages["skill_count"][:3] == ["0 skills (3 to 8)", "1 skill (3 to 8)", "2 skills (3 to 8)"]
    assert warnings == ["Too long for the card, cut with “…”: job. Shorten it so that everything shows."]
    assert outcome.category_label == "Job offer"
    assert outcome.verdict.startswith("Job offers are not relayed")


def test_it_names_the_collectives_own_hashtags_in_checker_advice_and_fixed_version(client: Client) -> None:
    relay_models.CollectiveSettings.objects.create(
        pk=1,
        seeker_hashtag="EmploiSolidaire",
        tracked_hashtags=["MerciDeRT"],
        eligible_contracts=["CDI", "CDD"],
    )
    text = "Je recherche un CDI de comptable à Lyon"
    html = client.post(reverse("composer:checker"), {"text": text}).content.decode()
    assert "#MerciDeRT" in html and "#EmploiSolidaire" in html
    assert "#PleaseRT" not in html and "#i4EmploiR" not in html
    data = client.post(reverse("composer:preview"), FORM).json()
    assert "#MerciDeRT" in " ".join(str(v) for v in data.values())
    assert "#PleaseRT" not in str(data)
