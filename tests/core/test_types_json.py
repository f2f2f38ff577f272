"""`TriageResult.to_json()` is written out by hand for speed: it must stay what `asdict` gives."""

from __future__ import annotations

from dataclasses import asdict

from colibri.core.triage import Triager
from colibri.core.types import Location, Post, TriageResult


def test_it_gives_what_asdict_gives_key_for_key(triager: Triager) -> None:
    posts = [
        "#PleaseRT #Comptable #Lyon #i4EmploiR Je cherche un CDI de comptable à Lyon https://linkedin.com/in/x",
        "Nous recrutons un cariste H/F en CDD à Metz, postulez ! #emploi",
        "Je recherche une alternance en BTS à Nantes #alternance",
    ]
    for i, text in enumerate(posts):
        result = triager.triage(Post(id=str(i), text=text, has_image=True))
        data = result.to_json()
        assert list(data) == list(asdict(result))
        assert data == asdict(result)


def test_it_copies_the_lists_so_the_output_can_be_changed_freely() -> None:
    result = TriageResult(
        id="1",
        category="seeker_request",
        eligible=True,
        needs_review=False,
        confidence=0.9,
        location=Location(commune="Lyon", departement="69"),
        contract=["CDI"],
        hashtags=["#Lyon"],
    )
    before = result.to_json()
    data = result.to_json()
    data["contract"].append("CDD")
    data["hashtags"].clear()
    data["location"]["commune"] = "Metz"
    assert result.to_json() == before
    assert result.contract == ["CDI"] and result.location.commune == "Lyon"
