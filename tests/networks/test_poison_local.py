"""Poison input from a real AT Protocol network (issue 17): a post whose author wrote the createdAt
`9999-12-31T23:59:59-12:00` reaches ingest through the firehose like any other. It must be stored
(its date unknown, the queue still renders) and never block the next post."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.urls import reverse

from colibri.networks.bluesky.network import BlueskyNetwork
from colibri.relay.actions.volunteers import do_create_volunteer
from colibri.relay.ingest import Ingestor
from colibri.relay.models import AuditLog, Post

from .netkit import AtprotoNet, NetAccount, create_account, wait_for

pytestmark = [pytest.mark.atproto, pytest.mark.timeout(120), pytest.mark.django_db]

TEXT = "#PleaseRT Je cherche un poste de #Comptable en CDI à #Lyon #i4EmploiR"


def _post(account: NetAccount, text: str, created_at: str) -> str:
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": created_at, "langs": ["fr"]}
    # validate=False: this PDS would refuse the date, but the firehose relays other servers' records
    # that nobody validated; a stranger's own PDS publishes whatever it likes.
    created = account.client.com.atproto.repo.create_record(
        {"repo": account.did, "collection": "app.bsky.feed.post", "record": record, "validate": False}
    )
    return str(created.uri)


def test_it_stores_a_post_dated_year_9999_and_the_next_one(atproto_net: AtprotoNet, client: Any) -> None:
    net = atproto_net
    seeker = create_account(net, "poison", bio="Comptable #i4EmploiR", display_name="Zoé")
    poison = _post(seeker, TEXT + " (1)", "9999-12-31T23:59:59-12:00")
    after = _post(seeker, TEXT + " (2)", datetime.now(UTC).isoformat().replace("+00:00", "Z"))
    adapter = BlueskyNetwork(
        "",
        "",
        service=net.pds_url,
        appview_url=net.appview_url,
        firehose_url=net.pds_url.replace("http://", "ws://"),
        idle_timeout=1.0,
        recv_timeout=0.2,
    )

    def stored() -> bool:
        Ingestor([adapter], load_index=False).run()
        return Post.objects.filter(uri__in=[poison, after]).count() == 2

    wait_for("both posts stored", stored, timeout=60)
    assert Post.objects.get(uri=poison).posted_at is None  # year 9999: unknown, never stored
    assert Post.objects.get(uri=after).posted_at is not None
    assert not AuditLog.objects.filter(
        action="ingest_event_skipped", details__uri__in=[poison, after]
    ).exists()
    moderator, _password = do_create_volunteer(username="modo", role="moderator")
    client.force_login(moderator)
    assert client.get(reverse("dashboard")).status_code == 200
    request = Post.objects.get(uri=poison).request
    assert client.get(reverse("request_detail", args=[request.pk])).status_code == 200
