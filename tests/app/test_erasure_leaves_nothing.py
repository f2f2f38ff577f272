"""Erasure leaves nothing (issue 17): after `colibri erase`, no byte of the database names the person.

The whole SQLite file (and its WAL) is read as bytes; on PostgreSQL every row of every table is read
as text. The person's handle, name, DID, post text and URIs must appear nowhere: not in the audit
trail (the post URI under `uri`/`target`, a moderator's reason naming them), not in the outbox
(target, idempotency key), not in a skipped event, not in free pages of the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DID = "did:plc:zq4x7kqpersonne"
HANDLE = "zelda-quintessa.bsky.social"
NAME = "Zelda Quintessa"
WORD = "Zorblaxique"  # only in the post's text
URI = f"at://{DID}/app.bsky.feed.post/3kzzerase"
URL = f"https://bsky.app/profile/{HANDLE}/post/3kzzerase"
NEEDLES = [DID, HANDLE, NAME, WORD, URI, URL, "zq4x7kqpersonne"]


def _line(**over: Any) -> str:
    data = {
        "kind": "post",
        "network": "bluesky",
        "uri": URI,
        "url": URL,
        "author": {"id": DID, "handle": HANDLE, "display_name": NAME, "bio": "Comptable #i4EmploiR"},
        "text": f"#PleaseRT Je cherche un CDI de #Comptable à #Lyon, {WORD} #i4EmploiR",
        "created_at": "2026-11-20T18:00:00+00:00",
        "has_image": True,
        "links": [f"https://www.linkedin.com/in/{HANDLE}"],
    }
    data.update(over)
    return json.dumps(data, ensure_ascii=False)


SETUP = f"""
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.volunteers import do_create_volunteer
from colibri.relay.models import NetworkAccount, OutboxAction, Request
coordinator, _ = do_create_volunteer(username="coord", role="coordinator")
r = Request.objects.get(post__uri={URI!r})
do_approve_request(r, actor=coordinator, reason="{NAME} ({HANDLE}) cherche vraiment, vu avec elle")
official = NetworkAccount.objects.create(network="bluesky", remote_id="did:plc:official",
                                         handle="collectif.bsky.social", is_official=True)
OutboxAction.objects.create(kind="repost", network="bluesky", account=official, request=r, target_uri={URI!r},
                            idempotency_key="repost:%d:{URI}" % official.pk, status="done",
                            result_id="at://did:plc:official/app.bsky.feed.repost/1")
print(r.pk)
"""


UNDO_DONE = """
from colibri.relay.models import OutboxAction
from colibri.relay.outbox.completion import do_complete_action
OutboxAction.objects.filter(pk=%d).update(status="running", claimed_by="w1")
assert do_complete_action(OutboxAction.objects.get(status="running").pk, worker="w1", result_id="")
"""


def _found_in_sqlite(var: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(var.glob("colibri.sqlite3*")):
        data = path.read_bytes()
        hits = [n for n in NEEDLES if n.encode() in data or n.encode("utf-16-le") in data]
        if hits:
            found[path.name] = hits
    return found


def _found_in_postgres(env: Any) -> dict[str, list[str]]:
    tables = [row[0] for row in env.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    found: dict[str, list[str]] = {}
    for table in tables:
        text = "\n".join(str(row[0]) for row in env.sql(f'SELECT row_to_json(t)::text FROM "{table}" t'))
        hits = [n for n in NEEDLES if n in text]
        if hits:
            found[table] = hits
    return found


def _found(env: Any) -> dict[str, list[str]]:
    return _found_in_postgres(env) if env.is_postgres else _found_in_sqlite(env.var)


def test_it_leaves_no_trace_of_the_person_anywhere_in_the_database(isolated_env: Any) -> None:
    env = isolated_env
    env.migrate()
    stream = env.var / "stream.jsonl"
    stream.write_text(
        _line()
        + "\n"
        # The same person's post the ingest refused: its skipped-event row names the URI.
        + _line(uri=f"at://{DID}/app.bsky.feed.post/2", network="<script>")
        + "\n",
        encoding="utf-8",
    )
    ingested = env.colibri("ingest", "--file", str(stream), "--interval", "0", "--quiet")
    assert ingested.returncode == 0, ingested.stderr
    env.django(SETUP)
    assert _found(env), "the data must be there before the erasure (or this test proves nothing)"

    why = f"{NAME} l'a demandé par courriel"
    erased = env.colibri("erase", "--network", "bluesky", "--handle", HANDLE, "--yes", "--why", why)
    assert erased.returncode == 0, erased.stderr
    # One row may still hold the post's URI: the undo of the collective's repost (it needs its target
    # to run). Once the dispatcher has done it, that row and its audit row lose the URI too.
    pending = env.sql("SELECT id FROM relay_outboxaction WHERE status = 'pending'")
    assert len(pending) == 1
    env.django(UNDO_DONE % pending[0][0])
    assert _found(env) == {}
    # The history is kept, without the person: the erasure row and the approval are still there.
    actions = {row[0] for row in env.sql("SELECT action FROM relay_auditlog")}
    assert {"request_detected", "request_approved", "request_erased", "account_erased"} <= actions
