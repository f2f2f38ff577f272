"""Fonts for the skills card: the DejaVu Sans files that ship inside matplotlib.

matplotlib is a pinned dependency (infographics), so the fonts arrive with `pip install`
and nothing is downloaded at run time. We locate its data folder through
`importlib.util.find_spec` rather than `import matplotlib`, which would pull numpy and
matplotlib's rc machinery into every card render for nothing.

DejaVu has no colour emoji: characters it cannot draw are removed before drawing
(`drawable_text`), so a card never shows "tofu" boxes.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

from fontTools.ttLib import TTFont
from PIL import ImageFont

Weight = Literal["regular", "bold", "italic"]

_FILES: dict[str, str] = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
}

# Invisible helpers of emoji sequences: meaningless once the emoji itself is gone.
_JOINERS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}


class FontNotFound(RuntimeError):
    """matplotlib's bundled fonts are missing (broken install)."""


@cache
def font_dir() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FontNotFound("matplotlib is not installed: it provides the DejaVu fonts used by skills cards")
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "mpl-data" / "fonts" / "ttf"
        if (candidate / _FILES["regular"]).is_file():
            return candidate
    raise FontNotFound("DejaVu Sans not found in matplotlib's mpl-data/fonts/ttf")


def font_path(weight: Weight = "regular") -> Path:
    return font_dir() / _FILES[weight]


@cache
def font(weight: Weight, size: int) -> ImageFont.FreeTypeFont:
    # Basic layout (not Raqm) keeps rendering identical across machines that may or may
    # not have libraqm: deterministic bytes matter more than ligatures for this card.
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=ImageFont.Layout.BASIC)


@cache
def _codepoints(weight: Weight) -> frozenset[int]:
    with TTFont(str(font_path(weight)), lazy=True) as tt:
        cmap = tt.getBestCmap() or {}
        return frozenset(cmap)


def supported(char: str, weights: tuple[Weight, ...] = ("regular", "bold", "italic")) -> bool:
    """True when every given weight has a glyph for `char` (a single code point)."""
    code = ord(char)
    return all(code in _codepoints(w) for w in weights)


def drawable_text(text: str) -> tuple[str, list[str]]:
    """`text` with the characters DejaVu cannot draw removed, and the list of removed ones.

    Text is NFC-normalised first so "e + combining acute" becomes the "é" glyph the font has.
    Emoji modifiers (skin tones, ZWJ, variation selectors) go with the emoji they decorate.
    Runs of spaces left behind collapse to one.
    """
    text = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    removed: list[str] = []
    for char in text:
        code = ord(char)
        if char in "\n\t":
            kept.append(" ")
        elif code in _JOINERS or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            continue  # joiners, variation selectors, skin tones, tag characters
        elif unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs", "Cn"}:
            continue  # controls, bidi marks, private use: never meant to be drawn
        elif supported(char):
            kept.append(char)
        else:
            removed.append(char)
    cleaned = " ".join("".join(kept).split())
    return cleaned, removed
