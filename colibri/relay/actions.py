"""Every write to the relay data goes through one of these functions.

Each `do_<verb>_<noun>()` runs in one transaction and appends one `AuditLog`
row (sometimes more, for compound actions) in that same transaction, so the
history can never disagree with the data. Views, commands and tasks call these;
they never `.save()` models themselves.

Decisions on a request that is no longer open raise `ActionError` with a message
a volunteer can read, in the active language (a second moderator clicking "approve"
on a request someone else just decided must not decide it twice).

Texts written into the data for people to read later (an audit row's `why`, an outbox
row's `last_error`) are translated when written, in the language active then: the
collective's (settings.LANGUAGE_CODE), since the dashboard, the workers and the CLI all
run in it. They are records, like a line in a logbook: a later change of language does
not rewrite them.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from colibri.core.types import Post as TriagePost
from colibri.core.types import TriageResult

from .models import (
    Assignment,
    AssignmentStatus,
    AuditLog,
    Category,
    CollectiveSettings,
    IngestCursor,
    Member,
    MemberStatus,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Outcome,
    OutcomeStatus,
    Post,
    Profile,
    Request,
    RequestStatus,
    Role,
)
from .outbox import (
    CLOSED_STATUSES,
    LIVE_STATUSES,
    cancel_for_undone_decision,
    do_queue_official_reposts,
    undo_key,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from colibri.networks.base import Author, NetworkEvent

    User = AbstractBaseUser
    Actor = AbstractBaseUser | AnonymousUser | None

logger = logging.getLogger(__name__)

INGEST_ACTOR = "ingest"

# Statuses in which a request still waits for a human decision.
OPEN_STATUSES = frozenset(
    {RequestStatus.DETECTED, RequestStatus.ELIGIBLE, RequestStatus.INELIGIBLE, RequestStatus.NEEDS_REVIEW}
)


class ActionError(Exception):
    """An action refused for a reason the caller should show the user (translated message)."""


# --------------------------------------------------------------------------- helpers


def _actor_fields(actor: Any, label: str = "") -> dict[str, Any]:
    if actor is not None and getattr(actor, "is_authenticated", False):
        return {"actor": actor, "actor_label": label or actor.get_username()}
    return {"actor": None, "actor_label": label or "system"}


def _audit(
    action: str, *, request: Request | None = None, actor: Any = None, label: str = "", **details: Any
) -> None:
    AuditLog.objects.create(request=request, action=action, details=details, **_actor_fields(actor, label))


def _lock(request: Request) -> Request:
    """Re-read the request under a row lock so two concurrent decisions serialise (no-op lock on SQLite)."""
    return Request.objects.select_for_update().select_related("post").get(pk=request.pk)


def _sync(target: Request, source: Request) -> None:
    """Copy the saved state back onto the caller's instance so it never holds a stale status."""
    for f in Request._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


def _require_open(r: Request) -> None:
    if r.status not in OPEN_STATUSES:
        raise ActionError(
            _("This request was already decided (status: %(status)s); no new decision is possible.")
            % {"status": RequestStatus(r.status).label}
        )


