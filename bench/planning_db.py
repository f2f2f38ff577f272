"""Re-planning benchmark with the database: `do_apply_plan` for 1,000 members with audiences and 200
open requests, on SQLite and PostgreSQL (issue 11: goal <= 5 s, and no query per member in a loop).

Each backend runs in its own process (Django is configured once per process from DATABASE_URL) on a
fresh database: migrate, seed a small collective (100 members, 20 requests) and re-plan it, then grow it
to the full size and re-plan again (the second plan replaces the first's assignments, like a coordinator's
« Re-planifier »). The query count must not grow with the collective. The baseline, measured in the same
run on the same input, is the pure planner (`colibri.core.planner.plan`) without the database: the
difference is what reading and writing the plan costs.

Audiences are random subsets of a pool of follower ids (sizes log-uniform 200–5,000, like members with
a few hundred to several thousand followers), stored as the tracking app stores them (roaring bitmaps).

    .venv/bin/python bench/planning_db.py [--members 1000] [--requests 200] [--pg postgres://postgres@127.0.0.1:5432/postgres]

Last line: {"replan_seconds_sqlite", "replan_seconds_postgres", "queries"}.
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
from typing import Any

REPO = Path(__file__).resolve().parent.parent
POOL = 400_000  # distinct followers across the collective
REGIONS = ["Auvergne-Rhône-Alpes", "Bretagne", "Île-de-France", "Occitanie", "Hauts-de-France", "Grand Est"]
ROMES = ["M1203", "K2111", "H1206", "J1501", "D1106", "N1103", "M1607", "F1703"]


def _seed(n_members: int, n_requests: int, start: int, rng: Any) -> None:
    """Members (with audiences) and approved requests, written in bulk (fixtures, not actions)."""
    from datetime import timedelta

    import numpy as np
    from django.utils import timezone
    from pyroaring import BitMap

    from colibri.relay.models import Audience, Member, NetworkAccount, Post, Request, RequestStatus

    now = timezone.now()
    accounts = NetworkAccount.objects.bulk_create(
        [
            NetworkAccount(network="bluesky", remote_id=f"did:plc:m{start + i}", handle=f"m{start + i}.test")
            for i in range(n_members)
        ]
    )
    audiences = []
    for acc in accounts:
        size = int(np.exp(rng.uniform(np.log(200), np.log(5000))))
        ids = rng.choice(POOL, size=size, replace=False)
        bm = BitMap(ids.tolist())
        audiences.append(Audience(account=acc, bitmap=bm.serialize(), size=len(bm), refreshed_at=now))
        acc.followers_count = len(bm)
    Audience.objects.bulk_create(audiences)
    NetworkAccount.objects.bulk_update(accounts, ["followers_count"])
    members = []
    for i, acc in enumerate(accounts):
        prefs: dict[str, Any] = {}
        if i % 7 == 0:
            prefs["regions"] = [REGIONS[i % len(REGIONS)]]
        if i % 11 == 0:
            prefs["job_families"] = [ROMES[i % len(ROMES)][0]]
        members.append(
            Member(
                account=acc,
                mode="notified",
                daily_budget=1 + i % 3,
                opted_in_at=now,
                status="active",
                **prefs,
            )
        )
    Member.objects.bulk_create(members)
    seekers = NetworkAccount.objects.bulk_create(
        [
            NetworkAccount(network="bluesky", remote_id=f"did:plc:s{start + i}", handle=f"s{start + i}.test")
            for i in range(n_requests)
        ]
    )
    posts = Post.objects.bulk_create(
        [
            Post(
                network="bluesky", uri=f"at://{s.remote_id}/app.bsky.feed.post/1", author=s, text="#PleaseRT"
            )
            for s in seekers
        ]
    )
    Request.objects.bulk_create(
        [
            Request(
                post=p,
                status=RequestStatus.APPROVED,
                eligible=True,
                category="seeker_request",
                region=REGIONS[i % len(REGIONS)],
                rome_code=ROMES[i % len(ROMES)],
                created_at=now - timedelta(hours=1 + i),
            )
            for i, p in enumerate(posts)
        ]
    )


def _replan() -> tuple[float, int, int]:
    """(seconds, queries, assignments created) of one re-plan of today, from the start of the day."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from colibri.relay.days import day_bounds
    from colibri.relay.planning.apply import do_apply_plan

    today = timezone.localdate()
    start = day_bounds(today)[0]
    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        summary = do_apply_plan(actor=None, day=today, now=start)
        seconds = time.perf_counter() - t0
    return seconds, len(queries), summary.created


