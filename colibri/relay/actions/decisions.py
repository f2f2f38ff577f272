"""A moderator's decision on a waiting request: approve (the official repost is queued in the same
transaction), reject with a reason, or say it is not a seeker's request at all.

A decision on a request that is no longer open is refused with a message a volunteer can read
(a second moderator clicking "approve" must not decide it twice); so is approving the post of a
person who said "stop" (`opt_out.do_lift_opt_out` first).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import audit, lifecycle
from ..models import Category, Request, RequestStatus
from ..outbox.queueing import do_queue_official_reposts
from .base import ActionError, lock_request, require_open, sync_request
from .triage import held_for_opt_out


def _decide(r: Request, status: str, *, actor: Any, reason: str) -> datetime:
    """Write a human decision on a locked request (who, when, why); returns the decision time."""
    now = timezone.now()
    lifecycle.move(r, status)
    r.decided_at = now
    r.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    r.decision_reason = reason
    r.updated_at = now
    r.save()
    return now


@transaction.atomic
def do_approve_request(request: Request, *, actor: Any, reason: str = "") -> Request:
    r = lock_request(request)
    require_open(r)
    if held_for_opt_out(r):
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
    audit.record("request_approved", request=r, actor=actor, before=before, reason=reason)
    # The approval decides the official repost: its outbox row is written in this same transaction.
    do_queue_official_reposts(now=now, request_ids=[r.pk], mark_scheduled=False)
    sync_request(request, r)
    return r


@transaction.atomic
def do_reject_request(request: Request, *, actor: Any, reason: str) -> Request:
    if not reason.strip():
        raise ActionError(_("A reason is needed to reject a request."))
    r = lock_request(request)
    require_open(r)
    before = r.status
    _decide(r, RequestStatus.REJECTED, actor=actor, reason=reason)
    audit.record("request_rejected", request=r, actor=actor, before=before, reason=reason)
    sync_request(request, r)
    return r


@transaction.atomic
def do_mark_not_request(request: Request, *, actor: Any, category: str, reason: str = "") -> Request:
    """A human says the post is not a seeker's request (an offer, an internship, freelance, other)."""
    if category not in Category.values or category == Category.SEEKER_REQUEST:
        raise ActionError(_("Invalid category: choose offer, internship/work-study, freelance or other."))
    r = lock_request(request)
    require_open(r)
    before_status, before_category = r.status, r.category
    before_eligible, before_needs_review = r.eligible, r.needs_review
    r.category = category
    r.eligible = False
    r.needs_review = False
    _decide(r, RequestStatus.REJECTED, actor=actor, reason=reason or str(Category(category).label))
    audit.record(
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
    sync_request(request, r)
    return r
