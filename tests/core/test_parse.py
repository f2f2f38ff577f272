"""The parser: links, profile link, mentions, e-mails, phones, hashtags."""

from __future__ import annotations

from colibri.core.parse import is_profile_link, normalize_url, parse_post


def test_it_normalises_linkedin_links_and_puts_the_profile_first() -> None:
    parsed = parse_post(
        "Mon portfolio https://exemple.fr/travaux/?utm_source=x&page=2 et mon profil "
        "fr.linkedin.com/in/marie-dupont/?originalSubdomain=fr."
    )
    assert parsed.profile_link == "https://www.linkedin.com/in/marie-dupont"
    assert parsed.urls == ["https://www.linkedin.com/in/marie-dupont", "https://exemple.fr/travaux?page=2"]


def test_it_accepts_viadeo_and_lnkd_in_as_profile_links() -> None:
    assert is_profile_link(normalize_url("http://www.viadeo.com/fr/profile/jean.martin"))
    assert is_profile_link(normalize_url("lnkd.in/abc123"))
    assert not is_profile_link(normalize_url("https://www.linkedin.com/company/acme"))


def test_it_extracts_mentions_emails_and_french_phone_numbers() -> None:
    parsed = parse_post(
        "Contact : jean.dupont@gmail.com ou 06 12 34 56 78 / +33 6 98 76 54 32, merci @i4emploi et "
        "@alice@mastodon.social"
    )
    assert parsed.emails == ["jean.dupont@gmail.com"]
    assert parsed.phones == ["0612345678", "33698765432"]
    assert "i4emploi" in parsed.mentions
    assert "alice@mastodon.social" in parsed.mentions
    assert "gmail.com" not in " ".join(parsed.mentions)


def test_it_ignores_anchors_inside_links_and_keeps_positions_of_hashtags() -> None:
    text = "Voir https://site.fr/page#section puis #Comptable"
    parsed = parse_post(text)
    assert [h.raw for h in parsed.hashtags] == ["#Comptable"]
    h = parsed.hashtags[0]
    assert parsed.text[h.start : h.end] == "#Comptable"


def test_it_maps_cue_positions_back_to_the_words_as_written() -> None:
    parsed = parse_post("Je  recherche\nun  #CDI à Lyon")
    cue = parsed.cue_text()
    assert "je recherche un cdi a lyon" in cue
    start = cue.index("recherche un cdi")
    assert " ".join(parsed.cue_span(start, start + len("recherche un cdi")).split()) == "recherche un #CDI"
