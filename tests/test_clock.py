"""The suite's clock: `frozen_now`, `freeze()` and the session shift the test command's proof pass uses."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests import clock

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("P366D", timedelta(days=366)),
        ("p1w", timedelta(weeks=1)),
        ("PT90M", timedelta(minutes=90)),
        ("-P1DT6H", -timedelta(days=1, hours=6)),
        ("P1DT2H3M4S", timedelta(days=1, hours=2, minutes=3, seconds=4)),
    ],
)
def test_it_reads_iso_8601_durations(text: str, expected: timedelta) -> None:
    assert clock.parse_duration(text) == expected


@pytest.mark.parametrize("text", ["366", "P", "PT", "P1Y", "P1DT", "1 day", "P-3D"])
def test_it_refuses_what_is_not_a_duration_it_can_apply(text: str) -> None:
    with pytest.raises(ValueError, match=clock.SHIFT_VARIABLE):
        clock.parse_duration(text)


def test_it_freezes_django_and_the_standard_library_at_now(frozen_now: datetime) -> None:
    assert frozen_now == clock.NOW
    assert timezone.now() == clock.NOW
    assert time.time() == clock.NOW.timestamp()
    time.sleep(0.01)
    assert datetime.now(UTC) == clock.NOW  # frozen: it does not tick
    assert timezone.localdate() == clock.NOW.astimezone(clock.local_zone()).date()


def test_it_keeps_the_time_zone_of_the_process_when_moving_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The proof pass sets TZ=Pacific/Auckland: freezing or shifting must not quietly turn it into UTC."""
    zone = os.environ.get("TZ")
    offset = datetime.now().astimezone().utcoffset()
    with clock.freeze(clock.NOW):
        assert os.environ.get("TZ") == zone
        assert datetime.now().astimezone().utcoffset() == clock.NOW.astimezone().utcoffset()
    shift = clock.SessionShift(timedelta(days=1))
    shift.start()
    try:
        assert os.environ.get("TZ") == zone and datetime.now().astimezone().utcoffset() is not None
    finally:
        shift.stop()
    assert datetime.now().astimezone().utcoffset() == offset


def test_it_moves_the_clock_ahead_ticking_and_a_freeze_inside_still_wins() -> None:
    before = datetime.now(UTC)
    shift = clock.SessionShift(timedelta(days=366))
    shift.start()
    try:
        shifted = datetime.now(UTC)
        assert timedelta(days=366) <= shifted - before < timedelta(days=366, minutes=1)
        time.sleep(0.01)
        assert datetime.now(UTC) > shifted  # still ticking
        assert date.today() >= (before + timedelta(days=365)).date()
        with clock.freeze(clock.NOW):
            assert timezone.now() == clock.NOW
        assert timezone.now() - before >= timedelta(days=366)
    finally:
        shift.stop()
    assert datetime.now(UTC) - before < timedelta(minutes=1)


def test_it_gives_local_times_in_the_collectives_time_zone() -> None:
    moment = clock.local(clock.TODAY, 9, 30)
    assert moment.tzinfo == clock.local_zone()
    assert timezone.localtime(moment).hour == 9 and timezone.localtime(moment).minute == 30


def _pytest(env_shift: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env[clock.SHIFT_VARIABLE] = env_shift
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "--collect-only",
         "tests/test_clock.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip


def test_it_shifts_a_whole_session_from_the_environment_and_refuses_a_bad_value() -> None:
    shifted = _pytest("P366D")
    assert shifted.returncode == 0, shifted.stdout + shifted.stderr
    assert "clock shifted by 366 days" in shifted.stdout
    bad = _pytest("next year")
    assert bad.returncode == 4  # pytest's usage error: nothing ran on a clock nobody asked for
    assert f"{clock.SHIFT_VARIABLE}='next year' is not an ISO 8601 duration" in bad.stderr
