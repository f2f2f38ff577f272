"""Logging filter: a client's mistake (403, 404, 405…) is one INFO line, not a WARNING with a traceback.

Django logs every 4xx on `django.request` at WARNING, and a PermissionDenied with its traceback: on a
dashboard where a member opening a coordinator's page is routine, that buries real problems. Server
errors (5xx) are left exactly as Django logs them.
"""

from __future__ import annotations

import logging


class QuietClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
            record.exc_info = record.exc_text = None
            record.stack_info = None
            # Downgraded after the logger's level check: drop it where INFO is not wanted (LOG_LEVEL).
            return logging.getLogger().isEnabledFor(logging.INFO)
        return True
