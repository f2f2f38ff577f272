"""Draw a seeker's skills card as a PNG (Pillow), in the two shapes networks display best.

Layout works by measurement, never by guessing: every block of text is wrapped to its
panel's width with `ImageDraw.textlength`, and a panel's blocks shrink together (one scale
per panel) until they fit its height, down to a readable floor per block. Only when the
floor is reached and text still does not fit is a block cut with "…", and the card says
so in `CardResult.ellipsized` so the caller can tell the seeker to shorten it.

Every line drawn is recorded (`DrawnText`: its measured box, the panel or chip it sits in,
its colours) so tests can prove nothing overflows and contrast holds. Output bytes depend
only on the input: fixed fonts, basic layout engine, no PNG metadata.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from PIL import Image, ImageDraw, ImageFont

from colibri.cards.contrast import RGB
from colibri.cards.fonts import Weight, drawable_text, font
from colibri.cards.model import MAX_SKILLS, CardInput, display_link
from colibri.i18n import gettext as _

Shape = Literal["landscape", "square"]
SIZES: dict[str, tuple[int, int]] = {"landscape": (1200, 675), "square": (1080, 1080)}
SHAPES: tuple[Shape, ...] = ("landscape", "square")

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 (x1, y1 exclusive, like Pillow)

# Palette: deep navy panel with white/yellow text, warm paper with navy/teal text.
# All pairs are ≥ 7:1 except the teal accent (≈ 5.6:1), still above WCAG AA 4.5:1.
NAVY: RGB = (16, 42, 67)
PAPER: RGB = (250, 248, 243)
WHITE: RGB = (255, 255, 255)
YELLOW: RGB = (255, 209, 102)
MIST: RGB = (214, 224, 235)  # secondary text on navy
TEAL: RGB = (0, 104, 114)
SLATE: RGB = (62, 76, 92)  # secondary text on paper
CHIP: RGB = (223, 234, 245)

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class DrawnText:
    """One line of text as drawn: for tests and for anyone checking the card."""

    role: str  # "job", "place", "skill", "pitch", ...
    text: str
    box: Box  # measured ink box (ImageDraw.textbbox)
    container: Box  # the panel (or chip) the line must stay inside
    fg: RGB
    bg: RGB
    size: int


@dataclass(slots=True)
class CardResult:
    png: bytes
    shape: Shape
    size: tuple[int, int]
    texts: list[DrawnText] = field(default_factory=list)
    panels: list[tuple[str, Box, RGB]] = field(default_factory=list)
    ellipsized: list[str] = field(default_factory=list)  # roles cut with "…" (text too long)
    removed_chars: list[str] = field(default_factory=list)  # emoji etc. the font cannot draw


# --- blocks -------------------------------------------------------------------------------


@dataclass(slots=True)
class TextBlock:
    role: str
    text: str
    weight: Weight
    max_size: int
    min_size: int
    fg: RGB
    max_lines: int
    gap_before: int = 0
    line_spacing: float = 1.18


@dataclass(slots=True)
class ChipsBlock:
    role: str
    items: Sequence[str]
    max_size: int
    min_size: int
    fg: RGB
    chip_bg: RGB
    max_lines: int = 2  # per chip
    gap_before: int = 0


Block = TextBlock | ChipsBlock


@dataclass(slots=True)
class Panel:
    name: str
    box: Box
    bg: RGB
    padding: int
    top: list[Block]
    bottom: list[Block] = field(default_factory=list)

    @property
    def inner(self) -> Box:
        x0, y0, x1, y1 = self.box
        return (x0 + self.padding, y0 + self.padding, x1 - self.padding, y1 - self.padding)


# --- measuring ----------------------------------------------------------------------------


def _line_height(f: ImageFont.FreeTypeFont, spacing: float) -> int:
    ascent, descent = f.getmetrics()
    return round((ascent + descent) * spacing)


def _split_long_word(word: str, f: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """A word wider than the box (a URL, "Saint-Rémy-en-Bouzemont-…") is broken after its last
    hyphen or slash that fits, else between letters."""
    parts: list[str] = []
    current = ""
    for char in word:
        if current and _len(f, current + char) > width:
            cut = max(current.rfind("-"), current.rfind("/"))
            if cut > 0:
                parts.append(current[: cut + 1])
                current = current[cut + 1 :] + char
            else:
                parts.append(current)
                current = char
        else:
            current += char
    if current:
        parts.append(current)
    return parts


@lru_cache(maxsize=100_000)
def _len(f: ImageFont.FreeTypeFont, text: str) -> float:
    """Advance width of `text` (fonts are cached per size, so the font object is a stable key)."""
    return f.getlength(text)


def _wrap_exact(text: str, f: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        pieces = [word] if _len(f, word) <= width else _split_long_word(word, f, width)
        for piece in pieces:
            candidate = f"{current} {piece}" if current else piece
            if _len(f, candidate) <= width:
                current = candidate
            else:
                if current:
                    lines.append(current)
                current = piece
    if current:
        lines.append(current)
    return lines


def wrap(text: str, f: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap measured with the real font.

    Lines are built from cached word widths (fast: the fitting loop wraps the same words at
    many sizes), then each line is measured for real; if kerning made one longer than its
    estimate, the text is wrapped again measuring every candidate line.
    """
    space = _len(f, " ")
    lines: list[str] = []
    current: list[str] = []
    current_w = 0.0
    for word in text.split():
        # Pieces of a broken word are each nearly a full line, so they never join with a space.
        pieces = [word] if _len(f, word) <= width else _split_long_word(word, f, width)
        for piece in pieces:
            piece_w = _len(f, piece)
            if current and current_w + space + piece_w <= width:
                current.append(piece)
                current_w += space + piece_w
            else:
                if current:
                    lines.append(" ".join(current))
                current, current_w = [piece], piece_w
    if current:
        lines.append(" ".join(current))
    if any(_len(f, line) > width for line in lines):
        return _wrap_exact(text, f, width)
    return lines


