"""Every change to a membership: `do_<verb>_member()` functions, each in one transaction with one audit row.

Joining creates (or brings back) the relay's `Member` row, its dashboard login, a `Membership` and a
dated `Consent`; credentials arrive already encrypted (`connect.seal`) and are only ever erased here.
Leaving and removal erase the credentials, cancel what was planned or queued in the member's name
and date the consent's revocation; the history stays (counts of reposts donated).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from colibri.connect.flows import Connected
from colibri.relay import audit
from colibri.relay.actions.base import ActionError
from colibri.relay.actions.volunteers import do_create_volunteer
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    CollectiveSettings,
    DonationMode,
    Member,
    MemberStatus,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Role,
)

from .models import Consent, ConsentScope, JoinChannel, Membership

MAX_DAILY = 10
MAX_WEEKLY = 50


def consent_text(mode: str) -> str:
    """The sentence a person agrees to when joining in `mode` (stored with the consent, as shown)."""
    cs = CollectiveSettings.objects.filter(pk=1).first() or CollectiveSettings()
    if mode == DonationMode.DELEGATED:
        return _(
            "I allow Colibri to repost, with my account, job requests approved by the collective's "
            "volunteers: at most %(max)d a day, at most my own daily and weekly budget, never in my quiet "
            "hours. I can pause or leave at any time on my page; leaving erases my credentials."
        ) % {"max": int(cs.member_daily_budget)}
    return _(
        "I agree to receive, each day, at most %(max)d job requests approved by the collective to repost "
        "myself (by e-mail, by direct message or in my personal Bluesky feed). I can pause or leave at any "
        "time on my page."
    ) % {"max": int(cs.member_daily_budget)}


def _record(action: str, *, actor: Any, **details: Any) -> None:
    # The relay's one history recorder; a process (not a user) is named by a label. Never a secret.
    if isinstance(actor, str):
        audit.record(action, label=actor, **details)
    else:
        audit.record(action, actor=actor, **details)


def auto_accept() -> bool:
    return bool(getattr(settings, "COLIBRI_MEMBERS_AUTO_ACCEPT", False))


@dataclass(frozen=True)
class Joined:
    member: Member
    user: Any
    pending: bool


@transaction.atomic
def do_join_member(
    connected: Connected,
    *,
    mode: str,
    password: str,
    email: str = "",
    wants_feed: bool = False,
    daily_budget: int | None = None,
    channel: str = JoinChannel.WEB,
    actor: Any = None,
    approved: bool | None = None,
    now: datetime | None = None,
) -> Joined:
    """A person joins: account row, dashboard login (username = handle), member, consent.

    Delegated needs credentials (`connected.delegated`); notified needs a way to reach them: an
    e-mail address or the personal Bluesky feed. Active at once when auto-accept is on, else waiting
    for a coordinator (`do_approve_member`); `approved` overrides that (a coordinator adding someone)."""
    now = now or timezone.now()
    if mode not in DonationMode.values:
        raise ActionError(_("Unknown mode: %(mode)s.") % {"mode": mode})
    if mode == DonationMode.DELEGATED and not connected.delegated:
        raise ActionError(_("Reposting for you needs an app password."))
    if (
        mode == DonationMode.NOTIFIED
        and not email.strip()
        and not (wants_feed and connected.network == "bluesky")
    ):
        raise ActionError(
            _("Give an e-mail address or choose the personal Bluesky feed, so the picks reach you.")
        )
    author = connected.author
    account = (
        NetworkAccount.objects.select_for_update()
        .filter(network=connected.network, remote_id=author.id)
        .first()
    )
    member = Member.objects.filter(account=account).select_related("user").first() if account else None
    if member is not None and member.status != MemberStatus.LEFT:
        raise ActionError(_("@%(handle)s is already a member.") % {"handle": author.handle})
    if account is None:
        account = NetworkAccount(network=connected.network, remote_id=author.id, created_at=now)
    account.handle = author.handle
    account.display_name = author.display_name or account.display_name
    account.bio = author.bio or account.bio
    if author.followers_count is not None:
        account.followers_count = author.followers_count
    account.is_member = True
    account.consented_at = now
    account.updated_at = now
    account.save()

    user = member.user if member is not None else None
    if user is None:
        user, _password = do_create_volunteer(
            username=author.handle, email=email, role=Role.MEMBER, password=password
        )
    else:  # coming back after leaving: same login, new password and address
        user.set_password(password)
        user.email = email.strip()
        user.is_active = True
        user.save()
    cs = CollectiveSettings.get()
    budget = min(int(daily_budget or cs.member_daily_budget), int(cs.member_daily_budget))
    accepted = auto_accept() if approved is None else approved
    from colibri.connect.flows import seal

    fields = {
        "user": user,
        "status": MemberStatus.ACTIVE if accepted else MemberStatus.PAUSED,
        "mode": mode,
        "daily_budget": max(1, budget),
        "opted_in_at": now,
        "credentials": seal(connected) if mode == DonationMode.DELEGATED else None,
    }
    if member is None:
        member = Member.objects.create(account=account, created_at=now, **fields)
    else:
        Member.objects.filter(pk=member.pk).update(**fields)
        member.refresh_from_db()
    Membership.objects.update_or_create(
        member=member,
        defaults={
            "joined_via": channel,
            "joined_at": now,
            "approved_at": now if accepted else None,
            "approved_by": None,
            "paused_until": None,
            "left_at": None,
            "wants_feed": wants_feed,
        },
    )
    scope = ConsentScope.DELEGATED if mode == DonationMode.DELEGATED else ConsentScope.NOTIFIED
    Consent.objects.create(member=member, scope=scope, text=consent_text(mode), channel=channel, given_at=now)
    _record(
        "member.joined",
        actor=actor or "join",
        handle=account.handle,
        network=account.network,
        mode=mode,
        channel=channel,
        approved=accepted,
    )
    return Joined(member, user, not accepted)


def _locked(member: Member) -> Member:
    return Member.objects.select_for_update().select_related("account").get(pk=member.pk)


def _membership(member: Member) -> Membership:
    found, _created = Membership.objects.get_or_create(
        member=member, defaults={"approved_at": member.created_at}
    )
    return found


@transaction.atomic
def do_approve_member(member: Member, *, actor: Any, now: datetime | None = None) -> Member:
    now = now or timezone.now()
    row = _locked(member)
    ms = _membership(row)
    if row.status == MemberStatus.LEFT:
        raise ActionError(_("@%(handle)s has left the collective.") % {"handle": row.account.handle})
    if ms.approved_at is not None:
        return row
    Membership.objects.filter(pk=ms.pk).update(
        approved_at=now, approved_by=actor if getattr(actor, "pk", None) else None
    )
    Member.objects.filter(pk=row.pk).update(status=MemberStatus.ACTIVE)
    _record("member.approved", actor=actor, handle=row.account.handle)
    row.refresh_from_db()
    return row


def _cancel_pending(member: Member, now: datetime, reason: str) -> tuple[int, int]:
    """Cancel the member's planned assignments still ahead and their queued reposts (not yet claimed)."""
    assignments = Assignment.objects.filter(
        member=member, status=AssignmentStatus.PLANNED, slot_start__gte=now
    )
    if reason == "left":  # leaving cancels everything still planned, even an overdue slot
        assignments = Assignment.objects.filter(member=member, status=AssignmentStatus.PLANNED)
    n_assign = assignments.update(status=AssignmentStatus.CANCELLED)
    n_outbox = OutboxAction.objects.filter(
        account=member.account, kind=OutboxKind.REPOST, status=OutboxStatus.PENDING, payload__role="member"
    ).update(status=OutboxStatus.CANCELLED, last_error=_("member: %(reason)s") % {"reason": reason})
    return n_assign, n_outbox


