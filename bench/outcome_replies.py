"""Accuracy of the reply classifier (`colibri.core.replies.classify_reply`) on the labelled answers.

    .venv/bin/python bench/outcome_replies.py                         # run the classifier
    .venv/bin/python bench/outcome_replies.py --predictions out.jsonl # score `colibri replies classify`
    .venv/bin/python bench/outcome_replies.py --file other.jsonl      # also score any labelled set

`--file PATH` (repeatable) scores any JSON-lines file of `{"id", "text", "intent"}` (extra keys
ignored) with the same report; the last line is then the figures over those files together.

Three files under tests/data/ (README.md there): `replies_dev.jsonl` (what the rules may be tuned
on), `replies_heldout.jsonl` (written before the classifier existed, never tuned on) and
`replies_fresh.jsonl` (written after it, labelled before it ran on them; its first-run figures are
in tests/data/README.md, it has been looked at since). Per split: precision and recall per
intent, the confusion matrix and the errors (dev with their text; held-out and fresh with ids and
intents only, so nobody tunes on them by reading). Missing a "stop" is the one unacceptable error.

Near the end, `speed: ` gives microseconds per answer (the whole classifier, and the rules alone as
the baseline). The line before the last is `all: ` and the figures over every labelled answer; the
last line is one JSON object for the held-out split `{"accuracy", "stop_recall", "n"}` (other tools
read it; keep it last). Goals: accuracy >= 0.95, stop_recall = 1.0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from bench.train_reply_model import is_blind_test  # noqa: E402
from colibri.core.replies import INTENTS, classify_reply, classify_with  # noqa: E402
from colibri.core.reply_model import load_default  # noqa: E402

DATA = REPO / "tests" / "data"
SPLITS = {
    "dev": "replies_dev.jsonl",
    "heldout": "replies_heldout.jsonl",
    "fresh": "replies_fresh.jsonl",
    "train": "replies_train.jsonl",  # written for the learned model (issue 16, second round)
    "blind_a": "replies_blind_a.jsonl",  # written by someone else; odd ids train, even ids test
    "probe": "replies_probe.jsonl",  # never fed to the model (first run in the README)
    "blind_b": "replies_blind_b.jsonl",  # someone else, blind; trained on after its first run was recorded
    "families": "replies_families.jsonl",  # written by family after blind B (first run in the README)
    "fresh2": "replies_fresh2.jsonl",  # written after the families' fixes (first run in the README)
    "fresh3": "replies_fresh3.jsonl",  # written after fresh2's fixes (first run in the README)
    "fresh4": "replies_fresh4.jsonl",  # written last (first run in the README)
    "blind_c": "replies_blind_c.jsonl",  # someone else, blind; trained on after its first run was recorded
    "fresh5": "replies_fresh5.jsonl",  # written after blind C's fixes, by family (first run in the README)
    "blind_d": "replies_blind_d.jsonl",  # someone else, blind; read by family after its first run (README)
    "fresh6": "replies_fresh6.jsonl",  # written after reading blind D, by family (first run in the README)
    "blind_e": "replies_blind_e.jsonl",  # someone else, blind; read by family after its first run (README)
    "fresh7": "replies_fresh7.jsonl",  # written after reading blind E, by family (first run in the README)
    "blind_f": "replies_blind_f.jsonl",  # someone else, blind; scored by the lead first (README)
    "blind_g": "replies_blind_g.jsonl",  # someone else, blind (older people, dictation); lead scored first
    "blind_h": "replies_blind_h.jsonl",  # someone else, blind (young, SMS, emoji); scored by the lead first
    "blind_i": "replies_blind_i.jsonl",  # someone else, blind (executives, formal); scored by the lead first
}
TEXT_SHOWN = {
    "dev",
    "train",
    "blind_a_train",
    "blind_b",
    "families",
    "fresh2",
    "blind_c",
}  # splits whose errors are printed with their text


def read(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load(split: str) -> list[dict[str, str]]:
    return read(DATA / SPLITS[split])


def load_splits() -> dict[str, list[dict[str, str]]]:
    """The committed splits; blind set A cut in its training half and its test half (see the trainer)."""
    data = {split: load(split) for split in SPLITS if (DATA / SPLITS[split]).exists()}
    blind = data.pop("blind_a", [])
    if blind:
        data["blind_a_train"] = [row for row in blind if not is_blind_test(row)]
        data["blind_a_test"] = [row for row in blind if is_blind_test(row)]
    return data


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
    confusion = Counter((row["intent"], predicted.get(row["id"], "missing")) for row in rows)
    print("confusion (rows: labelled, columns: predicted)")
    print(f"{'':<10}" + "".join(f"{intent:>10}" for intent in INTENTS))
    for gold in INTENTS:
        print(f"{gold:<10}" + "".join(f"{confusion[(gold, pred)]:>10}" for pred in INTENTS))
    for row in rows:
        pred = predicted.get(row["id"], "missing")
        if pred != row["intent"]:
            shown = f"  {row['text']!r}" if split in TEXT_SHOWN else ""
            print(f"  error {row['id']}: {row['intent']} -> {pred}{shown}")
    print()
    return result


def speed(texts: list[str]) -> dict[str, object]:
    """Microseconds per answer: the whole classifier, and the rules alone (model off) as the baseline."""
    model = load_default()
    classify_with(texts[0], model)  # the weights are read once, outside the timing
    figures: dict[str, object] = {}
    for name, used in (("us_per_answer", model), ("rules_only_us_per_answer", None)):
        start = time.perf_counter()
        for text in texts:
            classify_with(text, used)
        figures[name] = round((time.perf_counter() - start) / len(texts) * 1e6, 1)
    figures["n"] = len(texts)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--predictions", help="JSON lines {id, intent} (the CLI's output) instead of running the classifier"
    )
    parser.add_argument(
        "--file",
        action="append",
        default=[],
        type=Path,
        help='another JSON-lines set {"id", "text", "intent"} to score (repeatable)',
    )
    args = parser.parse_args(argv)
    data = load_splits()
    extra = {str(path): read(path) for path in args.file}
    keyed_texts = {f"{name}#{row['id']}": row["text"] for name, rows in extra.items() for row in rows}
    if args.predictions:
        lines = Path(args.predictions).read_text(encoding="utf-8").splitlines()
        predicted = {str(o["id"]): str(o.get("intent", "error")) for o in map(json.loads, lines) if o}
        # With --file, the predictions file answers the extra sets by their own ids.
        predicted.update({key: predicted.get(key.split("#", 1)[1], "missing") for key in keyed_texts})
    else:
        predicted = {row["id"]: classify_reply(row["text"]).intent for rows in data.values() for row in rows}
        predicted.update({key: classify_reply(text).intent for key, text in keyed_texts.items()})
    results = {split: report(split, rows, predicted) for split, rows in data.items()}
    headline = ("accuracy", "stop_recall", "n")
    for split, result in results.items():
        print(f"{split}: " + json.dumps({k: result[k] for k in headline}))
    everything = score([row for rows in data.values() for row in rows], predicted)
    texts = [row["text"] for rows in data.values() for row in rows] + list(keyed_texts.values())
    print("speed: " + json.dumps(speed(texts)))
    print("all: " + json.dumps({k: everything[k] for k in headline}))
    if extra:
        # An extra set may reuse the ids of a committed one: its rows are keyed by file and id.
        keyed = [{**row, "id": f"{name}#{row['id']}"} for name, rows in extra.items() for row in rows]
        for name in extra:
            result = report(name, [row for row in keyed if row["id"].startswith(name + "#")], predicted)
            print(f"{name}: " + json.dumps({k: result[k] for k in headline}))
        print(json.dumps({k: score(keyed, predicted)[k] for k in headline}))
    else:
        print(json.dumps({k: results["heldout"][k] for k in headline}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
