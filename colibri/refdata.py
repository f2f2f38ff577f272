"""Download the official reference files (INSEE COG 2024, ROME) and build the local index.

I/O lives here, not in `colibri.core`: urllib only, SHA-256 checked, a progress bar on stderr.
`base_url` (or $COLIBRI_REFDATA_BASE_URL) replaces the official hosts, for a mirror or a test
server: every file is then fetched as `<base_url>/<group>/<name>`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from colibri.core.refindex import ReferenceIndex, build_index

_INSEE = "https://www.insee.fr/fr/statistiques/fichier/7766585"
_ROME = "https://raw.githubusercontent.com/gip-inclusion/immersion-facile/main/back/src/config/pg/static-data"


@dataclass(frozen=True, slots=True)
class RemoteFile:
    group: str  # "cog" or "rome": the sub-directory it lands in
    name: str
    url: str
    sha256: str


OFFICIAL_FILES: tuple[RemoteFile, ...] = (
    RemoteFile("cog", "v_commune_2024.csv", f"{_INSEE}/v_commune_2024.csv",
               "469acd3a616a09cce93d84ad6bde2cbe3ff4cefd813d66db8267affcc7984b7f"),
    RemoteFile("cog", "v_departement_2024.csv", f"{_INSEE}/v_departement_2024.csv",
               "513900ca23edc682ef9b912d7bfc317129eac3a7d71ff19bc22b40ea4838e6eb"),
    RemoteFile("cog", "v_region_2024.csv", f"{_INSEE}/v_region_2024.csv",
               "d903566d9c0d263389d279baea6761917b7460749a07bec8ba37dd8f2ff7d98a"),
    RemoteFile("rome", "appellations_public.csv", f"{_ROME}/appellations_public.csv",
               "75b907a2276ad58ac6ac254b74c0de2f6a14a4f5609e7d93f037ad911b1d3422"),
    RemoteFile("rome", "romes_public.csv", f"{_ROME}/romes_public.csv",
               "2f4ac9694686a0909ef08c0a845e40536530cb06c029129120b45fe218be535e"),
)  # fmt: skip

TIMEOUT_S = 30
CHUNK = 64 * 1024


class DownloadError(Exception):
    """A file could not be fetched or did not match its checksum (message is for humans)."""


def _bar(name: str, done: int, total: int | None, out: TextIO) -> None:
    if total:
        frac = min(1.0, done / total)
        filled = int(frac * 30)
        out.write(f"\r  {name:<26} [{'#' * filled}{' ' * (30 - filled)}] {frac:4.0%} {done / 1e6:5.1f} MB")
    else:
        out.write(f"\r  {name:<26} {done / 1e6:5.1f} MB")
    out.flush()


def download_file(remote: RemoteFile, dest: Path, *, url: str | None = None, verify: bool = True,
                  progress: TextIO | None = None) -> Path:  # fmt: skip
    """Fetch one file to `dest/<name>` atomically; raise DownloadError with a clear reason."""
    url = url or remote.url
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / remote.name
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=dest, prefix=f".{remote.name}.")
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "colibri-refdata/1"})  # noqa: S310
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as resp, os.fdopen(fd, "wb") as fh:  # noqa: S310
            length = resp.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            done = 0
            while chunk := resp.read(CHUNK):
                fh.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if progress is not None:
                    _bar(remote.name, done, total, progress)
        if progress is not None:
            progress.write("\n")
        if verify and digest.hexdigest() != remote.sha256:
            raise DownloadError(
                f"{remote.name}: checksum mismatch (got {digest.hexdigest()[:16]}…, expected "
                f"{remote.sha256[:16]}…); the file at {url} changed. Check it, then re-run with --skip-checksum."  # noqa: E501
            )
        os.replace(tmp, target)
        os.chmod(target, 0o644)
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"cannot download {url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        if isinstance(exc, DownloadError):
            raise
        reason = getattr(exc, "reason", None) or exc
        raise DownloadError(
            f"cannot download {url} ({reason}). Without network access, fetch the official files by hand "
            "and run `colibri data import --cog DIR --rome DIR`."
        ) from exc
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def download_official(dest: Path, *, base_url: str | None = None, verify: bool = True,
                      progress: TextIO | None = sys.stderr) -> tuple[Path, Path]:  # fmt: skip
    """Download every official file under dest/cog and dest/rome; return those two directories."""
    base_url = (base_url or os.environ.get("COLIBRI_REFDATA_BASE_URL") or "").rstrip("/")
    for remote in OFFICIAL_FILES:
        url = f"{base_url}/{remote.group}/{remote.name}" if base_url else remote.url
        download_file(remote, dest / remote.group, url=url, verify=verify, progress=progress)
    return dest / "cog", dest / "rome"


def import_reference_data(out_dir: Path, *, cog_dir: Path | None = None, rome_dir: Path | None = None,
                          base_url: str | None = None, verify: bool = True,
                          progress: TextIO | None = sys.stderr) -> ReferenceIndex:  # fmt: skip
    """Build the index from local directories, or download the official files when none is given."""
    if cog_dir is None and rome_dir is None:
        with tempfile.TemporaryDirectory(prefix="colibri-refdata-") as tmp:
            cog, rome = download_official(Path(tmp), base_url=base_url, verify=verify, progress=progress)
            return build_index(cog, rome, out_dir)
    return build_index(cog_dir, rome_dir, out_dir)


def clear_index(out_dir: Path) -> None:
    shutil.rmtree(out_dir, ignore_errors=True)
