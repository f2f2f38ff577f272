"""The archive of all requests at scale: page times with keyset pages vs OFFSET pages + COUNT.

    .venv/bin/python bench/archive_pages.py [--requests 100000] [--repeat 5]

Builds a throwaway SQLite database (or DATABASE_URL's PostgreSQL, a fresh database you name) with
`--requests` requests from `--requests / 5` people, then renders `/archives/` as a logged-in
coordinator through Django's test client (template included): the newest page, a page near the
oldest end (keyset: `?apres=<id>`), and searches by person, place and date range. Baseline, same run
and data: the same depth reached the usual way, Django's Paginator (COUNT(*) + OFFSET), which is what
the archive does not do. Median of `--repeat` runs, in milliseconds.

Last line: {"requests", "first_page_ms", "deep_page_ms", "search_person_ms", "search_place_ms",
"search_dates_ms", "offset_deep_page_ms", "offset_count_ms"}.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PLACES = [
    ("Lyon", "69", "Auvergne-Rhône-Alpes"),
    ("Rennes", "35", "Bretagne"),
    ("Bordeaux", "33", "Nouvelle-Aquitaine"),
    ("Lille", "59", "Hauts-de-France"),
    ("Nantes", "44", "Pays de la Loire"),
]
JOBS = ["Comptable", "Assistant de direction", "Développeuse web", "Infirmier", "Chargée de communication"]
STATUSES = ["relayed", "rejected", "withdrawn", "approved", "needs_review", "ineligible", "outcome"]
START = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)  # any fixed instant: the archive never reads the clock


def seed(n: int) -> None:
    from django.db import transaction

    from colibri.relay.models import NetworkAccount, Post, Request

    people = max(1, n // 5)
    batch = 5000
    with transaction.atomic():
        NetworkAccount.objects.bulk_create(
            NetworkAccount(
                network="bluesky",
                remote_id=f"did:plc:bench{i}",
                handle=f"personne{i}.bsky.social",
                display_name=f"Personne {i}",
                is_seeker=True,
            )
            for i in range(people)
        )
    ids = list(NetworkAccount.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, n, batch):
        with transaction.atomic():
            posts = Post.objects.bulk_create(
                Post(
                    network="bluesky",
                    uri=f"at://bench/{i}",
                    author_id=ids[i % people],
                    text="#PleaseRT",
                    posted_at=START + timedelta(minutes=7 * i),
                )
                for i in range(start, min(n, start + batch))
            )
            Request.objects.bulk_create(
                Request(
                    post=p,
                    status=STATUSES[i % len(STATUSES)],
                    job_title=JOBS[i % len(JOBS)],
                    commune=PLACES[i % len(PLACES)][0],
                    departement=PLACES[i % len(PLACES)][1],
                    region=PLACES[i % len(PLACES)][2],
                    created_at=START + timedelta(minutes=7 * i),
                    updated_at=START + timedelta(minutes=7 * i),
                )
                for i, p in zip(range(start, min(n, start + batch)), posts, strict=True)
            )


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="colibri-archive-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}")
    os.environ["COLIBRI_VAR_DIR"] = tmp.name
    # A throwaway database: a random key for this run only (the test client's session).
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(40))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "colibri.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.test import Client
    from django.test.utils import setup_test_environment

    from colibri.console import archive
    from colibri.relay.actions.volunteers import do_create_volunteer
    from colibri.relay.models import Request

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    t0 = time.perf_counter()
    seed(args.requests)
    print(f"seeded {args.requests} requests in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    user, _password = do_create_volunteer(username="bench", role="coordinator")
    client = Client()
    client.force_login(user)

    def get(query: dict[str, Any]) -> None:
        response = client.get("/archives/", query)
        assert response.status_code == 200, response.status_code
        assert response.context["page"].rows or query.get("who") == "nobody"

    oldest = Request.objects.order_by("pk").values_list("pk", flat=True)[archive.PAGE_SIZE * 2]
    depth = Request.objects.filter(pk__gt=oldest).count() // archive.PAGE_SIZE + 1
    get({})  # warm-up: templates, translations and the session load once, outside the timings
    # A month in the middle of the data's span (requests are 7 minutes apart from START).
    middle = START + timedelta(minutes=7 * args.requests // 2)
    since = (middle - timedelta(days=15)).date().isoformat()
    until = (middle + timedelta(days=15)).date().isoformat()
    figures = {
        "requests": args.requests,
        "first_page_ms": median_ms(lambda: get({}), args.repeat),
        "deep_page_ms": median_ms(lambda: get({"apres": oldest}), args.repeat),
        "search_person_ms": median_ms(lambda: get({"who": f"personne{args.requests // 10}."}), args.repeat),
        "search_place_ms": median_ms(lambda: get({"place": "bretagne", "status": "withdrawn"}), args.repeat),
        "search_dates_ms": median_ms(lambda: get({"since": since, "until": until}), args.repeat),
    }

    # Baseline: the same depth with COUNT(*) + OFFSET (Django's Paginator), rows fetched the same way.
    def offset_page() -> None:
        qs = Request.objects.select_related("post__author").order_by("-pk")
        list(Paginator(qs, archive.PAGE_SIZE).page(depth).object_list)

    figures["offset_deep_page_ms"] = median_ms(offset_page, args.repeat)
    figures["offset_count_ms"] = median_ms(lambda: Request.objects.count(), args.repeat)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
