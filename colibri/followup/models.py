"""Follow-up data: the rules coordinators edit, and one row per check-in asked of a seeker."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from colibri.relay.models import OutboxAction, Request

# The default texts are French (the collective's language); coordinators edit them in the settings.
# {lien} is the one-time link to the answer form. Short: a Bluesky reply holds 300 characters.
DEFAULT_ASK = (
    "Bonjour 👋 Nous avions relayé votre demande. Avez-vous trouvé un emploi ? "
    "Répondez juste « oui », « non » ou « stop », ou en un clic : {lien} Merci et bon courage !"
)
DEFAULT_ADVICE = (
    "Bonjour 👋 Pour que votre demande circule mieux : {conseil} Un outil pour la préparer : {lien}"
)


def default_delays() -> list[int]:
    return [4, 12]


def default_ask_templates() -> dict[str, str]:
    from .delivery import DEFAULT_ASKS

    return dict(DEFAULT_ASKS)


def default_advice_templates() -> dict[str, str]:
    from .delivery import DEFAULT_ADVICES

    return dict(DEFAULT_ADVICES)


class FollowupSettings(models.Model):
    """How and when seekers are asked (a single row, id=1; defaults until a coordinator saves)."""

    delays_weeks = models.JSONField(default=default_delays)  # weeks after the first relay, one per ask
    max_asks = models.PositiveSmallIntegerField(default=2)
    asks_per_hour = models.PositiveSmallIntegerField(default=12)  # pacing of the official account's asks
    link_days = models.PositiveSmallIntegerField(default=60)  # how long a one-time answer link works
    ask_template = models.TextField(default=DEFAULT_ASK)
    advice_template = models.TextField(default=DEFAULT_ADVICE)
    # The same texts in other languages, {"en": "..."}: chosen by the post's language; French otherwise.
    ask_templates = models.JSONField(default=default_ask_templates, blank=True)
    advice_templates = models.JSONField(default=default_advice_templates, blank=True)
    advice_auto = models.BooleanField(default=False)  # send advice by itself when held only for format
    advice_days_between = models.PositiveSmallIntegerField(default=7)  # at most one advice per person
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return "follow-up settings"

    @classmethod
    def current(cls) -> FollowupSettings:
        """The saved row, or unsaved defaults (a read must not write)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class CheckInStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("check-in status", "Asked")
    ANSWERED = "answered", pgettext_lazy("check-in status", "Answered")
    CANCELLED = "cancelled", pgettext_lazy("check-in status", "Cancelled")


class CheckIn(models.Model):
    """One ask "avez-vous trouvé ?" for one request; the outbox carries it out exactly once."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="check_ins")
    number = models.PositiveSmallIntegerField()  # 1 for the first ask
    status = models.CharField(max_length=10, choices=CheckInStatus.choices, default=CheckInStatus.QUEUED)
    outbox = models.ForeignKey(
        OutboxAction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Only a hash of the link's token is stored: the database alone cannot answer for someone.
    token_hash = models.CharField(max_length=64, unique=True)
    token_expires_at = models.DateTimeField()
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=10, blank=True)  # hired / searching / stop / other
    answer_source = models.CharField(max_length=16, blank=True)  # reply, form
    via_relay = models.BooleanField(null=True, blank=True)  # found through the relay? (form)
    contract = models.CharField(max_length=16, blank=True)  # CDI, CDD, interim, other (form)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["request", "number"], name="checkin_unique_number"),)

    def __str__(self) -> str:
        return f"check-in {self.number} of #{self.request_id} ({self.status})"
