"""The live stream: the repo firehose (`com.atproto.sync.subscribeRepos`) of a relay or a PDS.

Each `#commit` carries its records as a CAR; creates/updates of `app.bsky.feed.post` that carry one
of the collective's hashtags become `post`/`update` events, deletions of tracked posts `delete`
events, and a reply under a tracked post (a self-reply, or one to the official account) passes too.
The cursor is the firehose `seq` (see `records.parse_cursor`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import libipld
from atproto_core.cbor import decode_dag_multi
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import connect

from ..base import NetworkError, NetworkEvent
from .backfill import BlueskyBackfill
from .records import (
    MAX_FRAME,
    POST,
    cid_str,
    parse_cursor,
    record_reply_parent,
    record_tags,
)

logger = logging.getLogger("colibri.networks.bluesky")


class BlueskyFirehose(BlueskyBackfill):
    """The firehose stream, with a search backfill on the first run."""

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        seq, done_index = parse_cursor(cursor)
        start_after = seq
        if (cursor or None) == (self._last_yielded or None) and self._scanned_seq is not None:
            # Same instance resuming where it last stopped: the commits between the cursor and
            # `_scanned_seq` were read and none was a candidate (nor is a new backfill needed).
            if self._scanned_seq > (seq or 0) and done_index >= 1 << 30:
                start_after, seq, done_index = self._scanned_seq, None, -1
        params: dict[str, Any] = {}
        if start_after is not None:
            # The relay replays from `cursor` exclusive; re-read the partly-consumed commit itself.
            params["cursor"] = start_after - 1 if (seq is not None and done_index < 1 << 30) else start_after
        url = f"{self.firehose_url}/xrpc/com.atproto.sync.subscribeRepos"
        if params:
            url += "?" + urlencode(params)
        try:
            ws = connect(url, open_timeout=self._timeout, max_size=MAX_FRAME, proxy=None, compression=None)
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as exc:
            raise NetworkError(
                f"bluesky firehose {self.firehose_url}: {type(exc).__name__}: {exc}", retry=True
            ) from None
        idle_since = time.monotonic()
        with ws:
            if start_after is None and self.backfill_on_first_run:
                # No cursor: the firehose starts at "now". Posts from before are found by search,
                # after subscribing (the socket buffers what arrives meanwhile) so none falls between.
                # Their cursor is "" (no position yet): a restart before the first live event
                # searches again, and the consumer drops what it already has (same URIs).
                since = datetime.now(UTC) - self.backfill_window
                try:
                    backfilled = list(self.backfill(since=since))
                except NetworkError as exc:
                    logger.warning("bluesky: first-run backfill by search failed (%s); live stream only", exc)
                    backfilled = []
                backfilled += self._reply_backfill(since)
                for event in backfilled:
                    self._remember(event.uri)
                    self._last_yielded = ""
                    yield event, ""
            while True:
                if self.stop_event is not None and self.stop_event.is_set():
                    return
                try:
                    try:
                        frame = ws.recv(timeout=0)  # a frame already received: no wait
                    except TimeoutError:
                        self._idle()  # about to wait: the consumer stores what it holds first
                        frame = ws.recv(timeout=self.recv_timeout)
                except TimeoutError:
                    if self.idle_timeout is not None and time.monotonic() - idle_since >= self.idle_timeout:
                        return
                    continue
                except ConnectionClosed as exc:
                    raise NetworkError(f"bluesky firehose closed: {exc}", retry=True) from None
                idle_since = time.monotonic()
                if isinstance(frame, str):
                    continue
                handed = False
                for event, event_cursor in self._events_from_frame(frame, cursor, seq, done_index):
                    self._last_yielded = event_cursor
                    handed = True
                    yield event, event_cursor
                if not handed:
                    # Nearly every frame of a busy network carries nothing for us: what the consumer
                    # holds is stored now rather than when the next tracked post happens to come.
                    self._idle()

    def _idle(self) -> None:
        if self.on_idle is not None:
            self.on_idle()

    def _events_from_frame(
        self, frame: bytes, cursor: str | None, resume_seq: int | None, done_index: int
    ) -> Iterator[tuple[NetworkEvent, str]]:
        try:
            header, body = decode_dag_multi(frame)
        except Exception as exc:
            logger.warning("bluesky firehose: undecodable frame skipped: %s", exc)
            return
        if header.get("op") == -1:
            error = str(body.get("error") or "")
            message = f"bluesky firehose error {error}: {body.get('message') or ''}"
            # FutureCursor: our cursor is ahead of the server (a reset network): not fixable by waiting.
            raise NetworkError(message, retry=error not in ("FutureCursor",), status=400)
        kind = header.get("t")
        if kind == "#info":
            if body.get("name") == "OutdatedCursor":
                logger.warning(
                    "bluesky firehose: cursor %s is older than its history; backfilling by search", cursor
                )
                since = datetime.now(UTC) - self.backfill_window
                for event in self.backfill(since=since):
                    yield event, cursor or "0"
                for event in self._reply_backfill(since):
                    yield event, cursor or "0"
            return
        seq = body.get("seq")
        if not isinstance(seq, int):
            return
        if kind == "#identity" and body.get("handle"):
            self._handles.put(str(body.get("did")), str(body["handle"]))
            self._profiles.pop(str(body.get("did")))
        elif kind == "#commit":
            ops = [op for op in body.get("ops") or () if str(op.get("path", "")).startswith(POST + "/")]
            skip_upto = done_index if seq == resume_seq else -1
            if ops and not (resume_seq is not None and seq < resume_seq):
                events = list(self._events_from_commit(body, ops))
                for position, (op_index, event) in enumerate(events):
                    if op_index <= skip_upto:
                        continue
                    last = position == len(events) - 1
                    yield event, (str(seq) if last else f"{seq}:{op_index}")
        self._scanned_seq = seq

    def _events_from_commit(
        self, body: dict[str, Any], ops: list[dict[str, Any]]
    ) -> Iterator[tuple[int, NetworkEvent]]:
        repo = str(body.get("repo") or "")
        blocks: dict[Any, Any] = {}
        if any(op.get("action") in ("create", "update") for op in ops):
            try:
                _, blocks = libipld.decode_car(body.get("blocks") or b"")
            except Exception as exc:
                logger.warning(
                    "bluesky firehose: commit %s of %s has an unreadable CAR: %s", body.get("seq"), repo, exc
                )
                return
        for index, op in enumerate(ops):
            uri = f"at://{repo}/{op['path']}"
            action = op.get("action")
            if action == "delete":
                if not self._tracked(uri):
                    continue
                yield (
                    index,
                    NetworkEvent(
                        kind="delete",
                        network=self.name,
                        uri=uri,
                        author=self._cached_author(repo),
                        url=self._web_url(uri),
                        raw={"op": "delete", "uri": uri, "seq": body.get("seq")},
                    ),
                )
                continue
            record = blocks.get(op.get("cid"))
            if not isinstance(record, dict):
                continue  # tooBig commit or missing block: nothing to read
            text = str(record.get("text") or "")
            if not self.filter.matches(text, record_tags(record)) and not self._reply_tracked(repo, record):
                continue
            cid = cid_str(op.get("cid"))
            self._remember(uri)
            yield (
                index,
                self._event(
                    "post" if action == "create" else "update",
                    uri,
                    cid,
                    repo,
                    record,
                    fallback_time=body.get("time"),
                ),
            )

    def _remember(self, uri: str) -> None:
        self._candidates[uri] = None
        self._candidates.move_to_end(uri)
        while len(self._candidates) > 200_000:
            self._candidates.popitem(last=False)

    def _tracked(self, uri: str) -> bool:
        if uri in self._candidates:
            return True
        if self.known_uri is None:
            return False
        try:
            return bool(self.known_uri(uri))
        except Exception:
            # The consumer's store is unavailable: better one event too many than a missed withdrawal.
            logger.exception("bluesky: known_uri(%s) failed; passing the deletion on", uri)
            return True

    def _reply_tracked(self, repo: str, record: dict[str, Any]) -> bool:
        """A reply, by the author of its parent or to the logged-in account, to a post the consumer tracks."""
        parent = record_reply_parent(record)
        if not parent:
            return False
        if parent in self._candidates:
            return True
        parent_did = parent[len("at://") :].split("/", 1)[0]
        # Only self-replies and replies to the official account can be a seeker's "stop": asking the
        # consumer about every reply on the network would cost one lookup per firehose reply.
        if self.known_reply_parent is None:
            return False
        if parent_did != repo and parent_did != self._official_did():
            return False
        try:
            return bool(self.known_reply_parent(parent))
        except Exception:
            logger.exception("bluesky: known_reply_parent(%s) failed; reply skipped", parent)
            return False
