"""Membership around the relay's `Member` row: approval, pause-until, and the consent record.

`colibri.relay.models.Member` is what the planner and dispatch read (status, mode, budgets,
preferences, encrypted credentials). This app adds what joining and leaving need, without touching
the relay's tables: a `Membership` (one per member: how they joined, approval, a pause's end date)
and `Consent` rows (what was agreed to, when, how; revocation keeps the row, dated).

A member waiting for approval is stored with `Member.status = paused` and no `approved_at`: the
planner (which only takes active members) never sees them until a coordinator approves.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from colibri.relay.models import Member


class JoinChannel(models.TextChoices):
    WEB = "web", pgettext_lazy("join channel", "Join page")
    COMMAND = "command", pgettext_lazy("join channel", "Command line")


class Membership(models.Model):
    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="membership")
    joined_via = models.CharField(max_length=16, choices=JoinChannel.choices, default=JoinChannel.WEB)
    joined_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set with a pause: the member is active again from this local day on (None = until they resume).
    paused_until = models.DateField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # The personal Bluesky feed is offered to notified members who want it.
    wants_feed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"membership of {self.member}"

    @property
    def pending(self) -> bool:
        return self.approved_at is None and self.left_at is None


class ConsentScope(models.TextChoices):
    DELEGATED = "delegated_reposts", pgettext_lazy("consent", "Colibri reposts for me with my account")
    NOTIFIED = "notified_picks", pgettext_lazy("consent", "Colibri sends me requests to repost myself")


class Consent(models.Model):
    """One consent given by a member: what (scope and the exact text shown), when, how. Never deleted:
    revoking dates it, so the member and the coordinators can see both."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(max_length=32, choices=ConsentScope.choices)
    text = models.TextField()  # the sentence the person agreed to, in the language shown
    channel = models.CharField(max_length=16, choices=JoinChannel.choices)
    given_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("given_at", "id")

    def __str__(self) -> str:
        return f"{self.scope} by {self.member} ({self.given_at:%Y-%m-%d})"
