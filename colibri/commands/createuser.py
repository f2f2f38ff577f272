"""`colibri createuser`: create a volunteer account and print its random password once."""

from __future__ import annotations

import argparse

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy(
    "Create a volunteer account (coordinator, moderator or member); the password is shown once."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("username", help=_("user name"))
    parser.add_argument(
        "--role",
        required=True,
        choices=("coordinator", "moderator", "member"),
        help=_("role in the dashboard"),
    )
    parser.add_argument("--email", default="", help=_("email address (optional)"))


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import require_migrated, setup_django

    setup_django()
    from colibri.relay.actions.base import ActionError
    from colibri.relay.actions.volunteers import do_create_volunteer

    require_migrated()
    try:
        user, password = do_create_volunteer(username=args.username, email=args.email, role=args.role)
    except ActionError as exc:
        raise CommandError(str(exc)) from exc
    print(
        _("Account created: %(username)s (%(role)s)") % {"username": user.get_username(), "role": args.role}
    )
    print(_("Password (shown only once): %(password)s") % {"password": password})
    return 0
