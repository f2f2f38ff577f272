"""What triage must get right before a request is approved without a human (issue 14).

Each phenomenon has dev-split posts in tests/data/triage_corpus.jsonl (c0809-c0829); these tests
pin the behaviour the auto-approval relies on: eligible *and* not needing review means relayed.
"""

from __future__ import annotations

import pytest

from colibri.core.parse import parse_post
from colibri.core.triage import Triager, TriageSettings
from colibri.core.types import Post


def _t(triager: Triager, text: str, bio: str = "") -> object:
    return triager.triage(Post(id="t", text=text, author_bio=bio))


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, je cherche un poste de comptable en alternance à Lyon pour la rentrée #PleaseRT #i4EmploiR",
        "#PleaseRT Looking for a work-study position as a web developer in Paris #i4EmploiR",
        "Seeking an apprenticeship in plumbing around Lille, thanks for sharing! #i4EmploiR",
        "Je recherche une PMSMP de deux semaines en boulangerie à Rennes #i4EmploiR",
    ],
    ids=["alternance", "work-study", "apprenticeship", "pmsmp"],
)
def test_it_reads_alternance_apprenticeship_and_immersion_as_internship_requests(
    triager: Triager, text: str
) -> None:
    result = triager.triage(Post(id="t", text=text))
    assert result.category == "internship_request"
    assert not result.eligible


def test_it_sends_a_cdi_or_alternance_request_to_review(triager: Triager) -> None:
    result = triager.triage(
        Post(
            id="t",
            text="Je recherche un CDI ou une alternance de développeur web à Nantes #PleaseRT #i4EmploiR",
        )
    )
    assert result.needs_review
    assert any("alternance" in r for r in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "#PleaseRT #i4EmploiR merci !",
        "Ma fille de 19 ans cherche un emploi de vendeuse à Toulouse, CDD ou CDI #PleaseRT #i4EmploiR",
        "Je cherche un job d'été à Biarritz, serveur ou plongeur #PleaseRT #i4EmploiR",
    ],
    ids=["tags-and-thanks", "parent-for-child", "summer-job"],
)
def test_it_sends_doubtful_requests_to_review(triager: Triager, text: str) -> None:
    assert triager.triage(Post(id="t", text=text)).needs_review


def test_it_leaves_a_clear_request_out_of_review(triager: Triager) -> None:
    result = triager.triage(
        Post(id="t", text="Je recherche un CDI de comptable à Lyon, 8 ans d'expérience #PleaseRT #i4EmploiR")
    )
    assert result.eligible and not result.needs_review


@pytest.mark.parametrize(
    ("text", "departement", "commune"),
    [
        ("Je recherche un CDI de comptable sur Marseil #PleaseRT #i4EmploiR", "13", "Marseille"),
        ("Je recherche un poste d'infirmière à Montpelier #PleaseRT #i4EmploiR", "34", "Montpellier"),
        ("#PleaseRT Je cherche un CDI de magasinier à Strasbourgh #i4EmploiR", "67", "Strasbourg"),
        ("Je recherche un CDI d'assistante de direction sur Tours et alentours #i4EmploiR", "37", "Tours"),
        ("Je recherche un CDI de secrétaire au Havre #PleaseRT #i4EmploiR", "76", "Le Havre"),
    ],
)
def test_it_resolves_misspelt_and_contracted_places(
    triager: Triager, text: str, departement: str, commune: str
) -> None:
    location = triager.triage(Post(id="t", text=text)).location
    assert (location.departement, location.commune) == (departement, commune)


def test_it_never_calls_a_request_with_no_place_eligible_without_review(triager: Triager) -> None:
    result = triager.triage(
        Post(id="t", text="Je recherche un CDI de comptable à Xyzzyville #PleaseRT #i4EmploiR")
    )
    assert result.eligible
    assert result.location.departement is None
    assert result.needs_review
    assert any("aucun lieu" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("text", "commune"),
    [
        ("Je recherche un CDD de secrétaire médicale au Tampon #PleaseRT #i4EmploiR", "Le Tampon"),
        ("Cariste, je recherche un CDI au Port (974) #PleaseRT #i4EmploiR", "Le Port"),
        (
            "Je cherche un emploi d'agent d'entretien à Saint-André #Réunion #PleaseRT #i4EmploiR",
            "Saint-André",
        ),
        ("Je cherche un poste d'aide à domicile à Saint-Benoît #PleaseRT #i4EmploiR", "Saint-Benoît"),
    ],
)
def test_it_finds_the_reunion_commune_a_post_names(triager: Triager, text: str, commune: str) -> None:
    location = triager.triage(Post(id="t", text=text)).location
    assert (location.departement, location.commune) == ("974", commune)


def test_it_takes_the_job_hashtag_not_the_method(triager: Triager) -> None:
    result = triager.triage(
        Post(
            id="t",
            text="#PleaseRT #ProductOwner certifié PSPO, 6 ans en scrum, je cherche un CDI #Lyon #i4EmploiR",
        )
    )
    assert result.job_title is not None and result.job_title.lower() == "product owner"


def test_it_never_suggests_a_departement_number_as_place_hashtag(triager: Triager) -> None:
    result = triager.triage(
        Post(id="t", text="#PleaseRT je cherche un CDI de comptable dans le 21 #i4EmploiR")
    )
    assert result.location.departement == "21"
    place_advice = [f for f in result.feedback if "la ville ou le département" in f]
    assert place_advice and "#21" not in place_advice[0]
    assert "#CôteDOr" in place_advice[0]


