"""The advice reply: its text, who may receive it, and `do_queue_advice_reply` (the only write)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from colibri.followup.delivery import channel_for, pick_template, post_language
from colibri.followup.models import FollowupSettings
from colibri.relay import audit, lifecycle
from colibri.relay.actions.base import ActionError
from colibri.relay.models import (
    Category,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)
from colibri.relay.outbox.keys import ROLE_ADVICE
from colibri.relay.outbox.pacing import Pacing
from colibri.relay.outbox.queueing import do_queue_action

from .links import short_url

REPLY_LIMIT = 300  # Bluesky's graphemes, links counted in full: the strictest network decides
ADVICE_ACTOR = "advice"
ADVICE_KINDS = (OutboxKind.REPLY, OutboxKind.MESSAGE)  # a public reply, or a direct message to a follower
# Requests the advice can still help: waiting for a decision, or refused (the seeker may post again).
ADVISABLE_STATUSES = frozenset(lifecycle.OPEN_STATUSES | {RequestStatus.REJECTED, *lifecycle.LIVE_STATUSES})


def _settings() -> Any:
    return FollowupSettings.current()


def advice_text(request: Request, *, template: str | None = None) -> str | None:
    """The reply proposed for `request` from the coordinators' template, or None (nothing to advise)."""
    from colibri.cards.post import count_bluesky

    if request.category != Category.SEEKER_REQUEST or not request.feedback:
        return None
    if template is None:
        cfg = _settings()
        template = pick_template(cfg.advice_template, cfg.advice_templates, post_language(request.post))
    link = short_url(request.pk)
    for tip in [str(request.feedback[0]), ""]:
        text = " ".join(template.replace("{conseil}", tip).replace("{lien}", link).split())
        if count_bluesky(text) <= REPLY_LIMIT:
            return text
    return link


def _official(network: str) -> NetworkAccount | None:
    return NetworkAccount.objects.filter(is_official=True, network=network, erased_at__isnull=True).first()


def refusal(request: Request, *, now: Any = None) -> str:
    """Why no advice may be sent for `request` now ("" when it may)."""
    now = now or timezone.now()
    author = request.post.author
    if author.opted_out_at is not None or author.erased_at is not None:
        return _("The person asked to stop: no advice is sent to them.")
    if request.erased_at is not None or request.status not in ADVISABLE_STATUSES or request.post.deleted_at:
        return _("This request can no longer receive advice.")
    if _official(request.post.network) is None:
        return _("No official account on this network.")
    sent = OutboxAction.objects.filter(kind__in=ADVICE_KINDS, payload__role=ROLE_ADVICE).exclude(
        status=OutboxStatus.CANCELLED
    )
    if sent.filter(request=request).exists():
        return _("The advice was already sent for this request.")
    days = int(_settings().advice_days_between)
    if sent.filter(request__post__author=author, created_at__gte=now - timedelta(days=days)).exists():
        return _("This person already received advice less than %(days)s days ago.") % {"days": days}
    return ""


@transaction.atomic
def do_queue_advice_reply(request: Request, *, text: str, actor: Any = None, label: str = "") -> OutboxAction:
    """Queue the official account's advice to `request`'s author (exactly once, checked here): a direct
    message where the network has them and the person follows the official account, else a reply."""
    from colibri.cards.post import count_bluesky

    r = Request.objects.select_for_update().select_related("post__author").get(pk=request.pk)
    text = " ".join((text or "").split())
    if not text:
        raise ActionError(_("The advice is empty."))
    if count_bluesky(text) > REPLY_LIMIT:
        raise ActionError(
            _("The advice is too long (%(limit)s characters at most).") % {"limit": REPLY_LIMIT}
        )
    why_not = refusal(r)
    if why_not:
        raise ActionError(why_not)
    official = _official(r.post.network)
    assert official is not None  # refusal() checked it
    channel = channel_for(r.post, official)
    action, _created = do_queue_action(
        kind=channel.kind,
        account=official,
        target_uri=channel.target,
        request=r,
        payload={"role": ROLE_ADVICE, "text": text},
        not_before=Pacing.from_settings().next_active(timezone.now()),
        idempotency_key=f"advice:{r.pk}",
        actor_label=label or ADVICE_ACTOR,
    )
    audit.record(
        "advice.queued",
        request=r,
        actor=actor,
        label=label,
        outbox_id=action.pk,
        length=len(text),
        channel=str(channel.kind),
    )
    return action


def held_only_for_format(request: Request) -> bool:
    """A seeker's request, eligible by what it asks (or to be checked), whose only fault is its format.

    The triage says "a seeker's request" and lists what the post misses (hashtags, profile link,
    image): the advice fixes exactly that. Offers, internships and the like get no advice."""
    return (
        request.category == Category.SEEKER_REQUEST
        and bool(request.feedback)
        and request.status in (RequestStatus.ELIGIBLE, RequestStatus.NEEDS_REVIEW)
        and request.post.author.opted_out_at is None
    )


def on_request_triaged(sender: Any, *, request: Request, **_: Any) -> None:
    """When the collective turned it on, advise a request held back only for its format, by itself."""
    # The cheap checks first: this runs for every triaged post of the stream.
    if not held_only_for_format(request) or not _settings().advice_auto or refusal(request):
        return
    text = advice_text(request)
    if text:
        do_queue_advice_reply(request, text=text, label=ADVICE_ACTOR)
