"""Composition probe for the reply classifier (issue 16): does a new non-stop reading steal a stop?

Every labelled stop of every `tests/data/replies_*.jsonl`, with one of this round's non-stop sentences
before it and after it, is classified; the intents are written to a JSON file. Run it on two checkouts
and compare: a text read as a stop before must still be a stop after.

    .venv/bin/python bench/compose_replies_other.py --out /tmp/after.json
    .venv/bin/python bench/compose_replies_other.py --repo /path/to/main/checkout --out /tmp/before.json
    .venv/bin/python bench/compose_replies_other.py --compare /tmp/before.json /tmp/after.json

`--repo` reads the classifier of another checkout (the labelled stops always come from this one).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"

# One sentence per family of round replies8 (colibri/core/reply_other.py) that the stop default used to
# read as a stop and is now read as news, small talk, a question back, a doubt, a search step or a hire.
SENTENCES = (
    "Faut payer une adhésion pour profiter de vos relais ?",
    "Ça tourne avec quel budget, un truc pareil ?",
    "Vous proposez des simulations d'entretien en vrai, pas en ligne ?",
    "La forme ! et vous ?",
    "Kouman zot yé? Bon lanné ba zot tout",
    "Happy new year from Réunion island 🌋",
    "Je me fais opérer du genou mardi, je vous raconterai après",
    "On vient d'emménager à Besançon, nouvelle vie !",
    "Je rentre de trois semaines au Sénégal chez ma famille",
    "Examen de conduite jeudi, je stresse à mort",
    "Je suis en convalescence après une chute, rien de grave",
    "J'ai repris la boutique de ma mère à Saint-Louis",
    "Je vous lis de la salle d'attente du dentiste 😬",
    "Pardon je n'ai vu votre message que maintenant",
    "🎤 audio 0:12",
    "Me voilà vendeuse chez Decathlon 😊",
    "J'ai eu la place d'auxiliaire de puériculture à la crèche",
    "Pris aux vendanges pour septembre-octobre 🍇",
    "Refusée après la période d'essai, je recommence",
    "Je n'ai pas été prise, ils voulaient plus d'expérience",
    "Je suis en lice pour deux postes, verdict la semaine prochaine",
)


def stops() -> list[tuple[str, str]]:
    found = []
    for path in sorted(DATA.glob("replies_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (row := json.loads(line))["intent"] == "stop":
                found.append((row["id"], row["text"]))
    return found


def joined(first: str, second: str) -> str:
    ended = first.rstrip()[-1:] in ".!?…" or not first[-1:].isalnum()  # an emoji ends a sentence too
    return f"{first} {second}" if ended else f"{first}. {second}"


def run(out: Path) -> None:
    from colibri.core.replies import classify_reply

    result = {}
    for number, sentence in enumerate(SENTENCES):
        for key, stop in stops():
            result[f"{number}<{key}"] = classify_reply(joined(sentence, stop)).intent
            result[f"{key}>{number}"] = classify_reply(joined(stop, sentence)).intent
    out.write_text(json.dumps(result), encoding="utf-8")
    lost = sum(intent != "stop" for intent in result.values())
    print(f"{len(result)} texts, {lost} not read as stops")


def compare(before: Path, after: Path) -> int:
    old = json.loads(before.read_text(encoding="utf-8"))
    new = json.loads(after.read_text(encoding="utf-8"))
    lost = sorted(k for k in new if old.get(k) == "stop" and new[k] != "stop")
    won = sorted(k for k in new if old.get(k) != "stop" and new[k] == "stop")
    for key in lost:
        print("lost", key, new[key])
    print(f"{len(new)} texts: {len(lost)} stops lost, {len(won)} stops won")
    return 1 if lost else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, help="read the classifier of this checkout")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    sys.path.insert(0, str(args.repo.resolve() if args.repo else REPO))
    run(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
