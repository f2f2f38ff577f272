"""The labelled triage corpus, the accuracy bench's scoring, the engine's floors and the sample stream.

The corpus (tests/data/triage_corpus.jsonl) is labelled by the collective's rules, independently of
the engine; these tests keep it well-formed and consistent with the official reference data.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
from collections import Counter
from datetime import UTC
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from colibri.core.types import CATEGORIES
from colibri.networks.replay import ReplayNetwork

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "triage_corpus.jsonl"
STREAM = REPO / "colibri" / "sample" / "stream.jsonl"
OVERSEAS = {"971", "972", "973", "974", "976"}
LABEL_KEYS = {"category", "eligible", "departement", "region", "remote", "job_title", "rome_code", "contract"}

# Floors for the dev split, a little below the targets (0.97, 0.98, 0.92, 0.92, 0.70):
# the bench reports the real figures and the held-out split.
FLOORS = {
    "eligibility_accuracy": 0.95,
    "job_offer_recall": 0.95,
    "macro_f1": 0.88,
    "departement_accuracy": 0.88,
    "rome_accuracy": 0.65,
}


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


# --- the corpus file ---------------------------------------------------------------------------


def test_it_is_one_well_formed_post_per_line() -> None:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 400
    for number, line in enumerate(lines, start=1):
        row = json.loads(line)
        assert {"id", "network", "text", "author_bio", "has_image", "label", "split"} <= set(row), number
        assert set(row) <= {
            "id",
            "network",
            "text",
            "author_bio",
            "has_image",
            "label",
            "split",
            "pair",
            "note",
        }
        assert re.fullmatch(r"c\d{4}", row["id"]), number
        assert row["network"] in {"x", "bluesky", "mastodon"}, number
        assert isinstance(row["text"], str) and row["text"].strip(), number
        assert isinstance(row["author_bio"], str) and isinstance(row["has_image"], bool), number
        assert row["split"] in {"dev", "heldout"}, number
        label = row["label"]
        assert set(label) == LABEL_KEYS, number
        assert label["category"] in CATEGORIES, number
        assert isinstance(label["remote"], bool), number
        assert set(label["contract"]) <= {"CDI", "CDD"}, number


def test_it_has_unique_ids_and_texts(corpus: list[dict[str, Any]]) -> None:
    assert len({r["id"] for r in corpus}) == len(corpus)
    assert len({r["text"] for r in corpus}) == len(corpus)


def test_it_marks_only_seeker_requests_eligible(corpus: list[dict[str, Any]]) -> None:
    for row in corpus:
        label = row["label"]
        assert label["eligible"] == (label["category"] == "seeker_request"), row["id"]


def test_it_covers_every_category_in_both_splits_with_the_intended_mix(corpus: list[dict[str, Any]]) -> None:
    for split in ("dev", "heldout"):
        counts = Counter(r["label"]["category"] for r in corpus if r["split"] == split)
        assert set(counts) == set(CATEGORIES), split
        assert min(counts.values()) >= 15, (split, counts)
    share = {c: n / len(corpus) for c, n in Counter(r["label"]["category"] for r in corpus).items()}
    intended = {
        "seeker_request": 0.45,
        "job_offer": 0.15,
        "internship_request": 0.12,
        "freelance": 0.10,
        "other": 0.18,
    }
    for category, target in intended.items():
        assert abs(share[category] - target) <= 0.04, (category, share[category])
    # The held-out split is frozen (nobody may tune on it, so nobody rewrites it); the dev split grows
    # with posts written for the phenomena the engine misses. A quarter held out still gives a real
    # measure, and a second, fresh held-out file is kept apart from this one.
    heldout = sum(r["split"] == "heldout" for r in corpus) / len(corpus)
    assert 0.25 <= heldout <= 0.6


def test_it_names_every_region_and_overseas_departement(
    corpus: list[dict[str, Any]], official_cog: tuple[dict[str, str], set[str]]
) -> None:
    _deps, regions = official_cog
    labelled = {r["label"]["region"] for r in corpus}
    assert regions <= labelled
    assert {r["label"]["departement"] for r in corpus} >= OVERSEAS


def test_it_labels_places_consistently_with_the_cog(
    corpus: list[dict[str, Any]], official_cog: tuple[dict[str, str], set[str]]
) -> None:
    deps, regions = official_cog
    for row in corpus:
        label = row["label"]
        if label["departement"] is not None:
            assert label["departement"] in deps, row["id"]
            assert label["region"] == deps[label["departement"]], row["id"]
        if label["region"] is not None:
            assert label["region"] in regions, row["id"]
        if label["category"] == "other":
            # nothing to extract from a post that is not a request
            assert label["departement"] is label["rome_code"] is label["job_title"] is None, row["id"]


def test_it_uses_codes_from_the_official_rome(
    corpus: list[dict[str, Any]], official_rome_codes: set[str]
) -> None:
    codes = official_rome_codes
    labelled = [r for r in corpus if r["label"]["rome_code"]]
    assert len(labelled) >= 150
    for row in labelled:
        assert row["label"]["rome_code"] in codes, row["id"]
        assert row["label"]["job_title"], row["id"]  # a code only when the post names a job


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_it_keeps_near_duplicate_pairs_together_and_decided_by_one_word(corpus: list[dict[str, Any]]) -> None:
    pairs: dict[str, list[dict[str, Any]]] = {}
    for row in corpus:
        if "pair" in row:
            pairs.setdefault(row["pair"], []).append(row)
    assert len(pairs) >= 12
    assert {rows[0]["split"] for rows in pairs.values()} == {"dev", "heldout"}
    for name, rows in pairs.items():
        assert len(rows) == 2, name
        assert rows[0]["split"] == rows[1]["split"], name  # never one twin in dev, the other held out
        assert rows[0]["label"]["category"] != rows[1]["label"]["category"], name
    # and no unmarked look-alikes straddle the splits either
    words = [(_words(r["text"]), r) for r in corpus]
    for i, (a, ra) in enumerate(words):
        for b, rb in words[i + 1 :]:
            if len(a & b) / len(a | b) >= 0.5:
                assert ra["split"] == rb["split"], (ra["id"], rb["id"])


# --- the bench's scoring ------------------------------------------------------------------------


def _as_prediction(row: dict[str, Any], **changes: Any) -> dict[str, Any]:
    label = row["label"]
    pred = {
        "id": row["id"],
        "category": label["category"],
        "eligible": label["eligible"],
        "rome_code": label["rome_code"],
        "location": {"departement": label["departement"], "remote": label["remote"]},
    }
    pred.update(changes)
    return pred


def test_it_scores_perfect_predictions_as_perfect(corpus: list[dict[str, Any]], bench: ModuleType) -> None:
    scores = bench.score(corpus, {r["id"]: _as_prediction(r) for r in corpus})
    assert scores.headline() == {
        "eligibility_accuracy": 1.0,
        "job_offer_recall": 1.0,
        "macro_f1": 1.0,
        "departement_accuracy": 1.0,
        "rome_accuracy": 1.0,
        "auto_precision": 1.0,
        "auto_coverage": 1.0,
        "review_rate": 0.0,
        "n": len(corpus),
    }


def test_it_counts_a_relayed_offer_against_recall_and_eligibility(
    corpus: list[dict[str, Any]], bench: ModuleType
) -> None:
    offers = [r for r in corpus if r["label"]["category"] == "job_offer"]
    preds = {r["id"]: _as_prediction(r) for r in corpus}
    preds[offers[0]["id"]] = _as_prediction(offers[0], category="seeker_request", eligible=True)
    del preds[offers[1]["id"]]  # the engine failed on this one
    scores = bench.score(corpus, preds)
    assert scores.job_offer_recall == pytest.approx((len(offers) - 2) / len(offers))
    assert scores.eligibility_accuracy == pytest.approx((len(corpus) - 2) / len(corpus))
    assert scores.offers_relayed == 1 and scores.errors == 1
    assert {row["id"] for row, _pred in scores.wrong} == {offers[0]["id"], offers[1]["id"]}


def test_it_scores_remote_only_posts_on_the_remote_flag(
    corpus: list[dict[str, Any]], bench: ModuleType
) -> None:
    remote = next(r for r in corpus if r["label"]["remote"] and not r["label"]["departement"])
    assert bench.departement_correct(remote["label"], {"location": {"remote": True}}) is True
    assert bench.departement_correct(remote["label"], {"location": {"departement": "75"}}) is False
    nowhere = next(r for r in corpus if not r["label"]["remote"] and not r["label"]["departement"])
    assert bench.departement_correct(nowhere["label"], {"location": {"departement": "75"}}) is None


# --- the engine on the dev split ----------------------------------------------------------------


def test_it_meets_the_floors_on_the_dev_split(
    corpus: list[dict[str, Any]], bench: ModuleType, shared_data: Path, tmp_path: Path
) -> None:
    try:
        importlib.import_module("colibri.core.triage")
    except ImportError as exc:
        pytest.skip(f"colibri.core.triage not importable yet: {exc}")
    dev = [r for r in corpus if r["split"] == "dev"]
    index, why = bench.load_reference_index(shared_data, tmp_path)
    assert index is not None, why
    predictions, failures, _elapsed = bench.engine_predictions(dev, index)
    assert failures == []
    headline = bench.score(dev, predictions).headline()
    below = {k: (headline[k], floor) for k, floor in FLOORS.items() if headline[k] < floor}
    assert not below, f"dev split below floors (got, floor): {below}"


# --- the sample stream ---------------------------------------------------------------------------


def test_it_replays_the_sample_stream_with_every_kind_of_event() -> None:
    errors: list[tuple[int, str]] = []
    events = [e for e, _cursor in ReplayNetwork(STREAM, on_error=lambda n, m: errors.append((n, m))).stream()]
    assert len(events) >= 220
    assert len(errors) == 2  # two deliberately malformed lines, skipped and reported
    kinds = Counter(e.kind for e in events)
    assert kinds["post"] >= 200 and kinds["delete"] >= 3 and kinds["update"] == 1
    assert {e.network for e in events} == {"bluesky", "mastodon", "x"}

    seen: set[str] = set()
    duplicates = 0
    for event in events:
        if event.kind == "post":
            duplicates += event.uri in seen
            seen.add(event.uri)
        else:
            assert event.uri in seen, f"{event.kind} of an unknown post {event.uri}"
    assert duplicates == 1

    stamps = [e.created_at for e in events]
    assert all(t is not None and t.tzinfo is not None for t in stamps)
    assert stamps == sorted(stamps, key=lambda t: t.astimezone(UTC))  # type: ignore[union-attr]
    assert (max(stamps) - min(stamps)).days >= 2  # type: ignore[operator]


def test_it_fills_the_stream_with_realistic_distinct_posts(corpus: list[dict[str, Any]]) -> None:
    posts = [e for e, _c in ReplayNetwork(STREAM).stream() if e.kind == "post"]
    texts = {p.text for p in posts}
    assert not texts & {r["text"] for r in corpus}  # written apart from the evaluation corpus
    seekers = [
        p for p in posts if "#pleasert" in p.text.lower() and "i4emploi" in (p.text + p.author.bio).lower()
    ]
    assert len(seekers) >= len(posts) // 2
    assert sum(p.has_image for p in posts) >= len(posts) // 2
    assert sum(any("linkedin.com/in/" in link for link in p.links) for p in posts) >= 100
    assert all(p.author.handle and p.author.followers_count is not None for p in posts)
    members = {p.author.handle for p in posts if re.search(r"#i4emploi\b(?!r)", p.author.bio, re.IGNORECASE)}
    assert len(members) >= 12
