"""Stored audiences: who follows each account, as a compressed bitmap of interned follower ids.

Networks name followers with strings (DIDs, account ids); reach needs set unions over millions of
them. Each follower gets a dense integer id once (`Follower.pk`), and an account's audience is a
serialized `pyroaring.BitMap` of those ids (a few bytes per follower), refreshed on a schedule.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from colibri.relay.models import Network, NetworkAccount


class Follower(models.Model):
    """One follower identity, interned: its pk is the bit that stands for it in audiences."""

    network = models.CharField(max_length=16, choices=Network.choices)
    remote_id = models.CharField(max_length=255)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["network", "remote_id"], name="follower_unique_remote_id"),
        )

    def __str__(self) -> str:
        return f"{self.network}:{self.remote_id}"


class Audience(models.Model):
    """The followers of one account when last fetched."""

    account = models.OneToOneField(NetworkAccount, on_delete=models.CASCADE, related_name="audience")
    bitmap = models.BinaryField()  # pyroaring.BitMap.serialize() of Follower pks
    size = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"audience of {self.account} ({self.size})"
