"""`colibri data import|info`: the reference data (communes, départements, régions, ROME jobs)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy("Reference data (INSEE communes, ROME jobs): import, and what the local index holds.")

IMPORT_HELP = gettext_lazy(
    """\
Build the local reference index used by triage (communes, départements, régions from the
INSEE COG; job titles from the ROME referential).

  colibri data import --cog DIR --rome DIR   read the official CSV files from local directories
                                             (DIR with v_commune_*.csv, v_departement_*.csv,
                                             v_region_*.csv / appellations_public.csv, romes_public.csv)
  colibri data import                        download the official files (SHA-256 checked)

Giving only --cog or only --rome updates that part and keeps the other. The index goes to
--out DIR, else $COLIBRI_REFDATA_DIR, else ./var/refdata. Without any import, triage still
knows all départements, régions, their prefectures and the biggest cities."""
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="data_command", metavar="ACTION")
    imp = sub.add_parser(
        "import",
        help=_("build the index from local CSV files or by downloading the official ones"),
        description=str(IMPORT_HELP),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    imp.add_argument("--cog", metavar="DIR", type=Path, help=_("directory holding the INSEE COG CSV files"))
    imp.add_argument("--rome", metavar="DIR", type=Path, help=_("directory holding the ROME CSV files"))
    imp.add_argument(
        "--out", metavar="DIR", type=Path, help=_("where to write the index (default: see above)")
    )
    imp.add_argument(
        "--base-url",
        metavar="URL",
        help=_(
            "download from this mirror instead (files at URL/cog/<name> and URL/rome/<name>; "
            "also $COLIBRI_REFDATA_BASE_URL)"
        ),
    )
    imp.add_argument(
        "--skip-checksum", action="store_true", help=_("accept downloaded files whose SHA-256 changed")
    )
    info = sub.add_parser("info", help=_("say what the local index holds"))
    info.add_argument(
        "--out", metavar="DIR", type=Path, help=_("index directory (default: see `data import -h`)")
    )


def _out_dir(args: argparse.Namespace) -> Path:
    from colibri.commands.triage import default_refdata_dir

    return Path(args.out) if args.out else default_refdata_dir()


def run(args: argparse.Namespace) -> int:
    from colibri.core.refindex import RefDataError, load_index
    from colibri.refdata import DownloadError, import_reference_data

    if args.data_command is None:
        raise CommandError(_("choose an action: `colibri data import` or `colibri data info` (see --help)"))
    out = _out_dir(args)
    if args.data_command == "info":
        try:
            index = load_index(out)
        except RefDataError as exc:
            raise CommandError(str(exc)) from exc
        if index is None:
            print(
                _("No reference index in %(path)s: triage uses the built-in départements and régions.")
                % {"path": out}
            )
            return 0
        print(
            _(
                "Index %(path)s: %(communes)d communes, %(departements)d départements, %(regions)d régions, "
                "%(jobs)d ROME job titles (built %(built)s)."
            )
            % {
                "path": out,
                "communes": len(index.communes),
                "departements": len(index.departements),
                "regions": len(index.regions),
                "jobs": len(index.appellations),
                "built": index.meta.get("built_at", "?"),
            }
        )
        return 0
    for label, d in (("--cog", args.cog), ("--rome", args.rome)):
        if d is not None and not Path(d).is_dir():
            raise CommandError(_("%(option)s %(path)s: no such directory") % {"option": label, "path": d})
    started = time.monotonic()
    if args.cog is None and args.rome is None:
        print(_("Downloading the official reference files…"), file=sys.stderr)
    try:
        index = import_reference_data(
            out, cog_dir=args.cog, rome_dir=args.rome, base_url=args.base_url, verify=not args.skip_checksum
        )
    except (RefDataError, DownloadError) as exc:
        raise CommandError(str(exc)) from exc
    print(
        _(
            "Reference index written to %(path)s: %(communes)d communes, %(departements)d départements, "
            "%(jobs)d ROME job titles (%(seconds).1f s)."
        )
        % {
            "path": out,
            "communes": len(index.communes),
            "departements": len(index.departements),
            "jobs": len(index.appellations),
            "seconds": time.monotonic() - started,
        }
    )
    return 0
