"""The outbox worker: carries queued actions out on the networks, exactly once.

One pass (`Dispatcher.run_once`):
1. plan: queue the official account's paced reposts, delegated members' reposts due soon, today's
   digests for notified members, and undos a withdrawal may have missed (`colibri.relay.outbox`);
2. reclaim rows whose worker stopped renewing its lease (killed): they become pending and *uncertain*;
3. claim due rows in small batches and carry each out through the account's `Network` adapter.

Before acting, a row may be given back untouched (not counted as an attempt): an official repost
outside the collective's active hours or too soon after the previous one (pacing: no bursts, even
after an outage or with many workers: each official account has one pacing slot, taken with a
compare-and-swap UPDATE right before the network call, `pacing.do_take_pacing_slot`), a member's
repost in their quiet hours or before the official repost of the same request, an undo whose repost
is still in flight. A repost whose request was withdrawn meanwhile is cancelled without calling the
network.

Exactly once, attempt by attempt:
- the claim is a conditional UPDATE (or SKIP LOCKED on PostgreSQL): one worker per row;
- right before the network call the worker renews its lease (fencing: a worker whose row was reclaimed
  stops there), and the row is completed only while that claim still holds;
- an attempt after an uncertain failure (timeout, 5xx, a reclaimed lease) first asks the network
  whether the repost exists (`find_repost`) and records that id instead of reposting again;
- kinds the network cannot check (reply, post, direct message) are not retried after an uncertain
  failure: they end `failed` with the reason, for a human to look at, rather than risk a duplicate.

The remaining window: a worker stalled for longer than the lease *during* a network call can race
the worker that reclaimed its row. The lease (default 5 min) is far longer than the adapters' request
timeout, and reposts are idempotent on Bluesky and Mastodon, so that race cannot duplicate a repost.
"""

from __future__ import annotations

import base64
import importlib
import logging
import os
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from django.conf import settings
from django.core.mail import send_mail
from django.db import close_old_connections
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext, ngettext

from colibri.networks.base import Network, NetworkError

from . import days
from .lifecycle import STOPPED_STATUSES
from .models import (
    Assignment,
    AssignmentStatus,
    Member,
    MemberStatus,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    RequestStatus,
)
from .outbox import claims, completion, keys, pacing, queueing

logger = logging.getLogger(__name__)

AdapterFactory = Callable[[NetworkAccount], Network]


@dataclass
class DispatchConfig:
    lease_seconds: float = 300.0  # a claim not renewed for this long belongs to a dead worker
    batch_size: int = 5  # rows claimed at once; each is re-leased just before its network call
    max_attempts: int = 8
    backoff_base: float = 30.0  # seconds; doubles each attempt, with jitter
    backoff_max: float = 3600.0
    undo_wait: float = 30.0  # an undo waits this long for the repost it undoes to finish
    official_min_gap: float | None = None  # seconds between official reposts; None = pacing interval
    member_horizon: timedelta = timedelta(hours=24)

    @classmethod
    def from_settings(cls) -> DispatchConfig:
        return cls(
            lease_seconds=float(getattr(settings, "COLIBRI_DISPATCH_LEASE_SECONDS", 300)),
            batch_size=int(getattr(settings, "COLIBRI_DISPATCH_BATCH_SIZE", 5)),
            max_attempts=int(getattr(settings, "COLIBRI_DISPATCH_MAX_ATTEMPTS", 8)),
            backoff_base=float(getattr(settings, "COLIBRI_DISPATCH_BACKOFF_BASE", 30)),
            backoff_max=float(getattr(settings, "COLIBRI_DISPATCH_BACKOFF_MAX", 3600)),
        )


@dataclass
class PassStats:
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: str) -> None:
        self.counts[outcome] += 1

    @property
    def handled(self) -> int:
        return sum(self.counts.values())


def default_worker_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def default_adapter_factory() -> AdapterFactory:
    """`COLIBRI_DISPATCH_ADAPTER_FACTORY` ("module:callable" or dotted path) when set, else the network
    registry's factory for stored accounts."""
    path = str(getattr(settings, "COLIBRI_DISPATCH_ADAPTER_FACTORY", "") or "")
    if path:
        factory: AdapterFactory = import_string(path.replace(":", "."))
        return factory
    try:
        # The networks engineer's module: builds an adapter from a stored account's credentials.
        registry = importlib.import_module("colibri.networks.registry")
    except ImportError as exc:
        raise RuntimeError("no network registry and COLIBRI_DISPATCH_ADAPTER_FACTORY is unset") from exc
    found = getattr(registry, "adapter_for_account", None)
    if found is None:
        raise RuntimeError("colibri.networks.registry has no adapter_for_account(account)")
    return cast(AdapterFactory, found)


def supports_find_repost(adapter: Network) -> bool:
    return type(adapter).find_repost is not Network.find_repost


