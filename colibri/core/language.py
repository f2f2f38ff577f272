"""A cheap guess of the language a post is written in, for choosing a reply's template.

Counts the most common short words of each language the collective answers in (no dictionary, no
model: a post is a few dozen words and the choice is only which template to use). French wins ties
and empty texts: it is the collective's language and the one every template has.
"""

from __future__ import annotations

import re

from colibri.core.text import fold

# Short, frequent words that are not words of the other languages listed (folded: no accents).
_MARKERS: dict[str, frozenset[str]] = {
    "fr": frozenset(
        "je le la les des un une est et pour dans avec sur mon ma mes vous nous pas qui que du au ce "
        "cherche emploi merci bonjour".split()
    ),
    "en": frozenset(
        "i the a an is and for in with on my you we not who that looking job am are to of hi thanks "
        "please".split()
    ),
    "es": frozenset(
        "yo el los las una es y para en con mi usted busco trabajo empleo hola gracias por que".split()
    ),
    "de": frozenset(
        "ich der die das ein eine ist und fur mit auf mein sie wir nicht suche arbeit stelle hallo "
        "danke".split()
    ),
    "it": frozenset("io il lo gli una e per con sul mio lei cerco lavoro ciao grazie che non sono".split()),
    "pt": frozenset(
        "eu o os as uma e para em com meu voce procuro trabalho emprego ola obrigado obrigada nao sou".split()
    ),
}
LANGUAGES = tuple(_MARKERS)
_WORD = re.compile(r"[a-z]+")


def guess_language(text: str) -> str:
    """The ISO 639-1 code of the likeliest language among `LANGUAGES` ("fr" when unsure)."""
    words = _WORD.findall(fold(text or ""))
    scores = {lang: sum(w in markers for w in words) for lang, markers in _MARKERS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "fr"))
    # A single shared word is no evidence: French unless another language clearly leads.
    return best if scores[best] >= 2 and scores[best] > scores["fr"] else "fr"


def declared_language(langs: object) -> str:
    """The first two-letter code of a network's declared languages (Bluesky `langs`, Mastodon
    `language`), or "" when none is usable."""
    values = [langs] if isinstance(langs, str) else list(langs) if isinstance(langs, list | tuple) else []
    for value in values:
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}(?:[-_][A-Za-z0-9]+)*", value):
            return value[:2].lower()
    return ""
