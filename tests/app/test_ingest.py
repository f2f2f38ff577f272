"""The ingest loop: nothing lost, nothing twice, malformed events skipped, network errors retried."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from colibri.networks.base import Network, NetworkError, NetworkEvent
from colibri.networks.replay import ReplayNetwork
from colibri.relay.ingest import Ingestor
from colibri.relay.models import AuditLog, IngestCursor, Post, Request
from colibri.relay.sources import configured_networks, replay_network


class FlakyNetwork(Network):
    """Yields fixed events; raises the given error once when reaching `fail_at`."""

    name = "flaky"

    def __init__(self, events: list[NetworkEvent], fail_at: int, error: NetworkError):
        self.events = events
        self.fail_at = fail_at
        self.error: NetworkError | None = error
        self.calls: list[str | None] = []

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        self.calls.append(cursor)
        for i in range(int(cursor or 0), len(self.events)):
            if i == self.fail_at and self.error is not None:
                error, self.error = self.error, None
                raise error
            yield self.events[i], str(i + 1)


@pytest.mark.django_db
def test_it_ingests_a_replay_file_and_records_malformed_lines(tmp_path, stream_writer) -> None:
    path = tmp_path / "s.jsonl"
    uris = stream_writer(path, 10, extra_lines=("{broken", '{"kind": "post", "text": "no uri"}'))
    lines: list[str] = []
    stats = Ingestor([replay_network(path, interval=0)], load_index=False, progress=lines.append).run()
    assert stats.posts == 10 and stats.skipped == 2
    assert set(Post.objects.values_list("uri", flat=True)) == set(uris)
    skipped = AuditLog.objects.filter(action="ingest_event_skipped")
    assert sorted(row.details["cursor"] for row in skipped) == ["11", "12"]
    assert IngestCursor.objects.get(source="replay:s.jsonl").cursor == "12"
    assert lines and "à vérifier" in lines[-1]
    # A second run resumes after the last line: nothing new, nothing twice.
    again = Ingestor([replay_network(path, interval=0)], load_index=False).run()
    assert again.events == 0 and Post.objects.count() == 10


@pytest.mark.django_db
def test_it_backs_off_and_resumes_from_the_cursor_on_retryable_errors(make_event) -> None:
    events = [make_event() for _ in range(6)]
    net = FlakyNetwork(events, fail_at=3, error=NetworkError("429", retry=True, retry_after=0.01))
    ingestor = Ingestor([net], load_index=False)
    stats = ingestor.run()
    assert stats.retries == 1 and not ingestor.errors
    assert net.calls == [None, "3"]  # resumed right after the last stored event
    assert Request.objects.count() == 6 == Post.objects.count()


@pytest.mark.django_db
def test_it_reports_a_permanent_network_error_and_keeps_what_it_stored(make_event) -> None:
    events = [make_event() for _ in range(4)]
    net = FlakyNetwork(events, fail_at=2, error=NetworkError("401 bad credentials", retry=False))
    ingestor = Ingestor([net], load_index=False)
    ingestor.run()
    assert ingestor.errors and "401" in ingestor.errors[0]
    assert Post.objects.count() == 2
    assert IngestCursor.objects.get(source="flaky").cursor == "2"


@pytest.mark.django_db  # an official account connected from the dashboard is looked up first
def test_it_replays_the_sample_stream_when_no_network_is_configured(settings, tmp_path) -> None:
    settings.COLIBRI_REPLAY_FILE = str(tmp_path / "sample.jsonl")
    settings.COLIBRI_REPLAY_INTERVAL = 0.25
    networks = configured_networks()
    assert len(networks) == 1 and isinstance(networks[0], ReplayNetwork)
    assert networks[0].path == tmp_path / "sample.jsonl" and networks[0].interval == 0.25


def _kill_ingest_once_stored(
    env: Any, path: Any, interval: str, *, at_least: int, within: float, poll: float
) -> int:
    """Replay `path` through `colibri ingest` in a subprocess, SIGKILL it once `at_least` posts are stored
    (or `within` seconds have passed) and return how many posts the database holds after the kill."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "colibri.cli",
            "ingest",
            "--file",
            str(path),
            "--interval",
            interval,
            "--quiet",
        ],
        env=env.env,
    )
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        (count,) = env.sql("SELECT COUNT(*) FROM relay_post")[0] or (0,)
        if count >= at_least:
            break
        time.sleep(poll)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    (killed_at,) = env.sql("SELECT COUNT(*) FROM relay_post")[0]
    return int(killed_at)