def _has_unbreakable(text: str, f: ImageFont.FreeTypeFont, width: float) -> bool:
    return any(_len(f, word) > width for word in text.split())


def ellipsize(line: str, f: ImageFont.FreeTypeFont, width: float) -> str:
    """Cut `line` (at a word if possible) so that `line…` fits `width`."""
    if _len(f, line + ELLIPSIS) <= width:
        return line + ELLIPSIS
    words = line.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(" ,;:-·") + ELLIPSIS
        if _len(f, candidate) <= width:
            return candidate
    chars = line
    while chars and _len(f, chars + ELLIPSIS) > width:
        chars = chars[:-1]
    return chars + ELLIPSIS


@dataclass(slots=True)
class _LaidText:
    block: TextBlock
    size: int
    lines: list[str]
    line_h: int
    gap: int
    cut: bool

    @property
    def height(self) -> int:
        return self.gap + self.line_h * len(self.lines)


@dataclass(slots=True)
class _Chip:
    lines: list[str]
    box: Box  # relative to the block's origin


@dataclass(slots=True)
class _LaidChips:
    block: ChipsBlock
    size: int
    chips: list[_Chip]
    line_h: int
    pad_x: int
    pad_y: int
    gap: int
    body_h: int
    cut: bool

    @property
    def height(self) -> int:
        return self.gap + self.body_h


_Laid = _LaidText | _LaidChips


def _lay_text(
    block: TextBlock, size: int, width: int, gap: int, force: bool, max_lines: int, may_break: bool
) -> _LaidText | None:
    f = font(block.weight, size)
    if not may_break and _has_unbreakable(block.text, f, width):
        return None  # shrink rather than break a word in two
    lines = wrap(block.text, f, width)
    cut = False
    if len(lines) > max_lines:
        if not force:
            return None
        kept = lines[:max_lines]
        rest = " ".join(lines[max_lines - 1 :])
        kept[-1] = ellipsize(rest, f, width)
        lines, cut = kept, True
    return _LaidText(block, size, lines, _line_height(f, block.line_spacing), gap, cut)