@transaction.atomic
def do_pause_member(
    member: Member, *, actor: Any, until: date | None = None, now: datetime | None = None
) -> Member:
    """No new assignment from now (planned ones ahead are cancelled) until `until` (a local day) or resume."""
    now = now or timezone.now()
    row = _locked(member)
    ms = _membership(row)
    if row.status == MemberStatus.LEFT:
        raise ActionError(_("@%(handle)s has left the collective.") % {"handle": row.account.handle})
    if ms.pending:
        raise ActionError(_("This membership is waiting for a coordinator's approval."))
    if until is not None and until <= timezone.localdate(now):
        raise ActionError(_("The end of a pause must be a later day."))
    Member.objects.filter(pk=row.pk).update(status=MemberStatus.PAUSED)
    Membership.objects.filter(pk=ms.pk).update(paused_until=until)
    cancelled, _queued = _cancel_pending(row, now, "paused")
    _record(
        "member.paused",
        actor=actor,
        handle=row.account.handle,
        until=until.isoformat() if until else None,
        cancelled=cancelled,
    )
    row.refresh_from_db()
    return row


@transaction.atomic
def do_resume_member(member: Member, *, actor: Any) -> Member:
    row = _locked(member)
    ms = _membership(row)
    if row.status == MemberStatus.LEFT or ms.pending:
        raise ActionError(_("Only a paused member can resume."))
    Member.objects.filter(pk=row.pk).update(status=MemberStatus.ACTIVE)
    Membership.objects.filter(pk=ms.pk).update(paused_until=None)
    _record("member.resumed", actor=actor, handle=row.account.handle)
    row.refresh_from_db()
    return row


