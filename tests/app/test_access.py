"""Access (issue 17): login throttling, render slots, a read-only admin, headers, private data files."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from colibri.access.files import make_private
from colibri.relay.models import AuditLog, Profile

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
FORM = {"job": "Comptable", "place": "Lyon (69)", "contract": "CDI", "skills": "Paie\nBilans", "instance": ""}


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


# --- login throttling -------------------------------------------------------------------------


def _login(client: Client, path: str, username: str, password: str, ip: str = "203.0.113.5") -> Any:
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_it_pauses_logins_after_five_wrong_passwords_with_a_french_message(
    client: Client, make_user: Any
) -> None:
    user = make_user("moderator", "camille")
    user.set_password("le-bon-mot-de-passe")
    user.save()
    url = reverse("login")
    for _ in range(4):
        assert _login(client, url, "camille", "faux").status_code == 200  # the form again, with its error
    locked = _login(client, url, "camille", "faux")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Trop de tentatives" in html and "15 minutes" in html
    assert locked["Retry-After"] == "900"
    # Even the right password waits now, from this address…
    assert _login(client, url, "camille", "le-bon-mot-de-passe").status_code == 429
    # …but not from another one: a stranger cannot lock a volunteer out everywhere.
    other = Client()
    assert _login(other, url, "camille", "le-bon-mot-de-passe", ip="198.51.100.20").status_code == 302


def test_it_throttles_the_admin_login_too(client: Client, make_user: Any) -> None:
    make_user("coordinator", "chef")
    url = reverse("admin:login")
    statuses = [_login(client, url, "chef", "faux").status_code for _ in range(6)]
    assert statuses[:4] == [200] * 4 and statuses[4:] == [429, 429]


def test_it_ignores_a_forged_forwarded_for_header(client: Client, make_user: Any) -> None:
    make_user("moderator", "sam")
    url = reverse("login")
    statuses = [
        client.post(
            url,
            {"username": "sam", "password": "x"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
        ).status_code
        for i in range(6)
    ]
    assert statuses[-1] == 429


# --- render slots -----------------------------------------------------------------------------


def test_it_counts_the_cards_a_json_preview_draws(client: Client, settings: Any, frozen_now: Any) -> None:
    # The limit counts per minute of the clock: frozen, the two posts never straddle two minutes.
    settings.COLIBRI_CARD_RENDERS_PER_MINUTE = 4  # two previews of two cards each
    url = reverse("composer:preview")
    assert client.post(url, FORM).status_code == 200
    assert client.post(url, FORM).status_code == 200
    refused = client.post(url, FORM)
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 61
    assert "réessayez" in refused.json()["error"]
    # The PNG route shares the same count.
    assert client.post(reverse("composer:card", args=["square"]), FORM).status_code == 429


def test_it_counts_the_cards_a_server_side_preview_draws(
    client: Client, settings: Any, frozen_now: Any
) -> None:
    # The limit counts per minute of the clock: frozen, the two posts never straddle two minutes.
    settings.COLIBRI_CARD_RENDERS_PER_MINUTE = 3
    url = reverse("composer:index")
    first = client.post(url, FORM)
    assert first.status_code == 200 and first.content.decode().count("data:image/png;base64,") >= 2
    refused = client.post(url, FORM)
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "data:image/png;base64," not in html and "réessayez" in html


# --- the admin is read-only -------------------------------------------------------------------


def test_it_lets_nobody_make_a_superuser_through_the_admin(
    client: Client, coordinator: Any, member: Any
) -> None:
    client.force_login(coordinator)
    change = reverse("admin:auth_user_change", args=[member.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    posted = client.post(change, {"username": member.username, "is_superuser": "on", "is_staff": "on"})
    assert posted.status_code == 403
    assert client.get(reverse("admin:auth_user_add")).status_code == 403
    assert (
        client.post(reverse("admin:auth_user_delete", args=[member.pk]), {"post": "yes"}).status_code == 403
    )
    member.refresh_from_db()
    assert not member.is_superuser and not member.is_staff
    assert Profile.objects.get(user=member).role == "member"


def test_it_changes_roles_only_through_the_action_with_an_audit_row(
    client: Client, coordinator: Any, member: Any
) -> None:
    client.force_login(coordinator)
    client.post(reverse("user_role", args=[member.pk]), {"role": "coordinator"})
    member.refresh_from_db()
    assert member.is_superuser
    assert AuditLog.objects.filter(action="role_changed", details__username=member.username).exists()


def test_it_shows_every_registered_model_read_only() -> None:
    from django.contrib import admin

    from colibri.access.admin_site import ReadOnlyMixin

    models = {m._meta.label for m in admin.site._registry}
    assert {"auth.User", "auth.Group", "relay.Request", "axes.AccessAttempt"} <= models
    assert all(isinstance(ma, ReadOnlyMixin) for ma in admin.site._registry.values())


# --- headers ----------------------------------------------------------------------------------


def test_it_sends_a_content_security_policy_whose_nonce_the_inline_script_carries(
    client: Client, moderator: Any
) -> None:
    client.force_login(moderator)
    response = client.get(reverse("dashboard"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce and f'<script nonce="{nonce.group(1)}">' in response.content.decode()
    assert "unsafe-inline" not in csp


def test_it_lets_only_the_oauth_pages_send_a_form_on_to_another_server(
    client: Client, coordinator: Any
) -> None:
    # Its OAuth buttons post here and are redirected to the person's own server: browsers hold that
    # redirect to form-action. Every other page keeps forms on Colibri.
    join = client.get(reverse("join"))["Content-Security-Policy"]
    assert re.search(r"form-action 'self' https: http:(;|$)", join) and "default-src 'self'" in join
    client.force_login(coordinator)
    official = client.get(reverse("official_accounts"))["Content-Security-Policy"]
    assert re.search(r"form-action 'self' https: http:(;|$)", official)
    client.logout()
    for url in (reverse("login"), reverse("composer:index"), reverse("privacy")):
        assert re.search(r"form-action 'self'(;|$)", client.get(url)["Content-Security-Policy"]), url


def test_it_keeps_pages_with_personal_data_out_of_caches(
    client: Client, moderator: Any, make_request: Any
) -> None:
    r = make_request()
    client.force_login(moderator)
    for url in (reverse("dashboard"), reverse("request_detail", args=[r.pk]), reverse("me")):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_it_sends_hsts_and_trusts_the_proxy_header_only_when_configured(
    client: Client, settings: Any
) -> None:
    url = reverse("login")
    assert "Strict-Transport-Security" not in client.get(url, secure=True)
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = Client().get(url, HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_it_passes_check_deploy_with_the_documented_production_settings(tmp_path: Path) -> None:
    var = tmp_path / "var"
    make_private(var)
    deploy = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n# /etc/colibri/colibri.env\n(.*?)```", deploy, re.S)
    assert block, "docs/deploy.md shows the production environment file"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    for line in block.group(1).splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    env.update({"COLIBRI_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "colibri.settings"})
    env["SECRET_KEY"] = "x" * 20 + "a-long-random-secret-for-the-check-0123456789"
    env["DATABASE_URL"] = f"sqlite:///{var / 'colibri.sqlite3'}"
    proc = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout


# --- private data files -----------------------------------------------------------------------


def test_it_creates_the_database_wal_shm_and_secrets_owner_only(tmp_path: Path) -> None:
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    old = var / "colibri.sqlite3"
    old.write_bytes(b"")
    old.chmod(0o644)  # made by an older version under umask 022
    # In a child process: the umask is process-wide and must not leak into the test run. The modes are
    # read while the connection is open (SQLite removes -wal and -shm at the last close).
    code = (
        "import json, sqlite3, sys; from pathlib import Path;"
        "from colibri.access.files import make_private;"
        "var = Path(sys.argv[1]); make_private(var);"
        "db = sqlite3.connect(var / 'new.sqlite3'); db.execute('PRAGMA journal_mode=WAL');"
        "db.execute('create table t (x)'); db.execute('insert into t values (1)'); db.commit();"
        "(var / 'secret_key').write_text('s');"
        "print(json.dumps({p.name: oct(p.stat().st_mode & 0o777) for p in var.iterdir()}))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(var)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    modes = json.loads(proc.stdout)
    assert modes == {
        "new.sqlite3": "0o600",
        "new.sqlite3-wal": "0o600",
        "new.sqlite3-shm": "0o600",
        "colibri.sqlite3": "0o600",
        "secret_key": "0o600",
    }
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    assert sqlite3.connect(var / "new.sqlite3").execute("select x from t").fetchone() == (1,)
