"""A learned reading of a seeker's answer, beside the rules of `colibri.core.replies`.

A multinomial logistic regression over character 4- and 5-grams (inside words, so "arêtez", "aretter"
and "arrêtez" share most of their features), words, word pairs and negated words of an answer,
normalised the way answers are typed fast (accents off, letters repeated for emphasis collapsed, SMS
spellings spelled out). `bench/train_reply_model.py` trains it on the committed labelled answers
(never the held-out split) with numpy and writes the weights to `colibri/core/data/reply_model.json`;
reading them here needs no numpy, only dictionaries. The rules stay first: the model is what keeps
an answer phrased in a way no rule foresaw from being read as "other" when it reads like a stop.

Loading the weights is the caller's choice (`load_default()`, cached), never an import side effect.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "reply_model.json"

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_MENTION_OR_URL = re.compile(r"(?:https?://|www\.)\S+|@[\w.\-]+")
_TOKEN = re.compile(r"[a-z0-9]+|[^\w\s]", re.UNICODE)
_NEGATORS = frozenset(
    {"ne", "n", "pas", "not", "no", "never", "jamais", "plus", "aucun", "aucune", "rien", "dont"}
)
_CLAUSE_END = frozenset({".", "!", "?", ",", ";", ":", "mais", "but", "et", "and", "donc", "so"})

# SMS and hurried spellings, word by word, to the words the rest of the code knows. Written for the
# sense, not a corpus: "g" is "j'ai" ("g trouvé"), "jsuis"/"chui" "je suis", "pa" "pas".
SMS: dict[str, str] = {
    "jai": "je ai", "g": "je ai", "jé": "je ai", "jsuis": "je suis", "chui": "je suis", "chu": "je suis",
    "chuis": "je suis", "jsui": "je suis", "jveux": "je veux", "jveu": "je veux", "veu": "veux",
    "jvais": "je vais", "jpeux": "je peux", "jcherche": "je cherche", "jtravaille": "je travaille",
    "pa": "pas", "plu": "plus", "pk": "pourquoi", "pq": "pourquoi", "pkoi": "pourquoi", "koi": "quoi",
    "ki": "qui", "ke": "que", "k": "que", "kan": "quand", "qd": "quand", "tjrs": "toujours",
    "tjs": "toujours", "tjr": "toujours", "toujour": "toujours", "touj": "toujours", "bcp": "beaucoup",
    "mé": "mais", "ds": "dans", "tt": "tout", "tte": "toute", "stp": "svp", "slt": "salut",
    "bjr": "bonjour", "bsr": "bonsoir", "mrc": "merci", "mci": "merci",
    "cé": "ce est", "ct": "ce etait", "ya": "il y a", "yen": "il y en",
    "encor": "encore", "ancore": "encore", "vs": "vous", "ns": "nous", "msg": "message",
    "msgs": "messages", "dac": "daccord", "dacc": "daccord", "oki": "ok", "okay": "ok",
    "nn": "non", "nan": "non", "nope": "non", "nop": "non", "ui": "oui", "wi": "oui", "ouai": "ouais",
    "yep": "yes", "yup": "yes", "yeah": "yes", "u": "you", "r": "are", "pls": "please",
    "plz": "please", "thx": "thanks", "ty": "thanks", "im": "i am", "dont": "do not",
    "didnt": "did not", "havent": "have not", "cant": "can not", "wont": "will not",
}  # fmt: skip
# Verb endings the model need not tell apart (the rules do: "trouvé" is a hire, "trouver" may not be).
_FORMS: dict[str, str] = {
    "trouver": "trouve", "trouvee": "trouve", "trouvez": "trouve", "trouvai": "trouve",
    "trouv": "trouve", "trove": "trouve", "embaucher": "embauche", "embauchee": "embauche",
    "signer": "signe", "signee": "signe", "recrutee": "recrute", "recruter": "recrute",
}  # fmt: skip


def normalise(text: str) -> str:
    """Folded words of an answer: lower case, accents and mentions off, elisions and SMS spelled out,
    a letter typed three times or more kept once ("ouiii", "stooop")."""
    text = _MENTION_OR_URL.sub(" ", text.translate(_APOSTROPHES)).casefold()
    text = re.sub(r"\b(qu|[cdjlmnst])'", lambda m: m.group(1) + "e ", text)
    text = text.replace("n't", " not").replace("'", " ")
    words = []
    for word in re.findall(r"\w+|[^\w\s]", text):
        word = SMS.get(word, word)
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        word = SMS.get(word, word)
        words.append(_FORMS.get(word, word))
    folded = re.sub(r"\bc (?!est\b)(?=\w)", "ce est ", " ".join(words))  # "c bon", "c fini"
    return re.sub(r"([a-z])\1{2,}", r"\1", folded)


def _squeeze(word: str) -> str:
    """Doubled letters once: "arrettez" and "aretez" meet at "aretez"."""
    return re.sub(r"(.)\1+", r"\1", word)


def features(text: str) -> list[str]:
    """Features of one answer (each once): n-grams of squeezed words, words, pairs, negated words."""
    tokens = _TOKEN.findall(normalise(text))
    words = [t for t in tokens if t[0].isalnum()]
    out: set[str] = set()
    for word in words:
        padded = f" {_squeeze(word)} "
        # No 3-grams: " pl" or " av" start "plus" and "avec vous" in stops as well as "avec plaisir", and
        # left one writer out (bench/train_reply_model.py --by-writer) the model read unknown words
        # better without them.
        for n in (4, 5):
            out.update("c" + padded[i : i + n] for i in range(len(padded) - n + 1))
        out.add("w " + word)
    out.update(f"b {a} {b}" for a, b in itertools.pairwise(words))
    negated = 0  # words left in the scope of a negation ("ne supprimez pas", "don't stop")
    for token in tokens:
        if token in _CLAUSE_END:
            negated = 0
        elif token in _NEGATORS:
            negated = 3
        elif negated and token[0].isalnum():
            out.add("n " + _squeeze(token))
            negated -= 1
    if words:
        out.add("first " + words[0])
        out.add("last " + words[-1])
    out.add(f"len {len(words)}" if len(words) < 4 else "len long")
    if "?" in tokens:
        out.add("question")
    for char in text:
        if ord(char) > 0x2000 and not char.isalnum():
            out.add("e " + char)  # an emoji or symbol: 🛑, 🎉 and 😢 say a lot in a short answer
    return sorted(out)


@dataclass(frozen=True, slots=True)
class ReplyModel:
    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per class
    bias: tuple[float, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReplyModel:
        classes = tuple(str(c) for c in data["classes"])
        return cls(
            classes=classes,
            weights={str(k): tuple(float(x) for x in v) for k, v in data["weights"].items()},
            bias=tuple(float(x) for x in data["bias"]),
        )

    def probabilities(self, text: str) -> dict[str, float]:
        """P(intent) for each intent (they sum to 1)."""
        feats = features(text)
        scores = list(self.bias)
        if feats:
            scale = 1.0 / math.sqrt(len(feats))  # the training rows were L2-normalised binary vectors
            for feat in feats:
                row = self.weights.get(feat)
                if row is not None:
                    for i, w in enumerate(row):
                        scores[i] += w * scale
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}


@cache
def load_default(path: Path = DEFAULT_PATH) -> ReplyModel | None:
    """The shipped model, or None when its file is absent (the rules then decide alone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return ReplyModel.from_json(data)
