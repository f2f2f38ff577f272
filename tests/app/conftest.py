"""Fixtures for the Django app tests: volunteers per role, stream events, requests."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from colibri.networks.base import Author, NetworkEvent
from tests import clock

from . import dispatch_processes

_counter = itertools.count(1)

SEEKER_TEXT = (
    "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon, 8 ans d'expérience. "
    "Mon profil : https://www.linkedin.com/in/marie-dupont #i4EmploiR"
)
OFFER_TEXT = "Nous recrutons un #Comptable H/F en CDI à #Lyon ! Postulez vite #i4EmploiR"


def event(
    kind: str = "post",
    *,
    uri: str | None = None,
    text: str = SEEKER_TEXT,
    author_id: str = "did:plc:seeker1",
    handle: str = "marie.bsky.social",
    bio: str = "Comptable en recherche d'emploi #i4EmploiR",
    created_at: datetime | None = None,
    network: str = "bluesky",
    account_created_at: datetime | None = None,
    **extra: Any,
) -> NetworkEvent:
    n = next(_counter)
    return NetworkEvent(
        kind=kind,  # type: ignore[arg-type]
        network=network,
        uri=uri or f"at://{author_id}/app.bsky.feed.post/{n}",
        author=Author(
            id=author_id,
            handle=handle,
            display_name="Marie",
            bio=bio,
            followers_count=312,
            created_at=account_created_at,
        ),
        text=text,
        created_at=created_at or clock.NOW - timedelta(days=6) + timedelta(minutes=n),
        has_image=extra.pop("has_image", True),
        image_alt=extra.pop("image_alt", "Compétences : comptabilité, paie, fiscalité"),
        links=extra.pop("links", ("https://www.linkedin.com/in/marie-dupont",)),
        url=extra.pop("url", "https://bsky.app/profile/marie.bsky.social/post/1"),
        raw=extra.pop("raw", {"text": text, "author": handle}),
        **extra,
    )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Production hashing costs ~1 s per password on this machine; tests only need it to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_event() -> Callable[..., NetworkEvent]:
    return event


@pytest.fixture
def make_user(db: None) -> Callable[..., Any]:
    from colibri.relay.actions.volunteers import do_create_volunteer

    def make(role: str, username: str | None = None) -> Any:
        user, _password = do_create_volunteer(
            username=username or f"{role}{next(_counter)}", role=role, password="correct-horse-battery-1"
        )
        return user

    return make


@pytest.fixture
def coordinator(make_user: Callable[..., Any]) -> Any:
    return make_user("coordinator", "coord")


@pytest.fixture
def moderator(make_user: Callable[..., Any]) -> Any:
    return make_user("moderator", "modo")


@pytest.fixture
def member(make_user: Callable[..., Any]) -> Any:
    return make_user("member", "membre")


@pytest.fixture
def make_request(db: None) -> Callable[..., Any]:
    """Ingest one event and return its Request (the real ingest path, not a hand-made row)."""
    from colibri.relay.actions.ingest import do_ingest_event

    def make(**kwargs: Any) -> Any:
        request = do_ingest_event(event(**kwargs), source="test", cursor=None)
        assert request is not None
        return request

    return make


# --------------------------------------------------------------------------- subprocess tests
# Commands run as real processes cannot see pytest-django's test database, so they get their own:
# a SQLite file under a temp COLIBRI_VAR_DIR, or (when DATABASE_URL points at PostgreSQL) a fresh
# database created for the test and dropped after it.

REPO = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable


class IsolatedEnv:
    def __init__(self, env: dict[str, str], var: Path, db_url: str):
        self.env = env
        self.var = var
        self.db_url = db_url

    @property
    def is_postgres(self) -> bool:
        return self.db_url.startswith("postgres")

    def colibri(self, *args: str, timeout: float = 120, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PYTHON, "-m", "colibri.cli", *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            **kwargs,
        )

    def migrate(self) -> None:
        result = subprocess.run(
            [PYTHON, "-m", "colibri.cli", "django", "migrate", "-v0"],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stderr

    def django(self, code: str, timeout: float = 120) -> str:
        """Run Python code with Django set up against this environment's database; return stdout."""
        script = "from colibri.django_setup import setup_django; setup_django()\n" + code
        result = subprocess.run(
            [PYTHON, "-c", script],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        """Read-only SQL straight on the database (fast enough to poll)."""
        if self.is_postgres:
            import psycopg

            with psycopg.connect(self.db_url) as conn:
                return list(conn.execute(query).fetchall())
        import sqlite3

        path = self.var / "colibri.sqlite3"
        if not path.exists():
            return []
        conn = sqlite3.connect(path, timeout=20)
        try:
            return list(conn.execute(query).fetchall())
        finally:
            conn.close()


@pytest.fixture
def isolated_env(tmp_path: Path) -> Iterator[IsolatedEnv]:
    var = tmp_path / "var"
    var.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_SETTINGS_MODULE"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "colibri.settings",
            "COLIBRI_VAR_DIR": str(var),
            "COLIBRI_REFDATA_DIR": str(var / "refdata"),
            "PYTHONUNBUFFERED": "1",
            "LOG_LEVEL": "WARNING",
        }
    )
    base_url = os.environ.get("DATABASE_URL", "")
    dbname = ""
    if base_url.startswith("postgres"):
        import psycopg

        dbname = f"colibri_t_{uuid.uuid4().hex[:12]}"
        admin_url = base_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
        db_url = base_url.rsplit("/", 1)[0] + "/" + dbname
        env["DATABASE_URL"] = db_url
    else:
        env.pop("DATABASE_URL", None)
        db_url = f"sqlite:///{var / 'colibri.sqlite3'}"
    try:
        yield IsolatedEnv(env, var, db_url)
    finally:
        if dbname:
            import psycopg

            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def write_stream(path: Path, n: int, *, start: int = 0, extra_lines: tuple[str, ...] = ()) -> list[str]:
    """A replay file of n seeker posts (+ raw extra lines); returns the URIs written."""
    import json

    uris = []
    with path.open("a", encoding="utf-8") as fh:
        for i in range(start, start + n):
            uri = f"at://did:plc:s{i}/app.bsky.feed.post/{i}"
            uris.append(uri)
            data = {
                "kind": "post",
                "network": "bluesky",
                "uri": uri,
                "author": {"id": f"did:plc:s{i}", "handle": f"s{i}.bsky.social", "bio": "#i4EmploiR"},
                "text": f"#PleaseRT Je recherche un CDI de #Comptable à #Lyon (n°{i}) #i4EmploiR",
                "created_at": (clock.NOW - timedelta(days=6)).isoformat(),
                "has_image": True,
            }
            fh.write(json.dumps(data, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return uris


@pytest.fixture
def stream_writer() -> Callable[..., list[str]]:
    return write_stream


@pytest.fixture
def scratch_db(tmp_path: Path) -> Iterator[str]:
    """A database URL the worker subprocesses can share, of the same engine as this run."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'dispatch.sqlite3'}"
        return
    import psycopg

    name = f"colibri_dispatch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(dispatch_processes.pg_url("postgres"), autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    try:
        yield dispatch_processes.pg_url(name)
    finally:
        with psycopg.connect(dispatch_processes.pg_url("postgres"), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
