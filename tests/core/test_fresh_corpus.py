"""The fresh held-out file (tests/data/triage_fresh.jsonl) and how the accuracy bench reports it.

The fresh split is a second, later measure of generalisation: it was written and labelled by the
collective's rules before the engine ever ran on it, and nobody tunes on it. These tests check that
it is well-formed and consistent with the official reference data. They deliberately set no
accuracy floor on it: a floor would turn it into one more thing to tune against.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from colibri.core.types import CATEGORIES

REPO = Path(__file__).resolve().parents[2]
FRESH = REPO / "tests" / "data" / "triage_fresh.jsonl"
CORPUS = REPO / "tests" / "data" / "triage_corpus.jsonl"
OVERSEAS = {"971", "972", "973", "974", "976"}
ROW_KEYS = {"id", "network", "text", "author_bio", "has_image", "label", "split"}
LABEL_KEYS = {"category", "eligible", "departement", "region", "remote", "job_title", "rome_code", "contract"}


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def fresh() -> list[dict[str, Any]]:
    return _load(FRESH)


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return _load(CORPUS)


# --- the file ------------------------------------------------------------------------------------


def test_it_is_one_well_formed_fresh_post_per_line() -> None:
    lines = FRESH.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 220
    for number, line in enumerate(lines, start=1):
        row = json.loads(line)
        assert ROW_KEYS <= set(row) <= ROW_KEYS | {"pair", "note"}, number
        assert re.fullmatch(r"f\d{4}", row["id"]), number
        assert row["split"] == "fresh", number
        assert row["network"] in {"x", "bluesky", "mastodon"}, number
        assert isinstance(row["text"], str) and row["text"].strip(), number
        assert isinstance(row["author_bio"], str) and isinstance(row["has_image"], bool), number
        label = row["label"]
        assert set(label) == LABEL_KEYS, number
        assert label["category"] in CATEGORIES, number
        assert isinstance(label["remote"], bool), number
        assert isinstance(label["contract"], list) and set(label["contract"]) <= {"CDI", "CDD"}, number


def test_it_marks_only_fresh_seeker_requests_eligible(fresh: list[dict[str, Any]]) -> None:
    for row in fresh:
        label = row["label"]
        assert label["eligible"] == (label["category"] == "seeker_request"), row["id"]


def test_it_shares_no_id_or_text_with_the_main_corpus(
    fresh: list[dict[str, Any]], corpus: list[dict[str, Any]]
) -> None:
    ids = [r["id"] for r in fresh]
    assert len(set(ids)) == len(ids)
    assert len({r["text"] for r in fresh}) == len(fresh)
    assert not set(ids) & {r["id"] for r in corpus}
    assert not {r["text"] for r in fresh} & {r["text"] for r in corpus}


def test_it_holds_every_category_in_a_realistic_mix(fresh: list[dict[str, Any]]) -> None:
    counts = Counter(r["label"]["category"] for r in fresh)
    assert set(counts) == set(CATEGORIES)
    intended = {
        "seeker_request": 0.45,
        "job_offer": 0.15,
        "internship_request": 0.12,
        "freelance": 0.10,
        "other": 0.18,
    }
    for category, target in intended.items():
        assert abs(counts[category] / len(fresh) - target) <= 0.04, (category, counts[category])


def test_it_names_every_region_and_overseas_departement_of_the_cog(
    fresh: list[dict[str, Any]], official_cog: tuple[dict[str, str], set[str]]
) -> None:
    _deps, regions = official_cog
    assert regions <= {r["label"]["region"] for r in fresh}
    assert {r["label"]["departement"] for r in fresh} >= OVERSEAS


def test_it_labels_fresh_places_consistently_with_the_cog(
    fresh: list[dict[str, Any]], official_cog: tuple[dict[str, str], set[str]]
) -> None:
    deps, regions = official_cog
    for row in fresh:
        label = row["label"]
        if label["departement"] is not None:
            assert label["departement"] in deps, row["id"]
            assert label["region"] == deps[label["departement"]], row["id"]
        if label["region"] is not None:
            assert label["region"] in regions, row["id"]
        if label["category"] == "other":
            # nothing to extract from a post that is not a request
            assert label["departement"] is label["region"] is label["rome_code"] is label["job_title"] is None
            assert label["remote"] is False and label["contract"] == [], row["id"]


def test_it_uses_fresh_codes_from_the_official_rome(
    fresh: list[dict[str, Any]], official_rome_codes: set[str]
) -> None:
    codes = official_rome_codes
    labelled = [r for r in fresh if r["label"]["rome_code"]]
    assert len(labelled) >= len(fresh) // 2
    for row in labelled:
        assert row["label"]["rome_code"] in codes, row["id"]
        assert row["label"]["job_title"], row["id"]  # a code only when the post names a job


def test_it_pairs_fresh_twins_that_one_word_sets_apart(fresh: list[dict[str, Any]]) -> None:
    pairs: dict[str, list[dict[str, Any]]] = {}
    for row in fresh:
        if "pair" in row:
            pairs.setdefault(row["pair"], []).append(row)
    assert len(pairs) >= 8
    for name, rows in pairs.items():
        assert len(rows) == 2, name
        assert rows[0]["label"]["category"] != rows[1]["label"]["category"], name


# --- the bench reports it --------------------------------------------------------------------------


def _perfect(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": r["id"],
            "category": r["label"]["category"],
            "eligible": r["label"]["eligible"],
            "rome_code": r["label"]["rome_code"],
            "location": {"departement": r["label"]["departement"], "remote": r["label"]["remote"]},
        }
        for r in rows
    ]


def test_it_prints_the_fresh_headline_just_before_the_held_out_one(
    fresh: list[dict[str, Any]],
    corpus: list[dict[str, Any]],
    bench: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    preds = _perfect(corpus + fresh)
    wrong = next(p for p in preds if p["id"].startswith("f") and p["category"] == "job_offer")
    wrong.update(category="seeker_request", eligible=True)  # one relayed offer in the fresh split
    out = tmp_path / "preds.jsonl"
    out.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")

    assert bench.main(["--predictions", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()

    heldout = json.loads(lines[-1])  # the line other tools read stays the held-out object, unchanged
    assert heldout == {
        "eligibility_accuracy": 1.0,
        "job_offer_recall": 1.0,
        "macro_f1": 1.0,
        "departement_accuracy": 1.0,
        "rome_accuracy": 1.0,
        "auto_precision": 1.0,
        "auto_coverage": 1.0,
        "review_rate": 0.0,
        "n": sum(r["split"] == "heldout" for r in corpus),
    }
    assert lines[-2].startswith("fresh: ")
    headline = json.loads(lines[-2].removeprefix("fresh: "))
    offers = sum(r["label"]["category"] == "job_offer" for r in fresh)
    assert headline["n"] == len(fresh)
    assert headline["job_offer_recall"] == round((offers - 1) / offers, 4)
    assert headline["eligibility_accuracy"] == round((len(fresh) - 1) / len(fresh), 4)
    # the relayed offer was approved without a human: one wrong auto-approval among the requests + it
    seekers = sum(r["label"]["category"] == "seeker_request" for r in fresh)
    assert headline["auto_precision"] == round(seekers / (seekers + 1), 4)
    assert lines[-3].startswith("dev / heldout / fresh: ")
    # the fresh error is listed by id and categories, never by its text
    assert f"  {wrong['id']}  job_offer -> seeker_request" in lines
    text = next(r["text"] for r in fresh if r["id"] == wrong["id"])
    assert text[:40] not in "\n".join(lines)


def test_it_does_not_score_fresh_posts_missing_from_a_predictions_file(
    corpus: list[dict[str, Any]], bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "preds.jsonl"
    out.write_text("".join(json.dumps(p) + "\n" for p in _perfect(corpus)), encoding="utf-8")
    assert bench.main(["--predictions", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert json.loads(lines[-1])["macro_f1"] == 1.0
    assert json.loads(lines[-2].removeprefix("fresh: "))["macro_f1"] is None
    assert any("not scored" in line for line in lines)
