"""Background work of the members app (django.tasks; ids in, safe to run twice)."""

from __future__ import annotations

import logging
from typing import Any

from django.tasks import task

from colibri.connect.flows import reader_for
from colibri.networks.base import Network, NetworkError
from colibri.relay.models import Member

from .actions import do_resume_due_members

logger = logging.getLogger(__name__)


def fetch_followers(account: Any, *, max_pages: int = 200, adapter: Network | None = None) -> int:
    """Fetch an account's followers through its network's adapter and store them as its audience, so
    the planner's reach and the member's page use real numbers. Returns the follower count."""
    from colibri.tracking.collect import refresh_audience

    return refresh_audience(adapter or reader_for(str(account.network)), account, max_pages=max_pages)


@task()
def fetch_member_followers(member_id: int) -> int:
    """A new member's followers, fetched once on joining so the planner's reach is real at once
    (the weekly `audiences` job refreshes them afterwards). Returns the follower count, -1 if unread."""
    member = Member.objects.select_related("account").filter(pk=member_id).first()
    if member is None or member.account.erased_at is not None:
        return -1
    try:
        return fetch_followers(member.account)
    except NetworkError as exc:  # the weekly refresh tries again; the planner uses the follower count
        logger.warning("followers of %s not fetched: %s", member.account, exc)
        return -1


@task()
def resume_paused_members() -> int:
    """Daily: members whose pause has ended are active again."""
    return do_resume_due_members()
