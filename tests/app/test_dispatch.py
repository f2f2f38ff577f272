"""The dispatch worker in process: a day's plan carried out, uncertain failures checked on the network,
pacing and quiet hours respected, withdrawals undone, digests sent once."""

from __future__ import annotations

import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from colibri.networks.base import NetworkError
from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.dispatch import DispatchConfig, Dispatcher
from colibri.relay.models import (
    Assignment,
    AuditLog,
    CollectiveSettings,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    Request,
)
from colibri.relay.outbox import pacing, queueing

from . import dispatch_factories as f
from .dispatch_fakenet import FakeNetwork, all_reposts, init_ledger, live_reposts

pytestmark = pytest.mark.django_db

FAST = DispatchConfig(backoff_base=0.01, backoff_max=0.05, lease_seconds=60)


class Scripted(FakeNetwork):
    """The fake network, with the next outcomes of `repost`/`reply` scripted by the test."""

    script: list[str]
    replies = 0

    def repost(self, uri: str) -> str:
        step = self.script.pop(0) if self.script else "ok"
        if step == "permanent":
            raise NetworkError("post introuvable", retry=False, status=404)
        repost_id = super().repost(uri)
        if step == "lost":
            raise NetworkError("timed out after sending", retry=True)
        return repost_id

    def reply(self, uri: str, text: str) -> str:
        Scripted.replies += 1
        raise NetworkError("timed out", retry=True)


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite3"
    init_ledger(path)
    return path


def _messages(ledger: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(ledger)
    try:
        return con.execute("SELECT account, actor, text FROM messages ORDER BY id").fetchall()
    finally:
        con.close()


def dispatcher(ledger: Path, script: list[str] | None = None, **config: Any) -> Dispatcher:
    def adapter_for(account: NetworkAccount) -> FakeNetwork:
        net = Scripted(account.remote_id, ledger)
        net.script = script if script is not None else []
        return net

    cfg = DispatchConfig(**{**FAST.__dict__, **config})
    return Dispatcher(adapter_for, worker_id="test-worker", config=cfg, site_url="https://colibri.test")


def test_it_carries_out_the_official_and_delegated_reposts_of_a_day(ledger: Path) -> None:
    f.always_active()  # 24 h window, 20 official reposts a day: one every 72 minutes
    official = f.account(official=True, did="did:plc:official")
    old = f.approved_request(decided_at=timezone.now() - timedelta(hours=2))
    new = f.approved_request(decided_at=timezone.now() - timedelta(hours=1))
    delegated = f.member(did="did:plc:delegated")
    notified = f.member(did="did:plc:notified", mode="notified")
    a_old = f.assign(old, delegated)
    a_new = f.assign(new, delegated)
    f.assign(old, notified)
    stats = dispatcher(ledger).run_once()
    assert stats.counts["done"] == 3  # 2 reposts + the notified member's list, by direct message
    assert stats.counts["deferred"] == 1  # the member's repost of `new` waits for the official one
    # The official account reposted the oldest approved request only: the next one waits its turn.
    assert live_reposts(ledger) == {
        ("did:plc:official", old.post.uri): 1,
        ("did:plc:delegated", old.post.uri): 1,
    }
    waiting = OutboxAction.objects.get(account=official, request=new)
    assert waiting.status == "pending"
    assert waiting.not_before - timezone.now() > timedelta(minutes=60)
    member_new = OutboxAction.objects.get(account=delegated.account, request=new)
    assert member_new.status == "pending" and member_new.not_before > waiting.not_before
    assert Request.objects.get(pk=old.pk).status == "amplified"
    assert Request.objects.get(pk=new.pk).status == "scheduled"
    # Later that day: the official repost of `new` is due, then the member's.
    OutboxAction.objects.filter(pk=waiting.pk).update(not_before=timezone.now())
    assert dispatcher(ledger, official_min_gap=0).run_once(plan=False).counts["done"] == 1
    assert Request.objects.get(pk=new.pk).status == "relayed"
    OutboxAction.objects.filter(pk=member_new.pk).update(not_before=timezone.now())
    assert dispatcher(ledger).run_once(plan=False).counts["done"] == 1
    assert len(live_reposts(ledger)) == 4
    assert Request.objects.get(pk=new.pk).status == "amplified"
    assert set(Assignment.objects.filter(pk__in=[a_old.pk, a_new.pk]).values_list("status", flat=True)) == {
        "done"
    }
    (dm,) = _messages(ledger)
    assert dm[0] == "did:plc:official" and dm[1] == "did:plc:notified"
    assert old.post.url in dm[2] and new.post.url not in dm[2]
    done = OutboxAction.objects.filter(status="done", kind=OutboxKind.REPOST)
    ledger_ids = {(a, u): f"fake:{i}" for i, a, u, _d in all_reposts(ledger)}
    assert all(a.result_id == ledger_ids[(a.account.remote_id, a.target_uri)] for a in done)


def test_it_checks_the_network_before_retrying_a_repost_that_timed_out(ledger: Path) -> None:
    req = f.approved_request()
    acc = f.account(did="did:plc:m1")
    action, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=acc, target_uri=req.post.uri, request=req
    )
    d = dispatcher(ledger, script=["lost"], backoff_base=0.4, backoff_max=0.4)
    assert d.run_once(plan=False).counts["retry"] == 1
    time.sleep(0.5)
    assert d.run_once(plan=False).counts["done"] == 1
    row = OutboxAction.objects.get(pk=action.pk)
    assert row.status == "done" and row.attempts == 2
    assert len(all_reposts(ledger)) == 1  # the timed-out repost was found, not made again
    assert row.result_id == "fake:1"
    assert AuditLog.objects.filter(
        action="outbox.done", details__note="found on the network after an uncertain attempt"
    ).exists()


