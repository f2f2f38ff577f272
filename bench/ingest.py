"""Bluesky stream -> database throughput, and detection-to-repost latency, on the local AT Protocol network.

    scripts/atproto-net start && .venv/bin/python bench/ingest.py [--posts 150] [--samples 10]

* throughput: `--posts` candidate requests are published on the local PDS (5 accounts), then a
  fresh `colibri ingest` process reads them from the firehose into an empty SQLite database
  (profile look-ups, triage, one transaction per post with its cursor). posts_per_s = posts
  stored / wall time from the process start to the last one stored (start-up included, so it is
  a floor). Baseline, same run: the adapter alone reading the same firehose range with no
  database (decode + filter + profile cache): the ratio says what the database side costs.
* latency: `colibri ingest --follow` and `colibri dispatch` run as they would in production; this
  process plays a coordinator who approves every eligible request at once (auto-approval). For
  each of `--samples` requests published one at a time (3 s apart, so the collective's own
  pacing of official reposts, one per 86,400/32,767 s at most, never delays them), latency =
  from the post's creation on the PDS to the official repost record existing in the official
  repo. Goal: p95 <= 5 s.

Last line: {"posts_per_s", "latency_p50_s", "latency_p95_s"} (+ baseline figures).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def load_net_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k.startswith("ATPROTO_")}
    env_file = REPO / "var" / "atproto-net.env"
    if "ATPROTO_PDS_URL" not in env and env_file.exists():
        for line in env_file.read_text().splitlines():
            key, _, value = line.removeprefix("export ").partition("=")
            env[key] = value
    if "ATPROTO_PDS_URL" not in env:
        sys.exit("bench/ingest.py: no local AT Protocol network (run scripts/atproto-net start)")
    return env


def post(account: Any, text: str) -> tuple[str, float]:
    from tests.networks.netkit import post_text

    return post_text(account, text), time.monotonic()


def stored_count(db: Path, uris: list[str]) -> int:
    try:
        with sqlite3.connect(db, timeout=10) as conn:
            marks = ",".join("?" * len(uris))
            row = conn.execute(f"SELECT count(*) FROM relay_post WHERE uri IN ({marks})", uris).fetchone()  # noqa: S608
            return int(row[0])
    except sqlite3.OperationalError:
        return 0  # tables not created yet


def process_env(net: dict[str, str], db: Path, official: Any, var: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{db}",
        DJANGO_SETTINGS_MODULE="colibri.settings",
        COLIBRI_VAR_DIR=str(var),
        COLIBRI_CREDENTIALS_KEY="",
        BLUESKY_HANDLE=official.handle,
        BLUESKY_APP_PASSWORD=official.app_password,
        BLUESKY_SERVICE=net["ATPROTO_PDS_URL"],
        BLUESKY_FIREHOSE_URL=net["ATPROTO_PDS_URL"].replace("http://", "ws://", 1),  # no relay locally
        LOG_LEVEL="WARNING",
    )
    return env


def migrate(env: dict[str, str], official: Any) -> None:
    code = (
        "from colibri.django_setup import setup_django; setup_django()\n"
        "from datetime import time\n"
        "from django.core.management import call_command\n"
        "from colibri.relay.models import CollectiveSettings, NetworkAccount\n"
        "call_command('migrate', verbosity=0, interactive=False)\n"
        "cs = CollectiveSettings.get()\n"
        "cs.active_hours_start, cs.active_hours_end = time(0), time(23, 59, 59)\n"
        "cs.official_daily_budget = 32767\n"
        "cs.save()\n"
        f"NetworkAccount.objects.create(network='bluesky', remote_id={official.did!r},"
        f" handle={official.handle!r}, is_official=True)\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=REPO)


def throughput(
    net: dict[str, str], accounts: list[Any], official: Any, n_posts: int, tmp: Path
) -> dict[str, float]:
    from colibri.networks.bluesky.network import BlueskyNetwork

    pds = net["ATPROTO_PDS_URL"]
    head = BlueskyNetwork(
        service=pds, firehose_url=pds.replace("http://", "ws://"), idle_timeout=1.0, recv_timeout=0.2
    )
    # The firehose position before the burst: the last seq of a replay from 0 (cheap on a test network).
    for _event, _cursor in head.stream("0"):
        pass
    start_seq = head._scanned_seq or 0
    uris: list[str] = []
    t0 = time.monotonic()
    for i in range(n_posts):
        text = f"#PleaseRT Je recherche un poste de #Comptable en CDI à #Lyon, demande {i} #i4EmploiR"
        uris.append(post(accounts[i % len(accounts)], text)[0])
    publish_rate = n_posts / (time.monotonic() - t0)

    # Baseline: the adapter alone over the same range (no database).
    reader = BlueskyNetwork(
        service=pds, firehose_url=pds.replace("http://", "ws://"), idle_timeout=0.5, recv_timeout=0.1
    )
    reader.author(accounts[0].did)  # warm the profile cache as ingest's would be after a few posts
    t0 = time.monotonic()
    seen = sum(1 for event, _ in reader.stream(str(start_seq)) if event.uri in set(uris))
    baseline_s = time.monotonic() - t0 - 0.5  # minus the idle time that ends the stream
    assert seen == n_posts, f"adapter saw {seen}/{n_posts}"

    db = tmp / "throughput.sqlite3"
    env = process_env(net, db, official, tmp)
    migrate(env, official)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO relay_ingestcursor (source, cursor, updated_at) VALUES (?, ?, ?)",
            (head.source, str(start_seq), datetime.now(UTC).isoformat()),
        )
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "colibri.cli", "ingest", "--follow", "--poll", "0.2", "--quiet"],
        env=env,
        cwd=REPO,
    )
    t_first = None
    try:
        deadline = time.monotonic() + 300
        while (count := stored_count(db, uris)) < n_posts:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit(f"ingest stored {count}/{n_posts} posts")
            if count and t_first is None:
                t_first = time.monotonic()
            time.sleep(0.01)
        t_last = time.monotonic()
        elapsed = t_last - t0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    sustained = (n_posts - 1) / (t_last - t_first) if t_first and t_last > t_first else n_posts / elapsed
    return {
        "posts_per_s": round(sustained, 2),
        "posts_per_s_with_startup": round(n_posts / elapsed, 2),
        "baseline_stream_only_posts_per_s": round(n_posts / max(baseline_s, 1e-6), 2),
        "pds_publish_posts_per_s": round(publish_rate, 2),
    }


def latency(net: dict[str, str], seeker: Any, official: Any, samples: int, tmp: Path) -> list[float]:
    db = tmp / "latency.sqlite3"
    env = process_env(net, db, official, tmp)
    migrate(env, official)
    os.environ.update(
        {k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "COLIBRI_VAR_DIR", "LOG_LEVEL")}
    )
    from colibri.django_setup import setup_django

    setup_django()
    from colibri.relay.actions.decisions import do_approve_request
    from colibri.relay.models import Request, RequestStatus

    procs = [
        subprocess.Popen([sys.executable, "-m", "colibri.cli", *args], env=env, cwd=REPO)
        for args in (
            ("ingest", "--follow", "--poll", "0.2", "--quiet"),
            ("dispatch", "--idle-sleep", "0.05", "--worker-id", "bench"),
        )
    ]
    results: list[float] = []
    detected: list[float] = []
    try:
        time.sleep(3.0)  # both processes up (Django start-up is not what is measured)
        for i in range(samples + 1):  # sample 0 warms up (first search backfill, logins, index): not counted
            uri, t_post = post(
                seeker, f"#PleaseRT Je recherche un poste de #Comptable en CDI à #Lyon ({i}) #i4EmploiR"
            )
            deadline = time.monotonic() + 60
            approved = False
            while True:
                if time.monotonic() > deadline:
                    raise SystemExit(f"no repost of {uri} within 60 s")
                if not approved:
                    request = Request.objects.filter(post__uri=uri).first()
                    if request is not None and request.status == RequestStatus.ELIGIBLE:
                        do_approve_request(request, actor=None, reason="auto-approbation (bench)")
                        approved = True
                        detected.append(time.monotonic() - t_post)
                    elif request is not None and request.status not in (RequestStatus.DETECTED,):
                        raise SystemExit(f"request {uri} triaged {request.status}, not eligible")
                page = official.client.com.atproto.repo.list_records(
                    {"repo": official.did, "collection": "app.bsky.feed.repost", "limit": 5}
                )
                if any(_subject(r.value) == uri for r in page.records):
                    results.append(time.monotonic() - t_post)
                    break
                time.sleep(0.02)
            note = " (warm-up, not counted)" if i == 0 else ""
            print(f"  sample {i}: approved at {detected[-1]:.2f} s, reposted at {results[-1]:.2f} s{note}")
            time.sleep(3.0)  # stay clear of the official pacing interval (86,400 / 32,767 s)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)
    return results[1:]


def _subject(value: Any) -> str:
    if isinstance(value, dict):
        return str(value["subject"]["uri"])
    return str(value.subject.uri)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=150)
    parser.add_argument("--samples", type=int, default=10)
    args = parser.parse_args()
    net = load_net_env()
    from tests.networks.netkit import AtprotoNet, create_account

    anet = AtprotoNet(net["ATPROTO_PDS_URL"], net["ATPROTO_APPVIEW_URL"], net.get("ATPROTO_PLC_URL", ""))
    tag = secrets.token_hex(2)
    official = create_account(anet, f"bo{tag}", bio="Compte officiel #i4emploi")
    accounts = [
        create_account(anet, f"bs{i}{tag}", bio="Comptable en recherche #i4EmploiR") for i in range(5)
    ]
    with tempfile.TemporaryDirectory(prefix="colibri-bench-") as tmpdir:
        tmp = Path(tmpdir)
        through = throughput(net, accounts, official, args.posts, tmp)
        print(f"throughput: {through['posts_per_s']} posts/s into the database, sustained (first to last)")
        print(f"  counting the ingest process start-up: {through['posts_per_s_with_startup']} posts/s")
        print(
            f"  baseline, adapter alone (no database): {through['baseline_stream_only_posts_per_s']} posts/s"
        )
        ratio = through["posts_per_s"] / through["baseline_stream_only_posts_per_s"]
        print(f"  ratio ingest/baseline: {ratio:.3g}")
        print(f"  the PDS published them at {through['pds_publish_posts_per_s']} posts/s")
        lat = latency(net, accounts[0], official, args.samples, tmp)
    lat.sort()
    p50 = statistics.median(lat)
    p95 = lat[min(len(lat) - 1, max(0, round(0.95 * len(lat)) - 1))]
    print(f"latency post -> official repost ({len(lat)} auto-approved): p50 {p50:.2f} s, p95 {p95:.2f} s")
    print(f"  goal p95 <= 5 s: {'met' if p95 <= 5 else 'NOT met'}; all: {[round(x, 2) for x in lat]}")
    print(
        json.dumps(
            {
                "posts_per_s": through["posts_per_s"],
                "latency_p50_s": round(p50, 3),
                "latency_p95_s": round(p95, 3),
                "baseline_stream_only_posts_per_s": through["baseline_stream_only_posts_per_s"],
                "pds_publish_posts_per_s": through["pds_publish_posts_per_s"],
            }
        )
    )


if __name__ == "__main__":
    main()
