"""The relay collective's data: accounts, posts, requests and what happens to them.

Writes go through `colibri.relay.actions` (one `do_<verb>_<noun>()` per change,
inside a transaction that also appends an `AuditLog` row); views and commands
never call `.save()` on these models directly.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import settings_cache

# Re-exported: callers import the choices from `models`, as before they lived here.
from .choices import (
    AssignmentStatus,
    Category,
    ChoiceLabels,
    DonationMode,
    MemberStatus,
    Network,
    OutboxKind,
    OutboxStatus,
    OutcomeStatus,
    RequestStatus,
    Role,
)


class Profile(ChoiceLabels, models.Model):
    """A volunteer's role in the dashboard (one per Django user)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = pgettext_lazy("model", "volunteer profile")
        verbose_name_plural = pgettext_lazy("model", "volunteer profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class NetworkAccount(ChoiceLabels, models.Model):
    """An account seen on a network: a seeker, a member, a recruiter or the official account."""

    network = models.CharField(max_length=16, choices=Network.choices)
    remote_id = models.CharField(max_length=255)  # DID on Bluesky, account id on Mastodon/X
    handle = models.CharField(max_length=255)
    display_name = models.CharField(max_length=255, blank=True)
    bio = models.TextField(blank=True)
    followers_count = models.PositiveIntegerField(null=True, blank=True)
    is_seeker = models.BooleanField(default=False)  # seeker hashtag in bio
    is_member = models.BooleanField(default=False)  # member hashtag in bio or signed up
    is_official = models.BooleanField(default=False)  # the collective's own account
    # Consent: a seeker consents to relaying by posting with the seeker hashtag; a member by opting in.
    consented_at = models.DateTimeField(null=True, blank=True)
    # Said "stop" (or asked to be forgotten): nothing of theirs is relayed again.
    opted_out_at = models.DateTimeField(null=True, blank=True)
    # Blocked by a coordinator: never approved automatically (a human still decides each request).
    blocked_at = models.DateTimeField(null=True, blank=True)
    # When the account was created on its network (None: the network did not say): automatic approval's
    # minimum-age rule. `created_at` below is when Colibri first saw it.
    network_created_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "network account")
        verbose_name_plural = pgettext_lazy("model", "network accounts")
        constraints = (
            models.UniqueConstraint(fields=["network", "remote_id"], name="account_unique_remote_id"),
        )
        indexes = (
            models.Index(fields=["network", "handle"]),
            # The official accounts (a handful among 20,000+ seekers and members): read on every queue
            # view (the advice form), plan view and decision, which scanned the accounts (issue 17).
            models.Index(fields=["is_official", "network"], name="account_official_idx"),
        )

    def __str__(self) -> str:
        return f"@{self.handle} ({self.network})"


class Post(ChoiceLabels, models.Model):
    """A post as received from a network; `uri` is unique so a replayed event is stored once."""

    network = models.CharField(max_length=16, choices=Network.choices)
    uri = models.CharField(max_length=512, unique=True)
    url = models.URLField(max_length=512, blank=True)
    author = models.ForeignKey(NetworkAccount, on_delete=models.CASCADE, related_name="posts")
    text = models.TextField(blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    has_image = models.BooleanField(default=False)
    image_alt = models.TextField(blank=True)
    image_urls = models.JSONField(default=list, blank=True)
    links = models.JSONField(default=list, blank=True)
    raw = models.JSONField(default=dict, blank=True)  # payload as received, for audit and replay
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "post")
        verbose_name_plural = pgettext_lazy("model", "posts")
        # The plan's notice counts approved requests per network (`console.official.plan_notices`):
        # the network by id from the index, not from the wide rows (with `request_status_post_idx`).
        indexes = (models.Index(fields=["id", "network"], name="post_network_idx"),)

    def __str__(self) -> str:
        return self.uri


# The rows the review queue lists; `lifecycle.AWAITING_STATUSES` names the same statuses (a test holds
# them equal): written out here because the partial indexes below are frozen into a migration.
AWAITING_Q = Q(
    status__in=["needs_review", "eligible", "ineligible"], decided_at__isnull=True, erased_at__isnull=True
)


