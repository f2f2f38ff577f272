"""Typed readers of environment variables for colibri/settings.py (healthchecks-style, but strict).

A value that cannot be what the setting needs stops start-up with one line naming the variable
(`DEBUG='ture' is not a boolean…`): a typo must never silently turn into a default, such as
`DEBUG=ture` quietly meaning "off" or `COLIBRI_RETENTION_DAYS=abc` crashing deep inside a worker.
An unset or empty variable means the default. Secrets can come from a file named by NAME_FILE.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ImproperlyConfigured

TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"0", "false", "no", "off"})


class SettingError(ImproperlyConfigured):
    """A variable holds a value its setting cannot take; the message names the variable."""

    def __init__(self, name: str, value: str, expected: str):
        self.name = name
        super().__init__(f"{name}={value!r} is not valid: {expected}")


def envstr(name: str, default: str = "") -> str:
    """NAME, or the content of the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise SettingError(f"{name}_FILE", file_name, f"cannot read it ({exc.strerror})") from exc
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = envstr(name, "").strip()
    if not value:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise SettingError(name, value, "expected true/false (also 1/0, yes/no, on/off)")


def envint(name: str, default: int, *, minimum: int | None = None) -> int:
    value = envstr(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SettingError(name, value, "expected a whole number") from None
    if minimum is not None and number < minimum:
        raise SettingError(name, value, f"expected a whole number of at least {minimum}")
    return number


def envfloat(name: str, default: float, *, minimum: float | None = None) -> float:
    value = envstr(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise SettingError(name, value, "expected a number such as 2.5") from None
    if number != number or number in (float("inf"), float("-inf")):  # NaN, infinities
        raise SettingError(name, value, "expected a finite number")
    if minimum is not None and number < minimum:
        raise SettingError(name, value, f"expected a number of at least {minimum:g}")
    return number


def envchoice(name: str, default: str, choices: Iterable[str], *, upper: bool = False) -> str:
    allowed = list(choices)
    value = envstr(name, "").strip()
    if not value:
        return default
    if upper:
        value = value.upper()
    if value not in allowed:
        raise SettingError(name, value, "expected one of " + ", ".join(allowed))
    return value


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


def envurl(name: str, default: str, *, schemes: Iterable[str] = ("https", "http")) -> str:
    """A URL with one of `schemes` and a host (no trailing slash kept)."""
    from urllib.parse import urlsplit

    value = envstr(name, "").strip()
    if not value:
        return default
    allowed = tuple(schemes)
    parts = urlsplit(value)
    if parts.scheme not in allowed or not parts.netloc:
        expected = "expected a URL starting with " + " or ".join(f"{s}://" for s in allowed)
        raise SettingError(name, value, expected)
    return value.rstrip("/")


def envtimezone(name: str, default: str) -> str:
    value = envstr(name, "").strip()
    if not value:
        return default
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingError(name, value, "expected an IANA time zone such as Europe/Paris") from None
    return value
