"""The Bluesky adapter as the rest of Colibri sees it: one `Network`, assembled from its parts."""

from __future__ import annotations

from .feed_records import BlueskyFeedRecords
from .firehose import BlueskyFirehose


class BlueskyNetwork(BlueskyFirehose, BlueskyFeedRecords):
    """Bluesky: firehose + search backfill in, idempotent writes and feed records out (see the package)."""
