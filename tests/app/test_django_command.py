"""`colibri django …` passes through to Django's management commands with the settings every other
subcommand reads (./.env, generated secrets, the same database)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from colibri.cli import main


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "DATABASE_URL", "COLIBRI_", "SECRET_KEY", "DJANGO_", "TIME_ZONE"))
    }
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _django(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "colibri.cli", "django", *args],
        cwd=tmp_path,
        env=_env(tmp_path),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        # No controlling terminal: getpass (changepassword) reads the typed password from stdin.
        start_new_session=True,
    )


def test_it_runs_djangos_commands_with_the_settings_of_every_subcommand(tmp_path: Path) -> None:
    var = tmp_path / "var"
    (tmp_path / ".env").write_text(f"COLIBRI_VAR_DIR={var}\nTIME_ZONE=Pacific/Auckland\n", encoding="utf-8")
    migrated = _django(tmp_path, "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    assert (var / "colibri.sqlite3").is_file() and (var / "secret_key").is_file()

    shown = _django(
        tmp_path,
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'], settings.TIME_ZONE)",
    )
    assert shown.returncode == 0, shown.stderr
    last = shown.stdout.strip().splitlines()[-1]  # after Django's "N objects imported automatically"
    assert last.split() == [str(var / "colibri.sqlite3"), "Pacific/Auckland"]

    created = subprocess.run(
        [sys.executable, "-m", "colibri.cli", "createuser", "zoe", "--role", "member"],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    new_password = "a-new-long-passphrase-42"
    changed = _django(tmp_path, "changepassword", "zoe", stdin=f"{new_password}\n{new_password}\n")
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert "zoe" in changed.stdout
    # Login throttling (django-axes) needs the request to know the client's address.
    check = (
        "from django.contrib.auth import authenticate; from django.test import RequestFactory; "
        "login = RequestFactory().post('/connexion/'); "
        f"print(authenticate(login, username='zoe', password='{new_password}') is not None)"
    )
    assert _django(tmp_path, "shell", "-c", check).stdout.strip().splitlines()[-1] == "True"

    counted = _django(tmp_path, "dbshell", stdin="SELECT username FROM auth_user;\n")
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout.split() == ["zoe"]

    helped = _django(tmp_path, "help", "makemessages")
    assert helped.returncode == 0 and "colibri django makemessages" in helped.stdout
    unknown = _django(tmp_path, "no-such-command")
    assert unknown.returncode == 1 and "Unknown command: 'no-such-command'" in unknown.stderr


def test_it_returns_djangos_exit_code_in_process(capsys: Any) -> None:
    # Checks that read no database: Django's commands close every connection when they end (a test's
    # included), and the model checks open one on SQLite.
    assert main(["django", "check", "--tag", "urls", "--fail-level", "ERROR"]) == 0
    assert "no issues" in capsys.readouterr().out
    assert main(["django", "check", "--deploy", "--tag", "security", "--fail-level", "WARNING"]) == 1
    assert "security.W" in capsys.readouterr().err
    assert main(["django", "no-such-command"]) == 1
    assert "Unknown command" in capsys.readouterr().err
