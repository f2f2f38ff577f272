"""`colibri triage`: the JSON-lines contract other tools score."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLIBRI = REPO / ".venv" / "bin" / "colibri"
KEYS = {"id", "category", "eligible", "needs_review", "confidence", "job_title", "rome_code", "location",
        "contract", "links", "feedback", "reasons", "auto_approvable"}  # fmt: skip


def run(stdin: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COLIBRI), "triage", *args], input=stdin, capture_output=True, text=True, timeout=120,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_it_answers_each_line_in_order_and_reports_malformed_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "a",
                "network": "x",
                "text": "#PleaseRT #Comptable #Lyon #i4EmploiR je cherche un CDI",
                "author_bio": "#i4EmploiR",
                "has_image": True,
            }
        ),
        "{this is not json",
        json.dumps({"id": "c", "network": "bluesky", "text": 42}),
        "",
        json.dumps(
            {"id": 7, "network": "mastodon", "text": "Nous recrutons un comptable H/F", "author_bio": None}
        ),
    ]
    proc = run("\n".join(lines) + "\n", env={"COLIBRI_REFDATA_DIR": str(tmp_path)})
    assert proc.returncode == 3  # complete output, but some lines failed
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c", 7]
    assert set(out[0]) == KEYS
    assert out[0]["category"] == "seeker_request" and out[0]["eligible"] is True
    assert set(out[0]["location"]) >= {"commune", "departement", "region"}
    assert out[0]["location"]["departement"] == "69"
    assert "error" in out[1] and "error" in out[2]
    assert out[3]["category"] == "job_offer" and out[3]["eligible"] is False
    assert "line 2" in proc.stderr and "line 3" in proc.stderr


def test_it_reads_a_file_and_uses_an_imported_index(tmp_path: Path, index_dir: Path) -> None:
    src = tmp_path / "posts.jsonl"
    src.write_text(json.dumps({"id": "1", "text": "#PleaseRT #Comptable #Villeurbanne #i4EmploiR"}) + "\n")
    proc = subprocess.run([str(COLIBRI), "triage", str(src), "--index", str(index_dir)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    out = json.loads(proc.stdout)
    assert out["rome_code"] == "M1203"
    assert out["location"]["commune"] == "Villeurbanne"


def test_it_fails_cleanly_when_the_input_cannot_be_read(tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(COLIBRI), "triage", str(tmp_path / "missing.jsonl")], capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert "cannot read" in proc.stderr


def test_it_builds_the_default_index_once_from_the_official_files(tmp_path: Path, shared_data: Path) -> None:
    # Only the install step was run: no index yet at the default place (var/refdata under COLIBRI_VAR_DIR).
    env = {k: v for k, v in os.environ.items() if k != "COLIBRI_REFDATA_DIR"}
    env["COLIBRI_VAR_DIR"] = str(tmp_path)
    post = json.dumps({"id": "1", "text": "#PleaseRT #Comptable #Villeurbanne #i4EmploiR"}) + "\n"
    first = subprocess.run([str(COLIBRI), "triage"], input=post, env=env, capture_output=True, text=True,
                           timeout=120)  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "refdata" / "index.json").is_file()
    assert "refdata" in first.stderr  # said once, on stderr: stdout stays the JSON contract
    assert json.loads(first.stdout)["rome_code"] == "M1203"
    again = subprocess.run([str(COLIBRI), "triage"], input=post, env=env, capture_output=True, text=True,
                           timeout=120)  # fmt: skip
    assert again.stderr == "" and again.stdout == first.stdout


def test_it_leaves_an_explicitly_chosen_index_directory_alone(tmp_path: Path) -> None:
    post = json.dumps({"id": "1", "text": "#PleaseRT #Comptable #Villeurbanne #i4EmploiR"}) + "\n"
    proc = run(post, env={"COLIBRI_REFDATA_DIR": str(tmp_path)})
    assert proc.returncode == 0 and not any(tmp_path.iterdir())
    assert json.loads(proc.stdout)["rome_code"] is None
