"""`do_auto_approve_request`: approve a triaged request without a human when the policy allows it.

The approval itself is the relay's (`do_approve_request` with no actor: same status change, same
official repost queued in the same transaction); this action adds the facts the policy needs and
one `request_auto_approved` audit row, the mark the history and the day's glance list read.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from colibri.core.autoapproval import ApprovalFacts, AutoApprovalPolicy, refusal
from colibri.relay import audit, sources
from colibri.relay.actions.accounts import do_refresh_account
from colibri.relay.actions.base import lock_request
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.lifecycle import LIVE_STATUSES, OPEN_STATUSES
from colibri.relay.models import CollectiveSettings, Request, RequestStatus

logger = logging.getLogger(__name__)

AUTO_ACTOR = "auto-approval"  # the audit rows' actor label: no person clicked
AUTO_APPROVED = "request_auto_approved"  # the audit action that marks an automatic approval


def policy_of(cs: CollectiveSettings) -> AutoApprovalPolicy:
    return AutoApprovalPolicy(
        enabled=bool(cs.auto_approve), min_account_age_days=int(cs.auto_approve_min_account_age_days)
    )


def facts_for(r: Request) -> ApprovalFacts:
    """What the policy needs to know about a (locked) request and its author."""
    post = r.post
    author = post.author
    others = Request.objects.filter(post__author=author).exclude(pk=r.pk)
    return ApprovalFacts(
        # The machine's own word, and the request still carrying it (not moved to review meanwhile).
        auto_approvable=bool((r.triage or {}).get("auto_approvable"))
        and r.status == RequestStatus.ELIGIBLE
        and not r.needs_review,
        opted_out=author.opted_out_at is not None,
        blocked=author.blocked_at is not None,
        # Waiting or being relayed: two requests from one person at once is a human's call.
        other_live_request=others.filter(status__in=[*OPEN_STATUSES, *LIVE_STATUSES]).exists(),
        # Any edit re-triages the request (ingest): an edited post always waits for a human.
        edited_after_triage=post.edited_at is not None,
        first_post=not others.exists(),
        # From the network (the adapters fill it at ingest; `learn_account_age` asks once when missing).
        account_age_days=(
            None
            if author.network_created_at is None
            else (timezone.now() - author.network_created_at).total_seconds() / 86400
        ),
        post_age_hours=(
            None if post.posted_at is None else (timezone.now() - post.posted_at).total_seconds() / 3600
        ),
    )


@transaction.atomic
def do_auto_approve_request(request: Request) -> str | None:
    """Approve `request` if the collective's policy allows it; None when approved, else why not.

    Harmless to call twice or late: a request no longer waiting is left as it is.
    """
    r = lock_request(request)
    if r.status not in OPEN_STATUSES:
        return "already decided"
    cs = CollectiveSettings.get()
    facts = facts_for(r)
    why_not = refusal(policy_of(cs), facts)
    if why_not is not None:
        if cs.auto_approve and facts.auto_approvable:
            # Triage found it clear but the policy did not: say why, for the volunteer who opens it.
            audit.record("auto_approval_declined", request=r, label=AUTO_ACTOR, reason=why_not)
        return why_not
    # The relay's approval, with no person: the reason is what the request page shows as the decision.
    do_approve_request(r, actor=None, reason=_("Approved automatically"))
    audit.record(AUTO_APPROVED, request=r, label=AUTO_ACTOR, confidence=r.confidence)
    return None


def on_request_triaged(sender: Any, *, request: Request, **kwargs: Any) -> None:
    """`relay.signals.request_triaged` receiver: sent inside the verdict's transaction, so the approval
    runs once that commits (the verdict is stored whatever happens here)."""
    # The cheap check first: this runs for every triaged post of the stream, and only a verdict with
    # nothing to check can be approved (nothing is read or written for the others, on or off).
    if not (request.triage or {}).get("auto_approvable"):
        return
    request_id = request.pk
    transaction.on_commit(lambda: approve_after_commit(request_id))


# Accounts whose profile this process already asked for (the answer had no creation date, or failed):
# asked once, not at every post of theirs.
_ASKED: set[int] = set()


def learn_account_age(request: Request) -> None:
    """Ask the network once for the creation date of the author of a first request, when unknown.

    Ingest stores it from the profile it reads (Bluesky's getProfile, Mastodon's and X's account
    objects); an account stored before that, or whose profile could not be read then, is asked here,
    only when the minimum-age rule could decide (policy on, a minimum set, the post clear, a first post).
    """
    author = request.post.author
    if author.network_created_at is not None or author.pk in _ASKED:
        return
    cs = CollectiveSettings.get()
    if not cs.auto_approve or not cs.auto_approve_min_account_age_days:
        return
    if not (request.triage or {}).get("auto_approvable"):
        return
    if Request.objects.filter(post__author=author).exclude(pk=request.pk).exists():
        return  # not a first post: the rule does not apply
    _ASKED.add(author.pk)
    try:
        for network in sources.configured_networks():
            if network.name == author.network:
                do_refresh_account(author, network.get_profile(author.remote_id))
                author.refresh_from_db(fields=["network_created_at"])
                return
    except Exception as exc:  # a network failure leaves the age unknown; the policy says what then
        logger.warning("account age of %s unavailable: %s", author.pk, exc)


def approve_after_commit(request_id: int) -> None:
    # A failure here must neither stop the stream nor lose the verdict: the request waits for a human.
    try:
        if not CollectiveSettings.get().auto_approve:
            return  # off (the default): nothing to read, nothing written
        request = Request.objects.filter(pk=request_id).select_related("post__author").first()
        if request is None:
            return
        learn_account_age(request)
        if do_auto_approve_request(request) is None:
            logger.info("request %s approved automatically", request_id)
    except Exception:
        logger.exception("automatic approval of request %s failed", request_id)
