"""Mastodon adapter over captured API payloads (written from Mastodon's documented entities).

The only outbound HTTP function, `requests.Session.send`, goes to a fake transport (netkit.FakeHTTP):
no network, real Mastodon.py parsing, pagination and error handling.
"""

from __future__ import annotations

import copy
import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

import pytest

from colibri.networks.base import NetworkError
from colibri.networks.hashtags import bio_roles
from colibri.networks.mastodon import MastodonNetwork, event_from_streaming, html_to_text
from colibri.networks.ratelimit import RateLimiter

from .netkit import FakeHTTP, load_payload

BASE = "https://mastodon.example"
TOKEN = "tok-SECRET-abc123"
TAG_PATH = r"/api/v1/timelines/tag/(i4EmploiR|i4emploi)"
NOTIFICATIONS = r"/api/v1/notifications"


def _net(http: FakeHTTP, **kwargs: Any) -> MastodonNetwork:
    # Mastodon.py reads the instance's version before version-dependent calls, as against a real server.
    http.add("GET", r"/api/v1/instance/?", payload="mastodon_instance_v1.json")
    http.add("GET", r"/api/v2/instance/?", payload="mastodon_instance_v2.json")
    if not any(pattern.pattern == NOTIFICATIONS for _m, pattern, _a in http._routes):
        http.add("GET", NOTIFICATIONS, json_body=[])  # no mention unless the test says so
    return MastodonNetwork(BASE, TOKEN, session=http.session(), **kwargs)


def _status(sid: str, text: str = "#i4EmploiR", **changes: Any) -> dict[str, Any]:
    status = copy.deepcopy(load_payload("mastodon_hashtag_page.json")[1])
    status.update(
        {"id": sid, "uri": f"https://piaille.fr/users/marie/statuses/{sid}", "content": f"<p>{text}</p>"}
    )
    status.update(changes)
    return status


def test_it_turns_statuses_into_events_with_text_media_links_and_edits() -> None:
    http = FakeHTTP().add("GET", TAG_PATH, payload="mastodon_hashtag_page.json")
    events = [e for e, _ in _net(http, hashtags=["#i4EmploiR"]).stream(None)]

    assert [e.uri for e in events] == [  # oldest first, whatever order the API answered in
        "https://piaille.fr/users/marie/statuses/113500000000000001",
        "https://rh.social/users/cabinet/statuses/113500000000000002",
    ]
    seeker, offer = events
    assert seeker.kind == "post" and offer.kind == "update"  # edited_at set: an edit
    assert seeker.text.startswith(
        "#PleaseRT Je cherche un poste de #Comptable en CDI à #Lyon\nMerci @collectif !"
    )
    assert "Mon profil : https://www.linkedin.com/in/marie-dupont #i4EmploiR" in seeker.text
    assert seeker.links == ("https://www.linkedin.com/in/marie-dupont",)  # hashtag and mention links dropped
    assert seeker.has_image and seeker.image_alt == "Compétences : comptabilité générale, paie, Sage"
    assert seeker.image_urls[0].endswith("/original/skills.png")
    assert seeker.author.handle == "marie@piaille.fr" and seeker.author.followers_count == 312
    assert bio_roles(seeker.author.bio) == (True, False)
    assert seeker.created_at == datetime(2026, 11, 20, 18, 4, tzinfo=UTC)
    assert seeker.url == "https://piaille.fr/@marie/113500000000000001"
    assert "H/F en CDI & à Lyon" in offer.text  # entities unescaped