def _uncertain(exc: NetworkError) -> bool:
    """429 and 4xx mean the network refused before doing anything; a timeout or 5xx may hide a success."""
    return exc.status is None or exc.status >= 500


class Release(Exception):
    """Give the row back untouched until `until` (pacing, quiet hours, waiting for another row)."""

    def __init__(self, until: datetime, reason: str):
        super().__init__(reason)
        self.until = until
        self.reason = reason


class Cancel(Exception):
    """End the row without acting: its request was withdrawn while it waited."""


class Dispatcher:
    def __init__(
        self,
        adapter_for: AdapterFactory | None = None,
        *,
        worker_id: str | None = None,
        config: DispatchConfig | None = None,
        site_url: str | None = None,
    ):
        self.adapter_for = adapter_for or default_adapter_factory()
        self.worker_id = (worker_id or default_worker_id())[:64]
        self.config = config or DispatchConfig.from_settings()
        self.site_url = site_url if site_url is not None else str(getattr(settings, "SITE_URL", ""))
        self._adapters: dict[int, Network] = {}

    # --- the loop --------------------------------------------------------------------------------

    def plan(self, now: datetime | None = None) -> dict[str, int]:
        now = now or timezone.now()
        return {
            "official": len(queueing.do_queue_official_reposts(now=now)),
            "member": len(queueing.do_queue_member_reposts(now=now, horizon=self.config.member_horizon)),
            "digest": len(queueing.do_queue_member_digests(now=now, site_url=self.site_url)),
            "undo": len(queueing.do_queue_missing_undos(now=now)),
        }

    def run_once(
        self, *, plan: bool = True, max_actions: int | None = None, stop: threading.Event | None = None
    ) -> PassStats:
        """Plan, reclaim stale claims, then carry out every row due now. Returns what happened.

        `stop` is checked between batches: a stopping worker finishes the rows it holds (so they are
        not left to the lease) and claims no more."""
        stats = PassStats()
        if plan:
            self.plan()
        claims.do_reclaim_stale_actions(lease_seconds=self.config.lease_seconds)
        while (max_actions is None or stats.handled < max_actions) and not (stop and stop.is_set()):
            batch = claims.do_claim_actions(worker=self.worker_id, limit=self.config.batch_size)
            if not batch:
                break
            for action in batch:
                stats.add(self.execute(action))
        return stats

    def run_forever(
        self,
        stop: threading.Event,
        *,
        idle_sleep: float = 2.0,
        plan_every: float = 60.0,
    ) -> None:
        # Engagement snapshots are not taken here: the `snapshots` periodic job (colibri.scheduling) is
        # their one owner, so N dispatch workers do not add N more reading passes.
        last_plan = 0.0
        while not stop.is_set():
            close_old_connections()  # a long-running worker must not keep a connection the DB dropped
            plan = time.monotonic() - last_plan >= plan_every
            try:
                stats = self.run_once(plan=plan, stop=stop)
            except Exception:  # the loop must survive a DB hiccup; rows are safe in their state
                logger.exception("dispatch pass failed")
                stop.wait(idle_sleep)
                continue
            if plan:
                last_plan = time.monotonic()
            if stats.handled:
                logger.info("dispatch %s: %s", self.worker_id, dict(stats.counts))
            else:
                stop.wait(idle_sleep)

    # --- one row ---------------------------------------------------------------------------------

    def adapter(self, account: NetworkAccount) -> Network:
        if account.pk not in self._adapters:
            self._adapters[account.pk] = self.adapter_for(account)
        return self._adapters[account.pk]

    def execute(self, action: OutboxAction) -> str:
        """Carry out one claimed row; return the outcome (done, retry, failed, deferred, cancelled, lost)."""
        wid = self.worker_id
        try:
            slot = self.check_preconditions(action)
        except Release as rel:
            claims.do_release_action(action.pk, worker=wid, not_before=rel.until, reason=rel.reason)
            return "deferred"
        except Cancel as c:
            claims.do_cancel_action(action.pk, worker=wid, reason=str(c))
            return "cancelled"
        if not claims.do_renew_claim(action.pk, worker=wid):
            if slot is not None:
                pacing.do_return_pacing_slot(slot)  # nothing was sent under it
            return "lost"
        try:
            result_id, note = self.perform(action)
        except NetworkError as exc:
            if slot is not None:
                if _uncertain(exc):  # it may have reached the network: the interval counts from now
                    pacing.do_settle_pacing_slot(slot)
                else:  # refused before anything happened (429, 4xx): the next one need not wait
                    pacing.do_return_pacing_slot(slot)
            status = completion.do_fail_action(
                action.pk,
                worker=wid,
                error=str(exc) or exc.__class__.__name__,
                retry=exc.retry,
                retry_after=exc.retry_after,
                uncertain=_uncertain(exc),
                max_attempts=self.config.max_attempts,
                backoff_base=self.config.backoff_base,
                backoff_max=self.config.backoff_max,
            )
            return "lost" if status is None else ("retry" if status == OutboxStatus.PENDING else "failed")
        except Exception as exc:  # a bug or an unwrapped transport error: outcome unknown, retry with care
            if slot is not None:
                pacing.do_settle_pacing_slot(slot)
            logger.exception("outbox %s: unexpected error", action.pk)
            status = completion.do_fail_action(
                action.pk,
                worker=wid,
                error=f"{exc.__class__.__name__}: {exc}",
                retry=True,
                uncertain=True,
                max_attempts=self.config.max_attempts,
                backoff_base=self.config.backoff_base,
                backoff_max=self.config.backoff_max,
            )
            return "lost" if status is None else ("retry" if status == OutboxStatus.PENDING else "failed")
        if slot is not None:
            pacing.do_settle_pacing_slot(slot)
        if not completion.do_complete_action(action.pk, worker=wid, result_id=result_id, note=note):
            logger.warning("outbox %s: done on the network but the claim was lost", action.pk)
            return "lost"
        return "done"

    def check_preconditions(self, action: OutboxAction) -> pacing.PacingSlot | None:
        """Raise Release or Cancel when the row must not be carried out now. An official repost that may go
        returns the pacing slot it took (the last check: nothing after it can give the row back)."""
        now = timezone.now()
        request = action.request
        # Advice helps exactly the refused (it says how to post again): a rejection does not stop it.
        advice = action.payload.get("role") == keys.ROLE_ADVICE and request is not None
        stopped = STOPPED_STATUSES - {RequestStatus.REJECTED} if advice else STOPPED_STATUSES
        # A direct message about a request (advice, a check-in) stops with it, like a reply.
        about_request = (OutboxKind.REPOST, OutboxKind.LIKE, OutboxKind.REPLY, OutboxKind.MESSAGE)
        if action.kind in about_request and request is not None:
            if request.status in stopped or request.post.deleted_at is not None:
                # An uncertain earlier attempt may have landed: `do_queue_missing_undos` queues its undo.
                raise Cancel(
                    gettext("request no longer relayed (%(status)s)")
                    % {"status": RequestStatus(request.status).label}
                )
        role = action.payload.get("role")
        if action.kind == OutboxKind.REPOST and role == keys.ROLE_OFFICIAL:
            pace = pacing.Pacing.from_settings()
            active = pace.next_active(now)
            if active > now:
                raise Release(active, gettext("outside the collective's active hours"))
            gap = timedelta(
                seconds=self.config.official_min_gap
                if self.config.official_min_gap is not None
                else pace.interval.total_seconds()
            )
            # Not "when was the last one done?": two workers would both read the same answer and both
            # send. The slot is taken atomically, so one official repost per interval, whatever the
            # number of workers. A worker that dies holding it only delays the row, which is reclaimed.
            slot, free_at = pacing.do_take_pacing_slot(action.account_id, gap=gap, now=now)
            if slot is None:
                raise Release(free_at, gettext("pacing: the previous official repost is too recent"))
            return slot
        elif action.kind == OutboxKind.REPOST and role == keys.ROLE_MEMBER:
            member = Member.objects.filter(pk=action.payload.get("member_id")).first()
            if member is not None:
                if member.status != "active":
                    raise Cancel(
                        gettext("member not active (%(status)s)")
                        % {"status": MemberStatus(member.status).label}
                    )
                quiet_end = days.in_quiet_hours(member, now)
                if quiet_end is not None:
                    raise Release(quiet_end, gettext("member's quiet hours"))
            # The collective relays first, members amplify (DESIGN: relayed -> amplified): a member's
            # repost waits for the official one still queued for the same request (not for a failed one).
            official_due = (
                OutboxAction.objects.filter(
                    request_id=action.request_id or 0,
                    kind=OutboxKind.REPOST,
                    payload__role=keys.ROLE_OFFICIAL,
                    status__in=[OutboxStatus.PENDING, OutboxStatus.RUNNING],
                )
                .values_list("not_before", flat=True)
                .first()
            )
            if official_due is not None:
                # Right after it when it is scheduled later; a little later when it is due now or running.
                until = (
                    official_due + timedelta(seconds=1) if official_due > now else now + timedelta(seconds=5)
                )
                raise Release(until, gettext("waiting for the official repost"))
        elif action.kind == OutboxKind.UNDO_REPOST:
            original = action.payload.get("repost_action")
            if (
                original
                and OutboxAction.objects.filter(
                    pk=original, status__in=[OutboxStatus.PENDING, OutboxStatus.RUNNING]
                ).exists()
            ):
                raise Release(
                    now + timedelta(seconds=self.config.undo_wait),
                    gettext("waiting for the repost to finish"),
                )
        return None

    def perform(self, action: OutboxAction) -> tuple[str, str]:
        """The network call(s) for one row; returns (result id, note)."""
        uncertain = bool(action.payload.get("uncertain")) and action.attempts > 1
        kind = action.kind
        if kind == OutboxKind.MESSAGE and action.payload.get("role") == keys.ROLE_DIGEST:
            # An e-mail digest needs no network session: a notified member gave no credentials, and
            # the row's account may be theirs (no official account on their network).
            return self.send_digest(action, uncertain)
        adapter = self.adapter(action.account)
        if kind == OutboxKind.REPOST:
            if uncertain and supports_find_repost(adapter):
                existing = adapter.find_repost(action.target_uri)
                if existing:
                    return existing, keys.NOTE_FOUND_AFTER_UNCERTAIN
            return adapter.repost(action.target_uri), ""
        if kind == OutboxKind.UNDO_REPOST:
            if supports_find_repost(adapter) and not adapter.find_repost(action.target_uri):
                return "", keys.NOTE_NO_REPOST
            adapter.undo_repost(action.target_uri)
            return "", ""
        if kind == OutboxKind.LIKE:
            return adapter.like(action.target_uri), ""  # likes are idempotent per account and post
        if uncertain:
            raise NetworkError(
                gettext(
                    "uncertain: the previous attempt may have succeeded and this network cannot tell; "
                    "check by hand"
                ),
                retry=False,
            )
        if kind == OutboxKind.REPLY:
            return adapter.reply(action.target_uri, str(action.payload.get("text", ""))), ""
        if kind == OutboxKind.POST:
            # An image travels base64-encoded in the payload (the monthly poster): the row alone says
            # what to publish, whichever worker claims it.
            image_b64 = action.payload.get("image_b64")
            image = base64.b64decode(image_b64) if image_b64 else None
            text = str(action.payload.get("text", ""))
            return adapter.post(text, image, str(action.payload.get("alt", ""))), ""
        if kind == OutboxKind.MESSAGE:
            return adapter.send_direct_message(action.target_uri, str(action.payload.get("text", ""))), ""
        raise NetworkError(f"unknown outbox kind {kind!r}", retry=False)

    def send_digest(self, action: OutboxAction, uncertain: bool) -> tuple[str, str]:
        payload: dict[str, Any] = action.payload
        assignments = list(
            Assignment.objects.filter(
                pk__in=payload.get("assignment_ids", []), status=AssignmentStatus.PLANNED
            )
            .exclude(request__status__in=STOPPED_STATUSES)
            .select_related("request", "request__post")
            .order_by("slot_start")
        )
        if not assignments:
            return "", keys.NOTE_NOTHING_TO_SEND
        subject, body = digest_text(assignments, day=str(payload.get("day", "")), site_url=self.site_url)
        if payload.get("channel") == "email":
            # At-least-once: a worker killed between sending and recording re-sends one e-mail at worst.
            send_mail(subject, body, None, [str(payload["email"])])
            return f"email:{payload['email']}", ""
        if uncertain:
            raise NetworkError(
                gettext("uncertain: the message may have been sent; check by hand"), retry=False
            )
        # A direct message comes from the official account: only now is its session needed.
        return self.adapter(action.account).send_direct_message(action.target_uri, body), ""


