"""One mapping from the SDK's errors to `NetworkError`: retry (429, 5xx, timeouts) or permanent (bad
credentials, deleted post, forbidden), with the network's own Retry-After when it gives one.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import UTC, datetime

from atproto_client import exceptions as atx
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from ..base import NetworkError

logger = logging.getLogger("colibri.networks.bluesky")


def retry_after(exc: atx.RequestErrorBase) -> float | None:
    if isinstance(exc, atx.RateLimitExceededError):
        if exc.retry_after is not None:
            return exc.retry_after
        if exc.reset_at is not None:
            return max(0.0, (exc.reset_at - datetime.now(UTC)).total_seconds())
    response = exc.response
    if response is not None:
        value = (response.headers or {}).get("retry-after")
        if value:
            with contextlib.suppress(ValueError):
                return max(0.0, float(value))
    return None


def error_name(exc: atx.RequestErrorBase) -> str:
    content = exc.response.content if exc.response is not None else None
    return str(getattr(content, "error", "") or "")


def map_error(exc: Exception, what: str) -> NetworkError:
    """Translate an SDK/transport failure into NetworkError: 429/5xx/timeouts retry, other 4xx do not."""
    if isinstance(exc, NetworkError):
        return exc
    if isinstance(exc, atx.RequestErrorBase):
        status = exc.response.status_code if exc.response is not None else None
        detail = f"bluesky {what}: {exc}"
        if status is None:  # transport failure or timeout: nothing came back (the SDK's text is often empty)
            cause = exc.__cause__ or exc.__context__
            reason = str(exc) or (f"{type(cause).__name__}: {cause}" if cause else "") or "network failure"
            return NetworkError(f"bluesky {what}: {reason}", retry=True)
        if status == 429 or status >= 500 or status in (408, 409):
            return NetworkError(detail, retry=True, retry_after=retry_after(exc), status=status)
        return NetworkError(detail, retry=False, status=status)
    if isinstance(exc, TimeoutError | OSError | ConnectionClosed | InvalidHandshake):
        return NetworkError(f"bluesky {what}: {type(exc).__name__}: {exc}", retry=True)
    if isinstance(exc, atx.LoginRequiredError):
        return NetworkError(f"bluesky {what}: not logged in", retry=False, status=401)
    return NetworkError(f"bluesky {what}: {type(exc).__name__}: {exc}", retry=False)
