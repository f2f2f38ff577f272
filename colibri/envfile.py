"""./.env: read once per `colibri` process, before anything reads a setting.

Every subcommand must see the same settings: a `.env` read by `colibri run` alone let `colibri
createuser` in the same folder open (and create) a SQLite file while the real database was
PostgreSQL. python-dotenv parses the file (quotes, `export`, `# comments`, `${VAR}`); variables
already in the environment win, so a deployment's real environment always has the last word.
"""

from __future__ import annotations

import os
from pathlib import Path

FILENAME = ".env"

_loaded: list[str] = []


def load(path: Path) -> list[str]:
    """Put the variables of `path` that the environment does not set into it; return their names."""
    if not path.is_file():
        return []
    from dotenv import dotenv_values  # imported here: `colibri triage` without a .env pays nothing

    names = []
    for name, value in dotenv_values(path, interpolate=True).items():
        if value is None or name in os.environ:  # `NAME` alone (no `=`) sets nothing
            continue
        os.environ[name] = value
        names.append(name)
    _loaded.extend(names)
    return names


def load_working_directory() -> list[str]:
    """The `.env` of the folder the command runs in (where `make run` and the README put it)."""
    return load(Path.cwd() / FILENAME)


def loaded_names() -> list[str]:
    """Names this process took from a .env file (values are never shown: they may be secrets)."""
    return list(_loaded)
