"""Ingest's storing side: posts stored and triaged per second from a replay, and SQL statements per post.

    .venv/bin/python bench/ingest_store.py [--posts 2000] [--pg postgres://postgres@127.0.0.1:5432/postgres]

A replay of `--posts` distinct seekers' posts goes through the real ingest loop (`Ingestor`: clean the
event, store it with its cursor in one transaction, triage it with the reference index built from
../shared/data), into a fresh SQLite file, or a fresh PostgreSQL database with --pg (created on that
server, dropped after). Baseline, same run, same posts: the triage engine alone (no database), to
see what storing costs. The statements per post are counted on one post after a warm-up.
Goal (issue 17): >= 500 posts/s on both databases.

Last line: {"ingest_posts_per_s", "statements_per_post", "triage_alone_posts_per_s", "database"}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--pg", default="", help="URL of a database on a PostgreSQL server (to create one)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="colibri-bench-ingest-"))
    dbname = ""
    url = f"sqlite:///{tmp / 'colibri.sqlite3'}"
    if args.pg:
        import psycopg

        dbname = f"colibri_bench_ingest_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(args.pg, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{dbname}"')
        url = args.pg.rsplit("/", 1)[0] + "/" + dbname
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "colibri.settings",
            "COLIBRI_VAR_DIR": str(tmp),
            "COLIBRI_REFDATA_DIR": str(tmp / "refdata"),
            "DATABASE_URL": url,
            "LOG_LEVEL": "WARNING",
        }
    )
    try:
        run(args.posts, "postgresql" if dbname else "sqlite", tmp)
    finally:
        if dbname:
            import psycopg
            from django.db import connections

            connections.close_all()
            with psycopg.connect(args.pg, autocommit=True) as con:
                con.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def run(n: int, database: str, tmp: Path) -> None:
    from colibri.commands.triage import shared_sources
    from colibri.core.refindex import build_index

    sources = shared_sources()
    if sources is None:
        sys.exit("bench/ingest_store.py: ../shared/data not found (the official COG and ROME files)")
    build_index(*sources, tmp / "refdata")

    from colibri.django_setup import setup_django

    setup_django()  # as every `colibri` command: secrets generated under the temporary var folder
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from colibri.core.refindex import load_index
    from colibri.core.types import Post as TriagePost
    from colibri.networks.base import Author, Network, NetworkEvent
    from colibri.relay.actions.triage import triage_engine
    from colibri.relay.ingest import Ingestor
    from colibri.relay.models import Post

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
        name = "bluesky"
        source = "bench"

        def __init__(self, start: int, stop: int) -> None:
            self.start, self.stop = start, stop

        def stream(self, cursor: str | None = None):  # type: ignore[no-untyped-def]
            for i in range(max(self.start, int(cursor or 0)), self.stop):
                yield event(i), str(i + 1)

    index = load_index(tmp / "refdata")
    Ingestor([Replay(0, 20)], index=index).run()  # warm-up: engine compiled, tables touched
    with CaptureQueriesContext(connection) as ctx:
        Ingestor([Replay(20, 21)], index=index).run()
    per_post = len(ctx.captured_queries) - 2  # minus the loop's own cursor and settings reads
    start = time.perf_counter()
    Ingestor([Replay(21, 21 + n)], index=index).run()
    ingest_rate = n / (time.perf_counter() - start)
    assert Post.objects.count() == 21 + n

    engine = triage_engine(index)
    posts = [
        TriagePost(id=e.uri, text=e.text, network="bluesky", author_bio=e.author.bio, has_image=True)
        for e in (event(i) for i in range(n))
    ]
    start = time.perf_counter()
    for p in posts:
        engine.triage(p)
    alone = n / (time.perf_counter() - start)
    print(
        f"{n} posts into {database}: {ingest_rate:.0f} posts/s stored and triaged, "
        f"{per_post} SQL statements per post"
    )
    print(f"  baseline, same posts: triage engine alone {alone:.0f} posts/s; goal >= 500 posts/s stored")
    print(
        json.dumps(
            {
                "ingest_posts_per_s": round(ingest_rate, 1),
                "statements_per_post": per_post,
                "triage_alone_posts_per_s": round(alone, 1),
                "database": database,
            }
        )
    )


if __name__ == "__main__":
    main()
