"""What the collective's official accounts will (not) do, said where a volunteer decides.

An approval queues the official repost only when the network has an official account (a
`NetworkAccount` with `is_official`, registered when ingest logs in with the configured account).
Without one, nothing is queued and nothing used to say so: these helpers word it, and the
dispatcher queues the waiting approved requests as soon as the account exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings as django_settings
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from colibri.console import outbox_words
from colibri.relay.days import local_day_bounds
from colibri.relay.lifecycle import AWAITING_STATUSES, LIVE_STATUSES
from colibri.relay.models import (
    AuditLog,
    CollectiveSettings,
    Network,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)
from colibri.relay.outbox.pacing import Pacing

# The settings that connect each network's official account (README, .env.example).
CONNECT_SETTINGS = {
    "bluesky": "BLUESKY_HANDLE + BLUESKY_APP_PASSWORD",
    "mastodon": "MASTODON_API_BASE_URL + MASTODON_ACCESS_TOKEN",
    "x": "X_API_KEY + X_API_SECRET + X_ACCESS_TOKEN + X_ACCESS_TOKEN_SECRET",
}
# Not decided yet (a detected one waits for its triage).
AWAITING = (RequestStatus.DETECTED, *AWAITING_STATUSES)


def official_networks() -> set[str]:
    return set(
        NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True).values_list(
            "network", flat=True
        )
    )


def _label(network: str) -> str:
    return str(Network(network).label) if network in Network.values else network


def label_of(network: str) -> str:
    return _label(network)


def _missing(network: str) -> str:
    if network not in CONNECT_SETTINGS:
        return _("%(network)s has no official account: the collective cannot repost there.") % {
            "network": _label(network)
        }
    return _(
        "No official %(network)s account is connected (%(settings)s, then restart Colibri), so the "
        "collective cannot repost there."
    ) % {"network": _label(network), "settings": CONNECT_SETTINGS[network]}


def request_notice(req: Request) -> str:
    """What the request page says about the official repost when it will not (or did not) happen."""
    network = req.post.network
    if network in official_networks():
        return ""
    if req.status in AWAITING:
        return _missing(network) + " " + _("Approving it records the decision and plans nothing.")
    if req.status in LIVE_STATUSES and not req.outbox.filter(kind=OutboxKind.REPOST).exists():
        return (
            _missing(network)
            + " "
            + _("This approved request waits: it is reposted as soon as the account is connected.")
        )
    return ""


def plan_notices() -> list[str]:
    """One sentence per network with approved requests waiting for a missing official account."""
    officials = official_networks()
    waiting = (
        Request.objects.filter(status__in=LIVE_STATUSES)
        .exclude(post__network__in=officials)
        .exclude(outbox__kind=OutboxKind.REPOST)
        .values("post__network")
        .annotate(n=Count("id"))
        .order_by("post__network")
    )
    notices = []
    for row in waiting:
        network = row["post__network"]
        n = row["n"]
        notices.append(
            _missing(network)
            + " "
            + ngettext("%(n)d approved request waits for it.", "%(n)d approved requests wait for it.", n)
            % {"n": n}
        )
    return notices


# --------------------------------------------------------------------------- the official accounts page

NETWORKS = ("bluesky", "mastodon", "x")


def configured(network: str, settings: Any = None) -> bool:
    """Whether the environment gives this network's official account (the registry's own test)."""
    from colibri.networks.registry import env_official

    return env_official(settings or django_settings, network)


def pacing_words(pacing: Pacing, *, next_at: datetime | None, waiting_later: int, now: datetime) -> str:
    """« 20 relais par jour entre 08:00 et 21:00 : un toutes les 39 minutes ; prochain à 18:42 ; … »"""
    seconds = pacing.interval.total_seconds()
    minutes = round(seconds / 60)
    if minutes >= 1:
        every = ngettext("one every minute", "one every %(m)d minutes", minutes) % {"m": minutes}
    else:  # a very large budget: say it in seconds rather than « one every 0 minutes »
        every = ngettext("one every second", "one every %(s)d seconds", max(1, round(seconds))) % {
            "s": max(1, round(seconds))
        }
    parts = [
        ngettext(
            "%(n)d repost a day between %(start)s and %(end)s: %(every)s",
            "%(n)d reposts a day between %(start)s and %(end)s: %(every)s",
            pacing.daily_budget,
        )
        % {
            "n": pacing.daily_budget,
            "start": pacing.start.strftime("%H:%M"),
            "end": pacing.end.strftime("%H:%M"),
            "every": every,
        }
    ]
    if next_at is not None:
        local = timezone.localtime(next_at)
        today = timezone.localtime(now).date()
        if local.date() == today:
            parts.append(_("next at %(time)s") % {"time": local.strftime("%H:%M")})
        elif local.date() == today + timedelta(days=1):
            parts.append(_("next tomorrow at %(time)s") % {"time": local.strftime("%H:%M")})
        else:
            parts.append(_("next on %(date)s") % {"date": date_format(local, "SHORT_DATETIME_FORMAT")})
    if waiting_later:
        parts.append(
            ngettext("%(n)d waiting for a later day", "%(n)d waiting for later days", waiting_later)
            % {"n": waiting_later}
        )
    # The separator is translated too: French typography puts a space before « ; ».
    return _("; ").join(parts)


@dataclass
class OfficialStatus:
    network: str
    label: str
    configured: bool
    source: str  # "environment", "page" (connected from the dashboard) or ""
    account: NetworkAccount | None
    state: str  # "connected", "failing", "untested", "not_configured"
    summary: str
    last_success: datetime | None = None
    last_error: str = ""
    last_error_at: datetime | None = None
    budget_left: int | None = None
    pacing: str = ""
    connect_hint: str = ""


def _last_test(network: str) -> AuditLog | None:
    return (
        AuditLog.objects.filter(action="official_account_tested", details__network=network)
        .order_by("-created_at", "-id")
        .first()
    )


def status_of(network: str, *, now: datetime | None = None) -> OfficialStatus:
    """Everything the settings page says about one network's official account, in words."""
    now = now or timezone.now()
    from colibri.console.models import OfficialCredential

    label = _label(network)
    # The environment wins over a connection made on the page (the network registry reads it first).
    source = "environment" if configured(network) else ""
    if not source and OfficialCredential.objects.filter(network=network).exists():
        source = "page"
    is_configured = bool(source)
    account = NetworkAccount.objects.filter(network=network, is_official=True, erased_at__isnull=True).first()
    status = OfficialStatus(network, label, is_configured, source, account, "not_configured", "")
    status.connect_hint = CONNECT_SETTINGS.get(network, "")
    if not is_configured:
        status.summary = _("Not connected: approved %(network)s requests are not reposted.") % {
            "network": label
        }
        return status

    test = _last_test(network)
    rows = (
        OutboxAction.objects.filter(account=account) if account is not None else OutboxAction.objects.none()
    )
    done = (
        rows.filter(status=OutboxStatus.DONE).order_by("-done_at").values_list("done_at", flat=True).first()
    )
    if test is not None and test.details.get("ok") and (done is None or test.created_at > done):
        done = test.created_at
    status.last_success = done
    failure = rows.exclude(last_error="").exclude(status=OutboxStatus.CANCELLED).order_by("-pk").first()
    error_at = (failure.done_at or failure.claimed_at or failure.created_at) if failure is not None else None
    error_text = outbox_words.error_words(failure.last_error) if failure is not None else ""
    if test is not None and not test.details.get("ok") and (error_at is None or test.created_at > error_at):
        error_at, error_text = test.created_at, str(test.details.get("error_words", ""))
    status.last_error, status.last_error_at = error_text, error_at

    if account is None and (test is None or not test.details.get("ok")):
        status.state = "untested" if test is None else "failing"
        status.summary = (
            _("Configured, not checked yet: test the connection.") if test is None else error_text
        )
    elif error_at is not None and (done is None or error_at > done):
        status.state, status.summary = "failing", error_text
    else:
        status.state = "connected"
        status.summary = _("Connected as @%(handle)s.") % {"handle": account.handle if account else "?"}

    cs = CollectiveSettings.get()
    pacing = Pacing.from_settings(cs)
    if account is not None:
        reposts = rows.filter(kind=OutboxKind.REPOST).exclude(status=OutboxStatus.CANCELLED)
        start, end = local_day_bounds(timezone.localtime(now).date(), time(0), time(23, 59, 59))
        today = reposts.filter(not_before__gte=start, not_before__lte=end).count()
        status.budget_left = max(0, pacing.daily_budget - today)
        pending = reposts.filter(status=OutboxStatus.PENDING)
        next_at = pending.order_by("not_before").values_list("not_before", flat=True).first()
        later = pending.filter(not_before__gt=end).count()
    else:
        status.budget_left, next_at, later = pacing.daily_budget, None, 0
    status.pacing = pacing_words(pacing, next_at=next_at, waiting_later=later, now=now)
    return status


def statuses() -> list[OfficialStatus]:
    now = timezone.now()
    return [status_of(network, now=now) for network in NETWORKS]
