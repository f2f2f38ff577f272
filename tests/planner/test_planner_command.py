"""`colibri plan`: JSON instance in, explained plan out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from colibri.cli import main

INSTANCE = {
    "now": "2026-11-26T08:00:00+01:00",
    "slots": ["2026-11-26T09:00:00+01:00", "2026-11-26T18:00:00+01:00", "2026-11-26T21:00:00+01:00"],
    "config": {"min_reach": 3, "exposure_cap": 2},
    "followers": {"f1": {"region": "Bretagne"}, "f2": {"region": "Bretagne"}, "f3": {"family": "M"}},
    "requests": [
        {
            "id": "comptable-lyon",
            "waiting_since": "2026-11-24T10:00:00+01:00",
            "region": "Auvergne-Rhône-Alpes",
        },
        {
            "id": "dev-rennes",
            "waiting_since": "2026-11-25T10:00:00+01:00",
            "region": "Bretagne",
            "job_family": "M1805",
        },
    ],
    "members": [
        {"id": "alice", "followers": ["f1", "f2", "f4", "f5"], "budget_day": 2},
        {"id": "bob", "followers": ["f3", "f4", "f6"], "quiet_hours": ["17:00", "08:30"]},
        {"id": "chloe", "follower_count": 5000, "regions": ["Occitanie"]},
    ],
    "excluded": [["dev-rennes", "bob"]],
}


def write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_it_prints_the_plan_as_json_with_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", write(tmp_path, INSTANCE)]) == 0
    out = json.loads(capsys.readouterr().out)
    pairs = [(a["request_id"], a["member_id"]) for a in out["assignments"]]
    assert pairs[0] == ("comptable-lyon", "bob")  # oldest first, smallest audience reaching the minimum
    assert ("dev-rennes", "bob") not in pairs  # excluded by a coordinator
    assert all(a["member_id"] != "chloe" for a in out["assignments"])  # relays Occitanie only
    bob = [a for a in out["assignments"] if a["member_id"] == "bob"]
    assert bob and all(a["slot"] == "2026-11-26T09:00:00+01:00" for a in bob)  # quiet 17:00-08:30
    rennes = [a for a in out["assignments"] if a["request_id"] == "dev-rennes"]
    assert "dont 2 en Bretagne" in rennes[0]["explanation_fr"]
    assert out["total_reach"] == sum(r["reach"] for r in out["reach_by_request"].values())


def test_it_prints_one_french_line_per_relay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--text", write(tmp_path, INSTANCE)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("09:00  bob → comptable-lyon : +3 abonnés nouveaux ; priorité équité")
    assert lines[-1].startswith("Portée totale :")


def test_it_fails_cleanly_on_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["plan", str(bad)]) == 1
    assert "JSON invalide" in capsys.readouterr().err
    assert main(["plan", write(tmp_path, {**INSTANCE, "config": {"cap": 3}})]) == 1
    assert "réglages inconnus : cap" in capsys.readouterr().err
    assert main(["plan", write(tmp_path, {**INSTANCE, "now": "2026-11-26T08:00:00"})]) == 1
    assert "sans fuseau horaire" in capsys.readouterr().err