def test_it_polls_forward_with_min_id_and_resumes_from_its_cursor() -> None:
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[_status("105"), _status("103")])  # newest page, first run
    net = _net(http, hashtags=["#i4EmploiR"])
    first = list(net.stream(None))
    assert [e.uri.rsplit("/", 1)[1] for e, _ in first] == ["103", "105"]
    cursor = first[-1][1]
    assert json.loads(cursor) == {"i4emploir": "105"}

    # Two pages after the cursor (a burst), then an empty page: nothing skipped, nothing repeated.
    http.add("GET", TAG_PATH, json_body=[_status("108"), _status("107")])
    http.add("GET", TAG_PATH, json_body=[_status("109")])
    http.add("GET", TAG_PATH, json_body=[])
    resumed = list(net.stream(cursor))
    assert [e.uri.rsplit("/", 1)[1] for e, _ in resumed] == ["107", "108", "109"]
    asked = [c["params"].get("min_id") for c in http.calls if "/timelines/tag/" in c["path"]][1:]
    assert asked == [["105"], ["108"], ["109"]]
    # A restart from the cursor after the 2nd event resumes after it.
    assert json.loads(resumed[1][1]) == {"i4emploir": "108"}


def test_it_yields_a_status_with_two_tracked_hashtags_once() -> None:
    both = _status("200", "#i4EmploiR #i4emploi")
    http = FakeHTTP().add("GET", TAG_PATH, json_body=[both])
    events = list(_net(http).stream(json.dumps({"i4emploir": "1", "i4emploi": "1"})))
    assert [e.uri for e, _ in events] == [both["uri"]]
    assert json.loads(events[0][1]) == {"i4emploi": "200", "i4emploir": "200"}


def test_it_maps_streaming_updates_edits_and_deletions() -> None:
    status = load_payload("mastodon_hashtag_page.json")[1]
    post = event_from_streaming("update", status)
    edit = event_from_streaming("status.update", status)
    gone = event_from_streaming("delete", "113500000000000001", instance=BASE)
    assert post is not None and post.kind == "post"
    assert post.author.created_at is not None and post.author.created_at.tzinfo is not None
    assert edit is not None and edit.kind == "update" and edit.uri == post.uri
    assert gone is not None and gone.kind == "delete" and gone.raw == {"id": "113500000000000001"}
    assert event_from_streaming("notification", {}) is None


def test_it_reads_a_profile_and_pages_followers_with_link_headers() -> None:
    http = FakeHTTP()
    http.add("GET", r"/api/v1/accounts/lookup", payload="mastodon_account.json")
    http.add(
        "GET",
        r"/api/v1/accounts/109302/followers",
        payload="mastodon_followers.json",
        headers={
            "Link": f'<{BASE}/api/v1/accounts/109302/followers?limit=2&max_id=7301>; rel="next", '
            f'<{BASE}/api/v1/accounts/109302/followers?limit=2&since_id=7400>; rel="prev"'
        },
    )
    http.add(
        "GET", r"/api/v1/accounts/109302/followers", json_body=[load_payload("mastodon_followers.json")[0]]
    )
    net = _net(http)
    profile = net.get_profile("@marie@piaille.fr")
    assert (profile.id, profile.display_name, profile.followers_count) == ("109302", "Marie Dupont", 312)
    assert "#i4EmploiR" in profile.bio and bio_roles(profile.bio) == (True, False)
    # The account's own age (automatic approval's minimum-age rule), from the account object.
    assert profile.created_at == datetime(2023, 2, 14, tzinfo=UTC)

    first = net.followers("109302", limit=2)
    assert [a.handle for a in first.items] == ["alice", "bob@framapiaf.org"]
    assert bio_roles(first.items[0].bio) == (False, True)
    assert first.cursor == "7301"
    second = net.followers("109302", first.cursor, limit=2)
    assert second.cursor is None
    assert http.calls[-1]["params"]["max_id"] == ["7301"]


def test_it_boosts_once_and_unboosts_only_a_boosted_status() -> None:
    uri = "https://piaille.fr/users/marie/statuses/113500000000000001"
    http = FakeHTTP()
    http.add(
        "GET", r"/api/v2/search", json_body={"accounts": [], "hashtags": [], "statuses": [_status("77")]}
    )
    http.add("GET", r"/api/v1/statuses/77", json_body=_status("77", reblogged=False))
    http.add("GET", r"/api/v1/statuses/77", json_body=_status("77", reblogged=True))
    http.add("POST", r"/api/v1/statuses/77/reblog", json_body=_status("78", reblog=_status("77")))
    http.add("POST", r"/api/v1/statuses/77/unreblog", json_body=_status("77", reblogged=False))
    net = _net(http)
    assert net.repost(uri) == net.repost(uri) == "reblog:77"
    assert net.find_repost(uri) == "reblog:77"
    net.undo_repost(uri)
    writes = [(c["method"], c["path"]) for c in http.calls if c["method"] == "POST"]
    assert writes == [("POST", "/api/v1/statuses/77/reblog"), ("POST", "/api/v1/statuses/77/unreblog")]
    assert sum(1 for c in http.calls if c["path"] == "/api/v2/search") == 1  # resolved once, then cached


