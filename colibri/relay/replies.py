"""A seeker's reply under their request: "stop" withdraws it, "merci, j'ai trouvé" also records the hire.

DESIGN.md: "A seeker deleting the post or saying 'stop' withdraws it: the
reposts are undone". "Stop" also opts the person out of relays (their later posts wait for a
moderator, `actions.do_opt_out_account`); being hired does not. Only replies by the request's
author count, to the request post itself or to what the official account posted about it (its
repost or its reply, whose network ids the outbox keeps in `result_id`). The reply itself is
not stored (nothing more of the person than needed): a hash of its uri in the
audit row makes a re-delivered reply a no-op.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from colibri.core.replies import classify_reply

from .actions import (
    INGEST_ACTOR,
    WITHDRAWABLE_STATUSES,
    _audit,
    do_opt_out_account,
    do_record_outcome,
    do_withdraw_request,
)
from .models import AuditLog, OutboxAction, OutboxKind, OutboxStatus, Post, Request
from .signals import seeker_answered

if TYPE_CHECKING:
    from colibri.networks.base import NetworkEvent

REPLY_AUDIT = "seeker_reply_withdrawal"


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
            kind__in=[OutboxKind.REPOST, OutboxKind.REPLY],
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
        or OutboxAction.objects.filter(
            result_id=uri, kind__in=[OutboxKind.REPOST, OutboxKind.REPLY], request__isnull=False
        ).exists()
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


def _reply_key(uri: str) -> str:
    return hashlib.sha256(uri.encode()).hexdigest()[:32]


@transaction.atomic
def do_apply_seeker_reply(event: NetworkEvent, *, source: str) -> Request | None:
    """Withdraw the request a seeker's reply says "stop" to (and record "hired" when they say so).

    Returns the request when the reply was the seeker's, under their request, and said stop or
    hired; None otherwise (the caller then treats the event as any other post).
    """
    request = request_for_reply_target(event.reply_to)
    if request is None:
        return None
    author = request.post.author
    if author.network != event.network or not author.remote_id or author.remote_id != event.author.id:
        return None  # someone else's reply: never theirs to withdraw
    result = classify_reply(event.text)
    if result.intent not in ("hired", "stop"):
        # "Non", "pas encore": an answer to a follow-up check-in is the follow-up's to record.
        answers = seeker_answered.send(
            sender=Request, request=request, reply_to=event.reply_to, result=result, source=source
        )
        return request if any(consumed for _receiver, consumed in answers) else None
    kind = "hired" if result.intent == "hired" else "withdraw"
    key = _reply_key(event.uri)
    if AuditLog.objects.filter(request=request, action=REPLY_AUDIT, details__reply=key).exists():
        return request  # the same reply delivered again
    _audit(REPLY_AUDIT, request=request, label=INGEST_ACTOR, source=source, reply=key, intent=kind)
    why = _("the person's reply: “%(phrase)s”") % {"phrase": result.phrase}
    request = do_withdraw_request(request, why=why)
    if result.intent == "hired" or result.mentions_hire:
        # Found a job: an outcome, not a refusal; a later request of theirs is relayed as usual.
        do_record_outcome(request, status="hired", source="reply")
        request.refresh_from_db()
    if result.intent == "stop":
        # "Stop" is about them, not one post: their next posts are held for a human (do_opt_out_account).
        do_opt_out_account(author, why=why, label=INGEST_ACTOR, request=request)
    seeker_answered.send(
        sender=Request, request=request, reply_to=event.reply_to, result=result, source=source
    )
    return request


@transaction.atomic
def do_ingest_reply(event: NetworkEvent, *, source: str, cursor: str | None) -> Request | None:
    """A reply that carries nothing tracked but answers a tracked post: apply it, store nothing else.

    The stream cursor moves in the same transaction, as in `do_ingest_event`."""
    from .actions import _save_cursor

    _save_cursor(source, cursor)
    return do_apply_seeker_reply(event, source=source)
