"""How `colibri.core.replies` folds an answer before reading it: lower case, accents, mentions and URLs
off, elisions and SMS spellings spelled out, letters repeated for emphasis collapsed."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from colibri.core.reply_model import SMS

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_MENTION_OR_URL = re.compile(r"(?:https?://|www\.)\S+|@[\w.\-]+")
_ELISION = re.compile(r"\b(qu|[cdjlmnst])'")
CLAUSE = re.compile(
    r"[.!?;,:\n()…\U0001f300-\U0001faff\u2600-\u27bf]|\b(?:mais|but|et|and|donc|so)\b"
)  # emoji end a clause
WORD = re.compile(r"[a-z0-9]+")
_RUNS = re.compile(r"([a-z])\1{2,}")  # "ouiiii", "trouvééé", "stooop": three or more of a letter


def fold(text: str) -> str:
    """Lowercase, accents and mentions off, French elisions and English contractions spelled out."""
    text = _MENTION_OR_URL.sub(" ", text.translate(_APOSTROPHES))
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("n't", " not").replace("i'm", "i am").replace("i've", "i have")
    text = _ELISION.sub(lambda m: m.group(1) + "e ", text)  # j'ai -> je ai, n'ai -> ne ai, qu'il -> que il
    text = text.replace("#", " ").replace("-", " ").replace("_", " ")
    return re.sub(r"[ \t]+", " ", text)


_LETTERS = str.maketrans(
    {
        "ł": "l",
        "ı": "i",
        "đ": "d",
        "ø": "o",
        "œ": "oe",
        "æ": "ae",
        "ð": "d",
        "þ": "th",
        "ŀ": "l",
        "ɔ": "o",
        "ɛ": "e",
        "ɲ": "ny",
        "ŋ": "ng",
        "ɓ": "b",
        "ɗ": "d",
        "ƴ": "y",
        "ɣ": "gh",
        "ħ": "h",
    }
)
_SPACED = re.compile(r"\b[a-z](?:[ .\-_*]+[a-z]\b){2,}")
_SMS_WORD = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in SMS if w.isascii()), key=len, reverse=True)) + r")\b"
)


_IN_LEAVE = re.compile(
    r"\b((?:je suis|suis|je serai|serai|toujours|encore|actuellement|mise?|me voila|je me retrouve|"
    r"il est|elle est|est) (?:\w+ )?)en arrets?\b(?! (?:de|des|du|sur|pour) (?:la |le |les |mes |mon |ma |"
    r"vos |votre |ton |ta |tes |ce |cette |ces )?(?:relai|relay|partag|publi|diffus|message|relance|annonce|"
    r"post|contact|mail|notif|sollicit))"
)


# Cached: one answer is folded by the rules, by the clause reading (`reply_clauses`) and by reply_other /
# reply_outcomes.
@lru_cache(maxsize=1024)
def fold_answer(text: str) -> str:
    """`fold`, plus what answers typed fast do: repeated letters, "jai" / "j ai", "c bon"."""
    # Letters NFKD does not take apart ("znalazłam", "arıyorum", "được", "sœur"): spelled in ASCII so
    # the phrase tables (French "soeur", the other languages of `reply_languages`) read them.
    folded = _RUNS.sub(r"\1", fold(text).translate(_LETTERS))
    # "o u i", "s.t.o.p": three or more single letters apart are one word (before "u" becomes "you").
    folded = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]+", "", m.group(0)), folded)
    folded = _SMS_WORD.sub(lambda m: SMS[m.group(0)], folded)
    folded = re.sub(r"\bj ?ai\b", "je ai", folded)
    # Elisions typed without the apostrophe ("l annonce", "m appeler", "n arrive") read as `fold` reads
    # them with it; then the SMS "j" glued to a verb ("jbosse", "jsuis", "jte dis", "jsp").
    folded = re.sub(r"\b([dlmnst]) (?=[aeiouyh])", r"\1e ", folded)
    folded = re.sub(r"\b(?:jsp|jsais pas|chais pas|jsai pas)\b", "je sais pas", folded)
    folded = re.sub(
        r"\bj(?=[bcdfgklmnpqrstvxz][a-z]*[aeiouy])(?!(?:pg|peg|sem|sme|ste|sou)\b)", "je ", folded
    )
    folded = re.sub(r"\bc (?:est )?(?=\w)", "ce est ", folded)  # "c bon", "c est fini", "c fini"
    folded = re.sub(r"\bsi si\b", "oui oui", folded)  # an insisted yes, not a condition
    folded = re.sub(r"(?<=[a-z])0(?=[a-z]|\b)|\b0(?=[a-z])", "o", folded)  # "n0n", "n0"
    # Dictated punctuation ("virgule", "point final") and a dictated self-correction ("non c'est pas
    # ça") end a clause: what follows is the answer, not what was negated before.
    folded = re.sub(
        r"\b(?:point (?:virgule|final|a la ligne|de interrogation|de exclamation)|virgule)\b"
        # ... and a dictated one taken back: "point d'interrogation ah non point"
        r"(?:\s+(?:ah |oh |euh )?non(?: pardon)?\b(?= point\b| virgule\b|\W*$))?"
        r"|\bpoint\W*$",
        " ; ",
        folded,
    )
    folded = re.sub(
        r"\b(?:non )?ce est pas ca\b(?= (?:oui|non|je|ce|en|pas)\b)|\bje (?:veux|voulais) dire\b",
        " ; ",
        folded,
    )
    folded = re.sub(r"\bsais pas encore\b", "sais pas", folded)  # not a "pas encore" (searching)
    # "Arrêt maladie", "arrêt de travail" are a sick leave, not a stop.
    folded = re.sub(r"\barrets? (?=maladie\b|de travail\b|longue maladie\b)", "conge ", folded)
    # So is "arrêt" as a state someone is in ("je suis en arrêt pour mon dos", "toujours en arrêt"),
    # unless what is stopped is the relay ("mise en arrêt de la diffusion").
    folded = _IN_LEAVE.sub(r"\1en conge maladie", folded)
    return re.sub(r"\bdont\b", "do not", folded)


# Words that open or close an answer without saying anything of it: a greeting, laughter, an "ok". They
# must never settle an answer that says more ("Bonsoir, je vous demande de cesser toute diffusion…",
# "mdr qui t'es toi"): the rest is read as if they were not there.
FILLER = re.compile(
    r"^(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|cc|kikou|yo|re|madame|monsieur|mdr|lol|ptdr|mdrr|xd|"
    r"haha\w*|ahah\w*|hihi\w*|hehe\w*|ok|okay|ah|oh|bon|euh|bah|ben|alors|eh|he|hein)$"
)


def without_fillers(folded: str) -> str:
    """The answer without the greetings, laughter and "ok" around it (its punctuation kept), when there
    were some and a word is left, else ""."""
    words = WORD.findall(folded)
    spans = [m.span() for m in WORD.finditer(folded)]
    first, last = 0, len(words)
    while first < last and FILLER.match(words[first]):
        first += 1
    while last > first and FILLER.match(words[last - 1]):
        last -= 1
    if last == first or (first, last) == (0, len(words)):
        return ""
    end = spans[last][0] if last < len(words) else len(folded)
    return folded[spans[first][0] : end].strip()
