"""`bench/triage_accuracy.py --file PATH`: extra labelled sets (a blind set written by someone else)."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest


def _row(id_: str, text: str, category: str, dep: str | None) -> dict[str, Any]:
    seeker = category == "seeker_request"
    return {
        "id": id_,
        "network": "bluesky",
        "text": text,
        "author_bio": "",
        "has_image": False,
        "label": {
            "category": category,
            "eligible": seeker,
            "departement": dep,
            "region": None,
            "remote": False,
            "job_title": None,
            "rome_code": None,
            "contract": ["CDI"],
        },
        "split": "blind",
    }


def test_it_scores_each_extra_file_apart_without_printing_its_texts(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Ids that the corpus uses too: another writer's file must not be scored with the corpus's verdicts.
    rows = [
        _row(
            "c0001",
            "Comptable, je cherche un poste en CDI à Lyon. Merci ! #PleaseRT #i4EmploiR",
            "seeker_request",
            "69",
        ),
        _row(
            "c0002", "Nous recrutons un comptable H/F en CDI à Lyon, postulez ici #emploi", "job_offer", "69"
        ),
    ]
    blind = tmp_path / "blind.jsonl"
    blind.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")

    assert bench.main(["--no-index", "--file", str(blind)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()

    headline = json.loads(
        next(line for line in lines if line.startswith(f"file:{blind}: ")).split(": ", 1)[1]
    )
    assert headline["n"] == 2
    assert headline["eligibility_accuracy"] == 1.0
    assert headline["job_offer_recall"] == 1.0
    assert headline["auto_precision"] == 1.0 and headline["auto_coverage"] == 1.0
    assert "Comptable, je cherche" not in out and "Nous recrutons un comptable" not in out
    last = json.loads(lines[-1])  # the line other tools read: still the held-out split's
    assert {"auto_precision", "auto_coverage", "review_rate", "eligibility_accuracy"} <= set(last)
    assert last["n"] == 216
