"""Post texts per network: the collective's format, each network's way of counting, the limits."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from colibri.cards import CardInput, alt_text, compose_all, compose_post
from colibri.cards.post import (
    LIMITS,
    camel_hashtag,
    count_bluesky,
    count_mastodon,
    count_x,
    graphemes,
    hashtag_line,
    intent_url,
    normalise_instance,
)

LINK = "https://www.linkedin.com/in/camille-martin-123"


def card(**overrides: object) -> CardInput:
    fields: dict[str, object] = {
        "job": "Comptable",
        "place": "Lyon (69)",
        "contract": "CDI",
        "skills": ["Paie", "Bilan", "Sage 100"],
        "experience_years": 8,
        "availability": "immédiatement",
        "pitch": "Rigoureuse et curieuse, je cherche une PME qui grandit.",
        "link": LINK,
    }
    fields.update(overrides)
    return CardInput.build(**fields)  # type: ignore[arg-type]


def test_it_writes_the_collectives_format() -> None:
    text = compose_post(card(), "bluesky").text
    lines = text.split("\n")
    assert lines[0] == "#PleaseRT #Comptable #Lyon #i4EmploiR"
    assert "Je recherche un poste de Comptable en CDI, secteur Lyon (69)." in text
    assert "8 ans d'expérience. Disponible immédiatement." in text
    assert "Rigoureuse et curieuse" in text
    assert lines[-1] == LINK


def test_it_camel_cases_job_and_place_hashtags() -> None:
    assert camel_hashtag("Chargée de communication") == "#ChargéeDeCommunication"
    assert camel_hashtag("Chargé d'affaires B2B") == "#ChargéDAffairesB2B"
    assert camel_hashtag("Responsable RH") == "#ResponsableRH"
    assert camel_hashtag("  ") == ""
    assert hashtag_line(card(place="Saint-Étienne (42)")) == "#PleaseRT #Comptable #SaintÉtienne #i4EmploiR"
    assert hashtag_line(card(place="télétravail")) == "#PleaseRT #Comptable #Télétravail #i4EmploiR"


def test_it_counts_graphemes_not_code_points() -> None:
    assert len(graphemes("e\u0301")) == 1  # e + combining acute
    assert len(graphemes("👩🏽‍💻")) == 1  # ZWJ sequence with a skin tone
    assert len(graphemes("🇫🇷🇧🇪")) == 2  # two flags
    assert len(graphemes("1️⃣")) == 1  # keycap
    assert count_bluesky("Café 👩🏽‍💻 🇫🇷") == 8


def test_it_counts_links_as_each_network_does() -> None:
    url = "https://www.linkedin.com/in/" + "a" * 120
    text = f"Bonjour {url}"
    assert count_bluesky(text) == 8 + len(url)  # Bluesky: as written
    assert count_mastodon(text) == 8 + 23
    assert count_x(text) == 8 + 23
    assert count_mastodon(f"({url}).") == 1 + 23 + 2  # trailing punctuation is not part of the link


def test_it_weighs_x_characters_like_twitter_text() -> None:
    assert count_x("abc é") == 5
    assert count_x("日本語") == 6  # CJK weighs 2
    assert count_x("🚀") == 2
    assert count_x("👩🏽‍💻") == 2  # one emoji sequence weighs 2 whatever its code points
    assert count_x("“ok” — oui") == 10  # quotes and dashes (U+2010–201F) weigh 1
    assert count_x("…") == 2  # but U+2026 is outside the light ranges


@pytest.mark.parametrize("network", ["bluesky", "mastodon", "x"])
def test_it_shortens_the_pitch_and_never_the_hashtags_or_link(network: str) -> None:
    long = card(pitch=" ".join(["Passionnée par les chiffres justes et les équipes soudées."] * 3))
    draft = compose_post(long, network)
    assert draft.count <= LIMITS[network]
    assert draft.text.startswith("#PleaseRT #Comptable #Lyon #i4EmploiR")
    assert draft.text.endswith(LINK)
    if draft.shortened:
        assert "…" in draft.text
    full = compose_post(card(pitch=long.pitch), network)
    assert full.text == draft.text  # same input, same text


def test_it_shortens_for_x_what_fits_mastodon() -> None:
    pitch = "Dix ans de paie multi-conventions, des clôtures sans retard et une passion : simplifier. " * 2
    drafts = {d.network: d for d in compose_all(card(pitch=pitch.strip()))}
    assert drafts["mastodon"].shortened is False and pitch.strip() in drafts["mastodon"].text
    assert drafts["x"].shortened is True and drafts["x"].count <= 280
    assert drafts["bluesky"].shortened is True and drafts["bluesky"].count <= 300


def test_it_counts_a_long_link_fully_on_bluesky_only() -> None:
    link = "https://www.linkedin.com/in/" + "prenom-nom-" * 14
    drafts = {
        d.network: d
        for d in compose_all(card(link=link, pitch="Une phrase de présentation assez longue pour compter."))
    }
    assert drafts["bluesky"].count == count_bluesky(drafts["bluesky"].text) <= 300
    assert drafts["bluesky"].text.endswith(link)
    assert drafts["mastodon"].shortened is False
    assert drafts["bluesky"].shortened is True


@settings(max_examples=60, deadline=None, database=None)
@given(
    job=st.text(min_size=1, max_size=90),
    place=st.text(max_size=90),
    pitch=st.text(max_size=160),
    slug=st.from_regex(r"[a-z0-9-]{1,120}", fullmatch=True),
)
def test_it_always_fits_every_network_with_form_sized_input(
    job: str, place: str, pitch: str, slug: str
) -> None:
    link = f"https://www.linkedin.com/in/{slug}"
    c = CardInput.build(job=job, place=place, contract="CDD", pitch=pitch, link=link, skills=["a", "b", "c"])
    for draft in compose_all(c):
        assert draft.count <= draft.limit, draft.text
        assert draft.text.startswith(hashtag_line(c))
        assert draft.text.endswith(link)


def test_it_builds_compose_intent_urls_with_the_text_filled() -> None:
    drafts = {d.network: d for d in compose_all(card(), instance="piaille.fr")}
    expected = {
        "bluesky": ("bsky.app", "/intent/compose"),
        "mastodon": ("piaille.fr", "/share"),
        "x": ("x.com", "/intent/post"),
    }
    for network, (host, path) in expected.items():
        parts = urlsplit(drafts[network].intent_url)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", host, path)
        assert parse_qs(parts.query)["text"] == [drafts[network].text]


@pytest.mark.parametrize(
    ("typed", "host"),
    [
        ("piaille.fr", "piaille.fr"),
        ("https://Mastodon.Social/@moi", "mastodon.social"),
        ("@moi@framapiaf.org", "framapiaf.org"),
        ("javascript:alert(1)", "mastodon.social"),
        ("evil.example/x?y", "evil.example"),
        ("", "mastodon.social"),
        ("pas une instance", "mastodon.social"),
    ],
)
def test_it_accepts_only_a_host_name_as_mastodon_instance(typed: str, host: str) -> None:
    assert normalise_instance(typed) == host
    assert urlsplit(intent_url("mastodon", "t", typed)).netloc == host


def test_it_describes_the_card_in_french_alt_text() -> None:
    c = card(skills=["Paie", "Bilan", "Sage 100"])
    alt = alt_text(c)
    assert alt.startswith("Carte de compétences : recherche d'emploi comme Comptable en CDI, à Lyon (69).")
    assert "Compétences : Paie, Bilan, Sage 100." in alt
    assert "8 ans d'expérience. Disponible immédiatement." in alt
    assert "« Rigoureuse et curieuse" in alt
    assert "linkedin.com/in/camille-martin-123" in alt
    assert alt.endswith("#PleaseRT #i4EmploiR.")
    assert "en télétravail" in alt_text(card(place="Télétravail"))
    assert len(alt_text(card(skills=["x" * 70] * 8, pitch="y" * 160, job="z" * 90))) <= 1000


@pytest.mark.parametrize(
    ("job", "place", "contract"),
    [("Comptable", "Lyon (69)", "CDI"), ("Chargée de communication", "Télétravail", "CDD")],
)
def test_it_writes_texts_the_triage_engine_reads_back(job: str, place: str, contract: str) -> None:
    engine = pytest.importorskip("colibri.core.triage")
    from colibri.core.types import Post

    c = card(job=job, place=place, contract=contract)
    for draft in compose_all(c):
        result = engine.triage(Post(id=draft.network, text=draft.text, network=draft.network, has_image=True))
        assert result.category == "seeker_request" and result.eligible, (draft.network, result.reasons)
        assert result.job_title == job
        assert result.contract == [contract]
        assert result.profile_link == LINK
        if place == "Télétravail":
            assert result.location.remote is True
        else:
            assert result.location.commune == "Lyon"


def test_it_describes_only_what_the_card_draws() -> None:
    alt = alt_text(card(skills=["Réseaux sociais 🚀", "Paie", "Bilan"], pitch="Motivée ! 👩🏽‍💻 Prête."))
    assert "🚀" not in alt and "👩" not in alt
    assert "Compétences : Réseaux sociais, Paie, Bilan." in alt
    assert "« Motivée ! Prête »." in alt
