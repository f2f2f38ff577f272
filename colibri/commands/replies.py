"""`colibri replies classify [FILE|-]`: a seeker's answers (JSON lines) to intents (stable contract).

In: `{"id", "text"}` per line (an answer to a check-in, or a reply under a request). Out, one line
per input line, in order: `{"id", "intent", "reasons"}` with `intent` one of hired, searching,
stop, other (`colibri.core.replies.classify_reply`, the code the ingest and the follow-up use).
A malformed line gives `{"id", "error"}` and a `line N: …` message on stderr; the exit code is
then 1 (0 when every line was classified), so a script notices without losing the other lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Seekers' answers: classify JSON lines as hired, searching, stop or other.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="replies_command", metavar="ACTION", required=True)
    classify = sub.add_parser(
        "classify",
        help=_('JSON lines {"id", "text"} in, {"id", "intent", "reasons"} out'),
        description=_('JSON lines {"id", "text"} in, {"id", "intent", "reasons"} out'),
    )
    classify.add_argument(
        "file", nargs="?", default="-", help=_('JSON lines {"id", "text"}; "-" or nothing reads stdin')
    )


def classify_stream(stream: TextIO, out: TextIO) -> int:
    """Classify each line of `stream` into `out`; the number of malformed lines."""
    from colibri.core.replies import classify_reply

    errors = 0
    for lineno, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        ident: Any = lineno
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("a JSON object was expected")
            ident = obj.get("id", lineno)
            if not isinstance(ident, str | int) or isinstance(ident, bool):
                ident = lineno
                raise ValueError('"id" must be a string or an integer')
            text = obj.get("text")
            if not isinstance(text, str):
                raise ValueError('"text" is missing or not a string')
            result = classify_reply(text)
            data: dict[str, Any] = {"id": ident, "intent": result.intent, "reasons": list(result.reasons)}
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            errors += 1
            message = f"line {lineno}: {exc}"
            print(f"colibri replies classify: {message}", file=sys.stderr)
            data = {"id": ident, "error": message}
        out.write(json.dumps(data, ensure_ascii=False) + "\n")
    out.flush()
    return errors


def run(args: argparse.Namespace) -> int:
    if args.file == "-":
        return 1 if classify_stream(sys.stdin, sys.stdout) else 0
    try:
        with open(args.file, encoding="utf-8", errors="replace") as fh:
            return 1 if classify_stream(fh, sys.stdout) else 0
    except OSError as exc:
        raise CommandError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
