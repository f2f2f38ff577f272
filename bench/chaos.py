"""Chaos bench (issue 17): a replayed day of posts through real processes killed at random, 0 lost.

    .venv/bin/python bench/chaos.py [--posts 5000] [--seed 17] [--defer-triage] [--kill-every 15] [--keep]
    .venv/bin/python bench/chaos.py --posts 300 --kill-every 5      # a quick run (~2 minutes)

What runs, each as its own process, as `colibri run` / docs/deploy.md start them:
- a private PostgreSQL cluster this bench creates (initdb + pg_ctl from /usr/lib/postgresql/*/bin, in a
  temporary folder, on its own port, as the `postgres` user when run as root): the shared server on
  5432 is never touched, and this one can be crashed (`pg_ctl stop -m immediate`, then start) mid-run;
- web (waitress on the WSGI app), worker (`colibri worker`), dispatch (`colibri dispatch`) and ingest
  (`colibri ingest --file DAY.jsonl --follow`, triage in ingest as `colibri run` does, or in the worker
  with --defer-triage).
The day: `--posts` posts from bench/triage_speed.py's generator (half the labelled corpus's dev split,
half templates: clear requests, offers, freelancers, work-study, thanks, English), one author each,
written over the last 20 hours. Automatic approval is on; a scripted volunteer also approves one in
three « À vérifier » requests through the web (login, CSRF, POST /demandes/N/decision/), retrying while
the web is down.

The relay target is the recording fake network the dispatch tests use (`tests.app.dispatch_fakenet`
through COLIBRI_DISPATCH_ADAPTER_FACTORY): every repost call adds a row to its ledger (not idempotent,
so a duplicate cannot hide, even one made by a dispatcher killed before it could record it), and the
dispatcher's check-before-retry reads it. The local AT Protocol network was not used: every post would
have to be written through its PDS and read back from its firehose, and every repost written there,
on the same two shared cores as the four processes and PostgreSQL, so the run would measure the
network's speed; what is under test is the relay's own bookkeeping across kills.

The official pacing spreads a day's reposts over the active hours (one every 2.6 s at most); the
bench compresses the day: every half second it brings the not-yet-tried official reposts due now (what the
clock would do), and dispatch runs with --official-gap 0.

Kills: every `--kill-every` seconds on average (default 15, seeded RNG), kill -9 one of web, worker, ingest,
dispatch; it is restarted 0.2–2 s later. PostgreSQL is crashed and restarted once, when about 40% of
the day is read. Kills stop when the day is read and every approved request is relayed (or on
timeout); then everything is stopped and checked:
- every tracked post of the day stored exactly once, none left untriaged (`detected`);
- every approved request (automatically or by the volunteer) reposted exactly once by the official
  account on the network: ledger rows per URI; every 200 the volunteer got is an approved request.
Last line: {"lost", "duplicates", "kills", ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.triage_speed import make_posts  # noqa: E402
from tests.app.dispatch_fakenet import all_reposts, init_ledger  # noqa: E402

PY = sys.executable
ROLES = ("web", "worker", "ingest", "dispatch")
APPROVED = ("approved", "scheduled", "relayed", "amplified", "followed_up", "outcome")
VOLUNTEER = ("benevole", "chaos-bench-password-1")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --------------------------------------------------------------------------- private PostgreSQL


class PrivatePostgres:
    """A throwaway cluster in `root`: initdb, start, crash-restart, stop. Never the shared server."""

    def __init__(self, root: Path, port: int) -> None:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
        if not versions:
            sys.exit("bench/chaos.py: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)")
        self.bin = versions[-1].parent
        self.data = root / "pgdata"
        self.log = root / "postgres.log"
        self.port = port
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to `postgres`
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(root, "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{port}/colibri"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, cwd="/")

    def init(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-instructions",
        )
        self.start()
        subprocess.run(
            [
                str(self.bin / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "colibri",
            ],
            check=True,
        )

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=200"
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w", "start"
        )

    def crash_restart(self) -> float:
        """Stop without a checkpoint (as a crash: recovery replays the WAL), then start; seconds down."""
        t = time.monotonic()
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        time.sleep(1.0)
        self.start()
        return time.monotonic() - t

    def stop(self) -> None:
        subprocess.run(
            [*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
            capture_output=True,
            cwd="/",
            check=False,
        )


# --------------------------------------------------------------------------- the day


def write_day(path: Path, n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    events = []
    for i, p in enumerate(make_posts(n, rng)):
        # Written over the last 20 hours: automatic approval holds back posts read a day late.
        at = now - timedelta(hours=20) + timedelta(seconds=72_000 * i / max(1, n))
        did = f"did:plc:chaos{seed}x{i:05d}"
        events.append(
            {
                "kind": "post",
                "network": "bluesky",
                "uri": f"at://{did}/app.bsky.feed.post/{i:06d}",
                "url": f"https://bsky.app/profile/p{i}.chaos.test/post/{i:06d}",
                "author": {
                    "id": did,
                    "handle": f"p{i}.chaos.test",
                    "display_name": f"Personne {i}",
                    "bio": p.author_bio,
                    "followers_count": rng.randint(5, 900),
                },
                "text": p.text,
                "created_at": at.isoformat(),
                "has_image": p.has_image,
            }
        )
    with path.open("w", encoding="utf-8") as fh:
        for e in events:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return events


# --------------------------------------------------------------------------- processes


class Fleet:
    """The four roles as processes; kill -9 and restart like systemd's Restart=always would."""

    def __init__(self, env: dict[str, str], day: Path, port: int, logs: Path, defer_triage: bool) -> None:
        self.env = env
        self.logs = logs
        ingest = [PY, "-m", "colibri.cli", "ingest", "--file", str(day), "--follow", "--poll", "1", "--quiet"]
        if defer_triage:
            ingest.append("--defer-triage")
        self.commands = {
            "web": [
                PY, "-m", "waitress", "--host=127.0.0.1", f"--port={port}", "--threads=8",
                "colibri.wsgi:application",
            ],
            "worker": [PY, "-m", "colibri.cli", "worker", "--interval", "0.2"],
            "ingest": ingest,
            "dispatch": [
                PY, "-m", "colibri.cli", "dispatch", "--official-gap", "0", "--lease", "10",
                "--idle-sleep", "0.2", "--backoff-base", "0.2", "--backoff-max", "2", "--max-attempts", "50",
            ],
        }  # fmt: skip
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.starts: Counter[str] = Counter()
        self.exits: Counter[str] = Counter()  # ended by themselves (not our kill): crash on a lost DB...

    def start(self, role: str) -> None:
        log = (self.logs / f"{role}.log").open("ab")
        self.procs[role] = subprocess.Popen(
            self.commands[role], env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO
        )
        log.close()
        self.starts[role] += 1

    def kill(self, role: str) -> None:
        p = self.procs[role]
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
        p.wait()

    def revive(self) -> None:
        """Restart any role that ended by itself (as `colibri run` and systemd do)."""
        for role, p in self.procs.items():
            if p.poll() is not None:
                self.exits[role] += 1
                self.start(role)

    def stop_all(self) -> None:
        for p in self.procs.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in self.procs.values():
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