def _lay_chips(
    block: ChipsBlock, size: int, width: int, gap: int, force: bool, max_lines: int, may_break: bool
) -> _LaidChips | None:
    f = font("regular", size)
    line_h = _line_height(f, 1.12)
    pad_x, pad_y = round(size * 0.62), round(size * 0.34)
    spacing = round(size * 0.45)
    inner_w = width - 2 * pad_x
    chips: list[_Chip] = []
    x = y = row_h = 0
    cut = False
    for item in block.items:
        if not may_break and _has_unbreakable(item, f, inner_w):
            return None
        lines = wrap(item, f, inner_w)
        if len(lines) > max_lines:
            if not force:
                return None
            rest = " ".join(lines[max_lines - 1 :])
            lines = [*lines[: max_lines - 1], ellipsize(rest, f, inner_w)]
            cut = True
        w = max(round(_len(f, line)) for line in lines) + 2 * pad_x
        h = line_h * len(lines) + 2 * pad_y
        if x and x + w > width:
            x, y = 0, y + row_h + spacing
            row_h = 0
        chips.append(_Chip(lines, (x, y, x + w, y + h)))
        x += w + spacing
        row_h = max(row_h, h)
    body_h = y + row_h if chips else 0
    return _LaidChips(block, size, chips, line_h, pad_x, pad_y, gap, body_h, cut)


def _word_cap(block: Block, width: int) -> int:
    """The largest size at which the block's longest word fits its width (never below the floor).

    A long word ("communication") then shrinks its own block only, instead of dragging the
    whole panel's scale down with it."""
    texts = [block.text] if isinstance(block, TextBlock) else list(block.items)
    weight: Weight = block.weight if isinstance(block, TextBlock) else "regular"
    for size in range(block.max_size, block.min_size, -1):
        room = width if isinstance(block, TextBlock) else width - 2 * round(size * 0.62)
        f = font(weight, size)
        if not any(_has_unbreakable(text, f, room) for text in texts):
            return size
    return block.min_size


def _size(block: Block, scale: float, cap: int) -> int:
    return max(block.min_size, min(cap, round(block.max_size * scale)))


def _lay(
    block: Block, scale: float, width: int, force: bool, max_lines: int | None = None, cap: int | None = None
) -> _Laid | None:
    size = _size(block, scale, block.max_size if cap is None else cap)
    gap = round(block.gap_before * max(scale, 0.5))
    lines = block.max_lines if max_lines is None else max_lines
    # A word too wide even at the floor size (a URL, a long hyphenated commune) is broken
    # rather than shrinking the whole panel for nothing.
    may_break = force or size == block.min_size
    if isinstance(block, TextBlock):
        return _lay_text(block, size, width, gap, force, lines, may_break)
    return _lay_chips(block, size, width, gap, force, lines, may_break)


def _fit_panel(panel: Panel) -> tuple[list[_Laid], list[_Laid]]:
    """The largest common scale at which every block fits; at the floor, cut the longest blocks."""
    x0, y0, x1, y1 = panel.inner
    width, height = x1 - x0, y1 - y0
    blocks = panel.top + panel.bottom
    caps = {id(b): _word_cap(b, width) for b in blocks}

    def attempt(scale: float) -> tuple[list[_Laid], list[_Laid]] | None:
        laid = [_lay(b, scale, width, force=False, cap=caps[id(b)]) for b in blocks]
        done = [item for item in laid if item is not None]
        if len(done) < len(laid) or sum(item.height for item in done) > height:
            return None
        return done[: len(panel.top)], done[len(panel.top) :]

    # Scales from 1.0 down in 4 % steps until every block sits at its floor; text only grows
    # with the scale, so a binary search finds the largest one that fits in a few layouts.
    scales = [1.0]
    while not all(_size(b, scales[-1], caps[id(b)]) == b.min_size for b in blocks):
        scales.append(round(scales[-1] - 0.04, 2))
    best = attempt(scales[0])
    if best is not None:
        return best
    lo, hi = 1, len(scales) - 1  # scales[0] fails; look for the first that fits
    found: tuple[list[_Laid], list[_Laid]] | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        result = attempt(scales[mid])
        if result is not None:
            found, hi = result, mid - 1
        else:
            lo = mid + 1
    if found is not None:
        return found
    scale = scales[-1]
    # Floor reached: keep the minimum sizes and take lines away from the tallest block,
    # one at a time, until the panel holds (each cut is reported).
    limits = {id(b): b.max_lines for b in blocks}
    while True:
        forced = [_lay(b, scale, width, force=True, max_lines=limits[id(b)], cap=caps[id(b)]) for b in blocks]
        done = [item for item in forced if item is not None]
        overflow = sum(item.height for item in done) - height
        if overflow <= 0:
            return done[: len(panel.top)], done[len(panel.top) :]
        candidates = [b for b in blocks if limits[id(b)] > 1]
        if not candidates:
            raise ValueError(f"panel {panel.name!r} cannot hold its text even at the floor size")
        tallest = max(candidates, key=lambda b: next(d.height for d in done if d.block is b))
        limits[id(tallest)] -= 1


