"""Skills card rendering: fit, determinism, contrast measured on the drawn pixels."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from PIL import Image

from colibri.cards import SHAPES, SIZES, CardInput, render_card
from colibri.cards.contrast import contrast_ratio
from colibri.cards.fonts import drawable_text, font_dir, font_path
from colibri.cards.render import CardResult, DrawnText

LONG_JOB = "Responsable administratif et financier spécialisé en consolidation IFRS"  # 71 chars
LONG_SKILLS = [
    "Consolidation des comptes selon les normes IFRS et French GAAP",
    "Pilotage de la trésorerie et relations bancaires internationales",
    "Contrôle de gestion industriel et analytique multi-sites",
    "Management d'équipes comptables pluridisciplinaires (12 personnes)",
    "Mise en place d'ERP SAP S/4HANA et Oracle NetSuite",
    "Audit interne, conformité SOX et contrôle interne",
    "Fiscalité des groupes et prix de transfert européens",
    "Reporting mensuel pour un fonds d'investissement anglo-saxon",
]


def long_card() -> CardInput:
    return CardInput.build(
        job=LONG_JOB,
        place="Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson (51)",
        contract="CDI ou CDD",
        skills=LONG_SKILLS,
        experience_years=15,
        availability="sous trois mois (préavis à négocier)",
        pitch="Quinze ans à transformer des chiffres en décisions : je cherche une ETI qui grandit.",
        link="https://www.linkedin.com/in/jean-baptiste-de-la-fontaine-dupont-9876543210/",
    )


def emoji_card() -> CardInput:
    return CardInput.build(
        job="Chargée de communication 📣",
        place="Besançon",
        contract="CDI",
        skills=["Réseaux sociais 🚀", "Événementiel ✨", "Rédaction 👩‍💻 web", "Relations presse 🇫🇷"],
        experience_years=1,
        availability="immédiatement",
        pitch="Curieuse, je raconte vos projets 😊",
    )


def inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def panel_of(result: CardResult, text: DrawnText) -> tuple[int, int, int, int]:
    """The panel holding a line (chips are containers inside the body panel)."""
    for _name, box, _bg in result.panels:
        if inside(text.container, box):
            return box
    raise AssertionError(f"{text.role} container {text.container} is in no panel")


CASES = {"long": long_card, "emoji": emoji_card}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_it_keeps_every_line_inside_the_canvas_its_panel_and_its_chip(shape: str, case: str) -> None:
    result = render_card(CASES[case](), shape)  # type: ignore[arg-type]
    width, height = SIZES[shape]
    assert Image.open(io.BytesIO(result.png)).size == (width, height)
    assert result.texts, "nothing was drawn"
    for text in result.texts:
        assert inside(text.box, (0, 0, width, height)), f"{text.role} {text.text!r} leaves the canvas"
        assert inside(text.box, text.container), f"{text.role} {text.text!r} leaves its container"
        assert inside(text.container, panel_of(result, text))
    # No two lines overlap (a wrapped block never draws over the next one).
    boxes = [t.box for t in result.texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 0 or overlap_y <= 0, f"lines overlap: {a} {b}"


@pytest.mark.parametrize("shape", SHAPES)
def test_it_fits_a_long_title_and_eight_long_skills_without_cutting_a_word(shape: str) -> None:
    card = long_card()
    result = render_card(card, shape)  # type: ignore[arg-type]
    assert result.ellipsized == []
    job_lines = [t.text for t in result.texts if t.role == "job"]
    assert " ".join(job_lines) == LONG_JOB
    by_chip: dict[tuple[int, int, int, int], list[str]] = defaultdict(list)
    for t in result.texts:
        if t.role == "skill":
            by_chip[t.container].append(t.text)
    assert sorted(" ".join(lines) for lines in by_chip.values()) == sorted(LONG_SKILLS)
    assert " ".join(t.text for t in result.texts if t.role == "pitch") == f"« {card.pitch} »"
    # Readable: nothing drawn below the floor sizes.
    assert min(t.size for t in result.texts) >= 16
    assert min(t.size for t in result.texts if t.role == "job") >= 30


def test_it_draws_the_job_larger_than_the_skills() -> None:
    result = render_card(long_card(), "landscape")
    job = min(t.size for t in result.texts if t.role == "job")
    skill = max(t.size for t in result.texts if t.role == "skill")
    assert job > skill


@pytest.mark.parametrize("shape", SHAPES)
def test_it_cuts_absurd_text_with_an_ellipsis_and_says_so(shape: str) -> None:
    card = CardInput.build(
        job=" ".join(["Ingénieur"] * 40),
        place="Lyon",
        skills=["x" * 70] * 8,
        pitch="très " * 60,
    )
    result = render_card(card, shape)  # type: ignore[arg-type]
    width, height = SIZES[shape]
    assert "job" in result.ellipsized
    assert any(t.text.endswith("…") for t in result.texts if t.role == "job")
    for text in result.texts:
        assert inside(text.box, (0, 0, width, height))
        assert inside(text.box, text.container)


@pytest.mark.parametrize("shape", SHAPES)
def test_it_keeps_accents_and_removes_emoji_it_cannot_draw(shape: str) -> None:
    result = render_card(emoji_card(), shape)  # type: ignore[arg-type]
    drawn = " ".join(t.text for t in result.texts)
    for word in ("Chargée", "Besançon", "Réseaux", "Événementiel", "immédiatement", "expérience"):
        assert word in drawn
    # Colour emoji DejaVu lacks are removed (and reported); the few it has in monochrome
    # (😊) are drawn like any other glyph.
    for emoji in ("📣", "🚀", "👩", "💻", "🇫"):
        assert emoji not in drawn
    assert "\u200d" not in drawn
    assert {"📣", "🚀", "👩", "💻"} <= set(result.removed_chars)
    assert not set(result.removed_chars) & set(drawn)
    # Every character drawn has a glyph in the font: no tofu.
    assert drawable_text(drawn) == (" ".join(drawn.split()), [])


@pytest.mark.parametrize("shape", SHAPES)
def test_it_renders_the_same_bytes_for_the_same_input(shape: str) -> None:
    first = render_card(long_card(), shape).png  # type: ignore[arg-type]
    second = render_card(long_card(), shape).png  # type: ignore[arg-type]
    assert first == second
    other = render_card(emoji_card(), shape).png  # type: ignore[arg-type]
    assert other != first


def test_it_renders_the_same_bytes_in_a_fresh_process() -> None:
    code = (
        "import hashlib; from tests.cards.test_render import long_card;"
        "from colibri.cards import render_card;"
        "print(hashlib.sha256(render_card(long_card(), 'square').png).hexdigest())"
    )
    repo = Path(__file__).resolve().parents[2]  # `python -c` puts its working directory on the path
    out = subprocess.run([sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == hashlib.sha256(render_card(long_card(), "square").png).hexdigest()


def test_it_writes_no_text_chunks_or_timestamps_in_the_png() -> None:
    png = render_card(emoji_card(), "landscape").png
    chunks = []
    pos = 8
    while pos < len(png):
        length = int.from_bytes(png[pos : pos + 4], "big")
        chunks.append(png[pos + 4 : pos + 8])
        pos += 12 + length
    assert set(chunks) <= {b"IHDR", b"IDAT", b"IEND"}


def sampled_colours(
    image: Image.Image, box: tuple[int, int, int, int]
) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """(background, text) colours read from the pixels of one line's box.

    The background is the most frequent colour; the text colour is the pixel farthest from it
    in contrast (a glyph's fully covered pixels carry the exact ink colour)."""
    crop = image.crop(box)
    colours = Counter({colour: n for n, colour in crop.getcolors(maxcolors=1 << 20) or []})
    bg = colours.most_common(1)[0][0]
    fg = max(colours, key=lambda c: contrast_ratio(c, bg))
    return bg, fg


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_it_draws_every_line_with_a_contrast_of_at_least_4_5(shape: str, case: str) -> None:
    result = render_card(CASES[case](), shape)  # type: ignore[arg-type]
    image = Image.open(io.BytesIO(result.png)).convert("RGB")
    worst = 21.0
    for text in result.texts:
        bg, fg = sampled_colours(image, text.box)
        assert bg == text.bg, f"{text.role}: background drawn {bg}, expected {text.bg}"
        assert fg == text.fg, f"{text.role}: ink drawn {fg}, expected {text.fg}"
        worst = min(worst, contrast_ratio(fg, bg))
    assert worst >= 4.5


def test_it_computes_wcag_contrast_like_the_reference_values() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)  # #767676


