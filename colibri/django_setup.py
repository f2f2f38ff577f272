"""Set up Django for CLI subcommands that need the ORM (called lazily, never at import)."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
    import django

    django.setup()
