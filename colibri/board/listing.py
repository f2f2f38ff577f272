"""What the board shows: requests relayed now, and only what their seekers published.

A request is on the board while the collective relays it (official repost made, not withdrawn, the post
still online, its author neither erased nor opted out). Each entry carries the seeker's own post (text,
link, date) and public profile name; nothing Colibri inferred or keeps for itself (verdicts, reasons,
follow-up) leaves the dashboard. Filters are the région and the ROME job family that triage read from
the post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from colibri.core.geodata import REGIONS
from colibri.feeds.catalog import ROME_DOMAINS
from colibri.relay.lifecycle import FOLLOWABLE_STATUSES
from colibri.relay.models import Request

# Published and still standing: relayed, amplified, or asked by the follow-up what became of them and
# not answered yet (still looking). An outcome, a "stop" or an erasure takes the request off the board.
ON_BOARD = FOLLOWABLE_STATUSES


class FilterError(ValueError):
    """A région or family that does not exist (the message is shown to the reader)."""


@dataclass(frozen=True, slots=True)
class BoardFilter:
    region: str = ""  # région name as stored on requests (INSEE COG label)
    family: str = ""  # ROME "grand domaine" letter A to N

    def params(self) -> dict[str, str]:
        out = {}
        if self.region:
            out["region"] = self.region
        if self.family:
            out["famille"] = self.family
        return out


def region_names() -> list[str]:
    return sorted((name for _code, name, _pref in REGIONS), key=str.casefold)


def family_choices() -> list[tuple[str, str]]:
    return [(letter, _(label)) for letter, (_short, label) in sorted(ROME_DOMAINS.items())]


def parse_filter(region: str, family: str) -> BoardFilter:
    region, family = region.strip(), family.strip().upper()
    if region and region not in region_names():
        raise FilterError(_("Unknown région: %(region)s") % {"region": region})
    if family and family not in ROME_DOMAINS:
        raise FilterError(_("Unknown job family: %(family)s") % {"family": family})
    return BoardFilter(region, family)


def on_board(flt: BoardFilter) -> QuerySet[Request]:
    qs = Request.objects.filter(
        status__in=ON_BOARD,
        relayed_at__isnull=False,
        erased_at__isnull=True,
        post__deleted_at__isnull=True,
        post__author__erased_at__isnull=True,
        post__author__opted_out_at__isnull=True,
    )
    if flt.region:
        qs = qs.filter(region=flt.region)
    if flt.family:
        qs = qs.filter(rome_code__startswith=flt.family)
    return qs.select_related("post__author").order_by("-relayed_at", "-id")


@dataclass(frozen=True, slots=True)
class Entry:
    """One seeker's request as published by them."""

    pk: int
    text: str
    url: str  # the seeker's own post on its network
    network: str
    handle: str
    name: str
    posted_at: datetime
    relayed_at: datetime


def entry(r: Request) -> Entry:
    post, author = r.post, r.post.author
    return Entry(
        pk=r.pk,
        text=post.text,
        url=post.url if post.url.lower().startswith(("https://", "http://")) else "",
        network=post.get_network_display(),
        handle=author.handle,
        name=author.display_name,
        posted_at=post.posted_at or r.created_at,
        relayed_at=r.relayed_at or r.created_at,
    )
