"""The recruiters' board and its RSS/Atom feeds, read as a recruiter and a feed reader would."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import feedparser
from django.test import Client


def test_it_lists_only_requests_relayed_now_with_the_seekers_own_post(
    client: Client, world: Any, make_request: Any
) -> None:
    request = make_request
    # r5 is relayed now (Bretagne? no: Auvergne-Rhône-Alpes); the others have an outcome or are not relayed.
    live = world.relayed[4]
    hostile = request(
        created=datetime(2026, 11, 20, 12, tzinfo=UTC),
        relayed_after_h=1,
        network="mastodon",
        text='<script>alert(1)</script> #PleaseRT #Comptable & "Lyon"',
    )
    gone = request(created=datetime(2026, 11, 21, 12, tzinfo=UTC), relayed_after_h=1)
    gone.post.deleted_at = datetime(2026, 11, 22, tzinfo=UTC)
    gone.post.save()
    # Asked by the follow-up, no answer yet: still looking, still on the board.
    asked = request(created=datetime(2026, 11, 19, 12, tzinfo=UTC), relayed_after_h=1, status="followed_up")
    html = client.get("/recruteurs/").content.decode()
    assert live.post.url in html and hostile.post.url in html and asked.post.url in html
    assert gone.post.url not in html and world.relayed[0].post.url not in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "3 personnes relayées en ce moment" in html
    # Filters: région and job family.
    ara = client.get("/recruteurs/", {"region": "Auvergne-Rhône-Alpes", "famille": "J"}).content.decode()
    assert live.post.url in ara and hostile.post.url not in ara
    bad = client.get("/recruteurs/", {"region": "Atlantide"})
    assert bad.status_code == 400 and "Région inconnue" in bad.content.decode()


def test_it_serves_rss_and_atom_per_filter_valid_for_a_feed_reader(
    client: Client, world: Any, make_request: Any
) -> None:
    request = make_request
    live = world.relayed[4]
    other = request(
        created=datetime(2026, 11, 20, 12, tzinfo=UTC), relayed_after_h=1, text="Hostile <b>&</b>\x0b\x1f"
    )
    for kind in ("rss", "atom"):
        resp = client.get(f"/recruteurs/{kind}.xml")
        assert resp.status_code == 200 and resp["Content-Type"].startswith(f"application/{kind}+xml")
        parsed = feedparser.parse(resp.content)
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.version.startswith(kind)
        links = [e.link for e in parsed.entries]
        assert links == [other.post.url, live.post.url]  # newest relayed first
        texts = [e.get("summary") or e.content[0].value for e in parsed.entries]
        assert "Hostile <b>&</b>" in texts
        filtered = feedparser.parse(
            client.get(f"/recruteurs/{kind}.xml", {"region": "Auvergne-Rhône-Alpes"}).content
        )
        assert [e.link for e in filtered.entries] == [live.post.url]
        assert "Auvergne-Rhône-Alpes" in filtered.feed.title
    assert client.get("/recruteurs/rss.xml", {"famille": "Z"}).status_code == 400
