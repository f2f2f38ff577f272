"""`colibri erase`: erase everything about one person on their demand (GDPR), like the dashboard's button."""

from __future__ import annotations

import argparse

from colibri.cli import CommandError
from colibri.i18n import gettext, gettext_lazy

HELP = gettext_lazy("Erase all the data of a person (GDPR request): requests, posts, profile, audience.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--network",
        required=True,
        choices=("bluesky", "mastodon", "x"),
        help=gettext("the account's network"),
    )
    parser.add_argument("--handle", required=True, help=gettext("the account's handle (without @)"))
    # The default reason is stored in the audit row: in the collective's language (chosen before the
    # parser is built), like the text the dashboard's button stores.
    parser.add_argument(
        "--why",
        default=gettext("the person asked for it"),
        help=gettext("reason kept in the history (default: “%(default)s”)"),
    )
    parser.add_argument("--yes", action="store_true", help=gettext("erase without asking for confirmation"))


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import require_migrated, setup_django

    setup_django()
    from django.utils.translation import gettext as _

    from colibri.relay.actions.base import ActionError
    from colibri.relay.actions.erasure import do_erase_account
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