# --- drawing ------------------------------------------------------------------------------


def _draw_laid(
    draw: ImageDraw.ImageDraw, laid: _Laid, x: int, y: int, panel: Panel, result: CardResult
) -> int:
    """Draw one laid-out block with its top-left at (x, y); return the y below it."""
    y += laid.gap
    if isinstance(laid, _LaidText):
        block = laid.block
        f = font(block.weight, laid.size)
        for line in laid.lines:
            draw.text((x, y), line, font=f, fill=block.fg, anchor="la")
            bbox = draw.textbbox((x, y), line, font=f, anchor="la")
            result.texts.append(
                DrawnText(block.role, line, _box(bbox), panel.box, block.fg, panel.bg, laid.size)
            )
            y += laid.line_h
        if laid.cut:
            result.ellipsized.append(block.role)
        return y
    chips_block = laid.block
    f = font("regular", laid.size)
    radius = round(laid.size * 0.5)
    for chip in laid.chips:
        cx0, cy0, cx1, cy1 = chip.box
        chip_box = (x + cx0, y + cy0, x + cx1, y + cy1)
        draw.rounded_rectangle(
            (chip_box[0], chip_box[1], chip_box[2] - 1, chip_box[3] - 1), radius, fill=chips_block.chip_bg
        )
        ty = chip_box[1] + laid.pad_y
        for line in chip.lines:
            tx = chip_box[0] + laid.pad_x
            draw.text((tx, ty), line, font=f, fill=chips_block.fg, anchor="la")
            bbox = draw.textbbox((tx, ty), line, font=f, anchor="la")
            result.texts.append(
                DrawnText(
                    chips_block.role,
                    line,
                    _box(bbox),
                    chip_box,
                    chips_block.fg,
                    chips_block.chip_bg,
                    laid.size,
                )
            )
            ty += laid.line_h
    if laid.cut:
        result.ellipsized.append(chips_block.role)
    return y + laid.body_h


def _box(bbox: tuple[float, float, float, float]) -> Box:
    x0, y0, x1, y1 = bbox
    return (int(x0), int(y0), int(x1), int(y1))


def _draw_panel(draw: ImageDraw.ImageDraw, panel: Panel, result: CardResult) -> None:
    draw.rectangle((panel.box[0], panel.box[1], panel.box[2] - 1, panel.box[3] - 1), fill=panel.bg)
    result.panels.append((panel.name, panel.box, panel.bg))
    top, bottom = _fit_panel(panel)
    x0, y0, _x1, y1 = panel.inner
    y = y0
    for laid in top:
        y = _draw_laid(draw, laid, x0, y, panel, result)
    y = y1 - sum(laid.height for laid in bottom)
    for laid in bottom:
        y = _draw_laid(draw, laid, x0, y, panel, result)


# --- the card -----------------------------------------------------------------------------


def kicker(contract: str) -> str:
    contract = contract.strip()
    if not contract:
        return _("LOOKING FOR A JOB")
    return _("LOOKING FOR A %(contract)s") % {"contract": contract.upper()}


