"""Reference data: import from the official files, download from a (local) server, load fast."""

from __future__ import annotations

import csv
import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from colibri.core import geodata
from colibri.core.refindex import RefDataError, ReferenceIndex, build_index, gender_forms, load_index
from colibri.refdata import OFFICIAL_FILES, DownloadError, import_reference_data

REPO = Path(__file__).resolve().parents[2]
COLIBRI = REPO / ".venv" / "bin" / "colibri"


def test_it_imports_the_official_cog_and_rome(ref_index: ReferenceIndex) -> None:
    assert len(ref_index.communes) > 34_000
    assert len(ref_index.departements) == 101
    assert len(ref_index.regions) == 18
    assert len(ref_index.appellations) > 10_000
    assert ref_index.romes["M1203"] == "Comptabilité"
    assert ref_index.match_rome("Comptable") == ("M1203", "Comptable")
    assert ref_index.match_rome("Chargée de communication")[0] == "E1103"  # type: ignore[index]
    assert ref_index.match_rome("zzzz qwerty") is None


def test_it_splits_gendered_rome_labels() -> None:
    assert gender_forms("Chargé / Chargée de communication") == [
        "Chargé de communication",
        "Chargée de communication",
    ]
    assert gender_forms("Responsable développement / Business Developer") == [
        "Responsable développement",
        "Business Developer",
    ]
    assert gender_forms("Comptable") == ["Comptable"]


def test_it_matches_the_builtin_table_with_the_official_cog(shared_data: Path) -> None:
    with (shared_data / "insee-cog-2024" / "v_departement_2024.csv").open(encoding="utf-8") as fh:
        official = {(r["DEP"], r["LIBELLE"], r["REG"]) for r in csv.DictReader(fh)}
    assert {(c, n, r) for c, n, r, _p in geodata.DEPARTEMENTS} == official
    with (shared_data / "insee-cog-2024" / "v_region_2024.csv").open(encoding="utf-8") as fh:
        regions = {(r["REG"], r["LIBELLE"]) for r in csv.DictReader(fh)}
    assert {(c, n) for c, n, _p in geodata.REGIONS} == regions


def test_it_says_none_when_nothing_was_imported_and_refuses_a_broken_index(tmp_path: Path) -> None:
    assert load_index(tmp_path) is None
    (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(RefDataError, match=r"re-import|again"):
        load_index(tmp_path)


def test_it_refuses_files_with_the_wrong_columns(tmp_path: Path, shared_data: Path) -> None:
    rome = tmp_path / "rome"
    rome.mkdir()
    (rome / "romes_public.csv").write_text("code;label\nA1101;x\n", encoding="utf-8")
    shutil.copy(shared_data / "rome" / "appellations_public.csv", rome)
    with pytest.raises(RefDataError, match="missing columns"):
        build_index(None, rome, tmp_path / "out")


def test_it_updates_one_part_and_keeps_the_other(tmp_path: Path, shared_data: Path) -> None:
    build_index(shared_data / "insee-cog-2024", None, tmp_path)
    index = build_index(None, shared_data / "rome", tmp_path)
    assert len(index.communes) > 34_000 and len(index.appellations) > 10_000


@pytest.fixture
def mirror(tmp_path: Path, shared_data: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server serving copies of the official files (URL/cog/<name>, URL/rome/<name>)."""
    root = tmp_path / "www"
    for remote in OFFICIAL_FILES:
        src_dir = "insee-cog-2024" if remote.group == "cog" else "rome"
        (root / remote.group).mkdir(parents=True, exist_ok=True)
        shutil.copy(shared_data / src_dir / remote.name, root / remote.group / remote.name)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def test_it_downloads_checks_and_imports_the_official_files(mirror: tuple[str, Path], tmp_path: Path) -> None:
    url, _root = mirror
    out = tmp_path / "refdata"
    proc = subprocess.run(
        [str(COLIBRI), "data", "import", "--out", str(out), "--base-url", url],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "100%" in proc.stderr  # the progress bar
    assert "communes" in proc.stdout
    index = load_index(out)
    assert index is not None and len(index.communes) > 34_000


def test_it_refuses_a_file_whose_checksum_changed(mirror: tuple[str, Path], tmp_path: Path) -> None:
    url, root = mirror
    with (root / "rome" / "romes_public.csv").open("a", encoding="utf-8") as fh:
        fh.write("Z9999;Métier ajouté\n")
    with pytest.raises(DownloadError, match="checksum mismatch"):
        import_reference_data(tmp_path / "out", base_url=url, progress=None)
    assert load_index(tmp_path / "out") is None  # nothing half-imported
    index = import_reference_data(tmp_path / "out", base_url=url, progress=None, verify=False)
    assert index.romes["Z9999"] == "Métier ajouté"


def test_it_says_clearly_when_it_cannot_download(tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(COLIBRI), "data", "import", "--out", str(tmp_path), "--base-url", "http://127.0.0.1:9"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "cannot download" in proc.stderr and "--cog DIR --rome DIR" in proc.stderr


def test_it_explains_the_import_command() -> None:
    proc = subprocess.run(
        [str(COLIBRI), "data", "import", "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0
    for words in ("--cog DIR", "--rome DIR", "--out DIR", "COLIBRI_REFDATA_DIR", "download"):
        assert words in proc.stdout


def test_it_imports_from_local_directories_with_the_cli(shared_data: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [str(COLIBRI), "data", "import", "--cog", str(shared_data / "insee-cog-2024"),
         "--rome", str(shared_data / "rome"), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    info = subprocess.run(
        [str(COLIBRI), "data", "info", "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert "101 départements" in info.stdout


def test_it_loads_the_index_quickly_and_within_150_mb(index_dir: Path) -> None:
    code = (
        "import re, time\n"
        "t = time.perf_counter()\n"
        "from colibri.core.refindex import load_index\n"
        "from colibri.core.triage import Triager\n"
        "from colibri.core.types import Post\n"
        f"tr = Triager(load_index({str(index_dir)!r}))\n"
        "tr.triage(Post(id='1', text='#PleaseRT #Comptable #Lyon #i4EmploiR'))\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
        "print(time.perf_counter() - t, int(hwm) / 1024)\n"
    )
    proc = subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), "-c", code], capture_output=True, text=True
    )
    seconds, rss_mb = map(float, proc.stdout.split())
    assert rss_mb <= 150
    assert seconds < 30  # generous: the machine is shared; typically well under 2 s