class Request(ChoiceLabels, models.Model):
    """One seeker post going through the lifecycle in DESIGN.md (one per post)."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="request")
    status = models.CharField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.DETECTED)
    # Triage result (colibri.core.types.TriageResult), flattened for filtering; `triage` keeps the whole JSON.
    category = models.CharField(max_length=24, choices=Category.choices, blank=True)
    eligible = models.BooleanField(default=False)
    needs_review = models.BooleanField(default=False)
    confidence = models.FloatField(default=0.0)
    job_title = models.CharField(max_length=255, blank=True)
    rome_code = models.CharField(max_length=8, blank=True)
    rome_label = models.CharField(max_length=255, blank=True)
    commune = models.CharField(max_length=255, blank=True)
    departement = models.CharField(max_length=3, blank=True)
    region = models.CharField(max_length=64, blank=True)
    remote = models.BooleanField(default=False)
    contracts = models.JSONField(default=list, blank=True)
    profile_link = models.URLField(max_length=512, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    feedback = models.JSONField(default=list, blank=True)
    triage = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    relayed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=OutcomeStatus.choices, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "request")
        verbose_name_plural = pgettext_lazy("model", "requests")
        indexes = (
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["region"]),
            models.Index(fields=["category"]),
            # The review queue (`lifecycle.AWAITING_STATUSES`, undecided, not erased), oldest first: a
            # partial index of the ~10k waiting rows serves its page, its count and its régions without
            # reading the 100k+ decided ones; (status, created_at) cannot order `status IN (…)` by date.
            models.Index(fields=["created_at", "id"], name="request_awaiting_idx", condition=AWAITING_Q),
            models.Index(fields=["region"], name="request_awaiting_region_idx", condition=AWAITING_Q),
            # The week panel on every home page counts this week's requests, relays and hires by date.
            models.Index(fields=["created_at"], name="request_created_idx"),
            models.Index(fields=["relayed_at"], name="request_relayed_idx"),
            models.Index(fields=["outcome_at"], name="request_outcome_idx"),
            # The plan's notice: the approved (and later) requests and their posts, from the index alone
            # (it read the 110k wide rows, triage JSON included: 150-250 ms a plan view, issue 17).
            models.Index(fields=["status", "post", "id"], name="request_status_post_idx"),
        )

    def __str__(self) -> str:
        return f"Request #{self.pk} ({self.status})"


class AuditLog(models.Model):
    """Append-only history: every action writes one row in the same transaction."""

    request = models.ForeignKey(
        Request, null=True, blank=True, on_delete=models.CASCADE, related_name="audit"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=128, blank=True)  # "ingest", "worker", a username
    action = models.CharField(max_length=64)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "history entry")
        verbose_name_plural = pgettext_lazy("model", "history")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("audit rows are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Member(ChoiceLabels, models.Model):
    """A volunteer who donates reposts ("Don de RT"), after an explicit opt-in."""

    account = models.OneToOneField(NetworkAccount, on_delete=models.CASCADE, related_name="member")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="member"
    )
    status = models.CharField(max_length=8, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    mode = models.CharField(max_length=10, choices=DonationMode.choices, default=DonationMode.NOTIFIED)
    daily_budget = models.PositiveSmallIntegerField(default=3)
    weekly_budget = models.PositiveSmallIntegerField(default=15)
    regions = models.JSONField(default=list, blank=True)  # empty = all
    job_families = models.JSONField(default=list, blank=True)  # ROME family letters/codes; empty = all
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    opted_in_at = models.DateTimeField(null=True, blank=True)
    credentials = models.BinaryField(null=True, blank=True)  # Fernet-encrypted, never logged
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model", "member")
        verbose_name_plural = pgettext_lazy("model", "members")

    def __str__(self) -> str:
        return str(self.account)


class Assignment(ChoiceLabels, models.Model):
    """One member asked to repost one request in a time slot, with the planner's explanation."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="assignments")
    slot_start = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=AssignmentStatus.choices, default=AssignmentStatus.PLANNED
    )
    reach_added = models.PositiveIntegerField(default=0)
    relevance = models.FloatField(default=0.0)
    explanation = models.TextField(blank=True)
    locked = models.BooleanField(default=False)  # a coordinator pinned it: re-planning keeps it
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "assignment")
        verbose_name_plural = pgettext_lazy("model", "assignments")
        constraints = (models.UniqueConstraint(fields=["request", "member"], name="assignment_unique"),)
        indexes = (models.Index(fields=["member", "slot_start"]),)

    def __str__(self) -> str:
        return f"{self.member} → #{self.request_id} ({self.status})"


class OutboxAction(ChoiceLabels, models.Model):
    """An intended action on a network, written with the decision that caused it; carried out exactly once."""

    kind = models.CharField(max_length=16, choices=OutboxKind.choices)
    network = models.CharField(max_length=16, choices=Network.choices)
    account = models.ForeignKey(NetworkAccount, on_delete=models.CASCADE, related_name="outbox")  # who acts
    request = models.ForeignKey(
        Request, null=True, blank=True, on_delete=models.CASCADE, related_name="outbox"
    )
    target_uri = models.CharField(max_length=512, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True)
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(default=timezone.now)
    # NULL means "unclaimed": workers claim with `UPDATE ... WHERE claimed_by IS NULL`.
    claimed_by = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    claimed_at = models.DateTimeField(null=True, blank=True)
    result_id = models.CharField(max_length=512, blank=True)  # the network's id of what was created
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "network action")
        verbose_name_plural = pgettext_lazy("model", "network actions")
        indexes = (models.Index(fields=["status", "not_before"]),)

    def __str__(self) -> str:
        return f"{self.kind} {self.target_uri} ({self.status})"


