"""What erasure leaves nothing of: the keyed hash an erased identifier becomes, and the audit and
outbox rows that still name the person.

Keyed hashes. An erased post keeps "erased:<hash of its URI>" so a replayed event for it is
recognised and not stored again. A plain SHA-256 of the URI lets anyone who knows a person's DID
confirm they were relayed; an HMAC with a key only this install holds does not. The key is derived
from COLIBRI_CREDENTIALS_KEY (which must stay stable anyway: it decrypts the network credentials),
else SECRET_KEY. Changing it only means a replay of an old erased post is no longer recognised.

Traces. `scrub_traces` is called by the erasure actions (`actions.erasure.do_erase_request` /
`do_erase_account`), in their transaction, with the identifiers read before they were blanked.
Identifiers become their keyed hash (the history still says "this post" without saying whose);
free-text reasons written about the erased requests go (a moderator's "Marie D. a déjà posté hier"
names her); finished outbox rows lose their target, payload and the URI inside their idempotency
key. Once committed, SQLite's write-ahead log is checkpointed and truncated so old page images
holding the data do not linger there (with `secure_delete` on, freed space in the database file is
zeroed too). It lives in relay, beside the actions that call it, because an erasure that forgot
these rows would not be one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from .models import AuditLog, OutboxAction, OutboxStatus, RequestStatus

logger = logging.getLogger(__name__)

PREFIX = "erased:"
_PURPOSE = b"colibri.privacy.erasure.v1"  # kept as first written: it keys every hash already stored

# Keys of audit details that hold words people wrote (reasons, replies, errors quoting a post).
FREE_TEXT_KEYS = frozenset({"reason", "why", "text", "note", "comment", "reply", "error", "triage_error"})
# Shorter identifiers would match inside unrelated rows.
MIN_NEEDLE = 6


def _key() -> bytes:
    secret = settings.COLIBRI_CREDENTIALS_KEY or settings.SECRET_KEY
    return hmac.new(secret.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def keyed_digest(sha256_hex: str) -> str:
    """HMAC of an unkeyed SHA-256 hex digest (also how rows erased before keys existed are rehashed)."""
    return hmac.new(_key(), sha256_hex.encode("ascii"), hashlib.sha256).hexdigest()


def erasure_hash(value: str) -> str:
    """What an identifier (post URI, network:account id, outbox key) becomes once erased."""
    return PREFIX + keyed_digest(hashlib.sha256(value.encode("utf-8")).hexdigest())


def scrub_text(text: str, needles: Iterable[str]) -> str:
    for needle in sorted({n for n in needles if n}, key=len, reverse=True):
        if needle in text:
            text = text.replace(needle, erasure_hash(needle))
    return text


def scrub_value(value: Any, needles: list[str]) -> Any:
    if isinstance(value, str):
        return scrub_text(value, needles)
    if isinstance(value, list):
        return [scrub_value(v, needles) for v in value]
    if isinstance(value, dict):
        return {k: scrub_value(v, needles) for k, v in value.items()}
    return value


def with_variants(identifiers: Iterable[str]) -> list[str]:
    """The identifiers, plus the form a fediverse handle takes inside its own URLs: "lou@piaille.fr"
    appears as "piaille.fr/@lou" in the address of each of Lou's posts, the erased one or others."""
    out = []
    for identifier in identifiers:
        out.append(identifier)
        local, at, host = identifier.lstrip("@").partition("@")
        if at and local and "." in host and "/" not in identifier:
            out.append(f"{host}/@{local}")
    return out


def _mentions(field: str, needles: list[str]) -> Q:
    """Rows whose JSON/text column contains one of the needles (as stored: raw or JSON-escaped)."""
    q = Q()
    for needle in needles:
        escaped = json.dumps(needle)[1:-1]  # SQLite keeps Django's ASCII-escaped JSON text
        q |= Q(**{f"{field}__contains": needle}) | Q(**{f"{field}__contains": escaped})
    return q


def scrub_traces(*, request_ids: list[int], identifiers: Iterable[str], names: Iterable[str] = ()) -> None:
    """Rewrite audit and outbox rows that hold the erased person's identifiers (inside the caller's
    transaction). `identifiers`: URIs, web addresses, network ids, handles (searched everywhere);
    `names`: display names (replaced only in the rows of the erased requests, being too common)."""
    needles = sorted(
        {i for i in with_variants(identifiers) if i and len(i) >= MIN_NEEDLE and not i.startswith(PREFIX)}
    )
    local = needles + [n for n in names if n and len(n) >= 3]
    rows = AuditLog.objects.filter(request_id__in=request_ids)
    if needles:
        mentioning = AuditLog.objects.annotate(_text=Cast("details", TextField())).filter(
            _mentions("_text", needles)
        )
        rows = rows | AuditLog.objects.filter(pk__in=mentioning.values("pk"))
    changed = []
    for row in rows.distinct():
        details = row.details if isinstance(row.details, dict) else {}
        own = row.request_id in request_ids
        if own:
            details = {k: v for k, v in details.items() if k not in FREE_TEXT_KEYS}
        details = scrub_value(details, local if own else needles)
        if details != row.details:
            row.details = details
            changed.append(row)
    # Audit rows are append-only through save(); this rewrite is erasure's, so it goes around it.
    AuditLog.objects.bulk_update(changed, ["details"])

    done = ~Q(status__in=[OutboxStatus.PENDING, OutboxStatus.RUNNING])
    actions = OutboxAction.objects.filter(done & Q(request_id__in=request_ids))
    if needles:
        actions = actions | OutboxAction.objects.filter(
            done & (Q(target_uri__in=needles) | _mentions("idempotency_key", needles))
        )
    updated = []
    for action in actions.distinct():
        if not action.idempotency_key.startswith(PREFIX):
            action.idempotency_key = erasure_hash(action.idempotency_key)
        action.target_uri = ""
        action.payload = {}
        action.last_error = scrub_text(action.last_error or "", local)
        updated.append(action)
    OutboxAction.objects.bulk_update(updated, ["idempotency_key", "target_uri", "payload", "last_error"])
    transaction.on_commit(checkpoint_wal)


def checkpoint_wal() -> None:
    """Fold SQLite's WAL into the database and truncate it: erased data must not survive in old frames."""
    if connection.vendor != "sqlite":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = cursor.fetchone()
    except Exception:  # a checkpoint that cannot run now runs at the next one SQLite makes itself
        logger.exception("WAL checkpoint after erasure failed")
        return
    if busy and busy[0]:
        logger.warning("WAL checkpoint after erasure incomplete (readers busy); SQLite completes it later")


def sweep_erased_outbox() -> int:
    """Scrub what outbox rows of erased requests still hold once they have run or failed: an undo of
    the collective's repost was pending at erasure (it needed its target until it ran). A completed
    one is scrubbed at once (`outbox.completion.do_complete_action`); this daily pass (the retention
    job) catches the rest. Returns how many rows it scrubbed."""
    rows = (
        OutboxAction.objects.filter(request__status=RequestStatus.ERASED)
        .exclude(status__in=[OutboxStatus.PENDING, OutboxStatus.RUNNING])
        .exclude(idempotency_key__startswith=PREFIX)
        .values_list("request_id", "target_uri")
    )
    targets: dict[int, set[str]] = {}
    for request_id, target in rows:
        targets.setdefault(request_id, set()).add(target)
    for request_id, uris in targets.items():
        with transaction.atomic():
            scrub_traces(request_ids=[request_id], identifiers=uris)
    return sum(len(u) for u in targets.values())