def test_it_loses_and_duplicates_nothing_when_killed_mid_stream(isolated_env, stream_writer) -> None:
    isolated_env.migrate()
    path = isolated_env.var / "stream.jsonl"
    uris = stream_writer(path, 40)
    killed_at = _kill_ingest_once_stored(isolated_env, path, "0.05", at_least=8, within=60, poll=0.1)
    assert 8 <= killed_at < 40, "the kill should land mid-stream"
    result = isolated_env.colibri("ingest", "--file", str(path), "--interval", "0", "--quiet")
    assert result.returncode == 0, result.stderr
    stored = [row[0] for row in isolated_env.sql("SELECT uri FROM relay_post")]
    assert sorted(stored) == sorted(uris)  # every post once: none lost, none twice
    (requests,) = isolated_env.sql("SELECT COUNT(*) FROM relay_request")[0]
    assert requests == 40
    (cursor,) = isolated_env.sql("SELECT cursor FROM relay_ingestcursor")[0]
    assert cursor == "40"


def test_it_loses_and_duplicates_nothing_when_killed_in_the_middle_of_a_batch(
    isolated_env, stream_writer
) -> None:
    # No pause between events: the ingest stores them 100 at a time, so the kill lands while a batch
    # is being stored (or between two), never with a batch half committed.
    isolated_env.migrate()
    path = isolated_env.var / "stream.jsonl"
    uris = stream_writer(path, 1500)
    killed_at = _kill_ingest_once_stored(isolated_env, path, "0", at_least=200, within=120, poll=0.05)
    assert 200 <= killed_at < 1500, "the kill should land mid-stream"
    (cursor,) = isolated_env.sql("SELECT cursor FROM relay_ingestcursor")[0]
    assert int(cursor) == killed_at  # the cursor is saved with exactly the events it covers
    result = isolated_env.colibri("ingest", "--file", str(path), "--interval", "0", "--quiet", timeout=300)
    assert result.returncode == 0, result.stderr
    stored = [row[0] for row in isolated_env.sql("SELECT uri FROM relay_post")]
    assert sorted(stored) == sorted(uris)
    (requests,) = isolated_env.sql("SELECT COUNT(*) FROM relay_request")[0]
    (detected,) = isolated_env.sql("SELECT COUNT(*) FROM relay_auditlog WHERE action = 'request_detected'")[0]
    assert requests == detected == 1500


def test_it_fails_with_one_line_when_the_database_is_not_migrated(isolated_env, stream_writer) -> None:
    path = isolated_env.var / "stream.jsonl"
    stream_writer(path, 1)
    result = isolated_env.colibri("ingest", "--file", str(path), timeout=60)
    assert result.returncode == 1
    assert (
        result.stderr.strip().startswith("colibri ingest:") and len(result.stderr.strip().splitlines()) == 1
    )


@pytest.mark.django_db
def test_it_does_not_store_posts_with_nothing_the_collective_tracks(make_event) -> None:
    pytest.importorskip("colibri.core.prefilter")
    chat = make_event(text="Belle journée au marché ce matin, les tomates étaient superbes", bio="Jardinier")
    wanted = make_event()
    net = FlakyNetwork([chat, wanted], fail_at=99, error=NetworkError("unused", retry=False))
    stats = Ingestor([net], load_index=False).run()
    assert stats.filtered == 1 and stats.posts == 1
    assert list(Post.objects.values_list("uri", flat=True)) == [wanted.uri]
    assert IngestCursor.objects.get(source="flaky").cursor == "2"


@pytest.mark.django_db
def test_it_registers_the_official_account_and_ignores_its_posts(make_event) -> None:
    from colibri.networks.base import Author
    from colibri.relay.models import NetworkAccount

    own = make_event(author_id="did:plc:official", handle="collectif.bsky.social")
    net = FlakyNetwork([own, make_event()], fail_at=99, error=NetworkError("unused", retry=False))
    net.name = "bluesky"
    net.handle = "collectif.bsky.social"  # type: ignore[attr-defined]
    net.get_profile = lambda actor: Author(id="did:plc:official", handle=actor, bio="Collectif")  # type: ignore[method-assign]
    Ingestor([net], load_index=False).run()
    official = NetworkAccount.objects.get(is_official=True)
    assert (official.network, official.remote_id) == ("bluesky", "did:plc:official")
    assert Request.objects.count() == 1 and Post.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_it_reads_several_networks_at_once_each_with_its_cursor(make_event) -> None:
    first = FlakyNetwork([make_event() for _ in range(5)], fail_at=99, error=NetworkError("-", retry=False))
    second = FlakyNetwork([make_event() for _ in range(7)], fail_at=99, error=NetworkError("-", retry=False))
    first.name, second.name = "one", "two"
    ingestor = Ingestor([first, second], load_index=False)
    stats = ingestor.run()
    assert not ingestor.errors
    assert stats.by_source == {"one": 5, "two": 7}
    assert dict(IngestCursor.objects.values_list("source", "cursor")) == {"one": "5", "two": "7"}
    assert Post.objects.count() == 12
