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
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Run the outbox: reposts of the official account and of members, undos, digests.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help=_("one pass: what is due now, then exit"))
    mode.add_argument(
        "--drain",
        action="store_true",
        help=_("run until nothing is pending or running (retries included), then exit"),
    )
    parser.add_argument("--worker-id", default="", help=_("name of this worker (default: host:pid:random)"))
    parser.add_argument("--lease", type=float, default=None, help=_("lease of a claimed action, in seconds"))
    parser.add_argument("--batch", type=int, default=None, help=_("actions claimed at once"))
    parser.add_argument("--max-attempts", type=int, default=None, help=_("attempts before failing for good"))
    parser.add_argument("--backoff-base", type=float, default=None, help=_("first retry delay (s)"))
    parser.add_argument(
        "--backoff-max", type=float, default=None, help=_("longest delay between two attempts (s)")
    )
    parser.add_argument(
        "--official-gap",
        type=float,
        default=None,
        help=_("shortest gap between two official reposts, in seconds (default: active hours / budget)"),
    )
    parser.add_argument("--idle-sleep", type=float, default=2.0, help=_("pause when nothing is due (s)"))
    parser.add_argument("--no-plan", action="store_true", help=_("do not queue new actions"))


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import require_migrated, setup_django

    setup_django()
    require_migrated()
    from colibri.relay.dispatch import DispatchConfig, Dispatcher
    from colibri.relay.models import OutboxAction, OutboxStatus

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
                raise CommandError(_("--%(option)s must be positive") % {"option": attr.replace("_", "-")})
            setattr(config, attr, value)
    if args.official_gap is not None:
        if args.official_gap < 0:
            raise CommandError(_("--official-gap cannot be negative"))
        config.official_min_gap = args.official_gap
    try:
        dispatcher = Dispatcher(worker_id=args.worker_id or None, config=config)
    except RuntimeError as exc:
        raise CommandError(str(exc)) from exc

    if args.once:
        stats = dispatcher.run_once(plan=not args.no_plan)
        print(" ".join(f"{k}={v}" for k, v in sorted(stats.counts.items()) if v) or _("nothing to do"))
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
