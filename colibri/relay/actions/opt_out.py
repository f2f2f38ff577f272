"""A person's "stop": recorded on their account, everything of theirs still live withdrawn, their later
posts held for a moderator until one lifts the stop on the person's request.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..lifecycle import WITHDRAWABLE_STATUSES
from ..models import NetworkAccount, Request
from .base import ActionError
from .withdrawal import withdraw_locked


@transaction.atomic
def do_opt_out_account(
    account: NetworkAccount, *, why: str, actor: Any = None, label: str = "", request: Request | None = None
) -> NetworkAccount:
    """The person said "stop": record it on their account and withdraw everything of theirs still live.

    From now on their posts are held for review (`apply_triage`) and cannot be approved until a
    moderator lifts the stop (`do_lift_opt_out`). Saying stop again keeps the first date and
    withdraws whatever was posted meanwhile. `request` is the one the stop was said under (its
    history shows the opt-out)."""
    acc = NetworkAccount.objects.select_for_update().get(pk=account.pk)
    now = timezone.now()
    if acc.opted_out_at is None:
        acc.opted_out_at = now
        acc.updated_at = now
        acc.save(update_fields=["opted_out_at", "updated_at"])
        audit.record(
            "account_opted_out",
            request=request,
            actor=actor,
            label=label,
            account=acc.pk,
            network=acc.network,
            handle=acc.handle,
            why=why,
        )
    live = Request.objects.select_for_update().filter(post__author=acc, status__in=WITHDRAWABLE_STATUSES)
    if request is not None:
        live = live.exclude(pk=request.pk)
    for other in live.order_by("pk"):
        withdraw_locked(other, actor=actor, label=label, why=_("relays stop asked: %(why)s") % {"why": why})
    account.opted_out_at = acc.opted_out_at
    return acc


@transaction.atomic
def do_lift_opt_out(account: NetworkAccount, *, actor: Any, request: Request | None = None) -> NetworkAccount:
    """A moderator lifts a person's "stop" because they asked again to be relayed.

    Never automatic, on purpose: a new post from someone who said stop (even with the seeker
    hashtag, even weeks later) may be an old draft, a thread answer or a repost of someone else's
    words, and relaying a person against their stated will is the one mistake the collective must
    not make, while holding their post costs only the review delay. The held post shows in the
    review queue with the date of the stop; the moderator reads it and lifts the stop here when it
    is clearly a new request. Requests withdrawn by the stop stay withdrawn; held ones are then
    decided as usual."""
    acc = NetworkAccount.objects.select_for_update().get(pk=account.pk)
    if acc.opted_out_at is None:
        raise ActionError(_("This person did not ask to stop relays."))
    before = acc.opted_out_at
    acc.opted_out_at = None
    acc.updated_at = timezone.now()
    acc.save(update_fields=["opted_out_at", "updated_at"])
    audit.record(
        "account_opt_out_lifted",
        request=request,
        actor=actor,
        account=acc.pk,
        network=acc.network,
        handle=acc.handle,
        opted_out_at=before.isoformat(),
    )
    account.opted_out_at = None
    return acc
