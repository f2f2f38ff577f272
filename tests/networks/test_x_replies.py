"""A seeker's "stop" on X, without the hashtag, reaches the ingest through the mention timeline."""

from __future__ import annotations

import pytest

from colibri.networks.x import XNetwork
from colibri.relay.ingest import Ingestor
from colibri.relay.models import (
    NetworkAccount,
    OutboxKind,
    Request,
    RequestStatus,
)

from .netkit import FakeHTTP, record_done_action
from .x_kit import KEYS, MENTIONS, SEARCH

pytestmark = pytest.mark.django_db


def _poll(http: FakeHTTP, **kwargs: object) -> object:
    net = XNetwork(**KEYS, session=http.session(), **kwargs)  # type: ignore[arg-type]
    return Ingestor([net], load_index=False).run()


def test_a_stop_in_the_mentions_withdraws_the_request_and_opts_the_seeker_out() -> None:
    http = FakeHTTP().add("GET", SEARCH, payload="x_search_recent_page1.json")
    _poll(http, mentions=False)
    request = Request.objects.get(post__uri="x:1859000000000000002")
    official = NetworkAccount.objects.create(
        network="x", remote_id="2244994945", handle="collectif_i4e", is_official=True
    )
    record_done_action(
        OutboxKind.REPLY,
        account=official,
        request=request,
        target_uri=request.post.uri,
        result_id="x:1859000000000000999",
    )

    http = FakeHTTP()
    http.add("GET", SEARCH, payload="x_search_recent_empty.json")
    http.add("GET", r"/2/users/me", payload="x_me.json")
    http.add("GET", MENTIONS, payload="x_mentions.json")
    stats = _poll(http)

    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert request.post.author.opted_out_at is not None
    # The "dispo dès lundi" answer (bio with the seeker hashtag) is not stored as a new request.
    assert not Request.objects.filter(post__uri="x:1859000000000001201").exists()
    assert stats.withdrawn == 1  # type: ignore[attr-defined]
