"""Byte-identity check of `colibri triage` output across engine changes (speed work must not move a byte).

    .venv/bin/python bench/triage_identity.py --write     # record the reference (run on the base code)
    .venv/bin/python bench/triage_identity.py             # compare the current code with it

The posts, in this order:

(a) tests/data/triage_corpus.jsonl (all splits),
(b) colibri/sample/stream.jsonl posts (lines that are not valid posts are skipped),
(c) the speed bench's generated posts (its three seeds, same generator),
(d) deterministic random mutations of corpus posts: case, accents removed, hashtags camelCased,
    punctuation, emoji, invisible characters, truncation.

Each post goes through the CLI's own loop (`colibri.commands.triage.triage_lines`, `--full` output) with the
reference index built from ../shared/data. The JSON lines and their SHA-256 are written to
var/triage_identity.jsonl (+ .sha256); a comparison prints the digest, the number of outputs
compared and the first differing lines. Exit status 1 on any difference.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
import unicodedata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

CORPUS = REPO / "tests" / "data" / "triage_corpus.jsonl"
STREAM = REPO / "colibri" / "sample" / "stream.jsonl"
SHARED = REPO.parent / "shared" / "data"
VAR = REPO / "var"
EMOJI = ["🎉", "🔎", "👉", "✨", "🙏", "📍", "💼", "🚀", "❤️", "👩‍💻", "🇫🇷"]
PUNCT = [",", ".", "!", "?", ":", ";", " - ", " / ", "…", "(", ")", "'", "’", "«", "»"]
INVISIBLE = ["\u200b", "\u00a0", "\u202f", "\u00ad", "\ufeff"]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def camel_hashtags(text: str, rng: random.Random) -> str:
    """'#chargée de communication' style: words after a hashtag glued into it, camelCased."""
    words = text.split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w.startswith("#") and len(w) > 1:
            n = rng.randint(0, 2)
            glued = [w[1:]] + [x for x in words[i + 1 : i + 1 + n] if x.isalpha()]
            out.append("#" + "".join(g[:1].upper() + g[1:] for g in glued))
            i += 1 + (len(glued) - 1)
            continue
        out.append(w)
        i += 1
    return " ".join(out)


def mutate(text: str, rng: random.Random) -> str:
    """One to three random edits of the kinds people (and their phones) make."""
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(9)
        if kind == 0:
            text = rng.choice([str.upper, str.lower, str.swapcase, str.title])(text)
        elif kind == 1:
            text = "".join(c.upper() if rng.random() < 0.3 else c for c in text)
        elif kind == 2:
            text = strip_accents(text)
        elif kind == 3:
            text = camel_hashtags(text, rng)
        elif kind == 4:  # punctuation added or removed
            chars = list(text)
            for _ in range(rng.randint(1, 6)):
                pos = rng.randrange(len(chars) + 1)
                if rng.random() < 0.5 and pos < len(chars) and not chars[pos].isalnum():
                    del chars[pos]
                else:
                    chars.insert(pos, rng.choice(PUNCT))
            text = "".join(chars)
        elif kind == 5:  # emoji between words
            words = text.split(" ")
            for _ in range(rng.randint(1, 4)):
                words.insert(rng.randrange(len(words) + 1), rng.choice(EMOJI))
            text = " ".join(words)
        elif kind == 6:  # truncation, sometimes in the middle of a word
            if len(text) > 10:
                text = text[: rng.randrange(5, len(text))]
        elif kind == 7:  # invisible characters and odd spaces
            chars = list(text)
            for _ in range(rng.randint(1, 4)):
                chars.insert(rng.randrange(len(chars) + 1), rng.choice(INVISIBLE))
            text = "".join(chars)
        else:  # hashtags dropped to words, or words made hashtags
            words = text.split(" ")
            for _ in range(rng.randint(1, 3)):
                j = rng.randrange(len(words))
                w = words[j]
                words[j] = w[1:] if w.startswith("#") else ("#" + w if w.isalpha() else w)
            text = " ".join(words)
    return text


def corpus_posts() -> list[dict[str, Any]]:
    from triage_accuracy import load_corpus

    rows = load_corpus(CORPUS)
    return [
        {
            "id": r["id"],
            "network": r.get("network", "bluesky"),
            "text": r["text"],
            "author_bio": r.get("author_bio", ""),
            "has_image": bool(r.get("has_image")),
        }
        for r in rows
    ]


def stream_posts() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    with STREAM.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                data = json.loads(line)
            except ValueError:
                continue  # the sample stream carries malformed lines on purpose
            if not isinstance(data, dict) or data.get("kind", "post") != "post":
                continue
            if not isinstance(data.get("text"), str):
                continue
            author = data.get("author") if isinstance(data.get("author"), dict) else {}
            out.append(
                {
                    "id": f"stream-{n}",
                    "network": str(data.get("network") or "bluesky"),
                    "text": data["text"],
                    "author_bio": str(author.get("bio") or ""),
                    "has_image": bool(data.get("has_image")),
                }
            )
    return out


def bench_posts(index: Any) -> list[dict[str, Any]]:
    """The speed bench's posts: same generator, same seeds, same job list as bench/triage_speed.py."""
    import triage_speed

    rng = random.Random(7)
    jobs = triage_speed.bench_jobs(index, rng)
    posts = triage_speed.make_posts(4000, rng, jobs)
    for seed in (101, 202):
        posts += triage_speed.make_posts(4000, random.Random(seed), jobs)
    return [
        {
            "id": f"bench-{i}",
            "network": p.network,
            "text": p.text,
            "author_bio": p.author_bio,
            "has_image": p.has_image,
        }
        for i, p in enumerate(posts)
    ]


