"""Fixtures for the triage engine tests: one reference index built per test session."""

from __future__ import annotations

from pathlib import Path

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
