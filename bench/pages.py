"""Server time and SQL queries of each dashboard page, one request at a time (issue 17).

    .venv/bin/python bench/pages.py [--db postgres://postgres@127.0.0.1:5432/colibri_pages_bench]
    .venv/bin/python bench/pages.py --db sqlite:////tmp/colibri-pages-bench.sqlite3 [--repeat 7]

The fixture of `bench/load.py` (10,000 open and 100,000 decided requests, 1,000 members, today's
plan of 2,480 assignments), built once per database and reused, then every page the volunteers of
`bench/load.py` open, through Django's test client in this process (no server, no network, no
other load: what one page costs the server): median and best wall-clock ms over `--repeat` views
after one warm-up view (the first view after a start computes the day's plan and the statistics,
kept until their data change), and the SQL queries of one view. A full 50-user run perturbs a
shared machine; this measures what each page costs, which is what the load run's p95 is made of.
Last line: {"db", "pages": {name: {"ms", "best_ms", "cpu_ms", "queries", "kb"}}, "total_ms"}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

import load  # noqa: E402 (the fixture of bench/load.py, same data)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/colibri_pages_bench"


def fixture(url: str) -> None:
    if url.startswith("postgres"):
        load.fixture(url, reuse=True)
        return
    load.setup_django(url)  # SQLite: the file is the database (delete it to start again)
    from colibri.relay.models import AuditLog

    if not AuditLog.objects.filter(action=load.FIXTURE_MARK).exists():
        load.build_fixture()
    else:
        load.top_up_open()
    load.refresh_day()
    load.vacuum()


def pages() -> list[tuple[str, str, str]]:
    """(name, path, who): the pages of bench/load_locustfile.py, as its volunteers open them."""
    from colibri.relay.models import Request

    open_id = Request.objects.filter(status__in=load.AWAITING).order_by("id").values_list("id", flat=True)[50]
    return [
        ("queue", "/", "benevole0"),
        ("queue ?region", "/?region=Bretagne", "benevole0"),
        ("queue ?page=2", "/?page=2", "benevole0"),
        ("queue ?q", "/?q=comptable", "benevole0"),
        ("request page", f"/demandes/{open_id}/", "benevole0"),
        ("plan", "/plan/", "benevole0"),
        ("archive", "/archives/", "benevole0"),
        ("archive ?who", "/archives/?who=personne123", "benevole0"),
        ("statistics", "/statistiques/", "benevole0"),
        ("admin changelist", "/admin/relay/request/", "admin-bench"),
    ]


def measure(repeat: int, only: list[str], dump: Path | None) -> dict[str, dict[str, Any]]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients: dict[str, Client] = {}
    result = {}
    for name, path, who in pages():
        if only and name not in only:
            continue
        if who not in clients:
            clients[who] = Client()
            clients[who].force_login(get_user_model().objects.get(username=who))
        client = clients[who]
        answer = client.get(path)  # warm-up view (not counted)
        if answer.status_code != 200:
            sys.exit(f"bench/pages.py: {path} answered {answer.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        count = len(queries)  # now: the next request's `reset_queries` empties the log it reads
        times, cpu = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            answer = client.get(path)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        if dump is not None:  # to compare a change's pages with the former ones (CSRF tokens differ)
            dump.mkdir(parents=True, exist_ok=True)
            (dump / (name.replace(" ", "_").replace("?", "").replace("=", "-") + ".html")).write_bytes(
                answer.content
            )
        result[name] = {
            "ms": round(statistics.median(times), 1),
            "best_ms": round(min(times), 1),
            # This process's CPU (the database's is not in it): under load, the server's threads share
            # one interpreter, so this is what bounds its requests per second.
            "cpu_ms": round(statistics.median(cpu), 1),
            "queries": count,
            "kb": round(len(answer.content) / 1024, 1),
        }
        row = result[name]
        print(
            f"pages: {name:<18} {row['ms']:>7.1f} ms (best {row['best_ms']:>6.1f}, cpu {row['cpu_ms']:>6.1f})"
            f"  {row['queries']:>3} queries  {row['kb']:>6.1f} kB",
            file=sys.stderr,
            flush=True,
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default=DEFAULT_DB, help="postgres://…/colibri_…bench… or sqlite:///PATH")
    parser.add_argument("--repeat", type=int, default=5, help="views measured per page (median)")
    parser.add_argument("--page", action="append", default=[], help="only this page (name, repeatable)")
    parser.add_argument("--dump", type=Path, help="write each page's HTML into this folder")
    args = parser.parse_args()
    load.VAR.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    fixture(args.db)
    from django.conf import settings

    if "testserver" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    result = measure(args.repeat, args.page, args.dump)
    db = "postgresql" if args.db.startswith("postgres") else "sqlite"
    total = round(sum(v["ms"] for k, v in result.items() if k != "admin changelist"), 1)
    print(json.dumps({"db": db, "pages": result, "total_ms": total}, ensure_ascii=False))


if __name__ == "__main__":
    main()
