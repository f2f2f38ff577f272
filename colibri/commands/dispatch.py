"""`colibri dispatch`: the outbox worker (official reposts, members' reposts, undos, digests).

Run as many as you like: rows are claimed atomically, so two workers never carry out the same one.
A worker killed at any point is harmless: its rows are reclaimed after the lease and the next attempt
asks the network before acting.
"""

from __future__ import annotations

import argparse
import signal
import threading
from types import FrameType

from colibri.cli import CommandError

HELP = "Exécuter la file d'envoi : repartages du compte officiel et des membres, annulations, résumés."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--once", action="store_true", help="un seul passage : ce qui est dû maintenant, puis quitter"
    )
    mode.add_argument(
        "--drain",
        action="store_true",
        help="tourner jusqu'à ce qu'il ne reste rien en attente ni en cours (retours inclus), puis quitter",
    )
    parser.add_argument("--worker-id", default="", help="nom de ce worker (défaut : hôte:pid:aléa)")
    parser.add_argument("--lease", type=float, default=None, help="bail d'une action réservée, en secondes")
    parser.add_argument("--batch", type=int, default=None, help="actions réservées à la fois")
    parser.add_argument("--max-attempts", type=int, default=None, help="essais avant l'échec définitif")
    parser.add_argument("--backoff-base", type=float, default=None, help="premier délai de nouvel essai (s)")
    parser.add_argument("--backoff-max", type=float, default=None, help="délai maximal entre deux essais (s)")
    parser.add_argument(
        "--official-gap",
        type=float,
        default=None,
        help="écart minimal entre deux repartages officiels, en secondes (défaut : plage active / budget)",
    )
    parser.add_argument("--idle-sleep", type=float, default=2.0, help="pause quand rien n'est dû (s)")
    parser.add_argument("--no-plan", action="store_true", help="ne pas mettre en file de nouvelles actions")


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from django.db import DatabaseError

    from colibri.relay.dispatch import DispatchConfig, Dispatcher
    from colibri.relay.models import OutboxAction, OutboxStatus

    try:
        OutboxAction.objects.exists()
    except DatabaseError as exc:
        raise CommandError(
            f"base de données inaccessible ou pas à jour (lancez `colibri run`) : {exc}"
        ) from exc
    config = DispatchConfig.from_settings()
    for attr, value in (
        ("lease_seconds", args.lease),
        ("batch_size", args.batch),
        ("max_attempts", args.max_attempts),
        ("backoff_base", args.backoff_base),
        ("backoff_max", args.backoff_max),
    ):
        if value is not None:
            if value <= 0:
                raise CommandError(f"--{attr.replace('_', '-')} doit être positif")
            setattr(config, attr, value)
    if args.official_gap is not None:
        if args.official_gap < 0:
            raise CommandError("--official-gap ne peut pas être négatif")
        config.official_min_gap = args.official_gap
    try:
        dispatcher = Dispatcher(worker_id=args.worker_id or None, config=config)
    except RuntimeError as exc:
        raise CommandError(str(exc)) from exc

    if args.once:
        stats = dispatcher.run_once(plan=not args.no_plan)
        print(" ".join(f"{k}={v}" for k, v in sorted(stats.counts.items()) if v) or "rien à faire")
        return 0

    stop = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if not args.drain:
        dispatcher.run_forever(stop, idle_sleep=args.idle_sleep)
        return 0
    first = True
    while not stop.is_set():
        stats = dispatcher.run_once(plan=first and not args.no_plan, stop=stop)
        first = False
        if stats.handled:
            continue
        if not OutboxAction.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.RUNNING]).exists():
            break
        stop.wait(min(args.idle_sleep, 0.2))
    return 0
