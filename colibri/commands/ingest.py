"""`colibri ingest`: read the configured networks' streams (or the sample stream) into requests."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from colibri.cli import CommandError

HELP = "Lire les flux des réseaux configurés (ou le flux d'exemple) et créer les demandes."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file", type=Path, default=None, help="rejouer ce fichier JSONL au lieu des réseaux configurés"
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=None,
        metavar="SECONDS",
        help="pause entre deux événements rejoués (défaut : COLIBRI_REPLAY_INTERVAL)",
    )
    parser.add_argument(
        "--follow",
        action="store_true",
        help="ne pas s'arrêter à la fin du flux : attendre les nouveaux événements",
    )
    parser.add_argument(
        "--poll", type=float, default=5.0, metavar="SECONDS", help="attente entre deux lectures avec --follow"
    )
    parser.add_argument(
        "--defer-triage",
        action="store_true",
        help="confier l'analyse au worker (tâche triage_request) au lieu de la faire ici",
    )
    parser.add_argument("--quiet", action="store_true", help="pas de ligne de progression")


def require_migrated() -> None:
    """Fail fast with a clear reason instead of retrying forever on missing tables."""
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        raise CommandError(f"base de données inaccessible : {exc}") from exc
    if pending:
        raise CommandError(
            "la base de données n'est pas à jour : lancez `colibri run` (ou `migrate`) d'abord"
        )


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    require_migrated()
    from colibri.networks.base import Network
    from colibri.relay.ingest import Ingestor, configured_networks, replay_network

    if args.file is not None:
        if not args.file.is_file():
            raise CommandError(f"fichier introuvable : {args.file}")
        networks: list[Network] = [replay_network(args.file, interval=args.interval)]
    else:
        networks = configured_networks()
        for network in networks:
            path = getattr(network, "path", None)
            if isinstance(path, Path) and not path.is_file():
                raise CommandError(f"aucun réseau configuré et flux d'exemple introuvable : {path}")
            if args.interval is not None and hasattr(network, "interval"):
                network.interval = args.interval

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():  # second Ctrl-C: give up waiting for a blocked network call
            raise SystemExit(130)
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    def progress(line: str) -> None:
        print(f"ingest: {line}", file=sys.stderr, flush=True)

    names = ", ".join(sorted({n.name for n in networks}))
    if not args.quiet:
        print(f"ingest: lecture de {names}", file=sys.stderr, flush=True)
    ingestor = Ingestor(
        networks,
        follow=args.follow,
        poll_interval=args.poll,
        defer_triage=args.defer_triage,
        progress=None if args.quiet else progress,
        stop=stop,
    )
    stats = ingestor.run()
    if not args.quiet:
        print(f"ingest: terminé, {stats.line()}", file=sys.stderr, flush=True)
    if ingestor.errors:
        raise CommandError("; ".join(ingestor.errors))
    return 0
