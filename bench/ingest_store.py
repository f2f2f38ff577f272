"""Ingest's storing side: posts stored and triaged per second, one by one and batched, on both databases.

    .venv/bin/python bench/ingest_store.py [--posts 2000] [--seconds 60] \\
        [--pg postgres://postgres@127.0.0.1:5432/colibri_ingest_bench]

Distinct seekers' posts go through the real ingest loop (`Ingestor`: clean each event, store it,
triage it with the reference index built from ../shared/data) into a fresh SQLite file and, with
--pg, a fresh PostgreSQL database on that server (named after the URL's with a random suffix,
dropped after). Each database runs in its own process (its own settings, its own RSS).

* baseline, same run, same kind of posts: `Ingestor(batch_size=1)`, one transaction (and commit)
  per event with its cursor, i.e. the path before batching;
* batched: the default `Ingestor()`, events stored `BATCH_SIZE` at a time in one transaction;
  the two alternate in rounds (baseline, batched, baseline, batched) so that the shared machine's
  load weighs on both alike;
* `--seconds S`: the batched path fed without pause for S seconds (sustained rate, and the
  process's resident memory before and after: RSS growth);
* statements per post: every SQL statement of a run of 200 posts (batched) or 50 (baseline),
  divided by the posts; the triage engine alone on the same posts says what storing costs.

Goal (issue 17): >= 500 posts/s sustained on both databases. Last line, one JSON object:
{"ingest_posts_per_s_sqlite", "ingest_posts_per_s_postgres", "ingest_rss_growth_mb",
"statements_per_post", ...} where ingest_posts_per_s_* is the sustained rate with --seconds, else the
batched one.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000, help="posts per path (baseline and batched)")
    parser.add_argument("--seconds", type=float, default=0.0, help="sustained run of the batched path")
    parser.add_argument("--pg", default="", help="URL of a PostgreSQL database (its name is the prefix)")
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)  # DATABASE_URL of one run
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.posts, args.seconds)))
        return

    tmp = Path(tempfile.mkdtemp(prefix="colibri-bench-ingest-"))
    from colibri.commands.triage import shared_sources
    from colibri.core.refindex import build_index

    sources = shared_sources()
    if sources is None:
        sys.exit("bench/ingest_store.py: ../shared/data not found (the official COG and ROME files)")
    build_index(*sources, tmp / "refdata")
    load = os.getloadavg()[0]
    results: dict[str, dict[str, Any]] = {}
    results["sqlite"] = child(args, f"sqlite:///{tmp / 'colibri.sqlite3'}", tmp / "sqlite")
    if args.pg:
        import psycopg

        base, _, name = args.pg.rpartition("/")
        dbname = f"{name or 'colibri_ingest_bench'}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{dbname}"')
        try:
            results["postgres"] = child(args, f"{base}/{dbname}", tmp / "postgres")
        finally:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
                con.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')

    for database, r in results.items():
        print(
            f"{database}: baseline (a transaction per event) {r['baseline_posts_per_s']:.0f} posts/s, "
            f"{r['baseline_statements_per_post']:.2f} statements/post; "
            f"batched {r['batched_posts_per_s']:.0f} posts/s, "
            f"{r['statements_per_post']:.2f} statements/post ({r['speedup']:.1f}x)"
        )
        if r.get("sustained_posts_per_s") is not None:
            print(
                f"  sustained {args.seconds:.0f} s: {r['sustained_posts_per_s']:.0f} posts/s over "
                f"{r['sustained_posts']} posts, RSS {r['rss_start_mb']:.0f} -> {r['rss_end_mb']:.0f} MB"
            )
        print(f"  triage engine alone on the same posts: {r['triage_alone_posts_per_s']:.0f} posts/s")
    print(f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end (2 shared cores)")

    def rate(database: str) -> float | None:
        r = results.get(database)
        if r is None:
            return None
        return (
            r["sustained_posts_per_s"]
            if r.get("sustained_posts_per_s") is not None
            else r["batched_posts_per_s"]
        )

    growth = [r["rss_growth_mb"] for r in results.values() if r.get("rss_growth_mb") is not None]
    summary: dict[str, Any] = {
        "ingest_posts_per_s_sqlite": rate("sqlite"),
        "ingest_posts_per_s_postgres": rate("postgres"),
        "ingest_rss_growth_mb": max(growth) if growth else None,
        "statements_per_post": results["sqlite"]["statements_per_post"],
    }
    for database, r in results.items():
        for key in ("baseline_posts_per_s", "batched_posts_per_s", "baseline_statements_per_post"):
            summary[f"{key}_{database}"] = r[key]
        if "postgres" == database:
            summary["statements_per_post_postgres"] = r["statements_per_post"]
    summary["triage_alone_posts_per_s"] = results["sqlite"]["triage_alone_posts_per_s"]
    summary["seconds"] = args.seconds
    print(json.dumps(summary))


def child(args: argparse.Namespace, url: str, var: Path) -> dict[str, Any]:
    """One database's figures, measured in a process of its own."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "colibri.settings",
        "COLIBRI_VAR_DIR": str(var),
        "COLIBRI_REFDATA_DIR": str(var.parent / "refdata"),
        "DATABASE_URL": url,
        "LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable,
        __file__,
        "--child",
        url,
        "--posts",
        str(args.posts),
        "--seconds",
        str(args.seconds),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"bench/ingest_store.py: the {url.split(':')[0]} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run(n: int, seconds: float) -> dict[str, Any]:
    from colibri.django_setup import setup_django

    setup_django()  # as every `colibri` command: secrets generated under the temporary var folder
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from colibri.core.refindex import load_index
    from colibri.core.types import Post as TriagePost
    from colibri.networks.base import Author, Network, NetworkEvent
    from colibri.relay.actions.triage import triage_engine
    from colibri.relay.ingest import Ingestor
    from colibri.relay.models import AuditLog, Post, Request

    places = ["Lyon", "Villeurbanne", "Nantes", "Rennes", "Lille", "Marseille", "Toulouse", "Bordeaux"]
    jobs = ["Comptable", "Boulanger", "Infirmier", "Développeur", "Aide-soignante", "Cariste"]

    def event(i: int) -> NetworkEvent:
        text = (
            f"#PleaseRT Je cherche un CDI de #{jobs[i % len(jobs)]} à #{places[i % len(places)]}, "
            f"{3 + i % 9} ans d'expérience. https://www.linkedin.com/in/p{i} #i4EmploiR"
        )
        return NetworkEvent(
            kind="post",
            network="bluesky",
            uri=f"at://did:plc:bench{i}/app.bsky.feed.post/{i}",
            author=Author(
                id=f"did:plc:bench{i}", handle=f"p{i}.bsky.social", bio="#i4EmploiR", followers_count=40
            ),
            text=text,
            created_at=datetime(2026, 11, 20, 18, 0, tzinfo=UTC),
            has_image=True,
        )

    class Replay(Network):
        """Events `start`… without pause, up to `stop` or until `deadline` (monotonic) passes."""

        name = "bluesky"

        def __init__(self, source: str, start: int, stop: int | None, deadline: float | None = None) -> None:
            self.source, self.start, self.stop, self.deadline = source, start, stop, deadline
            self.last = start

        def stream(self, cursor: str | None = None):  # type: ignore[no-untyped-def]
            i = max(self.start, int(cursor or 0))
            while (self.stop is None or i < self.stop) and (
                self.deadline is None or time.monotonic() < self.deadline
            ):
                yield event(i), str(i + 1)
                i += 1
                self.last = i

    index = load_index(settings.COLIBRI_REFDATA_DIR)
    position = 0

    def ingest(count: int, batch_size: int | None) -> float:
        """Seconds to store and triage `count` new posts (batch_size None: the default)."""
        nonlocal position
        replay = Replay(f"bench:{position}", position, position + count)
        options = {} if batch_size is None else {"batch_size": batch_size}
        start = time.perf_counter()
        Ingestor([replay], index=index, **options).run()
        elapsed = time.perf_counter() - start
        position += count
        return elapsed

    ingest(20, 1)  # warm-up: engine compiled, tables and both paths touched
    ingest(20, None)
    with CaptureQueriesContext(connection) as ctx:
        ingest(50, 1)
    baseline_statements = len(ctx.captured_queries) / 50
    with CaptureQueriesContext(connection) as ctx:
        ingest(200, None)
    batched_statements = len(ctx.captured_queries) / 200

    half = max(1, n // 2)
    baseline = batched = 0.0
    for _round in range(2):
        baseline += ingest(half, 1)
        batched += ingest(half, None)
    result: dict[str, Any] = {
        "baseline_posts_per_s": round(2 * half / baseline, 1),
        "batched_posts_per_s": round(2 * half / batched, 1),
        "speedup": round(baseline / batched, 2),
        "baseline_statements_per_post": round(baseline_statements, 2),
        "statements_per_post": round(batched_statements, 2),
    }

    if seconds > 0:
        gc.collect()
        rss_start = rss_mb()
        replay = Replay("bench:sustained", position, None, deadline=time.monotonic() + seconds)
        start = time.perf_counter()
        stats = Ingestor([replay], index=index).run()
        elapsed = time.perf_counter() - start
        gc.collect()
        rss_end = rss_mb()
        position = replay.last
        result.update(
            sustained_posts=stats.posts,
            sustained_posts_per_s=round(stats.posts / elapsed, 1),
            rss_start_mb=round(rss_start, 1),
            rss_end_mb=round(rss_end, 1),
            rss_growth_mb=round(rss_end - rss_start, 1),
        )

    # Every post stored once, every one a request, nothing skipped.
    assert Post.objects.count() == position == Request.objects.count(), (Post.objects.count(), position)
    assert not AuditLog.objects.filter(action="ingest_event_skipped").exists()

    engine = triage_engine(index)
    posts = [
        TriagePost(id=e.uri, text=e.text, network="bluesky", author_bio=e.author.bio, has_image=True)
        for e in (event(i) for i in range(n))
    ]
    start = time.perf_counter()
    for p in posts:
        engine.triage(p)
    result["triage_alone_posts_per_s"] = round(n / (time.perf_counter() - start), 1)
    return result


if __name__ == "__main__":
    main()
