"""Per-stage CPU profile of the triage engine on the speed bench's posts.

    .venv/bin/python bench/triage_stages.py [--posts 4000] [--seed 101]

Triages the bench's generated posts (bench/triage_speed.py's generator, a fresh seed so the
memo caches are not warmed by the same posts) with each stage wrapped in a CPU-time counter:
parse, locate, job extraction, classification, contracts, reasons, feedback. CPU time
(time.process_time), not wall time: on a shared machine it is less disturbed by other processes.
The wrappers add a little to each stage; the total line is the whole `Triager.triage` call.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import triage_speed  # noqa: E402

from colibri.core import triage as triage_module  # noqa: E402
from colibri.core.refindex import build_index, load_index  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=101)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="colibri-stages-") as tmp:
        build_index(triage_speed.SHARED / "insee-cog-2024", triage_speed.SHARED / "rome", Path(tmp))
        index = load_index(Path(tmp))
    assert index is not None
    rng = random.Random(7)
    jobs = triage_speed.bench_jobs(index, rng)
    warm = triage_speed.make_posts(args.posts, rng, jobs)
    posts = triage_speed.make_posts(args.posts, random.Random(args.seed), jobs)
    triager = triage_module.Triager(index)
    for post in warm[:200]:
        triager.triage(post)

    spent: dict[str, float] = {}

    def timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            t0 = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - t0

        return wrapper

    stages = [("parse_post", "parse"), ("extract_job", "job extraction"), ("contracts", "contracts"),
              ("reasons_for", "reasons"), ("feedback_for", "feedback")]  # fmt: skip
    for name, label in stages:
        setattr(triage_module, name, timed(label, getattr(triage_module, name)))
    triager.gazetteer.locate = timed("locate", triager.gazetteer.locate)  # type: ignore[method-assign]
    triager.classifier.classify = timed("classification", triager.classifier.classify)  # type: ignore[method-assign]
    t0 = time.process_time()
    for post in posts:
        triager.triage(post)
    total = time.process_time() - t0
    n = len(posts)
    for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{label:16s} {seconds / n * 1e6:7.1f} µs/post")
    print(f"{'total':16s} {total / n * 1e6:7.1f} µs/post  ({n / total:,.0f} posts/s of CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