def test_it_sends_replies_direct_messages_and_media_posts() -> None:
    http = FakeHTTP()
    http.add("POST", r"/api/v1/statuses", json_body=_status("900"))
    http.add("POST", r"/api/v2/media", json_body={"id": "555", "type": "image", "url": "https://x/y.png"})
    net = _net(http)
    net.send_direct_message("marie@piaille.fr", "Votre demande est relayée.")
    net.post("Nouvelle demande #i4emploi", image=b"\x89PNG\r\n\x1a\n" + b"0" * 20, alt="Carte")
    net.reply("42", "Bon courage !")
    statuses = [parse_qs(c["body"]) for c in http.calls if c["path"] == "/api/v1/statuses"]
    assert statuses[0]["visibility"] == ["direct"]
    assert statuses[0]["status"] == ["@marie@piaille.fr Votre demande est relayée."]
    media = next(c for c in http.calls if c["path"] == "/api/v2/media")
    assert 'name="description"' in media["body"] and "Carte" in media["body"] and "image/png" in media["body"]
    assert statuses[1]["media_ids[]"] == ["555"] and statuses[1]["status"] == ["Nouvelle demande #i4emploi"]
    assert statuses[2]["in_reply_to_id"] == ["42"]


@pytest.mark.parametrize(
    ("status", "payload", "retry"),
    [(401, "mastodon_error_401.json", False), (404, "mastodon_error_404.json", False), (503, None, True)],
)
def test_it_maps_http_errors_to_network_errors(status: int, payload: str | None, retry: bool) -> None:
    http = FakeHTTP().add(
        "GET", r"/api/v1/accounts/lookup", payload=payload, json_body={"error": "x"}, status=status
    )
    with pytest.raises(NetworkError) as caught:
        _net(http).get_profile("marie")
    assert caught.value.retry is retry and caught.value.status == status


def test_it_retries_a_429_after_the_rate_limit_reset_and_paces_itself() -> None:
    reset = (datetime.now(UTC) + timedelta(seconds=120)).isoformat().replace("+00:00", "Z")
    http = FakeHTTP().add(
        "GET",
        r"/api/v1/accounts/lookup",
        payload="mastodon_error_429.json",
        status=429,
        headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
    )
    limiter = RateLimiter()
    net = _net(http, limiter=limiter)
    with pytest.raises(NetworkError) as caught:
        net.get_profile("marie")
    assert caught.value.retry is True and caught.value.status == 429
    assert caught.value.retry_after is not None and 100 < caught.value.retry_after <= 121
    # The server said 0 left: the local bucket now refuses before sending anything.
    sent = len(http.calls)
    with pytest.raises(NetworkError) as local:
        net.get_profile("marie")
    assert local.value.retry is True and len(http.calls) == sent


def test_it_never_logs_or_prints_its_token(caplog: pytest.LogCaptureFixture) -> None:
    http = FakeHTTP().add("GET", r"/api/v1/accounts/lookup", payload="mastodon_error_401.json", status=401)
    net = _net(http)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("test").info("adapter %r / %s", net, net)
    with pytest.raises(NetworkError) as caught:
        net.get_profile("marie")
    assert TOKEN not in caplog.text and TOKEN not in repr(net) and TOKEN not in str(caught.value)
    assert http.calls[0]["headers"]["Authorization"] == f"Bearer {TOKEN}"  # it is sent, only there


