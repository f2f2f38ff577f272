"""Exactly once under faults: two worker processes, a network that fails randomly, a worker SIGKILLed.

Runs on the database of the current run: a throwaway SQLite file in the SQLite run, a fresh
PostgreSQL database in the PostgreSQL run (worker processes cannot share pytest's in-memory DB).
The fake network's ledger counts every repost it ever made, so a duplicate cannot hide.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from dispatch_fakenet import all_reposts, fault_counts, init_ledger, live_reposts  # noqa: E402


def _pg_url(name: str) -> str:
    s = settings.DATABASES["default"]
    auth = s.get("USER") or "postgres"
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{name}"


@pytest.fixture
def scratch_db(tmp_path: Path) -> Iterator[str]:
    """A database URL the worker subprocesses can share, of the same engine as this run."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path / 'dispatch.sqlite3'}"
        return
    import psycopg

    name = f"colibri_dispatch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_pg_url("postgres"), autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        with psycopg.connect(_pg_url("postgres"), autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(db_url: str, ledger: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="colibri.settings",
        COLIBRI_DISPATCH_ADAPTER_FACTORY="dispatch_fakenet.factory",
        PYTHONPATH=os.pathsep.join([str(HERE), str(REPO)]),
        FAKENET_LEDGER=str(ledger),
        FAKENET_SEED="20261126",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def _harness(env: dict[str, str], *args: str) -> object:
    out = subprocess.run(
        [sys.executable, str(HERE / "dispatch_harness.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _worker(env: dict[str, str], name: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "colibri.cli", "dispatch", "--worker-id", name, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _assert_exactly_once(rows: list[dict[str, object]], ledger: Path) -> None:
    assert [r for r in rows if r["status"] != "done"] == []
    live = live_reposts(ledger)
    made = all_reposts(ledger)
    per_action = {(str(r["account__remote_id"]), str(r["target_uri"])) for r in rows}
    # One live repost per action, none missing, none extra, and the network never saw a second one.
    assert set(live) == per_action
    assert set(live.values()) == {1}
    assert len(made) == len(rows)
    ledger_ids = {(a, u): f"fake:{i}" for i, a, u, _deleted in made}
    assert all(r["result_id"] == ledger_ids[(r["account__remote_id"], r["target_uri"])] for r in rows)


def test_it_does_every_action_exactly_once_with_two_workers_and_a_faulty_network(
    scratch_db: str, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)
    env = _env(scratch_db, ledger, FAKENET_FAULTS="1")
    assert _harness(env, "seed", "1000", "10") == {"actions": 1000}
    opts = ("--drain", "--no-plan", "--lease", "60", "--batch", "5", "--max-attempts", "20")
    opts += ("--backoff-base", "0.02", "--backoff-max", "0.3", "--idle-sleep", "0.05")
    workers = [_worker(env, f"w{i}", *opts) for i in (1, 2)]
    for w in workers:
        _out, err = w.communicate(timeout=280)
        assert w.returncode == 0, err[-2000:]
    rows = _harness(env, "status")
    assert isinstance(rows, list)
    _assert_exactly_once(rows, ledger)
    faults = fault_counts(ledger)
    # The run really met every kind of fault, many times: success hidden by a timeout above all.
    assert faults.get("lost", 0) >= 50
    assert faults.get("429", 0) >= 20
    assert faults.get("500", 0) >= 20
    assert sum(1 for r in rows if int(r["attempts"]) > 1) >= 150


def test_it_recovers_a_worker_killed_between_the_network_call_and_the_commit(
    scratch_db: str, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)
    marker = tmp_path / "hung"
    env = _env(scratch_db, ledger, FAKENET_FAULTS="0", FAKENET_DELAY="0.002")
    assert _harness(env, "seed", "200", "4") == {"actions": 200}
    # The first worker hangs right after its 60th repost reached the network, before recording it.
    hang_env = dict(env, FAKENET_HANG_AFTER="60", FAKENET_HANG_MARKER=str(marker))
    first = _worker(hang_env, "doomed", "--lease", "1.5", "--batch", "5", "--idle-sleep", "0.05")
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert first.poll() is None, first.communicate()[1][-2000:]
        assert time.monotonic() < deadline, "the worker never reached the hang point"
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    rows_at_kill = _harness(env, "status")
    assert isinstance(rows_at_kill, list)
    running = [r for r in rows_at_kill if r["status"] == "running"]
    assert running, "the kill must leave claimed rows behind"
    assert len(all_reposts(ledger)) == 60  # the 60th is on the network but not recorded as done
    second = _worker(
        env,
        "survivor",
        "--drain",
        "--lease",
        "1.5",
        "--batch",
        "5",
        "--backoff-base",
        "0.05",
        "--idle-sleep",
        "0.05",
    )
    _out, err = second.communicate(timeout=240)
    assert second.returncode == 0, err[-2000:]
    rows = _harness(env, "status")
    assert isinstance(rows, list)
    _assert_exactly_once(rows, ledger)
    # The rows the dead worker held were taken over, and the one already on the network was found there.
    reclaimed = {r["id"] for r in running}
    assert all(int(r["attempts"]) >= 2 for r in rows if r["id"] in reclaimed)
