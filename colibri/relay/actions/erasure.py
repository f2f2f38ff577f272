"""GDPR erasure: one request (retention, or as part of a person's erasure) or everything Colibri holds
about one person, at once.

What the aggregates need is kept (status history, category, ROME code, département, dates,
outcome); what identifies the person goes, and a post's URI becomes a hash so a replayed event for
it is still recognised and not stored again.
"""

from __future__ import annotations

import hashlib
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
from .base import ActionError, lock_request
from .withdrawal import withdraw_locked


def erased_uri(uri: str) -> str:
    """What an erased post's URI becomes: not personal, but a replayed event for it is still recognised."""
    return "erased:" + hashlib.sha256(uri.encode("utf-8")).hexdigest()


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
    r = lock_request(request)
    if r.status == RequestStatus.ERASED:
        return
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
    # The history stays (who decided what, when) but loses what identifies the person: the post
    # URI holds their network id. This is the one rewrite of audit rows, so it bypasses save().
    rows = list(AuditLog.objects.filter(request=r))
    for row in rows:
        if isinstance(row.details, dict) and "uri" in row.details:
            row.details = {**row.details, "uri": post.uri}
    AuditLog.objects.bulk_update([row for row in rows if row.details.get("uri") == post.uri], ["details"])
    # The new audit row must not repeat the personal data it erased: only the reason and who.
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
