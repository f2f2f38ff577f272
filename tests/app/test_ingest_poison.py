"""Poison input at ingest: one malformed event is recorded as skipped and never blocks the next one.

Each test feeds the exact hostile input of issue 17 through a replay file, the way a captured
stream reaches `colibri ingest`, and runs on SQLite and (with DATABASE_URL) PostgreSQL alike.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from colibri.networks import sanitize
from colibri.networks.replay import ReplayNetwork
from colibri.relay import ingest as ingest_module
from colibri.relay.ingest import Ingestor
from colibri.relay.models import AuditLog, IngestCursor, NetworkAccount, Post, Request

SEEKER = "#PleaseRT Je cherche un poste de #Comptable en CDI sur #Lyon #i4EmploiR"


def _line(n: int, **over: Any) -> dict[str, Any]:
    author = {
        "id": f"did:plc:poison{n}",
        "handle": f"p{n}.bsky.social",
        "display_name": "Marie",
        "bio": "Comptable #i4EmploiR",
        "followers_count": 10,
    }
    author.update(over.pop("author", {}))
    data = {
        "kind": "post",
        "network": "bluesky",
        "uri": f"at://did:plc:poison{n}/app.bsky.feed.post/{n}",
        "author": author,
        "text": SEEKER,
        "created_at": "2026-11-20T18:00:00+00:00",
    }
    data.update(over)
    return data


def _write(path: Path, *lines: dict[str, Any] | bytes) -> Path:
    with path.open("wb") as fh:
        for line in lines:
            fh.write(line if isinstance(line, bytes) else json.dumps(line).encode())
            fh.write(b"\n")
    return path


def _run(path: Path) -> Any:
    return Ingestor([ReplayNetwork(path)], load_index=False).run()


def _skipped() -> list[dict[str, Any]]:
    return [row.details for row in AuditLog.objects.filter(action="ingest_event_skipped").order_by("id")]


@pytest.mark.django_db
def test_it_never_stores_dates_out_of_range_and_the_queue_still_shows_the_rows(
    tmp_path: Path, client: Any, moderator: Any
) -> None:
    path = _write(
        tmp_path / "dates.jsonl",
        _line(1, created_at="9999-12-31T23:59:59-12:00"),
        _line(2, created_at="0001-01-01T00:00:00+00:00"),
        _line(3, created_at="9999-12-31T23:59:59+00:00"),
        _line(4),
    )
    stats = _run(path)
    assert stats.posts == 4 and stats.skipped == 0
    dates = dict(Post.objects.values_list("uri", "posted_at"))
    assert [dates[_line(n)["uri"]] for n in (1, 2, 3)] == [None, None, None]  # unknown, not year 1 / 9999
    assert dates[_line(4)["uri"]] is not None
    client.force_login(moderator)
    assert client.get("/").status_code == 200
    for r in Request.objects.all():
        assert client.get(reverse("request_detail", args=[r.pk])).status_code == 200


@pytest.mark.django_db
def test_it_clamps_follower_counts_and_keeps_reading(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "followers.jsonl",
        _line(1, author={"followers_count": -5}),
        _line(2, author={"followers_count": 10**30}),
        _line(3),
    )
    stats = _run(path)
    assert stats.posts == 3 and stats.skipped == 0
    counts = dict(NetworkAccount.objects.values_list("remote_id", "followers_count"))
    assert counts == {"did:plc:poison1": 0, "did:plc:poison2": 2**31 - 1, "did:plc:poison3": 10}
    assert IngestCursor.objects.get(source="replay:followers.jsonl").cursor == "3"


@pytest.mark.django_db
def test_it_records_any_failure_to_store_an_event_as_skipped_and_moves_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the sanitizer the follower count of -5 reaches the database: the CHECK constraint
    # fails, then the lookup of the row that was never created. The second line of defence (any
    # exception storing one event) must still skip it, on both databases.
    monkeypatch.setattr(ingest_module, "clean_event", lambda event, networks: event)
    path = _write(tmp_path / "raw.jsonl", _line(1, author={"followers_count": -5}), _line(2))
    stats = _run(path)
    assert stats.posts == 1 and stats.skipped == 1
    (skip,) = _skipped()
    assert skip["cursor"] == "1" and skip["error"].startswith("DoesNotExist")
    assert list(Post.objects.values_list("uri", flat=True)) == [_line(2)["uri"]]
    assert IngestCursor.objects.get(source="replay:raw.jsonl").cursor == "2"
    # A restart does not replay the poison event: the cursor moved past it.
    assert _run(path).events == 0


@pytest.mark.django_db
def test_it_gives_a_per_line_error_for_invalid_utf8_and_keeps_the_rest(tmp_path: Path) -> None:
    good = json.dumps(_line(3)).encode()
    path = _write(
        tmp_path / "bytes.jsonl",
        b'{"kind": "post", "text": "caf\xe9 \xff\xfe"}',  # Latin-1 bytes: not UTF-8
        "{}".encode("utf-16"),  # a UTF-16 line (with its BOM)
        good,
    )
    stats = _run(path)
    assert stats.posts == 1 and stats.skipped == 2
    assert [s["cursor"] for s in _skipped()] == ["1", "2"]
    assert all("utf-8" in s["error"] for s in _skipped())
    assert Post.objects.get().uri == _line(3)["uri"]


@pytest.mark.django_db
def test_it_stores_lone_utf16_surrogates_and_nul_bytes_cleaned_on_both_databases(tmp_path: Path) -> None:
    # JSON escapes decode to a lone surrogate and NUL bytes: neither database stores them as they are.
    hostile = SEEKER + " \ud800 fin\u0000"
    path = _write(
        tmp_path / "escapes.jsonl",
        _line(1, text=hostile, author={"handle": "nul\u0000.bsky.social", "bio": "\udfff #i4EmploiR"}),
        _line(2, raw_note="\u0000\ud83d"),
    )
    stats = _run(path)
    assert stats.posts == 2 and stats.skipped == 0
    post = Post.objects.get(uri=_line(1)["uri"])
    assert post.text == SEEKER + " \ufffd fin"
    assert post.author.handle == "nul.bsky.social" and post.author.bio == "\ufffd #i4EmploiR"
    assert "\x00" not in json.dumps(post.raw) and "\\u0000" not in json.dumps(post.raw)
    assert Post.objects.get(uri=_line(2)["uri"]).raw["raw_note"] == "\ufffd"


@pytest.mark.django_db
def test_it_refuses_a_5000_character_handle_and_a_network_named_script_the_same_on_both_databases(
    tmp_path: Path, client: Any, coordinator: Any
) -> None:
    path = _write(
        tmp_path / "ids.jsonl",
        _line(1, author={"handle": "h" * 5000}),
        _line(2, network="<script>"),
        _line(3, uri="at://" + "u" * 5000),
        _line(4),
    )
    stats = _run(path)
    assert stats.posts == 1 and stats.skipped == 3
    errors = [s["error"] for s in _skipped()]
    assert errors[0] == "handle longer than 255 characters (5000)"
    assert errors[1] == "unknown network '<script>'"
    assert errors[2] == "uri longer than 512 characters (5005)"
    # Coordinators see the reasons, escaped.
    client.force_login(coordinator)
    html = client.get(reverse("skipped_events")).content.decode()
    assert "unknown network &#x27;&lt;script&gt;&#x27;" in html and "<script>'" not in html
    assert "handle longer than 255 characters" in html


@pytest.mark.django_db
def test_it_shows_skipped_events_to_coordinators_only(client: Any, moderator: Any) -> None:
    client.force_login(moderator)
    assert client.get(reverse("skipped_events")).status_code == 403


@pytest.mark.parametrize(
    ("model_field", "limit"),
    [
        ("NetworkAccount.handle", sanitize.MAX_ID),
        ("NetworkAccount.remote_id", sanitize.MAX_ID),
        ("NetworkAccount.display_name", sanitize.MAX_ID),
        ("Post.uri", sanitize.MAX_URI),
        ("Post.url", sanitize.MAX_URI),
    ],
)
def test_it_checks_the_same_lengths_the_columns_have(model_field: str, limit: int) -> None:
    from colibri.relay import models

    model, field = model_field.split(".")
    assert getattr(models, model)._meta.get_field(field).max_length == limit


@pytest.mark.django_db
def test_it_forgets_out_of_range_dates_stored_before_the_ingest_checked_them(
    make_request: Any, client: Any, moderator: Any
) -> None:
    import importlib
    from datetime import UTC, datetime

    from django.apps import apps

    migration = importlib.import_module("colibri.intake.migrations.0001_unknown_out_of_range_dates")
    old, kept = make_request(), make_request()
    Post.objects.filter(pk=old.post.pk).update(posted_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    migration.forget_out_of_range_dates(apps, None)
    assert Post.objects.get(pk=old.post.pk).posted_at is None
    assert Post.objects.get(pk=kept.post.pk).posted_at == kept.post.posted_at
    client.force_login(moderator)
    assert client.get(reverse("request_detail", args=[old.pk])).status_code == 200
