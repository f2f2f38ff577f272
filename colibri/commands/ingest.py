"""`colibri ingest`: read the configured networks' streams (or the sample stream) into requests."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Read the configured networks' streams (or the sample stream) and create the requests.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--file", type=Path, default=None, help=_("replay this JSONL file instead of the configured networks")
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=None,
        metavar="SECONDS",
        help=_("pause between two replayed events (default: COLIBRI_REPLAY_INTERVAL)"),
    )
    parser.add_argument(
        "--follow",
        action="store_true",
        help=_("do not stop at the end of the stream: wait for new events"),
    )
    parser.add_argument(
        "--poll", type=float, default=5.0, metavar="SECONDS", help=_("wait between two reads with --follow")
    )
    parser.add_argument(
        "--defer-triage",
        action="store_true",
        help=_("leave triage to the worker (triage_request task) instead of doing it here"),
    )
    parser.add_argument(
        "--network",
        choices=("bluesky", "mastodon", "x"),
        default=None,
        help=_("read only this network's stream (one ingest process per network in production)"),
    )
    parser.add_argument("--quiet", action="store_true", help=_("no progress line"))


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import require_migrated, setup_django

    setup_django()
    require_migrated()
    from colibri.networks.base import Network
    from colibri.relay.ingest import Ingestor
    from colibri.relay.sources import configured_networks, replay_network

    if args.file is not None:
        if not args.file.is_file():
            raise CommandError(_("file not found: %(path)s") % {"path": args.file})
        networks: list[Network] = [replay_network(args.file, interval=args.interval)]
    else:
        networks = configured_networks()
        if args.network is not None:
            networks = [n for n in networks if n.name == args.network]
            if not networks:
                raise CommandError(_("no %(network)s account configured") % {"network": args.network})
        for network in networks:
            path = getattr(network, "path", None)
            if isinstance(path, Path) and not path.is_file():
                raise CommandError(_("no network configured and no sample stream: %(path)s") % {"path": path})
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
        print(_("ingest: reading %(names)s") % {"names": names}, file=sys.stderr, flush=True)
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
        print(_("ingest: done, %(stats)s") % {"stats": stats.line()}, file=sys.stderr, flush=True)
    if ingestor.errors:
        raise CommandError("; ".join(ingestor.errors))
    return 0
