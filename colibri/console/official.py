"""What the collective's official accounts will (not) do, said where a volunteer decides.

An approval queues the official repost only when the network has an official account (a
`NetworkAccount` with `is_official`, registered when ingest logs in with the configured account).
Without one, nothing is queued and nothing used to say so: these helpers word it, and the
dispatcher queues the waiting approved requests as soon as the account exists.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from colibri.relay.forms import AWAITING_STATUSES
from colibri.relay.models import Network, NetworkAccount, OutboxKind, Request, RequestStatus
from colibri.relay.outbox import LIVE_STATUSES

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
