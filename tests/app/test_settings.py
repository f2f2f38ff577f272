"""Strict settings: a value a setting cannot take stops start-up with one line naming the variable;
the known fallback SECRET_KEY only in tests and DEBUG; a default install still starts."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from colibri.envvars import SettingError, envbool, envchoice, envfloat, envint, envtimezone, envurl
from tests.settings_env import read_settings

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"DEBUG": "ture"}, "DEBUG"),
        ({"COLIBRI_RETENTION_DAYS": "abc"}, "COLIBRI_RETENTION_DAYS"),
        ({"COLIBRI_RETENTION_DAYS": "0"}, "COLIBRI_RETENTION_DAYS"),
        ({"DATABASE_URL": "mysql://colibri:hunter2@db.example/colibri"}, "DATABASE_URL"),
        ({"DATABASE_URL": "/var/lib/colibri.sqlite3"}, "DATABASE_URL"),
        ({"DATABASE_CONN_MAX_AGE": "-1"}, "DATABASE_CONN_MAX_AGE"),
        ({"DATABASE_CONN_MAX_AGE": "forever"}, "DATABASE_CONN_MAX_AGE"),
        ({"COLIBRI_REPLAY_INTERVAL": "fast"}, "COLIBRI_REPLAY_INTERVAL"),
        ({"COLIBRI_DISPATCH_BACKOFF_BASE": "nan"}, "COLIBRI_DISPATCH_BACKOFF_BASE"),
        ({"TIME_ZONE": "Europe/Pariss"}, "TIME_ZONE"),
        ({"LANGUAGE_CODE": "de"}, "LANGUAGE_CODE"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"BLUESKY_FIREHOSE_URL": "https://bsky.network"}, "BLUESKY_FIREHOSE_URL"),
        ({"SITE_URL": "colibri.example.org"}, "SITE_URL"),
        ({"SECRET_KEY_FILE": "/nonexistent/colibri-secret"}, "SECRET_KEY_FILE"),
    ],
)
def test_it_refuses_a_value_its_setting_cannot_take_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], name: str
) -> None:
    with pytest.raises(SettingError) as caught:
        read_settings(monkeypatch, **env)
    assert caught.value.name == name
    message = str(caught.value)
    assert message.startswith(f"{name}=") and "\n" not in message
    assert "hunter2" not in message  # a database password is never shown


def test_it_reads_good_values_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    s = read_settings(
        monkeypatch,
        DEBUG="Yes",
        COLIBRI_RETENTION_DAYS=" 30 ",
        DATABASE_URL="postgres://u:p@db.example:5433/colibri",
        TIME_ZONE="Pacific/Auckland",
        LOG_LEVEL="warning",
    )
    assert s.DEBUG is True and s.COLIBRI_RETENTION_DAYS == 30 and s.LOG_LEVELS
    assert s.DATABASES["default"]["NAME"] == "colibri" and s.DATABASES["default"]["PORT"] == 5433
    assert s.TIME_ZONE == "Pacific/Auckland" and s.LOGGING["root"]["level"] == "WARNING"
    d = read_settings(monkeypatch)
    assert d.DEBUG is False and d.COLIBRI_RETENTION_DAYS == 180 and d.TIME_ZONE == "Europe/Paris"
    assert d.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_it_keeps_database_connections_between_requests_checking_them_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pg = "postgres://u@db.example:5432/colibri"
    kept = read_settings(monkeypatch, DATABASE_URL=pg).DATABASES["default"]
    assert kept["CONN_MAX_AGE"] == 60 and kept["CONN_HEALTH_CHECKS"] is True
    each = read_settings(monkeypatch, DATABASE_URL=pg, DATABASE_CONN_MAX_AGE="0").DATABASES["default"]
    assert each["CONN_MAX_AGE"] == 0 and each["CONN_HEALTH_CHECKS"] is False


def test_it_reads_each_kind_of_value_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in (("on", True), ("OFF", False), ("0", False), ("", True)):
        monkeypatch.setenv("COLIBRI_T", value)
        assert envbool("COLIBRI_T", True) is expected
    monkeypatch.setenv("COLIBRI_T", "-3")
    assert envint("COLIBRI_T", 1) == -3
    with pytest.raises(SettingError, match="at least 0"):
        envint("COLIBRI_T", 1, minimum=0)
    monkeypatch.setenv("COLIBRI_T", "2.5")
    assert envfloat("COLIBRI_T", 1.0) == 2.5
    with pytest.raises(SettingError, match="whole number"):
        envint("COLIBRI_T", 1)
    monkeypatch.setenv("COLIBRI_T", "inf")
    with pytest.raises(SettingError, match="finite"):
        envfloat("COLIBRI_T", 1.0)
    monkeypatch.setenv("COLIBRI_T", "b")
    assert envchoice("COLIBRI_T", "a", ("a", "b")) == "b"
    with pytest.raises(SettingError, match="one of A, B"):
        envchoice("COLIBRI_T", "A", ("A", "B"))  # "b" is not "B" unless upper=True
    monkeypatch.setenv("COLIBRI_T", "wss://relay.example/")
    assert envurl("COLIBRI_T", "", schemes=("wss",)) == "wss://relay.example"
    monkeypatch.setenv("COLIBRI_T", "Mars/Olympus")
    with pytest.raises(SettingError, match="IANA"):
        envtimezone("COLIBRI_T", "UTC")


def test_it_keeps_the_known_secret_key_for_tests_and_debug_only(monkeypatch: pytest.MonkeyPatch) -> None:
    insecure = "insecure-only-for-tests-and-checks"
    assert read_settings(monkeypatch).SECRET_KEY == insecure  # this test session
    assert read_settings(monkeypatch, tests=False, DEBUG="1").SECRET_KEY == insecure
    assert read_settings(monkeypatch, tests=False).SECRET_KEY == ""  # Django refuses an empty key
    assert read_settings(monkeypatch, tests=False, SECRET_KEY=insecure).SECRET_KEY == ""  # named: same
    assert read_settings(monkeypatch, tests=False, SECRET_KEY="s3cr3t-" * 8).SECRET_KEY == "s3cr3t-" * 8


def _clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A process that is not a test (no PYTEST_*), on a var folder of its own, no secret set."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "COLIBRI_", "BLUESKY_", "DATABASE_URL", "SECRET_KEY", "DEBUG"))
    }
    env.update(COLIBRI_VAR_DIR=str(tmp_path / "var"), PYTHONUNBUFFERED="1", **extra)
    return env


def _colibri(env: dict[str, str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "colibri.cli", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _python(env: dict[str, str], code: str, *, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DEBUG", "ture"), ("COLIBRI_RETENTION_DAYS", "abc"), ("DATABASE_URL", "mysql://u:pw@db/colibri")],
)
def test_it_stops_a_command_with_one_line_naming_the_bad_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    result = _colibri(
        _clean_env(tmp_path, **{variable: value}), "createuser", "zoe", "--role", "member", cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"colibri createuser: {variable}=") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and "pw@" not in result.stderr


def test_it_refuses_to_serve_without_a_secret_key_outside_tests(tmp_path: Path) -> None:
    env = _clean_env(tmp_path, DJANGO_SETTINGS_MODULE="colibri.settings")
    result = _python(env, "import colibri.wsgi", cwd=tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr.strip().splitlines()[-1]
    served = _python({**env, "DEBUG": "1"}, "import colibri.wsgi; print('ready')", cwd=tmp_path)
    assert served.stdout.strip() == "ready", served.stderr


def test_it_runs_every_command_on_a_default_install_generating_its_secrets_once(tmp_path: Path) -> None:
    env = _clean_env(tmp_path)
    migrated = _colibri(env, "django", "migrate", "-v0", cwd=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    var = tmp_path / "var"
    secret = (var / "secret_key").read_text()
    assert len(secret) >= 50 and (var / "credentials_key").is_file()
    for name in ("secret_key", "credentials_key"):
        assert stat.S_IMODE(os.stat(var / name).st_mode) == 0o600
    created = _colibri(env, "createuser", "zoe", "--role", "member", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    assert "zoe" in created.stdout
    replanned = _colibri(env, "replan", cwd=tmp_path)
    assert replanned.returncode == 0, replanned.stderr
    assert (var / "secret_key").read_text() == secret  # generated once, then reused by every command
