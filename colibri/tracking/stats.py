"""Read-side of tracking: per-member stats (shown to the member, never as a leaderboard), a request's
timeline from detection to its last repost, and its latest engagement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from colibri.relay.days import day_bounds
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    AuditLog,
    EngagementSnapshot,
    Member,
    Request,
)
from colibri.relay.planning import loading


@dataclass(frozen=True, slots=True)
class MemberStats:
    member_id: int
    assigned: int  # every assignment ever planned for them, except those cancelled by a withdrawal
    done: int
    skipped: int
    donated_this_week: int  # reposts done since Monday 00:00 (local time)
    donated_total: int


def week_start(now: datetime | None = None) -> datetime:
    """Monday 00:00 local time: the same week as the planner's budgets."""
    return day_bounds(loading.week_start(timezone.localdate(now or timezone.now())))[0]


def member_stats(
    members: list[Member] | None = None, *, now: datetime | None = None
) -> dict[int, MemberStats]:
    """Stats for the given members (default: all), in one aggregate query.

    "Done" counts delegated reposts Colibri made and reposts observed on the network for notified
    members (tracking marks those assignments done), so both modes are counted the same way."""
    since = week_start(now)
    qs = Assignment.objects.all()
    if members is not None:
        qs = qs.filter(member__in=members)
    rows = qs.values("member_id").annotate(
        assigned=Count("id", filter=~Q(status=AssignmentStatus.CANCELLED)),
        done=Count("id", filter=Q(status=AssignmentStatus.DONE)),
        skipped=Count("id", filter=Q(status=AssignmentStatus.SKIPPED)),
        week=Count("id", filter=Q(status=AssignmentStatus.DONE, done_at__gte=since)),
    )
    stats = {
        r["member_id"]: MemberStats(
            r["member_id"], r["assigned"], r["done"], r["skipped"], r["week"], r["done"]
        )
        for r in rows
    }
    for m in members or []:
        stats.setdefault(m.pk, MemberStats(m.pk, 0, 0, 0, 0, 0))
    return stats


# Labels of the audit actions a request's timeline shows (others show their raw name); the
# "timeline" context keeps them apart from the same English words elsewhere in the catalog.
TIMELINE_LABELS = {
    "request_detected": pgettext_lazy("timeline", "detected"),
    "request_ingested": pgettext_lazy("timeline", "detected"),
    "request_triaged": pgettext_lazy("timeline", "triaged"),
    "request_approved": pgettext_lazy("timeline", "approved"),
    "request_rejected": pgettext_lazy("timeline", "refused"),
    "request_withdrawn": pgettext_lazy("timeline", "withdrawn"),
    "outbox.queued": pgettext_lazy("timeline", "action scheduled"),
    "outbox.done": pgettext_lazy("timeline", "action done"),
    "outbox.retry": pgettext_lazy("timeline", "new attempt scheduled"),
    "outbox.failed": pgettext_lazy("timeline", "action failed"),
    "outbox.cancelled": pgettext_lazy("timeline", "action cancelled"),
    "outbox.deferred": pgettext_lazy("timeline", "action postponed"),
    "outbox.reclaimed": pgettext_lazy("timeline", "action taken over after a worker stopped"),
    "outbox.withdrawal": pgettext_lazy("timeline", "withdrawal: reposts cancelled"),
    "engagement.snapshot": pgettext_lazy("timeline", "audience measured"),
    "assignment.skipped": pgettext_lazy("timeline", "member over their budget"),
}


def request_timeline(request: Request) -> list[dict[str, Any]]:
    """What happened to a request, in order: its publication, then every audited step (decisions,
    reposts with who made them, undos, engagement measures). The last `repost` entry is the last relay."""
    events: list[dict[str, Any]] = []
    post = request.post
    if post.posted_at:
        events.append(
            {
                "at": post.posted_at,
                "what": pgettext("timeline", "published"),
                "action": "posted",
                "details": {},
            }
        )
    for row in AuditLog.objects.filter(request=request).order_by("created_at", "id"):
        label = str(TIMELINE_LABELS.get(row.action, row.action))
        details = dict(row.details or {})
        if row.action == "outbox.done" and details.get("kind") in ("repost", "undo_repost"):
            account = details.get("account", "?")
            if details["kind"] == "repost":
                label = pgettext("timeline", "reposted by @%(account)s") % {"account": account}
            else:
                label = pgettext("timeline", "repost undone by @%(account)s") % {"account": account}
        events.append({"at": row.created_at, "what": label, "action": row.action, "details": details})
    events.sort(key=lambda e: e["at"])
    return events


def latest_engagement(request: Request) -> EngagementSnapshot | None:
    return EngagementSnapshot.objects.filter(request=request).order_by("-taken_at", "-id").first()


def members_who_reposted(snapshot: EngagementSnapshot) -> list[Member]:
    """Members among the reposters of a snapshot (observed on the network, whatever their mode)."""
    return list(
        Member.objects.filter(
            account__network=snapshot.request.post.network, account__remote_id__in=list(snapshot.reposted_by)
        ).select_related("account")
    )
