"""Same-moment A/B of the triage engine of two source trees (speed work on a shared, noisy machine).

    git worktree add /tmp/before <commit>
    .venv/bin/python bench/triage_ab.py /tmp/before .        # B/A ratio > 1: the second tree is faster

Both trees' `colibri` packages are imported side by side in this one process (each under its own
module objects), then triage the speed bench's generated posts in alternating slices of 200, in
alternating order, measuring CPU time. Other processes slow both engines alike, so the ratio of
the means holds even when the absolute figures (and bench/triage_speed.py's) swing by 2x with
the machine's load. Both engines load the same reference index, built once from ../shared/data.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SLICE = 200


def load_engine(tree: Path, index_dir: Path) -> tuple[Any, Any, list[str]]:
    """(Triager, the tree's bench module, job titles) with `colibri` imported from `tree`."""
    for name in [n for n in sys.modules if n == "colibri" or n.startswith("colibri.") or n == "triage_speed"]:
        del sys.modules[name]  # the other tree's modules stay alive through its engine's references
    sys.path[:0] = [str(tree), str(tree / "bench")]
    try:
        bench = importlib.import_module("triage_speed")
        refindex = importlib.import_module("colibri.core.refindex")
        triage = importlib.import_module("colibri.core.triage")
    finally:
        del sys.path[:2]
    if not str(Path(triage.__file__).resolve()).startswith(str(tree.resolve())):
        raise SystemExit(f"{tree}: imported {triage.__file__} instead")
    index = refindex.load_index(index_dir)
    rng = random.Random(7)
    jobs = [
        refindex.gender_forms(long)[rng.randrange(2) if " / " in long else 0]
        for _c, long, _s in index.appellations
    ]
    engine = triage.Triager(index)
    for post in bench.make_posts(SLICE, rng, jobs):
        engine.triage(post)  # warm the lazy tables
    return engine, bench, jobs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs=2, type=Path, help="the reference tree, then the tree to compare")
    parser.add_argument("--posts", type=int, default=4000, help="posts per round")
    parser.add_argument("--rounds", type=int, default=6, help="rounds, each with fresh posts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="colibri-ab-") as tmp:
        shared = args.trees[1].resolve().parent / "shared" / "data"
        sys.path.insert(0, str(args.trees[1]))
        refindex = importlib.import_module("colibri.core.refindex")
        refindex.build_index(shared / "insee-cog-2024", shared / "rome", Path(tmp))
        del sys.path[0]
        engines = [load_engine(tree, Path(tmp)) for tree in args.trees]
    spent = [0.0, 0.0]
    count = 0
    for round_ in range(args.rounds):
        posts = [
            bench.make_posts(args.posts, random.Random(101 + round_), jobs) for _e, bench, jobs in engines
        ]
        for n, start in enumerate(range(0, args.posts, SLICE)):
            for k in (0, 1) if n % 2 == 0 else (1, 0):
                engine = engines[k][0]
                t0 = time.process_time()
                for post in posts[k][start : start + SLICE]:
                    engine.triage(post)
                spent[k] += time.process_time() - t0
        count += args.posts
    for tree, seconds in zip(args.trees, spent, strict=True):
        print(f"{tree!s:30s} {seconds / count * 1e6:7.1f} µs/post of CPU time")
    print(f"ratio (first / second): {spent[0] / spent[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
