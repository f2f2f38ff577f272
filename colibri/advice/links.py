"""Short, expiring composer links: `/outils/c/<token>/` instead of a 300-character pre-filled URL.

The token names the request and the day it was made, with an HMAC (SECRET_KEY): nothing is stored,
nobody can forge one for another request, and it stops working `days` after it was made. The
composer is then pre-filled from the request's triage at click time (nothing once it is erased).
"""

from __future__ import annotations

import hashlib
import hmac
from base64 import urlsafe_b64encode
from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

_EPOCH = date(2020, 1, 1)  # day numbers count from here (short base-36 numbers)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
        if not n:
            return out


def _mac(pk: int, day: int) -> str:
    key = f"colibri.advice.composer-link:{settings.SECRET_KEY}".encode()
    digest = hmac.new(key, f"{pk}:{day}".encode(), hashlib.sha256).digest()
    return urlsafe_b64encode(digest).decode()[:16]


def _day(now: datetime) -> int:
    return (timezone.localdate(now) - _EPOCH).days


def make_token(pk: int, *, now: datetime | None = None) -> str:
    day = _day(now or timezone.now())
    return f"{_b36(pk)}.{_b36(day)}.{_mac(pk, day)}"


def read_token(token: str, *, max_days: int, now: datetime | None = None) -> int | None:
    """The request pk of a valid, unexpired token, else None."""
    try:
        pk36, day36, mac = token.split(".")
        pk, day = int(pk36, 36), int(day36, 36)
    except ValueError:
        return None
    if not hmac.compare_digest(mac, _mac(pk, day)):
        return None
    age = _day(now or timezone.now()) - day
    return pk if 0 <= age <= max_days else None


def short_url(pk: int, *, now: datetime | None = None) -> str:
    path = reverse("advice:composer_link", args=[make_token(pk, now=now)])
    return str(settings.SITE_URL).rstrip("/") + path
