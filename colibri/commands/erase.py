"""`colibri erase`: erase everything about one person on their demand (GDPR), like the dashboard's button."""

from __future__ import annotations

import argparse

from colibri.cli import CommandError

HELP = "Effacer toutes les données d'une personne (demande RGPD) : demandes, publications, profil, audience."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--network", required=True, choices=("bluesky", "mastodon", "x"), help="réseau du compte"
    )
    parser.add_argument("--handle", required=True, help="identifiant du compte (sans @)")
    parser.add_argument("--why", default="demande de la personne", help="motif gardé dans l'historique")
    parser.add_argument("--yes", action="store_true", help="effacer sans demander de confirmation")


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from django.utils.translation import gettext as _

    from colibri.commands.ingest import require_migrated
    from colibri.relay.actions import ActionError, do_erase_account
    from colibri.relay.models import NetworkAccount, Request, RequestStatus

    require_migrated()
    handle = args.handle.lstrip("@")
    account = NetworkAccount.objects.filter(
        network=args.network, handle=handle, erased_at__isnull=True
    ).first()
    if account is None:
        raise CommandError(
            _("no account @%(handle)s on %(network)s") % {"handle": handle, "network": args.network}
        )
    count = Request.objects.filter(post__author=account).exclude(status=RequestStatus.ERASED).count()
    print(
        _("@%(handle)s (%(network)s): %(count)d request(s) to erase.")
        % {"handle": handle, "network": args.network, "count": count}
    )
    if not args.yes:
        word = _("yes")
        answer = input(_("Erase for good? Type “%(word)s” to confirm: ") % {"word": word})
        if answer.strip().lower() not in {word, "yes"}:
            print(_("Nothing erased."))
            return 1
    try:
        erased = do_erase_account(account, actor=None, why=args.why)
    except ActionError as exc:
        raise CommandError(str(exc)) from exc
    print(_("Erased: %(count)d request(s) and the account's data.") % {"count": erased})
    return 0
