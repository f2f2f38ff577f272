"""The suite's one notion of "now", and the session-wide clock shift that proves nothing else is used.

Tests never read the wall clock for their data: dates in fixtures are computed from `NOW` (or from
`local()` on `TODAY`), and a test whose code under test reads the clock freezes it there with the
`frozen_now` fixture (tests/conftest.py) or `freeze()`. time-machine moves `datetime.now()`,
`time.time()` and so Django's `timezone.now()` together.

`COLIBRI_TEST_CLOCK_SHIFT=P366D` (an ISO 8601 duration, `scripts/test` sets it in its proof pass)
moves the clock of the whole session that far ahead, still ticking: a test that silently relied on
today's date (a literal "future" day that has since passed) fails there. Tests that freeze their own
time are unaffected, as they should be.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of_day
from zoneinfo import ZoneInfo

import time_machine

# A Thursday, 08:00 in Paris (07:00 UTC). Fixed, so runs are reproducible; never compared with the
# wall clock: every test that needs "now" to be NOW freezes the clock there.
NOW = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)
TODAY = NOW.date()

SHIFT_VARIABLE = "COLIBRI_TEST_CLOCK_SHIFT"

_DURATION = re.compile(
    r"^(?P<sign>[-+])?P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)


def parse_duration(text: str) -> timedelta:
    """`P366D`, `-P1DT2H`, `PT90M`… (ISO 8601 without years or months, whose length varies)."""
    cleaned = text.strip().upper()
    match = _DURATION.match(cleaned)
    parts = {k: int(v) for k, v in (match.groupdict() if match else {}).items() if k != "sign" and v}
    if match is None or not parts or cleaned.endswith("T"):
        raise ValueError(f"{SHIFT_VARIABLE}={text!r} is not an ISO 8601 duration such as P366D or -PT6H")
    delta = timedelta(**parts)
    return -delta if match.group("sign") == "-" else delta


def local_zone() -> ZoneInfo:
    """settings.TIME_ZONE: Europe/Paris by default, Pacific/Auckland in the test command's proof pass."""
    from django.utils import timezone

    zone = timezone.get_current_timezone()
    assert isinstance(zone, ZoneInfo)
    return zone


def local(day: date, hour: int, minute: int = 0) -> datetime:
    """`hour:minute` on `day` in the collective's time zone, as an aware datetime."""
    return datetime.combine(day, time_of_day(hour, minute), tzinfo=local_zone())


@contextmanager
def freeze(moment: datetime) -> Iterator[datetime]:
    """The clock stands still at `moment` inside the block (nested inside a session shift too)."""
    # A timestamp, not the aware datetime: given one, time-machine would also switch the process's
    # local time zone (TZ) to its tzinfo, hiding the time zone the test command chose.
    with time_machine.travel(moment.timestamp(), tick=False):
        yield moment


class SessionShift:
    """Moves this process's clock by the duration in COLIBRI_TEST_CLOCK_SHIFT until `stop()`."""

    def __init__(self, delta: timedelta):
        self.delta = delta
        # A timestamp keeps the process's time zone (see freeze()).
        self._traveller = time_machine.travel(time.time() + delta.total_seconds(), tick=True)

    @classmethod
    def from_environment(cls, environ: dict[str, str]) -> SessionShift | None:
        text = environ.get(SHIFT_VARIABLE, "").strip()
        return cls(parse_duration(text)) if text else None

    def start(self) -> None:
        self._traveller.start()

    def stop(self) -> None:
        self._traveller.stop()


@contextmanager
def real_clock() -> Iterator[None]:
    """The wall clock, ticking, inside the block, even under the session shift: for tests talking to a
    real server that signs and checks times on its own clock (the local AT Protocol network's PDS)."""
    escape = time_machine.escape_hatch
    now = escape.time.time() if escape.is_travelling() else time.time()
    with time_machine.travel(now, tick=True):
        yield
