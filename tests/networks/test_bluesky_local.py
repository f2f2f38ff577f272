"""The Bluesky adapter against a real AT Protocol network on 127.0.0.1 (PLC + PDS + AppView).

Started by `scripts/atproto-net start` (the test command does it). Accounts: a seeker, a
recruiter, three members and the official account, with fresh handles per run. Every wait polls
with a deadline (the AppView indexes writes a few hundred ms later); nothing sleeps blindly.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from colibri.networks.base import NetworkError
from colibri.networks.bluesky.network import BlueskyNetwork
from colibri.networks.hashtags import bio_roles
from tests import clock

from .bluesky_kit import RECRUITER_TEXT, SEEKER_ALT, SEEKER_TEXT, local_adapter, post_as, read_events
from .netkit import AtprotoNet, create_account, png_bytes, wait_for

pytestmark = [pytest.mark.atproto, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def world(atproto_net: AtprotoNet) -> dict[str, Any]:
    net = atproto_net
    seeker = create_account(
        net, "seeker", bio="Comptable en recherche active #i4EmploiR", display_name="Marie"
    )
    recruiter = create_account(net, "recruit", bio="Cabinet de recrutement", display_name="RH Corp")
    members = [create_account(net, f"member{i}", bio="Bénévole #i4emploi") for i in range(3)]
    official = create_account(net, "official", bio="Compte officiel du collectif #i4emploi")
    # Distinct follow times, as real follows have: the AppView pages followers by (time, cid) and
    # follows created in the same instant can straddle a page boundary and be skipped.
    for i, member in enumerate(members):
        member.client.com.atproto.repo.create_record(
            {
                "repo": member.did,
                "collection": "app.bsky.graph.follow",
                "record": {
                    "$type": "app.bsky.graph.follow",
                    "subject": seeker.did,
                    "createdAt": (clock.NOW + timedelta(seconds=i)).isoformat().replace("+00:00", "Z"),
                },
            }
        )
    uris = {
        "seeker": post_as(seeker, SEEKER_TEXT, image=png_bytes(), alt=SEEKER_ALT),
        "recruiter": post_as(recruiter, RECRUITER_TEXT),
        "noise": post_as(members[0], "Belle journée à Lyon, rien à voir avec l'emploi"),
    }
    return {
        "net": net,
        "seeker": seeker,
        "recruiter": recruiter,
        "members": members,
        "official": official,
        "uris": uris,
        "dids": {a.did for a in (seeker, recruiter, official, *members)},
    }


def test_it_streams_the_seeker_and_recruiter_posts_with_their_fields(world: dict[str, Any]) -> None:
    net, uris = world["net"], world["uris"]
    adapter = local_adapter(net)
    # The profile (bio) comes from the AppView: make sure it indexed the accounts first.
    wait_for(
        "seeker profile on the AppView", lambda: "#i4EmploiR" in adapter.get_profile(world["seeker"].did).bio
    )
    events = {e.uri: e for e, _ in read_events(adapter, "0", world["dids"])}

    assert uris["seeker"] in events and uris["recruiter"] in events
    assert uris["noise"] not in events  # no collective hashtag: not a candidate
    seeker_event = events[uris["seeker"]]
    assert seeker_event.kind == "post" and seeker_event.network == "bluesky"
    assert seeker_event.text == SEEKER_TEXT
    assert seeker_event.author.id == world["seeker"].did
    assert seeker_event.author.handle == world["seeker"].handle
    assert bio_roles(seeker_event.author.bio) == (True, False)
    assert seeker_event.has_image and seeker_event.image_alt == SEEKER_ALT
    assert seeker_event.image_urls and world["seeker"].did in seeker_event.image_urls[0]
    assert "https://www.linkedin.com/in/marie-colibri" in seeker_event.links
    assert seeker_event.created_at is not None and seeker_event.created_at.tzinfo is not None
    assert seeker_event.url.endswith("/post/" + uris["seeker"].rsplit("/", 1)[1])
    recruiter_event = events[uris["recruiter"]]
    assert not recruiter_event.has_image
    assert "https://jobs.example.com/42" in recruiter_event.links
    assert recruiter_event.author.handle == world["recruiter"].handle


def test_it_resumes_from_any_cursor_without_duplicates_or_gaps(world: dict[str, Any]) -> None:
    net, seeker = world["net"], world["seeker"]
    # One commit with two candidate posts: the cursor between them must not skip the second.
    batch = seeker.client.com.atproto.repo.apply_writes(
        {
            "repo": seeker.did,
            "writes": [
                {
                    "$type": "com.atproto.repo.applyWrites#create",
                    "collection": "app.bsky.feed.post",
                    "value": {
                        "$type": "app.bsky.feed.post",
                        "text": f"Relance {i} #i4EmploiR #Comptable",
                        "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                    },
                }
                for i in range(2)
            ],
        }
    )
    assert len(batch.results) == 2
    full = read_events(local_adapter(net), "0", world["dids"])
    uris = [e.uri for e, _ in full]
    assert len(uris) == len(set(uris)), "the stream yielded a post twice"
    assert {r.uri for r in batch.results} <= set(uris)
    assert any(":" in c for _, c in full), "a two-post commit should give an intermediate cursor"
    for cut in range(len(full)):
        resumed = [e.uri for e, _ in read_events(local_adapter(net), full[cut][1], world["dids"])]
        assert resumed == uris[cut + 1 :], f"resuming after event {cut} ({full[cut][1]})"


def test_it_reposts_once_from_the_official_account_and_undo_removes_it(world: dict[str, Any]) -> None:
    net, official, uri = world["net"], world["official"], world["uris"]["seeker"]
    adapter = local_adapter(net, official)
    first = adapter.repost(uri)
    second = adapter.repost(uri)
    # A fresh adapter (a restarted worker, empty cache) must find the existing repost too.
    third = local_adapter(net, official).repost(uri)
    assert first == second == third
    assert first.startswith(f"at://{official.did}/app.bsky.feed.repost/")

    def reposters() -> list[str]:
        return [a.id for a in adapter.reposted_by(uri).items]

    assert wait_for("the repost on the AppView", lambda: reposters() or None) == [official.did]
    assert adapter.find_repost(uri) == first

    adapter.undo_repost(uri)
    wait_for("the repost to disappear from the AppView", lambda: not reposters())
    assert adapter.find_repost(uri) is None
    adapter.undo_repost(uri)  # undoing twice is harmless


def test_it_streams_a_deleted_post_as_a_delete_event(world: dict[str, Any]) -> None:
    net, recruiter = world["net"], world["recruiter"]
    uri = post_as(recruiter, "Offre à retirer #i4EmploiR #Lyon")
    noise = post_as(recruiter, "Un message sans rapport")
    reader = local_adapter(net)
    before = read_events(reader, "0", world["dids"])
    assert before[-1][0].uri == uri
    cursor = before[-1][1]
    writer = local_adapter(net, recruiter)
    writer.delete_post(uri)
    writer.delete_post(noise)
    # The reader that saw the post passes its deletion on; the untracked post's deletion is not an event.
    after = read_events(reader, cursor, world["dids"])
    assert [(e.kind, e.uri) for e, _ in after] == [("delete", uri)]
    # A restarted reader (fresh instance, resuming at the cursor) knows the post through the consumer's store.
    restarted = local_adapter(net, known_uri=lambda u: u == uri)
    assert [(e.kind, e.uri) for e, _ in read_events(restarted, cursor, world["dids"])] == [("delete", uri)]
    assert read_events(local_adapter(net), cursor, world["dids"]) == []  # knowing nothing, it reports nothing


def test_it_reads_profiles_and_pages_followers(world: dict[str, Any]) -> None:
    net, seeker, members = world["net"], world["seeker"], world["members"]
    adapter = local_adapter(net)
    profile = wait_for(
        "3 followers on the AppView",
        lambda: (p := adapter.get_profile(seeker.handle)).followers_count == 3 and p,
    )
    assert profile.id == seeker.did and profile.display_name == "Marie"
    assert bio_roles(adapter.get_profile(members[0].did).bio) == (False, True)
    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = adapter.followers(seeker.did, cursor, limit=2)
        seen.extend(a.id for a in page.items)
        pages += 1
        cursor = page.cursor
        if not cursor:
            break
        assert pages < 10
    assert sorted(seen) == sorted(m.did for m in members)
    assert pages >= 2


def test_it_likes_replies_and_posts_an_image_with_alt_text(world: dict[str, Any]) -> None:
    net, official, uri = world["net"], world["official"], world["uris"]["seeker"]
    adapter = local_adapter(net, official)
    assert adapter.like(uri) == adapter.like(uri)
    reply_uri = adapter.reply(uri, "Relayé par le collectif #i4emploi, bon courage !")
    card_uri = adapter.post(
        "Nouvelle demande relayée #i4emploi", image=png_bytes(300, 200), alt="Carte de compétences"
    )

    def view(u: str) -> Any:
        posts = adapter.client.app.bsky.feed.get_posts({"uris": [u]}).posts
        return posts[0] if posts else None

    reply = wait_for("the reply on the AppView", lambda: view(reply_uri))
    assert reply.record.reply.parent.uri == uri and reply.record.reply.root.uri == uri
    card = wait_for("the image post on the AppView", lambda: view(card_uri))
    assert card.embed.images[0].alt == "Carte de compétences"
    assert card.embed.images[0].aspect_ratio.width == 300
    liked = wait_for("the like on the AppView", lambda: (v := view(uri)) and v.like_count == 1 and v)
    assert liked.viewer.like
    counts = adapter.get_post_engagement(uri)
    assert (counts.likes, counts.replies) == (1, 1)


def test_it_declares_the_official_account_a_bot(world: dict[str, Any]) -> None:
    adapter = local_adapter(world["net"], world["official"])
    assert adapter.declare_bot() is True
    assert adapter.declare_bot() is False  # already labelled: nothing rewritten
    record = adapter.client.com.atproto.repo.get_record(
        {"repo": world["official"].did, "collection": "app.bsky.actor.profile", "rkey": "self"}
    ).value
    values = record["labels"]["values"] if isinstance(record, dict) else record.labels.values
    assert [v["val"] if isinstance(v, dict) else v.val for v in values] == ["bot"]
    # The bio written before is kept.
    desc = record["description"] if isinstance(record, dict) else record.description
    assert "#i4emploi" in desc


def test_it_backfills_by_search(world: dict[str, Any]) -> None:
    adapter = local_adapter(world["net"])
    since = datetime.now(UTC) - timedelta(hours=1)
    found = wait_for(
        "search to index both posts",
        lambda: (
            (u := {e.uri for e in adapter.backfill(since=since)})
            >= {world["uris"]["seeker"], world["uris"]["recruiter"]}
            and u
        ),
    )
    assert world["uris"]["noise"] not in found
    seeker_event = next(e for e in adapter.backfill(since=since) if e.uri == world["uris"]["seeker"])
    assert bio_roles(seeker_event.author.bio) == (True, False) and seeker_event.has_image


def test_it_maps_errors_to_retry_or_permanent(world: dict[str, Any]) -> None:
    net = world["net"]
    with pytest.raises(NetworkError) as bad_login:
        BlueskyNetwork(world["seeker"].handle, "wrong-password", service=net.pds_url).repost(
            world["uris"]["seeker"]
        )
    assert bad_login.value.retry is False and bad_login.value.status == 401
    with pytest.raises(NetworkError) as missing:
        local_adapter(net).get_profile("nobody-here.test")
    assert missing.value.retry is False and missing.value.status == 400
    with pytest.raises(NetworkError) as gone:
        local_adapter(net, world["official"]).repost(
            f"at://{world['seeker'].did}/app.bsky.feed.post/3zzzzzzzzzzzz"
        )
    assert gone.value.retry is False and gone.value.status == 404
    dead = BlueskyNetwork(firehose_url="ws://127.0.0.1:9", service="http://127.0.0.1:9")
    with pytest.raises(NetworkError) as down:
        next(iter(dead.stream("0")))
    assert down.value.retry is True
