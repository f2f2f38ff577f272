"""Stream positions: where each source's ingest resumes after a restart.

Saved inside the transaction that stores the events it follows (`ingest_batch.do_ingest_batch`,
`ingest.do_ingest_event`, `seeker_replies.do_ingest_reply`), or alone for events passed over; not
audited (one row per source, overwritten at every event: its history is the stored events').
"""

from __future__ import annotations

from django.utils import timezone

from ..models import IngestCursor


def save_cursor(source: str, cursor: str | None) -> None:
    if cursor is None:
        return
    # One UPDATE per event (update_or_create costs a savepoint, a SELECT and its release besides);
    # the row is created once per source.
    now = timezone.now()
    if not IngestCursor.objects.filter(source=source).update(cursor=cursor, updated_at=now):
        IngestCursor.objects.update_or_create(source=source, defaults={"cursor": cursor, "updated_at": now})
