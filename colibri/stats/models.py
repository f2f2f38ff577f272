"""Rendered infographics, kept so the pages serve them and the poster can be published as rendered."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Infographic(models.Model):
    """One image of one period (PNG and SVG), with the caption and alt text generated with it."""

    name = models.CharField(max_length=16)  # colibri.stats.infographics.NAMES
    first_day = models.DateField()
    last_day = models.DateField()
    png = models.BinaryField()
    svg = models.TextField()
    alt = models.TextField()
    caption = models.TextField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    rendered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["name", "first_day", "last_day"], name="infographic_unique_period"
            ),
        )
        ordering = ("-last_day", "-first_day", "name")

    def __str__(self) -> str:
        return f"{self.name} {self.first_day}…{self.last_day}"


class RequestEngagement(models.Model):
    """The best engagement measured for each request (max over its snapshots), kept up to date by
    `colibri.stats.queries.refresh_engagement` from the snapshots added since its last run.

    The statistics need one value per request; reading every snapshot (a million in a busy year) on
    each computation was the costly part of the page, so the per-request maxima are cached in SQL."""

    request = models.OneToOneField(
        "relay.Request", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    reposts = models.PositiveIntegerField(default=0)
    likes = models.PositiveIntegerField(default=0)
    reach = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"#{self.request_id}: {self.reposts}/{self.likes}/{self.reach}"


class EngagementWatermark(models.Model):
    """A single row (id=1): the highest snapshot id folded into RequestEngagement."""

    last_snapshot_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"snapshots folded up to #{self.last_snapshot_id}"
