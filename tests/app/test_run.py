"""`colibri run`: one command starts web + worker + ingest; Ctrl-C stops every child."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat_line = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may contain spaces, so split after the last ')'.
        if int(stat_line.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_http_200(url: str, proc: subprocess.Popen[str], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "colibri run exited early"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local test server)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered 200")


def _start(isolated_env, port: int, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "colibri.cli", "run", "--port", str(port), "--no-data", *extra],
        env=isolated_env.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_it_starts_everything_and_stops_every_child_on_ctrl_c(isolated_env, stream_writer) -> None:
    stream = isolated_env.var / "stream.jsonl"
    stream_writer(stream, 15)
    isolated_env.env.update({"COLIBRI_REPLAY_FILE": str(stream), "COLIBRI_REPLAY_INTERVAL": "0.05"})
    port = _free_port()
    login = f"http://127.0.0.1:{port}{reverse('login')}"
    proc = _start(isolated_env, port)
    try:
        _wait_http_200(login, proc)
        deadline = time.monotonic() + 60
        count = 0
        while time.monotonic() < deadline and count < 15:
            count = isolated_env.sql("SELECT COUNT(*) FROM relay_request")[0][0]
            time.sleep(0.2)
        assert count == 15, "the ingest child should fill the database"
        children = _children(proc.pid)
        assert len(children) == 4  # web, worker, dispatch, ingest
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out
    assert not [pid for pid in children if _alive(pid)], "a child outlived colibri run"
    password_lines = [line for line in out.splitlines() if "coordinateur" in line and "mot de passe" in line]
    assert len(password_lines) == 1 and len(password_lines[0].rsplit(" ", 1)[1]) >= 12
    # Also kept in a file only its owner reads, and the output says where.
    kept = isolated_env.var / "coordinator-password.txt"
    assert str(kept) in out and stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert password_lines[0].rsplit(" ", 1)[1] in kept.read_text()
    for name in ("secret_key", "credentials_key"):
        mode = stat.S_IMODE(os.stat(isolated_env.var / name).st_mode)
        assert mode == 0o600, (name, oct(mode))
    assert (isolated_env.var / "static").is_dir()

    # Second start: same secrets, no new coordinator password; SIGTERM also stops cleanly.
    secret = (isolated_env.var / "secret_key").read_text()
    proc = _start(isolated_env, port, "--no-ingest", "--no-worker")
    try:
        _wait_http_200(login, proc)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out
    assert "mot de passe" not in out
    assert (isolated_env.var / "secret_key").read_text() == secret


def test_it_fails_with_one_line_when_the_port_is_taken(isolated_env) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = isolated_env.colibri("run", "--port", str(port), "--no-data", timeout=60)
    assert result.returncode == 1
    err = result.stderr.strip()
    assert err.startswith("colibri run:") and str(port) in err and len(err.splitlines()) == 1


def test_it_documents_every_setting_in_env_example() -> None:
    import re

    repo = Path(__file__).resolve().parent.parent.parent
    names = set(
        re.findall(
            r'env(?:str|bool|int|float|list|choice|url|timezone)\("([A-Z0-9_]+)"',
            (repo / "colibri/settings.py").read_text(),
        )
    )
    documented = set(re.findall(r"^# ?([A-Z0-9_]+)=", (repo / ".env.example").read_text(), re.M))
    assert names, "settings.py should read environment variables"
    assert sorted(names - documented) == []


def test_it_reads_a_dotenv_file_without_overriding_the_environment(tmp_path, monkeypatch) -> None:
    from colibri import envfile

    env_file = tmp_path / ".env"
    env_file.write_text(
        "# comment\nCOLIBRI_T_A=1  # the first\nexport COLIBRI_T_B='two words # not a comment'\n"
        'COLIBRI_T_C=file\nCOLIBRI_T_D="${COLIBRI_T_A}/x"\n'
    )
    monkeypatch.setenv("COLIBRI_T_C", "env")
    for name in ("COLIBRI_T_A", "COLIBRI_T_B", "COLIBRI_T_D"):
        monkeypatch.setenv(name, "")  # recorded, so monkeypatch removes what load() sets
        monkeypatch.delenv(name)
    assert envfile.load(env_file) == ["COLIBRI_T_A", "COLIBRI_T_B", "COLIBRI_T_D"]
    assert [os.environ[f"COLIBRI_T_{x}"] for x in "ABCD"] == ["1", "two words # not a comment", "env", "1/x"]
    assert envfile.load(tmp_path / "missing.env") == []


@pytest.mark.django_db
def test_it_has_a_migration_for_every_model_change() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:
        raise AssertionError(f"models and migrations disagree:\n{out.getvalue()}") from exc


@pytest.mark.django_db
def test_it_creates_the_first_coordinator_only_when_there_is_none(make_user, capsys) -> None:
    from django.contrib.auth import authenticate

    from colibri.commands.run import first_coordinator

    make_user("moderator")  # an account made before the first start is not a coordinator
    created = first_coordinator()
    assert created is not None and created[0] == "coordinateur"
    assert authenticate(username="coordinateur", password=created[1]) is not None
    assert first_coordinator() is None