def post_link(uri: str, url: str = "") -> str:
    """A human link to a post: the stored URL, else bsky.app for at:// URIs."""
    if url:
        return url
    if uri.startswith("at://"):
        parts = uri[len("at://") :].split("/")
        if len(parts) == 3 and parts[1] == "app.bsky.feed.post":
            return f"https://bsky.app/profile/{parts[0]}/post/{parts[2]}"
    return uri


def digest_text(assignments: list[Assignment], *, day: str, site_url: str = "") -> tuple[str, str]:
    """Subject and body (in the active language: French by default) with one link per request."""
    n = len(assignments)
    subject = ngettext(
        "Colibri: %(n)d request to share today", "Colibri: %(n)d requests to share today", n
    ) % {"n": n}
    lines = [
        gettext("Hello,"),
        "",
        gettext("Here are the job requests the collective suggests you share today (%(day)s):")
        % {"day": day},
        "",
    ]
    for a in assignments:
        r = a.request
        label = " · ".join(x for x in (r.job_title, r.commune or r.region) if x) or gettext("request")
        lines.append(f"- {label} : {post_link(r.post.uri, r.post.url)}")
    lines += ["", gettext("One share per request is enough. Thank you for donating your reposts!")]
    if site_url:
        lines.append(gettext("Your space: %(url)s") % {"url": f"{site_url.rstrip('/')}/"})
    return subject, "\n".join(lines)
