"""The skills image: shown from the URL the network gave at ingest, only on the seeker's own host."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from colibri.console.images import safe_image_urls

from .console_factories import account, request

pytestmark = pytest.mark.django_db

DID = "did:plc:marie"
CDN = f"https://cdn.bsky.app/img/feed_fullsize/plain/{DID}/bafkreiabc@jpeg"


@pytest.mark.parametrize(
    ("network", "url", "shown"),
    [
        ("bluesky", CDN, True),
        (
            "bluesky",
            "https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:someoneelse/bafkreiabc@jpeg",
            False,
        ),
        ("bluesky", "https://evil.example/img/feed_fullsize/plain/did:plc:marie/x@jpeg", False),
        ("bluesky", "https://bsky.social/xrpc/com.atproto.sync.getBlob?did=did:plc:marie&cid=bafk", True),
        ("bluesky", "https://bsky.social/xrpc/com.atproto.sync.getBlob?did=did:plc:other&cid=bafk", False),
        ("bluesky", "javascript:alert(1)//cdn.bsky.app/img/a/plain/did:plc:marie/x", False),
        ("mastodon", "https://files.piaille.fr/media_attachments/1.png", True),
        ("mastodon", "https://piaille.fr/system/media/1.png", True),
        ("mastodon", "https://tracker.example/pixel.png", False),
        ("mastodon", "http://piaille.fr/system/media/1.png", False),
        ("x", "https://pbs.twimg.com/media/abc.jpg", True),
        ("x", "https://pbs.twimg.com.evil.example/media/abc.jpg", False),
    ],
)
def test_it_shows_an_image_only_from_the_host_the_seeker_posted_on(
    settings: Any, network: str, url: str, shown: bool
) -> None:
    settings.BLUESKY_SERVICE = "https://bsky.social"
    settings.MASTODON_API_BASE_URL = ""
    author = account("marie", network=network, remote_id=DID)
    uri = "https://piaille.fr/users/marie/statuses/1" if network == "mastodon" else ""
    req = request(author, image_urls=[url], uri=uri)
    assert safe_image_urls(req.post) == ([url] if shown else [])


def test_it_shows_the_image_lazily_with_its_alt_text_on_the_card_and_the_page(
    client: Any, moderator: Any
) -> None:
    author = account("marie.bsky.social", remote_id=DID)
    req = request(
        author,
        image_urls=[CDN, "https://tracker.example/pixel.png"],
        image_alt='Compétences : paie "Sage" <b>',
        status="needs_review",
    )
    client.force_login(moderator)
    card = client.get(reverse("dashboard")).content.decode()
    thumb = CDN.replace("feed_fullsize", "feed_thumbnail")
    assert f'<img src="{thumb}" loading="lazy"' in card
    assert 'alt="Compétences : paie &quot;Sage&quot; &lt;b&gt;"' in card
    assert "tracker.example" not in card

    page = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert f'<img src="{CDN}" loading="lazy"' in page
    assert 'referrerpolicy="no-referrer"' in page
    assert "tracker.example" not in page


def test_it_says_when_the_post_has_no_image(client: Any, moderator: Any) -> None:
    req = request(account("noimg.bsky.social"))
    client.force_login(moderator)
    page = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert "<img src=" not in page.split('class="post"', 1)[1]

    assert "Pas d'image" in page