def erased_uri(uri: str) -> str:
    """What an erased post's URI becomes: not personal, but a replayed event for it is still recognised."""
    return "erased:" + hashlib.sha256(uri.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- triage


_TRIAGERS: dict[tuple[Any, ...], Any] = {}


def _tag(value: str) -> str:
    return value if value.startswith("#") else f"#{value}"


def _triage_engine(index: Any = None) -> Any:
    """A compiled `Triager` for the collective's current settings and this index (cached), or None."""
    try:
        from colibri.core.triage import Triager, TriageSettings
    except ImportError:
        return None
    cs = CollectiveSettings.get()
    contracts = tuple(str(c) for c in (cs.eligible_contracts or ()))
    # The "please repost" hashtag the feedback asks for is the first tracked one (#PleaseRT by default).
    relay = next((str(t).strip().lstrip("#") for t in (cs.tracked_hashtags or ()) if str(t).strip("# ")), "")
    key = (id(index), cs.seeker_hashtag, cs.member_hashtag, relay, contracts, cs.language)
    engine = _TRIAGERS.get(key)
    if engine is None or engine.index is not index:
        if len(_TRIAGERS) > 8:
            _TRIAGERS.clear()
        engine = _TRIAGERS[key] = Triager(
            index=index,
            settings=TriageSettings(
                seeker_tag=_tag(cs.seeker_hashtag),
                member_tag=_tag(cs.member_hashtag),
                relay_tag=_tag(relay) if relay else "#PleaseRT",
                eligible_contracts=contracts,
                language=cs.language,
            ),
        )
    return engine


def _stub_triage(post: TriagePost) -> TriageResult:
    """Minimal stand-in used only while `colibri.core.triage` does not exist: everything needs review."""
    text = post.text.lower()
    if any(word in text for word in ("stage", "alternance", "apprentissage")):
        category = "internship_request"
    elif any(word in text for word in ("nous recrutons", "on recrute", "h/f", "f/h", "offre d'emploi")):
        category = "job_offer"
    elif any(word in text for word in ("freelance", "indépendant", "tjm")):
        category = "freelance"
    else:
        category = "seeker_request"
    return TriageResult(
        id=post.id,
        category=category,  # type: ignore[arg-type]
        eligible=category == "seeker_request",
        needs_review=True,
        confidence=0.3,
        has_image=post.has_image,
        reasons=[_("Automatic triage unavailable: a volunteer must check it.")],
    )


def triage_post(post: Post, index: Any = None) -> TriageResult:
    """Triage a stored post with the engine (links from facets appended so the engine sees them)."""
    text = post.text
    extra = [link for link in post.links if link and link not in text]
    if extra:
        text = text + "\n" + "\n".join(extra)
    tpost = TriagePost(
        id=post.uri,
        text=text,
        network=post.network,
        author_bio=post.author.bio,
        has_image=post.has_image,
        image_alt=post.image_alt,
    )
    engine = _triage_engine(index)
    if engine is None:
        return _stub_triage(tpost)
    result: TriageResult = engine.triage(tpost)
    return result


def _status_for(result: TriageResult) -> str:
    if result.needs_review:
        return RequestStatus.NEEDS_REVIEW
    return RequestStatus.ELIGIBLE if result.eligible else RequestStatus.INELIGIBLE


def _apply_triage(r: Request, result: TriageResult) -> None:
    loc = result.location
    r.status = _status_for(result)
    if _held_for_opt_out(r):
        # The person said "stop": whatever the triage thinks, a human looks first (see do_lift_opt_out).
        r.status = RequestStatus.NEEDS_REVIEW
    r.category = result.category
    r.eligible = result.eligible
    r.needs_review = result.needs_review or r.status == RequestStatus.NEEDS_REVIEW
    r.confidence = float(result.confidence)
    r.job_title = (result.job_title or "")[:255]
    r.rome_code = (result.rome_code or "")[:8]
    r.rome_label = (result.rome_label or "")[:255]
    r.commune = (loc.commune or "")[:255]
    r.departement = (loc.departement or "")[:3]
    r.region = (loc.region or "")[:64]
    r.remote = bool(loc.remote)
    r.contracts = list(result.contract)
    r.profile_link = (result.profile_link or "")[:512]
    r.reasons = list(result.reasons)
    r.feedback = list(result.feedback)
    r.triage = result.to_json()
    r.updated_at = timezone.now()


def _held_for_opt_out(r: Request) -> bool:
    """Is the request's author opted out of relays (said "stop")? Their posts then wait for a human."""
    return r.post.author.opted_out_at is not None


def _flags_from_bio(bio: str) -> tuple[bool, bool]:
    """(is_seeker, is_member) from the hashtags in a bio."""
    try:
        from colibri.core.text import is_member_tag, is_seeker_tag
    except ImportError:
        cs = CollectiveSettings.get()
        words = {w.strip(".,;:!?()").lower() for w in bio.split() if w.startswith("#")}
        return (f"#{cs.seeker_hashtag}".lower() in words, f"#{cs.member_hashtag}".lower() in words)
    cs = CollectiveSettings.get()
    seeker, member = _tag(cs.seeker_hashtag), _tag(cs.member_hashtag)
    tags = [w.strip(".,;:!?()") for w in bio.split() if w.startswith("#")]
    return any(is_seeker_tag(t, seeker) for t in tags), any(is_member_tag(t, member) for t in tags)


def _enqueue_refresh(network: str, remote_id: str) -> None:
    from .tasks import refresh_profile

    account = NetworkAccount.objects.filter(network=network, remote_id=remote_id).only("pk").first()
    if account is not None:
        refresh_profile.enqueue(account.pk)


def _has_profile(author: Author) -> bool:
    return bool(author.bio or author.display_name) or author.followers_count is not None


def _upsert_account(network: str, author: Author) -> NetworkAccount:
    now = timezone.now()
    is_seeker, is_member = _flags_from_bio(author.bio)
    remote_id = author.id or author.handle
    account = NetworkAccount.objects.filter(network=network, remote_id=remote_id).first()
    if account is None:
        try:
            # Savepoint: two streams may see a new author at once; the loser updates the winner's row.
            with transaction.atomic():
                account = NetworkAccount.objects.create(
                    network=network,
                    remote_id=remote_id,
                    handle=author.handle,
                    display_name=author.display_name[:255],
                    bio=author.bio,
                    followers_count=author.followers_count,
                    is_seeker=is_seeker,
                    is_member=is_member,
                    # Posting with the seeker hashtag in the bio is how a seeker asks to be relayed.
                    consented_at=now if is_seeker else None,
                )
        except IntegrityError:
            account = NetworkAccount.objects.get(network=network, remote_id=remote_id)
        else:
            if not _has_profile(author):
                # Streams (e.g. the Bluesky firehose) carry no profile: fetch it in the worker.
                transaction.on_commit(lambda: _enqueue_refresh(network, remote_id))
            return account
    if account.erased_at is not None:
        # The person asked to be forgotten, then posted again: a new consent, a fresh record.
        account.erased_at = None
    account.handle = author.handle or account.handle
    if not _has_profile(author):
        # The event carries no profile (a delete, a firehose post): keep what we know.
        account.updated_at = now
        account.save(update_fields=["handle", "erased_at", "updated_at"])
        return account
    account.display_name = author.display_name[:255]
    account.bio = author.bio
    if author.followers_count is not None:
        account.followers_count = author.followers_count
    account.is_seeker = is_seeker
    if is_seeker and account.consented_at is None:
        account.consented_at = now
    # Member status also comes from signing up, so the bio only ever turns it on.
    account.is_member = account.is_member or is_member
    account.updated_at = now
    account.save()
    return account


# --------------------------------------------------------------------------- ingest


def _save_cursor(source: str, cursor: str | None) -> None:
    if cursor is None:
        return
    IngestCursor.objects.update_or_create(
        source=source, defaults={"cursor": cursor, "updated_at": timezone.now()}
    )


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
    _save_cursor(source, cursor)
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
            author = _upsert_account(network, event.author)
            Post.objects.create(network=network, uri=uri, author=author, deleted_at=timezone.now())
            _audit("post_deleted_unseen", label=INGEST_ACTOR, uri=uri, source=source)
            return None
        if post.deleted_at is not None:
            return None
        post.deleted_at = timezone.now()
        post.save(update_fields=["deleted_at"])
        r = Request.objects.filter(post=post).first()
        if r is None:
            return None
        return _withdraw(r, actor=None, label=INGEST_ACTOR, why=_("post deleted by its author"))

    if event.kind == "post" and event.reply_to and post is None:
        from .replies import do_apply_seeker_reply  # here: replies imports this module

        replied = do_apply_seeker_reply(event, source=source)  # the seeker's "stop" under their request
        if replied is not None:
            return replied

    if post is not None:
        if event.kind == "post" or post.deleted_at is not None or post.uri != uri:
            return None  # duplicate, resurrection of a deleted post, or an erased one: nothing to do
        return _ingest_update(post, event, source=source, index=index, defer_triage=defer_triage)

    # A first "post" event, or an "update" whose original we never saw (treated as the post).
    author = _upsert_account(network, event.author)
    now = timezone.now()
    try:
        with transaction.atomic():  # savepoint: a concurrent ingest of the same URI must not abort ours
            post = Post.objects.create(
                network=network,
                uri=uri,
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
    except IntegrityError:
        return None
    if author.is_official:
        return None  # the collective's own posts are not requests
    r = Request(post=post, created_at=now, updated_at=now)
    error = "" if defer_triage else _try_triage(r, post, index)
    r.save()
    _audit(
        "request_detected",
        request=r,
        label=INGEST_ACTOR,
        source=source,
        uri=uri,
        status=r.status,
        category=r.category,
        confidence=r.confidence,
        **({"triage_error": error} if error else {}),
        **({"held": "opted_out"} if author.opted_out_at is not None else {}),
    )
    return r


def _try_triage(r: Request, post: Post, index: Any) -> str:
    """Triage into `r`; on an engine bug keep the post (status `detected`) and return the error.

    A crash in the engine must not lose the seeker's request nor stop the
    stream: the request waits as `detected` (shown to volunteers) and the
    ingest loop queues `triage_request` to try again in the worker.
    """
    try:
        result = triage_post(post, index)
    except Exception as exc:
        logger.exception("triage failed for %s", post.uri)
        r.status = RequestStatus.DETECTED
        r.updated_at = timezone.now()
        return f"{type(exc).__name__}: {exc}"[:500]
    _apply_triage(r, result)
    return ""


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
        _audit("post_edited_after_decision", request=r, label=INGEST_ACTOR, source=source, status=r.status)
        return r
    before = r.status
    error = ""
    if defer_triage:
        r.status = RequestStatus.DETECTED
        r.updated_at = timezone.now()
    else:
        error = _try_triage(r, post, index)
    r.save()
    _audit(
        "request_retriaged",
        request=r,
        label=INGEST_ACTOR,
        source=source,
        before=before,
        after=r.status,
        **({"triage_error": error} if error else {}),
    )
    return r


@transaction.atomic
def do_register_official_account(network: str, author: Author) -> NetworkAccount:
    """Mark the collective's own account on a network (its posts are never requests; dispatch acts as it)."""
    account = _upsert_account(network, author)
    if not account.is_official:
        account.is_official = True
        account.save(update_fields=["is_official"])
        _audit("official_account_registered", label=INGEST_ACTOR, network=network, handle=account.handle)
    return account


@transaction.atomic
def do_refresh_account(account: NetworkAccount, author: Author) -> NetworkAccount:
    """Store what the network says about an account now (bio, followers, handle)."""
    before = {"handle": account.handle, "followers_count": account.followers_count}
    fresh = _upsert_account(account.network, author)
    _audit(
        "account_refreshed",
        label="worker",
        account=fresh.pk,
        before=before,
        after={"handle": fresh.handle, "followers_count": fresh.followers_count},
    )
    return fresh


@transaction.atomic
def do_triage_request(request: Request, *, index: Any = None) -> Request:
    """Triage (again) a request still waiting for a decision, e.g. one ingested with deferred triage."""
    r = _lock(request)
    if r.status not in OPEN_STATUSES:
        return r  # decided meanwhile: a human verdict wins over a late machine one
    before = r.status
    _apply_triage(r, triage_post(r.post, index))
    r.save()
    _audit(
        "request_triaged", request=r, label="worker", before=before, after=r.status, confidence=r.confidence
    )
    _sync(request, r)
    return r


# --------------------------------------------------------------------------- decisions


def _decide(r: Request, status: str, *, actor: Any, reason: str) -> datetime:
    """Write a human decision on a locked request (who, when, why); returns the decision time."""
    now = timezone.now()
    r.status = status
    r.decided_at = now
    r.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    r.decision_reason = reason
    r.updated_at = now
    r.save()
    return now


@transaction.atomic
def do_approve_request(request: Request, *, actor: Any, reason: str = "") -> Request:
    r = _lock(request)
    _require_open(r)
    if _held_for_opt_out(r):
        # Approving would relay someone who asked us to stop: lifting the stop is its own, audited, act.
        author = r.post.author
        raise ActionError(
            _(
                "The person asked to stop relays on %(date)s. If they ask to be relayed again, first "
                "lift the stop on the request's page."
            )
            % {"date": date_format(timezone.localtime(author.opted_out_at), "SHORT_DATE_FORMAT")}
        )
    before = r.status
    now = _decide(r, RequestStatus.APPROVED, actor=actor, reason=reason)
    _audit("request_approved", request=r, actor=actor, before=before, reason=reason)
    # The approval decides the official repost: its outbox row is written in this same transaction.
    do_queue_official_reposts(now=now, request_ids=[r.pk], mark_scheduled=False)
    _sync(request, r)
    return r


@transaction.atomic
def do_reject_request(request: Request, *, actor: Any, reason: str) -> Request:
    if not reason.strip():
        raise ActionError(_("A reason is needed to reject a request."))
    r = _lock(request)
    _require_open(r)
    before = r.status
    _decide(r, RequestStatus.REJECTED, actor=actor, reason=reason)
    _audit("request_rejected", request=r, actor=actor, before=before, reason=reason)
    _sync(request, r)
    return r


@transaction.atomic
def do_mark_not_request(request: Request, *, actor: Any, category: str, reason: str = "") -> Request:
    """A human says the post is not a seeker's request (an offer, an internship, freelance, other)."""
    if category not in Category.values or category == Category.SEEKER_REQUEST:
        raise ActionError(_("Invalid category: choose offer, internship/work-study, freelance or other."))
    r = _lock(request)
    _require_open(r)
    before_status, before_category = r.status, r.category
    before_eligible, before_needs_review = r.eligible, r.needs_review
    r.category = category
    r.eligible = False
    r.needs_review = False
    _decide(r, RequestStatus.REJECTED, actor=actor, reason=reason or str(Category(category).label))
    _audit(
        "request_marked_not_request",
        request=r,
        actor=actor,
        before=before_status,
        machine_category=before_category,
        # The rest of the machine's verdict, so that undoing this decision can put it back as it was.
        machine_eligible=before_eligible,
        machine_needs_review=before_needs_review,
        category=category,
        reason=reason,
    )
    _sync(request, r)
    return r


# --------------------------------------------------------------------------- undoing a decision

# The audit actions that record a human decision, i.e. what `do_undo_decision` can take back.
DECISION_ACTIONS = ("request_approved", "request_rejected", "request_marked_not_request")

# Statuses a decision leads to while nothing of it has been published yet (`scheduled`: the official
# repost has a slot, the request is still waiting for it).
UNDOABLE_STATUSES = frozenset({RequestStatus.APPROVED, RequestStatus.SCHEDULED, RequestStatus.REJECTED})

# Statuses that only exist once something reached a network: undoing is no longer possible there.
PUBLISHED_STATUSES = frozenset(
    {RequestStatus.RELAYED, RequestStatus.AMPLIFIED, RequestStatus.FOLLOWED_UP, RequestStatus.OUTCOME}
)


class UndoNotAllowed(ActionError):
    """This user may not undo this decision (the view answers 403 rather than 409)."""


def may_undo_decision(request: Request, user: Any) -> bool:
    """Whether `user` may undo the decision on `request` (ignores whether it is still undoable).

    Who: the person who decided, or a coordinator. Undo exists to take back one's own wrong key;
    another moderator reversing a colleague's decision is a disagreement, not a slip, and goes through
    a coordinator (who sees everything anyway). No time window: the real limit is "nothing published
    yet", enforced separately, and a window would make the right depend on how fast a slip was noticed.
    A decision without a known decider (made by a script, or the account was deleted) is a
    coordinator's to undo.
    """
    from . import roles  # roles imports models only; imported here to keep this module's imports light

    if roles.has_role(user, roles.COORDINATOR):
        return True
    return (
        roles.has_role(user, roles.MODERATOR)
        and request.decided_by_id is not None
        and request.decided_by_id == getattr(user, "pk", None)
    )


def _published(r: Request, *, lock: bool = False) -> bool:
    """Whether anything of the decision may have reached a network.

    With `lock` (the request already locked, inside the undo's transaction) the request's outbox rows
    are locked too: on PostgreSQL a worker claims rows with `FOR UPDATE SKIP LOCKED`, so a claim in
    progress either finished before this (we see it running) or skips the rows we hold and finds them
    cancelled afterwards. Without it, a cheap check for pages. A row that was attempted at all
    (`attempts > 0`, even if it failed since) counts as possibly published, like in `_withdraw`: its
    outcome on the network is not certain, and only a withdrawal undoes a repost that happened.
    """
    if r.status in PUBLISHED_STATUSES or r.relayed_at is not None:
        return True
    rows = OutboxAction.objects.filter(request=r)
    if lock:
        rows = rows.select_for_update()
    if any(
        status in (OutboxStatus.RUNNING, OutboxStatus.DONE) or attempts > 0
        for status, attempts in rows.values_list("status", "attempts")
    ):
        return True
    return Assignment.objects.filter(request=r, status=AssignmentStatus.DONE).exists()


def undoable(request: Request) -> bool:
    """Cheap check for pages (no lock): a decision is there and nothing of it was published yet."""
    return request.decided_at is not None and request.status in UNDOABLE_STATUSES and not _published(request)


@transaction.atomic
def do_undo_decision(request: Request, *, actor: Any) -> Request:
    """Take back a decision made by mistake, while nothing of it has reached a network.

    The request returns to the status it had before the decision (read from the decision's audit row)
    with no decider, date or reason, so it is back in the review queue; a "not a request" also gets
    the machine's category and verdict back. The approval's pending outbox rows are cancelled (kept,
    with the reason, so the history shows them) and its planned assignments are cancelled.
    """
    r = _lock(request)
    if r.status in PUBLISHED_STATUSES or r.relayed_at is not None:
        raise ActionError(_("The repost has already gone out: withdraw the request instead."))
    decision = (
        AuditLog.objects.filter(request=r, action__in=DECISION_ACTIONS).order_by("-created_at", "-id").first()
    )
    if r.decided_at is None or r.status not in UNDOABLE_STATUSES or decision is None:
        raise ActionError(_("There is no decision to undo on this request."))
    if not may_undo_decision(r, actor):
        raise UndoNotAllowed(_("Only the person who made this decision, or a coordinator, can undo it."))
    if _published(r, lock=True):
        raise ActionError(_("The repost has already gone out: withdraw the request instead."))

    details = decision.details or {}
    before = str(details.get("before") or "")
    if before not in OPEN_STATUSES:
        # An old or odd audit row: "to check" is the safe place to put it back, a human decides again.
        before = RequestStatus.NEEDS_REVIEW
    undone = {
        "decision": decision.action,
        "decided_by": decision.actor_label,
        "decided_at": r.decided_at.isoformat(),
        "reason": r.decision_reason,
        "status": r.status,
        "restored": before,
    }
    if decision.action == "request_marked_not_request":
        machine_category = details.get("machine_category")
        if machine_category is not None:
            r.category = str(machine_category)
        # Rows written before these were recorded: rebuild the verdict from the status it had.
        r.eligible = bool(details.get("machine_eligible", before == RequestStatus.ELIGIBLE))
        r.needs_review = bool(details.get("machine_needs_review", before == RequestStatus.NEEDS_REVIEW))
    now = timezone.now()
    cancelled_actions = cancel_for_undone_decision(r.pk, reason=_("decision undone"), now=now)
    cancelled_assignments = Assignment.objects.filter(request=r, status=AssignmentStatus.PLANNED).update(
        status=AssignmentStatus.CANCELLED
    )
    r.status = before
    r.decided_at = None
    r.decided_by = None
    r.decision_reason = ""
    r.updated_at = now
    r.save()
    _audit(
        "request_decision_undone",
        request=r,
        actor=actor,
        cancelled_actions=cancelled_actions,
        cancelled_assignments=cancelled_assignments,
        **undone,
    )
    _sync(request, r)
    return r


def _withdraw(r: Request, *, actor: Any, label: str, why: str) -> Request:
    """Withdraw inside the caller's transaction: cancel what is planned, undo what was done."""
    if r.status in CLOSED_STATUSES:
        return r
    before = r.status
    now = timezone.now()
    cancelled_assignments = Assignment.objects.filter(request=r, status=AssignmentStatus.PLANNED).update(
        status=AssignmentStatus.CANCELLED
    )
    cancelled_actions = OutboxAction.objects.filter(
        request=r, status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED]
    ).update(status=OutboxStatus.CANCELLED, last_error=_("request withdrawn"))
    # A repost claimed right now may still succeed: undo it too (undoing a missing repost is a no-op).
    done = list(
        OutboxAction.objects.filter(
            request=r, kind=OutboxKind.REPOST, status__in=[OutboxStatus.DONE, OutboxStatus.RUNNING]
        )
    )
    undo = [
        OutboxAction(
            kind=OutboxKind.UNDO_REPOST,
            network=a.network,
            account_id=a.account_id,
            request=r,
            target_uri=a.target_uri,
            payload={"repost_id": a.result_id, "repost_action": a.pk},
            idempotency_key=undo_key(a),  # one undo per repost, whichever path queues it
            not_before=now,
            created_at=now,
        )
        for a in done
    ]
    OutboxAction.objects.bulk_create(undo, ignore_conflicts=True)
    r.status = RequestStatus.WITHDRAWN
    r.updated_at = now
    r.save()
    _audit(
        "request_withdrawn",
        request=r,
        actor=actor,
        label=label,
        before=before,
        why=why,
        cancelled_assignments=cancelled_assignments,
        cancelled_actions=cancelled_actions,
        undo_reposts=len(undo),
    )
    return r


@transaction.atomic
def do_withdraw_request(request: Request, *, actor: Any = None, why: str) -> Request:
    """The seeker deleted the post or said stop: nothing more is relayed and done reposts are undone.

    Withdrawing an already withdrawn (or erased) request changes nothing.
    """
    r = _lock(request)
    r = _withdraw(r, actor=actor, label="" if actor else "system", why=why)
    _sync(request, r)
    return r


# Requests that may still be relayed (or wait to be): an opt-out withdraws them all.
WITHDRAWABLE_STATUSES = frozenset(OPEN_STATUSES | set(LIVE_STATUSES) | {RequestStatus.FOLLOWED_UP})


@transaction.atomic
def do_opt_out_account(
    account: NetworkAccount, *, why: str, actor: Any = None, label: str = "", request: Request | None = None
) -> NetworkAccount:
    """The person said "stop": record it on their account and withdraw everything of theirs still live.

    From now on their posts are held for review (`_apply_triage`) and cannot be approved until a
    moderator lifts the stop (`do_lift_opt_out`). Saying stop again keeps the first date and
    withdraws whatever was posted meanwhile. `request` is the one the stop was said under (its
    history shows the opt-out)."""
    acc = NetworkAccount.objects.select_for_update().get(pk=account.pk)
    now = timezone.now()
    if acc.opted_out_at is None:
        acc.opted_out_at = now
        acc.updated_at = now
        acc.save(update_fields=["opted_out_at", "updated_at"])
        _audit(
            "account_opted_out",
            request=request,
            actor=actor,
            label=label,
            account=acc.pk,
            network=acc.network,
            handle=acc.handle,
            why=why,
        )
    live = Request.objects.select_for_update().filter(post__author=acc, status__in=WITHDRAWABLE_STATUSES)
    if request is not None:
        live = live.exclude(pk=request.pk)
    for other in live.order_by("pk"):
        _withdraw(other, actor=actor, label=label, why=_("relays stop asked: %(why)s") % {"why": why})
    account.opted_out_at = acc.opted_out_at
    return acc


@transaction.atomic
def do_lift_opt_out(account: NetworkAccount, *, actor: Any, request: Request | None = None) -> NetworkAccount:
    """A moderator lifts a person's "stop" because they asked again to be relayed.

    Never automatic, on purpose: a new post from someone who said stop (even with the seeker
    hashtag, even weeks later) may be an old draft, a thread answer or a repost of someone else's
    words, and relaying a person against their stated will is the one mistake the collective must
    not make, while holding their post costs only the review delay. The held post shows in the
    review queue with the date of the stop; the moderator reads it and lifts the stop here when it
    is clearly a new request. Requests withdrawn by the stop stay withdrawn; held ones are then
    decided as usual."""
    acc = NetworkAccount.objects.select_for_update().get(pk=account.pk)
    if acc.opted_out_at is None:
        raise ActionError(_("This person did not ask to stop relays."))
    before = acc.opted_out_at
    acc.opted_out_at = None
    acc.updated_at = timezone.now()
    acc.save(update_fields=["opted_out_at", "updated_at"])
    _audit(
        "account_opt_out_lifted",
        request=request,
        actor=actor,
        account=acc.pk,
        network=acc.network,
        handle=acc.handle,
        opted_out_at=before.isoformat(),
    )
    account.opted_out_at = None
    return acc


@transaction.atomic
def do_record_outcome(request: Request, *, status: str, source: str, actor: Any = None) -> Outcome:
    if status not in OutcomeStatus.values:
        raise ActionError(_("Unknown outcome."))
    r = _lock(request)
    if r.status == RequestStatus.ERASED:
        raise ActionError(_("This request was erased."))
    now = timezone.now()
    outcome = Outcome.objects.create(request=r, status=status, source=source[:32], reported_at=now)
    if status == OutcomeStatus.WITHDRAWN:
        r = _withdraw(
            r,
            actor=actor,
            label="" if actor else "system",
            why=_("outcome reported (%(source)s)") % {"source": source},
        )
    elif r.status != RequestStatus.WITHDRAWN:
        r.status = RequestStatus.OUTCOME
    r.outcome = status
    r.outcome_at = now
    r.updated_at = now
    r.save()
    _audit("outcome_recorded", request=r, actor=actor, status=status, source=source)
    _sync(request, r)
    return outcome


def _blank_post(post: Post) -> None:
    """Blank what a post says about its author (the caller saves): its URI becomes a hash."""
    if not post.uri.startswith("erased:"):
        post.uri = erased_uri(post.uri)
    post.url = post.text = post.image_alt = ""
    post.image_urls, post.links, post.raw = [], [], {}


def _blank_account(account: NetworkAccount, now: datetime) -> None:
    """Blank who an account is (the caller saves): its network id becomes a hash."""
    if not account.remote_id.startswith("erased:"):
        account.remote_id = erased_uri(f"{account.network}:{account.remote_id}")
    account.handle = account.display_name = account.bio = ""
    account.followers_count = None
    account.erased_at = now
    account.updated_at = now


@transaction.atomic
def do_erase_request(request: Request, *, actor: Any = None, why: str) -> None:
    """GDPR erasure: blank everything personal, keep what the aggregates need.

    Kept: status history (audit actions), category, ROME code/label, département,
    région, contracts, dates, outcome. Gone: text, bio, handle, links, image
    descriptions, raw payload, triage details, the post URI (replaced by a hash
    so a replayed event is still recognised and not stored again).
    """
    r = _lock(request)
    if r.status == RequestStatus.ERASED:
        return
    if r.status not in CLOSED_STATUSES:
        r = _withdraw(r, actor=actor, label="" if actor else "system", why=_("erasure"))
    now = timezone.now()
    post = r.post
    _blank_post(post)
    post.save()
    # Only rows already finished lose their target: pending undo actions still need it to undo the repost.
    OutboxAction.objects.filter(request=r).exclude(
        status__in=[OutboxStatus.PENDING, OutboxStatus.RUNNING]
    ).update(target_uri="", payload={})
    r.status = RequestStatus.ERASED
    r.job_title = ""
    r.commune = ""
    r.profile_link = ""
    r.reasons = []
    r.feedback = []
    r.triage = {}
    r.decision_reason = ""
    r.erased_at = now
    r.updated_at = now
    r.save()
    account = post.author
    others = (
        Post.objects.filter(author=account)
        .exclude(pk=post.pk)
        .exclude(request__status=RequestStatus.ERASED)
        .exists()
    )
    if not others and not account.is_official and not hasattr(account, "member"):
        _blank_account(account, now)
        account.save()
    # The history stays (who decided what, when) but loses what identifies the person: the post
    # URI holds their network id. This is the one rewrite of audit rows, so it bypasses save().
    rows = list(AuditLog.objects.filter(request=r))
    for row in rows:
        if isinstance(row.details, dict) and "uri" in row.details:
            row.details = {**row.details, "uri": post.uri}
    AuditLog.objects.bulk_update([row for row in rows if row.details.get("uri") == post.uri], ["details"])
    # The new audit row must not repeat the personal data it erased: only the reason and who.
    _audit("request_erased", request=r, actor=actor, label="" if actor else "system", why=why)


@transaction.atomic
def do_erase_account(account: NetworkAccount, *, actor: Any, why: str) -> int:
    """GDPR erasure on demand ("forget me"): everything Colibri holds about one person, at once.

    Every request of the account is erased as retention would (`do_erase_request`: withdrawn first,
    so the collective's reposts are undone), posts without a request are blanked, a member loses
    their preferences, stored credential and planned assignments (their own past reposts are their
    posts on the network: Colibri cannot and must not touch them), the stored audience and the
    person's entry among interned followers go, and the account keeps only a hash of its network
    id. Audit rows keep who decided what and when, without the handle. Returns how many requests
    were erased.
    """
    from colibri.tracking.models import Audience, Follower

    acc = NetworkAccount.objects.select_for_update().get(pk=account.pk)
    if acc.is_official:
        raise ActionError(_("The collective's own account cannot be erased."))
    why = why.strip()
    if not why:
        raise ActionError(_("Say why the data is erased (for example: the person asked for it)."))
    now = timezone.now()
    requests = list(
        Request.objects.filter(post__author=acc).exclude(status=RequestStatus.ERASED).order_by("pk")
    )
    for r in requests:
        do_erase_request(r, actor=actor, why=why)
    lone_posts = list(Post.objects.filter(author=acc, request__isnull=True))
    for post in lone_posts:
        _blank_post(post)
    Post.objects.bulk_update(lone_posts, ["uri", "url", "text", "image_alt", "image_urls", "links", "raw"])
    member = Member.objects.filter(account=acc).first()
    if member is not None:
        Assignment.objects.filter(member=member, status=AssignmentStatus.PLANNED).update(
            status=AssignmentStatus.CANCELLED
        )
        member.status = MemberStatus.LEFT
        member.credentials = None
        member.regions, member.job_families = [], []
        member.quiet_start = member.quiet_end = None
        member.user = None
        member.save()
    # Not yet claimed actions in the person's name are dropped; one a worker holds ends on its own.
    OutboxAction.objects.filter(account=acc, status=OutboxStatus.PENDING, claimed_by__isnull=True).update(
        status=OutboxStatus.CANCELLED, last_error=_("data erased"), done_at=now
    )
    Audience.objects.filter(account=acc).delete()
    if not acc.remote_id.startswith("erased:"):
        Follower.objects.filter(network=acc.network, remote_id=acc.remote_id).delete()
    _blank_account(acc, now)
    acc.consented_at = None
    acc.save()
    # Earlier audit rows about the account (opt-out, lift) named its handle: keep the facts, not the name.
    rows = list(AuditLog.objects.filter(details__account=acc.pk, details__has_key="handle"))
    for row in rows:
        row.details = {k: v for k, v in row.details.items() if k != "handle"}
    AuditLog.objects.bulk_update(rows, ["details"])
    _audit(
        "account_erased",
        actor=actor,
        label="" if actor else "system",
        account=acc.pk,
        network=acc.network,
        requests=len(requests),
        why=why,
    )
    account.erased_at = now
    return len(requests)


# --------------------------------------------------------------------------- collective and volunteers

_SETTINGS_EDITABLE = {
    f.name for f in CollectiveSettings._meta.concrete_fields if f.name not in {"id", "updated_at"}
}


@transaction.atomic
def do_update_collective_settings(*, actor: Any, **fields: Any) -> CollectiveSettings:
    unknown = set(fields) - _SETTINGS_EDITABLE
    if unknown:
        raise ActionError(_("Unknown setting(s): %(names)s.") % {"names": ", ".join(sorted(unknown))})
    CollectiveSettings.get()
    cs = CollectiveSettings.objects.select_for_update().get(pk=1)
    changes: dict[str, list[Any]] = {}
    for name, value in fields.items():
        old = getattr(cs, name)
        if old != value:
            changes[name] = [_jsonable(old), _jsonable(value)]
            setattr(cs, name, value)
    cs.updated_at = timezone.now()
    cs.full_clean()
    cs.save()
    _audit("settings_updated", actor=actor, changes=changes)
    return cs


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _apply_role_flags(user: Any, role: str) -> None:
    # Coordinators also get the Django admin (their "everything"); nobody else does.
    user.is_staff = role == Role.COORDINATOR
    user.is_superuser = role == Role.COORDINATOR


def generate_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def do_create_volunteer(
    *, username: str, email: str = "", role: str, password: str | None = None, actor: Any = None
) -> tuple[Any, str]:
    """Create a dashboard account; returns (user, password), the password to show once (stored hashed)."""
    if role not in Role.values:
        raise ActionError(_("Unknown role: %(role)s.") % {"role": role})
    username = username.strip()
    if not username:
        raise ActionError(_("A username is required."))
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise ActionError(_("The username “%(username)s” is already taken.") % {"username": username})
    password = password or generate_password()
    user = user_model(username=username, email=email.strip())
    user.set_password(password)
    _apply_role_flags(user, role)
    user.save()
    Profile.objects.create(user=user, role=role)
    _audit("volunteer_created", actor=actor, username=username, role=role)
    return user, password


@transaction.atomic
def do_set_role(user: Any, *, role: str, actor: Any) -> None:
    if role not in Role.values:
        raise ActionError(_("Unknown role: %(role)s.") % {"role": role})
    from .roles import role_of

    # A superuser made with `createsuperuser` has no profile yet: it starts from the role it has now.
    profile, _created = Profile.objects.select_for_update().get_or_create(
        user=user, defaults={"role": role_of(user) or Role.MEMBER}
    )
    before = profile.role
    if before == role:
        return
    if before == Role.COORDINATOR:
        remaining = Profile.objects.filter(role=Role.COORDINATOR, user__is_active=True).exclude(pk=profile.pk)
        if not remaining.exists():
            raise ActionError(_("At least one coordinator must remain."))
    profile.role = role
    profile.save()
    _apply_role_flags(user, role)
    user.save(update_fields=["is_staff", "is_superuser"])
    # The caller's user object may hold the old profile and role in its caches.
    user.profile = profile
    if hasattr(user, "_colibri_role"):
        del user._colibri_role
    _audit("role_changed", actor=actor, username=user.get_username(), before=before, after=role)
