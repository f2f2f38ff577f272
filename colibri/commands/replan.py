"""`colibri replan`: (re)plan today's relays from the database and write the assignments.

`colibri plan FILE` plans a JSON instance and prints it; this one reads approved requests and active
members from the database, keeps locked, done and already queued assignments, replaces the other
planned ones, and prints a summary (or the JSON plan with --json).
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Re-plan the day's relays from the database (keeps locked and done relays).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--day", default="", help=_("day to plan, YYYY-MM-DD (default: today)"))
    parser.add_argument("--json", action="store_true", help=_("print the whole plan as JSON"))


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import database_label, require_migrated, setup_django

    setup_django()
    require_migrated()
    from django.db import DatabaseError

    from colibri.relay.planning.apply import do_apply_plan

    try:
        day = date.fromisoformat(args.day) if args.day else None
    except ValueError as exc:
        raise CommandError(_("invalid day: %(day)s (expected YYYY-MM-DD)") % {"day": args.day}) from exc
    try:
        summary = do_apply_plan(actor=None, day=day)
    except DatabaseError as exc:
        raise CommandError(
            _("database error (%(database)s): %(reason)s") % {"database": database_label(), "reason": exc}
        ) from exc
    if summary.nothing and not args.json:
        print(summary.nothing)
        return 0
    if args.json and summary.plan is not None:
        print(json.dumps(summary.plan.to_json(), ensure_ascii=False, indent=2))
        return 0
    below = ", ".join(f"#{r}" for r in summary.below_min_reach)
    print(
        _(
            "Plan for %(day)s: %(created)d relays created, %(kept)d kept, %(removed)d replaced; "
            "reach %(reach)d distinct followers (+ %(estimated)d estimated)"
        )
        % {
            "day": summary.day.isoformat(),
            "created": summary.created,
            "kept": summary.kept,
            "removed": summary.removed,
            "reach": summary.total_reach,
            "estimated": round(summary.total_estimated),
        }
        + (_("; below the minimum reach: %(ids)s") % {"ids": below} if below else "")
    )
    return 0
