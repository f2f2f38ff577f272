"""Every `colibri` subcommand reads ./.env the same way: run in a folder whose .env names the database,
each one works on that database (PostgreSQL in the PostgreSQL pass, a SQLite file elsewhere in the
SQLite one), and none opens (or creates) a SQLite file of its own under the var folder."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when the block ends: nothing listens there


class Database:
    def __init__(self, url: str):
        self.url = url

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        if self.url.startswith("postgres"):
            import psycopg

            with psycopg.connect(self.url) as conn:
                return list(conn.execute(query).fetchall())
        import sqlite3

        conn = sqlite3.connect(self.url.removeprefix("sqlite:///"))
        try:
            return list(conn.execute(query).fetchall())
        finally:
            conn.close()


@pytest.fixture(
    params=[pytest.param("sqlite"), pytest.param("postgres", marks=pytest.mark.postgres)],
)
def named_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database of its own, named only in the .env: a dedicated PostgreSQL database, or a SQLite file
    outside the var folder."""
    if request.param == "sqlite":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        yield Database(f"sqlite:///{elsewhere / 'collective.sqlite3'}")
        return
    import psycopg

    base = os.environ["DATABASE_URL"]
    admin = base.rsplit("/", 1)[0] + "/postgres"
    name = f"colibri_dotenv_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database(base.rsplit("/", 1)[0] + "/" + name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_runs_every_subcommand_on_the_database_named_in_dot_env(
    named_database: Database, tmp_path: Path, stream_writer: Callable[..., list[str]]
) -> None:
    folder = tmp_path / "collective"
    folder.mkdir()
    var = tmp_path / "var"
    port = _closed_port()
    (folder / ".env").write_text(
        "# The collective's settings, as an operator writes them\n"
        f"DATABASE_URL={named_database.url}  # the real database\n"
        f"export COLIBRI_VAR_DIR='{var}'\n"
        "BLUESKY_HANDLE=collectif.test\n"
        'BLUESKY_APP_PASSWORD="abcd-efgh # not a comment"\n'
        f"BLUESKY_SERVICE=http://127.0.0.1:{port}\n"
        "LOG_LEVEL=warning\n",
        encoding="utf-8",
    )
    stream = tmp_path / "stream.jsonl"
    stream_writer(stream, 3)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "DATABASE_URL", "COLIBRI_", "BLUESKY_", "SECRET_KEY", "DJANGO_"))
    }

    def colibri(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "colibri.cli", *args],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert "colibri run" not in result.stderr  # no advice to start the wrong database
        return result

    def ok(*args: str) -> subprocess.CompletedProcess[str]:
        result = colibri(*args)
        assert result.returncode == 0, f"colibri {' '.join(args)}: {result.stderr}"
        return result

    ok("django", "migrate", "-v0")
    assert named_database.sql("SELECT COUNT(*) FROM django_migrations")[0][0] > 10
    ok("createuser", "zoe", "--role", "member")
    assert named_database.sql("SELECT username FROM auth_user") == [("zoe",)]
    ok("ingest", "--file", str(stream), "--interval", "0", "--quiet")
    assert named_database.sql("SELECT COUNT(*) FROM relay_request")[0][0] == 3
    # The member exists only in the database named by .env: a replan that read another database
    # would say "no active member" instead of "no approved request".
    ok(
        "member",
        "add",
        "--network",
        "bluesky",
        "--handle",
        "m1.bsky.social",
        "--remote-id",
        "did:plc:m1",
        "--followers",
        "100",
        "--mode",
        "notified",
        "--email",
        "m1@example.org",
    )
    out = ok("replan").stdout
    assert "aucune demande approuvée" in out, out
    ok("dispatch", "--drain", "--no-plan", "--idle-sleep", "0.01")
    ok("worker", "--batch", "--no-schedule")
    ok("erase", "--network", "bluesky", "--handle", "s0.bsky.social", "--yes")
    erased = "SELECT COUNT(*) FROM relay_request WHERE status = 'erased'"
    assert named_database.sql(erased)[0][0] == 1
    # feeds publish reads the official account from .env: it gets as far as the (closed) PDS named there.
    published = colibri("feeds", "publish", "--no-variants")
    assert published.returncode == 1
    assert "BLUESKY_HANDLE" not in published.stderr  # not "… are required": the .env named the account
    assert f"bluesky login at http://127.0.0.1:{port}: ConnectError" in published.stderr
    # Secrets generated once in the var folder the .env names; no database of anybody's own there.
    assert (var / "secret_key").is_file()
    assert not list(var.glob("*.sqlite3"))


def test_it_names_the_database_and_the_fix_when_the_one_named_is_missing(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST_", "DATABASE_URL", "COLIBRI_", "BLUESKY_", "SECRET_KEY", "DJANGO_"))
    }
    env["COLIBRI_VAR_DIR"] = str(tmp_path / "var")
    result = subprocess.run(
        [sys.executable, "-m", "colibri.cli", "createuser", "zoe", "--role", "member"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    line = result.stderr.strip()
    assert line.startswith("colibri createuser: ") and "\n" not in line
    assert str(tmp_path / "var" / "colibri.sqlite3") in line and "DATABASE_URL" in line
    assert not (tmp_path / "var" / "colibri.sqlite3").exists()  # not created behind the operator's back