def test_it_converts_html_paragraphs_and_breaks() -> None:
    text, links = html_to_text('<p>a<br>b</p><p>c <a href="https://ex.com/x">ex.com/x</a></p>')
    assert text == "a\nb\n\nc ex.com/x" and links == ["https://ex.com/x"]


def test_the_official_account_flags_itself_as_a_bot_before_its_first_write() -> None:
    account = load_payload("mastodon_account.json")
    http = FakeHTTP()
    http.add("GET", r"/api/v1/accounts/verify_credentials", json_body={**account, "bot": False})
    http.add("PATCH", r"/api/v1/accounts/update_credentials", json_body={**account, "bot": True})
    http.add("POST", r"/api/v1/statuses", json_body=_status("901"))
    net = _net(http, bot=True)
    net.post("Nouvelle demande #i4emploi")
    net.post("Encore une #i4emploi")
    paths = [c["path"] for c in http.calls if "instance" not in c["path"]]
    assert paths == [
        "/api/v1/accounts/verify_credentials",
        "/api/v1/accounts/update_credentials",
        "/api/v1/statuses",
        "/api/v1/statuses",
    ]
    update = next(c for c in http.calls if c["path"].endswith("update_credentials"))
    assert parse_qs(update["body"])["bot"] in (["1"], ["True"], ["true"])


def test_it_lists_who_boosted_a_status() -> None:
    http = FakeHTTP()
    http.add("GET", r"/api/v1/statuses/77/reblogged_by", payload="mastodon_followers.json")
    page = _net(http).reposted_by("77")
    assert [a.handle for a in page.items] == ["alice", "bob@framapiaf.org"] and page.cursor is None


def test_it_reads_a_statuss_engagement_counts() -> None:
    http = FakeHTTP().add(
        "GET", r"/api/v1/statuses/77", json_body=_status("77", reblogs_count=4, favourites_count=9)
    )
    counts = _net(http).get_post_engagement("77")
    assert (counts.reposts, counts.likes, counts.replies) == (4, 9, 1)


# --- mentions: replies that carry no hashtag ---------------------------------------------------------

MARIE_POST = "https://piaille.fr/users/marie/statuses/113500000000000001"
OFFICIAL_REPLY_URI = "https://mastodon.example/users/collectif/statuses/113500000000000500"


def _mentions_http() -> FakeHTTP:
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", NOTIFICATIONS, payload="mastodon_notifications_mentions.json")
    http.add("GET", r"/api/v1/statuses/113500000000000500", payload="mastodon_status_official_reply.json")
    http.add("GET", r"/api/v1/statuses/113500000000000001", json_body=_status("113500000000000001"))
    return http


def test_it_turns_mentions_that_reply_into_events_with_the_parent_uri() -> None:
    http = _mentions_http()
    events = list(_net(http, hashtags=["#i4EmploiR"]).stream(json.dumps({"i4emploir": "5"})))

    # Oldest first; bob's mention answers nothing and is passed over.
    assert [(e.uri.rsplit("/", 1)[1], e.reply_to) for e, _ in events] == [
        ("113500000000000901", MARIE_POST),  # marie answering her own post, naming the collective
        ("113500000000000902", OFFICIAL_REPLY_URI),  # marie answering the collective's reply
    ]
    stop = events[1][0]
    assert stop.kind == "post" and stop.network == "mastodon"
    assert stop.text == "@collectif Stop, merci pour tout !"
    assert (stop.author.id, stop.author.handle) == ("109302", "marie@piaille.fr")
    assert stop.created_at == datetime(2026, 11, 22, 9, 9, 59, tzinfo=UTC)
    # Each cursor keeps the hashtag position and moves the mentions one to that notification.
    assert [json.loads(c) for _, c in events] == [
        {"i4emploir": "5", "@mentions": "9001"},
        {"i4emploir": "5", "@mentions": "9002"},
    ]
    asked = next(c for c in http.calls if c["path"] == "/api/v1/notifications")
    assert asked["params"]["types[]"] == ["mention"] and "min_id" not in asked["params"]  # first run


