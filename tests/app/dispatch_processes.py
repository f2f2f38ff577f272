"""Worker processes for the exactly-once tests: a shared database, the fake network, the harness.

The dispatch workers run as real processes (`colibri dispatch`) against a database they share with
the harness (`python -m tests.app.dispatch_harness`); the fake network's ledger
(`tests.app.dispatch_fakenet`) counts every repost it ever made, so a duplicate cannot hide.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from .dispatch_fakenet import all_reposts, live_reposts

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def pg_url(name: str) -> str:
    s = settings.DATABASES["default"]
    auth = s.get("USER") or "postgres"
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{name}"


def worker_env(db_url: str, ledger: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="colibri.settings",
        COLIBRI_DISPATCH_ADAPTER_FACTORY="tests.app.dispatch_fakenet.factory",
        PYTHONPATH=str(REPO),  # the helpers are imported as tests.app.*
        FAKENET_LEDGER=str(ledger),
        FAKENET_SEED="20261126",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def run_harness(env: dict[str, str], *args: str) -> object:
    out = subprocess.run(
        [sys.executable, "-m", "tests.app.dispatch_harness", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_worker(env: dict[str, str], name: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "colibri.cli", "dispatch", "--worker-id", name, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def assert_exactly_once(rows: list[dict[str, object]], ledger: Path) -> None:
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
