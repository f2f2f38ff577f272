"""Dispatch scale-out (issue 17): actions/s with 1, 2, 3 `colibri dispatch` processes, and one shared budget.

    .venv/bin/python bench/dispatch_scale.py [--actions 5000] [--pg postgres://postgres@127.0.0.1:5432/postgres]

Throughput: `--actions` member reposts (10 accounts) on a fresh PostgreSQL database (created on the
--pg server, dropped after), drained by 1, then 2, then 3 real dispatch processes against the recording
fake network (`tests.app.dispatch_fakenet`: each repost call is a ledger row, so a duplicate shows);
actions/s counts from the processes' start to the last one's exit (start-up included, as a deploy
would see it). The baseline is the single process of the same run: compare the speed-ups, not the
absolute rates (the machine is shared).

Shared budget: 200 reposts of ONE account whose adapter takes each repost from the install's rate
limiter first (X: 50 reposts per 15 minutes), 3 dispatch processes. With the
buckets in the database (the default) the network sees at most 50 (plus what refills meanwhile,
one every 18 s); the contrast run gives each process its own buckets, as before issue 17, and the
network sees up to 3 x 50. Each run lasts until nothing was reposted for `--quiet` seconds.

Last line: {"actions", "actions_per_s_1", "actions_per_s_2", "actions_per_s_3", "speedup_3", "duplicates",
"missing", "shared_budget_taken", "own_budgets_taken", "budget", "budget_shared"}.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.dispatch import HELPERS, bench_db, drop_db, scenario, start_dispatchers, worker_env  # noqa: E402
from tests.app.dispatch_fakenet import all_reposts, init_ledger  # noqa: E402

BUDGET = 50  # X: reposts per account per 15 minutes (colibri.networks.ratelimit.DEFAULT_LIMITS)


def budget_run(tmp: Path, name: str, pg: str, quiet: float, own_buckets: bool) -> tuple[int, float]:
    """Reposts the network saw from 3 processes sharing one account's budget, and the seconds they ran:
    until the ledger has not grown for `quiet` seconds (every process took what its budget allowed;
    a busy machine only makes that take longer), at most 240 s."""
    ledger = tmp / f"{name}-ledger.sqlite3"
    init_ledger(ledger)
    url = bench_db(tmp, name, pg)
    env = dict(
        worker_env(url, ledger, faults=False),
        COLIBRI_DISPATCH_ADAPTER_FACTORY="tests.app.dispatch_fakenet.limited_factory",
    )
    if own_buckets:
        env["COLIBRI_RATE_LIMITER"] = "tests.app.dispatch_fakenet.process_limiter"
    try:
        subprocess.run(
            [sys.executable, str(HELPERS / "dispatch_harness.py"), "seed", "200", "1"],
            env=env,
            check=True,
            capture_output=True,
        )
        opts = ["--no-plan", "--batch", "5", "--idle-sleep", "0.1", "--max-attempts", "1000"]
        start = time.monotonic()
        procs = start_dispatchers(env, name, 3, opts)
        seen, changed = 0, time.monotonic()
        while time.monotonic() - start < 240:
            time.sleep(1)
            n = len(all_reposts(ledger))
            if n != seen:
                seen, changed = n, time.monotonic()
            elif seen and time.monotonic() - changed >= quiet:
                break
        elapsed = time.monotonic() - start
        for p in procs:
            p.send_signal(signal.SIGTERM)
        for p in procs:
            _out, err = p.communicate(timeout=60)
            if p.returncode:
                raise SystemExit(f"worker failed: {err.decode()[-2000:]}")
        return len(all_reposts(ledger)), elapsed
    finally:
        drop_db(url, pg)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=5000)
    parser.add_argument(
        "--pg", default="postgres://postgres@127.0.0.1:5432/postgres", help="a PostgreSQL server"
    )
    parser.add_argument(
        "--quiet", type=float, default=10.0, help="budget runs end when nothing was reposted for this long"
    )
    parser.add_argument("--max-workers", type=int, default=3)
    args = parser.parse_args()
    rates: dict[int, float] = {}
    duplicates = missing = 0
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for workers in range(1, args.max_workers + 1):
            r = scenario(tmp, f"scale{workers}", args.actions, workers, False, args.pg)
            secs = float(r["seconds"])  # type: ignore[arg-type]
            rates[workers] = args.actions / secs
            duplicates += int(r["duplicates"])  # type: ignore[call-overload]
            missing += int(r["missing"])  # type: ignore[call-overload]
            print(
                f"{workers} dispatch process(es): {secs:6.1f} s, {rates[workers]:6.1f} actions/s, "
                f"done={r['done']} duplicates={r['duplicates']} missing={r['missing']}",
                flush=True,
            )
        shared, shared_s = budget_run(tmp, "budgetdb", args.pg, args.quiet, own_buckets=False)
        own, own_s = budget_run(tmp, "budgetown", args.pg, args.quiet, own_buckets=True)
    # What refills while they run (one repost every 18 s) may be taken too.
    allowed = BUDGET + int(BUDGET * shared_s / 900)
    print(
        f"one account, budget {BUDGET} reposts / 15 min, 3 processes: {shared} reposts in {shared_s:.0f} s "
        f"with the buckets in the database (allowed with refill: {allowed}), {own} in {own_s:.0f} s with "
        "a budget per process"
    )
    # The contrast proves the measure can fail: own budgets must give more than one budget.
    budget_shared = shared <= allowed and own > BUDGET + int(BUDGET * own_s / 900)
    top = max(rates)
    print(
        json.dumps(
            {
                "actions": args.actions,
                **{f"actions_per_s_{w}": round(v, 1) for w, v in rates.items()},
                f"speedup_{top}": round(rates[top] / rates[1], 2),
                "duplicates": duplicates,
                "missing": missing,
                "shared_budget_taken": shared,
                "own_budgets_taken": own,
                "budget": BUDGET,
                "budget_shared": budget_shared,
            }
        )
    )
    return 0 if duplicates == missing == 0 and budget_shared else 1


if __name__ == "__main__":
    sys.exit(main())
