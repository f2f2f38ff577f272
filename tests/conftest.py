"""Shared test setup. Per-area fixtures live in each folder's own conftest.py."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Official open data, read in place: never copied into the repository.
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(
            f"official reference data not found at {SHARED_DATA} (expected ../shared/data beside the repo)"
        )
    return SHARED_DATA
