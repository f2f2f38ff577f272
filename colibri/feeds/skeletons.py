"""What each feed contains: plain queries, kept apart from the HTTP layer so they are easy to test.

Feed record keys (the last part of `at://<publisher>/app.bsky.feed.generator/<rkey>`):
- `mine`: the requester's assignments for today (needs a valid service-auth JWT);
- `emploi`: every current approved request posted on Bluesky, newest first (a Bluesky client can only
  display Bluesky posts: a Mastodon URL or an X id in a skeleton is a hole in the recruiter's feed);
- `emploi-<région key>` (`emploi-ara`) and `emploi-<ROME family letter>` (`emploi-m`): the same,
  filtered by région or job family (first letter of the ROME code, A to N). These are the published
  variants (`colibri.feeds.catalog`), one record each, since Bluesky clients cannot pass parameters;
- `emploi.r-<région slug>`, `emploi.f-<letter>`, or both (`emploi.r-bretagne.f-M`): the older
  parameter-like keys, still answered (a combined filter has no record of its own), not announced.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from colibri.core.refindex import RefDataError, load_index
from colibri.relay.days import day_bounds
from colibri.relay.lifecycle import LIVE_STATUSES
from colibri.relay.models import Assignment, AssignmentStatus, Network, NetworkAccount, Request

from . import catalog

logger = logging.getLogger(__name__)

MINE = "mine"
PUBLIC = "emploi"
MAX_LIMIT = 100


class FeedError(ValueError):
    """A feed that does not exist, or a malformed parameter (an XRPC InvalidRequest)."""


@dataclass(frozen=True, slots=True)
class PublicFilter:
    region_slug: str = ""  # the older keys: slugify(région name), resolved against current requests
    family: str = ""
    region: str = ""  # the published variants: the région's name as stored on requests


def service_did() -> str:
    """Our feed generator's DID: the setting, else did:web of the site's host."""
    configured = str(getattr(settings, "COLIBRI_FEED_SERVICE_DID", "") or "")
    if configured:
        return configured
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


# --- the published variants and the reference data they come from -------------------------------

_ref_lock = threading.Lock()
# ((index path, mtime), régions, family letters) of the last read
_ref_cache: tuple[tuple[str, int], list[tuple[str, str]], list[str]] | None = None


def reference_catalog() -> tuple[list[tuple[str, str]], list[str]]:
    """(régions as (INSEE code, name), ROME family letters) of the imported reference index; empty when
    `colibri data import` never ran. Read once per process, again when the index file changes."""
    global _ref_cache
    path = Path(settings.COLIBRI_REFDATA_DIR) / "index.json"
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return [], []
    with _ref_lock:
        if _ref_cache is None or _ref_cache[0] != key:
            try:
                index = load_index(path.parent)
            except RefDataError as exc:
                logger.warning("feeds: reference index unusable: %s", exc)
                index = None
            regions = [(code, name) for code, name, _prefecture in index.regions] if index else []
            letters = sorted({code[0].upper() for code in index.romes if code}) if index else []
            _ref_cache = (key, regions, letters)
        return list(_ref_cache[1]), list(_ref_cache[2])


def variants_enabled() -> bool:
    return bool(getattr(settings, "COLIBRI_FEED_VARIANTS", True))


def public_variants() -> list[catalog.FeedVariant]:
    """Every région and job-family feed the reference data calls for (whether or not the setting
    publishes them: `listed_feeds` and `colibri feeds publish` check it). None without reference data:
    `colibri feeds publish` refuses to publish a catalog without its régions, so none would exist."""
    regions, letters = reference_catalog()
    if not regions:
        return []
    return catalog.public_variants(regions, letters or None)


def variant_filter(rkey: str) -> PublicFilter:
    """The filter of a published variant's rkey (`emploi-ara`, `emploi-m`); FeedError for anything else."""
    suffix = rkey[len(catalog.PREFIX) + 1 :]
    if len(suffix) == 1 and suffix.upper() in catalog.ROME_DOMAINS:
        return PublicFilter(family=suffix.upper())  # needs no reference data
    for code, name in reference_catalog()[0]:  # the rkey alone: no display names built per request
        if catalog.region_rkey(code) == rkey:
            return PublicFilter(region=name)
    raise FeedError(f"unknown feed {rkey!r}")


def parse_public_rkey(rkey: str) -> PublicFilter:
    if catalog.is_variant_rkey(rkey):
        return variant_filter(rkey)
    tokens = rkey.split(".")
    if tokens[0] != PUBLIC:
        raise FeedError(f"unknown feed {rkey!r}")
    region = family = ""
    for token in tokens[1:]:
        if token.startswith("r-") and not region and len(token) > 2:
            region = token[2:]
        elif token.startswith("f-") and not family and token[2:].upper() in catalog.ROME_DOMAINS:
            family = token[2:].upper()
        else:
            raise FeedError(f"unknown feed {rkey!r}")
    return PublicFilter(region, family)


def current_requests() -> QuerySet[Request]:
    """Live requests whose post is on Bluesky: the only posts a Bluesky feed can show (the collective
    relays Mastodon and X requests too; recruiters there get the board and its RSS/Atom feeds)."""
    return Request.objects.filter(
        status__in=LIVE_STATUSES,
        post__network=Network.BLUESKY,
        post__deleted_at__isnull=True,
        erased_at__isnull=True,
    )


def region_slugs() -> dict[str, str]:
    """slug -> région name, for the régions of current requests (few: at most 18)."""
    names = current_requests().exclude(region="").values_list("region", flat=True).distinct()
    return {slugify(name): name for name in names}


def public_skeleton(flt: PublicFilter, *, limit: int, cursor: str | None) -> tuple[list[str], str | None]:
    """Post URIs of current approved requests, newest approved first, and the next cursor."""
    qs = current_requests()
    if flt.region:
        qs = qs.filter(region=flt.region)
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
    """Feed rkeys announced by describeFeedGenerator: the ones `colibri feeds publish` writes records for
    (mine, all, and with COLIBRI_FEED_VARIANTS one per région and job family). A feed announced without
    a record would be a dead link in clients, so the older parameter-like keys are not listed."""
    rkeys = [MINE, PUBLIC]
    if variants_enabled():
        rkeys += [v.rkey for v in public_variants()]
    return rkeys
