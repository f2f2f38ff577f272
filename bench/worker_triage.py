"""Deferred triage in the worker: one reference index per process instead of one per task.

    .venv/bin/python bench/worker_triage.py [--tasks 40]

`colibri ingest --defer-triage` leaves triage to `colibri worker` (task `triage_request`). Each task
used to load the 6 MB reference index and compile a triage engine around the new object; now the
worker keeps one index per process (`relay.tasks.worker_index`, reloaded only when `colibri data
import` rewrote it). Same run, same database, same requests: the baseline loads the index in every
task as before (`sources.load_reference_index()` per call), then the current code runs the same tasks again.
Figures: milliseconds per task (mean after each pass's first task, which loads and compiles in both
modes) and the process's RSS growth over each pass.

Needs the official data beside the repository (../shared/data) to build a real index.
Last line: {"task_ms_baseline", "task_ms", "speedup", "rss_growth_mb_baseline", "rss_growth_mb"}.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=40)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="colibri-bench-worker-"))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "colibri.settings",
            "COLIBRI_VAR_DIR": str(tmp),
            "COLIBRI_REFDATA_DIR": str(tmp / "refdata"),
            "DATABASE_URL": f"sqlite:///{tmp / 'colibri.sqlite3'}",
            "LOG_LEVEL": "WARNING",
        }
    )
    from colibri.commands.triage import shared_sources
    from colibri.core.refindex import build_index

    sources = shared_sources()
    if sources is None:
        sys.exit("bench/worker_triage.py: ../shared/data not found (the official COG and ROME files)")
    build_index(*sources, tmp / "refdata")

    from colibri.django_setup import setup_django

    setup_django()  # as every `colibri` command: secrets generated under the temporary var folder
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from datetime import UTC, datetime

    from colibri.networks.base import Author, NetworkEvent
    from colibri.relay import sources, tasks
    from colibri.relay.actions.ingest import do_ingest_event
    from colibri.relay.models import Request, RequestStatus

    ids = []
    for i in range(args.tasks):
        event = NetworkEvent(
            kind="post",
            network="bluesky",
            uri=f"at://did:plc:bench{i}/app.bsky.feed.post/{i}",
            author=Author(
                id=f"did:plc:bench{i}", handle=f"b{i}.bsky.social", bio="#i4EmploiR", followers_count=5
            ),
            text=f"#PleaseRT Je cherche un CDI de #Comptable à #Villeurbanne ({i}) #i4EmploiR",
            created_at=datetime(2026, 11, 20, 18, 0, tzinfo=UTC),
            has_image=True,
        )
        request = do_ingest_event(event, source="bench", cursor=None, defer_triage=True)
        assert request is not None
        ids.append(request.pk)

    def run_pass() -> tuple[float, float]:
        """Mean ms per task after the pass's first task (which loads the index and compiles the engine
        in both modes), and the RSS growth over the whole pass."""
        Request.objects.filter(pk__in=ids).update(status=RequestStatus.DETECTED)
        before = rss_mb()
        tasks.triage_request.call(ids[0])
        start = time.perf_counter()
        for pk in ids[1:]:
            tasks.triage_request.call(pk)
        elapsed = time.perf_counter() - start
        return elapsed * 1000 / (len(ids) - 1), rss_mb() - before

    current = tasks.worker_index
    tasks.worker_index = sources.load_reference_index  # the former behaviour: a fresh index in every task
    base_ms, base_rss = run_pass()
    tasks.worker_index = current
    new_ms, new_rss = run_pass()
    assert Request.objects.filter(pk__in=ids, status=RequestStatus.DETECTED).count() == 0
    print(f"{args.tasks} deferred triage tasks, real index from ../shared/data")
    print(f"  baseline (index loaded per task): {base_ms:.1f} ms/task, RSS +{base_rss:.0f} MB")
    print(f"  one index per worker process:     {new_ms:.2f} ms/task, RSS +{new_rss:.0f} MB")
    print(
        json.dumps(
            {
                "task_ms_baseline": round(base_ms, 2),
                "task_ms": round(new_ms, 2),
                "speedup": round(base_ms / new_ms, 1) if new_ms else None,
                "rss_growth_mb_baseline": round(base_rss, 1),
                "rss_growth_mb": round(new_rss, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
