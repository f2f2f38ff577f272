"""The follow-up's periodic task (enqueued daily, once the active hours begin, by `colibri.scheduling`)."""

from __future__ import annotations

from django.tasks import task

from .actions import do_queue_due_check_ins


@task()
def ask_check_ins() -> int:
    """Queue the check-ins that are due (the outbox sends them, paced, exactly once)."""
    return len(do_queue_due_check_ins())