def _plan_only() -> float:
    """The baseline: the pure planner on the input `load_day` reads (read once, not timed)."""
    from django.utils import timezone

    from colibri.core.planner import plan
    from colibri.relay.days import day_bounds
    from colibri.relay.planning.loading import load_day

    today = timezone.localdate()
    data = load_day(today, now=day_bounds(today)[0])
    t0 = time.perf_counter()
    plan(data.requests, data.members, data.config, excluded=data.excluded)
    return time.perf_counter() - t0


def child(members: int, requests: int) -> dict[str, Any]:
    import numpy as np

    sys.path.insert(0, str(REPO))
    from colibri.django_setup import setup_django

    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    from colibri.relay.models import CollectiveSettings

    CollectiveSettings.get()  # the row exists, as on any install where a coordinator saved settings
    rng = np.random.default_rng(11)
    small_m, small_r = members // 10, requests // 10
    _seed(small_m, small_r, 0, rng)
    _replan()  # a first plan, so that both measured re-plans replace one (same statements)
    small_seconds, small_queries, small_created = _replan()
    _seed(members - small_m, requests - small_r, small_m + 1_000_000, rng)
    seconds, queries, created = _replan()
    return {
        "replan_seconds": round(seconds, 3),
        "queries": queries,
        "created": created,
        "small_replan_seconds": round(small_seconds, 3),
        "small_queries": small_queries,
        "small_created": small_created,
        "plan_only_seconds": round(_plan_only(), 3),
    }


def _run_child(db_url: str, members: int, requests: int, tmp: Path) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        DJANGO_SETTINGS_MODULE="colibri.settings",
        COLIBRI_VAR_DIR=str(tmp),
        PYTHONPATH=str(REPO),
        LOG_LEVEL="WARNING",
    )
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--members", str(members), "--requests", str(requests)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark child failed on {db_url.split(':')[0]}:\n{out.stderr[-3000:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/postgres", help="a server DB URL")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if os.environ.get("PLANNING_DB_PROFILE"):  # where the re-plan's time goes, for the curious
            import cProfile

            cProfile.runctx("child(args.members, args.requests)", globals(), locals(), sort="cumulative")
            return
        print(json.dumps(child(args.members, args.requests)))
        return
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        results["sqlite"] = _run_child(f"sqlite:///{tmp / 'bench.sqlite3'}", args.members, args.requests, tmp)
        import psycopg

        db = f"colibri_bench_planning_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.pg, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{db}"')
        try:
            url = args.pg.rsplit("/", 1)[0] + "/" + db
            results["postgres"] = _run_child(url, args.members, args.requests, tmp)
        finally:
            with psycopg.connect(args.pg, autocommit=True) as con:
                con.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    for name, r in results.items():
        print(
            f"{name:8s} re-plan {args.members} members × {args.requests} requests: "
            f"{r['replan_seconds']:.2f} s, {r['queries']} queries, {r['created']} assignments | "
            f"{args.members // 10} × {args.requests // 10}: "
            f"{r['small_replan_seconds']:.2f} s, {r['small_queries']} queries | planner alone (baseline): "
            f"{r['plan_only_seconds']:.2f} s"
        )
    flat = all(r["queries"] == r["small_queries"] for r in results.values())
    print(f"queries independent of the collective's size: {'yes' if flat else 'NO'}")
    print(
        json.dumps(
            {
                "replan_seconds_sqlite": results["sqlite"]["replan_seconds"],
                "replan_seconds_postgres": results["postgres"]["replan_seconds"],
                "queries": max(r["queries"] for r in results.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
