"""The compiled triage core: which modules mypyc compiles, and whether the compiled files still match.

Triage must keep up with a network's stream on one core (issue 14: >= 5,000 posts/s on posts as long
as real ones). The engine is pure Python (`colibri.core`, typed and checked by mypy); `make install`
also compiles the modules on its path with mypyc (shipped with the pinned mypy) into C extensions
that sit next to their sources. Python imports an extension before a `.py` of the same name, so the
compiled files run wherever they exist, and the pure modules run wherever they do not (no compiler,
`COLIBRI_PURE=1`): the same code, the same outputs (tests/test_native.py checks both), only speed
differs.

An extension compiled from an older source would silently run old code after an edit. The build
writes a manifest of the sources' SHA-256 (`colibri/core/compiled.sha256`); `drop_if_stale()`, called
by the `colibri` command and by the test session before anything imports the engine, removes every
compiled file as soon as one source differs, so an edited tree runs its pure modules until the next
`make install` compiles again.

Nothing here runs on import; `scripts/build-core` does the compiling.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

# Every module `colibri.core.triage` imports (tests/test_native.py keeps this list complete): compiled
# together, their calls to each other are C calls. The reply classifier and the planner are not on the
# stream's hot path and stay pure.
COMPILED_MODULES: tuple[str, ...] = (
    "classify",
    "classify_patterns",
    "cues",
    "feedback",
    "geodata",
    "jobs",
    "location",
    "location_rules",
    "multiregex",
    "parse",
    "post_shape",
    "refindex",
    "regex_gates",
    "second_opinion",
    "text",
    "triage",
    "types",
    "verdict",
)
# mypyc's group: its shared library is colibri/core/compiled__mypyc.<tag>.so (inside the package, not
# at the top of the tree as a nameless group's would be).
GROUP = "colibri.core.compiled"
GROUP_LIBRARY = GROUP.rsplit(".", 1)[1] + "__mypyc"
CORE = Path(__file__).resolve().parent / "core"
MANIFEST_NAME = "compiled.sha256"  # in the core directory, beside the extensions it vouches for


def sources(core: Path = CORE) -> list[Path]:
    return [core / f"{name}.py" for name in COMPILED_MODULES]


def compiled_files(core: Path = CORE) -> list[Path]:
    """The extension files in `core` (any Python version's), the group library included."""
    names = {*COMPILED_MODULES, GROUP_LIBRARY}
    return sorted(p for p in core.glob("*.so") if p.name.split(".")[0] in names)


def fingerprint(core: Path = CORE) -> str:
    """The manifest's text for the sources as they are now: one `sha256  name.py` line each."""
    lines = [f"# python {sys.version_info.major}.{sys.version_info.minor}"]
    lines += [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}" for p in sources(core)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class State:
    compiled: bool  # compiled files present and built from the sources as they are
    stale: bool  # compiled files present that do not match (or have no manifest)


def state(core: Path = CORE) -> State:
    files = compiled_files(core)
    if not files:
        return State(compiled=False, stale=False)
    manifest = core / MANIFEST_NAME
    fresh = manifest.exists() and manifest.read_text(encoding="utf-8") == fingerprint(core)
    # One extension per module plus the group library: a partial build is stale too.
    stems = {p.name.split(".")[0] for p in files}
    complete = stems == {*COMPILED_MODULES, GROUP_LIBRARY}
    ok = fresh and complete
    return State(compiled=ok, stale=not ok)


def drop(core: Path = CORE) -> list[Path]:
    """Remove the compiled files and the manifest: the pure modules run from now on."""
    removed = compiled_files(core)
    for path in removed:
        path.unlink(missing_ok=True)
    (core / MANIFEST_NAME).unlink(missing_ok=True)
    return removed


def copy_pure(dest: Path) -> Path:
    """A copy of the `colibri` package without its compiled files, at dest/colibri: what the pure core
    runs, for comparing it with the compiled one (tests/test_native.py, bench/triage_speed.py)."""
    package = CORE.parent
    return Path(
        shutil.copytree(package, dest / package.name, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
    )


def drop_if_stale(core: Path = CORE) -> str | None:
    """Remove compiled files that no longer match their sources; a one-line notice when it did.

    Must run before anything imports `colibri.core`'s compiled modules (an extension already loaded
    stays loaded)."""
    if not state(core).stale:
        return None
    removed = drop(core)
    return (
        f"colibri: {len(removed)} compiled file(s) of colibri/core were older than their sources and "
        "were removed; the pure Python core runs until `make install` compiles it again"
    )