@transaction.atomic
def do_resume_due_members(*, today: date | None = None) -> int:
    """Members whose pause ends today or earlier are active again (daily job, before the day's plan)."""
    today = today or timezone.localdate()
    due = list(
        Member.objects.select_for_update()
        .filter(
            status=MemberStatus.PAUSED,
            membership__paused_until__lte=today,
            membership__approved_at__isnull=False,
        )
        .select_related("account")
    )
    for m in due:
        Member.objects.filter(pk=m.pk).update(status=MemberStatus.ACTIVE)
        Membership.objects.filter(member=m).update(paused_until=None)
        _record("member.resumed", actor="schedule", handle=m.account.handle, pause_ended=today.isoformat())
    return len(due)


@transaction.atomic
def do_update_member_preferences(
    member: Member,
    *,
    actor: Any,
    daily_budget: int,
    weekly_budget: int,
    regions: list[str],
    job_families: list[str],
    quiet_start: time | None,
    quiet_end: time | None,
    mode: str | None = None,
    connected: Connected | None = None,
    wants_feed: bool | None = None,
) -> Member:
    """A member's own settings. Becoming delegated needs `connected` credentials; becoming notified
    erases the stored credentials (kept only while they are used)."""
    row = _locked(member)
    if row.status == MemberStatus.LEFT:
        raise ActionError(_("@%(handle)s has left the collective.") % {"handle": row.account.handle})
    cs = CollectiveSettings.get()
    if not 1 <= daily_budget <= min(MAX_DAILY, int(cs.member_daily_budget)):
        raise ActionError(
            _("The daily budget must be between 1 and %(max)d.")
            % {"max": min(MAX_DAILY, int(cs.member_daily_budget))}
        )
    if not daily_budget <= weekly_budget <= MAX_WEEKLY:
        raise ActionError(
            _("The weekly budget must be between the daily budget and %(max)d.") % {"max": MAX_WEEKLY}
        )
    if (quiet_start is None) != (quiet_end is None):
        raise ActionError(_("Quiet hours need a start and an end."))
    fields: dict[str, Any] = {
        "daily_budget": daily_budget,
        "weekly_budget": weekly_budget,
        "regions": sorted(set(regions)),
        "job_families": sorted(set(job_families)),
        "quiet_start": quiet_start,
        "quiet_end": quiet_end,
    }
    new_mode = mode or row.mode
    if new_mode == DonationMode.DELEGATED:
        if connected is not None:
            from colibri.connect.flows import seal

            if connected.author.id != row.account.remote_id:
                raise ActionError(_("These credentials are for another account."))
            fields["credentials"] = seal(connected)
        elif not row.credentials:
            raise ActionError(_("Reposting for you needs an app password."))
    else:
        fields["credentials"] = None
    fields["mode"] = new_mode
    Member.objects.filter(pk=row.pk).update(**fields)
    if wants_feed is not None:
        _membership(row)
        Membership.objects.filter(member=row).update(wants_feed=wants_feed)
    if new_mode != row.mode:
        scope = ConsentScope.DELEGATED if new_mode == DonationMode.DELEGATED else ConsentScope.NOTIFIED
        now = timezone.now()
        Consent.objects.filter(member=row, revoked_at__isnull=True).update(revoked_at=now)
        Consent.objects.create(
            member=row, scope=scope, text=consent_text(new_mode), channel=JoinChannel.WEB, given_at=now
        )
    _record(
        "member.preferences",
        actor=actor,
        handle=row.account.handle,
        mode=new_mode,
        daily=daily_budget,
        weekly=weekly_budget,
        regions=fields["regions"],
        families=fields["job_families"],
    )
    row.refresh_from_db()
    return row


def _end(member: Member, *, actor: Any, action: str, why: str, now: datetime | None) -> Member:
    now = now or timezone.now()
    row = _locked(member)
    if row.status == MemberStatus.LEFT:
        return row
    ms = _membership(row)
    cancelled, queued = _cancel_pending(row, now, "left")
    Member.objects.filter(pk=row.pk).update(status=MemberStatus.LEFT, credentials=None)
    Membership.objects.filter(pk=ms.pk).update(left_at=now, paused_until=None)
    Consent.objects.filter(member=row, revoked_at__isnull=True).update(revoked_at=now)
    NetworkAccount.objects.filter(pk=row.account_id).update(
        is_member=False, consented_at=None, updated_at=now
    )
    _record(
        action, actor=actor, handle=row.account.handle, why=why, cancelled=cancelled, queued_cancelled=queued
    )
    row.refresh_from_db()
    return row


@transaction.atomic
def do_leave_member(member: Member, *, actor: Any, now: datetime | None = None) -> Member:
    """The member leaves: credentials erased, what was planned or queued cancelled, consent revoked."""
    return _end(member, actor=actor, action="member.left", why="left", now=now)


@transaction.atomic
def do_remove_member(member: Member, *, actor: Any, why: str = "", now: datetime | None = None) -> Member:
    """A coordinator removes a member (same effects as leaving)."""
    return _end(member, actor=actor, action="member.removed", why=why or "removed", now=now)
