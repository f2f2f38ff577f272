"""Writes of the tracking app: store an audience, record an engagement snapshot. One transaction each,
with an audit row, like every action in Colibri."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from pyroaring import BitMap

from colibri.core.reach import calibrate_population, tracked_reach
from colibri.relay import audit
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    Audience,
    EngagementSnapshot,
    Follower,
    NetworkAccount,
    Request,
)

_CHUNK = 5000  # rows per IN (...) lookup: SQLite allows 32k parameters, PostgreSQL far more


@dataclass(frozen=True, slots=True)
class Engagement:
    """What a network says about one post now."""

    reposts: int = 0
    likes: int = 0
    replies: int = 0
    quotes: int = 0
    reposted_by: Sequence[str] = field(default_factory=tuple)  # remote ids (DIDs) of every reposter


@dataclass(frozen=True, slots=True)
class Reach:
    estimate: int
    exact: int  # distinct followers of reposters whose follower list is stored
    estimated_extra: int  # reposters known only by their follower count (overlap model)
    method: str  # French, shown next to the number


def intern_followers(network: str, remote_ids: Iterable[str]) -> BitMap:
    """Dense ids for follower identities (created on first sight), as a bitmap."""
    ids = sorted(set(remote_ids))
    bm = BitMap()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        Follower.objects.bulk_create(
            [Follower(network=network, remote_id=r) for r in chunk], ignore_conflicts=True, batch_size=_CHUNK
        )
        bm.update(Follower.objects.filter(network=network, remote_id__in=chunk).values_list("pk", flat=True))
    return bm


@transaction.atomic
def do_store_audience(
    account: NetworkAccount, follower_ids: Iterable[str], *, actor_label: str = "tracking"
) -> Audience:
    """Replace an account's stored audience with the follower list just fetched."""
    bm = intern_followers(account.network, follower_ids)
    now = timezone.now()
    audience, _created = Audience.objects.update_or_create(
        account=account, defaults={"bitmap": bm.serialize(), "size": len(bm), "refreshed_at": now}
    )
    NetworkAccount.objects.filter(pk=account.pk).update(followers_count=len(bm), updated_at=now)
    audit.record("audience.stored", label=actor_label, account=account.handle, followers=len(bm))
    return audience


def estimate_reach(network: str, reposters: Sequence[str]) -> Reach:
    """Distinct followers of everyone who reposted, and how it was computed.

    Reposters whose follower list is stored are de-duplicated exactly (union of their bitmaps);
    reposters known only by a follower count are added with the overlap model of
    `colibri.core.reach` (calibrated on the stored audiences) and reported as an estimate;
    reposters we know nothing about count for zero and are named in the method."""
    accounts = list(
        NetworkAccount.objects.filter(network=network, remote_id__in=list(reposters)).values_list(
            "pk", "followers_count"
        )
    )
    stored = dict(
        Audience.objects.filter(account_id__in=[pk for pk, _n in accounts]).values_list(
            "account_id", "bitmap"
        )
    )
    bitmaps = [BitMap.deserialize(bytes(blob)) for blob in stored.values()]
    counts = [int(n) for pk, n in accounts if pk not in stored and n]
    unknown = len(set(reposters)) - len(stored) - len(counts)
    # The overlap model calibrates its population on the stored audiences; a few small ones give a
    # population smaller than one big count-only account, which would make that account add nobody.
    # The union holds at least everyone if nobody overlapped, so the population is never below that.
    population = max(
        calibrate_population(bitmaps, default=0.0), float(sum(len(b) for b in bitmaps) + sum(counts))
    )
    exact, extra = tracked_reach(bitmaps, counts, population=population or None)
    # Stored with the snapshot and shown as is: written in the active (the collective's) language.
    parts = [
        _("exact union of the followers of %(n)d account(s): %(exact)d") % {"n": len(bitmaps), "exact": exact}
    ]
    if counts:
        parts.append(
            _("+ %(extra)d estimated for %(n)d account(s) known only by their follower count (overlap model)")
            % {"extra": round(extra), "n": len(counts)}
        )
    if unknown > 0:
        parts.append(_("%(n)d account(s) without follower information not counted") % {"n": unknown})
    return Reach(
        estimate=exact + round(extra),
        exact=exact,
        estimated_extra=round(extra),
        method=pgettext("list separator", "; ").join(parts),
    )


@transaction.atomic
def do_record_engagement(
    request: Request, engagement: Engagement, *, now: datetime | None = None, actor_label: str = "tracking"
) -> EngagementSnapshot:
    """Store a snapshot of a request's engagement, with its reach, and mark as done the assignments of
    members seen reposting it (whatever their mode: notified members repost by hand)."""
    now = now or timezone.now()
    network = request.post.network
    reposters = list(dict.fromkeys(engagement.reposted_by))
    reach = estimate_reach(network, reposters)
    snapshot = EngagementSnapshot.objects.create(
        request=request,
        taken_at=now,
        reposts=engagement.reposts,
        likes=engagement.likes,
        replies=engagement.replies,
        quotes=engagement.quotes,
        reposted_by=reposters,
        reach_estimate=reach.estimate,
        reach_method=reach.method[:255],
    )
    observed = list(
        Assignment.objects.filter(
            request=request,
            status__in=[AssignmentStatus.PLANNED, AssignmentStatus.SKIPPED],
            member__account__network=network,
            member__account__remote_id__in=reposters,
        ).values_list("pk", flat=True)
    )
    Assignment.objects.filter(pk__in=observed).update(status=AssignmentStatus.DONE, done_at=now)
    audit.record(
        "engagement.snapshot",
        request=request,
        label=actor_label,
        reposts=engagement.reposts,
        likes=engagement.likes,
        replies=engagement.replies,
        quotes=engagement.quotes,
        reach=reach.estimate,
        assignments_seen_done=observed,
    )
    return snapshot
