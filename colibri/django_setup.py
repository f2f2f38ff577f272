"""Set up Django for CLI subcommands that need the ORM (called lazily, never at import)."""

from __future__ import annotations

import os


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
    import django

    django.setup()
    # The CLI chose its language before the settings were loaded (colibri.i18n); now they are,
    # settings.LANGUAGE_CODE decides (./.env may set it), for Django's gettext too.
    from django.conf import settings

    from colibri import i18n

    if i18n.chosen_language() is not None:
        i18n.activate(settings.LANGUAGE_CODE)