def _clean(text: str, removed: list[str]) -> str:
    cleaned, gone = drawable_text(text)
    removed.extend(gone)
    return cleaned


def _panels(card: CardInput, shape: Shape, removed: list[str]) -> list[Panel]:
    width, height = SIZES[shape]
    job = _clean(card.job, removed) or _("Job wanted")
    place = _clean(card.place, removed)
    skills = [s for s in (_clean(s, removed) for s in card.skills) if s]
    if len(skills) > MAX_SKILLS:  # the form and CLI refuse more; library callers get the first ones
        skills = skills[:MAX_SKILLS]
    pitch = _clean(card.pitch, removed)
    facts = [f for f in (card.experience_label, _clean(card.availability_label, removed)) if f]
    hashtag = _clean(card.hashtag, removed)
    relay_tag = _clean(card.relay_tag, removed)
    link = _clean(display_link(card.link), removed) if card.link else ""

    # The square card is wider for its text: let the main lines grow with it.
    big = 1.0 if shape == "landscape" else 1.25
    head_top: list[Block] = [
        TextBlock("kicker", kicker(card.contract), "bold", 24, 18, YELLOW, 2),
        TextBlock(
            "job", job, "bold", round(66 * big), 30, WHITE, 5 if shape == "landscape" else 4, gap_before=18
        ),
    ]
    if place:
        head_top.append(TextBlock("place", place, "regular", round(40 * big), 24, YELLOW, 2, gap_before=14))
    head_bottom: list[Block] = [
        TextBlock("facts", fact, "regular", 28, 20, MIST, 2, gap_before=8 if i else 16)
        for i, fact in enumerate(facts)
    ]
    body_top: list[Block] = []
    if skills:
        body_top.append(TextBlock("skills-title", _("Skills"), "bold", 26, 18, TEAL, 1))
        body_top.append(ChipsBlock("skill", skills, round(36 * big), 17, NAVY, CHIP, 2, gap_before=16))
    if pitch:
        body_top.append(
            TextBlock("pitch", _("“%(pitch)s”") % {"pitch": pitch}, "italic", 30, 18, NAVY, 3, gap_before=26)
        )
    body_bottom: list[Block] = []
    if link:
        body_bottom.append(TextBlock("link", link, "regular", 24, 16, SLATE, 2, gap_before=16))
    body_bottom.append(
        TextBlock("hashtag", f"{relay_tag}  {hashtag}".strip(), "bold", 28, 18, TEAL, 1, gap_before=6)
    )

    if shape == "landscape":
        split = 500
        return [
            Panel("head", (0, 0, split, height), NAVY, 48, head_top, head_bottom),
            Panel("body", (split, 0, width, height), PAPER, 48, body_top, body_bottom),
        ]
    split = 440
    return [
        Panel("head", (0, 0, width, split), NAVY, 56, head_top, head_bottom),
        Panel("body", (0, split, width, height), PAPER, 56, body_top, body_bottom),
    ]


def render_card(card: CardInput, shape: Shape = "landscape") -> CardResult:
    """Render `card` as a PNG of `SIZES[shape]`; same input, same bytes."""
    if shape not in SIZES:
        raise ValueError(f"unknown card shape {shape!r}: choose among {', '.join(SHAPES)}")
    size = SIZES[shape]
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    removed: list[str] = []
    result = CardResult(png=b"", shape=shape, size=size)
    for panel in _panels(card, shape, removed):
        _draw_panel(draw, panel, result)
    # A thin yellow rule where the panels meet gives the card a finished edge.
    if shape == "landscape":
        draw.rectangle((500, 0, 505, size[1] - 1), fill=YELLOW)
    else:
        draw.rectangle((0, 440, size[0] - 1, 445), fill=YELLOW)
    result.removed_chars = sorted(set(removed))
    buffer = io.BytesIO()
    # No pnginfo, no timestamps: PNG bytes depend on pixels only.
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    result.png = buffer.getvalue()
    return result
