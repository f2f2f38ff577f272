"""Many stream events stored in one transaction: the ingest's fast path (issue 17).

One transaction per event cost a commit and about fifteen ORM statements per post, which capped the
ingest near 120 posts/s. `do_ingest_batch` stores, in stream order, the leading run of buffered
events it can store in bulk — new posts with their authors, requests, verdicts and history rows,
duplicates, replies that answer nothing tracked, unreadable lines — with a handful of statements for
the whole run, and the stream cursor after the run's last event, all in one transaction: a crash
anywhere in it stores nothing and moves nothing, so a restart replays the run (and everything in it
is idempotent). The run stops before the first event that needs the one-at-a-time path
(`ingest.do_ingest_event`: an edit, a deletion, a reply, the official account's post, "je rejoins");
the loop (`relay.ingest`) stores that one alone and comes back.

An exception here rolls the whole run back; the loop then stores the same events one by one, each in
its own transaction, where a bad one is isolated and recorded as skipped. What must happen after
commit (`transaction.on_commit`: the automatic approval, a profile to fetch) is registered per post
as in the one-at-a-time path, so it runs once per stored post, after the run commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from colibri.core.joining import detect_join_intent
from colibri.networks.sanitize import clean_json, clean_text

from .. import audit
from ..models import AuditLog, NetworkAccount, Post, Request
from ..replies import is_tracked_reply_target
from ..signals import request_triaged
from .accounts import REFRESHED_FIELDS, enqueue_refresh, has_profile, new_account, refresh_account
from .base import INGEST_ACTOR
from .cursors import save_cursor
from .erasure import erased_uri
from .ingest import new_post, new_request
from .triage import triage_content

if TYPE_CHECKING:
    from colibri.core.types import TriageResult
    from colibri.networks.base import NetworkEvent

logger = logging.getLogger(__name__)


@dataclass
class Item:
    """One buffered stream position: an event to store, or one the stream could not read (`error`)."""

    cursor: str | None
    event: NetworkEvent | None = None
    # False: nothing the collective tracks, but a reply: stored only if it answers a tracked post.
    tracked: bool = True
    error: str = ""
    uri: str = ""


@dataclass
class Outcome:
    """What became of one item of a run: `kind` is post, duplicate, passed or skipped."""

    item: Item
    kind: str
    request: Request | None = None


@dataclass
class IngestBatch:
    """The events a run may take (in stream order) and, once it has read them, what it took."""

    items: list[Item]
    source: str
    index: Any = None
    defer_triage: bool = False
    # How many leading items the run stores (known before the first write: a failure after it is
    # retried one by one for exactly these items).
    size: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    committed: bool = False
    # The engine's verdicts by URI with the bio each was computed with, before the transaction
    # (`triage_ahead`): SQLite's write lock, taken when the transaction begins, is then held for the
    # writes only, not for the triage.
    verdicts: dict[str, tuple[str, TriageResult]] = field(default_factory=dict)

    def mark_committed(self) -> None:
        self.committed = True


def triage_ahead(items: list[Item], *, index: Any) -> dict[str, tuple[str, TriageResult]]:
    """The verdicts of the new posts a run may store, computed before it opens its transaction (best
    effort: a post the engine fails on is triaged again, and its error recorded, when stored)."""
    verdicts: dict[str, tuple[str, TriageResult]] = {}
    for item in items:
        event = item.event
        if event is None or not item.tracked or event.kind != "post" or event.reply_to:
            continue
        try:
            verdicts[event.uri] = (
                event.author.bio,
                triage_content(
                    uri=event.uri,
                    text=event.text,
                    links=event.links,
                    network=event.network,
                    bio=event.author.bio,
                    has_image=event.has_image,
                    image_alt=event.image_alt,
                    index=index,
                ),
            )
        except Exception:
            logger.debug("triage of %s before storing failed; retried when stored", event.uri)
    return verdicts


def skipped_entry(source: str, cursor: str | None, error: str, uri: str = "") -> AuditLog:
    """The history row of an event that could not be stored (the reason may quote hostile input)."""
    error, uri = clean_text(error)[:500], clean_text(uri)[:512]
    logger.warning("ingest %s: skipped event at %s: %s", source, cursor, error)
    return audit.entry(
        "ingest_event_skipped",
        label=INGEST_ACTOR,
        **clean_json(dict(source=source, cursor=cursor, uri=uri, error=error)),
    )


def _account_key(event: NetworkEvent) -> tuple[str, str]:
    return event.network, event.author.id or event.author.handle


@transaction.atomic
def do_ingest_batch(batch: IngestBatch) -> list[Outcome]:
    """Store the leading run of `batch.items` that needs no one-at-a-time path; return its outcomes.

    `batch.size` says how many items the run took (0: the first item needs `do_ingest_event`).
    """
    transaction.on_commit(batch.mark_committed, robust=True)  # first: the loop knows it committed
    events = [item.event for item in batch.items if item.event is not None and item.tracked]
    uris = {e.uri for e in events}
    # Two reads for the whole run: which posts are stored already (erased ones under their hash)…
    known = set(
        Post.objects.filter(uri__in=[*uris, *(erased_uri(u) for u in uris)]).values_list("uri", flat=True)
    )
    # …and which authors are known (one query per network the run's events come from).
    accounts: dict[tuple[str, str], NetworkAccount] = {}
    for network in {e.network for e in events}:
        ids = {_account_key(e)[1] for e in events if e.network == network}
        for known_account in NetworkAccount.objects.filter(network=network, remote_id__in=ids):
            accounts[(network, known_account.remote_id)] = known_account

    now = timezone.now()
    outcomes: list[Outcome] = []
    posts: dict[int, Post] = {}  # outcome position -> the new post
    created: dict[tuple[str, str], NetworkAccount] = {}
    refreshed: dict[tuple[str, str], NetworkAccount] = {}
    for item in batch.items:
        event = item.event
        if event is None:
            outcomes.append(Outcome(item, "skipped"))
            continue
        if not item.tracked:
            if is_tracked_reply_target(event.reply_to):
                break  # a seeker's answer under a request: `do_ingest_reply`, alone
            outcomes.append(Outcome(item, "passed"))
            continue
        if event.uri in known or erased_uri(event.uri) in known:
            if event.kind != "post":
                break  # an edit or a deletion of a stored post
            outcomes.append(Outcome(item, "duplicate"))  # replayed, or erased: nothing to do
            continue
        if event.kind != "post" or event.reply_to or detect_join_intent(event.text):
            break
        key = _account_key(event)
        account = created.get(key) or accounts.get(key)
        if account is not None and account.is_official:
            break  # the collective's own post: stored, never a request
        if account is None:
            account = created[key] = new_account(event.network, event.author, now)
            if not has_profile(event.author):
                # Streams (e.g. the Bluesky firehose) carry no profile: fetch it in the worker.
                transaction.on_commit(partial(enqueue_refresh, *key), robust=True)
        else:
            refresh_account(account, event.author, now)
            if key not in created:
                refreshed[key] = account
        known.add(event.uri)
        posts[len(outcomes)] = new_post(event, account, now)
        outcomes.append(Outcome(item, "post"))
    batch.size = len(outcomes)
    if not outcomes:
        return outcomes

    NetworkAccount.objects.bulk_create(created.values())
    if refreshed:
        NetworkAccount.objects.bulk_update(refreshed.values(), REFRESHED_FIELDS)
    Post.objects.bulk_create(posts.values())
    requests: list[Request] = []
    rows: list[AuditLog] = []

    def verdict(post: Post) -> TriageResult | None:
        # Computed with the event's bio; the stored one wins when the event carried none (firehose).
        bio, result = batch.verdicts.get(post.uri) or (None, None)
        return result if bio == post.author.bio else None

    for position, outcome in enumerate(outcomes):
        item = outcome.item
        if outcome.kind == "skipped":
            rows.append(skipped_entry(batch.source, item.cursor, item.error, item.uri))
        elif outcome.kind == "post":
            r, row = new_request(
                posts[position],
                now=now,
                source=batch.source,
                index=batch.index,
                defer_triage=batch.defer_triage,
                verdict=verdict(posts[position]),
            )
            outcome.request = r
            requests.append(r)
            rows.append(row)
    Request.objects.bulk_create(requests)
    audit.record_all(rows)  # in stream order, the requests' ids set by the INSERT above
    for r in requests:
        if r.category:
            request_triaged.send(sender=Request, request=r)  # e.g. the follow-up matches a hire announcement
    cursors = [o.item.cursor for o in outcomes if o.item.cursor is not None]
    if cursors:
        save_cursor(batch.source, cursors[-1])
    batch.outcomes = outcomes
    return outcomes
