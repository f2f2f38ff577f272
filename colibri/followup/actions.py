"""Every write of the follow-up: `do_<verb>_<noun>()`, one transaction each, with an audit row.

Check-ins are asked through the outbox (a direct message of the official account to a follower where
the network has them, else a reply under the request: `delivery`; keyed by request and ask number,
so exactly once, in the post's language) and paced (at most `asks_per_hour`, inside the
collective's active hours). Who is never asked: anyone who said stop (opted out), an erased or
deleted request, a request whose outcome is known (an answer, a volunteer, an announcement), and
nobody more than `max_asks` times.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from colibri.relay import audit, lifecycle
from colibri.relay.actions.base import ActionError, lock_request
from colibri.relay.actions.opt_out import do_opt_out_account
from colibri.relay.actions.outcomes import do_record_outcome
from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.models import (
    NetworkAccount,
    OutboxAction,
    OutboxStatus,
    Outcome,
    Request,
    RequestStatus,
)
from colibri.relay.outbox.pacing import Pacing
from colibri.relay.outbox.queueing import do_queue_action

from .delivery import channel_for, pick_template, post_language
from .models import CheckIn, CheckInStatus, FollowupSettings

FOLLOWUP_ACTOR = "followup"
ROLE_CHECK_IN = "check_in"
# Requests that may be asked: relayed, still standing (an outcome, a withdrawal or an erasure ends it).
ASKABLE_STATUSES = lifecycle.FOLLOWABLE_STATUSES
MIN_GAP_BETWEEN_ASKS = timedelta(days=7)  # a worker back after a long stop must not ask twice in a row
ANSWERS = {"hired", "searching", "stop"}
CONTRACTS = ("CDI", "CDD", "interim", "other")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_url(token: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + reverse("followup:answer", args=[token])


def ask_text(cfg: FollowupSettings, link: str, language: str = "fr") -> str:
    """The check-in in `language` (the coordinators' text for it, else the French one)."""
    template = pick_template(cfg.ask_template, cfg.ask_templates, language)
    # str.replace, not str.format: a coordinator's text may hold other braces.
    return template.replace("{lien}", link).strip()


def askable_requests(now: datetime) -> list[Request]:
    """Relayed requests of people still reachable, with no outcome, oldest relay first."""
    return list(
        Request.objects.filter(
            status__in=ASKABLE_STATUSES,
            relayed_at__isnull=False,
            relayed_at__lte=now,
            outcome="",
            erased_at__isnull=True,
            post__deleted_at__isnull=True,
            post__author__opted_out_at__isnull=True,
            post__author__erased_at__isnull=True,
        )
        .select_related("post__author")
        .order_by("relayed_at", "pk")
    )


def _next_due(request: Request, asked: list[CheckIn], cfg: FollowupSettings, now: datetime) -> bool:
    """Is the next ask of `request` due now?"""
    delays = [int(d) for d in (cfg.delays_weeks or []) if int(d) >= 0][: int(cfg.max_asks)]
    if len(asked) >= len(delays) or any(c.status == CheckInStatus.ANSWERED for c in asked):
        return False
    assert request.relayed_at is not None
    if now < request.relayed_at + timedelta(weeks=delays[len(asked)]):
        return False
    last = max((c.asked_at for c in asked), default=None)
    return last is None or now - last >= MIN_GAP_BETWEEN_ASKS


@transaction.atomic
def do_queue_due_check_ins(*, now: datetime | None = None) -> list[CheckIn]:
    """Ask every request whose next check-in is due; return the check-ins created (paced in the outbox)."""
    now = now or timezone.now()
    cfg = FollowupSettings.current()
    officials = {
        a.network: a
        for a in NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True).order_by("pk")
    }
    candidates = [r for r in askable_requests(now) if r.post.network in officials]
    asked: dict[int, list[CheckIn]] = {}
    for check_in in CheckIn.objects.filter(request__in=candidates):
        asked.setdefault(check_in.request_id, []).append(check_in)
    due = [r for r in candidates if _next_due(r, asked.get(r.pk, []), cfg, now)]
    if not due:
        return []
    pacing = Pacing.from_settings()
    gap = timedelta(hours=1) / max(1, int(cfg.asks_per_hour))
    last_slot = CheckIn.objects.filter(outbox__status=OutboxStatus.PENDING).aggregate(
        m=Max("outbox__not_before")
    )["m"]
    slot = pacing.next_active(now if last_slot is None else max(now, last_slot + gap))
    created = []
    for candidate in due:
        # Under the row lock: a "stop" or an outcome written since the candidates were read wins.
        r = lock_request(candidate)
        if r.status not in ASKABLE_STATUSES or r.outcome or r.erased_at is not None:
            continue
        number = len(asked.get(r.pk, [])) + 1
        token = secrets.token_urlsafe(16)
        check_in = CheckIn.objects.create(
            request=r,
            number=number,
            token_hash=token_hash(token),
            token_expires_at=now + timedelta(days=int(cfg.link_days)),
            asked_at=now,
        )
        official = officials[r.post.network]
        channel = channel_for(r.post, official)  # a direct message to a follower, else a reply
        text = ask_text(cfg, answer_url(token), post_language(r.post))
        action, _created = do_queue_action(
            kind=channel.kind,
            account=official,
            target_uri=channel.target,
            request=r,
            payload={"role": ROLE_CHECK_IN, "text": text, "check_in": number},
            not_before=slot,
            idempotency_key=f"check-in:{r.pk}:{number}",
            actor_label=FOLLOWUP_ACTOR,
        )
        check_in.outbox = action
        check_in.save(update_fields=["outbox"])
        before = r.status
        lifecycle.move(r, RequestStatus.FOLLOWED_UP)
        r.updated_at = now
        r.save(update_fields=["status", "updated_at"])
        audit.record(
            "followup.check_in_queued",
            request=r,
            label=FOLLOWUP_ACTOR,
            number=number,
            outbox_id=action.pk,
            not_before=slot.isoformat(),
            before=before,
        )
        created.append(check_in)
        slot = pacing.next_active(slot + gap)
    return created


