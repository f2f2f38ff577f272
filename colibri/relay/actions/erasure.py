"""GDPR erasure: one request (retention, or as part of a person's erasure) or everything Colibri holds
about one person, at once.

What the aggregates need is kept (status history, category, ROME code, département, dates,
outcome); what identifies the person goes, and a post's URI becomes a keyed hash so a replayed
event for it is still recognised and not stored again. The audit and outbox rows that name the
person are rewritten in the same transaction (`relay.scrub`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, lifecycle
from ..lifecycle import CLOSED_STATUSES
from ..models import (
    Assignment,
    AssignmentStatus,
    Audience,
    AuditLog,
    Follower,
    Member,
    MemberStatus,
    NetworkAccount,
    OutboxAction,
    OutboxStatus,
    Post,
    Request,
    RequestStatus,
)
from ..scrub import erasure_hash, scrub_text, scrub_traces
from .base import ActionError, lock_request
from .withdrawal import withdraw_locked


def erased_uri(uri: str) -> str:
    """What an erased post's URI becomes: not personal, but a replayed event for it is still recognised.

    A keyed hash (`relay.scrub`): knowing the URI or the DID is not enough to confirm it."""
    return erasure_hash(uri)


def blank_post(post: Post) -> None:
    """Blank what a post says about its author (the caller saves): its URI becomes a hash."""
    if not post.uri.startswith("erased:"):
        post.uri = erased_uri(post.uri)
    post.url = post.text = post.image_alt = ""
    post.image_urls, post.links, post.raw = [], [], {}


def blank_account(account: NetworkAccount, now: datetime) -> None:
    """Blank who an account is (the caller saves): its network id becomes a hash."""
    if not account.remote_id.startswith("erased:"):
        account.remote_id = erased_uri(f"{account.network}:{account.remote_id}")
    account.handle = account.display_name = account.bio = ""
    account.followers_count = None
    account.network_created_at = None
    account.erased_at = now
    account.updated_at = now


def post_identifiers(post: Post) -> tuple[list[str], list[str]]:
    """(identifiers, display names) of a post and its author, as erasure must find them elsewhere."""
    author = post.author
    ids = [post.uri, post.url, author.remote_id, author.handle]
    return [i for i in ids if i], [author.display_name] if author.display_name else []


@transaction.atomic
def do_erase_request(request: Request, *, actor: Any = None, why: str) -> None:
    """GDPR erasure: blank everything personal, keep what the aggregates need.

    Kept: status history (audit actions), category, ROME code/label, département,
    région, contracts, dates, outcome. Gone: text, bio, handle, links, image
    descriptions, raw payload, triage details, the post URI (replaced by a hash
    so a replayed event is still recognised and not stored again).
    """
    r = lock_request(request)
    if r.status == RequestStatus.ERASED:
        return
    identifiers, names = post_identifiers(r.post)  # read before anything is blanked
    if r.status not in CLOSED_STATUSES:
        r = withdraw_locked(r, actor=actor, label="" if actor else "system", why=_("erasure"))
    now = timezone.now()
    post = r.post
    blank_post(post)
    post.save()
    # Only rows already finished lose their target: pending undo actions still need it to undo the repost.
    OutboxAction.objects.filter(request=r).exclude(
        status__in=[OutboxStatus.PENDING, OutboxStatus.RUNNING]
    ).update(target_uri="", payload={})
    lifecycle.move(r, RequestStatus.ERASED)
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
        blank_account(account, now)
        account.save()
    # The history stays (who decided what, when) but loses what identifies the person: URIs become
    # their keyed hash, reasons written about them go, finished outbox rows lose their target.
    scrub_traces(request_ids=[r.pk], identifiers=identifiers, names=names)
    # The new audit row must not repeat the personal data it erased: only the reason and who.
    why = scrub_text(why, [*identifiers, *names])
    audit.record("request_erased", request=r, actor=actor, label="" if actor else "system", why=why)


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

    acc = NetworkAccount.objects.select_for_update().get(pk=account.pk)
    if acc.is_official:
        raise ActionError(_("The collective's own account cannot be erased."))
    why = why.strip()
    if not why:
        raise ActionError(_("Say why the data is erased (for example: the person asked for it)."))
    now = timezone.now()
    identifiers = [i for i in (acc.remote_id, acc.handle) if i]
    names = [acc.display_name] if acc.display_name else []
    for uri, url in Post.objects.filter(author=acc).values_list("uri", "url"):
        identifiers += [i for i in (uri, url) if i]
    requests = list(
        Request.objects.filter(post__author=acc).exclude(status=RequestStatus.ERASED).order_by("pk")
    )
    for r in requests:
        do_erase_request(r, actor=actor, why=why)
    lone_posts = list(Post.objects.filter(author=acc, request__isnull=True))
    for post in lone_posts:
        blank_post(post)
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
    blank_account(acc, now)
    acc.consented_at = None
    acc.save()
    # Earlier audit rows about the account (opt-out, lift) named its handle: keep the facts, not the name.
    rows = list(AuditLog.objects.filter(details__account=acc.pk, details__has_key="handle"))
    for row in rows:
        row.details = {k: v for k, v in row.details.items() if k != "handle"}
    AuditLog.objects.bulk_update(rows, ["details"])
    scrub_traces(request_ids=[], identifiers=identifiers, names=names)
    why = scrub_text(why, [*identifiers, *names])
    audit.record(
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
