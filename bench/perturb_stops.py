"""Perturbation probe: do the stops the classifier reads survive how people actually type? (issue 16)

    .venv/bin/python bench/perturb_stops.py              # every perturbation, 3 examples each
    .venv/bin/python bench/perturb_stops.py --examples 10 --only typo_drop,verb_synonym

Every labelled stop of every `tests/data/replies_*.jsonl` that `classify_reply` reads as a stop today is
perturbed one way at a time (accents off, capitals, no punctuation, SMS spelling, a letter dropped / doubled
/ swapped inside the decisive verb, another request verb, another object, politeness, « s'il vous plaît »
variants). Per perturbation: how many variants were made, how many are no longer stops, and examples. Each
perturbation that has several possible variants (synonyms) tries them all; letter typos pick positions with
a fixed seed, so two runs print the same figures. A few minutes on one core.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

from colibri.core.replies import classify_reply  # noqa: E402
from colibri.core.reply_clauses import CONTACT, RELAY, REMOVE  # noqa: E402
from colibri.core.reply_text import fold  # noqa: E402

DATA = REPO / "tests" / "data"

# The decisive verb: a word of the answer whose folded form starts with a removal, stop, contact or relay
# stem of the clause lexicon (removal first: it decides most stops).
_REMOVE = re.compile(r"(?:" + REMOVE + r")\w*$")
_OTHER = re.compile(r"(?:" + CONTACT + r"|" + RELAY + r")\w*$")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def decisive_verb(text: str) -> re.Match[str] | None:
    """The first word (5+ letters) read as a removal verb, else the first contact or relay verb."""
    words = [m for m in _WORD.finditer(text) if len(m.group(0)) >= 5]
    for pattern in (_REMOVE, _OTHER):
        for m in words:
            if pattern.match(fold(m.group(0))):
                return m
    return None


def _typo(kind: str) -> Callable[[str, random.Random], Iterator[str]]:
    def perturb(text: str, rng: random.Random) -> Iterator[str]:
        m = decisive_verb(text)
        if m is None:
            return
        word = m.group(0)
        # Inside the word: never the first letter (people rarely miss it), never past the end.
        i = rng.randrange(1, len(word) - 1)
        if kind == "drop":
            new = word[:i] + word[i + 1 :]
        elif kind == "double":
            new = word[: i + 1] + word[i] + word[i + 1 :]
        else:
            new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if new != word:
            yield text[: m.start()] + new + text[m.end() :]

    return perturb


# Request verbs, as a stem and the endings to put back (first group: the ending is kept as typed).
SYNONYMS = (
    "retir",
    "enlev",
    "supprim",
    "effac",
    "ôt",
    "vir",
    "dégag",
    "masqu",
    "désactiv",
    "arrêt",
    "cess",
    "stopp",
)
_ENDS = ("ées", "ée", "és", "é", "ez", "er", "ons", "ent", "ait", "ais", "es", "e")


def verb_synonym(text: str, rng: random.Random) -> Iterator[str]:
    m = decisive_verb(text)
    if m is None or not _REMOVE.match(fold(m.group(0))):
        return
    end = next((e for e in _ENDS if m.group(0).lower().endswith(e)), "")
    if not end:
        return
    typed = m.group(0)[: -len(end)]
    for stem in SYNONYMS:
        if fold(stem) == fold(typed):
            continue
        word = stem + end
        if m.group(0)[0].isupper():
            word = word[0].upper() + word[1:]
        yield text[: m.start()] + word + text[m.end() :]


# Objects: (noun, feminine, starts with a vowel sound, plural).
OBJECTS = (
    ("annonce", True, True, "annonces"),
    ("post", False, False, "posts"),
    ("publication", True, True, "publications"),
    ("message", False, False, "messages"),
    ("profil", False, False, "profils"),
    ("fiche", True, False, "fiches"),
    ("demande", True, False, "demandes"),
    ("candidature", True, False, "candidatures"),
    ("CV", False, False, "CV"),
    ("photo", True, False, "photos"),
    ("nom", False, False, "noms"),
)
_NOUNS = "|".join(sorted({n for o in OBJECTS for n in (o[0], o[3])}, key=len, reverse=True))
_OBJECT = re.compile(
    r"(?i)\b(?P<det>mon|ma|mes|le|la|les|l['’]|cette|ce|cet|ces|votre|vos|son|sa|ses)\s*(?P<noun>"
    + _NOUNS
    + r")\b"
)
_DETS = {
    # determiner -> (masculine or before a vowel, feminine before a consonant, plural)
    "mon": ("mon", "ma", "mes"),
    "ma": ("mon", "ma", "mes"),
    "mes": ("mon", "ma", "mes"),
    "le": ("le ", "la ", "les "),
    "la": ("le ", "la ", "les "),
    "les": ("le ", "la ", "les "),
    "l'": ("le ", "la ", "les "),
    "l’": ("le ", "la ", "les "),
    "cette": ("ce", "cette", "ces"),
    "ce": ("ce", "cette", "ces"),
    "cet": ("ce", "cette", "ces"),
    "ces": ("ce", "cette", "ces"),
    "votre": ("votre", "votre", "vos"),
    "vos": ("votre", "votre", "vos"),
    "son": ("son", "sa", "ses"),
    "sa": ("son", "sa", "ses"),
    "ses": ("son", "sa", "ses"),
}


def object_synonym(text: str, rng: random.Random) -> Iterator[str]:
    m = _OBJECT.search(text)
    if m is None:
        return
    det = m.group("det").lower()
    plural = det in ("mes", "les", "ces", "vos", "ses")
    for noun, feminine, vowel, plural_noun in OBJECTS:
        if noun.lower() == m.group("noun").lower() or plural_noun.lower() == m.group("noun").lower():
            continue
        masc, fem, many = _DETS[det]
        if plural:
            new = many.strip() + " " + plural_noun
        elif feminine and not vowel:
            new = fem.strip() + " " + noun
        elif vowel and masc.strip() in ("le",):
            new = "l'" + noun
        else:
            new = masc.strip() + " " + noun
        if m.group("det")[0].isupper():
            new = new[0].upper() + new[1:]
        yield text[: m.start()] + new + text[m.end() :]


# SMS and fast typing, each rule alone (one variant per rule that applies).
SMS_RULES = (
    ("vs", r"\bvous\b", "vs"),
    ("svp", r"\bs['’ ]?il vous pla[iî]t\b", "svp"),
    ("stp", r"\bs['’ ]?il te pla[iî]t\b", "stp"),
    ("plu", r"\bplus\b", "plu"),
    ("pk", r"\bpourquoi\b", "pk"),
    ("ne dropped", r"\b(?:ne |n['’])(?=\w)", ""),
    ("m'verb", r"\bme (?=[bcdfgjklmnpqrstvz])", "m'"),
    ("qu'", r"\bqu['’]", "k"),
    ("c'est", r"\bc['’]est\b", "c"),
    ("tout", r"\btout\b", "tt"),
    ("je suis", r"\bje suis\b", "chui"),
    ("beaucoup", r"\bbeaucoup\b", "bcp"),
)


def sms(text: str, rng: random.Random) -> Iterator[str]:
    for _name, pattern, repl in SMS_RULES:
        new = re.sub(pattern, repl, text, flags=re.IGNORECASE)
        if new != text:
            yield new
    # All of them at once: the fastest typist.
    new = text
    for _name, pattern, repl in SMS_RULES:
        new = re.sub(pattern, repl, new, flags=re.IGNORECASE)
    if new != text:
        yield new


POLITE = (
    ("Bonjour, ", ""),
    ("Bonjour madame, ", ""),
    ("Salut ! ", ""),
    ("", " Merci."),
    ("", " Merci beaucoup, bonne journée."),
    ("Bonjour, ", " Cordialement."),
    ("", " Merci pour tout ce que vous faites !"),
)


def politeness(text: str, rng: random.Random) -> Iterator[str]:
    for head, tail in POLITE:
        yield head + text + tail


PLEASE = ("svp", "stp", "s'il vous plaît", "sil vous plait", "siouplé")


def please(text: str, rng: random.Random) -> Iterator[str]:
    base = text.rstrip(" .!")
    for word in PLEASE:
        yield base + " " + word
        yield word[0].upper() + word[1:] + " " + text[0].lower() + text[1:]


def _one(fn: Callable[[str], str]) -> Callable[[str, random.Random], Iterator[str]]:
    def perturb(text: str, rng: random.Random) -> Iterator[str]:
        new = fn(text)
        if new != text:
            yield new

    return perturb


PERTURBATIONS: dict[str, Callable[[str, random.Random], Iterator[str]]] = {
    "no_accents": _one(_strip_accents),
    "all_caps": _one(str.upper),
    "no_punctuation": _one(lambda t: " ".join(re.sub(r"[.,;:!?…«»\"()\-]", " ", t).split())),
    "sms": sms,
    "typo_drop": _typo("drop"),
    "typo_double": _typo("double"),
    "typo_swap": _typo("swap"),
    "verb_synonym": verb_synonym,
    "object_synonym": object_synonym,
    "politeness": politeness,
    "please": please,
}


def stops_read_today() -> list[tuple[str, str]]:
    found = []
    for path in sorted(DATA.glob("replies_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row["intent"] == "stop" and classify_reply(row["text"]).intent == "stop":
                found.append((row["id"], row["text"]))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated perturbation names")
    parser.add_argument("--json", type=Path, help="write every lost variant here")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(PERTURBATIONS)
    started = time.perf_counter()
    stops = stops_read_today()
    print(f"stops read as stops today: {len(stops)}")
    lost_all: dict[str, list[dict[str, str]]] = {}
    total_made = total_lost = 0
    for name in names:
        rng = random.Random(16)  # issue 16; the same positions every run
        made = lost = 0
        stops_hit: set[str] = set()
        examples: list[dict[str, str]] = []
        for rid, text in stops:
            for variant in PERTURBATIONS[name](text, rng):
                made += 1
                reading = classify_reply(variant)
                if reading.intent != "stop":
                    lost += 1
                    stops_hit.add(rid)
                    examples.append({"id": rid, "text": text, "variant": variant, "read": reading.intent})
        lost_all[name] = examples
        total_made += made
        total_lost += lost
        share = lost / made if made else 0.0
        hit = len(stops_hit)
        print(f"\n{name:16s} variants={made:6d} no longer stop={lost:5d} ({share:.2%}) stops hit={hit}")
        for ex in examples[: args.examples]:
            print(f"  {ex['id']}: « {ex['variant']} » -> {ex['read']}   (was « {ex['text']} »)")
    took = time.perf_counter() - started
    print(f"\nall: variants={total_made} no longer stop={total_lost} in {took:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(lost_all, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