def mutated_posts(base: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    rng = random.Random(20261126)
    out = []
    for i in range(n):
        src = base[rng.randrange(len(base))]
        out.append(dict(src, id=f"mut-{i}", text=mutate(src["text"], rng)))
    return out


def load_reference_index() -> Any:
    from colibri.core.refindex import build_index, load_index

    index_dir = VAR / "identity-index"
    if not (index_dir / ".built").exists():
        index_dir.mkdir(parents=True, exist_ok=True)
        build_index(SHARED / "insee-cog-2024", SHARED / "rome", index_dir)
        (index_dir / ".built").write_text("ok\n")
    return load_index(index_dir)


def run_cli(posts: list[dict[str, Any]], index: Any) -> str:
    from colibri.commands.triage import triage_lines
    from colibri.core.triage import Triager

    lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts)
    out = io.StringIO()
    triage_lines(io.BytesIO(lines.encode("utf-8")), Triager(index=index), True, out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="record the reference instead of comparing")
    parser.add_argument("--mutations", type=int, default=4000)
    parser.add_argument("--reference", default=str(VAR / "triage_identity.jsonl"))
    args = parser.parse_args(argv)
    index = load_reference_index()
    corpus = corpus_posts()
    posts = corpus + stream_posts() + bench_posts(index) + mutated_posts(corpus, args.mutations)
    output = run_cli(posts, index)
    digest = hashlib.sha256(output.encode("utf-8")).hexdigest()
    ref = Path(args.reference)
    count = output.count("\n")
    if args.write:
        ref.parent.mkdir(parents=True, exist_ok=True)
        ref.write_text(output, encoding="utf-8")
        ref.with_suffix(".sha256").write_text(digest + "\n")
        print(f"reference written: {count} outputs, sha256 {digest}")
        return 0
    expected = ref.read_text(encoding="utf-8")
    if output == expected:
        print(f"IDENTICAL: {count} outputs compared, sha256 {digest}")
        return 0
    got, want = output.splitlines(), expected.splitlines()
    diffs = [i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b]
    print(f"DIFFERENT: {len(diffs)} of {len(want)} outputs differ (got {len(got)} lines), sha256 {digest}")
    for i in diffs[:5]:
        print(f"--- post {i}: {json.dumps(posts[i], ensure_ascii=False)[:300]}")
        print(f"  want {want[i][:600]}")
        print(f"  got  {got[i][:600]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
