"""One stream event stored: a new post becomes a request (triaged unless deferred), an edit retriages
it while it waits, a deletion withdraws it, a seeker's answer under it may withdraw it.

Each event is stored with the stream cursor that follows it in one transaction
(`do_ingest_event`), so a restart resumes exactly where the last stored event left off. A run of
new posts is stored in bulk by `ingest_batch.do_ingest_batch`, which builds its rows with
`new_post` and `new_request` from here: both paths store the same rows.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from colibri.core.joining import detect_join_intent

from .. import audit, lifecycle
from ..lifecycle import OPEN_STATUSES
from ..models import AuditLog, NetworkAccount, Post, Request, RequestStatus
from ..signals import request_triaged
from .accounts import upsert_account
from .base import INGEST_ACTOR
from .cursors import save_cursor
from .erasure import erased_uri
from .join_intent import do_answer_join_intent
from .seeker_replies import do_apply_seeker_reply
from .triage import try_triage
from .withdrawal import withdraw_locked

if TYPE_CHECKING:
    from colibri.core.types import TriageResult
    from colibri.networks.base import NetworkEvent


@transaction.atomic
def do_ingest_event(
    event: NetworkEvent, *, source: str, cursor: str | None, index: Any = None, defer_triage: bool = False
) -> Request | None:
    """Store one stream event and its cursor together; return the request it created or changed, if any.

    Replays and out-of-order events are harmless: a post already stored (or
    erased, or deleted before we saw it) is not stored again; an edit older
    than the last one seen is ignored. With `defer_triage` the request is left
    `detected` and the caller enqueues `triage_request` (the worker triages it).
    """
    save_cursor(source, cursor)
    network = event.network
    uri = event.uri
    post = Post.objects.select_related("author").filter(uri__in=[uri, erased_uri(uri)]).first()

    if event.kind == "delete":
        local_id = str(event.raw.get("id") or "") if isinstance(event.raw, dict) else ""
        if post is None and network == "mastodon" and local_id:
            # Mastodon's streaming API names a deleted status only by this instance's id, which is the
            # `id` of the status payload stored when the post was read from the same instance.
            post = Post.objects.select_related("author").filter(network=network, raw__id=local_id).first()
        if post is None:
            # Deleted before we saw it: keep a tombstone so a late "post" event is not resurrected.
            author = upsert_account(network, event.author)
            Post.objects.create(network=network, uri=uri, author=author, deleted_at=timezone.now())
            audit.record("post_deleted_unseen", label=INGEST_ACTOR, uri=uri, source=source)
            return None
        if post.deleted_at is not None:
            return None
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at"])
        r = Request.objects.filter(post=post).first()
        if r is None:
            return None
        return withdraw_locked(r, actor=None, label=INGEST_ACTOR, why=_("post deleted by its author"))

    if event.kind == "post" and event.reply_to and post is None:
        replied = do_apply_seeker_reply(event, source=source)  # the seeker's "stop" under their request
        if replied is not None:
            return replied

    if post is not None:
        if event.kind == "post" or post.deleted_at is not None or post.uri != uri:
            return None  # duplicate, resurrection of a deleted post, or an erased one: nothing to do
        return _ingest_update(post, event, source=source, index=index, defer_triage=defer_triage)

    # A first "post" event, or an "update" whose original we never saw (treated as the post).
    author = upsert_account(network, event.author)
    now = timezone.now()
    try:
        with transaction.atomic():  # savepoint: a concurrent ingest of the same URI must not abort ours
            post = new_post(event, author, now)
            post.save(force_insert=True)
    except IntegrityError:
        return None
    if author.is_official:
        return None  # the collective's own posts are not requests
    if phrase := detect_join_intent(event.text):
        # "Je rejoins le collectif": answered with the join link, not triaged (it reads as an offer).
        do_answer_join_intent(post, phrase=phrase, actor_label=INGEST_ACTOR)
        return None
    r, row = new_request(post, now=now, source=source, index=index, defer_triage=defer_triage)
    r.save(force_insert=True)
    row.save()  # its request is `r`, saved just now
    if r.category:
        request_triaged.send(sender=Request, request=r)  # e.g. the follow-up matches a hire announcement
    return r


def new_post(event: NetworkEvent, author: NetworkAccount, now: datetime) -> Post:
    """The row for a post seen for the first time (not saved: `do_ingest_event` or a batch saves it)."""
    return Post(
        network=event.network,
        uri=event.uri,
        url=event.url[:512],
        author=author,
        text=event.text,
        posted_at=event.created_at,
        received_at=now,
        has_image=event.has_image,
        image_alt=event.image_alt,
        image_urls=list(event.image_urls),
        links=list(event.links),
        raw=event.raw,
        edited_at=event.created_at if event.kind == "update" else None,
    )


def new_request(
    post: Post,
    *,
    now: datetime,
    source: str,
    index: Any,
    defer_triage: bool,
    verdict: TriageResult | None = None,
) -> tuple[Request, AuditLog]:
    """A new post's request, triaged unless deferred (with `verdict` when the caller computed it), and
    its `request_detected` history row (unsaved)."""
    r = Request(post=post, created_at=now, updated_at=now)
    error = "" if defer_triage else try_triage(r, post, index, verdict)
    row = audit.entry(
        "request_detected",
        request=r,
        label=INGEST_ACTOR,
        source=source,
        uri=post.uri,
        status=r.status,
        category=r.category,
        confidence=r.confidence,
        **({"triage_error": error} if error else {}),
        **({"held": "opted_out"} if post.author.opted_out_at is not None else {}),
    )
    return r, row


def _ingest_update(
    post: Post, event: NetworkEvent, *, source: str, index: Any, defer_triage: bool
) -> Request | None:
    edited = event.created_at
    if edited is not None and post.edited_at is not None and edited <= post.edited_at:
        return None  # an older edit arriving late
    if edited is not None and post.posted_at is not None and edited < post.posted_at:
        return None
    post.text = event.text
    post.has_image = event.has_image
    post.image_alt = event.image_alt
    post.image_urls = list(event.image_urls)
    post.links = list(event.links)
    post.raw = event.raw
    post.edited_at = edited or timezone.now()
    post.save(update_fields=["text", "has_image", "image_alt", "image_urls", "links", "raw", "edited_at"])
    r = Request.objects.filter(post=post).first()
    if r is None:
        return None
    if r.status not in OPEN_STATUSES:
        audit.record(
            "post_edited_after_decision", request=r, label=INGEST_ACTOR, source=source, status=r.status
        )
        return r
    before = r.status
    error = ""
    if defer_triage:
        lifecycle.move(r, RequestStatus.DETECTED)
        r.updated_at = timezone.now()
    else:
        error = try_triage(r, post, index)
    r.save()
    audit.record(
        "request_retriaged",
        request=r,
        label=INGEST_ACTOR,
        source=source,
        before=before,
        after=r.status,
        **({"triage_error": error} if error else {}),
    )
    return r
