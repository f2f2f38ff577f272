"""`colibri triage [FILE|-]`: JSON lines in, one JSON verdict per line out (stable contract)."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Triage posts (JSON lines): category, eligibility, job, place, reasons.")

CONTRACT_KEYS = (
    "id", "category", "eligible", "needs_review", "confidence", "job_title", "rome_code",
    "location", "contract", "links", "feedback", "reasons", "auto_approvable",
)  # fmt: skip


def default_refdata_dir() -> Path:
    """Same default as settings.COLIBRI_REFDATA_DIR, without importing Django."""
    explicit = os.environ.get("COLIBRI_REFDATA_DIR")
    if explicit:
        return Path(explicit)
    var = os.environ.get("COLIBRI_VAR_DIR")
    if var:
        return Path(var) / "refdata"
    return Path(__file__).resolve().parent.parent.parent / "var" / "refdata"


# The official INSEE COG and ROME files, where this workplace keeps them: beside the repository.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def shared_sources() -> tuple[Path, Path] | None:
    """(COG directory, ROME directory) of the official files beside the repository, when both are there."""
    cog, rome = SHARED_DATA / "insee-cog-2024", SHARED_DATA / "rome"
    return (cog, rome) if cog.is_dir() and rome.is_dir() else None


def ensure_default_index(index_dir: Path) -> None:
    """Build the default reference index once when the official files sit beside the repository.

    Without it, triage knows only the built-in départements, régions and big cities (no ROME codes,
    no small communes), and a new user who ran only the install step would get much poorer answers
    without knowing why. Building takes about a second and is written atomically
    (`refindex.build_index`), so two first runs at once are harmless. Only the default location is
    filled: an explicit --index or $COLIBRI_REFDATA_DIR means the caller chose what to use.
    """
    from colibri.core.refindex import INDEX_FILE, RefDataError, build_index

    sources = shared_sources()
    if (index_dir / INDEX_FILE).exists() or sources is None:
        return
    print(
        _("colibri triage: building the reference index from %(src)s into %(dst)s (once)…")
        % {"src": SHARED_DATA, "dst": index_dir},
        file=sys.stderr,
    )
    try:
        build_index(*sources, index_dir)
    except (RefDataError, OSError) as exc:
        print(
            _("colibri triage: reference index not built (%(error)s): using the built-in data")
            % {"error": exc},
            file=sys.stderr,
        )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        default="-",
        help=_('JSON lines {"id", "network", "text", "author_bio", "has_image"}; "-" or nothing reads stdin'),
    )
    parser.add_argument(
        "--index",
        metavar="DIR",
        help=_(
            "reference index built by `colibri data import` (default: $COLIBRI_REFDATA_DIR or "
            "./var/refdata; built-in départements and régions only when none was imported)"
        ),
    )
    parser.add_argument(
        "--full", action="store_true", help=_("also print rome_label, hashtags, profile_link, scores")
    )


def _output(result: Any, full: bool) -> dict[str, Any]:
    data = result.to_json()
    if full:
        return data
    out = {k: data[k] for k in CONTRACT_KEYS}
    return out


# Exit codes: 0 every line triaged; 1 the input or the output failed (one line on stderr); LINES_FAILED
# when the output is complete but some lines hold an error instead of a verdict; 128 + SIGPIPE when
# the reader went away (`colibri triage | head`), as a shell tool killed by SIGPIPE would.
LINES_FAILED = 3
BROKEN_PIPE = 141


class OutputError(Exception):
    """Writing the verdicts failed (disk full, closed pipe…): not the input's fault."""


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _verdict(line: str, lineno: int, triager: Any, full: bool, seen: dict[str, Any]) -> dict[str, Any]:
    """The verdict for one line; raises with the reason. `seen["id"]` gets the line's id once read."""
    from colibri.core.types import Post

    obj = json.loads(line, parse_constant=_reject_constant)
    if not isinstance(obj, dict):
        raise ValueError("a JSON object was expected")
    ident = obj.get("id", lineno)
    if isinstance(ident, float) and not math.isfinite(ident):  # 1e999 parses as Infinity
        raise ValueError('"id" must be a string or a finite number')
    if isinstance(ident, str | int):
        seen["id"] = ident
    text = obj.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" is missing or not a string')
    bio = obj.get("author_bio") or ""
    if not isinstance(bio, str):
        raise ValueError('"author_bio" is not a string')
    post = Post(
        id=str(ident),
        text=text,
        network=str(obj.get("network") or "bluesky"),
        author_bio=bio,
        has_image=bool(obj.get("has_image", False)),
        image_alt=str(obj.get("image_alt") or ""),
    )
    data = _output(triager.triage(post), full)
    data["id"] = ident  # echo the id exactly as given (a number stays a number)
    return data


def triage_lines(stream: BinaryIO, triager: Any, full: bool, out: TextIO) -> int:
    """Triage JSON-lines posts (bytes) from `stream` to `out`: the command's loop (bench/triage_identity
    uses it too). Returns the command's exit code."""
    failed = 0
    for lineno, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        seen: dict[str, Any] = {"id": lineno}
        try:
            # Decoded per line: invalid UTF-8 is this line's error; a BOM opening the file is no data.
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            data = _verdict(line, lineno, triager, full, seen)
            # Strict JSON out, dumped once: a NaN or Infinity anywhere is this line's error, never
            # invalid output.
            text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        except Exception as exc:
            # One line never costs the rest of the file, whatever it holds ('[' * 200000 overflows the
            # parser's recursion; an engine bug on one text is reported the same way).
            failed += 1
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:300]
            message = f"line {lineno}: {reason}"
            print(f"colibri triage: {message}", file=sys.stderr)
            text = json.dumps({"id": seen["id"], "error": message}, ensure_ascii=False, allow_nan=False)
        try:
            out.write(text + "\n")
        except OSError as exc:
            raise OutputError(exc) from exc
    try:
        out.flush()
    except OSError as exc:
        raise OutputError(exc) from exc
    return LINES_FAILED if failed else 0


def _quiet_broken_pipe() -> int:
    # The reader closed the pipe: stop without a traceback. Python flushes stdout again at exit, so
    # point it at /dev/null first or that flush raises once more.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return BROKEN_PIPE


def run(args: argparse.Namespace) -> int:
    from colibri.core.refindex import RefDataError, load_index
    from colibri.core.triage import Triager

    index_dir = Path(args.index) if args.index else default_refdata_dir()
    if args.index and not index_dir.is_dir():
        raise CommandError(f"no reference index directory {index_dir}")
    if not args.index and not os.environ.get("COLIBRI_REFDATA_DIR"):
        ensure_default_index(index_dir)
    try:
        index = load_index(index_dir)
    except RefDataError as exc:
        raise CommandError(str(exc)) from exc
    triager = Triager(index=index)
    try:
        if args.file == "-":
            return triage_lines(sys.stdin.buffer, triager, args.full, sys.stdout)
        try:
            fh = open(args.file, "rb")  # opened apart: a read error is named apart from a write error
        except OSError as exc:
            raise CommandError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
        with fh:
            return triage_lines(fh, triager, args.full, sys.stdout)
    except OutputError as exc:
        if isinstance(exc.__cause__, BrokenPipeError):
            return _quiet_broken_pipe()
        cause = exc.__cause__
        reason = getattr(cause, "strerror", None) or cause
        raise CommandError(f"cannot write the verdicts: {reason}") from exc
    except OSError as exc:
        raise CommandError(f"cannot read {args.file}: {exc.strerror or exc}") from exc
