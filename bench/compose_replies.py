"""Composition probe of the reply classifier: every labelled stop of every `tests/data/replies_*.jsonl`,
with a greeting, a thanks, a search or a third party's reported deed put before or after it, must stay
a stop (issue 16: a stop read alone must not be lost to what is said around it).

    .venv/bin/python bench/compose_replies.py            # counts per wrapper, then the total
    .venv/bin/python bench/compose_replies.py --show 20  # and the first texts no longer read as stops

Figures (tests/data/README.md, branch replies7), on the files of that branch: main 5ebbe68 leaves 1,379
of 19,496 texts with the eight polite or search wrappers non-stop (replies7: 790) and 285 of 7,311 with
the three report wrappers (replies7: 155).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from colibri.core.replies import classify_reply  # noqa: E402

POLITE_OR_SEARCH = (
    "Bonjour. {s}",
    "{s} Merci.",
    "Merci pour tout. {s}",
    "Toujours en recherche. {s}",
    "{s} Je cherche toujours.",
    "Bonne journée ! {s}",
    "{s} Bonne continuation",
    "Pas encore trouvé. {s}",
)
REPORTS = (
    "Ils ont arrêté le recrutement. {s}",
    "{s} Le site de l'agence a supprimé mon profil, je cherche toujours.",
    "L'entreprise a annulé le poste, toujours en recherche. {s}",
)


def stops() -> list[str]:
    found = []
    for path in sorted((REPO / "tests" / "data").glob("replies_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (row := json.loads(line))["intent"] == "stop":
                found.append(row["text"].strip())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print this many texts lost")
    args = parser.parse_args()
    answers = stops()
    lost: list[str] = []
    for name, wrappers in (("polite or search", POLITE_OR_SEARCH), ("reports", REPORTS)):
        texts = sorted({wrapper.format(s=answer) for wrapper in wrappers for answer in answers})
        missed = Counter()
        for text in texts:
            if classify_reply(text).intent != "stop":
                missed[next(w for w in wrappers if _fits(w, text))] += 1
                lost.append(text)
        for wrapper, count in missed.most_common():
            print(f"  {count:5d}  {wrapper}")
        print(f"{name}: {sum(missed.values())} of {len(texts)} not read as stops")
    for text in lost[: args.show]:
        print(repr(text))


def _fits(wrapper: str, text: str) -> bool:
    before, after = wrapper.split("{s}")
    return text.startswith(before) and text.endswith(after)


if __name__ == "__main__":
    main()
