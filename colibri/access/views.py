"""The page django-axes shows when logging in is paused (settings.AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    cool_off = settings.AXES_COOLOFF_TIME
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    response = render(
        request,
        "access/locked.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_timedelta": cool_off,
            "cooloff_minutes": minutes,
        },
        status=429,
    )
    if minutes:
        response["Retry-After"] = str(minutes * 60)
    return response
