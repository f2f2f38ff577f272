"""The `colibri` command: one entry point, thin subcommands.

Each subcommand lives in its own module under `colibri.commands` exposing
`HELP`, `add_arguments(parser)` and `run(args) -> int`. Modules are imported
only when their subcommand runs, so `colibri triage` never pays for Django.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> module under colibri.commands
SUBCOMMANDS: dict[str, str] = {
    "run": "run",
    "ingest": "ingest",
    "worker": "worker",
    "triage": "triage",
    "data": "data",
    "createuser": "createuser",
    "card": "card",
    "plan": "plan",
    "replan": "replan",
    "dispatch": "dispatch",
    "feeds": "feeds",
    "erase": "erase",
}


class CommandError(Exception):
    """A failure to report as one line on stderr with a non-zero exit."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="colibri", description="Colibri: relais solidaire pour l'emploi.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(f"colibri.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"colibri.commands.{module_name}":
                raise
            continue  # subcommand not built yet
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except CommandError as exc:
        print(f"colibri {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # Under `python -m colibri.cli` this module is `__main__`: run the imported `colibri.cli` so
    # subcommands' `colibri.cli.CommandError` is the class `main` catches (one-line errors).
    from colibri.cli import main as _main

    sys.exit(_main())