def test_it_does_not_retry_a_reply_it_cannot_verify(ledger: Path) -> None:
    Scripted.replies = 0
    acc = f.account()
    action, _ = queueing.do_queue_action(
        kind=OutboxKind.REPLY,
        account=acc,
        target_uri="at://did:plc:s/app.bsky.feed.post/1",
        payload={"text": "Bonne chance !"},
        idempotency_key="reply:1",
    )
    d = dispatcher(ledger)
    d.run_once(plan=False)
    time.sleep(0.1)
    d.run_once(plan=False)
    row = OutboxAction.objects.get(pk=action.pk)
    assert row.status == "failed" and "incertain" in row.last_error
    assert Scripted.replies == 1


def test_it_ends_failed_with_the_reason_on_a_permanent_error(ledger: Path) -> None:
    req = f.approved_request()
    action, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=f.account(), target_uri=req.post.uri, request=req
    )
    assert dispatcher(ledger, script=["permanent"]).run_once(plan=False).counts["failed"] == 1
    row = OutboxAction.objects.get(pk=action.pk)
    assert row.status == "failed" and row.last_error == "post introuvable"
    assert all_reposts(ledger) == []


def test_it_spaces_official_reposts_and_keeps_to_active_hours(ledger: Path) -> None:
    cs = f.always_active()
    official = f.account(official=True)
    first, second = f.approved_request(), f.approved_request()
    done, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=official, target_uri=first.post.uri, payload={"role": "official"}
    )
    OutboxAction.objects.filter(pk=done.pk).update(status="done", done_at=timezone.now())
    due, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=official, target_uri=second.post.uri, payload={"role": "official"}
    )
    assert dispatcher(ledger).run_once(plan=False).counts["deferred"] == 1
    row = OutboxAction.objects.get(pk=due.pk)
    gap = pacing.Pacing.from_settings(cs).interval
    assert row.status == "pending" and row.attempts == 0
    assert abs((row.not_before - timezone.now()) - gap) < timedelta(seconds=30)
    # Outside the active hours it waits for the next window.
    now = timezone.localtime()
    cs.active_hours_start = (now + timedelta(hours=2)).time()
    cs.active_hours_end = (now + timedelta(hours=3)).time()
    cs.save()
    OutboxAction.objects.filter(pk=done.pk).delete()
    OutboxAction.objects.filter(pk=due.pk).update(not_before=timezone.now())
    assert dispatcher(ledger).run_once(plan=False).counts["deferred"] == 1
    row = OutboxAction.objects.get(pk=due.pk)
    assert abs(row.not_before - (now + timedelta(hours=2))) < timedelta(seconds=5)
    assert all_reposts(ledger) == []


def test_it_waits_for_the_end_of_a_members_quiet_hours(ledger: Path) -> None:
    now = timezone.localtime()
    quiet = ((now - timedelta(hours=1)).time().isoformat(), (now + timedelta(hours=1)).time().isoformat())
    m = f.member(quiet=quiet)
    req = f.approved_request()
    action, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST,
        account=m.account,
        target_uri=req.post.uri,
        request=req,
        payload={"role": "member", "member_id": m.pk},
    )
    assert dispatcher(ledger).run_once(plan=False).counts["deferred"] == 1
    row = OutboxAction.objects.get(pk=action.pk)
    assert abs(row.not_before - (now + timedelta(hours=1))) < timedelta(seconds=5)
    assert all_reposts(ledger) == []


