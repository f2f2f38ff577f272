"""The `colibri` command's own texts (argparse's usage, options, errors) are in the collective's language."""

from __future__ import annotations

import subprocess
import sys

import pytest

from colibri.cli import main


def test_it_shows_the_help_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["triage", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("utilisation : colibri triage")
    assert "options :" in out and "afficher cette aide et quitter" in out
    assert "usage:" not in out and "show this help" not in out


def test_it_reports_a_missing_argument_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["createuser"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "colibri createuser : erreur : ces arguments sont obligatoires : username, --role" in err


def test_it_reports_an_unknown_option_in_french_from_the_installed_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "colibri.cli", "triage", "--nope"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANGUAGE_CODE": "fr"},
        check=False,
    )
    assert result.returncode == 2
    assert "colibri : erreur : arguments non reconnus : --nope" in result.stderr
