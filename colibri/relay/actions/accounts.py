"""Network accounts as the streams show them: created or refreshed from an event's author, the
collective's own account marked.

The seeker and member flags follow the hashtags in the bio; an account first seen without a profile
(a firehose post) gets its profile fetched by the worker once the transaction commits (the
`profile_wanted` signal: the worker's task listens, this module does not import the workers).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from colibri.core.text import is_member_tag, is_seeker_tag

from .. import audit
from ..models import CollectiveSettings, NetworkAccount
from ..signals import profile_wanted
from .base import INGEST_ACTOR
from .triage import as_hashtag

if TYPE_CHECKING:
    from colibri.networks.base import Author


def account_flags(bio: str) -> tuple[bool, bool]:
    """(is_seeker, is_member) from the hashtags in a bio."""
    cs = CollectiveSettings.get()
    seeker, member = as_hashtag(cs.seeker_hashtag), as_hashtag(cs.member_hashtag)
    tags = [w.strip(".,;:!?()") for w in bio.split() if w.startswith("#")]
    return any(is_seeker_tag(t, seeker) for t in tags), any(is_member_tag(t, member) for t in tags)


def enqueue_refresh(network: str, remote_id: str) -> None:
    """After commit: the worker fetches the profile of an account first seen without one."""
    account = NetworkAccount.objects.filter(network=network, remote_id=remote_id).only("pk").first()
    if account is not None:
        profile_wanted.send(sender=NetworkAccount, account_id=account.pk)


def has_profile(author: Author) -> bool:
    return bool(author.bio or author.display_name) or author.followers_count is not None


def new_account(network: str, author: Author, now: datetime) -> NetworkAccount:
    """The row for an author seen for the first time (not saved: `upsert_account` or a batch saves it)."""
    is_seeker, is_member = account_flags(author.bio)
    return NetworkAccount(
        network=network,
        remote_id=author.id or author.handle,
        handle=author.handle,
        display_name=author.display_name[:255],
        bio=author.bio,
        followers_count=author.followers_count,
        network_created_at=author.created_at,
        is_seeker=is_seeker,
        is_member=is_member,
        # Posting with the seeker hashtag in the bio is how a seeker asks to be relayed.
        consented_at=now if is_seeker else None,
        created_at=now,
        updated_at=now,
    )


# What `refresh_account` may change on a known account (a batch writes these in one UPDATE).
REFRESHED_FIELDS = (
    "handle",
    "erased_at",
    "updated_at",
    "display_name",
    "bio",
    "followers_count",
    "network_created_at",
    "is_seeker",
    "consented_at",
    "is_member",
)


def refresh_account(account: NetworkAccount, author: Author, now: datetime) -> tuple[str, ...]:
    """Apply what an event says about a known account; return the fields changed (the caller saves)."""
    if account.erased_at is not None:
        # The person asked to be forgotten, then posted again: a new consent, a fresh record.
        account.erased_at = None
    account.handle = author.handle or account.handle
    account.updated_at = now
    if not has_profile(author):
        # The event carries no profile (a delete, a firehose post): keep what we know.
        return ("handle", "erased_at", "updated_at")
    is_seeker, is_member = account_flags(author.bio)
    account.display_name = author.display_name[:255]
    account.bio = author.bio
    if author.followers_count is not None:
        account.followers_count = author.followers_count
    account.network_created_at = author.created_at or account.network_created_at
    account.is_seeker = is_seeker
    if is_seeker and account.consented_at is None:
        account.consented_at = now
    # Member status also comes from signing up, so the bio only ever turns it on.
    account.is_member = account.is_member or is_member
    return REFRESHED_FIELDS


def upsert_account(network: str, author: Author) -> NetworkAccount:
    now = timezone.now()
    remote_id = author.id or author.handle
    account = NetworkAccount.objects.filter(network=network, remote_id=remote_id).first()
    if account is None:
        try:
            # Savepoint: two streams may see a new author at once; the loser updates the winner's row.
            with transaction.atomic():
                account = new_account(network, author, now)
                account.save(force_insert=True)
        except IntegrityError:
            account = NetworkAccount.objects.get(network=network, remote_id=remote_id)
        else:
            if not has_profile(author):
                # Streams (e.g. the Bluesky firehose) carry no profile: fetch it in the worker.
                transaction.on_commit(lambda: enqueue_refresh(network, remote_id), robust=True)
            return account
    fields = refresh_account(account, author, now)
    account.save(update_fields=None if fields == REFRESHED_FIELDS else list(fields))
    return account


@transaction.atomic
def do_register_official_account(network: str, author: Author) -> NetworkAccount:
    """Mark the collective's own account on a network (its posts are never requests; dispatch acts as it)."""
    account = upsert_account(network, author)
    if not account.is_official:
        account.is_official = True
        account.save(update_fields=["is_official"])
        audit.record(
            "official_account_registered", label=INGEST_ACTOR, network=network, handle=account.handle
        )
    return account


@transaction.atomic
def do_refresh_account(account: NetworkAccount, author: Author) -> NetworkAccount:
    """Store what the network says about an account now (bio, followers, handle)."""
    before = {"handle": account.handle, "followers_count": account.followers_count}
    fresh = upsert_account(account.network, author)
    audit.record(
        "account_refreshed",
        label="worker",
        account=fresh.pk,
        before=before,
        after={"handle": fresh.handle, "followers_count": fresh.followers_count},
    )
    return fresh


@transaction.atomic
def do_set_account_blocked(account: NetworkAccount, *, blocked: bool, actor: Any) -> NetworkAccount:
    """A coordinator blocks (or unblocks) an account: its requests then always wait for a human.

    Setting what is already set changes nothing and writes nothing.
    """
    acc = NetworkAccount.objects.select_for_update().get(pk=account.pk)
    if (acc.blocked_at is not None) == blocked:
        return acc
    acc.blocked_at = timezone.now() if blocked else None
    acc.save(update_fields=["blocked_at"])
    audit.record("account_blocked" if blocked else "account_unblocked", actor=actor, account=acc.pk)
    return acc
