"""`colibri privacy export --network N --handle H`: one person's data as JSON (right of access)."""

from __future__ import annotations

import argparse
import json
import sys

from colibri.cli import CommandError
from colibri.i18n import gettext, gettext_lazy

HELP = gettext_lazy("Personal data: export one person's data as JSON.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="privacy_command", required=True)
    export = sub.add_parser("export", help=gettext("everything stored about one account, as JSON"))
    export.add_argument("--network", required=True, choices=("bluesky", "mastodon", "x", "replay"))
    export.add_argument("--handle", required=True, help=gettext("the account's handle (without @)"))
    export.add_argument("-o", "--output", default="-", help=gettext('file to write ("-": standard output)'))


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import require_migrated, setup_django

    setup_django()
    from django.core.serializers.json import DjangoJSONEncoder
    from django.utils.translation import gettext as _

    from colibri.privacy.export import do_export_account
    from colibri.relay.models import NetworkAccount

    require_migrated()
    handle = args.handle.lstrip("@")
    account = NetworkAccount.objects.filter(network=args.network, handle=handle).first()
    if account is None:
        raise CommandError(
            _("no account @%(handle)s on %(network)s") % {"handle": handle, "network": args.network}
        )
    data = do_export_account(account, actor=None, channel="cli")
    text = json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    try:
        # Personal data: owner-only, whatever the umask.
        import os

        fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from exc
    return 0
