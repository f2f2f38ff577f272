"""Personal data (issue 17): keyed hashes, export, the privacy page, scrubbing late outbox rows."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from colibri.relay.actions.decisions import do_approve_request, do_reject_request
from colibri.relay.actions.erasure import do_erase_account, erased_uri
from colibri.relay.models import AuditLog, NetworkAccount, OutboxAction, Request
from colibri.relay.scrub import erasure_hash, sweep_erased_outbox, with_variants

pytestmark = pytest.mark.django_db

URI = "at://did:plc:seeker1/app.bsky.feed.post/1"


def test_it_hashes_erased_identifiers_with_a_secret_key(settings: Any) -> None:
    plain = "erased:" + hashlib.sha256(URI.encode()).hexdigest()
    keyed = erased_uri(URI)
    assert keyed.startswith("erased:") and keyed != plain  # knowing the DID does not confirm it
    assert keyed == erasure_hash(URI)  # stable: a replayed event is still recognised
    settings.COLIBRI_CREDENTIALS_KEY = "another-install"
    assert erasure_hash(URI) != keyed


def test_it_rehashes_rows_erased_before_keys_existed() -> None:
    import importlib

    migration = importlib.import_module("colibri.privacy.migrations.0001_rehash_erased_identifiers")
    legacy = "erased:" + hashlib.sha256(URI.encode()).hexdigest()
    assert migration._rehash(legacy) == erasure_hash(URI)
    assert migration._rehash("erased:not-a-digest") == "erased:not-a-digest"


def test_it_shows_the_privacy_page_linked_from_every_public_page(client: Client, settings: Any) -> None:
    settings.COLIBRI_PRIVACY_CONTACT = "rgpd@example.org"
    page = client.get(reverse("privacy"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ce qui est conservé" in html and "180 jours" in html and "mailto:rgpd@example.org" in html
    for url in (reverse("composer:index"), reverse("composer:checker"), reverse("login"), reverse("privacy")):
        body = client.get(url).content.decode()
        assert f'href="{reverse("privacy")}"' in body, url
        assert f'href="{reverse("source_code")}"' in body and "AGPL-3.0" in body, url
    source = client.get(reverse("source_code"))
    assert source.status_code == 302 and source["Location"] == settings.COLIBRI_SOURCE_URL


def test_it_exports_a_persons_data_from_the_request_page(
    client: Client, coordinator: Any, moderator: Any, make_request: Any
) -> None:
    r = make_request(uri=URI)
    do_reject_request(r, actor=moderator, reason="hors sujet")
    url = reverse("export_account", args=[r.post.author.pk])
    client.force_login(coordinator)
    assert f'action="{url}"' in client.get(reverse("request_detail", args=[r.pk])).content.decode()
    response = client.post(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["handle"] == "marie.bsky.social"
    assert data["posts"][0]["uri"] == URI and "#PleaseRT" in data["posts"][0]["text"]
    (req,) = data["requests"]
    assert req["status"] == "rejected" and req["decision_reason"] == "hors sujet"
    assert [h["action"] for h in req["history"]][:2] == ["request_detected", "request_rejected"]
    row = AuditLog.objects.get(action="account_exported")
    assert row.actor == coordinator and "marie" not in json.dumps(row.details)


def test_it_lets_only_coordinators_export(client: Client, moderator: Any, make_request: Any) -> None:
    r = make_request()
    client.force_login(moderator)
    assert client.post(reverse("export_account", args=[r.post.author.pk])).status_code == 403
    assert client.get(reverse("export_account", args=[r.post.author.pk])).status_code in (403, 405)


def test_it_scrubs_an_undo_that_was_still_pending_at_erasure_once_it_failed(
    make_request: Any, coordinator: Any
) -> None:
    r = make_request(uri=URI)
    official = NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="collectif.bsky.social", is_official=True
    )
    do_approve_request(r, actor=coordinator)
    OutboxAction.objects.create(
        kind="repost", network="bluesky", account=official, request=r, target_uri=URI,
        idempotency_key=f"repost:{official.pk}:{URI}", status="done", result_id="at://did:plc:official/r/1",
    )  # fmt: skip
    do_erase_account(r.post.author, actor=coordinator, why="demande")
    undo = OutboxAction.objects.get(kind="undo_repost")
    assert undo.target_uri == URI  # still needed to undo the repost
    OutboxAction.objects.filter(pk=undo.pk).update(status="failed")
    assert sweep_erased_outbox() == 1
    undo.refresh_from_db()
    assert undo.target_uri == "" and URI not in undo.idempotency_key
    texts = [json.dumps(row.details) for row in AuditLog.objects.all()]
    assert not [t for t in texts if "did:plc:seeker1" in t]
    assert Request.objects.get(pk=r.pk).status == "erased"


def test_it_exports_a_persons_data_from_the_command_line(isolated_env: Any, stream_writer: Any) -> None:
    isolated_env.migrate()
    stream = isolated_env.var / "s.jsonl"
    stream_writer(stream, 2)
    assert isolated_env.colibri("ingest", "--file", str(stream), "--interval", "0", "--quiet").returncode == 0
    handle = isolated_env.sql("SELECT handle FROM relay_networkaccount ORDER BY id LIMIT 1")[0][0]
    out = isolated_env.var / "export.json"
    args = ("privacy", "export", "--network", "bluesky", "--handle", handle, "-o", str(out))
    proc = isolated_env.colibri(*args)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "colibri.person-export.v1" and data["account"]["handle"] == handle
    assert data["posts"] and data["requests"][0]["history"][0]["action"] == "request_detected"
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert isolated_env.sql("SELECT COUNT(*) FROM relay_auditlog WHERE action = 'account_exported'") == [(1,)]
    missing = isolated_env.colibri("privacy", "export", "--network", "bluesky", "--handle", "nobody.example")
    assert missing.returncode == 1 and missing.stderr.strip().startswith("colibri privacy:")


def test_it_finds_a_mastodon_handle_inside_the_addresses_of_the_persons_other_posts() -> None:
    assert "piaille.fr/@lou.dupont" in with_variants(["lou.dupont@piaille.fr"])
    assert with_variants(["did:plc:abc", "marie.bsky.social"]) == ["did:plc:abc", "marie.bsky.social"]
