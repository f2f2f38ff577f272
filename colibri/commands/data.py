"""`colibri data import|info`: the reference data (communes, départements, régions, ROME jobs)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from colibri.cli import CommandError
from colibri.i18n import gettext_lazy

# Only this line (in `colibri --help`) is translated: the subcommand's own help and messages stay
# in English, as tests/core/test_refdata.py expects them.
HELP = gettext_lazy("Reference data (INSEE communes, ROME jobs): import, and what the local index holds.")

IMPORT_HELP = """\
Build the local reference index used by triage (communes, départements, régions from the
INSEE COG; job titles from the ROME referential).

  colibri data import --cog DIR --rome DIR   read the official CSV files from local directories
                                             (DIR with v_commune_*.csv, v_departement_*.csv,
                                             v_region_*.csv / appellations_public.csv, romes_public.csv)
  colibri data import                        download the official files (SHA-256 checked)

Giving only --cog or only --rome updates that part and keeps the other. The index goes to
--out DIR, else $COLIBRI_REFDATA_DIR, else ./var/refdata. Without any import, triage still
knows all départements, régions, their prefectures and the biggest cities."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="data_command", metavar="ACTION")
    imp = sub.add_parser(
        "import",
        help="build the index from local CSV files or by downloading the official ones",
        description=IMPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("--cog", metavar="DIR", type=Path, help="directory holding the INSEE COG CSV files")
    imp.add_argument("--rome", metavar="DIR", type=Path, help="directory holding the ROME CSV files")
    imp.add_argument("--out", metavar="DIR", type=Path, help="where to write the index (default: see above)")
    imp.add_argument(
        "--base-url",
        metavar="URL",
        help="download from this mirror instead (files at URL/cog/<name> and URL/rome/<name>; "
        "also $COLIBRI_REFDATA_BASE_URL)",
    )
    imp.add_argument(
        "--skip-checksum", action="store_true", help="accept downloaded files whose SHA-256 changed"
    )
    info = sub.add_parser("info", help="say what the local index holds")
    info.add_argument(
        "--out", metavar="DIR", type=Path, help="index directory (default: see `data import -h`)"
    )


def _out_dir(args: argparse.Namespace) -> Path:
    from colibri.commands.triage import default_refdata_dir

    return Path(args.out) if args.out else default_refdata_dir()


def run(args: argparse.Namespace) -> int:
    from colibri.core.refindex import RefDataError, load_index
    from colibri.refdata import DownloadError, import_reference_data

    if args.data_command is None:
        raise CommandError("choose an action: `colibri data import` or `colibri data info` (see --help)")
    out = _out_dir(args)
    if args.data_command == "info":
        try:
            index = load_index(out)
        except RefDataError as exc:
            raise CommandError(str(exc)) from exc
        if index is None:
            print(f"No reference index in {out}: triage uses the built-in départements and régions.")
            return 0
        print(f"Index {out}: {len(index.communes)} communes, {len(index.departements)} départements, "
              f"{len(index.regions)} régions, {len(index.appellations)} ROME job titles "
              f"(built {index.meta.get('built_at', '?')}).")  # fmt: skip
        return 0
    for label, d in (("--cog", args.cog), ("--rome", args.rome)):
        if d is not None and not Path(d).is_dir():
            raise CommandError(f"{label} {d}: no such directory")
    started = time.monotonic()
    if args.cog is None and args.rome is None:
        print("Downloading the official reference files…", file=sys.stderr)
    try:
        index = import_reference_data(
            out, cog_dir=args.cog, rome_dir=args.rome, base_url=args.base_url, verify=not args.skip_checksum
        )
    except (RefDataError, DownloadError) as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"Reference index written to {out}: {len(index.communes)} communes, {len(index.departements)} "
        f"départements, {len(index.appellations)} ROME job titles ({time.monotonic() - started:.1f} s)."
    )
    return 0
