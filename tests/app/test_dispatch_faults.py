"""Exactly once under faults: two worker processes, a network that fails randomly, a worker SIGKILLed.

Runs on the database of the current run: a throwaway SQLite file in the SQLite run, a fresh
PostgreSQL database in the PostgreSQL run (worker processes cannot share pytest's in-memory DB).
The fake network's ledger counts every repost it ever made, so a duplicate cannot hide.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

from .dispatch_fakenet import all_reposts, fault_counts, init_ledger
from .dispatch_processes import assert_exactly_once, run_harness, start_worker, worker_env


def test_it_does_every_action_exactly_once_with_two_workers_and_a_faulty_network(
    scratch_db: str, tmp_path: Path
) -> None:
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)
    env = worker_env(scratch_db, ledger, FAKENET_FAULTS="1")
    assert run_harness(env, "seed", "1000", "10") == {"actions": 1000}
    opts = ("--drain", "--no-plan", "--lease", "60", "--batch", "5", "--max-attempts", "20")
    opts += ("--backoff-base", "0.02", "--backoff-max", "0.3", "--idle-sleep", "0.05")
    workers = [start_worker(env, f"w{i}", *opts) for i in (1, 2)]
    for w in workers:
        _out, err = w.communicate(timeout=280)
        assert w.returncode == 0, err[-2000:]
    rows = run_harness(env, "status")
    assert isinstance(rows, list)
    assert_exactly_once(rows, ledger)
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
    env = worker_env(scratch_db, ledger, FAKENET_FAULTS="0", FAKENET_DELAY="0.002")
    assert run_harness(env, "seed", "200", "4") == {"actions": 200}
    # The first worker hangs right after its 60th repost reached the network, before recording it.
    hang_env = dict(env, FAKENET_HANG_AFTER="60", FAKENET_HANG_MARKER=str(marker))
    first = start_worker(hang_env, "doomed", "--lease", "1.5", "--batch", "5", "--idle-sleep", "0.05")
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert first.poll() is None, first.communicate()[1][-2000:]
        assert time.monotonic() < deadline, "the worker never reached the hang point"
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    rows_at_kill = run_harness(env, "status")
    assert isinstance(rows_at_kill, list)
    running = [r for r in rows_at_kill if r["status"] == "running"]
    assert running, "the kill must leave claimed rows behind"
    assert len(all_reposts(ledger)) == 60  # the 60th is on the network but not recorded as done
    second = start_worker(
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
    rows = run_harness(env, "status")
    assert isinstance(rows, list)
    assert_exactly_once(rows, ledger)
    # The rows the dead worker held were taken over, and the one already on the network was found there.
    reclaimed = {r["id"] for r in running}
    assert all(int(r["attempts"]) >= 2 for r in rows if r["id"] in reclaimed)