def test_it_undoes_every_repost_of_a_withdrawn_request(ledger: Path) -> None:
    f.always_active()
    f.account(official=True, did="did:plc:official")
    req = f.approved_request()
    members = [f.member(did=f"did:plc:m{i}") for i in range(3)]
    for m in members[:2]:
        f.assign(req, m)
    later = f.assign(req, members[2], slot=timezone.now() + timedelta(days=3))
    d = dispatcher(ledger)
    d.run_once()
    assert sum(n for (_a, u), n in live_reposts(ledger).items() if u == req.post.uri) == 3
    do_withdraw_request(req, why="post supprimé par son auteur")
    stats = d.run_once()
    assert stats.counts["done"] == 3
    assert {u for (_a, u) in live_reposts(ledger)} == set()
    assert Assignment.objects.get(pk=later.pk).status == "cancelled"
    undos = OutboxAction.objects.filter(kind=OutboxKind.UNDO_REPOST)
    assert undos.count() == 3 and set(undos.values_list("status", flat=True)) == {"done"}


def test_it_cancels_a_repost_whose_request_was_withdrawn_meanwhile(ledger: Path) -> None:
    req = f.approved_request()
    action, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=f.account(), target_uri=req.post.uri, request=req
    )
    Request.objects.filter(pk=req.pk).update(status="withdrawn")
    assert dispatcher(ledger).run_once(plan=False).counts["cancelled"] == 1
    assert OutboxAction.objects.get(pk=action.pk).status == "cancelled"
    assert all_reposts(ledger) == []


def test_it_emails_notified_members_their_list_once(ledger: Path) -> None:
    f.always_active()
    user = get_user_model().objects.create_user("lea", email="lea@example.org", password="x-long-password-1")
    m = f.member(mode="notified", user=user)
    reqs = [f.approved_request(job=job) for job in ("Comptable", "Boulanger")]
    for r in reqs:
        f.assign(r, m)
    d = dispatcher(ledger)
    d.run_once()
    d.run_once()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lea@example.org"]
    for r in reqs:
        assert message.body.count(r.post.url) == 1
    assert "2 demandes" in message.subject
    # An assignment planned later that day gets its own short message; the first two are not repeated.
    late = f.approved_request(job="Soudeur")
    f.assign(late, m)
    d.run_once()
    d.run_once()
    assert len(mail.outbox) == 2
    assert late.post.url in mail.outbox[1].body
    assert all(r.post.url not in mail.outbox[1].body for r in reqs)


def test_it_runs_from_the_command_line(
    ledger: Path, settings: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from colibri.cli import main

    settings.COLIBRI_DISPATCH_ADAPTER_FACTORY = "tests.app.dispatch_fakenet.factory"
    monkeypatch.setenv("FAKENET_LEDGER", str(ledger))
    req = f.approved_request()
    queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=f.account(), target_uri=req.post.uri, request=req
    )
    CollectiveSettings.get()
    assert main(["dispatch", "--once", "--no-plan"]) == 0
    assert "done=1" in capsys.readouterr().out
    assert len(all_reposts(ledger)) == 1


def test_it_stops_claiming_when_asked_to_stop_but_finishes_what_it_holds(ledger: Path) -> None:
    import threading

    stop = threading.Event()

    class Stopping(FakeNetwork):
        def repost(self, uri: str) -> str:
            stop.set()  # SIGTERM arrives during the first network call
            return super().repost(uri)

    acc = f.account()
    for i in range(12):
        queueing.do_queue_action(
            kind=OutboxKind.REPOST, account=acc, target_uri=f"at://s/app.bsky.feed.post/{i}"
        )
    d = Dispatcher(lambda a: Stopping(a.remote_id, ledger), config=DispatchConfig(batch_size=5))
    stats = d.run_once(plan=False, stop=stop)
    assert stats.counts["done"] == 5  # the batch it held, no more
    assert OutboxAction.objects.filter(status="pending", claimed_by__isnull=True).count() == 7
    assert not OutboxAction.objects.filter(status="running").exists()


def test_it_says_in_one_line_when_the_database_is_not_ready(tmp_path: Path) -> None:
    import os
    import subprocess

    db = tmp_path / "empty.sqlite3"
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}")

    def dispatch() -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "colibri.cli", "dispatch", "--once"]
        return subprocess.run(cmd, env=env, capture_output=True, text=True)

    out = dispatch()
    assert out.returncode == 1 and len(out.stderr.splitlines()) == 1
    assert out.stderr.startswith(f"colibri dispatch: aucune base de données à {db} : indiquez DATABASE_URL")
    assert not db.exists()  # not created by a command that only reads it
    db.touch()  # a database file nobody migrated
    out = dispatch()
    assert out.returncode == 1 and len(out.stderr.splitlines()) == 1
    assert out.stderr.startswith(f"colibri dispatch: la base de données (SQLite {db}) n’est pas à jour")
    assert "colibri django migrate" in out.stderr
