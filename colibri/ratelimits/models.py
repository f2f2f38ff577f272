"""One row per (network, account, limit) bucket: its tokens and when it was last refilled."""

from __future__ import annotations

from django.db import models


class RateBucket(models.Model):
    # "network|account digest|limit": the account is hashed (a member's handle is personal data and
    # erasure need not look here).
    key = models.CharField(max_length=128, unique=True)
    tokens = models.FloatField()
    updated = models.FloatField()  # Unix time of the last refill (every process's clock agrees on it)

    def __str__(self) -> str:
        return f"{self.key}: {self.tokens:.1f}"