def test_it_pages_mentions_forward_from_its_cursor_without_gaps() -> None:
    by_id = {n["id"]: n for n in load_payload("mastodon_notifications_mentions.json")}
    http = _mentions_http()
    # Two pages after the cursor, then an empty page (Mastodon answers newest first within a page).
    http.add("GET", NOTIFICATIONS, json_body=[by_id["9002"], by_id["9001"]])
    http.add("GET", NOTIFICATIONS, json_body=[by_id["9003"]])
    http.add("GET", NOTIFICATIONS, json_body=[])
    net = _net(http, hashtags=["#i4EmploiR"], page_limit=2)
    # The first answer queued by _mentions_http (the whole payload) serves a first run.
    list(net.stream(json.dumps({"i4emploir": "5"})))
    events = list(net.stream(json.dumps({"i4emploir": "5", "@mentions": "9000"})))
    assert [e.uri.rsplit("/", 1)[1] for e, _ in events] == ["113500000000000901", "113500000000000902"]
    asked = [c["params"].get("min_id") for c in http.calls if c["path"] == "/api/v1/notifications"][1:]
    assert asked == [["9000"], ["9002"], ["9003"]]


def test_it_yields_a_reply_seen_in_a_hashtag_timeline_and_in_mentions_once() -> None:
    by_id = {n["id"]: n for n in load_payload("mastodon_notifications_mentions.json")}
    tagged = copy.deepcopy(by_id["9002"]["status"])
    tagged["content"] = tagged["content"].replace("Stop", "Stop #i4EmploiR")
    http = _mentions_http()
    http.add("GET", TAG_PATH, json_body=[tagged])
    http.add("GET", TAG_PATH, json_body=[])
    notification = {**by_id["9002"], "status": tagged}
    http.add("GET", NOTIFICATIONS, json_body=[notification])
    http.add("GET", NOTIFICATIONS, json_body=[])
    net = _net(http, hashtags=["#i4EmploiR"])
    list(net.stream(None))  # uses up the first answers queued by _mentions_http
    events = list(net.stream(json.dumps({"i4emploir": "5", "@mentions": "9000"})))
    assert [e.uri for e, _ in events] == [tagged["uri"]]
    assert events[0][0].reply_to == OFFICIAL_REPLY_URI


def test_it_raises_a_retry_error_when_a_mentions_parent_is_briefly_unreachable() -> None:
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", NOTIFICATIONS, payload="mastodon_notifications_mentions.json")
    http.add("GET", r"/api/v1/statuses/113500000000000001", json_body={"error": "busy"}, status=503)
    net = _net(http, hashtags=["#i4EmploiR"])
    with pytest.raises(NetworkError) as caught:
        list(net.stream(json.dumps({"i4emploir": "5"})))
    # Nothing was yielded past the failing mention: the ingest resumes from its saved cursor.
    assert caught.value.retry is True and caught.value.status == 503


def test_it_passes_over_a_mention_whose_parent_is_gone() -> None:
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", NOTIFICATIONS, payload="mastodon_notifications_mentions.json")
    http.add("GET", r"/api/v1/statuses/113500000000000001", payload="mastodon_error_404.json", status=404)
    http.add("GET", r"/api/v1/statuses/113500000000000500", payload="mastodon_status_official_reply.json")
    events = list(_net(http, hashtags=["#i4EmploiR"]).stream(json.dumps({"i4emploir": "5"})))
    assert [e.reply_to for e, _ in events] == [OFFICIAL_REPLY_URI]


