"""The outbox in a coordinator's words: counts per network and account, failures explained in French.

An outbox row's `last_error` is what the adapter or worker said (often the network's own English,
an HTTP status, an exception name): it stays in the row for whoever debugs, and the page shows a
sentence a volunteer can act on, with the raw text under « détail technique ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from colibri.relay.models import Network, OutboxAction, OutboxStatus
from colibri.relay.outbox.keys import WORKER_NOTES

QUEUED = (OutboxStatus.PENDING, OutboxStatus.RUNNING)

# First match wins: the most specific causes first.
_CAUSES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (
        re.compile(
            r"\b(401|403)\b|unauthori[sz]ed|forbidden|authenticat|invalid.*(token|password)|credentials", re.I
        ),
        lambda: _("The network refused the account's login: check its password or token."),
    ),
    (
        re.compile(r"\b429\b|rate.?limit|too many requests", re.I),
        lambda: _("The network's sending limit was reached: it will accept more later."),
    ),
    (
        re.compile(r"timed? ?out|timeout", re.I),
        lambda: _("The network did not answer in time."),
    ),
    (
        re.compile(
            r"connect|refused|unreachable|name or service not known|nodename|resolve|network is down|"
            r"network failure|no answer|"
            r"remote ?disconnected|reset by peer|broken pipe",
            re.I,
        ),
        lambda: _("The network could not be reached (server down or connection cut)."),
    ),
    (
        re.compile(r"\b404\b|not ?found|deleted|no longer exists|record ?not", re.I),
        lambda: _("The post no longer exists on the network."),
    ),
    (
        re.compile(r"\b5\d\d\b|internal server error|bad gateway|service unavailable", re.I),
        lambda: _("The network had an error on its side."),
    ),
    (
        re.compile(r"request withdrawn|withdrawn", re.I),
        lambda: _("Cancelled: the request was withdrawn."),
    ),
)
_GIVEN_UP = re.compile(r"\((?:given up after|abandon(?:né|ne)? après) (\d+)", re.I)


def error_words(text: str) -> str:
    """One French sentence for an outbox row's last error ("" when there is none)."""
    text = (text or "").strip()
    if not text:
        return ""
    if text in WORKER_NOTES:
        return _(text)
    sentence = next((words() for pattern, words in _CAUSES if pattern.search(text)), "")
    if not sentence:
        sentence = _("Unexpected error: see the technical detail.")
    given_up = _GIVEN_UP.search(text)
    if given_up:
        n = int(given_up.group(1))
        sentence += " " + ngettext("Given up after %(n)d attempt.", "Given up after %(n)d attempts.", n) % {
            "n": n
        }
    return sentence


@dataclass
class AccountCounts:
    network: str
    network_label: str
    account_id: int
    handle: str
    is_official: bool
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def queued(self) -> int:
        return sum(self.counts.get(s, 0) for s in QUEUED)

    @property
    def done(self) -> int:
        return self.counts.get(OutboxStatus.DONE, 0)

    @property
    def failed(self) -> int:
        return self.counts.get(OutboxStatus.FAILED, 0)

    @property
    def cancelled(self) -> int:
        return self.counts.get(OutboxStatus.CANCELLED, 0)


def counts_by_account() -> list[AccountCounts]:
    """One GROUP BY over the outbox: per network and acting account, how many rows in each status."""
    rows = (
        OutboxAction.objects.values(
            "network", "account_id", "account__handle", "account__is_official", "status"
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    table: dict[int, AccountCounts] = {}
    for row in rows:
        acc = table.get(row["account_id"])
        if acc is None:
            network = row["network"]
            label = Network(network).label if network in Network.values else network
            acc = table[row["account_id"]] = AccountCounts(
                network, str(label), row["account_id"], row["account__handle"], row["account__is_official"]
            )
        acc.counts[row["status"]] = acc.counts.get(row["status"], 0) + row["n"]
    # The collective's own accounts first, then members by handle.
    return sorted(table.values(), key=lambda a: (not a.is_official, a.network, a.handle.lower()))


def failure_count() -> int:
    """Failed rows still standing (the home page's warning); uses the (status, not_before) index."""
    return OutboxAction.objects.filter(status=OutboxStatus.FAILED).count()