class OfficialPacing(models.Model):
    """The pacing slot of one official account: when its last official repost was let through.

    Workers take the slot with one conditional UPDATE (`... SET last_slot_at = now WHERE account = X AND
    last_slot_at <= now - interval`): whatever the number of workers, one of them gets it per interval.
    It stores the last slot, not the next allowed time, so the interval is read at claim time (a change
    of active hours or budget applies at once)."""

    account = models.OneToOneField(NetworkAccount, on_delete=models.CASCADE, related_name="pacing")
    last_slot_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "official account pacing")
        verbose_name_plural = pgettext_lazy("model", "official accounts pacing")

    def __str__(self) -> str:
        return f"pacing of {self.account} (last {self.last_slot_at})"


class EngagementSnapshot(models.Model):
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="snapshots")
    taken_at = models.DateTimeField(default=timezone.now)
    reposts = models.PositiveIntegerField(default=0)
    likes = models.PositiveIntegerField(default=0)
    replies = models.PositiveIntegerField(default=0)
    quotes = models.PositiveIntegerField(default=0)
    reposted_by = models.JSONField(default=list, blank=True)  # remote ids
    reach_estimate = models.PositiveIntegerField(default=0)
    reach_method = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "engagement measure")
        verbose_name_plural = pgettext_lazy("model", "engagement measures")

    def __str__(self) -> str:
        return f"#{self.request_id} @ {self.taken_at:%Y-%m-%d %H:%M}"


class Outcome(models.Model):
    """What a seeker told us at follow-up (the collective publishes the aggregate)."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="outcomes")
    status = models.CharField(max_length=16, choices=OutcomeStatus.choices)
    source = models.CharField(max_length=32, blank=True)  # reply, dm, volunteer, form
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model", "follow-up answer")
        verbose_name_plural = pgettext_lazy("model", "follow-up answers")

    def __str__(self) -> str:
        return f"#{self.request_id}: {self.status}"


class IngestCursor(models.Model):
    """Durable stream position per source, saved in the same transaction as the events it covers."""

    source = models.CharField(max_length=128, unique=True)
    cursor = models.CharField(max_length=255, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model", "stream position")
        verbose_name_plural = pgettext_lazy("model", "stream positions")

    def __str__(self) -> str:
        return f"{self.source} @ {self.cursor}"


class CollectiveSettings(models.Model):
    """The collective's rules, edited by coordinators (a single row, id=1)."""

    seeker_hashtag = models.CharField(max_length=64, default="i4EmploiR")
    member_hashtag = models.CharField(max_length=64, default="i4emploi")
    # Extra hashtags that make a post a candidate.
    tracked_hashtags = models.JSONField(default=list, blank=True)
    # ["CDI", "CDD"]; empty = unspecified only.
    eligible_contracts = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=8, default="fr")
    member_daily_budget = models.PositiveSmallIntegerField(default=3)
    official_daily_budget = models.PositiveSmallIntegerField(default=20)
    follower_daily_cap = models.PositiveSmallIntegerField(default=3)
    active_hours_start = models.TimeField(default="08:00")
    active_hours_end = models.TimeField(default="21:00")
    # Automatic approval (issue 14, the `autoapproval` app): off until the coordinators turn it on.
    auto_approve = models.BooleanField(default=False)
    auto_approve_min_account_age_days = models.PositiveSmallIntegerField(default=30)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("model", "collective settings")
        verbose_name_plural = pgettext_lazy("model", "collective settings")

    def __str__(self) -> str:
        return str(_("Settings of the collective"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        settings_cache.invalidate()  # a batch reading the kept copy sees the change at its next read

    @classmethod
    def get(cls) -> CollectiveSettings:
        """The settings row (created with the defaults the first time); read once per `reused()` block."""
        kept: CollectiveSettings | None = settings_cache.lookup()
        if kept is not None:
            return kept
        obj, _created = cls.objects.get_or_create(
            pk=1, defaults={"eligible_contracts": ["CDI", "CDD"], "tracked_hashtags": ["PleaseRT"]}
        )
        settings_cache.keep(obj)
        return obj


# --- audiences ------------------------------------------------------------------------------------
# Who follows each account, as a compressed bitmap of interned follower ids: planning data (reach),
# read by the planner and erased with the person, so they live here rather than in `tracking`, which
# fills them. Networks name followers with strings (DIDs, account ids); reach needs set unions over
# millions of them. Each follower gets a dense integer id once (`Follower.pk`), and an account's
# audience is a serialized `pyroaring.BitMap` of those ids (a few bytes per follower), refreshed on a
# schedule. The tables keep the names they were created with by the tracking app (migration 0004).


class Follower(models.Model):
    """One follower identity, interned: its pk is the bit that stands for it in audiences."""

    network = models.CharField(max_length=16, choices=Network.choices)
    remote_id = models.CharField(max_length=255)

    class Meta:
        db_table = "tracking_follower"
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

    class Meta:
        db_table = "tracking_audience"

    def __str__(self) -> str:
        return f"audience of {self.account} ({self.size})"
