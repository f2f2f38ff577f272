"""`colibri card`: writes a PNG of the right size, fails cleanly on bad input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

BASE = [
    sys.executable,
    "-m",
    "colibri.cli",
    "card",
    "--job",
    "Technicienne de maintenance",
    "--place",
    "Rouen",
]
SKILLS = ["--skill", "Électrotechnique", "--skill", "GMAO", "--skill", "Habilitations électriques"]


@pytest.mark.parametrize(("shape", "size"), [("landscape", (1200, 675)), ("square", (1080, 1080))])
def test_it_writes_a_png_of_the_shape_asked(tmp_path: Path, shape: str, size: tuple[int, int]) -> None:
    out = tmp_path / "carte.png"
    done = subprocess.run(
        [*BASE, *SKILLS, "--shape", shape, "--contract", "CDI", "--experience", "4", "--alt", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.size == size
    assert "Carte de compétences : recherche d'emploi comme Technicienne de maintenance en CDI" in done.stderr


def test_it_writes_the_same_png_as_the_library(tmp_path: Path) -> None:
    from colibri.cards import CardInput, render_card

    out = tmp_path / "carte.png"
    subprocess.run([*BASE, *SKILLS, "-o", str(out)], check=True, capture_output=True, timeout=60)
    card = CardInput.build(
        job="Technicienne de maintenance",
        place="Rouen",
        skills=["Électrotechnique", "GMAO", "Habilitations électriques"],
    )
    assert out.read_bytes() == render_card(card).png


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--skill", "GMAO"], "3 à 8 options --skill"),
        ([*SKILLS, "--experience", "99"], "--experience"),
    ],
)
def test_it_fails_with_a_one_line_reason(tmp_path: Path, extra: list[str], message: str) -> None:
    out = tmp_path / "carte.png"
    done = subprocess.run([*BASE, *extra, "-o", str(out)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_it_speaks_the_language_of_the_settings(tmp_path: Path, settings, capsys) -> None:
    from django.utils import translation

    from colibri.cli import main

    command = ["card", "--job", "Comptable", "--place", "Lyon", "-o", str(tmp_path / "carte.png")]
    assert main(command) == 1
    assert "colibri card: indiquez 3 à 8 options --skill (reçu : 0)" in capsys.readouterr().err
    settings.LANGUAGE_CODE = "en"
    with translation.override("fr"):
        assert main(command) == 1  # settings.LANGUAGE_CODE decides, not the caller's language…
        assert translation.get_language() == "fr"  # …and only for the command's own run
    assert "colibri card: give 3 to 8 --skill options (got 0)" in capsys.readouterr().err


def test_it_follows_the_active_language(tmp_path: Path) -> None:
    from django.utils import translation

    from colibri.cli import CommandError, build_parser
    from colibri.commands import card

    args = build_parser().parse_args(
        ["card", "--job", "", "--place", "Lyon", *SKILLS, "-o", str(tmp_path / "c.png")]
    )
    with (
        translation.override("en"),
        pytest.raises(CommandError, match=r"^--job and --place cannot be empty$"),
    ):
        card.run(args)
    with pytest.raises(CommandError, match=r"^--job et --place ne peuvent pas être vides$"):
        card.run(args)
