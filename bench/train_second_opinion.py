"""Train the learned second opinion (colibri/core/second_opinion.py) on the corpus's dev split.

    .venv/bin/python bench/train_second_opinion.py            # writes colibri/core/data/second_opinion.json
    .venv/bin/python bench/train_second_opinion.py --dry-run  # prints the cross-validated figures only

Only the dev split is read (held-out and fresh stay never-tuned). The model is an L2-regularised
logistic regression over the words and word pairs of each post (features seen in >= 2 dev posts),
fitted by full-batch gradient descent in numpy. Its threshold is chosen on out-of-fold
probabilities (5 folds of dev): the highest one that still lets RECALL of the dev seekers' requests
through, so the model only sends to review the posts it is most sure are not requests.
Deterministic: fixed fold assignment, no randomness. Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from colibri.core.parse import parse_post  # noqa: E402
from colibri.core.second_opinion import DEFAULT_PATH, features  # noqa: E402

CORPUS = REPO / "tests" / "data" / "triage_corpus.jsonl"
RECALL = 0.97  # share of dev requests (out of fold) the model must let through at its threshold
L2 = 1e-3
STEPS = 600
FOLDS = 5


def load_dev(path: Path = CORPUS) -> tuple[list[set[str]], np.ndarray]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [r for r in rows if r["split"] == "dev"]
    feats = [features(parse_post(r["text"]).cue_text()) for r in dev]
    y = np.array([r["label"]["category"] == "seeker_request" for r in dev], dtype=np.float64)
    return feats, y


def matrix(feats: list[set[str]], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(feats), len(vocab)), dtype=np.float64)
    for i, fs in enumerate(feats):
        if fs:
            cols = sorted(vocab[f] for f in fs if f in vocab)
            x[i, cols] = 1.0 / np.sqrt(len(fs))  # the same scale as SecondOpinion.probability
    return x


def fit(feats: list[set[str]], y: np.ndarray) -> tuple[dict[str, int], np.ndarray, float]:
    df: dict[str, int] = {}
    for fs in feats:
        for f in sorted(fs):
            df[f] = df.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= 2))}
    x = matrix(feats, vocab)
    w = np.zeros(len(vocab))
    b = 0.0
    lr = 4.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = p - y
        w -= lr * (x.T @ g / len(y) + L2 * w)
        b -= lr * float(g.mean())
    return vocab, w, b


def predict(vocab: dict[str, int], w: np.ndarray, b: float, feats: list[set[str]]) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(matrix(feats, vocab) @ w + b)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    feats, y = load_dev()
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        test = np.arange(len(y)) % FOLDS == k
        vocab, w, b = fit([f for f, t in zip(feats, test, strict=True) if not t], y[~test])
        oof[test] = predict(vocab, w, b, [f for f, t in zip(feats, test, strict=True) if t])
    seekers = np.sort(oof[y == 1])
    threshold = float(seekers[int((1 - RECALL) * len(seekers))])  # RECALL of them at or above it
    said_no = oof < threshold
    caught = int((said_no & (y == 0)).sum())
    print(f"dev: {len(y)} posts, {int(y.sum())} requests; out-of-fold threshold {threshold:.3f}")
    print(f"out of fold: doubts {int(said_no.sum())} posts, {caught} of them not requests")
    vocab, w, b = fit(feats, y)
    kept = {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= 1e-4}
    model = {
        "about": "colibri second opinion: P(seeker request), dev split only (bench/train_second_opinion.py)",
        "threshold": round(threshold, 4),
        "bias": round(b, 4),
        "weights": dict(sorted(kept.items())),
    }
    if not args.dry_run:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        print(f"written {args.out} ({len(kept)} weights)")
    summary = {"threshold": round(threshold, 4), "features": len(kept), "oof_doubted": int(said_no.sum())}
    print(json.dumps({**summary, "oof_doubted_not_requests": caught}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