def test_it_finds_the_fonts_shipped_with_matplotlib() -> None:
    assert font_dir().parts[-4:] == ("matplotlib", "mpl-data", "fonts", "ttf")
    for weight in ("regular", "bold", "italic"):
        assert font_path(weight).is_file()  # type: ignore[arg-type]
    # Found without importing matplotlib itself (no numpy/rc start-up cost on every render).
    code = (
        "import sys; from colibri.cards import CardInput, render_card;"
        "render_card(CardInput.build(job='A', place='B', skills=['c', 'd', 'e']));"
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_it_strips_emoji_sequences_whole() -> None:
    assert drawable_text("Dev 👩🏽‍💻 web") == ("Dev web", ["👩", "💻"])
    assert drawable_text("Cafe\u0301 \u200bcr\u00e8me") == ("Café crème", [])  # NFC, invisible chars dropped


def test_it_breaks_a_word_too_long_for_the_floor_at_a_hyphen_without_shrinking_the_rest() -> None:
    base = CardInput.build(job="Comptable", place="Lyon", skills=["Paie", "Bilan", "Sage"])
    long_place = CardInput.build(
        job="Comptable",
        place="Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson",
        skills=["Paie", "Bilan", "Sage"],
    )
    short = {t.role: t.size for t in render_card(base, "landscape").texts}
    long = render_card(long_place, "landscape")
    sizes = {t.role: t.size for t in long.texts}
    assert sizes["job"] == short["job"]  # the long commune does not drag the title down
    place_lines = [t.text for t in long.texts if t.role == "place"]
    assert len(place_lines) == 2 and place_lines[0].endswith("-")
    assert "".join(place_lines) == "Saint-Rémy-en-Bouzemont-Saint-Genest-et-Isson"
    assert long.ellipsized == []


def test_it_draws_at_most_eight_skills() -> None:
    card = CardInput.build(job="Comptable", place="Lyon", skills=[f"Compétence {i}" for i in range(12)])
    drawn = [t.text for t in render_card(card, "square").texts if t.role == "skill"]
    assert drawn == [f"Compétence {i}" for i in range(8)]


def test_it_draws_in_the_active_language_french_by_default() -> None:
    """What is drawn (and the alt text) goes through the catalog: French unless told otherwise,
    byte for byte the same card whether French is the default or activated explicitly."""
    from django.utils import translation

    from colibri.cards import alt_text

    card = CardInput.build(
        job="Comptable",
        place="Lyon",
        skills=["Paie", "Bilans", "Sage 100"],
        contract="CDI",
        experience_years=1,
    )
    default = render_card(card).png
    with translation.override("fr"):
        assert render_card(card).png == default
        assert alt_text(card).startswith(
            "Carte de compétences : recherche d'emploi comme Comptable en CDI, à Lyon."
        )
        assert "1 an d'expérience." in alt_text(card)
    with translation.override("en"):
        english = render_card(card).png
        alt = alt_text(card)
    assert english != default
    assert alt.startswith(
        "Skills card: looking for a job as Comptable on a CDI, in Lyon. Skills: Paie, Bilans"
    )
    assert "1 year of experience." in alt
