"""Accuracy of the reply classifier (`colibri.core.replies.classify_reply`) on the labelled answers.

    .venv/bin/python bench/outcome_replies.py                         # run the classifier
    .venv/bin/python bench/outcome_replies.py --predictions out.jsonl # score `colibri replies classify`

Three files under tests/data/ (README.md there): `replies_dev.jsonl` (what the rules may be tuned
on), `replies_heldout.jsonl` (written before the classifier existed, never tuned on) and
`replies_fresh.jsonl` (written after it, labelled before it ran on them; its first-run figures are
in tests/data/README.md, it has been looked at since). Per split: precision and recall per
intent, the confusion matrix and the errors (dev with their text; held-out and fresh with ids and
intents only, so nobody tunes on them by reading). Missing a "stop" is the one unacceptable error.

The line before the last is `all: ` and the figures over every labelled answer; the last line is
one JSON object for the held-out split `{"accuracy", "stop_recall", "n"}` (other tools read it;
keep it last). Goals: accuracy >= 0.95, stop_recall = 1.0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from colibri.core.replies import INTENTS, classify_reply  # noqa: E402

DATA = REPO / "tests" / "data"
SPLITS = {"dev": "replies_dev.jsonl", "heldout": "replies_heldout.jsonl", "fresh": "replies_fresh.jsonl"}


def load(split: str) -> list[dict[str, str]]:
    path = DATA / SPLITS[split]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(rows: list[dict[str, str]], predicted: dict[str, str]) -> dict[str, object]:
    pairs = [(row["intent"], predicted.get(row["id"], "missing")) for row in rows]
    n = len(pairs)
    correct = sum(1 for gold, pred in pairs if gold == pred)
    per_intent = {}
    for intent in INTENTS:
        tp = sum(1 for gold, pred in pairs if gold == intent and pred == intent)
        said = sum(1 for _gold, pred in pairs if pred == intent)
        real = sum(1 for gold, _pred in pairs if gold == intent)
        per_intent[intent] = {
            "precision": round(tp / said, 4) if said else None,
            "recall": round(tp / real, 4) if real else None,
            "n": real,
        }
    stop_recall = per_intent["stop"]["recall"]
    return {
        "accuracy": round(correct / n, 4) if n else None,
        "stop_recall": stop_recall,
        "n": n,
        "per_intent": per_intent,
        "confusion": Counter(f"{gold}->{pred}" for gold, pred in pairs if gold != pred),
    }


def report(split: str, rows: list[dict[str, str]], predicted: dict[str, str]) -> dict[str, object]:
    result = score(rows, predicted)
    print(f"== {split} ({result['n']} answers)")
    print(f"{'intent':<10} {'precision':>9} {'recall':>7} {'n':>4}")
    for intent, figures in result["per_intent"].items():  # type: ignore[attr-defined]
        p = "-" if figures["precision"] is None else f"{figures['precision']:.3f}"
        r = "-" if figures["recall"] is None else f"{figures['recall']:.3f}"
        print(f"{intent:<10} {p:>9} {r:>7} {figures['n']:>4}")
    print(f"accuracy {result['accuracy']}  stop_recall {result['stop_recall']}")
    for row in rows:
        pred = predicted.get(row["id"], "missing")
        if pred != row["intent"]:
            shown = f"  {row['text']!r}" if split == "dev" else ""
            print(f"  error {row['id']}: {row['intent']} -> {pred}{shown}")
    print()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--predictions", help="JSON lines {id, intent} (the CLI's output) instead of running the classifier"
    )
    args = parser.parse_args(argv)
    data = {split: load(split) for split in SPLITS}
    if args.predictions:
        lines = Path(args.predictions).read_text(encoding="utf-8").splitlines()
        predicted = {str(o["id"]): str(o.get("intent", "error")) for o in map(json.loads, lines) if o}
    else:
        predicted = {row["id"]: classify_reply(row["text"]).intent for rows in data.values() for row in rows}
    results = {split: report(split, rows, predicted) for split, rows in data.items()}
    everything = score([row for rows in data.values() for row in rows], predicted)
    headline = ("accuracy", "stop_recall", "n")
    for split, result in results.items():
        print(f"{split}: " + json.dumps({k: result[k] for k in headline}))
    print("all: " + json.dumps({k: everything[k] for k in headline}))
    print(json.dumps({k: results["heldout"][k] for k in headline}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
