"""Tracking and feed publication on the real local AT Protocol network: an engagement snapshot counts
reposts, likes, replies and quotes (getPosts), and `colibri feeds publish` writes the feed generator
records on the official account, idempotently."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from colibri.networks.base import NetworkError
from colibri.networks.bluesky.network import BlueskyNetwork
from colibri.relay.models import EngagementSnapshot, NetworkAccount, Post, Request, RequestStatus
from colibri.tracking.collect import track_requests

from .netkit import AtprotoNet, NetAccount, create_account, post_text, require_atproto_net, wait_for

REPO = Path(__file__).resolve().parents[2]
GENERATOR = "app.bsky.feed.generator"

pytestmark = pytest.mark.atproto


def _adapter(net: AtprotoNet, account: NetAccount) -> BlueskyNetwork:
    return BlueskyNetwork(
        account.handle, account.app_password, service=net.pds_url, appview_url=net.appview_url
    )


def _strong_ref(account: NetAccount, uri: str) -> dict[str, str]:
    rkey = uri.rsplit("/", 1)[1]
    found = account.client.com.atproto.repo.get_record(
        {"repo": uri.split("/")[2], "collection": "app.bsky.feed.post", "rkey": rkey}
    )
    return {"uri": uri, "cid": str(found.cid)}


def _now() -> str:
    return timezone.now().isoformat().replace("+00:00", "Z")


@pytest.mark.django_db
def test_it_snapshots_likes_replies_and_quotes_not_only_reposts() -> None:
    net = require_atproto_net()
    official, seeker = create_account(net, "off"), create_account(net, "seek")
    fan, critic = create_account(net, "fan"), create_account(net, "quote")
    uri = post_text(seeker, "#PleaseRT Je cherche un CDI de #Comptable à #Lyon #i4EmploiR")
    ref = _strong_ref(seeker, uri)
    for who in (fan, critic):
        who.client.com.atproto.repo.create_record(
            {
                "repo": who.did,
                "collection": "app.bsky.feed.like",
                "record": {"subject": ref, "createdAt": _now()},
            }
        )
    fan.client.com.atproto.repo.create_record(
        {
            "repo": fan.did,
            "collection": "app.bsky.feed.repost",
            "record": {"subject": ref, "createdAt": _now()},
        }
    )
    post = {"$type": "app.bsky.feed.post", "createdAt": _now()}
    critic.client.com.atproto.repo.create_record(
        {
            "repo": critic.did,
            "collection": "app.bsky.feed.post",
            "record": {**post, "text": "Bon courage !", "reply": {"root": ref, "parent": ref}},
        }
    )
    critic.client.com.atproto.repo.create_record(
        {
            "repo": critic.did,
            "collection": "app.bsky.feed.post",
            "record": {
                **post,
                "text": "À relayer",
                "embed": {"$type": "app.bsky.embed.record", "record": ref},
            },
        }
    )
    adapter = _adapter(net, official)
    counts = wait_for(
        "all counts on the AppView",
        # All four in the condition: the AppView indexes each record on its own, so the repost may
        # still be on its way when the likes, reply and quote already show.
        lambda: (
            (c := adapter.get_post_engagement(uri))
            and (c.reposts, c.likes, c.replies, c.quotes) == (1, 2, 1, 1)
            and c
        ),
        timeout=30,
        tolerate=(NetworkError,),
    )
    assert (counts.reposts, counts.likes, counts.replies, counts.quotes) == (1, 2, 1, 1)

    official_row = NetworkAccount.objects.create(
        network="bluesky", remote_id=official.did, handle=official.handle, is_official=True
    )
    seeker_row = NetworkAccount.objects.create(network="bluesky", remote_id=seeker.did, handle=seeker.handle)
    stored = Post.objects.create(network="bluesky", uri=uri, url="", author=seeker_row, text="…")
    request = Request.objects.create(post=stored, status=RequestStatus.RELAYED, relayed_at=timezone.now())
    used: list[Any] = []
    assert track_requests(lambda account: used.append(account) or adapter) == 1
    assert used == [official_row]
    snap = EngagementSnapshot.objects.get(request=request)
    assert (snap.reposts, snap.likes, snap.replies, snap.quotes) == (1, 2, 1, 1)
    assert snap.reposted_by == [fan.did]


def _publish(
    net: AtprotoNet, official: NetAccount, service_did: str, *args: str, refdata: Path | None = None
) -> dict[str, Any]:
    env = {
        **os.environ,
        "BLUESKY_HANDLE": official.handle,
        "BLUESKY_APP_PASSWORD": official.app_password,
        "BLUESKY_SERVICE": net.pds_url,
        "BLUESKY_APPVIEW_URL": net.appview_url,
        "COLIBRI_FEED_SERVICE_DID": service_did,
    }
    if refdata is not None:
        env["COLIBRI_REFDATA_DIR"] = str(refdata)
    out = subprocess.run(
        [sys.executable, "-m", "colibri.cli", "feeds", "publish", "--json", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_it_publishes_the_feed_generator_records_idempotently() -> None:
    net = require_atproto_net()
    official = create_account(net, "feeds")
    first = _publish(net, official, "did:web:feeds.colibri.test", "--no-variants")
    assert [(f["uri"], f["changed"]) for f in first["feeds"]] == [
        (f"at://{official.did}/{GENERATOR}/mine", True),
        (f"at://{official.did}/{GENERATOR}/emploi", True),
    ]

    def records() -> dict[str, Any]:
        page = official.client.com.atproto.repo.list_records({"repo": official.did, "collection": GENERATOR})
        return {r.uri.rsplit("/", 1)[1]: r for r in page.records}

    def value(record: Any) -> dict[str, Any]:
        from atproto_client import models

        return record.value if isinstance(record.value, dict) else models.get_model_as_dict(record.value)

    before = records()
    assert set(before) == {"mine", "emploi"}
    assert {value(r)["did"] for r in before.values()} == {"did:web:feeds.colibri.test"}
    assert value(before["emploi"])["displayName"] == "Demandes d'emploi"

    again = _publish(net, official, "did:web:feeds.colibri.test", "--no-variants")
    assert [f["changed"] for f in again["feeds"]] == [False, False]
    assert {k: str(r.cid) for k, r in records().items()} == {k: str(r.cid) for k, r in before.items()}

    moved = _publish(net, official, "did:web:new.colibri.test", "--no-variants")
    assert [f["changed"] for f in moved["feeds"]] == [True, True]
    after = records()
    assert set(after) == {"mine", "emploi"}  # updated in place, no second record
    assert {value(r)["did"] for r in after.values()} == {"did:web:new.colibri.test"}
    assert value(after["mine"])["createdAt"] == value(before["mine"])["createdAt"]


@pytest.mark.django_db
def test_it_publishes_one_feed_per_region_and_job_family_and_deletes_the_stale_ones(
    shared_data: Path, tmp_path: Path, client: Any, settings: Any
) -> None:
    from colibri.core.refindex import build_index

    from ..app import dispatch_factories as f

    net = require_atproto_net()
    official = create_account(net, "feedvariants")
    refdata = tmp_path / "refdata"
    build_index(shared_data / "insee-cog-2024", shared_data / "rome", refdata)
    service = "did:web:feeds.colibri.test"

    def records() -> dict[str, Any]:
        page = official.client.com.atproto.repo.list_records(
            {"repo": official.did, "collection": GENERATOR, "limit": 100}
        )
        return {r.uri.rsplit("/", 1)[1]: r for r in page.records}

    def value(record: Any) -> dict[str, Any]:
        from atproto_client import models

        return record.value if isinstance(record.value, dict) else models.get_model_as_dict(record.value)

    first = _publish(net, official, service, refdata=refdata)
    rkeys = [f["rkey"] for f in first["feeds"]]
    assert rkeys[:2] == ["mine", "emploi"] and len(rkeys) == len(set(rkeys)) == 2 + 18 + 14
    assert all(f["changed"] for f in first["feeds"]) and first["deleted"] == []
    published = records()
    assert set(published) == set(rkeys)
    assert value(published["emploi-bre"])["displayName"] == "Emploi Bretagne"
    assert "Bretagne" in value(published["emploi-bre"])["description"]
    assert value(published["emploi-m"])["displayName"] == "Emploi fonctions support"
    assert {value(r)["did"] for r in published.values()} == {service}

    # Our feed generator, as the AppView would ask it: every published record's URI resolves to its
    # filter, and describeFeedGenerator announces exactly the published records.
    settings.COLIBRI_REFDATA_DIR = refdata
    settings.COLIBRI_FEED_PUBLISHER_DID = official.did
    settings.COLIBRI_FEED_SERVICE_DID = service
    rennes = f.approved_request(region="Bretagne", rome_code="N1101")
    lyon = f.approved_request(region="Auvergne-Rhône-Alpes", rome_code="M1203")
    described = client.get("/xrpc/app.bsky.feed.describeFeedGenerator").json()
    assert {feed["uri"] for feed in described["feeds"]} == {r.uri for r in published.values()}
    served: dict[str, list[str]] = {}
    for rkey, record in published.items():
        if rkey == "mine":
            continue  # needs a member's token: see test_dispatch_local
        resp = client.get("/xrpc/app.bsky.feed.getFeedSkeleton", {"feed": record.uri})
        assert resp.status_code == 200, (rkey, resp.content)
        served[rkey] = [item["post"] for item in resp.json()["feed"]]
    assert served["emploi"] == [lyon.post.uri, rennes.post.uri]
    assert served["emploi-bre"] == served["emploi-n"] == [rennes.post.uri]
    assert served["emploi-ara"] == served["emploi-m"] == [lyon.post.uri]
    assert sum(1 for uris in served.values() if uris) == 5  # every other variant is empty

    # A variant record left from an older catalog, and a feed the collective made by hand.
    for rkey, name in (("emploi-zz", "Ancien fil"), ("autre", "Fil du collectif")):
        official.client.com.atproto.repo.put_record(
            {
                "repo": official.did,
                "collection": GENERATOR,
                "rkey": rkey,
                "record": {"$type": GENERATOR, "did": service, "displayName": name, "createdAt": _now()},
            }
        )
    again = _publish(net, official, service, refdata=refdata)
    assert not any(f["changed"] for f in again["feeds"])  # idempotent: nothing rewritten
    assert again["deleted"] == [f"at://{official.did}/{GENERATOR}/emploi-zz"]  # stale variant: deleted
    after = records()
    assert set(after) == set(rkeys) | {"autre"}  # the hand-made feed stays
    assert {k: str(r.cid) for k, r in after.items() if k != "autre"} == {
        k: str(r.cid) for k, r in published.items()
    }

    # Variants turned off: their records go, the personal and general feeds stay as they are.
    off = _publish(net, official, service, "--no-variants")
    assert [(f["rkey"], f["changed"]) for f in off["feeds"]] == [("mine", False), ("emploi", False)]
    assert len(off["deleted"]) == 32
    assert set(records()) == {"mine", "emploi", "autre"}
