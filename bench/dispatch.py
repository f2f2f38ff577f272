"""Dispatch benchmark: exactly-once throughput of `colibri dispatch` against a faulty fake network.

One run, three scenarios on fresh SQLite files (or PostgreSQL with --pg URL_OF_A_SERVER_DB):
- one worker, a network that never fails (for scale);
- baseline: two concurrent workers, a network that never fails;
- faulty: two concurrent workers, a network that loses ~30% of calls (timeouts after success, 429, 500,
  timeouts), with retries and check-before-retry.
The fake network keeps its ledger in one SQLite file shared by the workers: its own lock waits are
part of every scenario, so compare the ratio, not the absolute rates.
Prints figures, the ratio faulty/baseline, and ends with one JSON line:
{"actions", "baseline_seconds", "faulty_seconds", "throughput_ratio", "duplicates", "missing", "faults"}.

With --pacing, instead: N official reposts all overdue (workers were down), carried out by 2 then 4
workers, with and without faults, at one every --gap seconds. Reports the smallest spacing the network
saw (end of one repost to the start of the next), how many fell under the interval, duplicates, missing;
ends with one JSON line per scenario.

    .venv/bin/python bench/dispatch.py [--actions 1000] [--pg postgres://postgres@127.0.0.1:5432/postgres]
    .venv/bin/python bench/dispatch.py --pacing [--actions 30] [--gap 0.25] [--pg ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HELPERS = REPO / "tests" / "app"
sys.path.insert(0, str(REPO))  # a script: the test helpers are the `tests` package beside it

from tests.app.dispatch_fakenet import all_reposts, fault_counts, init_ledger, live_reposts  # noqa: E402
from tests.app.pacing_fakenet import spacing  # noqa: E402


def worker_env(db_url: str, ledger: Path, faults: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="colibri.settings",
        COLIBRI_DISPATCH_ADAPTER_FACTORY="tests.app.dispatch_fakenet.factory",
        PYTHONPATH=str(REPO),
        FAKENET_LEDGER=str(ledger),
        FAKENET_SEED="7",
        FAKENET_FAULTS="1" if faults else "0",
        LOG_LEVEL="WARNING",
    )
    return env


def bench_db(tmp: Path, name: str, pg: str | None) -> str:
    if not pg:
        return f"sqlite:///{tmp / (name + '.sqlite3')}"
    import psycopg

    db = f"colibri_bench_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{db}"')
    return pg.rsplit("/", 1)[0] + "/" + db


def drop_db(url: str, pg: str | None) -> None:
    if pg:
        import psycopg

        with psycopg.connect(pg, autocommit=True) as con:
            con.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def start_dispatchers(
    env: dict[str, str], name: str, count: int, opts: list[str]
) -> list[subprocess.Popen[bytes]]:
    """`count` real `colibri dispatch` processes (worker ids `<name>0`…), stderr kept for their errors."""
    return [
        subprocess.Popen(
            [sys.executable, "-m", "colibri.cli", "dispatch", "--worker-id", f"{name}{i}", *opts],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(count)
    ]


def run_workers(
    url: str, pg: str | None, env: dict[str, str], seed: list[str], name: str, workers: int, opts: list[str]
) -> tuple[float, list[dict[str, object]]]:
    """Seed the database, drain it with `workers` real `colibri dispatch` processes, read the outbox rows.

    Returns (seconds the workers took, outbox rows); the database is dropped afterwards (PostgreSQL)."""
    try:
        subprocess.run(
            [sys.executable, str(HELPERS / "dispatch_harness.py"), *seed],
            env=env,
            check=True,
            capture_output=True,
        )
        start = time.perf_counter()
        procs = start_dispatchers(env, name, workers, opts)
        for p in procs:
            _out, err = p.communicate(timeout=900)
            if p.returncode:
                raise SystemExit(f"worker failed: {err.decode()[-2000:]}")
        seconds = time.perf_counter() - start
        out = subprocess.run(
            [sys.executable, str(HELPERS / "dispatch_harness.py"), "status"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return seconds, json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        drop_db(url, pg)


def exactly_once(ledger: Path, rows: list[dict[str, object]]) -> dict[str, int]:
    """Reposts seen twice on the fake network, and outbox rows whose repost is not there."""
    expected = {(r["account__remote_id"], r["target_uri"]) for r in rows}
    return {
        "duplicates": len(all_reposts(ledger)) - len(expected),
        "missing": len(expected - set(live_reposts(ledger))),
    }


def scenario(tmp: Path, name: str, n: int, workers: int, faults: bool, pg: str | None) -> dict[str, object]:
    ledger = tmp / f"{name}-ledger.sqlite3"
    init_ledger(ledger)
    url = bench_db(tmp, name, pg)
    opts = ["--drain", "--no-plan", "--lease", "60", "--batch", "5", "--max-attempts", "20"]
    opts += ["--backoff-base", "0.02", "--backoff-max", "0.3", "--idle-sleep", "0.05"]
    seconds, rows = run_workers(
        url, pg, worker_env(url, ledger, faults), ["seed", str(n), "10"], name, workers, opts
    )
    return {
        "seconds": seconds,
        "done": sum(1 for r in rows if r["status"] == "done"),
        **exactly_once(ledger, rows),
        "faults": fault_counts(ledger),
        "retried_rows": sum(1 for r in rows if r["attempts"] > 1),
    }


def pacing_scenario(
    tmp: Path, name: str, n: int, workers: int, faults: bool, gap: float, pg: str | None
) -> dict[str, object]:
    ledger = tmp / f"{name}-ledger.sqlite3"
    init_ledger(ledger)
    url = bench_db(tmp, name, pg)
    env = dict(
        worker_env(url, ledger, faults), COLIBRI_DISPATCH_ADAPTER_FACTORY="tests.app.pacing_fakenet.factory"
    )
    opts = ["--drain", "--no-plan", "--official-gap", str(gap), "--batch", "2", "--idle-sleep", "0.01"]
    opts += ["--max-attempts", "30", "--backoff-base", "0.02", "--backoff-max", "0.2"]
    seconds, rows = run_workers(url, pg, env, ["official", str(n)], name, workers, opts)
    gaps = spacing(ledger)
    return {
        "scenario": name,
        "workers": workers,
        "faults": sum(fault_counts(ledger).values()),
        "seconds": round(seconds, 2),
        "gap": gap,
        "min_spacing": round(min(gaps), 4) if gaps else None,
        "under_gap": sum(1 for g in gaps if g < gap),
        **exactly_once(ledger, rows),
        "by_worker": {
            w: sum(1 for r in rows if r["claimed_by"] == w) for w in sorted({r["claimed_by"] for r in rows})
        },
    }


def pacing_main(args: argparse.Namespace) -> int:
    results = []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for workers, faults in ((2, False), (4, False), (4, True)):
            name = f"pacing{workers}{'f' if faults else ''}"
            results.append(pacing_scenario(tmp, name, args.actions, workers, faults, args.gap, args.pg))
    print(
        f"engine: {'PostgreSQL' if args.pg else 'SQLite'}, official reposts: {args.actions}, gap {args.gap} s"
    )
    for r in results:
        print(json.dumps(r))
    return 0 if all(r["under_gap"] == r["duplicates"] == r["missing"] == 0 for r in results) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=None, help="default: 1000 (30 with --pacing)")
    parser.add_argument(
        "--pg", default=None, help="PostgreSQL server URL (its 'postgres' DB) instead of SQLite"
    )
    parser.add_argument("--pacing", action="store_true", help="the official pacing scenarios instead")
    parser.add_argument("--gap", type=float, default=0.25, help="with --pacing: seconds between reposts")
    args = parser.parse_args()
    if args.pacing:
        args.actions = args.actions or 30
        return pacing_main(args)
    args.actions = args.actions or 1000
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        single = scenario(tmp, "single", args.actions, 1, False, args.pg)
        base = scenario(tmp, "baseline", args.actions, 2, False, args.pg)
        faulty = scenario(tmp, "faulty", args.actions, 2, True, args.pg)
    engine = "PostgreSQL" if args.pg else "SQLite"
    n = args.actions
    print(f"engine: {engine}, actions: {n}")
    for name, r in (
        ("1 worker, no faults", single),
        ("baseline: 2 workers, no faults", base),
        ("2 workers, ~30% faults", faulty),
    ):
        secs = float(r["seconds"])  # type: ignore[arg-type]
        print(
            f"{name:34s} {secs:7.2f} s  {n / secs:7.1f} actions/s  done={r['done']} "
            f"duplicates={r['duplicates']} missing={r['missing']} retried_rows={r['retried_rows']}"
        )
    print(f"faults injected: {faulty['faults']}")
    ratio = float(base["seconds"]) / float(faulty["seconds"])  # type: ignore[arg-type]
    print(f"throughput ratio faulty/baseline: {ratio:.2f}")
    print(
        json.dumps(
            {
                "actions": n,
                "baseline_seconds": round(float(base["seconds"]), 2),  # type: ignore[arg-type]
                "faulty_seconds": round(float(faulty["seconds"]), 2),  # type: ignore[arg-type]
                "throughput_ratio": round(ratio, 3),
                "duplicates": faulty["duplicates"],
                "missing": faulty["missing"],
                "faults": faulty["faults"],
            }
        )
    )
    return 0 if faulty["duplicates"] == 0 and faulty["missing"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
