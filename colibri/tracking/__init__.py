"""Tracking: what the relays achieved. Engagement snapshots per request (reposts, likes, replies, quotes,
which members reposted), reach from stored follower audiences, per-member stats and request timelines."""
