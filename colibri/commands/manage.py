"""`colibri django …`: Django's management commands, with the settings every subcommand reads.

`colibri django migrate`, `shell`, `changepassword NAME`, `dbshell`, `makemessages -l LANG`… run with
./.env read and the generated secrets found exactly as for `colibri createuser` or `colibri worker`,
so an operator never has to rebuild the environment by hand for `django-admin` (as Sentry's CLI
passes `sentry django …` through).
"""

from __future__ import annotations

import argparse

from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy(
    "Django's management commands with Colibri's settings (migrate, shell, changepassword, dbshell…)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "django_args",
        nargs=argparse.REMAINDER,
        metavar="COMMAND …",
        help=_("a Django management command and its arguments (`colibri django help` lists them)"),
    )


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["colibri django", *args.django_args])
    except SystemExit as exc:  # Django exits on its own errors (after printing them): keep the code
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0
