"""The one audit recorder: every write to Colibri's data appends its history rows through here.

Like pretix's `order.log_action(...)`: the actions (`colibri.relay.actions.*`), the outbox, the
planner's writes, tracking and the workers all call `record()` inside the transaction of the write
it describes, so the history can never disagree with the data. `entry()` builds the same row
unsaved, for the paths that write many rows at once with `record_all()` (one INSERT).

Who did it: a signed-in volunteer (`actor`, the row keeps the user and their username), or a
process named by `label` ("ingest", "worker", "worker:<id>", "dispatch"…); "system" when neither.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .models import AuditLog, Request

SYSTEM = "system"


def actor_fields(actor: Any, label: str = "") -> dict[str, Any]:
    """The `actor` / `actor_label` columns for a row written by `actor` (a user) or a named process."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        return {"actor": actor, "actor_label": (label or actor.get_username())[:128]}
    return {"actor": None, "actor_label": (label or SYSTEM)[:128]}


def entry(
    action: str, *, request: Request | int | None = None, actor: Any = None, label: str = "", **details: Any
) -> AuditLog:
    """One history row, not saved yet (for `record_all`); `request` is a request or its id."""
    target = {"request_id": request} if request is None or isinstance(request, int) else {"request": request}
    return AuditLog(action=action, details=details, **target, **actor_fields(actor, label))


def record(
    action: str, *, request: Request | int | None = None, actor: Any = None, label: str = "", **details: Any
) -> AuditLog:
    """Append one history row now, in the caller's transaction: what happened, to which request, by whom."""
    row = entry(action, request=request, actor=actor, label=label, **details)
    row.save()
    return row


def record_all(rows: Iterable[AuditLog]) -> None:
    """Append rows built by `entry()` in one statement (bulk queueing writes one row per outbox row)."""
    AuditLog.objects.bulk_create(list(rows))