def test_it_maps_a_429_on_notifications_to_a_retry_error_with_its_reset() -> None:
    reset = (datetime.now(UTC) + timedelta(seconds=60)).isoformat().replace("+00:00", "Z")
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[])
    http.add(
        "GET",
        NOTIFICATIONS,
        payload="mastodon_error_429.json",
        status=429,
        headers={"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
    )
    with pytest.raises(NetworkError) as caught:
        list(_net(http, hashtags=["#i4EmploiR"]).stream(None))
    assert caught.value.retry is True and caught.value.status == 429
    assert caught.value.retry_after is not None and 40 < caught.value.retry_after <= 61


def test_it_can_leave_mentions_alone() -> None:
    http = FakeHTTP().add("GET", TAG_PATH, json_body=[])
    assert list(_net(http, hashtags=["#i4EmploiR"], mentions=False).stream(None)) == []
    assert not any(c["path"] == "/api/v1/notifications" for c in http.calls)


# --- self-replies under watched posts (no mention, no hashtag) ----------------------------------------


def test_it_reads_the_authors_own_answers_under_watched_posts_every_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr("colibri.networks.mastodon.time.monotonic", lambda: clock[0])
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[])
    http.add(
        "GET",
        r"/api/v2/search",
        json_body={"accounts": [], "hashtags": [], "statuses": [_status("113500000000000001")]},
    )
    context = r"/api/v1/statuses/113500000000000001/context"
    http.add("GET", context, payload="mastodon_status_context.json")
    net = _net(http, hashtags=["#i4EmploiR"], context_interval=900.0)
    net.watched_posts = lambda: [MARIE_POST]
    cursor = json.dumps({"i4emploir": "5"})

    events = list(net.stream(cursor))
    # Only marie's direct answer to her own post: not bob's, not hers to bob.
    assert [(e.uri.rsplit("/", 1)[1], e.reply_to, e.reply_only) for e, _ in events] == [
        ("113500000000000950", MARIE_POST, True)
    ]
    assert json.loads(events[0][1]) == {"i4emploir": "5"}  # no position of its own
    assert events[0][0].author.id == "109302"

    def reads() -> int:
        return sum(1 for c in http.calls if c["path"].endswith("/context"))

    clock[0] += 60
    assert list(net.stream(cursor)) == [] and reads() == 1  # not due yet
    clock[0] += 900
    assert list(net.stream(cursor)) == [] and reads() == 2  # read again, nothing yielded twice


def test_a_watched_post_that_is_gone_becomes_a_deletion_and_a_5xx_is_retried() -> None:
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", r"/api/v1/statuses/41/context", payload="mastodon_error_404.json", status=404)
    http.add("GET", r"/api/v1/statuses/42/context", json_body={"error": "busy"}, status=502)
    net = _net(http, hashtags=["#i4EmploiR"])
    net.watched_posts = lambda: ["41", "42"]
    seen = []
    with pytest.raises(NetworkError) as caught:
        for event, _cursor in net.stream(None):
            seen.append(event)
    assert caught.value.retry is True
    assert [(e.kind, e.uri, e.raw) for e in seen] == [("delete", "41", {"id": "41"})]
    asked = [c["path"] for c in http.calls if c["path"].endswith("/context")]
    assert asked == ["/api/v1/statuses/41/context", "/api/v1/statuses/42/context"]


def test_a_watched_post_that_cannot_be_resolved_is_not_taken_for_deleted() -> None:
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[])
    http.add("GET", r"/api/v2/search", json_body={"accounts": [], "hashtags": [], "statuses": []})
    net = _net(http, hashtags=["#i4EmploiR"])
    net.watched_posts = lambda: [MARIE_POST]
    assert list(net.stream(None)) == []


def test_a_timeline_reply_whose_parent_is_briefly_unreachable_is_read_again() -> None:
    reply = _status("300", "Stop #i4EmploiR", in_reply_to_id="299")
    http = FakeHTTP()
    http.add("GET", TAG_PATH, json_body=[reply])
    http.add("GET", r"/api/v1/statuses/299", json_body={"error": "busy"}, status=503)
    http.add("GET", r"/api/v1/statuses/299", json_body=_status("299"))
    net = _net(http, hashtags=["#i4EmploiR"])
    with pytest.raises(NetworkError) as caught:
        list(net.stream(json.dumps({"i4emploir": "1"})))
    assert caught.value.retry is True
    [(event, _)] = list(net.stream(json.dumps({"i4emploir": "1"})))
    assert event.reply_to == "https://piaille.fr/users/marie/statuses/299"
