"""`colibri worker`: run background tasks (django.tasks, database backend)."""

from __future__ import annotations

import argparse
import os
import socket

from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy(
    "Run the background tasks (deferred triage, profiles, erasure after the retention period)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--queue", default="*", help=_("queues to work on, comma-separated (default: all)"))
    parser.add_argument(
        "--interval", type=float, default=1.0, metavar="SECONDS", help=_("wait when there is nothing to do")
    )
    parser.add_argument("--batch", action="store_true", help=_("run the waiting tasks, then stop"))
    parser.add_argument("--max-tasks", type=int, default=None, metavar="N", help=_("stop after N tasks"))
    parser.add_argument("--worker-id", default=None, help=_("unique worker id (default: host-pid)"))
    parser.add_argument(
        "--no-schedule",
        dest="schedule",
        action="store_false",
        help=_("do not schedule the periodic tasks (day plan, audiences, measures, erasure)"),
    )


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import require_migrated, setup_django

    setup_django()
    from django.core.management import call_command

    from colibri.scheduling.jobs import start_scheduler

    require_migrated()
    if args.schedule and not args.batch:
        start_scheduler()
    worker_id = args.worker_id or f"{socket.gethostname()}-{os.getpid()}"[:64]
    options: dict[str, object] = {
        "queue_name": args.queue,
        "interval": args.interval,
        "batch": args.batch,
        "worker_id": worker_id,
        "reload": False,
        "startup_delay": False,
    }
    if args.max_tasks is not None:
        options["max_tasks"] = args.max_tasks
    call_command("db_worker", **options)
    return 0
