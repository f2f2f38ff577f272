"""Tracking passes: read engagement and audiences from the networks, store them through the actions.

Reads go through the official account's adapter of each network (reads are public). A network that
cannot answer (`NetworkError`) is skipped for this pass and tried again at the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from colibri.networks.base import Author, Network, NetworkError, Page, PostEngagement
from colibri.relay.lifecycle import TRACKED_STATUSES
from colibri.relay.models import EngagementSnapshot, NetworkAccount, Request

from .actions import Engagement, do_record_engagement, do_store_audience

logger = logging.getLogger(__name__)

MAX_PAGES = 50  # a request with more than ~5,000 reposters is a happy problem: count what we read


def _pages(fetch: Callable[[str | None], Page], max_pages: int = MAX_PAGES) -> Iterator[Author]:
    cursor: str | None = None
    for _ in range(max_pages):
        page = fetch(cursor)
        yield from page.items
        if not page.cursor:
            return
        cursor = page.cursor


def fetch_engagement(adapter: Network, uri: str) -> Engagement:
    reposters = [a.id for a in _pages(lambda c: adapter.reposted_by(uri, c))]
    try:
        counts = adapter.get_post_engagement(uri)
    except NetworkError as exc:
        if exc.retry:
            raise
        # An adapter without counts still tells who reposted: that is what reach and members need.
        counts = PostEngagement(reposts=len(reposters))
    return Engagement(
        reposts=max(counts.reposts, len(reposters)),
        likes=counts.likes,
        replies=counts.replies,
        quotes=counts.quotes,
        reposted_by=tuple(reposters),
    )


class OfficialAdapters:
    """Each network's official-account adapter, built on first use (building one may log in: Bluesky)."""

    def __init__(self, adapter_for: Callable[[NetworkAccount], Network]) -> None:
        self._adapter_for = adapter_for
        self._officials = {
            a.network: a for a in NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True)
        }
        self._built: dict[str, Network] = {}

    def get(self, network: str) -> Network | None:
        """The adapter reading `network` through its official account; None without one."""
        official = self._officials.get(network)
        if official is None:
            return None
        if network not in self._built:
            self._built[network] = self._adapter_for(official)
        return self._built[network]


def track_requests(
    adapter_for: Callable[[NetworkAccount], Network],
    *,
    now: datetime | None = None,
    window: timedelta = timedelta(days=14),
    min_interval: timedelta = timedelta(minutes=50),
) -> int:
    """Snapshot every request relayed in the last `window` whose last snapshot is older than
    `min_interval` (so a request never measured, freshly relayed, is always included). Returns the number
    of snapshots taken. Run by the `snapshots` periodic job (colibri.scheduling), its one caller."""
    now = now or timezone.now()
    adapters = OfficialAdapters(adapter_for)
    recent = EngagementSnapshot.objects.filter(taken_at__gte=now - min_interval).values("request_id")
    requests = list(
        Request.objects.filter(status__in=TRACKED_STATUSES, post__deleted_at__isnull=True)
        .filter(Q(relayed_at__gte=now - window) | Q(updated_at__gte=now - window))
        .exclude(pk__in=recent)
        .select_related("post")
        .order_by("relayed_at", "id")
    )
    taken = 0
    broken: set[str] = set()
    for req in requests:  # one network read per request is the point; the DB writes are one action each
        network = req.post.network
        if network in broken:
            continue
        try:
            adapter = adapters.get(network)
            if adapter is None:
                continue
            engagement = fetch_engagement(adapter, req.post.uri)
        except NetworkError as exc:
            if not exc.retry:
                logger.info("tracking %s: %s", req.post.uri, exc)
                continue
            logger.warning("tracking paused for %s this pass: %s", network, exc)
            broken.add(network)
            continue
        do_record_engagement(req, engagement, now=now)
        taken += 1
    return taken


def refresh_audience(adapter: Network, account: NetworkAccount, *, max_pages: int = 200) -> int:
    """Fetch an account's followers and store them as its audience. Returns the follower count."""
    ids = [a.id for a in _pages(lambda c: adapter.followers(account.remote_id, c), max_pages)]
    return do_store_audience(account, ids).size
