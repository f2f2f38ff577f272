"""Volunteers look after their own password (change, reset by e-mail); coordinators deactivate
accounts; usernames are validated; the first coordinator's password is kept in a 0600 file."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.test import Client
from django.urls import reverse

from colibri.relay.actions.base import ActionError
from colibri.relay.actions.volunteers import do_create_volunteer
from colibri.relay.models import AuditLog

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-1"


def _login(username: str, password: str) -> bool:
    return Client().post(reverse("login"), {"username": username, "password": password}).status_code == 302


def test_it_lets_a_volunteer_change_their_own_password(client: Any, member: Any) -> None:
    client.force_login(member)
    me = client.get(reverse("me")).content.decode()
    assert reverse("password_change") in me and "Changer mon mot de passe" in me
    page = client.get(reverse("password_change")).content.decode()
    assert "Ancien mot de passe" in page  # Django's own form, in French

    wrong = client.post(
        reverse("password_change"),
        {"old_password": "nope", "new_password1": "Un-autre-mot-2", "new_password2": "Un-autre-mot-2"},
    )
    assert wrong.status_code == 200 and "incorrect" in wrong.content.decode()
    done = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Un-autre-mot-2", "new_password2": "Un-autre-mot-2"},
        follow=True,
    )
    assert "Votre nouveau mot de passe est en place" in done.content.decode()
    assert _login("membre", "Un-autre-mot-2") and not _login("membre", PASSWORD)


def test_it_resets_a_forgotten_password_by_email(client: Any, make_user: Any) -> None:
    user = make_user("moderator", "lea")
    user.email = "lea@example.org"
    user.save()
    login = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in login and "Mot de passe oublié ?" in login

    sent = client.post(reverse("password_reset"), {"email": "lea@example.org"}, follow=True)
    assert "Lien envoyé" in sent.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Colibri : choisissez un nouveau mot de passe" and message.to == [
        "lea@example.org"
    ]
    assert "Bonjour lea," in message.body
    link = re.search(r"https?://[^/]+(/mot-de-passe-oublie/[^\s]+)", message.body)
    assert link is not None

    form = client.get(link.group(1), follow=True)
    assert "Choisir un nouveau mot de passe" in form.content.decode()
    saved = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Nouveau-mot-3", "new_password2": "Nouveau-mot-3"},
        follow=True,
    )
    assert "Mot de passe enregistré" in saved.content.decode()
    assert _login("lea", "Nouveau-mot-3")
    again = client.get(link.group(1), follow=True)
    assert "ne fonctionne plus" in again.content.decode()  # the link works once


def test_it_sends_nothing_for_an_unknown_address(client: Any) -> None:
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert "Lien envoyé" in response.content.decode()  # same answer: addresses are not disclosed
    assert mail.outbox == []


def test_it_deactivates_a_volunteer_who_then_cannot_log_in(
    client: Any, coordinator: Any, moderator: Any
) -> None:
    client.force_login(coordinator)
    users = client.get(reverse("users")).content.decode()
    assert reverse("volunteer_active", args=[moderator.pk]) in users
    assert reverse("volunteer_active", args=[coordinator.pk]) not in users  # no button on oneself

    response = client.post(reverse("volunteer_active", args=[moderator.pk]), {"active": "0"}, follow=True)
    assert "modo ne peut plus se connecter." in response.content.decode()
    assert "(inactif)" in response.content.decode() or "inactif" in response.content.decode()
    moderator.refresh_from_db()
    assert not moderator.is_active and not _login("modo", PASSWORD)
    row = AuditLog.objects.get(action="volunteer_deactivated")
    assert row.actor == coordinator and row.details == {"username": "modo"}

    client.post(reverse("volunteer_active", args=[moderator.pk]), {"active": "1"})
    assert _login("modo", PASSWORD)


def test_it_keeps_the_last_coordinator_and_refuses_self_deactivation(client: Any, coordinator: Any) -> None:
    from colibri.console.actions import do_set_volunteer_active

    with pytest.raises(ActionError, match="propre compte"):
        do_set_volunteer_active(coordinator, active=False, actor=coordinator)
    with pytest.raises(ActionError, match="coordinateur"):
        do_set_volunteer_active(coordinator, active=False, actor=None)
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_it_lets_members_deactivate_nobody(client: Any, member: Any, moderator: Any) -> None:
    client.force_login(member)
    assert client.post(reverse("volunteer_active", args=[moderator.pk]), {"active": "0"}).status_code == 403


@pytest.mark.parametrize("name", ["jean dupont", "a<script>", "tab\there", "x" * 151, "li\nne"])
def test_it_refuses_an_invalid_username(client: Any, coordinator: Any, name: str) -> None:
    with pytest.raises(ActionError, match="invalide"):
        do_create_volunteer(username=name, role="member")
    client.force_login(coordinator)
    response = client.post(reverse("users"), {"username": name, "role": "member"})
    assert response.status_code == 400  # the form says why: invalid, or too long
    assert "invalide" in response.content.decode() or "150 caractères" in response.content.decode()


def test_it_accepts_usual_usernames() -> None:
    for name in ("élodie.m", "jean-dupont", "lea_2", "contact@asso"):
        _user, password = do_create_volunteer(username=name, role="member")
        assert authenticate(username=name, password=password) is not None


def test_it_keeps_the_first_coordinators_password_in_a_private_file(tmp_path: Path) -> None:
    from colibri.commands.run import write_password_file

    stale = tmp_path / "coordinator-password.txt"
    stale.write_text("old")
    stale.chmod(0o644)
    path = write_password_file(tmp_path, "coordinateur", "s3cret-Pw-123")
    assert path == stale
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text()
    assert "coordinateur" in text and "s3cret-Pw-123" in text and "old" not in text
    assert "supprimez ce fichier" in text
