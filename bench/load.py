"""The dashboard under load (issue 17): 50 volunteers on PostgreSQL behind `colibri run`'s server.

    .venv/bin/python bench/load.py [--reuse] [--quick] [--duration 60] [--ingest-seconds 600]
        [--pg postgres://postgres@127.0.0.1:5432/colibri_load_bench]

1. Fixture (bulk inserts, built once; `--reuse` keeps it and only tops it up): 10,000 open requests
   and 100,000 decided ones from 20,000 seekers, with triage JSON and raw payloads of realistic width,
   1,000 members (a fifth with stored audiences), 50 moderators, and today's plan of 2,480
   assignments (496 approved requests × 5 members, re-dated to today on every run).
2. The web server started by `colibri run --no-worker --no-ingest` (waitress, same settings),
   in its own var folder. The 50 volunteers log in through the real login form and each page is
   opened once (before the clock starts: password hashing and first-view computations are not
   what is measured).
3. Human pace (locust, headless, `bench/load_locustfile.py`): each volunteer waits 6–16 s between
   pages (~4.5 requests/s for 50, as the issue measured): queue (plain, filtered, searched, page 2),
   request page, approve, plan, archive, statistics. p95 per page and overall.
4. Flat out (no wait, `--flat-users` clients) for `--flat-seconds` each: the Django admin changelist
   of requests (baseline) then the review queue, same data and server: requests per second, ratio.
5. Ingest: `colibri ingest --file F --interval 0` (the command-line replay path) in a subprocess on a
   fresh database `<name>_ingest` for `--ingest-seconds`, fed a generated stream of distinct seekers'
   posts: posts stored per second (polled in the database) and RSS growth of the process
   (first 10 s excluded: imports and the reference index).

Goals (issue 17): p95 <= 150 ms, queue >= 3x the admin changelist flat out, ingest >= 500 posts/s,
RSS growth <= 50 MB. Last line: {"p95_ms", "ingest_posts_per_s", "ingest_rss_growth_mb", ...}.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/colibri_load_bench"
VAR = Path(tempfile.gettempdir()) / "colibri-load-bench"  # secrets + static for the server, kept for --reuse
OPEN, DECIDED, SEEKERS, MEMBERS, VOLUNTEERS = 10_000, 100_000, 20_000, 1_000, 50
PLAN_REQUESTS, PER_REQUEST = 496, 5
PASSWORD = "bench-load-password-1"  # noqa: S105 (a throwaway fixture account)
FIXTURE_MARK = "load-bench-v1"
JOBS = [
    "Comptable",
    "Assistant de direction",
    "Développeuse web",
    "Infirmier",
    "Chargée de communication",
    "Conseillère clientèle",
    "Magasinier",
    "Juriste",
]
AWAITING = ["needs_review", "eligible", "ineligible"]
DECIDED_STATUSES = ["relayed", "rejected", "withdrawn", "approved", "ineligible", "outcome"]


def log(msg: str) -> None:
    print(f"load: {msg}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- databases


def pg_admin(url: str) -> tuple[str, str]:
    """(server URL on the `postgres` database, database name) of a postgres:// URL."""
    base, _, name = url.rpartition("/")
    return f"{base}/postgres", name


