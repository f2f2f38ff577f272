"""Helpers for the tests that drive the Bluesky adapter on the local AT Protocol network."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from colibri.networks.base import NetworkEvent
from colibri.networks.bluesky.network import BlueskyNetwork

from .netkit import AtprotoNet, NetAccount

SEEKER_TEXT = (
    "#PleaseRT Je cherche un poste de #Comptable en CDI à #Lyon "
    "https://www.linkedin.com/in/marie-colibri #i4EmploiR"
)
RECRUITER_TEXT = (
    "Nous recrutons un #Comptable H/F en CDI à #Lyon, postulez ! https://jobs.example.com/42 #i4EmploiR"
)
SEEKER_ALT = "Compétences : comptabilité générale, paie, Sage, Excel"


def facets_for(text: str) -> list[dict[str, Any]]:
    from atproto_client import models
    from atproto_client.utils import facet_detection

    return [models.get_model_as_dict(f) for f in facet_detection.detect_facets(text)]


def post_as(account: NetAccount, text: str, *, image: bytes | None = None, alt: str = "") -> str:
    record: dict[str, Any] = {
        "$type": "app.bsky.feed.post",
        "text": text,
        "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "facets": facets_for(text),
        "langs": ["fr"],
    }
    if image is not None:
        blob = account.client.com.atproto.repo.upload_blob(image).blob
        from atproto_client import models

        record["embed"] = {
            "$type": "app.bsky.embed.images",
            "images": [{"alt": alt, "image": models.get_model_as_dict(blob)}],
        }
    created = account.client.com.atproto.repo.create_record(
        {"repo": account.did, "collection": "app.bsky.feed.post", "record": record}
    )
    return str(created.uri)


def local_adapter(net: AtprotoNet, account: NetAccount | None = None, **kwargs: Any) -> BlueskyNetwork:
    return BlueskyNetwork(
        account.handle if account else "",
        account.app_password if account else "",
        service=net.pds_url,
        appview_url=net.appview_url,
        firehose_url=net.pds_url.replace("http://", "ws://"),
        idle_timeout=kwargs.pop("idle_timeout", 1.0),
        recv_timeout=0.2,
        **kwargs,
    )


def read_events(
    adapter: BlueskyNetwork, cursor: str | None, dids: set[str]
) -> list[tuple[NetworkEvent, str]]:
    """Everything the stream yields from `cursor` until the firehose is idle, for our accounts only."""
    return [(e, c) for e, c in adapter.stream(cursor) if e.uri.split("/")[2] in dids]
