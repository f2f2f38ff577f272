"""The ingest loop: read each configured network's stream into requests.

Events are read into a small buffer and stored together (`actions.ingest_batch.do_ingest_batch`:
new posts, their authors, requests and history rows in a few statements, one transaction) with the
stream cursor after the last of them, so a crash at any point loses nothing and stores nothing
twice: a restart resumes from the last committed cursor and replayed events are no-ops. The buffer
is stored when it holds `batch_size` events, when its oldest is `batch_seconds` old, when the stream
says it has nothing more for now (`StreamHooks.idle`, or a replay's pause) and when the stream ends,
so nothing read waits uncommitted while a stream blocks. An edit, a deletion or a reply is stored
alone (`do_ingest_event` / `do_ingest_reply`, in its own transaction with its cursor); so are the
events of a run that failed as a whole: one at a time, a malformed event is logged, recorded in the
audit log and skipped (the cursor moves past it). `NetworkError(retry=True)` and transient database
errors back off and resume from the saved cursor.

Where it reads from (`configured_networks()`, the sample replay, each source's cursor name) is
`colibri.relay.sources`.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from colibri.core.prefilter import is_candidate
from colibri.networks.base import Network, NetworkError, StreamHooks
from colibri.networks.replay import ReplayNetwork
from colibri.networks.sanitize import clean_event

from . import settings_cache
from .actions.accounts import do_register_official_account
from .actions.cursors import save_cursor
from .actions.ingest import do_ingest_event
from .actions.ingest_batch import (
    IngestBatch,
    Item,
    Outcome,
    do_ingest_batch,
    skipped_entry,
    triage_ahead,
)
from .actions.seeker_replies import do_ingest_reply
from .models import CollectiveSettings, IngestCursor, Post, RequestStatus
from .models import Network as NetworkName
from .replies import is_tracked_reply_target, live_request_posts
from .sources import load_reference_index, source_name
from .tasks import triage_request

logger = logging.getLogger(__name__)

MAX_BACKOFF = 300.0


# A buffer is stored at this many events, or when its oldest event is this old (seconds): large
# enough that the commit and the fixed statements of a run cost little per post, small enough that
# a post is on the dashboard within a fraction of a second even while a backlog is replayed.
BATCH_SIZE = 100
BATCH_SECONDS = 0.25


@transaction.atomic
def record_skipped(source: str, cursor: str | None, error: str, uri: str = "") -> None:
    """A malformed event: keep a trace (nothing silently lost) and move the cursor past it."""
    save_cursor(source, cursor)
    skipped_entry(source, cursor, error, uri).save()


class _Buffer:
    """What one stream has handed over and is not stored yet (none of it is in the database)."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.uris: set[str] = set()
        self.since = 0.0
        # The cursor of the last event passed over (nothing tracked) after the buffered ones.
        self.tail: str | None = None

    def add(self, item: Item) -> None:
        if not self.items:
            self.since = time.monotonic()
        self.items.append(item)
        self.tail = None
        if item.event is not None:
            self.uris.add(item.event.uri)

    def take(self) -> tuple[list[Item], str | None]:
        items, tail = self.items, self.tail
        self.items, self.uris, self.tail = [], set(), None
        return items, tail


@dataclass
class IngestStats:
    events: int = 0
    posts: int = 0
    needs_review: int = 0
    eligible: int = 0
    ineligible: int = 0
    withdrawn: int = 0
    skipped: int = 0
    filtered: int = 0  # posts with nothing the collective tracks (not stored)
    retries: int = 0
    by_source: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        """The progress line the ingest prints, in the active language (one plural form per count)."""
        parts = (
            ngettext("%(n)d post", "%(n)d posts", self.posts),
            ngettext("%(n)d to check", "%(n)d to check", self.needs_review),
            ngettext("%(n)d eligible", "%(n)d eligible", self.eligible),
            ngettext("%(n)d not eligible", "%(n)d not eligible", self.ineligible),
            ngettext("%(n)d withdrawn", "%(n)d withdrawn", self.withdrawn),
            ngettext("%(n)d skipped", "%(n)d skipped", self.skipped),
        )
        counts = (self.posts, self.needs_review, self.eligible, self.ineligible, self.withdrawn, self.skipped)
        return ", ".join(part % {"n": n} for part, n in zip(parts, counts, strict=True))


