"""The compiled triage core (colibri/native.py, scripts/build-core): complete, fresh, and the same as pure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from colibri import native

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "triage_corpus.jsonl"
SHARED_DATA = REPO.parent / "shared" / "data"


def _python(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _fake_build(core: Path) -> None:
    """A core directory as scripts/build-core leaves it (the extensions are empty files here)."""
    for name in native.COMPILED_MODULES:
        (core / f"{name}.py").write_text(f"X = {name!r}\n", encoding="utf-8")
        (core / f"{name}.cpython-313-x86_64-linux-gnu.so").write_bytes(b"")
    (core / f"{native.GROUP_LIBRARY}.cpython-313-x86_64-linux-gnu.so").write_bytes(b"")
    (core / native.MANIFEST_NAME).write_text(native.fingerprint(core), encoding="utf-8")


def test_it_compiles_every_module_the_triage_engine_imports() -> None:
    # A module added to the engine's path and not to COMPILED_MODULES would run interpreted, slowly.
    out = _python(
        "import sys, colibri.core.triage\n"
        "print('\\n'.join(m for m in sys.modules if m.startswith('colibri.core.')))"
    )
    imported = {m.removeprefix("colibri.core.") for m in out.split()} - {native.GROUP_LIBRARY}
    assert imported == set(native.COMPILED_MODULES)


def test_it_knows_a_fresh_build_and_keeps_it(tmp_path: Path) -> None:
    _fake_build(tmp_path)
    assert native.state(tmp_path) == native.State(compiled=True, stale=False)
    assert native.drop_if_stale(tmp_path) is None
    assert len(native.compiled_files(tmp_path)) == len(native.COMPILED_MODULES) + 1


def test_it_removes_every_compiled_file_when_one_source_changed(tmp_path: Path) -> None:
    _fake_build(tmp_path)
    (tmp_path / "jobs.py").write_text("X = 'edited'\n", encoding="utf-8")
    notice = native.drop_if_stale(tmp_path)
    assert notice is not None and "make install" in notice
    assert native.compiled_files(tmp_path) == []
    assert not (tmp_path / native.MANIFEST_NAME).exists()
    assert native.state(tmp_path) == native.State(compiled=False, stale=False)


def test_it_removes_a_partial_or_unrecorded_build(tmp_path: Path) -> None:
    _fake_build(tmp_path)
    (tmp_path / "parse.cpython-313-x86_64-linux-gnu.so").unlink()
    assert native.state(tmp_path).stale
    _fake_build(tmp_path)
    (tmp_path / native.MANIFEST_NAME).unlink()  # extensions nobody recorded: built by hand, from what?
    assert native.drop_if_stale(tmp_path) is not None
    assert native.compiled_files(tmp_path) == []


def test_it_leaves_a_pure_tree_alone(tmp_path: Path) -> None:
    (tmp_path / "triage.py").write_text("X = 1\n", encoding="utf-8")
    assert native.state(tmp_path) == native.State(compiled=False, stale=False)
    assert native.drop_if_stale(tmp_path) is None
    assert (tmp_path / "triage.py").exists()


@pytest.mark.skipif(
    os.environ.get("COLIBRI_PURE") == "1", reason="COLIBRI_PURE=1: the pure core was asked for"
)
def test_it_runs_the_compiled_core_under_the_test_command() -> None:
    # `make test` (CI=true) compiles first: the suite must exercise what users run. Outside the test
    # command a developer may run the pure core (no compiler, or sources edited since the build).
    if not os.environ.get("CI") and not native.state().compiled:
        pytest.skip("not compiled here (run `make install`); the test command requires it")
    assert native.state().compiled, "make install did not compile the triage core: see build/native/build.log"
    import colibri.core.triage

    assert Path(colibri.core.triage.__file__).suffix == ".so"


def test_it_gives_the_same_output_compiled_and_pure(tmp_path: Path) -> None:
    # The same `colibri triage --full` over the labelled corpus, once from this tree (compiled where
    # built) and once from a copy of its Python sources only: every byte the same.
    if not native.state().compiled:
        pytest.skip("the core is not compiled here: nothing to compare")
    pure = tmp_path / "pure"
    native.copy_pure(pure)
    index = tmp_path / "index"
    _python(
        "import sys; from pathlib import Path; from colibri.core.refindex import build_index; "
        "build_index(*map(Path, sys.argv[1:4]))",
        str(SHARED_DATA / "insee-cog-2024"),
        str(SHARED_DATA / "rome"),
        str(index),
    )
    run = (
        "import sys; sys.path.insert(0, sys.argv[1]); import colibri.core.triage as t; "
        "print(t.__file__, file=sys.stderr); from colibri.cli import main; "
        "sys.exit(main(['triage', '--full', '--index', sys.argv[2], sys.argv[3]]))"
    )
    compiled_out = _python(run, str(REPO), str(index), str(CORPUS))
    pure_out = _python(run, str(pure), str(index), str(CORPUS))
    assert len(compiled_out.splitlines()) == sum(1 for line in CORPUS.open(encoding="utf-8") if line.strip())
    assert pure_out == compiled_out
