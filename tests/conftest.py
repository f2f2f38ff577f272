"""Shared test setup. Per-area fixtures live in each folder's own conftest.py."""

import os
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests import clock

REPO = Path(__file__).resolve().parent.parent
# Official open data, read in place: never copied into the repository.
SHARED_DATA = REPO.parent / "shared" / "data"


_session_shift: clock.SessionShift | None = None


def pytest_configure(config: pytest.Config) -> None:
    """COLIBRI_TEST_CLOCK_SHIFT moves the clock for the whole session (collection included), ticking."""
    global _session_shift
    _restart_if_compiled_core_was_stale()
    try:
        _session_shift = clock.SessionShift.from_environment(dict(os.environ))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from exc
    if _session_shift is not None:
        _session_shift.start()


def _restart_if_compiled_core_was_stale() -> None:
    """Tests run the code as it is: compiled files older than an edited source are removed (see
    colibri/native.py), and the session starts again from the beginning, since pytest-django's
    Django setup has already imported them into this process."""
    from colibri import native

    notice = native.drop_if_stale()
    if notice is None:
        return
    print(notice, "- pytest starts again", file=sys.stderr, flush=True)
    os.execv(sys.executable, [sys.executable, "-m", "pytest", *sys.argv[1:]])  # noqa: S606


def pytest_unconfigure(config: pytest.Config) -> None:
    global _session_shift
    if _session_shift is not None:
        _session_shift.stop()
        _session_shift = None


def pytest_report_header(config: pytest.Config) -> str | None:
    if _session_shift is None:
        return None
    return (
        f"clock shifted by {_session_shift.delta} ({clock.SHIFT_VARIABLE}), now {datetime.now().astimezone()}"
    )


@pytest.fixture
def frozen_now() -> Iterator[datetime]:
    """The clock stands still at tests.clock.NOW for the test (the session shift does not reach it)."""
    with clock.freeze(clock.NOW) as now:
        yield now


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