class Volunteer(threading.Thread):
    """Approves one in three « À vérifier » requests through the web, as a moderator's browser would."""

    def __init__(self, base: str, pg_url: str, seed: int, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.base, self.pg_url, self.stop = base, pg_url, stop
        self.rng = random.Random(seed + 1)
        self.ok: set[int] = set()  # 200: approved by us
        self.conflicts = 0  # 409: already decided (our own earlier attempt whose answer was lost)
        self.failures = 0  # no answer (web killed, database down): retried
        self.seen: set[int] = set()

    def _session(self) -> Any:
        import httpx

        c = httpx.Client(base_url=self.base, timeout=10)
        c.get("/connexion/")
        r = c.post(
            "/connexion/",
            data={
                "username": VOLUNTEER[0],
                "password": VOLUNTEER[1],
                "csrfmiddlewaretoken": c.cookies["csrftoken"],
            },
        )
        if r.status_code >= 400 or "sessionid" not in c.cookies:
            raise RuntimeError(f"login refused ({r.status_code})")
        return c

    def _todo(self) -> list[int]:
        import psycopg

        with psycopg.connect(self.pg_url, connect_timeout=3) as con:
            rows = con.execute(
                "SELECT id FROM relay_request WHERE status = 'needs_review' ORDER BY id"
            ).fetchall()
        return [r[0] for r in rows if r[0] not in self.seen]

    def run(self) -> None:
        client = None
        pending: list[int] = []
        while not self.stop.is_set():
            try:
                if client is None:
                    client = self._session()
                if not pending:
                    for pk in self._todo():
                        self.seen.add(pk)
                        if self.rng.random() < 1 / 3:
                            pending.append(pk)
                    if not pending:
                        self.stop.wait(0.5)
                        continue
                pk = pending[0]
                r = client.post(
                    f"/demandes/{pk}/decision/",
                    data={"decision": "approve"},
                    headers={"X-CSRFToken": client.cookies["csrftoken"], "Accept": "application/json"},
                )
                if r.status_code == 200:
                    self.ok.add(pk)
                elif r.status_code == 409:
                    self.conflicts += 1
                elif r.status_code in (302, 403):
                    client = None  # session lost (the login page): log in again
                    continue
                else:
                    self.failures += 1
                    self.stop.wait(0.3)
                    continue
                pending.pop(0)
                self.stop.wait(self.rng.uniform(0.05, 0.3))  # a human-ish pace
            except Exception:
                self.failures += 1
                client = None
                self.stop.wait(0.5)


# --------------------------------------------------------------------------- setup and checks


SETUP = """
from colibri.django_setup import setup_django; setup_django()
from datetime import time
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
from colibri.relay.models import CollectiveSettings, NetworkAccount
from colibri.relay.actions.volunteers import do_create_volunteer
cs = CollectiveSettings.get()
cs.auto_approve = True
cs.active_hours_start, cs.active_hours_end = time(0, 0), time(0, 0)  # the whole day
cs.official_daily_budget = 32000
cs.save()
NetworkAccount.objects.create(network="bluesky", remote_id="did:plc:official", handle="collectif.test",
                              is_official=True)
do_create_volunteer(username=%r, role="moderator", password=%r)
"""


def query(url: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, connect_timeout=5) as con:
        return con.execute(sql, params).fetchall()  # type: ignore[arg-type]


def progress(url: str) -> dict[str, int]:
    rows = query(url, "SELECT cursor FROM relay_ingestcursor WHERE source = 'replay:day.jsonl'")
    cursor = rows[0][0] if rows and rows[0][0] else "0"
    status = dict(query(url, "SELECT status, count(*) FROM relay_request GROUP BY status"))
    outbox = dict(query(url, "SELECT status, count(*) FROM relay_outboxaction GROUP BY status"))
    return {
        "line": int(cursor or 0),
        "detected": int(status.get("detected", 0)),
        "approved_waiting": int(status.get("approved", 0)) + int(status.get("scheduled", 0)),
        "needs_review": int(status.get("needs_review", 0)),
        "outbox_open": int(outbox.get("pending", 0)) + int(outbox.get("running", 0)),
        "relayed": int(status.get("relayed", 0)),
    }


def bring_forward(url: str) -> None:
    """Compress the day: official reposts not yet tried are due now (dispatch's --official-gap 0)."""
    query(
        url,
        "UPDATE relay_outboxaction SET not_before = now() WHERE status = 'pending' AND attempts = 0 "
        "AND not_before > now() RETURNING id",
    )


def tracked(events: list[dict[str, Any]], url: str) -> set[str]:
    from colibri.core.prefilter import is_candidate

    seeker, member, extra = query(
        url, "SELECT seeker_hashtag, member_hashtag, tracked_hashtags FROM relay_collectivesettings"
    )[0]
    tags = tuple(sorted({str(t).lstrip("#") for t in [*(extra or []), seeker, member] if t}))
    return {e["uri"] for e in events if is_candidate(e["text"] + "\n" + e["author"]["bio"], tags)}


def check(
    url: str, ledger: Path, events: list[dict[str, Any]], volunteer: Volunteer, read: int
) -> dict[str, Any]:
    # Posts past the stream position were not read yet (a run stopped early): not lost, not counted.
    want = tracked(events[:read], url)
    stored = Counter(
        u for (u,) in query(url, "SELECT uri FROM relay_post WHERE uri LIKE 'at://did:plc:chaos%%'")
    )
    statuses = dict(
        query(url, "SELECT p.uri, r.status FROM relay_request r JOIN relay_post p ON p.id = r.post_id")
    )
    approved = {u for u, s in statuses.items() if s in APPROVED}
    by_pk = dict(query(url, "SELECT r.id, p.uri FROM relay_request r JOIN relay_post p ON p.id = r.post_id"))
    reposts = Counter(u for _i, a, u, _d in all_reposts(ledger) if a == "did:plc:official")
    live = Counter(u for _i, a, u, d in all_reposts(ledger) if a == "did:plc:official" and not d)
    auto = query(url, "SELECT count(*) FROM relay_auditlog WHERE action = 'request_auto_approved'")
    posts_lost = sorted(want - set(stored))
    untriaged = sorted(u for u, s in statuses.items() if s == "detected")
    relays_lost = sorted(u for u in approved if live[u] == 0)
    volunteer_lost = sorted(by_pk[pk] for pk in volunteer.ok if by_pk.get(pk) not in approved)
    dup_posts = sum(n - 1 for n in stored.values() if n > 1)
    dup_reposts = sum(n - 1 for n in reposts.values() if n > 1)
    stray = sorted(u for u in reposts if u not in approved)  # reposted but not (or no longer) approved
    return {
        "posts": len(events),
        "tracked_posts": len(want),
        "stored_posts": len(stored),
        "requests": len(statuses),
        "approved_requests": len(approved),
        "auto_approved": int(auto[0][0]) if auto else 0,
        "volunteer_approved": len(volunteer.ok),
        "relayed_on_network": sum(1 for u in approved if live[u] == 1),
        "posts_lost": len(posts_lost),
        "untriaged": len(untriaged),
        "relays_lost": len(relays_lost),
        "volunteer_approvals_lost": len(volunteer_lost),
        "duplicate_posts": dup_posts,
        "duplicate_reposts": dup_reposts,
        "stray_reposts": len(stray),
        "examples": (posts_lost + untriaged + relays_lost + volunteer_lost + stray)[:5],
    }


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=5000, help="posts in the replayed day (default 5000)")
    parser.add_argument("--seed", type=int, default=17, help="seeds the day, the kills and the volunteer")
    # Each role is killed every 4 x this on average: a restarted ingest needs ~5-20 s on a busy
    # two-core machine to load Django and the reference index, so much more often and it never works.
    parser.add_argument("--kill-every", type=float, default=15.0, help="mean seconds between two kills")
    parser.add_argument("--timeout", type=float, default=3600.0, help="give up after this many seconds")
    parser.add_argument("--defer-triage", action="store_true", help="triage in the worker, not in ingest")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, ledger)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="colibri-chaos-"))
    os.chmod(tmp, 0o755)  # noqa: S103 (the cluster's owner, `postgres`, must reach its folder inside)
    (tmp / "pg").mkdir()
    pg = PrivatePostgres(tmp / "pg", free_port())
    fleet: Fleet | None = None
    stop = threading.Event()
    try:
        pg.init()
        var = tmp / "var"
        var.mkdir()
        ledger = tmp / "ledger.sqlite3"
        init_ledger(ledger)
        day = tmp / "day.jsonl"
        events = write_day(day, args.posts, args.seed)
        from colibri.commands.triage import shared_sources
        from colibri.core.refindex import build_index

        sources = shared_sources()
        if sources is not None:
            build_index(*sources, var / "refdata")
        port = free_port()
        env = dict(os.environ)
        env.update(
            DATABASE_URL=pg.url,
            DJANGO_SETTINGS_MODULE="colibri.settings",
            SECRET_KEY="chaos-bench-" + "k" * 50,
            COLIBRI_VAR_DIR=str(var),
            COLIBRI_REFDATA_DIR=str(var / "refdata"),
            COLIBRI_REPLAY_INTERVAL="0",
            COLIBRI_DISPATCH_ADAPTER_FACTORY="tests.app.dispatch_fakenet.factory",
            FAKENET_LEDGER=str(ledger),
            FAKENET_SEED=str(args.seed),
            PYTHONPATH=str(REPO),
            PYTHONUNBUFFERED="1",
            LOG_LEVEL="WARNING",
        )
        env.pop("COLIBRI_REPLAY_FILE", None)
        subprocess.run([PY, "-c", SETUP % VOLUNTEER], env=env, check=True, cwd=REPO)
        logs = tmp / "logs"
        logs.mkdir()
        fleet = Fleet(env, day, port, logs, args.defer_triage)
        for role in ROLES:
            fleet.start(role)
        volunteer = Volunteer(f"http://127.0.0.1:{port}", pg.url, args.seed, stop)
        volunteer.start()
        t0 = time.monotonic()
        kills: Counter[str] = Counter()
        pg_restarted_at: int | None = None
        pg_down = 0.0
        next_kill = t0 + rng.expovariate(1 / args.kill_every)
        last_print = 0.0
        state: dict[str, int] = {}
        calm_since: float | None = None
        # Ctrl-C or SIGTERM end the loop; the checks and the clean-up (processes, cluster) still run.
        signal.signal(signal.SIGINT, lambda *_a: stop.set())
        signal.signal(signal.SIGTERM, lambda *_a: stop.set())
        while time.monotonic() - t0 < args.timeout and not stop.is_set():
            time.sleep(0.5)
            try:
                state = progress(pg.url)
                bring_forward(pg.url)
            except Exception:  # the database is restarting: the next tick reads it
                state["unreadable_ticks"] = state.get("unreadable_ticks", 0) + 1
            now = time.monotonic()
            if pg_restarted_at is None and state.get("line", 0) >= 0.4 * len(events):
                pg_restarted_at = state["line"]
                pg_down = pg.crash_restart()
            if now >= next_kill:
                role = rng.choice(ROLES)
                fleet.kill(role)
                kills[role] += 1
                time.sleep(rng.uniform(0.2, 2.0))
                fleet.start(role)
                next_kill = time.monotonic() + rng.expovariate(1 / args.kill_every)
            fleet.revive()
            if now - last_print > 10:
                last_print = now
                print(f"[{now - t0:6.0f} s] {json.dumps(state)} kills={sum(kills.values())}", flush=True)
            done = (
                state.get("line", 0) >= len(events)
                and state.get("detected", 1) == 0
                and state.get("approved_waiting", 1) == 0
                and state.get("outbox_open", 1) == 0
                and pg_restarted_at is not None
            )
            # Done once the day is read, triaged and relayed, and stays so for 5 s (the volunteer's last
            # approvals and the last reposts are in flight for a moment).
            calm_since = (calm_since or now) if done else None
            if calm_since is not None and now - calm_since > 5:
                break
        elapsed = time.monotonic() - t0
        finished = calm_since is not None
        stop.set()
        volunteer.join(timeout=15)
        fleet.stop_all()
        final = progress(pg.url)
        result = check(pg.url, ledger, events, volunteer, final["line"])
        lost = (
            result["posts_lost"]
            + result["untriaged"]
            + result["relays_lost"]
            + result["volunteer_approvals_lost"]
        )
        duplicates = result["duplicate_posts"] + result["duplicate_reposts"] + result["stray_reposts"]
        print(
            f"day of {len(events)} posts in {elapsed:.0f} s: {result['stored_posts']} stored of "
            f"{result['tracked_posts']} tracked, {result['approved_requests']} approved "
            f"({result['auto_approved']} automatically, {result['volunteer_approved']} by the volunteer), "
            f"{result['relayed_on_network']} reposted once"
        )
        print(f"kills: {dict(kills)}; restarts after a crash of their own: {dict(fleet.exits)}")
        print(f"PostgreSQL crashed at line {pg_restarted_at}, down {pg_down:.1f} s; end state {final}")
        print(
            f"volunteer: {len(volunteer.ok)} approved, {volunteer.conflicts} answered 409, "
            f"{volunteer.failures} retries"
        )
        if args.keep:
            print(f"kept: {tmp}")
        print(
            json.dumps(
                {
                    "lost": lost,
                    "duplicates": duplicates,
                    "kills": sum(kills.values()),
                    "kills_by_role": dict(kills),
                    "self_exits": dict(fleet.exits),
                    "postgres_restarts": 1 if pg_restarted_at is not None else 0,
                    "seconds": round(elapsed, 1),
                    "finished": finished,
                    "defer_triage": args.defer_triage,
                    **{k: v for k, v in result.items() if k != "examples"},
                    "examples": result["examples"],
                }
            )
        )
        return 0 if lost == 0 and duplicates == 0 and finished else 1
    finally:
        stop.set()
        if fleet is not None:
            fleet.stop_all()
        pg.stop()
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
