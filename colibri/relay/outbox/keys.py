"""What an outbox row is about: its idempotency key (one row per intended effect), its role, the notes
a worker leaves on it.

`idempotency_key` is unique: a repost is keyed by account + post, so queueing twice, or two
planners racing, yields one row; an undo is keyed by the repost it undoes, a digest by member + day.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.utils.translation import gettext_noop

from ..models import (
    Member,
    NetworkAccount,
    OutboxAction,
)

ROLE_OFFICIAL = "official"


ROLE_MEMBER = "member"


ROLE_WITHDRAWAL = "withdrawal"


ROLE_DIGEST = "digest"


ROLE_ADVICE = "advice"  # the official account's advice reply under a request (colibri.advice)


# Notes stored in audit rows as they are (stable English: tests and tools match them); the request
# page translates them when it shows the history (relay_tags.audit_value).
NOTE_DAILY_BUDGET = gettext_noop("daily budget reached")  # why a planned assignment was skipped


NOTE_FOUND_AFTER_UNCERTAIN = gettext_noop("found on the network after an uncertain attempt")


NOTE_NO_REPOST = gettext_noop("no repost on the network")


NOTE_NOTHING_TO_SEND = gettext_noop("nothing left to send")


WORKER_NOTES = frozenset(
    {NOTE_DAILY_BUDGET, NOTE_FOUND_AFTER_UNCERTAIN, NOTE_NO_REPOST, NOTE_NOTHING_TO_SEND}
)


def repost_key(account: NetworkAccount, uri: str) -> str:
    """One repost per (account, post), ever: the unique key makes a second queueing a no-op."""
    return short_key(f"repost:{account.network}:{account.pk}:{uri}")


def undo_key(action: OutboxAction) -> str:
    # Used by `actions.withdrawal.withdraw_locked` and the undo paths here: one undo per repost between them.
    return f"undo:{action.idempotency_key}"[:255]


# Rows cancelled because their decision was undone give their idempotency key up (it becomes
# "undone:<id>:<key>"), so approving the request again can queue the same repost afresh.
UNDONE_KEY_PREFIX = "undone:"


def digest_key(member: Member, day: date) -> str:
    return f"digest:{member.pk}:{day.isoformat()}"


def short_key(key: str) -> str:
    # URIs can be long; the column is 255 wide. A hash suffix keeps keys unique and readable.
    if len(key) <= 255:
        return key
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"{key[:200]}#{digest}"
