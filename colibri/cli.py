"""The `colibri` command: one entry point, thin subcommands.

Each subcommand lives in its own module under `colibri.commands` exposing
`HELP`, `add_arguments(parser)` and `run(args) -> int`. Modules are imported
only when their subcommand runs, so `colibri triage` never pays for `django.setup()`.

Messages are in English in the code and shown in the collective's language (settings.LANGUAGE_CODE,
French by default) through `colibri.i18n`, chosen once in `main` before anything is printed.

Every subcommand reads the same settings the same way: `main` loads ./.env (colibri.envfile) before
anything reads a setting, and a setting that cannot be read stops the command with one line naming it.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from colibri import envfile, i18n, native

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
    "django": "manage",
    "privacy": "privacy",
    "replies": "replies",
    "member": "member",
}


class CommandError(Exception):
    """A failure to report as one line on stderr with a non-zero exit."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="colibri", description=i18n.gettext("Colibri: a volunteer relay collective for job seekers.")
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in SUBCOMMANDS.items():
        try:
            module = importlib.import_module(f"colibri.commands.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"colibri.commands.{module_name}":
                raise
            continue  # subcommand not built yet
        help_text = str(module.HELP)  # lazy: translated now that the language is chosen
        p = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def _settings_loaded() -> bool:
    conf = sys.modules.get("django.conf")  # looked up, not imported: `colibri triage` needs no Django
    return conf is not None and bool(conf.settings.configured)


def _translate_argparse() -> None:
    """argparse words its help and errors ("usage: ", "options", "the following arguments are
    required") with the standard library's gettext, and Python ships no French catalog: its
    module-level `_`/`ngettext` are pointed at Colibri's catalog, which holds argparse's own msgids.
    Done when the command starts, never on import."""
    setattr(argparse, "_", i18n.gettext)  # noqa: B010 - a module global, looked up at each call
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010


def main(argv: list[str] | None = None) -> int:
    # Before any subcommand imports the engine: compiled files older than their sources would run
    # old code (colibri/native.py); removed, the pure modules run until `make install` compiles.
    notice = native.drop_if_stale()
    if notice is not None:
        print(notice, file=sys.stderr)
    # ./.env first: it may set LANGUAGE_CODE and every other setting. Called in-process once the
    # settings are loaded (tests), there is nothing left for it to change.
    if not _settings_loaded():
        envfile.load_working_directory()
    _translate_argparse()
    # Once, before any text is built; an override so an in-process call (tests) leaves the
    # caller's language as it was.
    with i18n.override(i18n.settings_language()):
        return _run_command(argv)


def _is_settings_error(exc: BaseException) -> bool:
    exceptions = sys.modules.get("django.core.exceptions")  # only Django can have raised one
    return exceptions is not None and isinstance(exc, exceptions.ImproperlyConfigured)


def _run_command(argv: list[str] | None) -> int:
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
    except Exception as exc:
        if not _is_settings_error(exc):
            raise
        # A bad setting (colibri.envvars): one line naming the variable, not a traceback.
        print(f"colibri {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # Under `python -m colibri.cli` this module is `__main__`: run the imported `colibri.cli` so
    # subcommands' `colibri.cli.CommandError` is the class `main` catches (one-line errors).
    from colibri.cli import main as _main

    sys.exit(_main())
