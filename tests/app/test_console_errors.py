"""Error pages in French in the site's style, and quiet logs for a client's mistakes."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_it_answers_a_forbidden_page_in_french_and_logs_one_quiet_line(
    client: Any, member: Any, caplog: pytest.LogCaptureFixture
) -> None:
    client.force_login(member)
    with caplog.at_level(logging.INFO, logger="django.request"):
        response = client.get(reverse("archive"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html and "Demandez à un·e coordinateur·rice" in html
    assert 'class="topbar"' in html  # the site's frame, not Django's bare page
    rows = [r for r in caplog.records if r.name == "django.request"]
    assert rows and all(r.levelno == logging.INFO and r.exc_info is None for r in rows)


def test_it_answers_an_unknown_page_in_french(client: Any, moderator: Any) -> None:
    client.force_login(moderator)
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert client.get(reverse("request_detail", args=[999999])).status_code == 404


def test_it_explains_an_expired_form_in_french(moderator: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    response = browser.post(reverse("bulk_decide"), {"decision": "approve", "ids": ["1"]})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()


def test_it_has_a_french_server_error_page() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Erreur du serveur" in response.content.decode()


def test_it_keeps_server_errors_loud(caplog: pytest.LogCaptureFixture) -> None:
    from colibri.console.quietlogs import QuietClientErrors

    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), None)
    record.status_code = 500
    assert QuietClientErrors().filter(record) and record.levelno == logging.ERROR


def test_it_names_the_admin_and_its_tables_in_french(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)
    html = client.get("/admin/").content.decode()
    assert "Administration de Colibri" in html
    for label in ("Réglages du collectif", "Demandes", "Envois sur les réseaux", "Historique"):
        assert label in html, label
    assert "settingss" not in html.lower() and "Collective settings" not in html
