"""Stops that survive how people type: letter slips in the request verb, dropped « ne », new request
forms and verbs (bench/perturb_stops.py, tests/data/README.md, issue 16)."""

from __future__ import annotations

import pytest

from colibri.core.replies import classify_reply
from colibri.core.reply_typos import fix_typos, spelled_back


@pytest.mark.parametrize(
    "text",
    [
        "Pas trouvé mais arrêez de relayer svp",  # a letter dropped
        "Merci de déublier mon annonce",
        "Oui j'ai trouvé, mais merci de ne plus me reccontacter.",  # a letter doubled
        "Mon ex-employeur est tombé sur votre relais. Merci de l'enleevr au plus vite.",  # two swapped
        "Non toujours rien, vous pouvez arêrter de partager mon profil",
    ],
)
def test_it_reads_a_request_verb_typed_with_one_letter_off(text: str) -> None:
    assert classify_reply(text).intent == "stop"


@pytest.mark.parametrize(
    "twin",
    [
        "je n'ai pas retirré ma candidature",
        "ils ont supprimmé le poste",
        "je dois retiirer de l'argent",
    ],
)
def test_it_reads_a_misspelt_twin_as_its_spelling_not_as_a_typo_stop(twin: str) -> None:
    # A typo reads as the word it misspells: whatever keeps the right spelling from being a request keeps
    # the misspelling out too (the stop by default may still read it, never the typo reader).
    reading = classify_reply(twin)
    assert not reading.reasons[0].startswith("faute de frappe")
    assert reading.intent == classify_reply(fix_typos(twin)).intent


def test_it_spells_back_only_one_slip_away_and_not_a_replaced_letter() -> None:
    assert spelled_back("arrêez") == "arretez"
    assert spelled_back("dpéublier") == "depublier"
    assert spelled_back("casser") is None  # « cesser » with a letter replaced: another word
    assert spelled_back("retirez") is None  # spelled right already
    assert spelled_back("relais") is None  # read by the lexicon's stems already


@pytest.mark.parametrize(
    "text",
    [
        "Non toujours pas, mais merci de plus repartager mon message.",
        "non toujours pas trouvé, mais merci de plus partager, j'ai des doutes",
        "Je préfère kon en reste là, merci.",
    ],
)
def test_it_reads_a_stop_typed_without_its_ne_or_in_sms(text: str) -> None:
    assert classify_reply(text).intent == "stop"


@pytest.mark.parametrize(
    "text",
    [
        "Je vous remercie de supprimer son CV.",
        "je vous serais reconnaissant de retirer ma candidature.",
        "En fait je préfère rester discrète, merci de ôter.",
        "Vous pouvez ôter, merci",
        "toujours au chômage mais stp masque mon nom de ta page",
    ],
)
def test_it_reads_request_forms_and_verbs_the_lexicon_lacked(text: str) -> None:
    assert classify_reply(text).intent == "stop"


@pytest.mark.parametrize(
    "text",
    [
        "Non toujours pas, merci de continuer à partager",
        "Merci de relayer mon annonce, je cherche toujours",
    ],
)
def test_it_still_reads_a_request_to_go_on_as_no_stop(text: str) -> None:
    assert classify_reply(text).intent != "stop"
