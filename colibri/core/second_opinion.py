"""A learned second opinion on "is this a seeker's request?", beside the rules.

A logistic regression over the words and word pairs of a post (its folded cue text), trained on
the corpus's dev split only by `bench/train_second_opinion.py`, which writes the weights to
`colibri/core/data/second_opinion.json`. It does not decide anything: where the rules would
approve a post without a human and the model doubts it is a request, the post goes to review.
Reading the weights is the caller's choice (`load_default()`), never an import side effect.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

# Found from the package, not from this module's __file__: compiled by mypyc (colibri/native.py), a
# module's __file__ is derived from where mypyc expects its shared library, which is not where it is.
DATA_DIR: Final = Path(str(files("colibri.core"))) / "data"
DEFAULT_PATH: Final = DATA_DIR / "second_opinion.json"

_TOKEN: Final = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)?")
# Every character but a token's own (a-z, 0-9, the apostrophe) as a blank, non-ASCII ones included.
_TOKEN_CHARS: Final = bytes(
    c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789'" else 32 for c in range(256)
)


def tokens(cue_text: str) -> list[str]:
    """`_TOKEN.findall(cue_text)`, by a bytes table and `split` when every apostrophe sits inside a word.

    The regex tries every position of the text (about 7 µs a post, on every eligible post). With the
    other characters blanked, its matches are the blank-separated runs, unless an apostrophe opens or
    ends a run or a run holds two ("'a", "a'", "a''b", "a'b'c"): there the regex itself decides."""
    blanked = cue_text.encode("ascii", "replace").translate(_TOKEN_CHARS).decode("ascii")
    if "'" in blanked:
        parts = blanked.split("'")
        last = len(parts) - 1
        for i, part in enumerate(parts):
            # Apostrophe i is between parts i and i + 1: a letter or digit on each side, and a part
            # between two apostrophes must hold a blank (two runs, not one holding both).
            if (i < last and part[-1:] in ("", " ")) or (
                i and (part[:1] in ("", " ") or (i < last and " " not in part))
            ):
                return _TOKEN.findall(cue_text)
    return blanked.split()


def features(cue_text: str) -> set[str]:
    """Words and adjacent word pairs of a post's cue text (folded, single-spaced), each once."""
    words = tokens(cue_text)
    out = set(words)
    # A plain loop (compiled: one string built per pair, in C), adding the pairs in the same order
    # as `map(" ".join, itertools.pairwise(words))` did: the same set, laid out the same way.
    for i in range(1, len(words)):
        out.add(f"{words[i - 1]} {words[i]}")
    return out


@dataclass(frozen=True, slots=True)
class SecondOpinion:
    weights: dict[str, float]
    bias: float
    threshold: float  # below this probability of being a request, the model disagrees

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SecondOpinion:
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )

    def probability(self, cue_text: str) -> float:
        """P(seeker's request) for a post's cue text."""
        feats = features(cue_text)
        if not feats:
            return 1.0 / (1.0 + math.exp(-self.bias))
        weights = self.weights
        # The training rows were L2-normalised binary vectors: the same scale here.
        z = self.bias + sum(map(weights.__getitem__, weights.keys() & feats)) / math.sqrt(len(feats))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def doubts(self, cue_text: str) -> bool:
        return self.probability(cue_text) < self.threshold


@cache
def load_default(path: Path = DEFAULT_PATH) -> SecondOpinion | None:
    """The shipped model, or None when its file is absent (the rules then decide alone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return SecondOpinion.from_json(data)


# --- calibration of `confidence` ------------------------------------------------------------------

CALIBRATION_PATH: Final = DATA_DIR / "confidence_calibration.json"


@dataclass(frozen=True, slots=True)
class Calibration:
    """Maps the rules' raw confidence to how often such a verdict is right (a monotone step table).

    Written by `bench/calibrate_confidence.py` from the dev split, each bin's rate pulled towards
    its raw confidence by pseudo-counts: the rules were tuned on dev, so its raw hit rate is too
    rosy to copy as it is."""

    edges: tuple[float, ...]  # lower edge of each bin, ascending, the first 0.0
    values: tuple[float, ...]  # calibrated confidence of each bin, non-decreasing

    def __call__(self, raw: float) -> float:
        i = bisect_right(self.edges, raw) - 1
        return self.values[max(0, i)]


@cache
def load_calibration(path: Path = CALIBRATION_PATH) -> Calibration | None:
    """The shipped calibration table, or None when its file is absent (raw confidence is kept)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return Calibration(tuple(float(e) for e in data["edges"]), tuple(float(v) for v in data["values"]))
