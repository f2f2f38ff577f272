"""Every answer of every labelled file, read by the reply classifier: two checkouts compared answer by answer.

    .venv/bin/python bench/replies_predictions.py --repo /path/to/main/checkout --out /tmp/before.json
    .venv/bin/python bench/replies_predictions.py --out /tmp/after.json
    .venv/bin/python bench/replies_predictions.py --diff /tmp/before.json /tmp/after.json  # 1: a stop lost

`--out` also prints accuracy and stop recall per file. `--diff` prints every answer whose intent changed
(FIX: now right, WORSE: was right, LOST STOP: a labelled stop read as a stop before and not after) and exits
1 when a labelled stop was lost or an answer got worse. The labelled files always come from this checkout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"


def run(out: Path) -> None:
    from colibri.core.replies import classify_reply

    found = {}
    for path in sorted(DATA.glob("replies_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found[row["id"]] = {
                    "file": path.name,
                    "gold": row["intent"],
                    "pred": classify_reply(row["text"]).intent,
                }
    out.write_text(json.dumps(found), encoding="utf-8")
    per_file: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in found.values():
        counts = per_file[row["file"]]
        counts[0] += 1
        counts[1] += row["pred"] == row["gold"]
        counts[2] += row["gold"] == "stop"
        counts[3] += row["gold"] == "stop" and row["pred"] == "stop"
    for name, (n, right, stops, caught) in sorted(per_file.items()):
        print(f"{name:32s} n={n:5d} accuracy={right / n:.3f} stops={caught}/{stops}")


def diff(before: Path, after: Path) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    bad = 0
    for key, row in new.items():
        was = old.get(key)
        if was is None or was["pred"] == row["pred"]:
            continue
        if row["gold"] == "stop" and was["pred"] == "stop":
            tag = "LOST STOP"
        elif was["pred"] == row["gold"]:
            tag = "WORSE"
        else:
            tag = "FIX" if row["pred"] == row["gold"] else "changed"
        bad += tag in ("LOST STOP", "WORSE")
        print(f"{tag:9s} {key} gold {row['gold']}: {was['pred']} -> {row['pred']}")
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, help="read the classifier of this checkout")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.diff:
        return diff(*args.diff)
    sys.path.insert(0, str(args.repo.resolve() if args.repo else REPO))
    run(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
