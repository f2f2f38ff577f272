"""What each feed contains: plain queries, kept apart from the HTTP layer so they are easy to test.

Feed record keys (the last part of `at://<publisher>/app.bsky.feed.generator/<rkey>`):
- `mine`: the requester's assignments for today (needs a valid service-auth JWT);
- `emploi`: every current approved request, newest first;
- `emploi.r-<région slug>`, `emploi.f-<ROME family letter>`, or both (`emploi.r-bretagne.f-M`):
  the same, filtered by région and/or job family (first letter of the ROME code, A to N).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from colibri.relay.models import Assignment, AssignmentStatus, Network, NetworkAccount, Request
from colibri.relay.outbox import LIVE_STATUSES, day_bounds

MINE = "mine"
PUBLIC = "emploi"
ROME_FAMILIES = "ABCDEFGHIJKLMN"
MAX_LIMIT = 100


class FeedError(ValueError):
    """A feed that does not exist, or a malformed parameter (an XRPC InvalidRequest)."""


@dataclass(frozen=True, slots=True)
class PublicFilter:
    region_slug: str = ""
    family: str = ""

    def rkey(self) -> str:
        parts = [PUBLIC]
        if self.region_slug:
            parts.append(f"r-{self.region_slug}")
        if self.family:
            parts.append(f"f-{self.family}")
        return ".".join(parts)


def service_did() -> str:
    """Our feed generator's DID: the setting, else did:web of the site's host."""
    configured = str(getattr(settings, "COLIBRI_FEED_SERVICE_DID", "") or "")
    if configured:
        return configured
    from urllib.parse import urlsplit

    host = urlsplit(str(settings.SITE_URL)).netloc or "localhost"
    return "did:web:" + host.replace(":", "%3A")


def publisher_did() -> str:
    """The account that publishes the feed records: the setting, else the official Bluesky account."""
    configured = str(getattr(settings, "COLIBRI_FEED_PUBLISHER_DID", "") or "")
    if configured:
        return configured
    official = (
        NetworkAccount.objects.filter(network=Network.BLUESKY, is_official=True)
        .values_list("remote_id", flat=True)
        .first()
    )
    return official or service_did()


def feed_uri(rkey: str, publisher: str | None = None) -> str:
    return f"at://{publisher or publisher_did()}/app.bsky.feed.generator/{rkey}"


def parse_feed_uri(uri: str) -> str:
    """The rkey of one of our feeds; FeedError for anything else."""
    prefix = "at://"
    parts = uri[len(prefix) :].split("/") if uri.startswith(prefix) else []
    if len(parts) != 3 or parts[1] != "app.bsky.feed.generator":
        raise FeedError("not a feed generator URI")
    if parts[0] != publisher_did():
        raise FeedError("feed published by another account")
    return parts[2]


def parse_public_rkey(rkey: str) -> PublicFilter:
    tokens = rkey.split(".")
    if tokens[0] != PUBLIC:
        raise FeedError(f"unknown feed {rkey!r}")
    region = family = ""
    for token in tokens[1:]:
        if token.startswith("r-") and not region and len(token) > 2:
            region = token[2:]
        elif token.startswith("f-") and not family and token[2:].upper() in ROME_FAMILIES and len(token) == 3:
            family = token[2:].upper()
        else:
            raise FeedError(f"unknown feed {rkey!r}")
    return PublicFilter(region, family)


def current_requests() -> QuerySet[Request]:
    return Request.objects.filter(
        status__in=LIVE_STATUSES, post__deleted_at__isnull=True, erased_at__isnull=True
    )


def region_slugs() -> dict[str, str]:
    """slug -> région name, for the régions of current requests (few: at most 18)."""
    names = current_requests().exclude(region="").values_list("region", flat=True).distinct()
    return {slugify(name): name for name in names}


def public_skeleton(flt: PublicFilter, *, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """Post URIs of current approved requests, newest approved first, and the next cursor."""
    qs = current_requests()
    if flt.region_slug:
        name = region_slugs().get(flt.region_slug)
        if name is None:
            return [], None
        qs = qs.filter(region=name)
    if flt.family:
        qs = qs.filter(rome_code__startswith=flt.family)
    if cursor:
        try:
            ts_text, id_text = cursor.split("::", 1)
            ts = datetime.fromisoformat(ts_text)
            last_id = int(id_text)
        except ValueError as exc:
            raise FeedError("malformed cursor") from exc
        qs = qs.filter(Q(created_at__lt=ts) | Q(created_at=ts, id__lt=last_id))
    rows = list(qs.order_by("-created_at", "-id").values_list("id", "created_at", "post__uri")[: limit + 1])
    page = rows[:limit]
    next_cursor = None
    if len(rows) > limit and page:
        last = page[-1]
        next_cursor = f"{last[1].isoformat()}::{last[0]}"
    return [uri for _id, _ts, uri in page], next_cursor


def personal_skeleton(requester_did: str, *, now: datetime | None = None) -> list[str]:
    """Post URIs of the requests assigned to this member today (local day), in slot order.

    Done ones stay listed (the member sees the day's whole list); cancelled or skipped ones and
    requests withdrawn since the plan do not."""
    now = now or timezone.now()
    start, end = day_bounds(timezone.localdate(now))
    return list(
        Assignment.objects.filter(
            member__account__network=Network.BLUESKY,
            member__account__remote_id=requester_did,
            slot_start__gte=start,
            slot_start__lt=end,
            status__in=[AssignmentStatus.PLANNED, AssignmentStatus.DONE],
            request__status__in=LIVE_STATUSES,
            request__post__deleted_at__isnull=True,
        )
        .order_by("slot_start", "id")
        .values_list("request__post__uri", flat=True)
    )


def listed_feeds() -> list[str]:
    """Feed rkeys announced by describeFeedGenerator: mine, all, and one per région and family in use."""
    rkeys = [MINE, PUBLIC]
    rkeys += [PublicFilter(region_slug=slug).rkey() for slug in sorted(region_slugs())]
    families = {
        code[0].upper()
        for code in current_requests().exclude(rome_code="").values_list("rome_code", flat=True).distinct()
        if code and code[0].upper() in ROME_FAMILIES
    }
    rkeys += [PublicFilter(family=f).rkey() for f in sorted(families)]
    return rkeys
