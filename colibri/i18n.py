"""Translations for code that also runs without Django set up (the CLI, the skills cards).

Web views and Django apps use `django.utils.translation` directly. The light subcommands
(`colibri triage`, `card`, `plan`, `data`) never call `django.setup()` so they start fast, and
Django's own gettext cannot load a catalog before the app registry is ready. These functions
are Django's once the registry is ready, so `translation.override()` works in views and tests;
before that they read the same compiled catalog (colibri/locale) with the standard library,
in the language `activate()` chose — one catalog, one set of English msgids, either way.
"""

from __future__ import annotations

import gettext as _stdlib_gettext
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DEFAULT_LANGUAGE = "fr"  # settings.LANGUAGE_CODE's default: the collective's language

_language: str | None = None


def _django_ready() -> bool:
    # Looked up, not imported: importing Django costs `colibri triage` ~0.1 s for nothing.
    module = sys.modules.get("django.apps")
    return module is not None and module.apps.ready


def settings_language() -> str:
    """settings.LANGUAGE_CODE, without loading the settings when nothing has loaded them yet.

    Loading them would freeze them before `colibri run` reads ./.env and prepares its secrets;
    until then the environment says the same thing (settings.py reads LANGUAGE_CODE from it),
    and `setup_django()` switches to the loaded setting.
    """
    conf = sys.modules.get("django.conf")  # not imported: nothing can have loaded the settings
    if conf is not None and conf.settings.configured:
        return str(conf.settings.LANGUAGE_CODE)
    return os.environ.get("LANGUAGE_CODE") or DEFAULT_LANGUAGE


def activate(language: str) -> None:
    """Use `language` from now on in this process (Django's active language too, once set up)."""
    global _language
    _language = language
    if _django_ready():
        from django.utils import translation

        translation.activate(language)


def chosen_language() -> str | None:
    """The language `activate()` chose for this process, if any (for `setup_django()` to keep)."""
    return _language


@contextmanager
def override(language: str) -> Iterator[None]:
    """`language` inside the block, the previous choice after (`colibri.cli.main` called in-process)."""
    global _language
    previous = _language
    _language = language
    try:
        if _django_ready():
            from django.utils import translation

            with translation.override(language):
                yield
        else:
            yield
    finally:
        _language = previous


def get_language() -> str:
    if _django_ready():
        from django.utils import translation

        return translation.get_language() or DEFAULT_LANGUAGE
    return _language or DEFAULT_LANGUAGE


@lru_cache(maxsize=4)
def _catalog(language: str) -> _stdlib_gettext.NullTranslations:
    # fallback=True: a language without a catalog (English) shows the msgids themselves.
    return _stdlib_gettext.translation("django", LOCALE_DIR, languages=[language], fallback=True)


def gettext(message: str) -> str:
    if _django_ready():
        from django.utils.translation import gettext as django_gettext

        return django_gettext(message)
    return _catalog(get_language()).gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    if _django_ready():
        from django.utils.translation import ngettext as django_ngettext

        return django_ngettext(singular, plural, number)
    return _catalog(get_language()).ngettext(singular, plural, number)


def pgettext(context: str, message: str) -> str:
    if _django_ready():
        from django.utils.translation import pgettext as django_pgettext

        return django_pgettext(context, message)
    return _catalog(get_language()).pgettext(context, message)


@cache
def _lazy_type() -> Any:
    from django.utils.functional import lazy

    return lazy(gettext, str)


def gettext_lazy(message: str) -> Any:
    """For module-level texts (argparse help): translated when shown, in the language active then."""
    return _lazy_type()(message)
