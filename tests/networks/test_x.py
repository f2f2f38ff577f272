"""X adapter (API v2) over captured payloads written from X's documented objects.

tweepy's only outbound function, `requests.Session.send`, goes to netkit.FakeHTTP: no network.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from colibri.networks.base import NetworkError
from colibri.networks.hashtags import bio_roles
from colibri.networks.ratelimit import RateLimiter
from colibri.networks.registry import configured_networks
from colibri.networks.x import XNetwork, tweet_id

from .netkit import FakeHTTP
from .x_kit import KEYS, MENTIONS, SEARCH


def _net(http: FakeHTTP, **kwargs: Any) -> XNetwork:
    kwargs.setdefault("mentions", False)  # the search alone unless a test reads mentions
    return XNetwork(**KEYS, session=http.session(), **kwargs)


def test_it_reads_recent_search_pages_oldest_first_with_authors_media_and_edits() -> None:
    http = FakeHTTP()
    http.add("GET", SEARCH, payload="x_search_recent_page1.json")
    http.add("GET", SEARCH, payload="x_search_recent_page2.json")
    net = _net(http)
    events = list(net.stream("1858999999999999999"))

    assert [c for _, c in events] == ["1859000000000000000", "1859000000000000002", "1859000000000000003"]
    assert http.calls[0]["params"]["since_id"] == ["1858999999999999999"]
    assert http.calls[1]["params"]["next_token"] == ["b26v89c19zqg8o3fpzbkk0zxd3y7vfo6c7cb2dpo8o6f1"]
    query = http.calls[0]["params"]["query"][0]
    assert "#i4EmploiR" in query and "-is:retweet" in query
    assert http.calls[0]["headers"]["Authorization"] == "Bearer BEARER-secret-1"  # app-only auth for reads

    _, seeker, offer = (e for e, _ in events)
    assert seeker.uri == "x:1859000000000000002" and seeker.kind == "post"
    assert seeker.url == "https://x.com/marie_dupont/status/1859000000000000002"
    assert seeker.links == ("https://www.linkedin.com/in/marie-dupont",)  # the photo's own link is dropped
    assert seeker.has_image and seeker.image_alt == "Compétences : comptabilité, paie, Sage"
    assert seeker.author.followers_count == 312 and bio_roles(seeker.author.bio) == (True, False)
    assert seeker.created_at is not None and seeker.created_at.tzinfo is not None
    # The account's own age (automatic approval's minimum-age rule), asked in the same call.
    assert seeker.author.created_at == datetime(2019, 3, 4, 9, 12, 45, tzinfo=UTC)
    assert "created_at" in http.calls[0]["params"]["user.fields"][0].split(",")
    assert offer.kind == "update"  # an edited post (edit history of two ids)
    assert offer.links == ("https://jobs.example.com/42",)


def test_it_reads_a_single_page_on_first_run_and_prices_the_reads() -> None:
    http = FakeHTTP().add("GET", SEARCH, payload="x_search_recent_page1.json")
    net = _net(http)
    assert len(list(net.stream(None))) == 2
    assert len(http.calls) == 1 and "since_id" not in http.calls[0]["params"]
    usage = net.usage()
    assert usage["units"] == {"post_read": 2, "user_read": 2}
    assert usage["total_usd"] == pytest.approx(
        2 * net.cost_estimate("post_read") + 2 * net.cost_estimate("user_read")
    )
    assert net.cost_estimate("post_create", 3) == pytest.approx(3 * net.costs_usd["post_create"])


def test_it_reposts_once_undoes_likes_replies_and_posts_with_user_auth() -> None:
    http = FakeHTTP()
    http.add("GET", r"/2/users/me", payload="x_me.json")
    http.add("POST", r"/2/users/2244994945/retweets", payload="x_retweet.json")
    http.add("DELETE", r"/2/users/2244994945/retweets/1859000000000000002", payload="x_unretweet.json")
    http.add("POST", r"/2/users/2244994945/likes", payload="x_like.json")
    http.add("POST", r"/2/tweets", payload="x_create_tweet.json")
    http.add("POST", r"/2/media/upload", payload="x_media_upload.json")
    http.add("POST", r"/2/media/metadata", json_body={"data": {"id": "1880028106020515840"}})
    net = _net(http)
    uri = "https://x.com/marie_dupont/status/1859000000000000002"
    assert net.repost(uri) == net.repost("x:1859000000000000002") == "retweet:1859000000000000002"
    assert sum(1 for c in http.calls if c["path"].endswith("/retweets")) == 1
    assert json.loads(http.calls[1]["body"]) == {"tweet_id": "1859000000000000002"}
    assert http.calls[1]["headers"]["Authorization"].startswith("OAuth ")  # user context, not the bearer
    net.undo_repost(uri)
    assert net.find_repost(uri) is None
    net.like(uri)
    assert net.reply(uri, "Bon courage !") == "x:1859000000000000999"
    assert net.post("Nouvelle demande #i4emploi", image=b"\x89PNG fake", alt="Carte de compétences")
    tweets = [json.loads(c["body"]) for c in http.calls if c["path"] == "/2/tweets"]
    assert tweets[0]["reply"] == {"in_reply_to_tweet_id": "1859000000000000002"}
    assert tweets[1]["media"] == {"media_ids": ["1880028106020515840"]}
    alt = next(json.loads(c["body"]) for c in http.calls if c["path"] == "/2/media/metadata")
    assert alt == {"id": "1880028106020515840", "metadata": {"alt_text": {"text": "Carte de compétences"}}}
    assert net.usage()["units"]["repost"] == 1


def test_it_pages_followers() -> None:
    http = FakeHTTP()
    http.add("GET", r"/2/users/4002/followers", payload="x_followers.json")
    http.add("GET", r"/2/users/4002/followers", json_body={"meta": {"result_count": 0}})
    net = _net(http)
    first = net.followers("4002")
    assert [a.handle for a in first.items] == ["alice_b", "bob_c"] and first.cursor == "DFEDBNRFT3MHCZZZ"
    assert bio_roles(first.items[0].bio) == (False, True)
    assert net.followers("4002", first.cursor).cursor is None
    assert http.calls[-1]["params"]["pagination_token"] == ["DFEDBNRFT3MHCZZZ"]


def test_it_maps_429_with_reset_header_5xx_and_401() -> None:
    reset = str(int(time.time()) + 300)
    http = FakeHTTP()
    http.add("GET", SEARCH, payload="x_error_429.json", status=429, headers={"x-rate-limit-reset": reset})
    http.add("GET", SEARCH, payload="x_error_503.json", status=503)
    http.add("GET", r"/2/users/by/username/nobody", payload="x_error_401.json", status=401)
    net = _net(http)
    with pytest.raises(NetworkError) as limited:
        list(net.stream("1"))
    assert limited.value.retry and limited.value.status == 429
    assert limited.value.retry_after is not None and 290 <= limited.value.retry_after <= 301
    with pytest.raises(NetworkError) as down:
        list(net.stream("1"))
    assert down.value.retry and down.value.status == 503
    with pytest.raises(NetworkError) as denied:
        net.get_profile("nobody")
    assert not denied.value.retry and denied.value.status == 401


def test_it_stops_at_fifty_reposts_per_fifteen_minutes_before_x_does() -> None:
    http = FakeHTTP()
    http.add("GET", r"/2/users/me", payload="x_me.json")
    http.add("POST", r"/2/users/2244994945/retweets", payload="x_retweet.json")
    now = [0.0]
    net = _net(http, limiter=RateLimiter(clock=lambda: now[0]))
    for i in range(50):
        net.repost(f"x:{1000 + i}")
    with pytest.raises(NetworkError) as caught:
        net.repost("x:2000")
    assert caught.value.retry and caught.value.retry_after == pytest.approx(18.0)  # one token per 900/50 s
    assert sum(1 for c in http.calls if c["path"].endswith("/retweets")) == 50
    now[0] = 18.0
    net.repost("x:2000")


def test_it_parses_post_ids_from_uris_and_urls() -> None:
    assert tweet_id("x:123") == tweet_id("https://x.com/a/status/123?s=20") == tweet_id("123") == "123"
    with pytest.raises(NetworkError):
        tweet_id("https://x.com/a")


def test_it_is_off_unless_keys_are_set_and_never_prints_them(caplog: pytest.LogCaptureFixture) -> None:
    class Settings:
        X_BEARER_TOKEN = ""

    assert configured_networks(Settings()) == []
    Settings.X_BEARER_TOKEN = KEYS["bearer_token"]
    (net,) = configured_networks(Settings())
    assert isinstance(net, XNetwork)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("%r %s", net, net)
    for value in KEYS.values():
        assert value not in caplog.text


def test_it_pages_who_reposted_a_post_and_bills_the_users_read() -> None:
    http = FakeHTTP()
    http.add("GET", r"/2/tweets/1859000000000000002/retweeted_by", payload="x_followers.json")
    net = _net(http)
    page = net.reposted_by("x:1859000000000000002")
    assert [a.id for a in page.items] == ["5001", "5002"] and page.cursor == "DFEDBNRFT3MHCZZZ"
    assert net.usage()["units"] == {"user_read": 2}


def test_it_reads_a_posts_public_metrics() -> None:
    metrics = {"retweet_count": 12, "reply_count": 3, "like_count": 40, "quote_count": 1, "bookmark_count": 2}
    http = FakeHTTP().add(
        "GET",
        r"/2/tweets/1859000000000000002",
        json_body={"data": {"id": "1859000000000000002", "public_metrics": metrics}},
    )
    counts = _net(http).get_post_engagement("x:1859000000000000002")
    assert (counts.reposts, counts.likes, counts.replies, counts.quotes) == (12, 40, 3, 1)


# --- mentions: replies that carry no hashtag ---------------------------------------------------------


def _mentions_http() -> FakeHTTP:
    http = FakeHTTP()
    http.add("GET", SEARCH, payload="x_search_recent_empty.json")
    http.add("GET", r"/2/users/me", payload="x_me.json")
    http.add("GET", MENTIONS, payload="x_mentions.json")
    return http


def test_it_reads_mentions_that_reply_as_reply_only_events() -> None:
    http = _mentions_http()
    net = _net(http, mentions=True)
    events = list(net.stream("1859000000000000003"))

    assert [(e.uri, e.reply_to) for e, _ in events] == [
        ("x:1859000000000001201", "x:1859000000000000002"),  # marie under her own post, naming us
        ("x:1859000000000001202", "x:1859000000000000999"),  # marie under the official reply
    ]  # bob's mention answers nothing: passed over
    stop = events[1][0]
    assert stop.reply_only and stop.text == "@collectif_i4e Stop, merci pour tout !"
    assert (stop.author.id, stop.author.handle) == ("4002", "marie_dupont")
    assert [json.loads(c) for _, c in events] == [
        {"search": "1859000000000000003", "mentions": "1859000000000001201"},
        {"search": "1859000000000000003", "mentions": "1859000000000001202"},
    ]
    asked = next(c for c in http.calls if c["path"] == MENTIONS)
    assert "since_id" not in asked["params"]  # first run: the newest page only
    assert "referenced_tweets" in asked["params"]["tweet.fields"][0]
    assert asked["headers"]["Authorization"].startswith("OAuth ")  # the official account's own mentions
    assert net.usage()["units"]["post_read"] == 3


def test_it_resumes_mentions_from_the_cursor_and_reads_them_at_most_every_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr("colibri.networks.x.time.monotonic", lambda: clock[0])
    http = _mentions_http()
    net = _net(http, mentions=True, mention_interval=90.0)

    def mention_reads() -> list[dict[str, Any]]:
        return [c for c in http.calls if c["path"] == MENTIONS]

    cursor = json.dumps({"search": "1859000000000000003", "mentions": "1859000000000001200"})
    first = list(net.stream(cursor))
    assert [e.uri for e, _ in first] == ["x:1859000000000001201", "x:1859000000000001202"]
    assert mention_reads()[0]["params"]["since_id"] == ["1859000000000001200"]
    clock[0] += 30
    assert list(net.stream(first[-1][1])) == []  # too soon: the search only
    assert len(mention_reads()) == 1
    clock[0] += 61
    http.add("GET", MENTIONS, json_body={"meta": {"result_count": 0}})
    assert list(net.stream(first[-1][1])) == []
    assert len(mention_reads()) == 2
    assert mention_reads()[1]["params"]["since_id"] == ["1859000000000001202"]


def test_a_bare_search_cursor_still_reads_and_a_bad_one_is_refused() -> None:
    from colibri.networks.x import dump_cursor, parse_cursor

    assert parse_cursor("1859000000000000003") == {"search": "1859000000000000003"}
    assert dump_cursor({"search": "5"}) == "5"
    assert parse_cursor(dump_cursor({"search": "5", "mentions": "7"})) == {"search": "5", "mentions": "7"}
    with pytest.raises(NetworkError) as bad:
        parse_cursor("not a cursor")
    assert bad.value.retry is False


def test_a_429_on_mentions_is_a_retry_error_after_the_search_events() -> None:
    reset = str(int(time.time()) + 600)
    http = FakeHTTP()
    http.add("GET", SEARCH, payload="x_search_recent_page1.json")
    http.add("GET", r"/2/users/me", payload="x_me.json")
    http.add("GET", MENTIONS, payload="x_error_429.json", status=429, headers={"x-rate-limit-reset": reset})
    got: list[str] = []
    with pytest.raises(NetworkError) as limited:
        for event, _ in _net(http, mentions=True).stream("1858999999999999999"):
            got.append(event.uri)
    assert len(got) == 2  # the search's events came first, with their own cursors
    assert limited.value.retry and limited.value.status == 429 and limited.value.retry_after is not None


def test_mentions_are_on_with_user_context_keys_only() -> None:
    assert XNetwork(**KEYS).mentions is True
    assert XNetwork(bearer_token="BEARER-only").mentions is False
