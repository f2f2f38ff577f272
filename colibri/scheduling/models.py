from __future__ import annotations

from django.db import models
from django.utils import timezone


class PeriodicRun(models.Model):
    """One periodic job enqueued for one period. The unique (job, period) pair is the lock: two
    workers racing to enqueue the same run both try to insert it, and only one insert succeeds."""

    job = models.CharField(max_length=64)
    period = models.CharField(max_length=32)  # "2026-11-26", "2026-W48", "2026-11-26T14:15"
    enqueued_at = models.DateTimeField(default=timezone.now)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["job", "period"], name="periodic_run_once"),)

    def __str__(self) -> str:
        return f"{self.job} @ {self.period}"