def _cancel_pending_asks(request: Request, *, why: str) -> int:
    """Asks of `request` not sent yet are cancelled: an outcome is known, nobody asks again."""
    pending = CheckIn.objects.filter(
        request=request, status=CheckInStatus.QUEUED, outbox__status=OutboxStatus.PENDING
    )
    ids = list(pending.values_list("outbox_id", flat=True))
    OutboxAction.objects.filter(pk__in=ids, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.CANCELLED, last_error=why
    )
    return CheckIn.objects.filter(outbox_id__in=ids).update(status=CheckInStatus.CANCELLED)


def _outcome_for(answer: str) -> str:
    return {"hired": "hired", "searching": "searching", "stop": "withdrawn"}[answer]


@transaction.atomic
def do_record_check_in_answer(
    check_in: CheckIn,
    *,
    answer: str,
    source: str,
    via_relay: bool | None = None,
    contract: str = "",
    record_outcome: bool = True,
) -> CheckIn:
    """The seeker answered a check-in (by reply or through the link's form). A second answer is a no-op.

    hired: the outcome is recorded and the request withdrawn (nothing more to relay); searching: the
    outcome is recorded; stop: the request is withdrawn and the person opted out of relays.
    `record_outcome=False` when the caller (the relay's reply reading) already did those writes."""
    if answer not in ANSWERS:
        raise ActionError(_("Unknown answer."))
    if contract and contract not in CONTRACTS:
        raise ActionError(_("Unknown contract type."))
    c = CheckIn.objects.select_for_update().select_related("request__post__author").get(pk=check_in.pk)
    if c.status == CheckInStatus.ANSWERED:
        return c
    r = c.request
    if r.erased_at is not None or r.status == RequestStatus.ERASED:
        raise ActionError(_("This request was erased."))
    now = timezone.now()
    c.status, c.answered_at, c.answer, c.answer_source = CheckInStatus.ANSWERED, now, answer, source[:16]
    c.via_relay, c.contract = via_relay, contract
    c.save()
    _cancel_pending_asks(r, why=_("answered"))
    audit.record(
        "followup.answered",
        request=r,
        label=FOLLOWUP_ACTOR,
        number=c.number,
        answer=answer,
        source=source,
        via_relay=via_relay,
        contract=contract,
    )
    if record_outcome:
        why = _("follow-up answer (%(source)s)") % {"source": source}
        if answer in ("hired", "stop"):
            do_withdraw_request(r, why=why)
        if answer == "stop":
            do_opt_out_account(r.post.author, why=why, label=FOLLOWUP_ACTOR, request=r)
        do_record_outcome(r, status=_outcome_for(answer), source=source)
    check_in.status, check_in.answer = c.status, c.answer
    return c


