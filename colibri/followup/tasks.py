"""The follow-up's periodic task (enqueued hourly by `colibri.scheduling`)."""

from __future__ import annotations

from django.tasks import task


@task()
def ask_check_ins() -> int:
    """Queue the check-ins that are due (the outbox sends them, paced, exactly once)."""
    from .actions import do_queue_due_check_ins

    return len(do_queue_due_check_ins())
