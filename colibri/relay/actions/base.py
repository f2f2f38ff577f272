"""What the action modules share: the refusal a volunteer reads, and the request lock.

Decisions on a request that is no longer open raise `ActionError` with a message a volunteer can
read, in the active language (a second moderator clicking "approve" on a request someone else just
decided must not decide it twice).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..lifecycle import OPEN_STATUSES
from ..models import Request, RequestStatus

# The `actor_label` of what the ingest loop writes (no volunteer behind it).
INGEST_ACTOR = "ingest"


class ActionError(Exception):
    """An action refused for a reason the caller should show the user (translated message)."""


def lock_request(request: Request) -> Request:
    """Re-read the request under a row lock so two concurrent decisions serialise (no-op lock on SQLite)."""
    return Request.objects.select_for_update().select_related("post").get(pk=request.pk)


def sync_request(target: Request, source: Request) -> None:
    """Copy the saved state back onto the caller's instance so it never holds a stale status."""
    for f in Request._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


def require_open(r: Request) -> None:
    if r.status not in OPEN_STATUSES:
        raise ActionError(
            _("This request was already decided (status: %(status)s); no new decision is possible.")
            % {"status": RequestStatus(r.status).label}
        )
