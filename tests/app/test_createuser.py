"""`colibri createuser`: a volunteer account with a random password printed once."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from colibri.cli import main
from colibri.relay.roles import role_of

pytestmark = pytest.mark.django_db


def _password(out: str) -> str:
    lines = [line for line in out.splitlines() if "Mot de passe" in line]
    assert len(lines) == 1
    return lines[0].rsplit(" ", 1)[1]


def test_it_creates_an_account_whose_printed_password_works(capsys) -> None:
    assert main(["createuser", "camille", "--role", "moderator", "--email", "c@example.org"]) == 0
    password = _password(capsys.readouterr().out)
    user = authenticate(RequestFactory().post("/connexion/"), username="camille", password=password)
    assert user is not None and user.email == "c@example.org" and role_of(user) == "moderator"


def test_it_prints_a_different_password_each_time(capsys) -> None:
    main(["createuser", "a1", "--role", "member"])
    main(["createuser", "a2", "--role", "member"])
    out = capsys.readouterr().out
    passwords = [line.rsplit(" ", 1)[1] for line in out.splitlines() if "Mot de passe" in line]
    assert len(passwords) == 2 and passwords[0] != passwords[1]


def test_it_fails_with_one_line_when_the_name_is_taken(capsys) -> None:
    main(["createuser", "camille", "--role", "member"])
    capsys.readouterr()
    assert main(["createuser", "camille", "--role", "member"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("colibri createuser:") and "camille" in err and "\n" not in err


def test_it_rejects_an_unknown_role(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["createuser", "x", "--role", "admin"])
    assert exc.value.code == 2
