"""Withdrawing a request on the seeker's demand made outside the network (e-mail, direct message)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from colibri.relay.lifecycle import WITHDRAWABLE_STATUSES
from colibri.relay.models import Request

# How the seeker asked (the request page's choice), recorded as the withdrawal's "why".
WITHDRAW_CHANNELS = {
    "email": gettext_lazy("The person asked by e-mail"),
    "dm": gettext_lazy("The person asked by direct message"),
    "other": gettext_lazy("The person asked"),
}


def may_withdraw(req: Request) -> bool:
    """Open or live requests: a rejected, withdrawn or erased one has nothing left to withdraw."""
    return req.status in WITHDRAWABLE_STATUSES
