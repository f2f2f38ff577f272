"""Read colibri/settings.py afresh under a given environment, in-process (the loaded settings stay as
they are): what a new process would get, without paying for one."""

from __future__ import annotations

import os
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "colibri" / "settings.py"

# Variables a developer's shell or the test command may set, cleared so each read starts from the
# defaults plus what the test names.
_CLEARED = (
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "TIME_ZONE",
    "LANGUAGE_CODE",
    "LOG_LEVEL",
)


def read_settings(monkeypatch: pytest.MonkeyPatch, *, tests: bool = True, **env: str) -> SimpleNamespace:
    """The settings module's values with `env` set; `tests=False` reads them as a non-test process would."""
    for name in (*_CLEARED, *(n for n in os.environ if n.startswith(("BLUESKY_", "COLIBRI_")))):
        monkeypatch.delenv(name, raising=False)
    if not tests:
        monkeypatch.delenv("PYTEST_VERSION", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    values = runpy.run_path(str(SETTINGS_FILE), run_name="colibri_settings_under_test")
    return SimpleNamespace(**{k: v for k, v in values.items() if k.isupper()})
