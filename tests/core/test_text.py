"""Normalisation: folding, the collective's hashtags and their look-alikes, camelCase."""

from __future__ import annotations

import pytest

from colibri.core.parse import parse_post
from colibri.core.text import (
    clean,
    fold,
    fold_key,
    is_member_tag,
    is_seeker_tag,
    normalize_hashtag,
    split_camel,
)


@pytest.mark.parametrize(
    "tag",
    ["#i4EmploiR", "#i4emploir", "#I4EmploiR", "#i4emploi_R", "#i4EmploisR", "#14EmploiR", "#I4EMPLOIR",
     "#i4Empl0iR", "#i4\u200bEmploiR", "#і4EmploiR", "＃i4EmploiR"],
)  # fmt: skip
def test_it_recognises_every_spelling_of_the_seeker_hashtag(tag: str) -> None:
    parsed = parse_post(f"Je cherche un CDI {tag} merci")
    assert len(parsed.hashtags) == 1
    assert is_seeker_tag(parsed.hashtags[0].raw)
    assert not is_member_tag(parsed.hashtags[0].raw)


@pytest.mark.parametrize("tag", ["#i4emploi", "#I4Emploi", "#14emploi", "#i4_emploi"])
def test_it_tells_the_member_hashtag_from_the_seeker_one(tag: str) -> None:
    assert is_member_tag(tag)
    assert not is_seeker_tag(tag)


@pytest.mark.parametrize(
    "tag", ["#emploi", "#i4", "#EmploiR", "#i5EmploiR", "#RechercheEmploi", "#i4EmploiRecherche"]
)
def test_it_does_not_mistake_other_hashtags_for_the_collective(tag: str) -> None:
    assert not is_seeker_tag(tag)
    assert not is_member_tag(tag)


def test_it_honours_a_configured_seeker_hashtag() -> None:
    assert is_seeker_tag("#j8JobR", seeker_tag="#j8JobR")
    assert not is_seeker_tag("#i4EmploiR", seeker_tag="#j8JobR")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("ChargéeDeCommunication", "Chargée de communication"),
        ("AssistantRH", "Assistant RH"),
        ("Assistant_RH", "Assistant RH"),
        ("DéveloppeuseWeb", "Développeuse web"),
        ("ResponsableDAchats", "Responsable d'achats"),
        ("Comptable", "Comptable"),
    ],
)
def test_it_splits_camel_case_hashtags_into_words(body: str, words: str) -> None:
    assert split_camel(body) == words


def test_it_folds_case_accents_and_look_alike_letters_without_moving_positions() -> None:
    text = clean("Chargée ÉTÉ à Sаint-Étienne")  # the first "а" of Saint is Cyrillic
    folded = fold(text)
    assert folded == "chargee ete a saint-etienne"
    assert len(folded) == len(text)


def test_it_removes_invisible_characters_and_styled_letters() -> None:
    assert clean("Comp\u200btable") == "Comptable"
    assert clean("𝗖𝗼𝗺𝗽𝘁𝗮𝗯𝗹𝗲") == "Comptable"
    assert clean("a\x00b") == "a b"


def test_it_gives_one_key_for_all_spellings_of_a_place() -> None:
    assert normalize_hashtag("#Saint_Étienne") == normalize_hashtag("#SaintEtienne") == "saintetienne"
    assert fold_key("Saint-Étienne") == fold_key("saint etienne") == "saint etienne"
    assert fold_key("Île-de-France") == "ile de france"
