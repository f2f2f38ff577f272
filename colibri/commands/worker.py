"""`colibri worker`: run background tasks (django.tasks, database backend)."""

from __future__ import annotations

import argparse
import os
import socket

HELP = "Exécuter les tâches de fond (analyse différée, profils, effacement après la durée de conservation)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--queue", default="*", help="files à traiter, séparées par des virgules (défaut : toutes)"
    )
    parser.add_argument(
        "--interval", type=float, default=1.0, metavar="SECONDS", help="attente quand il n'y a rien à faire"
    )
    parser.add_argument("--batch", action="store_true", help="traiter les tâches en attente puis s'arrêter")
    parser.add_argument("--max-tasks", type=int, default=None, metavar="N", help="s'arrêter après N tâches")
    parser.add_argument("--worker-id", default=None, help="identifiant unique du worker (défaut : hôte-pid)")
    parser.add_argument(
        "--no-schedule",
        dest="schedule",
        action="store_false",
        help="ne pas planifier les tâches périodiques (plan du jour, audiences, mesures, effacement)",
    )


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from django.core.management import call_command

    from colibri.commands.ingest import require_migrated
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
