"""Instructions per triaged post, counted by valgrind (a figure other processes on the machine cannot move).

    .venv/bin/python bench/triage_instructions.py [--posts 500] [TREE]    # TREE: a checkout, default this one

On a shared 2-core machine the CPU-time benches swing by 2x with the load; callgrind's instruction count
does not. It runs the speed bench's generated posts (a fresh seed after 300 warm-up posts) through
`Triager.triage` inside `functools.reduce`, and counts only inside that call (`--toggle-collect`), so
loading the index and compiling the tables do not count. Instructions are not time (cache misses are not
counted: the engine's big automata make each post slower inside a stream than alone), but a change that
removes work shows here even when the machine is busy. About 2 minutes for 500 posts.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from functools import reduce
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_posts(tree: Path, n: int, index_dir: Path) -> None:
    """The measured part (run under valgrind): triage n posts inside functools.reduce."""
    sys.path[:0] = [str(tree), str(tree / "bench")]
    import triage_speed

    from colibri.core.refindex import build_index, load_index
    from colibri.core.triage import Triager

    if not (index_dir / "done").exists():
        build_index(triage_speed.SHARED / "insee-cog-2024", triage_speed.SHARED / "rome", index_dir)
        (index_dir / "done").write_text("1")
    index = load_index(index_dir)
    assert index is not None
    rng = random.Random(7)
    jobs = triage_speed.bench_jobs(index, rng)
    engine = Triager(index)
    for post in triage_speed.make_posts(300, rng, jobs):
        engine.triage(post)
    posts = triage_speed.make_posts(n, random.Random(101), jobs)
    triage = engine.triage
    reduce(lambda _acc, post: triage(post), posts, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", nargs="?", type=Path, default=REPO)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)  # index dir: the run under valgrind
    args = parser.parse_args(argv)
    tree = args.tree.resolve()
    if args.child is not None:
        run_posts(tree, args.posts, args.child)
        return 0
    with tempfile.TemporaryDirectory(prefix="colibri-instr-") as tmp:
        index_dir = Path(tmp) / "index"
        index_dir.mkdir()
        child = [sys.executable, __file__, str(tree), "--child", str(index_dir)]
        subprocess.run([*child, "--posts", "1"], check=True)  # builds the index outside valgrind
        run_posts_cmd = [*child, "--posts", str(args.posts)]
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", "--toggle-collect=functools_reduce",
             f"--callgrind-out-file={tmp}/callgrind.out", *run_posts_cmd],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    found = re.search(r"Collected : (\d+)", out.stderr)
    if found is None:
        print(out.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"{tree}: {int(found.group(1)) / args.posts:,.0f} instructions/post ({args.posts} posts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
