"""The follow-up's answers to the relay's signals (connected in `apps.FollowupConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from colibri.core.replies import ReplyClassification, classify_reply
from colibri.relay import lifecycle
from colibri.relay.models import Category, Request, RequestStatus

from .actions import do_record_announced_hire, do_record_check_in_answer, do_record_unclear_answer
from .models import CheckIn, CheckInStatus

# The person's earlier request a hire announcement is about: one the collective decided to relay.
ANNOUNCEABLE_STATUSES = (*lifecycle.LIVE_STATUSES, RequestStatus.FOLLOWED_UP)


def on_seeker_answer(
    sender: Any, *, request: Request, reply_to: str, result: ReplyClassification, source: str, **_: Any
) -> bool:
    """Record the answer to a check-in; True when the reply was one (the relay then stores nothing else)."""
    check_in = CheckIn.objects.filter(request=request, outbox__result_id=reply_to).first()
    if result.intent in ("hired", "stop"):
        # The relay already withdrew, recorded the hire, opted out: mark the ask answered (any ask).
        check_in = (
            check_in or request.check_ins.filter(status=CheckInStatus.QUEUED).order_by("-number").first()
        )
        if check_in is not None:
            do_record_check_in_answer(check_in, answer=result.intent, source="reply", record_outcome=False)
        return True
    if check_in is None:
        return False  # "non" under the request itself, not under an ask: not an answer
    if result.intent == "searching":
        do_record_check_in_answer(check_in, answer="searching", source="reply")
    else:
        # "Merci de prendre des nouvelles": no outcome; the history says so (the reasons, not the text).
        do_record_unclear_answer(check_in, reasons=list(result.reasons))
    return True


def on_request_triaged(sender: Any, *, request: Request, **_: Any) -> None:
    """A top-level post saying "j'ai signé mon CDI grâce à #i4emploi": the hire of the person's request."""
    if request.category != Category.OTHER or request.eligible:
        return
    if classify_reply(request.post.text).intent != "hired":
        return
    earlier = (
        Request.objects.filter(
            post__author_id=request.post.author_id,
            status__in=ANNOUNCEABLE_STATUSES,
            outcome="",
            erased_at__isnull=True,
        )
        .exclude(pk=request.pk)
        .order_by(F("relayed_at").desc(nulls_last=True), "-pk")
        .first()
    )
    if earlier is not None:
        do_record_announced_hire(earlier, announcement=request)
