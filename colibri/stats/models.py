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
