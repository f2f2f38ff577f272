"""`colibri replies classify`: the JSON-lines contract other tools score."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLIBRI = REPO / ".venv" / "bin" / "colibri"


def run(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COLIBRI), "replies", "classify", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_it_answers_each_line_in_order_with_intent_and_reasons() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Merci, j'ai signé un CDI !"}),
        json.dumps({"id": 2, "text": "stpo"}),
        "",
        json.dumps({"id": "c", "text": "pas encore 😢"}),
        json.dumps({"id": "d", "text": "Bonne soirée"}),
    ]
    proc = run("\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 2, "c", "d"]
    assert [o["intent"] for o in out] == ["hired", "stop", "searching", "other"]
    assert all(set(o) == {"id", "intent", "reasons"} and o["reasons"] for o in out)


def test_it_reports_malformed_lines_and_exits_non_zero_without_losing_the_others(tmp_path: Path) -> None:
    src = tmp_path / "answers.jsonl"
    src.write_text(
        "{not json\n"
        + json.dumps({"id": "b", "text": 42})
        + "\n"
        + json.dumps({"id": "c", "text": "non merci"})
        + "\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [str(COLIBRI), "replies", "classify", str(src)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, "b", "c"]
    assert "error" in out[0] and "error" in out[1]
    assert out[2]["intent"] == "stop"
    assert "line 1" in proc.stderr and "line 2" in proc.stderr


def test_it_fails_in_one_line_on_a_missing_file(tmp_path: Path) -> None:
    proc = run("", str(tmp_path / "absent.jsonl"))
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "absent.jsonl" in proc.stderr
