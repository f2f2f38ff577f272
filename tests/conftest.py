"""Shared test setup. Per-area fixtures live in each folder's own conftest.py."""

import os
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


@pytest.fixture(autouse=True)
def _postgres_marker(request: pytest.FixtureRequest) -> None:
    """`postgres` tests need the database under test to be PostgreSQL.

    The test command runs them in its PostgreSQL pass (and deselects them from the SQLite one); run
    by hand on SQLite they are skipped with the reason, and under CI=true they fail loudly instead.
    """
    if request.node.get_closest_marker("postgres") is None:
        return
    dsn = os.environ.get("DATABASE_URL", "")
    if dsn.startswith(("postgres://", "postgresql://")):
        return
    message = "needs PostgreSQL: set DATABASE_URL=postgres://… (make test does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
