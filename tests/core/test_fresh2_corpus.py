"""The third never-tuned file (tests/data/triage_fresh2.jsonl), written for issue 14.

Written and labelled by the collective's rules before the engine ran on it, to measure automatic
approval honestly. Like the fresh split it gets no accuracy floor here (a floor is something to
tune against): these tests only check that it is well-formed and agrees with the reference data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from colibri.core.types import CATEGORIES

REPO = Path(__file__).resolve().parents[2]
FILES = {
    name: REPO / "tests" / "data" / f"{name}.jsonl"
    for name in ("triage_corpus", "triage_fresh", "triage_fresh2")
}
LABEL_KEYS = {"category", "eligible", "departement", "region", "remote", "job_title", "rome_code", "contract"}


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def fresh2() -> list[dict[str, Any]]:
    return _load(FILES["triage_fresh2"])


def test_it_holds_well_formed_rows_with_the_eligibility_rule(fresh2: list[dict[str, Any]]) -> None:
    assert len(fresh2) >= 60
    for row in fresh2:
        label = row["label"]
        assert row["split"] == "fresh2" and row["id"].startswith("g"), row["id"]
        assert set(label) == LABEL_KEYS, row["id"]
        assert label["category"] in CATEGORIES, row["id"]
        assert label["eligible"] == (label["category"] == "seeker_request"), row["id"]
        assert set(label["contract"]) <= {"CDI", "CDD"}, row["id"]
        if label["category"] == "other":
            assert label["departement"] is None and label["rome_code"] is None, row["id"]
    assert {r["label"]["category"] for r in fresh2} == set(CATEGORIES)


def test_it_shares_no_id_or_text_with_the_other_files(fresh2: list[dict[str, Any]]) -> None:
    others = _load(FILES["triage_corpus"]) + _load(FILES["triage_fresh"])
    ids = [r["id"] for r in fresh2]
    assert len(ids) == len(set(ids))
    assert not set(ids) & {r["id"] for r in others}
    assert not {r["text"] for r in fresh2} & {r["text"] for r in others}


def test_it_uses_official_cog_and_rome_codes(
    fresh2: list[dict[str, Any]], official_cog: tuple[dict[str, str], set[str]], official_rome_codes: set[str]
) -> None:
    dep_region, regions = official_cog
    for row in fresh2:
        label = row["label"]
        if label["departement"]:
            assert dep_region[label["departement"]] == label["region"], row["id"]
        elif label["region"]:
            assert label["region"] in regions, row["id"]
        if label["rome_code"]:
            assert label["rome_code"] in official_rome_codes, row["id"]
