"""The statistics page on a large collective: 100k requests and 1M engagement snapshots on PostgreSQL.

    .venv/bin/python bench/stats.py [--requests 100000] [--snapshots 1000000] [--samples 30]
        [--db postgres://postgres@127.0.0.1:5432/colibri_bench_stats] [--rebuild]

The fixture is bulk-inserted once (COPY) into its own database (created when missing, reused while it
holds the asked sizes; `--rebuild` starts over): requests over the last 365 days, ~70 % relayed with
10 snapshots each on average, outcomes on a third of those, 400 members with audiences and 40k done
assignments. Then the public page /chiffres/ (the default period: the last 365 days, so every row
counts) is fetched through Django's test client, `--samples` times:

* stats_p95_ms: the page as served: the report is computed once, then served from the cache (fresh for
  COLIBRI_STATS_CACHE_SECONDS, then recomputed in the background while the stale copy is served, so
  only the first reader of a period waits), the first sample included. Goal: p95 <= 300 ms.
* cold_p50_ms / cold_p95_ms: baseline of the same run, the cache cleared before each sample (every
  figure recomputed in SQL: what the first reader after each expiry waits).

Last line: {"stats_p95_ms", "requests", "snapshots", "cold_p50_ms", "cold_p95_ms", "fixture_s"}.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

REGIONS = [
    ("Bretagne", "35"),
    ("Île-de-France", "75"),
    ("Auvergne-Rhône-Alpes", "69"),
    ("Occitanie", "31"),
    ("Nouvelle-Aquitaine", "33"),
    ("Hauts-de-France", "59"),
    ("Grand Est", "67"),
    ("Provence-Alpes-Côte d'Azur", "13"),
    ("Pays de la Loire", "44"),
    ("La Réunion", "974"),
]
ROMES = ["M1203", "M1607", "J1506", "N1103", "D1106", "K2111", "H2502", "E1103", "G1602", "C1206"]
STATUSES = ["relayed", "amplified", "outcome", "approved", "ineligible", "rejected", "withdrawn"]


def ensure_database(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _copy(cursor: object, table: str, columns: list[str], rows: list[tuple[object, ...]]) -> None:
    """COPY rows in (the fastest bulk insert PostgreSQL has): tab-separated text, \\N for NULL."""
    buf = io.StringIO()
    for row in rows:
        buf.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
        copy.write(buf.getvalue())


def build_fixture(n_requests: int, n_snapshots: int) -> float:
    from django.db import connection
    from django.utils import timezone

    rng = random.Random(13)
    t0 = time.monotonic()
    now = timezone.now()
    with connection.cursor() as c:
        c.execute(
            "TRUNCATE stats_requestengagement, stats_engagementwatermark, relay_engagementsnapshot, "
            "relay_assignment, relay_outcome, relay_request, relay_post, relay_member, tracking_audience, "
            "relay_networkaccount, stats_infographic "
            "RESTART IDENTITY CASCADE"
        )
        raw = c.cursor
        n_seekers = int(n_requests * 0.8)
        n_members = 400
        accounts = [
            (
                i,
                "bluesky",
                f"did:plc:b{i}",
                f"p{i}.test",
                "",
                "",
                100,
                i <= n_seekers,
                i > n_seekers,
                False,
                now,
                now,
            )
            for i in range(1, n_seekers + n_members + 1)
        ]
        _copy(
            raw,
            "relay_networkaccount",
            [
                "id",
                "network",
                "remote_id",
                "handle",
                "display_name",
                "bio",
                "followers_count",
                "is_seeker",
                "is_member",
                "is_official",
                "created_at",
                "updated_at",
            ],
            accounts,
        )
        posts, requests = [], []
        relayed_ids = []
        for i in range(1, n_requests + 1):
            created = now - timedelta(seconds=rng.uniform(0, 364 * 86400))
            author = rng.randint(1, n_seekers)
            status = rng.choices(STATUSES, weights=[30, 20, 20, 10, 10, 5, 5])[0]
            relayed = status in ("relayed", "amplified", "outcome", "withdrawn")
            region, dep = rng.choice(REGIONS)
            outcome = (
                rng.choice(["hired", "searching", "no_answer", "withdrawn"]) if status == "outcome" else ""
            )
            network = rng.choices(["bluesky", "mastodon", "x"], weights=[6, 3, 1])[0]
            posts.append(
                (
                    i,
                    network,
                    f"bench:{i}",
                    "",
                    author,
                    "#PleaseRT",
                    created - timedelta(hours=1),
                    created,
                    False,
                    "",
                    "[]",
                    "[]",
                    "{}",
                )
            )
            requests.append(
                (
                    i,
                    i,
                    status,
                    "seeker_request" if status != "ineligible" else "job_offer",
                    status != "ineligible",
                    False,
                    0.9,
                    "Comptable",
                    rng.choice(ROMES),
                    "",
                    "",
                    dep,
                    region,
                    False,
                    "[]",
                    "",
                    "[]",
                    "[]",
                    "{}",
                    created,
                    created,
                    created + timedelta(hours=rng.uniform(1, 48)) if relayed else None,
                    outcome,
                    "",
                )
            )
            if relayed:
                relayed_ids.append((i, created))
        _copy(
            raw,
            "relay_post",
            [
                "id",
                "network",
                "uri",
                "url",
                "author_id",
                "text",
                "posted_at",
                "received_at",
                "has_image",
                "image_alt",
                "image_urls",
                "links",
                "raw",
            ],
            posts,
        )
        _copy(
            raw,
            "relay_request",
            [
                "id",
                "post_id",
                "status",
                "category",
                "eligible",
                "needs_review",
                "confidence",
                "job_title",
                "rome_code",
                "rome_label",
                "commune",
                "departement",
                "region",
                "remote",
                "contracts",
                "profile_link",
                "reasons",
                "feedback",
                "triage",
                "created_at",
                "updated_at",
                "relayed_at",
                "outcome",
                "decision_reason",
            ],
            requests,
        )
        per = max(1, n_snapshots // len(relayed_ids))
        snaps = []
        sid = 0
        for rid, created in relayed_ids:
            reposts = likes = reach = 0
            for k in range(per):
                sid += 1
                reposts += rng.randint(0, 3)
                likes += rng.randint(0, 5)
                reach += rng.randint(0, 400)
                snaps.append(
                    (sid, rid, created + timedelta(hours=2 + k), reposts, likes, 0, 0, "[]", reach, "bench")
                )
                if sid >= n_snapshots:
                    break
            if sid >= n_snapshots:
                break
        while sid < n_snapshots:  # the remainder on the first requests, a few more measures each
            rid, created = relayed_ids[sid % len(relayed_ids)]
            sid += 1
            snaps.append((sid, rid, created + timedelta(days=3, seconds=sid), 1, 1, 0, 0, "[]", 10, "bench"))
        _copy(
            raw,
            "relay_engagementsnapshot",
            [
                "id",
                "request_id",
                "taken_at",
                "reposts",
                "likes",
                "replies",
                "quotes",
                "reposted_by",
                "reach_estimate",
                "reach_method",
            ],
            snaps,
        )
        members = [
            (m, n_seekers + m, "active", "delegated", 3, 15, "[]", "[]", now, now)
            for m in range(1, n_members + 1)
        ]
        _copy(
            raw,
            "relay_member",
            [
                "id",
                "account_id",
                "status",
                "mode",
                "daily_budget",
                "weekly_budget",
                "regions",
                "job_families",
                "opted_in_at",
                "created_at",
            ],
            members,
        )
        _copy(
            raw,
            "tracking_audience",
            ["account_id", "bitmap", "size", "refreshed_at"],
            [(n_seekers + m, "\\\\x", rng.randint(20, 30000), now) for m in range(1, n_members + 1)],
        )
        assignments = []
        for a, (rid, created) in enumerate(relayed_ids[:40000], start=1):
            done = created + timedelta(hours=5)
            assignments.append(
                (a, rid, (a % n_members) + 1, done, "done", 100, 1.0, "", False, created, done)
            )
        _copy(
            raw,
            "relay_assignment",
            [
                "id",
                "request_id",
                "member_id",
                "slot_start",
                "status",
                "reach_added",
                "relevance",
                "explanation",
                "locked",
                "created_at",
                "done_at",
            ],
            assignments,
        )
        for table in (
            "relay_networkaccount",
            "relay_post",
            "relay_request",
            "relay_engagementsnapshot",
            "relay_member",
            "tracking_audience",
            "relay_assignment",
        ):
            c.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"  # noqa: S608  (fixed table names)
            )
        c.execute("ANALYZE")
    return time.monotonic() - t0


def fixture_sizes() -> tuple[int, int]:
    from colibri.relay.models import EngagementSnapshot, Request

    return Request.objects.count(), EngagementSnapshot.objects.count()


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--snapshots", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--db", default="postgres://postgres@127.0.0.1:5432/colibri_bench_stats")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    ensure_database(args.db)
    os.environ["DATABASE_URL"] = args.db
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    from colibri.django_setup import setup_django

    setup_django()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client, without a test database: the bench's own one
    call_command("migrate", verbosity=0, interactive=False)
    fixture_s = 0.0
    if args.rebuild or fixture_sizes() != (args.requests, args.snapshots):
        print(f"building the fixture: {args.requests} requests, {args.snapshots} snapshots…", file=sys.stderr)
        fixture_s = build_fixture(args.requests, args.snapshots)
        print(f"fixture built in {fixture_s:.1f} s", file=sys.stderr)
    requests, snapshots = fixture_sizes()

    client = Client(HTTP_HOST="127.0.0.1")

    def fetch() -> float:
        t = time.perf_counter()
        resp = client.get("/chiffres/")
        elapsed = (time.perf_counter() - t) * 1000
        if resp.status_code != 200:
            raise SystemExit(f"/chiffres/ answered {resp.status_code}")
        return elapsed

    cold = []
    for _ in range(max(3, args.samples // 3)):
        cache.clear()
        cold.append(fetch())
    cache.clear()
    served = [fetch() for _ in range(args.samples)]  # the first one computes, the others read the cache
    result = {
        "stats_p95_ms": round(p(served, 0.95), 1),
        "requests": requests,
        "snapshots": snapshots,
        "served_p50_ms": round(statistics.median(served), 1),
        "cold_p50_ms": round(statistics.median(cold), 1),
        "cold_p95_ms": round(p(cold, 0.95), 1),
        "fixture_s": round(fixture_s, 1),
    }
    print(
        f"page as served: p50 {result['served_p50_ms']} ms, p95 {result['stats_p95_ms']} ms; "
        f"recomputed each time: p50 {result['cold_p50_ms']} ms, p95 {result['cold_p95_ms']} ms",
        file=sys.stderr,
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
