"""Where a seeker's answer may concern a request: the posts and reposts replies are read under.

Read-only queries for the stream filters (`is_tracked_reply_target`, `live_request_posts`) and for
the action that applies the answer (`actions.seeker_replies`, via `request_for_reply_target`).
Only replies to the request post itself or to what the official account posted about it (its
repost, its reply or its direct message, whose network ids the outbox keeps in `result_id`) can
concern it.
"""

from __future__ import annotations

from .lifecycle import WITHDRAWABLE_STATUSES
from .models import OutboxAction, OutboxKind, OutboxStatus, Post, Request

# What a seeker may answer: the official repost or reply, or its direct message (a Mastodon "direct"
# status is answered by a status replying to it).
ANSWERED_KINDS = (OutboxKind.REPOST, OutboxKind.REPLY, OutboxKind.MESSAGE)


def request_for_reply_target(uri: str) -> Request | None:
    """The request whose post, or whose official repost/reply, has this uri."""
    if not uri:
        return None
    request = Request.objects.select_related("post__author").filter(post__uri=uri).first()
    if request is not None:
        return request
    action = (
        OutboxAction.objects.select_related("request__post__author")
        .filter(
            result_id=uri,
            kind__in=ANSWERED_KINDS,
            status=OutboxStatus.DONE,
            account__is_official=True,
            request__isnull=False,
        )
        .first()
    )
    return action.request if action is not None else None


def is_tracked_reply_target(uri: str) -> bool:
    """Cheap test for the stream filters: may a reply to `uri` concern a request?"""
    if not uri:
        return False
    return (
        Post.objects.filter(uri=uri, request__isnull=False).exists()
        or OutboxAction.objects.filter(result_id=uri, kind__in=ANSWERED_KINDS, request__isnull=False).exists()
    )


WATCHED_POSTS = 100  # at most this many posts' threads read per poll (Mastodon: one request each)


def live_request_posts(network: str, limit: int = WATCHED_POSTS) -> list[str]:
    """URIs of the newest live requests' posts on `network`: where a seeker's self-reply may say stop."""
    return list(
        Request.objects.filter(
            post__network=network,
            status__in=WITHDRAWABLE_STATUSES,
            post__deleted_at__isnull=True,
            erased_at__isnull=True,
        )
        .order_by("-created_at", "-pk")
        .values_list("post__uri", flat=True)[:limit]
    )