@pytest.mark.parametrize(
    "text",
    [
        "Je rejoins le collectif #i4emploi pour aider à relayer les demandes !",
        "Nouveau membre du collectif #i4emploi 👋 je partagerai vos demandes chaque soir",
        "J'AI SIGNÉ 🎉 merci au collectif #i4emploi et à tous ceux qui ont partagé #i4EmploiR",
    ],
    ids=["joining", "new-member", "hired"],
)
def test_it_keeps_posts_about_the_collective_out_of_offers_and_review(triager: Triager, text: str) -> None:
    result = triager.triage(Post(id="t", text=text))
    assert result.category == "other"
    assert not result.needs_review


def test_it_reads_a_viadeo_p_link_as_a_profile() -> None:
    parsed = parse_post("Mon profil : https://fr.viadeo.com/p/jean-dupont-1234 #i4EmploiR")
    assert parsed.profile_link == "https://www.viadeo.com/p/jean-dupont-1234"


def test_it_uses_the_configured_hashtags_in_feedback_and_bio_check(triager: Triager) -> None:
    custom = Triager(
        index=triager.index,
        settings=TriageSettings(
            seeker_tag="#EmploiSolidaire", member_tag="#Solidaires", relay_tag="#MerciDeRT"
        ),
    )
    text = "Je recherche un CDI de comptable à Lyon #EmploiSolidaire"
    bare = custom.triage(Post(id="t", text=text)).feedback
    assert any("#MerciDeRT" in f for f in bare)
    assert not any("#PleaseRT" in f or "#i4EmploiR" in f for f in bare)
    assert any("#EmploiSolidaire dans votre bio" in f for f in bare)
    # A bio holding the configured tag (no "4" in it) is read: no advice to add it there.
    with_bio = custom.triage(
        Post(id="t", text=text + " #MerciDeRT", author_bio="Comptable #EmploiSolidaire")
    ).feedback
    assert not any("bio" in f for f in with_bio)
    assert not any("#MerciDeRT" in f for f in with_bio)


# --- the auto-approval decision -----------------------------------------------------------------


def test_it_auto_approves_exactly_the_eligible_posts_nobody_needs_to_check(triager: Triager) -> None:
    texts = [
        "Je recherche un CDI de comptable à Lyon, 8 ans d'expérience #PleaseRT #i4EmploiR",
        "Je recherche un CDI ou une alternance de développeur web à Nantes #PleaseRT #i4EmploiR",
        "Nous recrutons un comptable H/F en CDI à Lyon, postulez ici #i4EmploiR",
        "Je cherche un poste de comptable en alternance à Lyon #PleaseRT #i4EmploiR",
    ]
    results = [triager.triage(Post(id=str(i), text=t)) for i, t in enumerate(texts)]
    assert [r.auto_approvable for r in results] == [True, False, False, False]
    for r in results:
        assert r.auto_approvable == (r.eligible and not r.needs_review)
        assert r.to_json()["auto_approvable"] == r.auto_approvable


def test_it_sends_to_review_what_the_second_opinion_doubts(triager: Triager) -> None:
    from colibri.core.second_opinion import SecondOpinion

    text = "Je recherche un CDI de comptable à Lyon, 8 ans d'expérience #PleaseRT #i4EmploiR"
    doubting = SecondOpinion(weights={"comptable": -50.0}, bias=0.0, threshold=0.5)
    sceptic = Triager(index=triager.index, second_opinion=doubting)
    result = sceptic.triage(Post(id="t", text=text))
    assert result.eligible and result.needs_review and not result.auto_approvable
    assert any("second avis" in r for r in result.reasons)
    alone = Triager(index=triager.index, second_opinion=False).triage(Post(id="t", text=text))
    assert alone.auto_approvable


def test_it_ships_a_second_opinion_that_agrees_with_clear_requests_and_doubts_offers() -> None:
    from colibri.core.second_opinion import load_default

    model = load_default()
    assert model is not None
    request = parse_post(
        "Je recherche un CDI de comptable à Lyon, merci pour vos partages #i4EmploiR"
    ).cue_text()
    offer = parse_post("Nous recrutons un comptable H/F en CDI, postulez sur notre site").cue_text()
    assert model.probability(request) > model.threshold > model.probability(offer)


def test_it_reports_calibrated_confidence_in_the_same_order_as_the_raw_one(triager: Triager) -> None:
    from colibri.core.second_opinion import load_calibration

    table = load_calibration()
    assert table is not None
    assert list(table.values) == sorted(table.values) and table.edges[0] == 0.0
    raw = Triager(index=triager.index, calibration=False)
    texts = [
        "Je recherche un CDI de comptable à Lyon #PleaseRT #i4EmploiR",
        "#PleaseRT #i4EmploiR merci !",
        "bonne journée à tous",
    ]
    for text in texts:
        post = Post(id="t", text=text)
        assert triager.triage(post).confidence == table(raw.triage(post).confidence)


def test_it_never_auto_approves_a_post_in_alternance_that_a_seeker_bio_outweighs(triager: Triager) -> None:
    # Found wiring the app's auto-approval: the bio's "en recherche d'emploi" tipped this to eligible.
    text = (
        "#PleaseRT Je recherche un poste de #Comptable en alternance sur #Lyon, BTS CG en septembre. "
        "Mon profil : https://www.linkedin.com/in/marie-dupont #i4EmploiR"
    )
    result = triager.triage(Post(id="t", text=text, author_bio="Comptable en recherche d'emploi #i4EmploiR"))
    assert not result.auto_approvable
    assert result.needs_review or not result.eligible
