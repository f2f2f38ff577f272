"""`colibri createuser`: create a volunteer account and print its random password once."""

from __future__ import annotations

import argparse

from colibri.cli import CommandError

HELP = "Créer un compte bénévole (coordinateur, modérateur ou membre) ; le mot de passe est affiché une fois."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("username", help="nom d'utilisateur")
    parser.add_argument(
        "--role",
        required=True,
        choices=("coordinator", "moderator", "member"),
        help="rôle dans le tableau de bord",
    )
    parser.add_argument("--email", default="", help="adresse e-mail (facultatif)")


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from colibri.commands.ingest import require_migrated
    from colibri.relay.actions import ActionError, do_create_volunteer

    require_migrated()
    try:
        user, password = do_create_volunteer(username=args.username, email=args.email, role=args.role)
    except ActionError as exc:
        raise CommandError(str(exc)) from exc
    print(f"Compte créé : {user.get_username()} ({args.role})")
    print(f"Mot de passe (affiché une seule fois) : {password}")
    return 0
