"""The Bluesky feed generator: service-auth JWTs checked against DID documents from a (local) PLC
directory, the personal feed of today's assignments, and the public feeds for recruiters."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client

from colibri.networks.bluesky.auth import create_service_jwt, multikey_from_public_key

from . import dispatch_factories as f

SERVICE_DID = "did:web:feeds.colibri.test"
PUBLISHER = "did:plc:colibriofficial"
LXM = "app.bsky.feed.getFeedSkeleton"
MINE = f"at://{PUBLISHER}/app.bsky.feed.generator/mine"


class PLC:
    """A local PLC directory: GET /<did> returns the DID document we registered."""

    def __init__(self) -> None:
        self.docs: dict[str, dict[str, Any]] = {}
        self.hits = 0
        plc = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                plc.hits += 1
                doc = plc.docs.get(self.path.lstrip("/"))
                body = json.dumps(doc or {"message": "DID not registered"}).encode()
                self.send_response(200 if doc else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def register(self, did: str, key: ec.EllipticCurvePrivateKey) -> None:
        self.docs[did] = {
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": did,
            "alsoKnownAs": [f"at://{did.rsplit(':', 1)[1]}.test"],
            "verificationMethod": [
                {
                    "id": f"{did}#atproto",
                    "type": "Multikey",
                    "controller": did,
                    "publicKeyMultibase": multikey_from_public_key(key.public_key()),
                }
            ],
            "service": [
                {
                    "id": "#atproto_pds",
                    "type": "AtprotoPersonalDataServer",
                    "serviceEndpoint": "http://pds.test",
                }
            ],
        }


@pytest.fixture
def plc(settings: Any) -> Iterator[PLC]:
    directory = PLC()
    settings.COLIBRI_PLC_URL = directory.url
    settings.COLIBRI_FEED_SERVICE_DID = SERVICE_DID
    settings.COLIBRI_FEED_PUBLISHER_DID = PUBLISHER
    yield directory
    directory.server.shutdown()


@pytest.fixture
def day(db: None, plc: PLC, frozen_now: datetime) -> dict[str, Any]:
    """Two members with keys in the PLC directory, and a day of assignments around them (the clock
    frozen, so "today" cannot turn into tomorrow between the fixture and the request)."""
    alice_key = ec.generate_private_key(ec.SECP256K1())
    bob_key = ec.generate_private_key(ec.SECP256R1())
    alice = f.member(did="did:plc:alice", mode="notified")
    bob = f.member(did="did:plc:bob", mode="delegated")
    plc.register("did:plc:alice", alice_key)
    plc.register("did:plc:bob", bob_key)
    reqs = [f.approved_request() for _ in range(6)]
    f.assign(reqs[0], alice, slot=f.today_at(9))
    f.assign(reqs[1], alice, slot=f.today_at(18), status="done")
    f.assign(reqs[2], alice, slot=f.today_at(12), status="cancelled")  # withdrawn since: not shown
    f.assign(reqs[3], alice, slot=f.today_at(10, days=1))  # tomorrow: not today's list
    f.assign(reqs[4], bob, slot=f.today_at(11))
    f.assign(reqs[5], alice, slot=f.today_at(15))
    return {"alice": alice, "alice_key": alice_key, "bob": bob, "bob_key": bob_key, "reqs": reqs}


def _get(client: Client, token: str | None, feed: str = MINE, **params: str) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.get("/xrpc/app.bsky.feed.getFeedSkeleton", {"feed": feed, **params}, **headers)


def test_it_returns_exactly_the_members_assignments_for_today(client: Client, day: dict[str, Any]) -> None:
    reqs = day["reqs"]
    token = create_service_jwt(day["alice_key"], iss="did:plc:alice", aud=SERVICE_DID, lxm=LXM)
    resp = _get(client, token)
    assert resp.status_code == 200, resp.content
    assert [item["post"] for item in resp.json()["feed"]] == [
        reqs[0].post.uri,  # 09:00
        reqs[5].post.uri,  # 15:00
        reqs[1].post.uri,  # 18:00, already done: still in the day's list
    ]
    bob_token = create_service_jwt(day["bob_key"], iss="did:plc:bob", aud=f"{SERVICE_DID}#bsky_fg", lxm=LXM)
    resp = _get(client, bob_token)
    assert resp.status_code == 200
    assert [item["post"] for item in resp.json()["feed"]] == [reqs[4].post.uri]


def test_it_refuses_a_forged_token(client: Client, day: dict[str, Any]) -> None:
    forger = ec.generate_private_key(ec.SECP256K1())  # not alice's key
    token = create_service_jwt(forger, iss="did:plc:alice", aud=SERVICE_DID, lxm=LXM)
    resp = _get(client, token)
    assert resp.status_code == 401
    assert resp.json()["error"] == "AuthenticationRequired"
    # Tampering with the claims of a genuine token breaks its signature too.
    genuine = create_service_jwt(day["bob_key"], iss="did:plc:bob", aud=SERVICE_DID, lxm=LXM)
    header, _payload, sig = genuine.split(".")
    forged_claims = create_service_jwt(forger, iss="did:plc:alice", aud=SERVICE_DID, lxm=LXM).split(".")[1]
    assert _get(client, f"{header}.{forged_claims}.{sig}").status_code == 401


def test_it_refuses_an_expired_token(client: Client, day: dict[str, Any]) -> None:
    now = int(time.time())
    token = create_service_jwt(
        day["alice_key"], iss="did:plc:alice", aud=SERVICE_DID, lxm=LXM, iat=now - 600, exp=now - 60
    )
    resp = _get(client, token)
    assert resp.status_code == 401
    assert "expired" in resp.json()["message"]


def test_it_refuses_a_token_for_another_service_or_method(client: Client, day: dict[str, Any]) -> None:
    key = day["alice_key"]
    wrong_aud = create_service_jwt(key, iss="did:plc:alice", aud="did:web:other.example", lxm=LXM)
    assert _get(client, wrong_aud).status_code == 401
    wrong_lxm = create_service_jwt(
        key, iss="did:plc:alice", aud=SERVICE_DID, lxm="com.atproto.repo.createRecord"
    )
    assert _get(client, wrong_lxm).status_code == 401


def test_it_refuses_the_personal_feed_without_a_token_or_for_an_unknown_did(
    client: Client, day: dict[str, Any]
) -> None:
    assert _get(client, None).status_code == 401
    assert _get(client, "not-a-jwt").status_code == 401
    stranger = ec.generate_private_key(ec.SECP256K1())
    token = create_service_jwt(stranger, iss="did:plc:stranger", aud=SERVICE_DID, lxm=LXM)
    assert _get(client, token).status_code == 401  # the PLC directory does not know this DID


def test_it_lists_current_approved_requests_filtered_by_region_and_family(
    client: Client, plc: PLC, db: None
) -> None:
    lyon = f.approved_request(region="Auvergne-Rhône-Alpes", rome_code="M1203")
    rennes = f.approved_request(region="Bretagne", rome_code="M1607")
    dev = f.approved_request(region="Bretagne", rome_code="M1805")
    nurse = f.approved_request(region="Bretagne", rome_code="J1506", status="relayed")
    f.approved_request(region="Bretagne", rome_code="J1506", status="withdrawn")
    f.approved_request(region="Bretagne", rome_code="J1506", status="needs_review")

    def feed(rkey: str, **params: str) -> Any:
        resp = _get(client, None, feed=f"at://{PUBLISHER}/app.bsky.feed.generator/{rkey}", **params)
        assert resp.status_code == 200, resp.content
        return resp.json()

    def uris(rkey: str) -> set[str]:
        return {item["post"] for item in feed(rkey)["feed"]}

    assert uris("emploi") == {r.post.uri for r in (lyon, rennes, dev, nurse)}
    assert uris("emploi.r-bretagne") == {r.post.uri for r in (rennes, dev, nurse)}
    assert uris("emploi.f-J") == {nurse.post.uri}
    assert uris("emploi.r-auvergne-rhone-alpes.f-M") == {lyon.post.uri}
    # Pagination walks every request once, newest first.
    first = feed("emploi", limit="3")
    second = feed("emploi", limit="3", cursor=first["cursor"])
    assert [i["post"] for i in first["feed"] + second["feed"]] == [
        r.post.uri for r in (nurse, dev, rennes, lyon)
    ]
    assert "cursor" not in second
    bad = _get(client, None, feed=f"at://{PUBLISHER}/app.bsky.feed.generator/emploi.x-1")
    assert bad.status_code == 400


def test_it_describes_its_feeds_and_serves_its_did_document(client: Client, plc: PLC, db: None) -> None:
    f.approved_request(region="Bretagne", rome_code="M1607")
    described = client.get("/xrpc/app.bsky.feed.describeFeedGenerator").json()
    assert described["did"] == SERVICE_DID
    rkeys = {feed["uri"].rsplit("/", 1)[1] for feed in described["feeds"]}
    # The published records only (one per région and job family): a parameter-like key such as
    # `emploi.r-bretagne` still answers but has no record, so it is not announced.
    assert {"mine", "emploi"} <= rkeys  # and the variants when reference data is there: test_feeds_variants
    assert not any("." in rkey for rkey in rkeys)
    assert all(feed["uri"].startswith(f"at://{PUBLISHER}/") for feed in described["feeds"])
    doc = client.get("/.well-known/did.json").json()
    assert doc["id"] == SERVICE_DID
    assert doc["service"][0]["type"] == "BskyFeedGenerator"


def test_it_serves_only_bluesky_posts_in_every_public_feed(client: Client, plc: PLC, db: None) -> None:
    """A Mastodon URL or an X id in a skeleton is a post a Bluesky client cannot display."""
    sky = f.approved_request(region="Bretagne", rome_code="M1607")
    masto = f.approved_request(region="Bretagne", rome_code="M1607")
    masto.post.network, masto.post.uri = "mastodon", "https://piaille.fr/@seeker/113456789"
    masto.post.save()
    x_req = f.approved_request(region="Bretagne", rome_code="M1805", status="relayed")
    x_req.post.network, x_req.post.uri = "x", "x:1868000000000000001"
    x_req.post.save()

    def uris(rkey: str) -> list[str]:
        resp = _get(client, None, feed=f"at://{PUBLISHER}/app.bsky.feed.generator/{rkey}")
        assert resp.status_code == 200, resp.content
        return [item["post"] for item in resp.json()["feed"]]

    # The public feed, a job-family variant and the older parameter-like keys all keep the Bluesky one.
    for rkey in ("emploi", "emploi-m", "emploi.r-bretagne", "emploi.f-M"):
        assert uris(rkey) == [sky.post.uri], rkey
    assert all(uri.startswith("at://") for uri in uris("emploi"))
