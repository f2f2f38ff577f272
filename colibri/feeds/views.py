"""XRPC endpoints of the feed generator and its did:web document.

Errors follow XRPC: a JSON body `{"error": ..., "message": ...}`; 401 when the personal feed is asked
without a valid service-auth JWT, 400 for an unknown feed or a bad parameter.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from colibri.networks.bluesky.auth import (
    CachingKeyResolver,
    KeyResolver,
    ServiceAuthError,
    bearer_token,
    verify_service_jwt,
)

from . import skeletons

logger = logging.getLogger(__name__)

GET_FEED_SKELETON = "app.bsky.feed.getFeedSkeleton"


@lru_cache(maxsize=4)
def _resolver_for(plc_url: str) -> KeyResolver:
    return CachingKeyResolver(plc_url)


def key_resolver() -> KeyResolver:
    """One caching resolver per PLC directory URL (the setting can differ between tests)."""
    return _resolver_for(str(getattr(settings, "COLIBRI_PLC_URL", "https://plc.directory")))


def _error(status: int, error: str, message: str) -> JsonResponse:
    return JsonResponse({"error": error, "message": message}, status=status)


@require_GET
def did_document(request: HttpRequest) -> JsonResponse:
    did = skeletons.service_did()
    if not did.startswith("did:web:"):
        return _error(404, "NotFound", "this service is not identified by did:web")
    parts = urlsplit(str(settings.SITE_URL))
    endpoint = f"{parts.scheme or 'https'}://{parts.netloc}"
    return JsonResponse(
        {
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": did,
            "service": [{"id": "#bsky_fg", "type": "BskyFeedGenerator", "serviceEndpoint": endpoint}],
        }
    )


@require_GET
def describe_feed_generator(request: HttpRequest) -> JsonResponse:
    publisher = skeletons.publisher_did()
    return JsonResponse(
        {
            "did": skeletons.service_did(),
            "feeds": [{"uri": skeletons.feed_uri(rkey, publisher)} for rkey in skeletons.listed_feeds()],
        }
    )


@require_GET
def get_feed_skeleton(request: HttpRequest) -> JsonResponse:
    try:
        rkey = skeletons.parse_feed_uri(request.GET.get("feed", ""))
        limit = int(request.GET.get("limit", "50"))
        if not 1 <= limit <= skeletons.MAX_LIMIT:
            raise skeletons.FeedError(f"limit must be between 1 and {skeletons.MAX_LIMIT}")
    except ValueError as exc:  # FeedError is a ValueError, so is a non-numeric limit
        return _error(
            400, "UnknownFeed" if isinstance(exc, skeletons.FeedError) else "InvalidRequest", str(exc)
        )
    cursor = request.GET.get("cursor") or None

    if rkey == skeletons.MINE:
        try:
            auth = verify_service_jwt(
                bearer_token(request.headers.get("Authorization")),
                service_did=skeletons.service_did(),
                lxm=GET_FEED_SKELETON,
                key_resolver=key_resolver(),
            )
        except ServiceAuthError as exc:
            logger.info("feed %s: refused: %s", rkey, exc)
            return _error(401, "AuthenticationRequired", str(exc))
        uris = skeletons.personal_skeleton(auth.did)
        # The whole day's list is short (a member's daily budget): one page, no cursor.
        return JsonResponse({"feed": [{"post": uri} for uri in uris[:limit]]})

    try:
        flt = skeletons.parse_public_rkey(rkey)
        uris, next_cursor = skeletons.public_skeleton(flt, limit=limit, cursor=cursor)
    except skeletons.FeedError as exc:
        return _error(400, "UnknownFeed", str(exc))
    body: dict[str, object] = {"feed": [{"post": uri} for uri in uris]}
    if next_cursor:
        body["cursor"] = next_cursor
    return JsonResponse(body)