def check_in_for_token(token: str, *, now: datetime | None = None) -> CheckIn | None:
    """The check-in a one-time link stands for, while it works (not answered, not expired, not erased)."""
    now = now or timezone.now()
    c = (
        CheckIn.objects.select_related("request__post__author")
        .filter(token_hash=token_hash(token), token_expires_at__gt=now)
        .first()
    )
    if c is None or c.status != CheckInStatus.QUEUED or c.request.erased_at is not None:
        return None
    return c


@transaction.atomic
def do_record_unclear_answer(check_in: CheckIn, *, reasons: list[str]) -> None:
    """A reply under a check-in that says neither hired, searching nor stop: no outcome, a history row
    (the classifier's reasons, not the person's text: nothing more of them than needed)."""
    audit.record(
        "followup.unclear_answer",
        request=check_in.request_id,
        label=FOLLOWUP_ACTOR,
        number=check_in.number,
        reasons=list(reasons),
    )


VOLUNTEER_OUTCOMES = ("hired", "searching", "withdrawn", "no_answer")


@transaction.atomic
def do_record_volunteer_outcome(request: Request, *, status: str, actor: Any, note: str = "") -> Outcome:
    """A volunteer learnt the outcome another way (a message, a call): recorded with source "volunteer"."""
    if status not in VOLUNTEER_OUTCOMES:
        raise ActionError(_("Unknown outcome."))
    if status == "withdrawn":
        do_withdraw_request(request, actor=actor, why=note or _("outcome reported by a volunteer"))
    outcome = do_record_outcome(request, status=status, source="volunteer", actor=actor)
    _cancel_pending_asks(request, why=_("outcome known"))
    if note:
        audit.record("followup.volunteer_note", request=request, actor=actor, note=note[:200])
    return outcome


@transaction.atomic
def do_record_announced_hire(request: Request, *, announcement: Request) -> Outcome | None:
    """A top-level post by the person announces a hire: recorded on their request (once)."""
    if Outcome.objects.filter(request=request, source="announcement").exists():
        return None
    outcome = do_record_outcome(request, status="hired", source="announcement")
    _cancel_pending_asks(request, why=_("outcome known"))
    audit.record(
        "followup.hire_announced",
        request=request,
        label=FOLLOWUP_ACTOR,
        announcement=announcement.pk,
    )
    audit.record(
        "followup.hire_announcement_matched", request=announcement, label=FOLLOWUP_ACTOR, matched=request.pk
    )
    return outcome


@transaction.atomic
def do_update_followup_settings(*, actor: Any, **fields: Any) -> FollowupSettings:
    """A coordinator changes the follow-up rules or texts (the history keeps what changed)."""
    obj = FollowupSettings.objects.select_for_update().filter(pk=1).first() or FollowupSettings(pk=1)
    changed = {}
    for name, value in fields.items():
        if getattr(obj, name) != value:
            changed[name] = value
            setattr(obj, name, value)
    obj.updated_at = timezone.now()
    obj.save()
    audit.record("followup.settings_updated", actor=actor, changed=changed)
    return obj
