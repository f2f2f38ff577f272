"""A seeker's reply under their request: "stop" withdraws it, "merci, j'ai trouvé" also records the hire.

DESIGN.md: "A seeker deleting the post or saying 'stop' withdraws it: the
reposts are undone". "Stop" also opts the person out of relays (their later posts wait for a
moderator, `opt_out.do_opt_out_account`); being hired does not. Only replies by the request's
author count, to the request post itself or to what the official account posted about it (its
repost or its reply, whose network ids the outbox keeps in `result_id`; found by
`colibri.relay.replies`). The reply itself is not stored (nothing more of the person than needed):
a hash of its uri in the audit row makes a re-delivered reply a no-op. Any other answer ("non",
"pas encore") is sent as `signals.seeker_answered`: the follow-up records it when it answers one of
its check-ins (the relay does not import the follow-up).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from colibri.core.replies import classify_reply

from .. import audit
from ..models import AuditLog, Request
from ..replies import request_for_reply_target
from ..signals import seeker_answered
from .base import INGEST_ACTOR
from .cursors import save_cursor
from .opt_out import do_opt_out_account
from .outcomes import do_record_outcome
from .withdrawal import do_withdraw_request

if TYPE_CHECKING:
    from colibri.networks.base import NetworkEvent

REPLY_AUDIT = "seeker_reply_withdrawal"


def _reply_key(uri: str) -> str:
    return hashlib.sha256(uri.encode()).hexdigest()[:32]


@transaction.atomic
def do_apply_seeker_reply(event: NetworkEvent, *, source: str) -> Request | None:
    """Withdraw the request a seeker's reply says "stop" to (and record "hired" when they say so).

    Returns the request when the reply was the seeker's, under their request, and said stop or
    hired; None otherwise (the caller then treats the event as any other post).
    """
    request = request_for_reply_target(event.reply_to)
    if request is None:
        return None
    author = request.post.author
    if author.network != event.network or not author.remote_id or author.remote_id != event.author.id:
        return None  # someone else's reply: never theirs to withdraw
    result = classify_reply(event.text)
    if result.intent not in ("hired", "stop"):
        # "Non", "pas encore": an answer to a follow-up check-in is the follow-up's to record.
        answers = seeker_answered.send(
            sender=Request, request=request, reply_to=event.reply_to, result=result, source=source
        )
        return request if any(consumed for _receiver, consumed in answers) else None
    kind = "hired" if result.intent == "hired" else "withdraw"
    key = _reply_key(event.uri)
    if AuditLog.objects.filter(request=request, action=REPLY_AUDIT, details__reply=key).exists():
        return request  # the same reply delivered again
    audit.record(REPLY_AUDIT, request=request, label=INGEST_ACTOR, source=source, reply=key, intent=kind)
    why = _("the person's reply: “%(phrase)s”") % {"phrase": result.phrase}
    request = do_withdraw_request(request, why=why)
    if result.intent == "hired" or result.mentions_hire:
        # Found a job: an outcome, not a refusal; a later request of theirs is relayed as usual.
        do_record_outcome(request, status="hired", source="reply")
        request.refresh_from_db()
    if result.intent == "stop":
        # "Stop" is about them, not one post: their next posts are held for a human (do_opt_out_account).
        do_opt_out_account(author, why=why, label=INGEST_ACTOR, request=request)
    seeker_answered.send(
        sender=Request, request=request, reply_to=event.reply_to, result=result, source=source
    )
    return request


@transaction.atomic
def do_ingest_reply(event: NetworkEvent, *, source: str, cursor: str | None) -> Request | None:
    """A reply that carries nothing tracked but answers a tracked post: apply it, store nothing else.

    The stream cursor moves in the same transaction, as in `ingest.do_ingest_event`."""
    save_cursor(source, cursor)
    return do_apply_seeker_reply(event, source=source)
