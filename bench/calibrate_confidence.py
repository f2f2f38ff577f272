"""Calibrate triage's `confidence` on the dev split (writes colibri/core/data/confidence_calibration.json).

    .venv/bin/python bench/calibrate_confidence.py            # run the rules on dev, write the table
    .venv/bin/python bench/calibrate_confidence.py --dry-run  # print it only

A calibrated confidence is right as often as it says. The rules' raw confidence is binned; each
bin's calibrated value is its dev hit rate pulled towards the bin's mean raw confidence by
PSEUDO pseudo-counts (the rules were tuned on dev, so its raw hit rate is too rosy to copy), then
made non-decreasing (pool adjacent violators), so the order of verdicts never changes. Only dev is
read; bench/triage_accuracy.py prints the reliability table on the never-tuned splits.
Last line: one JSON object (the table).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from colibri.core.refindex import build_index  # noqa: E402
from colibri.core.second_opinion import CALIBRATION_PATH  # noqa: E402
from colibri.core.triage import Triager  # noqa: E402
from colibri.core.types import Post  # noqa: E402

CORPUS = REPO / "tests" / "data" / "triage_corpus.jsonl"
SHARED = REPO.parent / "shared" / "data"
EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
PSEUDO = 10.0


def pool(values: list[float], weights: list[float]) -> list[float]:
    """Pool adjacent violators: the closest non-decreasing sequence (weighted least squares)."""
    blocks: list[list[float]] = []  # [value, weight, count]
    for v, w in zip(values, weights, strict=True):
        blocks.append([v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, c2 = blocks.pop()
            v1, w1, c1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    return [b[0] for b in blocks for _ in range(int(b[2]))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=CALIBRATION_PATH)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [r for r in rows if r["split"] == "dev"]
    with tempfile.TemporaryDirectory(prefix="colibri-calib-") as tmp:
        index = build_index(SHARED / "insee-cog-2024", SHARED / "rome", Path(tmp))
        engine = Triager(index, calibration=False)
        raw = []
        for r in dev:
            res = engine.triage(
                Post(r["id"], r["text"], r["network"], r.get("author_bio", ""), r["has_image"])
            )
            raw.append((res.confidence, res.category == r["label"]["category"]))
    values, weights = [], []
    for lo, hi in zip(EDGES, (*EDGES[1:], 1.01), strict=True):
        inside = [(c, ok) for c, ok in raw if lo <= c < hi]
        mean = sum(c for c, _ok in inside) / len(inside) if inside else (lo + min(hi, 1.0)) / 2
        right = sum(ok for _c, ok in inside)
        values.append((right + PSEUDO * mean) / (len(inside) + PSEUDO))
        weights.append(len(inside) + PSEUDO)
        print(f"[{lo:.2f}, {min(hi, 1.0):.2f})  {len(inside):4d} posts  raw {mean:.3f}  right {right}")
    table = {"edges": list(EDGES), "values": [round(v, 3) for v in pool(values, weights)]}
    if not args.dry_run:
        args.out.write_text(json.dumps(table) + "\n", encoding="utf-8")
        print(f"written {args.out}")
    print(json.dumps(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
