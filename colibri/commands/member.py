"""`colibri member add|list|remove`: the coordinators' members page, for scripts.

`add` on Bluesky looks the handle up (or logs in once with an app password read from a file or
COLIBRI_MEMBER_APP_PASSWORD, never from the command line, where other users could read it); on
Mastodon and X, or offline, `--remote-id` gives the account id. A member added here is approved.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

from colibri.cli import CommandError
from colibri.i18n import gettext, gettext_lazy

HELP = gettext_lazy("Add, list or remove members of the collective (people who give reposts).")
NETWORKS = ("bluesky", "mastodon", "x")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help=gettext("add a member (approved at once)"))
    add.add_argument("--network", choices=NETWORKS, default="bluesky", help=gettext("the account's network"))
    add.add_argument("--handle", required=True, help=gettext("the account's handle (without @)"))
    add.add_argument("--remote-id", default="", help=gettext("account id (DID, Mastodon/X id): no look-up"))
    add.add_argument("--followers", type=int, default=None, help=gettext("follower count, with --remote-id"))
    add.add_argument(
        "--mode", choices=("notified", "delegated"), default="notified", help=gettext("how they give")
    )
    add.add_argument(
        "--app-password-file",
        default="",
        help=gettext("file holding the Bluesky app password (delegated; or COLIBRI_MEMBER_APP_PASSWORD)"),
    )
    add.add_argument("--email", default="", help=gettext("e-mail address for the daily picks"))
    add.add_argument("--feed", action="store_true", help=gettext("picks in the personal Bluesky feed"))
    add.add_argument("--daily", type=int, default=None, help=gettext("reposts a day at most"))
    lst = sub.add_parser("list", help=gettext("list the members"))
    lst.add_argument("--status", default="", help=gettext("active, paused, left or pending"))
    lst.add_argument("--json", action="store_true", help=gettext("one JSON object per line"))
    rm = sub.add_parser("remove", help=gettext("remove a member (credentials erased)"))
    rm.add_argument("--network", choices=NETWORKS, default="bluesky", help=gettext("the account's network"))
    rm.add_argument("--handle", required=True, help=gettext("the account's handle (without @)"))
    rm.add_argument("--why", default="", help=gettext("reason kept in the history"))


def _app_password(args: argparse.Namespace) -> str:
    if args.app_password_file:
        try:
            return Path(args.app_password_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CommandError(
                gettext("cannot read %(path)s: %(reason)s")
                % {"path": args.app_password_file, "reason": exc.strerror}
            ) from exc
    return os.environ.get("COLIBRI_MEMBER_APP_PASSWORD", "").strip()


def _add(args: argparse.Namespace) -> int:
    from colibri.connect import flows as connect
    from colibri.members.actions import do_join_member
    from colibri.members.models import JoinChannel
    from colibri.networks.base import Author
    from colibri.relay.actions.base import ActionError
    from colibri.relay.actions.volunteers import generate_password

    handle = args.handle.strip().lstrip("@")
    try:
        if args.mode == "delegated":
            if args.network != "bluesky":
                raise CommandError(gettext("delegated mode is only available on Bluesky for now"))
            password = _app_password(args)
            if not password:
                raise CommandError(
                    gettext("delegated mode needs --app-password-file or COLIBRI_MEMBER_APP_PASSWORD")
                )
            connected = connect.connect_bluesky_app_password(handle, password)
        elif args.remote_id:
            connected = connect.Connected(
                args.network, Author(id=args.remote_id, handle=handle, followers_count=args.followers)
            )
        elif args.network == "bluesky":
            connected = connect.lookup_bluesky_account(handle)
        else:
            raise CommandError(gettext("--remote-id is needed on %(network)s") % {"network": args.network})
        login_password = generate_password()
        joined = do_join_member(
            connected,
            mode=args.mode,
            password=login_password,
            email=args.email,
            wants_feed=args.feed or (not args.email and args.network == "bluesky"),
            daily_budget=args.daily,
            channel=JoinChannel.COMMAND,
            approved=True,
        )
    except (connect.ConnectError, ActionError) as exc:
        raise CommandError(str(exc)) from exc
    from colibri.members.tasks import fetch_member_followers

    if not args.remote_id:
        fetch_member_followers.enqueue(joined.member.pk)
    print(
        gettext("Member @%(handle)s added (%(mode)s). Login: %(user)s, password (shown once): %(password)s")
        % {
            "handle": joined.member.account.handle,
            "mode": joined.member.get_mode_display(),
            "user": joined.user.get_username(),
            "password": login_password,
        }
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    from colibri.members.queries import members_queryset

    rows: list[Any] = list(members_queryset({"status": args.status}))  # annotated rows
    for m in rows:
        ms = getattr(m, "membership", None)
        status = "pending" if ms is not None and ms.pending else m.status
        item = {
            "handle": m.account.handle,
            "network": m.account.network,
            "followers": m.account.followers_count,
            "mode": m.mode,
            "status": status,
            "daily_budget": m.daily_budget,
            "weekly_budget": m.weekly_budget,
            "reposts_given": m.donated,
            "reach": m.reach or 0,
            "last_activity": m.last_activity.isoformat() if m.last_activity else None,
        }
        if args.json:
            print(json.dumps(item, ensure_ascii=False))
        else:
            print(
                f"@{item['handle']}\t{item['network']}\t{item['status']}\t{item['mode']}\t"
                f"{item['followers'] if item['followers'] is not None else '-'}\t"
                f"{item['daily_budget']}/{item['weekly_budget']}\t{item['reposts_given']}"
            )
    if not rows and not args.json:
        print(gettext("No member."))
    return 0


def _remove(args: argparse.Namespace) -> int:
    from colibri.members.actions import do_remove_member
    from colibri.relay.models import Member

    handle = args.handle.strip().lstrip("@")
    member = (
        Member.objects.select_related("account")
        .filter(account__network=args.network, account__handle=handle)
        .first()
    )
    if member is None:
        raise CommandError(
            gettext("no member @%(handle)s on %(network)s") % {"handle": handle, "network": args.network}
        )
    do_remove_member(member, actor=None, why=args.why)
    print(
        gettext("Member @%(handle)s removed; credentials erased, pending reposts cancelled.")
        % {"handle": handle}
    )
    return 0


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import require_migrated, setup_django

    setup_django()
    require_migrated()
    return {"add": _add, "list": _list, "remove": _remove}[args.action](args)
