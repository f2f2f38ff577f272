"""System checks: the data folder and what SQLite writes in it are readable by their owner only."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register("security", deploy=True)
def check_data_folder_private(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    var = Path(settings.VAR_DIR)
    if not var.is_dir():
        return []
    found = []
    for path in [var, *sorted(var.glob("*.sqlite3*")), *(var / n for n in ("secret_key", "credentials_key"))]:
        if path.exists() and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            found.append(str(path))
    if not found:
        return []
    return [
        Warning(
            "readable by other local users: " + ", ".join(found),
            hint="chmod 700 the data folder and 600 its files; colibri run does it at start (umask 077).",
            id="colibri.W001",
        )
    ]
