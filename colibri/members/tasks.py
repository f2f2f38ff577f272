"""Background work of the members app (django.tasks; ids in, safe to run twice)."""

from __future__ import annotations

import logging

from django.tasks import task

from colibri.networks.base import NetworkError
from colibri.relay.models import Member

from .actions import do_resume_due_members
from .connect import fetch_followers

logger = logging.getLogger(__name__)


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