def ensure_database(url: str, *, fresh: bool) -> bool:
    """Create the database (dropping it first when `fresh`); True when it already existed."""
    import psycopg

    admin, name = pg_admin(url)
    if not re.fullmatch(r"colibri_[a-z0-9_]*bench[a-z0-9_]*", name):
        sys.exit(f"bench/load.py: refusing to manage database {name!r} (expected colibri_…bench…)")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return bool(exists)


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["COLIBRI_VAR_DIR"] = str(VAR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
    from colibri.django_setup import prepare_secrets, setup_django

    prepare_secrets(VAR)
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --------------------------------------------------------------------------- fixture


def _triage(i: int, job: str, region: str) -> dict[str, Any]:
    """As wide as the engine's verdicts (reasons, feedback, spans): what the queue must not drag along."""
    return {
        "kind": "seeker",
        "eligible": i % 3 != 0,
        "confidence": round(0.5 + (i % 50) / 100, 2),
        "job": {"title": job, "rome": "M1203", "label": job, "spans": [[10, 22], [40, 51]]},
        "place": {"commune": "Lyon", "departement": "69", "region": region, "how": "hashtag"},
        "contracts": ["CDI", "CDD"],
        "reasons": [f"raison {k}: indice trouvé dans le texte du message numéro {i}" for k in range(8)],
        "feedback": [f"conseil {k} pour améliorer la demande, avec un peu de texte autour" for k in range(5)],
        "second_opinion": {"label": "seeker", "p": 0.93, "words": [f"mot{k}" for k in range(40)]},
    }


def _raw(i: int, handle: str, text: str) -> dict[str, Any]:
    return {
        "kind": "post",
        "uri": f"at://did:plc:seeker{i}/app.bsky.feed.post/{i}",
        "author": {"id": f"did:plc:seeker{i}", "handle": handle, "bio": "Open to work #i4EmploiR " * 4},
        "text": text,
        "record": {"facets": [{"index": {"byteStart": k, "byteEnd": k + 8}} for k in range(0, 400, 20)]},
        "embed": {"images": [{"alt": "Visuel de compétences " * 6, "aspectRatio": [1200, 675]}]},
    }


def build_fixture() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone
    from pyroaring import BitMap

    from colibri.core.geodata import REGIONS
    from colibri.relay.models import (
        Audience,
        Member,
        NetworkAccount,
        Post,
        Profile,
        Request,
        Role,
    )

    regions = [name for _code, name, _pref in REGIONS]
    rng = random.Random(17)
    now = timezone.now()
    t0 = time.monotonic()
    User = get_user_model()
    with transaction.atomic():
        users = User.objects.bulk_create(User(username=f"benevole{k}") for k in range(VOLUNTEERS))
        hashed = User(username="x")
        hashed.set_password(PASSWORD)
        User.objects.filter(pk__in=[u.pk for u in users]).update(password=hashed.password)
        Profile.objects.bulk_create(Profile(user=u, role=Role.MODERATOR) for u in users)
        admin = User.objects.create_superuser("admin-bench", password=PASSWORD)
        Profile.objects.create(user=admin, role=Role.COORDINATOR)
        accounts = NetworkAccount.objects.bulk_create(
            NetworkAccount(
                network="bluesky",
                remote_id=f"did:plc:member{k}",
                handle=f"membre{k}.bsky.social",
                display_name=f"Membre {k}",
                followers_count=rng.randint(20, 5000),
                is_member=True,
            )
            for k in range(MEMBERS)
        )
        Member.objects.bulk_create(Member(account=a, opted_in_at=now) for a in accounts)
        Audience.objects.bulk_create(
            Audience(
                account=a,
                bitmap=BitMap(rng.sample(range(200_000), s := rng.randint(200, 3000))).serialize(),
                size=s,
            )
            for a in accounts[: MEMBERS // 5]
        )
        NetworkAccount.objects.bulk_create(
            NetworkAccount(
                network="bluesky",
                remote_id=f"did:plc:seeker{k}",
                handle=f"personne{k}.bsky.social",
                display_name=f"Personne {k}",
                bio="Open to work #i4EmploiR",
                followers_count=rng.randint(10, 800),
                is_seeker=True,
            )
            for k in range(SEEKERS)
        )
    seekers = list(NetworkAccount.objects.filter(is_seeker=True).order_by("id").values_list("id", "handle"))
    deciders = [u.pk for u in users]
    total = OPEN + DECIDED
    batch = 5000
    for start in range(0, total, batch):
        with transaction.atomic():
            rows = range(start, min(total, start + batch))
            posts = Post.objects.bulk_create(_post(i, seekers, now, rng) for i in rows)
            Request.objects.bulk_create(
                _request(i, p, regions, deciders, now) for i, p in zip(rows, posts, strict=True)
            )
        log(f"fixture: {min(total, start + batch):,}/{total:,} requests")
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    from colibri.relay.models import AuditLog

    AuditLog.objects.create(action=FIXTURE_MARK, actor_label="bench", details={})
    log(f"fixture built in {time.monotonic() - t0:.0f} s")


def _post(i: int, seekers: list[tuple[int, str]], now: datetime, rng: random.Random) -> Any:
    from colibri.relay.models import Post

    author_id, handle = seekers[i % len(seekers)]
    job = JOBS[i % len(JOBS)]
    text = (
        f"Bonjour, je cherche un poste de {job.lower()} en CDI ou CDD, dix ans d'expérience, "
        f"disponible tout de suite. Mon profil : https://www.linkedin.com/in/personne-{i} "
        f"Merci de partager ! #PleaseRT #{job.replace(' ', '')} #i4EmploiR"
    )
    return Post(
        network="bluesky",
        uri=f"at://did:plc:seeker{i}/app.bsky.feed.post/{i}",
        author_id=author_id,
        text=text,
        posted_at=now - timedelta(minutes=i),
        has_image=i % 2 == 0,
        links=[f"https://www.linkedin.com/in/personne-{i}"],
        raw=_raw(i, handle, text),
    )


def _request(i: int, post: Any, regions: list[str], deciders: list[int], now: datetime) -> Any:
    from colibri.relay.models import Request

    job = JOBS[i % len(JOBS)]
    region = regions[i % len(regions)] if i % 7 else ""
    created = now - timedelta(minutes=3 * (OPEN + DECIDED - i))  # oldest first, spread over ~8 months
    is_open = i >= DECIDED  # the newest rows are still waiting for a decision
    status = AWAITING[i % 3] if is_open else DECIDED_STATUSES[i % len(DECIDED_STATUSES)]
    if not is_open and DECIDED - PLAN_REQUESTS <= i:
        status = "approved"  # today's plan is built on these
    verdict = _triage(i, job, region or "Île-de-France")
    return Request(
        post=post,
        status=status,
        category="seeker",
        eligible=i % 3 != 0,
        needs_review=status == "needs_review",
        confidence=verdict["confidence"],
        job_title=job,
        rome_code="M1203",
        rome_label=job,
        commune="Lyon" if region else "",
        region=region,
        contracts=["CDI", "CDD"],
        reasons=verdict["reasons"][:3],
        feedback=verdict["feedback"][:2],
        triage=verdict,
        created_at=created,
        updated_at=created,
        decided_at=None if is_open else created + timedelta(hours=2),
        decided_by_id=None if is_open else deciders[i % len(deciders)],
        relayed_at=created + timedelta(hours=3) if status == "relayed" else None,
    )


def refresh_day() -> None:
    """Today's plan, re-dated on every run: 496 approved requests × 5 members, all PLANNED."""
    from django.db import transaction
    from django.utils import timezone

    from colibri.relay.days import day_bounds
    from colibri.relay.models import Assignment, Member, Request

    start, _end = day_bounds(timezone.localdate())
    members = list(Member.objects.order_by("id").values_list("id", flat=True))
    approved = Request.objects.filter(status="approved", id__lte=DECIDED)  # not those a run approved
    reqs = list(approved.order_by("-id").values_list("id", flat=True))
    reqs = reqs[:PLAN_REQUESTS]
    with transaction.atomic():
        Assignment.objects.all().delete()
        Assignment.objects.bulk_create(
            Assignment(
                request_id=rid,
                member_id=members[(r * PER_REQUEST + k) % len(members)],
                slot_start=start + timedelta(hours=8, minutes=(r * 7 + k * 13) % 720),
                reach_added=100 + (r * k) % 400,
                relevance=0.5,
                explanation="Atteint des abonnés pas encore touchés dans la même région.",
            )
            for r, rid in enumerate(reqs)
            for k in range(PER_REQUEST)
        )


def top_up_open() -> None:
    """`--reuse` after a run that approved requests: put the queue back to 10,000 open requests."""
    from django.db import transaction

    from colibri.relay.models import Request

    open_qs = Request.objects.filter(status__in=AWAITING, decided_at__isnull=True)
    missing = OPEN - open_qs.count()
    if missing <= 0:
        return
    with transaction.atomic():
        # Requests the last run decided are the newest decided ones: reopen them as they were.
        ids = list(
            Request.objects.filter(id__gt=DECIDED, decided_at__isnull=False)
            .order_by("-id")
            .values_list("id", flat=True)[:missing]
        )
        Request.objects.filter(id__in=ids).update(status="needs_review", decided_at=None, decided_by=None)
        from colibri.relay.models import OutboxAction

        OutboxAction.objects.filter(request_id__in=ids).delete()
    log(f"reopened {len(ids)} requests decided by the last run")


def fixture(url: str, *, reuse: bool) -> None:
    existed = ensure_database(url, fresh=not reuse)
    setup_django(url)
    from colibri.relay.models import AuditLog

    if not (existed and AuditLog.objects.filter(action=FIXTURE_MARK).exists()):
        if existed:  # a half-built or foreign fixture: start again
            from django.db import connections

            connections.close_all()
            ensure_database(url, fresh=True)
            setup_django(url)
        build_fixture()
    else:
        log("fixture reused")
        top_up_open()
    refresh_day()
    vacuum()


def vacuum() -> None:
    """VACUUM ANALYZE, as autovacuum has done on a server up for a while: a freshly bulk-loaded table
    has no visibility map yet, so every index-only scan (the queue's count and régions) also read
    10,000 rows from the heap (30 ms instead of 1 ms), which no running installation does."""
    from django.db import connection

    with connection.cursor() as cur:
        # SQLite (bench/pages.py): statistics for indexes a migration added since the fixture was built.
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# --------------------------------------------------------------------------- server and volunteers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int, extra_env: dict[str, str]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DATABASE_URL=url, COLIBRI_VAR_DIR=str(VAR), **extra_env)
    cmd = [sys.executable, "-m", "colibri.cli", "run", "--no-worker", "--no-ingest"]  # data: as installed
    proc = subprocess.Popen(
        [*cmd, "--port", str(port)],
        env=env,
        cwd=VAR,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=(VAR / "server.log").open("ab"),  # waitress's queue-depth warnings: kept, not printed
    )
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("bench/load.py: `colibri run` stopped before serving")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/connexion/", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop(proc)
    sys.exit("bench/load.py: the web server did not answer within 120 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: `colibri run` and its waitress child
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def login(base: str, username: str) -> dict[str, str]:
    """Through the real login form: the cookies a browser would then hold (session + CSRF)."""
    import httpx

    with httpx.Client(base_url=base, timeout=60) as client:
        client.get("/connexion/")
        token = client.cookies["csrftoken"]
        answer = client.post(
            "/connexion/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}/connexion/"},
        )
        if answer.status_code != 302:
            sys.exit(f"bench/load.py: login of {username} failed ({answer.status_code})")
        return dict(client.cookies.items())


WARM_PAGES = ("/", "/plan/", "/archives/", "/statistiques/")


def warm_up(base: str, volunteer: dict[str, str], admin: dict[str, str]) -> None:
    """Each page once before the clock starts, as a server that has been up a while has them: the
    first view after a start computes the statistics report and the day's plan (kept until their
    data change), which a 60 s run would otherwise count as a tenth of its samples."""
    import httpx

    for cookies, paths in ((volunteer, WARM_PAGES), (admin, ("/admin/relay/request/",))):
        with httpx.Client(base_url=base, cookies=cookies, timeout=120) as client:
            for path in paths:
                client.get(path)


def locust_config(base: str, workdir: Path) -> Path:
    from colibri.relay.models import Request

    open_ids = list(
        Request.objects.filter(status__in=AWAITING, decided_at__isnull=True).values_list("id", flat=True)
    )
    random.Random(3).shuffle(open_ids)
    t0 = time.monotonic()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:  # each login hashes a password: a few at once, as at 9 am
        sessions = list(pool.map(lambda k: login(base, f"benevole{k}"), range(VOLUNTEERS)))
    admin = login(base, "admin-bench")
    log(f"{VOLUNTEERS} volunteers and the admin logged in in {time.monotonic() - t0:.1f} s")
    warm_up(base, sessions[0], admin)
    # Each volunteer approves from its own slice: no two approve the same request (no 409 noise).
    share = len(open_ids) // (2 * VOLUNTEERS)
    config = {
        "sessions": sessions,
        "admin": admin,
        "open_ids": open_ids[: len(open_ids) // 2],
        "to_approve": [open_ids[len(open_ids) // 2 + k * share :][:share] for k in range(VOLUNTEERS)],
    }
    path = workdir / "locust.json"
    path.write_text(json.dumps(config))
    return path


def run_locust(
    base: str, config: Path, workdir: Path, *, users: int, seconds: int, mode: str, tag: str
) -> list[dict[str, str]]:
    prefix = workdir / tag
    cmd = [
        str(Path(sys.executable).with_name("locust")),
        "-f",
        str(REPO / "bench" / "load_locustfile.py"),
        "--headless",
        "--only-summary",
        "-u",
        str(users),
        "-r",
        str(users),  # everyone starts within a second: logins already happened
        "-t",
        f"{seconds}s",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--stop-timeout",
        "10",
    ]
    env = dict(os.environ, LOAD_CONFIG=str(config), LOAD_MODE=mode)
    subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def p95_table(rows: list[dict[str, str]]) -> dict[str, Any]:
    table = {}
    for row in rows:
        table[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "rps": round(float(row["Requests/s"]), 2),
        }
    return table


# --------------------------------------------------------------------------- ingest


def replay_file(path: Path, posts: int) -> None:
    """Distinct seekers' posts shaped like the sample stream's (so triage does its real work)."""
    from colibri.relay.sources import SAMPLE_STREAM

    samples = []
    for line in SAMPLE_STREAM.read_text(encoding="utf-8").split("\n"):
        try:
            event = json.loads(line)
        except ValueError:
            continue  # the sample stream shows ingest skipping a malformed line: not a post to replay
        if isinstance(event, dict) and event.get("kind", "post") == "post" and not event.get("reply_to"):
            samples.append(event)
    with path.open("w", encoding="utf-8") as out:
        for i in range(posts):
            event = dict(samples[i % len(samples)])
            author = dict(event.get("author") or {})
            author["id"] = f"did:plc:ingest{i}"
            author["handle"] = f"ingest{i}.bsky.social"
            event.update(author=author, uri=f"at://did:plc:ingest{i}/app.bsky.feed.post/{i}", url="")
            event["text"] = f"{event.get('text', '')} ({i})"
            out.write(json.dumps(event, ensure_ascii=False) + "\n")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_ingest(url: str, seconds: int, workdir: Path) -> dict[str, Any]:
    import psycopg

    ingest_url = f"{url}_ingest"
    ensure_database(ingest_url, fresh=True)
    env = dict(os.environ, DATABASE_URL=ingest_url, COLIBRI_VAR_DIR=str(VAR), PYTHONUNBUFFERED="1")
    subprocess.run(
        [sys.executable, "-m", "colibri.cli", "django", "migrate", "-v", "0"], env=env, check=True, cwd=VAR
    )
    stream = workdir / "stream.jsonl"
    replay_file(stream, max(2000, seconds * 700))  # more than the goal's 500/s: the file never runs dry
    cmd = [sys.executable, "-m", "colibri.cli", "ingest", "--file", str(stream), "--interval", "0"]
    proc = subprocess.Popen(
        cmd, env=env, cwd=VAR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    t0 = time.monotonic()

    def stored() -> int:
        with psycopg.connect(ingest_url, autocommit=True) as conn:
            row = conn.execute("SELECT count(*) FROM relay_post").fetchone()
            return int(row[0]) if row else 0

    rss0 = count0 = None
    t_start = t0
    peak = 0.0
    while time.monotonic() - t0 < seconds and proc.poll() is None:
        time.sleep(1)
        if proc.poll() is not None:
            break
        rss = rss_mb(proc.pid)
        peak = max(peak, rss)
        if rss0 is None and time.monotonic() - t0 >= min(10, seconds / 3):
            rss0, count0, t_start = rss, stored(), time.monotonic()
    count1, t_end = stored(), time.monotonic()
    rss1 = rss_mb(proc.pid) if proc.poll() is None else peak
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    count0 = count0 or 0
    rate = (count1 - count0) / max(0.001, t_end - t_start)
    return {
        "ingest_posts_per_s": round(rate, 1),
        "ingest_rss_growth_mb": round(rss1 - (rss0 or rss1), 1),
        "ingest_posts_stored": count1,
        "ingest_seconds": round(t_end - t0, 1),
    }


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL database of the fixture (created)")
    parser.add_argument("--reuse", action="store_true", help="keep the fixture of an earlier run")
    parser.add_argument("--quick", action="store_true", help="15 s human pace, 8 s flat out, 60 s ingest")
    parser.add_argument("--duration", type=int, default=60, help="seconds at human pace (default 60)")
    parser.add_argument("--users", type=int, default=VOLUNTEERS)
    parser.add_argument("--flat-users", type=int, default=8, help="clients with no wait, flat out")
    parser.add_argument("--flat-seconds", type=int, default=20)
    parser.add_argument("--ingest-seconds", type=int, default=600)
    parser.add_argument("--server-env", action="append", default=[], help="NAME=VALUE for the server")
    args = parser.parse_args()
    if args.quick:
        args.duration, args.flat_seconds = 15, 8
        args.ingest_seconds = min(args.ingest_seconds, 60)

    VAR.mkdir(parents=True, exist_ok=True)
    fixture(args.pg, reuse=args.reuse)
    from django.db import connections

    workdir = Path(tempfile.mkdtemp(prefix="colibri-load-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    extra = dict(item.split("=", 1) for item in args.server_env)
    connections.close_all()
    server = start_server(args.pg, port, extra)
    try:
        config = locust_config(base, workdir)
        connections.close_all()
        log(f"human pace: {args.users} volunteers for {args.duration} s")
        human = p95_table(
            run_locust(base, config, workdir, users=args.users, seconds=args.duration, mode="human", tag="h")
        )
        flat = {}
        for mode in ("admin", "queue"):
            log(f"flat out: {mode}, {args.flat_users} clients for {args.flat_seconds} s")
            rows = run_locust(
                base, config, workdir, users=args.flat_users, seconds=args.flat_seconds, mode=mode, tag=mode
            )
            flat[mode] = p95_table(rows)["Aggregated"]
    finally:
        stop(server)
    for name, row in sorted(human.items()):
        log(
            f"  {name:<22} n={row['requests']:>4} fail={row['failures']:>3} p50={row['p50_ms']:>6.0f} "
            f"p95={row['p95_ms']:>6.0f} ms"
        )
    for mode, row in flat.items():
        log(f"  flat {mode:<17} {row['rps']:>6.1f} req/s  p95={row['p95_ms']:.0f} ms  fail={row['failures']}")
    result: dict[str, Any] = {
        "p95_ms": human["Aggregated"]["p95_ms"],
        "p95_ms_per_page": {k: v["p95_ms"] for k, v in human.items() if k != "Aggregated"},
        "human_requests_per_s": human["Aggregated"]["rps"],
        "human_failures": human["Aggregated"]["failures"],
        "queue_flat_rps": flat["queue"]["rps"],
        "admin_changelist_flat_rps": flat["admin"]["rps"],
        "throughput_ratio_vs_admin": round(flat["queue"]["rps"] / max(0.01, flat["admin"]["rps"]), 2),
    }
    if args.ingest_seconds > 0:
        log(f"ingest: replay for {args.ingest_seconds} s")
        result.update(measure_ingest(args.pg, args.ingest_seconds, workdir))
    else:
        result.update(ingest_posts_per_s=None, ingest_rss_growth_mb=None)
    shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
