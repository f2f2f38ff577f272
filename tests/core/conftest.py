"""Fixtures for the triage engine tests: one reference index built per test session."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from colibri.core.refindex import ReferenceIndex, build_index, load_index
from colibri.core.triage import Triager


@pytest.fixture(scope="session")
def index_dir(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("refdata")
    build_index(shared_data / "insee-cog-2024", shared_data / "rome", out)
    return out


@pytest.fixture(scope="session")
def ref_index(index_dir: Path) -> ReferenceIndex:
    index = load_index(index_dir)
    assert index is not None
    return index


@pytest.fixture(scope="session")
def triager(ref_index: ReferenceIndex) -> Triager:
    return Triager(index=ref_index)


@pytest.fixture(scope="session")
def builtin_triager() -> Triager:
    return Triager()


@pytest.fixture(scope="session")
def bench() -> ModuleType:
    """bench/triage_accuracy.py as a module (its scoring is tested on the corpus files)."""
    path = Path(__file__).resolve().parents[2] / "bench" / "triage_accuracy.py"
    spec = importlib.util.spec_from_file_location("triage_accuracy", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def official_cog(shared_data: Path) -> tuple[dict[str, str], set[str]]:
    """(département code -> région name, région names) from the official COG."""
    cog = shared_data / "insee-cog-2024"
    with (cog / "v_region_2024.csv").open(encoding="utf-8") as fh:
        regions = {row["REG"]: row["LIBELLE"] for row in csv.DictReader(fh)}
    with (cog / "v_departement_2024.csv").open(encoding="utf-8") as fh:
        deps = {row["DEP"]: regions[row["REG"]] for row in csv.DictReader(fh)}
    return deps, set(regions.values())


@pytest.fixture(scope="session")
def official_rome_codes(shared_data: Path) -> set[str]:
    with (shared_data / "rome" / "romes_public.csv").open(encoding="utf-8") as fh:
        return {row["code_rome"] for row in csv.DictReader(fh, delimiter=";")}
