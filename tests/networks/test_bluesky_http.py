"""Bluesky adapter failure paths over a fake XRPC server (httpx.MockTransport, the SDK's one transport).

The happy paths run against the real local network (test_bluesky_local.py); what a local network
will not do on demand (429 with rate-limit headers, 5xx, timeouts, an expired session) is here.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from atproto_client.request import Request

from colibri.networks.base import NetworkError
from colibri.networks.bluesky.network import BlueskyNetwork
from colibri.networks.bluesky.records import parse_cursor, record_images, record_links, record_tags
from colibri.networks.ratelimit import Limit, RateLimiter

DID = "did:plc:collectif00000000000000"
SERVICE = "http://pds.invalid"


def _jwt(exp: float) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'ES256K', 'typ': 'at+jwt'})}.{part({'sub': DID, 'exp': int(exp), 'iat': 0})}.c2ln"


SESSION = {
    "did": DID,
    "handle": "collectif.test",
    "accessJwt": _jwt(time.time() + 7200),
    "refreshJwt": _jwt(time.time() + 86400),
}
PROFILE = {"did": DID, "handle": "collectif.test", "description": "#i4emploi", "followersCount": 7}


Handler = Callable[[httpx.Request], httpx.Response]


def _adapter(routes: dict[str, list[httpx.Response]], calls: list[str], **kwargs: Any) -> BlueskyNetwork:
    def handler(request: httpx.Request) -> httpx.Response:
        nsid = request.url.path.rsplit("/", 1)[-1]
        calls.append(nsid)
        answers = routes.get(nsid)
        if not answers:
            return httpx.Response(404, json={"error": "NotFound", "message": nsid})
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    request = Request(transport=httpx.MockTransport(handler))
    return BlueskyNetwork("collectif.test", "app-pass-word-1234", service=SERVICE, request=request, **kwargs)


def test_it_maps_429_to_retry_with_the_ratelimit_reset() -> None:
    reset = int(time.time()) + 120
    routes = {
        "com.atproto.server.createSession": [httpx.Response(200, json=SESSION)],
        "com.atproto.repo.createRecord": [
            httpx.Response(
                429,
                json={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                headers={
                    "ratelimit-limit": "5000",
                    "ratelimit-remaining": "0",
                    "ratelimit-reset": str(reset),
                },
            )
        ],
    }
    with pytest.raises(NetworkError) as caught:
        _adapter(routes, []).post("Nouvelle demande #i4emploi")
    assert caught.value.retry is True and caught.value.status == 429
    assert caught.value.retry_after is not None and 110 <= caught.value.retry_after <= 121


@pytest.mark.parametrize(
    ("answer", "retry", "status"),
    [
        (httpx.Response(503, json={"error": "Unavailable"}), True, 503),
        (httpx.Response(502, text="Bad Gateway"), True, 502),
        (httpx.ReadTimeout("slow"), True, None),
        (httpx.ConnectError("refused"), True, None),
        (httpx.Response(400, json={"error": "InvalidRequest", "message": "bad actor"}), False, 400),
        (httpx.Response(403, json={"error": "Forbidden"}), False, 403),
    ],
)
def test_it_maps_server_and_transport_failures(answer: Any, retry: bool, status: int | None) -> None:
    routes = {
        "com.atproto.server.createSession": [httpx.Response(200, json=SESSION)],
        "app.bsky.actor.getProfile": [answer],
    }
    with pytest.raises(NetworkError) as caught:
        _adapter(routes, []).get_profile("marie.test")
    assert caught.value.retry is retry and caught.value.status == status


def test_it_logs_in_again_when_the_session_has_expired() -> None:
    calls: list[str] = []
    routes = {
        "com.atproto.server.createSession": [httpx.Response(200, json=SESSION)],
        "app.bsky.actor.getProfile": [
            httpx.Response(400, json={"error": "ExpiredToken", "message": "Token has expired"}),
            httpx.Response(200, json=PROFILE),
        ],
    }
    profile = _adapter(routes, calls).get_profile(DID)
    assert profile.followers_count == 7 and profile.bio == "#i4emploi"
    assert calls == [
        "com.atproto.server.createSession",
        "app.bsky.actor.getProfile",
        "com.atproto.server.createSession",
        "app.bsky.actor.getProfile",
    ]


def test_it_refuses_a_write_beyond_the_hourly_points_before_the_server_does() -> None:
    calls: list[str] = []
    created = {"uri": f"at://{DID}/app.bsky.feed.post/3kaaaaaaaaaa2", "cid": "bafyreib2rxk3rh6kzwq"}
    routes = {
        "com.atproto.server.createSession": [httpx.Response(200, json=SESSION)],
        "com.atproto.repo.createRecord": [httpx.Response(200, json=created)],
    }
    limiter = RateLimiter(
        clock=lambda: 0.0,
        limits={("bluesky", "points_hour"): Limit(5, 3600), ("bluesky", "points_day"): Limit(35000, 86400)},
    )
    net = _adapter(routes, calls, limiter=limiter)
    assert net.post("Première #i4emploi") == created["uri"]
    with pytest.raises(NetworkError) as caught:
        net.post("Deuxième #i4emploi")  # 3 + 3 points > 5
    assert caught.value.retry is True and caught.value.retry_after == pytest.approx(1 / (5 / 3600))
    assert calls.count("com.atproto.repo.createRecord") == 1


def test_it_reads_tags_links_and_images_from_records() -> None:
    record = {
        "text": "#PleaseRT #Comptable",
        "tags": ["i4EmploiR"],
        "facets": [
            {"features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "PleaseRT"}]},
            {"features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://www.linkedin.com/in/m"}]},
        ],
        "embed": {
            "$type": "app.bsky.embed.recordWithMedia",
            "media": {"images": [{"alt": "Compétences", "image": {"ref": {"$link": "bafkreiabc"}}}]},
        },
    }
    assert record_tags(record) == ["#PleaseRT", "#i4EmploiR"]
    assert record_links(record) == ["https://www.linkedin.com/in/m"]
    assert record_images(record) == [("bafkreiabc", "Compétences")]
    assert (
        parse_cursor("42") == (42, 1 << 30)
        and parse_cursor("42:1") == (42, 1)
        and parse_cursor(None) == (None, -1)
    )
    with pytest.raises(NetworkError):
        parse_cursor("abc")


def test_it_retries_a_failing_profile_lookup_then_falls_back_to_the_bare_did() -> None:
    calls: list[str] = []
    routes = {
        "com.atproto.server.createSession": [httpx.Response(200, json=SESSION)],
        "app.bsky.actor.getProfile": [
            httpx.Response(502, text="Bad Gateway"),
            httpx.Response(200, json=PROFILE),
        ],
    }
    net = _adapter(routes, calls)
    assert net.author(DID).bio == "#i4emploi"  # one 502, then the profile
    assert net.author(DID).bio == "#i4emploi"  # cached: no new call
    assert calls.count("app.bsky.actor.getProfile") == 2
    down = _adapter({"com.atproto.server.createSession": [httpx.Response(200, json=SESSION)]}, [])
    bare = down.author("did:plc:unknown")
    assert (bare.id, bare.handle, bare.bio) == ("did:plc:unknown", "did:plc:unknown", "")


def test_it_tracks_the_hashtags_the_collective_configures() -> None:
    net = _adapter({}, [])
    assert net.filter.matches("#PleaseRT #Comptable #14EmploiR")  # look-alike of the default seeker tag
    assert not net.filter.matches("#PleaseRT #Comptable #Lyon")
    net.set_hashtags(["#JobSeekerFR", "#EntraideEmploi", "#PleaseRT"], seeker_tag="#JobSeekerFR")
    assert net.filter.matches("#PleaseRT #Comptable #Lyon")
    assert net.filter.matches("Qui peut relayer ? #entraide_emploi")
    assert not net.filter.matches("#i4EmploiR")
