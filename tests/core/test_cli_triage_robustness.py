"""`colibri triage` on hostile input (issue 17): one bad line never costs the rest, output stays JSON."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COLIBRI = REPO / ".venv" / "bin" / "colibri"
GOOD = json.dumps({"id": "ok", "text": "#PleaseRT #Comptable #Lyon #i4EmploiR je cherche un CDI"})


def triage(stdin: bytes, *args: str, tmp_path: Path, **kw: object) -> subprocess.CompletedProcess[bytes]:
    # An empty index directory: the built-in data answers, nothing is built (fast, no shared data needed).
    env = {**os.environ, "COLIBRI_REFDATA_DIR": str(tmp_path)}
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(COLIBRI), "triage", *args], input=stdin, timeout=120, env=env, **kw
    )


def verdicts(proc: subprocess.CompletedProcess[bytes]) -> list[dict[str, object]]:
    # Strict JSON: NaN or Infinity in the output would make this raise.
    def strict(name: str) -> object:
        raise AssertionError(f"{name} in the output")

    return [json.loads(line, parse_constant=strict) for line in proc.stdout.decode().splitlines()]


def test_it_keeps_the_rest_of_the_file_after_a_line_of_200000_brackets(tmp_path: Path) -> None:
    proc = triage(("[" * 200000 + "\n" + GOOD + "\n").encode(), tmp_path=tmp_path)
    out = verdicts(proc)
    assert [o["id"] for o in out] == [1, "ok"]
    assert out[0]["error"] == "line 1: nested too deeply" and out[1]["category"] == "seeker_request"
    assert proc.returncode == 3 and b"Traceback" not in proc.stderr


@pytest.mark.parametrize("ident", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_it_never_writes_nan_or_infinity(tmp_path: Path, ident: str) -> None:
    line = '{"id": ' + ident + ', "text": "#PleaseRT #Comptable #i4EmploiR"}'
    proc = triage((line + "\n" + GOOD + "\n").encode(), tmp_path=tmp_path)
    out = verdicts(proc)
    assert out[0]["id"] == 1 and "error" in out[0]
    assert out[1]["id"] == "ok" and proc.returncode == 3


def test_it_reads_line_one_after_a_byte_order_mark(tmp_path: Path) -> None:
    proc = triage(b"\xef\xbb\xbf" + GOOD.encode() + b"\n", tmp_path=tmp_path)
    assert [o["id"] for o in verdicts(proc)] == ["ok"] and proc.returncode == 0


def test_it_gives_a_per_line_error_for_invalid_utf8(tmp_path: Path) -> None:
    src = tmp_path / "posts.jsonl"
    src.write_bytes(b'{"id": "x", "text": "caf\xe9"}\n' + GOOD.encode() + b"\n")
    proc = triage(b"", str(src), tmp_path=tmp_path)
    out = verdicts(proc)
    assert "utf-8" in str(out[0]["error"]) and out[1]["id"] == "ok"
    assert proc.returncode == 3


def test_it_exits_zero_only_when_every_line_was_triaged(tmp_path: Path) -> None:
    assert triage(((GOOD + "\n") * 3).encode(), tmp_path=tmp_path).returncode == 0


def test_it_names_a_write_error_as_such(tmp_path: Path) -> None:
    with open("/dev/full", "wb") as full:
        proc = triage((GOOD + "\n").encode(), tmp_path=tmp_path, stdout=full, stderr=subprocess.PIPE)
    assert proc.returncode == 1
    assert b"cannot write the verdicts" in proc.stderr and b"cannot read" not in proc.stderr


def test_it_ends_quietly_when_the_reader_closes_the_pipe(tmp_path: Path) -> None:
    # `colibri triage | head -n 1`: the reader goes away after one line.
    env = {**os.environ, "COLIBRI_REFDATA_DIR": str(tmp_path)}
    producer = subprocess.Popen(
        [str(COLIBRI), "triage"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    head = subprocess.Popen(["head", "-n", "1"], stdin=producer.stdout, stdout=subprocess.PIPE)
    assert producer.stdout is not None and producer.stdin is not None
    producer.stdout.close()  # only head reads it now
    stdin = producer.stdin

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError):
            stdin.write(((GOOD + "\n") * 20000).encode())
            stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    first, _ = head.communicate(timeout=120)
    err = producer.stderr.read() if producer.stderr else b""
    producer.wait(timeout=120)
    writer.join(timeout=120)
    assert json.loads(first)["id"] == "ok"
    assert err == b"", err.decode()
    assert producer.returncode == 128 + signal.SIGPIPE
