"""Set up Django for CLI subcommands that need the ORM (called lazily, never at import).

Every such subcommand gets the same settings: ./.env was read by `colibri.cli.main`, and the secrets
a default install needs (SECRET_KEY, COLIBRI_CREDENTIALS_KEY) are generated once under the var folder
when the environment names none, whichever subcommand runs first (not only `colibri run`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def var_dir() -> Path:
    # Same rule as settings.VAR_DIR, computed without importing settings: the secrets below
    # must be in the environment before Django reads its settings.
    return Path(os.environ.get("COLIBRI_VAR_DIR") or REPO / "var")


def _secret_file(path: Path, make: bytes) -> None:
    if path.exists():
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # created meanwhile by another process
    with os.fdopen(fd, "wb") as fh:
        fh.write(make)


def prepare_secrets(var: Path) -> None:
    """Generate SECRET_KEY and COLIBRI_CREDENTIALS_KEY once under var/, unless the environment sets them."""
    import secrets

    from cryptography.fernet import Fernet

    var.mkdir(parents=True, exist_ok=True)
    for name, filename, make in (
        ("SECRET_KEY", "secret_key", lambda: secrets.token_urlsafe(50).encode()),
        ("COLIBRI_CREDENTIALS_KEY", "credentials_key", Fernet.generate_key),
    ):
        if os.environ.get(name) or os.environ.get(f"{name}_FILE"):
            continue
        path = var / filename
        _secret_file(path, make())
        os.chmod(path, 0o600)
        os.environ[f"{name}_FILE"] = str(path)


def settings_loaded() -> bool:
    conf = sys.modules.get("django.conf")
    return conf is not None and bool(conf.settings.configured)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
    if not settings_loaded():  # in-process after the settings were read (tests): nothing to prepare
        # A command run on its own (colibri ingest, worker…) may be the one that creates the SQLite
        # database or its -wal/-shm: owner-only from the start, like under `colibri run`.
        os.umask(0o077)
        prepare_secrets(var_dir())
    import django

    django.setup()
    # The CLI chose its language before the settings were loaded (colibri.i18n); now they are,
    # settings.LANGUAGE_CODE decides (./.env may set it), for Django's gettext too.
    from django.conf import settings

    from colibri import i18n

    if i18n.chosen_language() is not None:
        i18n.activate(settings.LANGUAGE_CODE)


def database_label() -> str:
    """The database the settings name, for messages: engine, name, host; never the password."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite {db['NAME']}"
    where = f" on {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}"
    return f"PostgreSQL “{db['NAME']}”{where}"


def require_migrated() -> None:
    """Fail fast with a clear reason (which database, what to run) instead of retrying on missing tables.

    A SQLite file that does not exist yet is not created here: a command run from the wrong folder
    (or without the .env naming the real database) must not start an empty database of its own.
    """
    from django.conf import settings
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    from colibri.cli import CommandError
    from colibri.i18n import gettext as _

    db = settings.DATABASES["default"]
    name = str(db["NAME"])
    in_memory = name == ":memory:" or name.startswith("file:")  # e.g. the test runner's database
    if db["ENGINE"].endswith("sqlite3") and not in_memory and not Path(name).exists():
        raise CommandError(
            _(
                "no database at %(path)s: set DATABASE_URL (in the environment or ./.env), "
                "or run `colibri run` once to create it"
            )
            % {"path": name}
        )
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        message = _("database unreachable (%(database)s): %(reason)s")
        raise CommandError(message % {"database": database_label(), "reason": exc}) from exc
    if pending:
        message = _(
            "the database (%(database)s) is not up to date: run `colibri django migrate` (or `colibri run`)"
        )
        raise CommandError(message % {"database": database_label()})