def _candidate_filter() -> Callable[[str], bool]:
    """The engine's fast prefilter with the collective's tracked hashtags."""
    cs = CollectiveSettings.get()
    extra = tuple(
        sorted(
            {str(t).lstrip("#") for t in [*cs.tracked_hashtags, cs.seeker_hashtag, cs.member_hashtag] if t}
        )
    )
    return lambda text: is_candidate(text, extra)


class Ingestor:
    """Runs the streams of several networks (one thread each when there are several)."""

    def __init__(
        self,
        networks: list[Network],
        *,
        follow: bool = False,
        poll_interval: float = 5.0,
        defer_triage: bool = False,
        progress: Callable[[str], None] | None = None,
        progress_every: float = 2.0,
        stop: threading.Event | None = None,
        index: Any = None,
        load_index: bool = True,
        batch_size: int = BATCH_SIZE,
        batch_seconds: float = BATCH_SECONDS,
    ):
        """`batch_size=1` stores every event in its own transaction (the path before batching)."""
        self.networks = networks
        self.batch_size = max(1, batch_size)
        self.batch_seconds = batch_seconds
        self.follow = follow
        self.poll_interval = poll_interval
        self.defer_triage = defer_triage
        self.progress = progress
        self.progress_every = progress_every
        self.stop = stop or threading.Event()
        self.index = index if index is not None or not load_index else load_reference_index()
        self.stats = IngestStats()
        self.errors: list[str] = []
        self._lock = threading.Lock()
        self._last_progress = 0.0

    # -- accounting

    def _count(self, source: str, request: Any, kind: str) -> None:
        with self._lock:
            s = self.stats
            s.events += 1
            s.by_source[source] = s.by_source.get(source, 0) + 1
            if request is not None:
                if kind == "post":
                    s.posts += 1
                status = request.status
                if status == RequestStatus.NEEDS_REVIEW:
                    s.needs_review += 1
                elif status == RequestStatus.ELIGIBLE:
                    s.eligible += 1
                elif status == RequestStatus.INELIGIBLE:
                    s.ineligible += 1
                elif status == RequestStatus.WITHDRAWN:
                    s.withdrawn += 1
        self._maybe_progress()

    def _maybe_progress(self, force: bool = False) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        if force or now - self._last_progress >= self.progress_every:
            self._last_progress = now
            self.progress(self.stats.line() + "…")

    # -- one stream

    def register_official(self, network: Network) -> None:
        """Record which account is the collective's own (from the adapter's login handle), best effort."""
        handle = getattr(network, "handle", None)
        if isinstance(network, ReplayNetwork) or not isinstance(handle, str) or not handle:
            return
        try:
            author = network.get_profile(handle)
        except NetworkError as exc:
            logger.warning(
                "ingest %s: official account profile unavailable (%s); retried next start", handle, exc
            )
            return
        do_register_official_account(network.name, author)

    def run_network(self, network: Network) -> None:
        source = source_name(network)
        backoff = 1.0
        self.register_official(network)
        while not self.stop.is_set():
            try:
                self._consume(network, source)
                backoff = 1.0
                if not self.follow:
                    return
                self.stop.wait(self.poll_interval)
            except NetworkError as exc:
                if not exc.retry:
                    message = f"{source}: {exc}"
                    logger.error("ingest %s", message)
                    self.errors.append(message)
                    return
                delay = exc.retry_after if exc.retry_after else backoff
                backoff = min(backoff * 2, MAX_BACKOFF)
                self.stats.retries += 1
                logger.warning("ingest %s: %s, retrying in %.0f s", source, exc, delay)
                self.stop.wait(min(delay, MAX_BACKOFF))
            except (OperationalError, InterfaceError) as exc:
                # Database busy or connection lost: transient, resume from the committed cursor.
                self.stats.retries += 1
                logger.warning("ingest %s: database error %s, retrying in %.0f s", source, exc, backoff)
                close_old_connections()
                self.stop.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)

    def _consume(self, network: Network, source: str) -> None:
        row = IngestCursor.objects.filter(source=source).first()
        cursor = row.cursor if row and row.cursor else None
        candidate = _candidate_filter()
        buffer = _Buffer()

        def on_error(lineno: int, message: str) -> None:
            self._hold(
                buffer, source, Item(str(lineno), error=_("unreadable event: %(error)s") % {"error": message})
            )

        def pause(seconds: float) -> None:
            self._store(buffer, source)  # nothing read waits uncommitted through a pause
            self._pause(seconds)

        name = network.name
        network.use_hooks(
            StreamHooks(
                # A firehose carries every deletion of the network: only those of stored posts (or of
                # posts read and not stored yet) matter.
                known_uri=lambda uri: uri in buffer.uris or Post.objects.filter(uri=uri).exists(),
                known_reply_parent=is_tracked_reply_target,
                # Mastodon: the threads under live requests, where a seeker's self-reply may say "stop".
                watched_posts=lambda: live_request_posts(name),
                # A replay pauses with the stop event, so Ctrl-C interrupts a pause at once.
                sleep=pause,
                on_error=on_error,
                # A blocking stream (firehose) ends promptly on shutdown.
                stop_event=self.stop,
                # The stream has nothing ready (it is about to wait): store what it handed over.
                idle=lambda: self._store(buffer, source),
            )
        )
        if hasattr(network, "set_hashtags"):
            # The adapters filter at the source with the collective's hashtags (settings page).
            cs = CollectiveSettings.get()
            names = [cs.seeker_hashtag, cs.member_hashtag, *cs.tracked_hashtags]
            tags = [f"#{str(t).lstrip('#')}" for t in names if t]
            network.set_hashtags(tags, seeker_tag=f"#{cs.seeker_hashtag}", member_tag=f"#{cs.member_hashtag}")
        try:
            for event, next_cursor in network.stream(cursor):
                if self.stop.is_set():
                    break
                try:
                    # Repaired or refused here, before anything reads it: both databases then agree.
                    event = clean_event(event, networks=NetworkName.values)
                except ValueError as exc:
                    self._hold(buffer, source, Item(next_cursor, error=str(exc), uri=str(event.uri)))
                    continue
                # An answer seen only because it names the official account is never a request,
                # whatever the author's bio says; it only counts when it answers a tracked post.
                tracked = not event.reply_only and (
                    event.kind != "post" or candidate(event.text + "\n" + event.author.bio)
                )
                if not tracked and not event.reply_to:
                    # Nothing the collective tracks: not stored at all (less personal data). The cursor
                    # moves with the next stored events; a restart re-reads these and skips them again.
                    with self._lock:
                        self.stats.events += 1
                        self.stats.filtered += 1
                    buffer.tail = next_cursor
                    continue
                # A reply with nothing tracked in it is kept only if it answers a tracked post (only
                # the seeker's "stop" counts then): decided when stored, after the events before it.
                self._hold(buffer, source, Item(next_cursor, event, tracked=tracked))
        except NetworkError:
            self._store(buffer, source)  # what was read before the failure is stored with its cursor
            raise
        self._store(buffer, source)
        if buffer.tail:
            # Every event up to it was stored or deliberately passed over: resume after it.
            save_cursor(source, buffer.tail)

    def _hold(self, buffer: _Buffer, source: str, item: Item) -> None:
        buffer.add(item)
        if len(buffer.items) >= self.batch_size or time.monotonic() - buffer.since >= self.batch_seconds:
            self._store(buffer, source)

    def _store(self, buffer: _Buffer, source: str) -> None:
        """Store the buffered events in stream order: runs in bulk, the others one by one."""
        if not buffer.items:
            return
        items, tail = buffer.take()
        # The settings are read once for the whole buffer (not twice per post), and again next time;
        # `batch_size=1` is the path before batching, kept as it was (the benchmark's baseline).
        with settings_cache.reused() if self.batch_size > 1 else contextlib.nullcontext():
            # The engine runs before the write transaction opens (SQLite's lock is then held briefly).
            batched = self.batch_size > 1
            verdicts = triage_ahead(items, index=self.index) if batched and not self.defer_triage else {}
            position = 0
            while position < len(items):
                taken = self._store_run(items[position:], source, verdicts) if batched else 0
                if not taken:
                    self._store_one(items[position], source)
                    taken = 1
                position += taken
        if tail:
            save_cursor(source, tail)

    def _store_run(self, items: list[Item], source: str, verdicts: dict[str, Any]) -> int:
        """Store the leading run of `items` in one transaction; how many it took (0: none, or it failed)."""
        batch = IngestBatch(
            items, source=source, index=self.index, defer_triage=self.defer_triage, verdicts=verdicts
        )
        try:
            # The requests and their deferred triage tasks commit together: an ingest killed between
            # the two would leave requests no worker triages (the five-minute sweep is only the net).
            with transaction.atomic():
                do_ingest_batch(batch)
                for outcome in batch.outcomes:
                    if outcome.request is not None and outcome.request.status == RequestStatus.DETECTED:
                        triage_request.enqueue(outcome.request.pk)
        except (OperationalError, InterfaceError):
            if not batch.committed:
                raise  # transient: the loop backs off and resumes from the committed cursor
        except Exception:
            if not batch.committed:
                # Something in the run cannot be stored (poison input, a bug its content triggers):
                # nothing of it was; the same events one by one isolate the bad one.
                logger.warning("ingest %s: %d events stored one by one", source, batch.size, exc_info=True)
                for item in items[: batch.size]:
                    self._store_one(item, source)
                return batch.size
            # Stored: only a callback after commit failed (logged by Django for the robust ones).
            logger.exception("ingest %s: after storing %d events", source, batch.size)
        for outcome in batch.outcomes:
            self._account(source, outcome)
        return batch.size

    def _account(self, source: str, outcome: Outcome) -> None:
        request = outcome.request
        if outcome.kind == "skipped":
            with self._lock:
                self.stats.skipped += 1
        elif outcome.kind == "passed":
            with self._lock:
                self.stats.events += 1
                self.stats.filtered += 1
        else:
            self._count(source, request, "post")

    def _store_one(self, item: Item, source: str) -> None:
        """One event in its own transaction with its cursor: the path of edits, deletions, replies, and
        of every event of a run that failed as a whole."""
        event, next_cursor = item.event, item.cursor
        if event is None:
            self._skip(source, next_cursor, item.error, uri=item.uri)
            return
        # A reply under a request (or under our repost of it) with nothing tracked in it: only the
        # seeker's "stop" counts, and it is never stored as a request.
        reply_only = not item.tracked and is_tracked_reply_target(event.reply_to)
        if not item.tracked and not reply_only:
            with self._lock:
                self.stats.events += 1
                self.stats.filtered += 1
            if next_cursor is not None:
                save_cursor(source, next_cursor)
            return
        ingest = self._ingest_reply if reply_only else self._ingest
        try:
            # The request and its deferred triage task commit together: an ingest killed between
            # the two would otherwise leave a request that no worker ever triages.
            with transaction.atomic():
                try:
                    request = ingest(event, source, next_cursor)
                except IntegrityError:
                    # Most likely a concurrent writer won a race on a unique row: once more, then skip.
                    request = ingest(event, source, next_cursor)
                if request is not None and request.status == RequestStatus.DETECTED:
                    # Deferred on purpose, or the engine failed: the worker (re)tries.
                    triage_request.enqueue(request.pk)
        except (OperationalError, InterfaceError):
            raise
        except Exception as exc:
            # Any other failure is this event's own (poison input, a bug its content triggers): it
            # is recorded as skipped and the cursor moves past it, so it never blocks the next one.
            logger.exception("ingest %s: event at %s not stored", source, next_cursor)
            self._skip(source, next_cursor, f"{type(exc).__name__}: {exc}", uri=event.uri)
            return
        self._count(source, request, "reply" if reply_only else event.kind)

    def _ingest(self, event: Any, source: str, cursor: str | None) -> Any:
        return do_ingest_event(
            event, source=source, cursor=cursor, index=self.index, defer_triage=self.defer_triage
        )

    def _ingest_reply(self, event: Any, source: str, cursor: str | None) -> Any:
        return do_ingest_reply(event, source=source, cursor=cursor)

    def _skip(self, source: str, cursor: str | None, error: str, uri: str = "") -> None:
        record_skipped(source, cursor, error, uri=uri)
        with self._lock:
            self.stats.skipped += 1

    def _pause(self, seconds: float) -> None:
        self.stop.wait(seconds)

    # -- all streams

    def run(self) -> IngestStats:
        if len(self.networks) == 1:
            self.run_network(self.networks[0])
        else:
            threads = [
                threading.Thread(target=self._thread_main, args=(n,), name=f"ingest-{n.name}", daemon=True)
                for n in self.networks
            ]
            for t in threads:
                t.start()
            for t in threads:
                while t.is_alive():
                    t.join(0.5)
        self._maybe_progress(force=True)
        return self.stats

    def _thread_main(self, network: Network) -> None:
        try:
            self.run_network(network)
        except Exception as exc:
            logger.exception("ingest %s crashed", network.name)
            self.errors.append(f"{network.name}: {exc}")
        finally:
            connection.close()
