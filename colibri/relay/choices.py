"""The relay's fixed vocabularies (networks, roles, statuses, kinds): plain choices, no tables.

Kept apart from `models` so the models module stays small; `colibri.relay.models` re-exports every
name, so callers import them from either place."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Network(models.TextChoices):
    BLUESKY = "bluesky", "Bluesky"
    MASTODON = "mastodon", "Mastodon"
    X = "x", "X"
    REPLAY = "replay", _("Replay (sample)")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", pgettext_lazy("role", "Coordinator")
    MODERATOR = "moderator", pgettext_lazy("role", "Moderator")
    MEMBER = "member", pgettext_lazy("role", "Member")


class RequestStatus(models.TextChoices):
    DETECTED = "detected", pgettext_lazy("request status", "Detected")
    ELIGIBLE = "eligible", pgettext_lazy("request status", "Eligible")
    INELIGIBLE = "ineligible", pgettext_lazy("request status", "Not eligible")
    NEEDS_REVIEW = "needs_review", pgettext_lazy("request status", "To check")
    APPROVED = "approved", pgettext_lazy("request status", "Approved")
    REJECTED = "rejected", pgettext_lazy("request status", "Rejected")
    SCHEDULED = "scheduled", pgettext_lazy("request status", "Scheduled")
    RELAYED = "relayed", pgettext_lazy("request status", "Relayed")
    AMPLIFIED = "amplified", pgettext_lazy("request status", "Amplified")
    FOLLOWED_UP = "followed_up", pgettext_lazy("request status", "Followed up")
    OUTCOME = "outcome", pgettext_lazy("request status", "Outcome known")
    WITHDRAWN = "withdrawn", pgettext_lazy("request status", "Withdrawn")
    ERASED = "erased", pgettext_lazy("request status", "Erased")


class Category(models.TextChoices):
    SEEKER_REQUEST = "seeker_request", pgettext_lazy("category", "Job request")
    INTERNSHIP_REQUEST = "internship_request", pgettext_lazy("category", "Internship / work-study")
    FREELANCE = "freelance", pgettext_lazy("category", "Freelance")
    JOB_OFFER = "job_offer", pgettext_lazy("category", "Job offer")
    OTHER = "other", pgettext_lazy("category", "Other")


class OutcomeStatus(models.TextChoices):
    HIRED = "hired", pgettext_lazy("outcome", "Hired")
    SEARCHING = "searching", pgettext_lazy("outcome", "Still searching")
    WITHDRAWN = "withdrawn", pgettext_lazy("outcome", "Withdrawn")
    NO_ANSWER = "no_answer", pgettext_lazy("outcome", "No answer")


class DonationMode(models.TextChoices):
    DELEGATED = "delegated", _("Delegated (Colibri reposts for me)")
    NOTIFIED = "notified", _("Notified (I repost myself)")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("member status", "Active")
    PAUSED = "paused", pgettext_lazy("member status", "Paused")
    LEFT = "left", pgettext_lazy("member status", "Left")


class AssignmentStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("assignment status", "Planned")
    DONE = "done", pgettext_lazy("assignment status", "Done")
    SKIPPED = "skipped", pgettext_lazy("assignment status", "Skipped")
    CANCELLED = "cancelled", pgettext_lazy("assignment status", "Cancelled")


class OutboxKind(models.TextChoices):
    REPOST = "repost", pgettext_lazy("outbox kind", "Repost")
    UNDO_REPOST = "undo_repost", pgettext_lazy("outbox kind", "Undo repost")
    LIKE = "like", pgettext_lazy("outbox kind", "Like")
    REPLY = "reply", pgettext_lazy("outbox kind", "Reply")
    MESSAGE = "message", pgettext_lazy("outbox kind", "Direct message")
    POST = "post", pgettext_lazy("outbox kind", "Post")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("outbox status", "Pending")
    RUNNING = "running", pgettext_lazy("outbox status", "Running")
    DONE = "done", pgettext_lazy("outbox status", "Done")
    FAILED = "failed", pgettext_lazy("outbox status", "Failed")
    CANCELLED = "cancelled", pgettext_lazy("outbox status", "Cancelled")


_labels: dict[Any, dict[Any, Any]] = {}


class ChoiceLabels:
    """`get_<field>_display()` from a table built once per field. Django's own rebuilds the table and
    hashes every (lazy, translated) label on each call, a translation lookup per choice: ~80 µs a
    call, and the plan page made ~1,500 of them (issue 17). Same labels, translated on each call."""

    def _get_FIELD_display(self, field: Any) -> Any:
        labels = _labels.get(field)
        if labels is None:
            labels = _labels[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
