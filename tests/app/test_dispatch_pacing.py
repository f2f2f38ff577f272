"""Official reposts keep their pacing whatever the number of workers: one pacing slot per official
account, taken by compare-and-swap; a worker that dies holding it delays the row, never loses it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from colibri.networks.base import NetworkError
from colibri.relay.dispatch import DispatchConfig, Dispatcher
from colibri.relay.models import NetworkAccount, OfficialPacing, OutboxAction, OutboxKind, Request
from colibri.relay.outbox import claims, keys, pacing, queueing

from . import dispatch_factories as f
from .dispatch_fakenet import FakeNetwork, fault_counts, init_ledger, live_reposts
from .dispatch_processes import assert_exactly_once, run_harness, start_worker, worker_env
from .pacing_fakenet import spacing, timings

GAP = timedelta(minutes=10)


def _official_row(account: NetworkAccount, request: Request) -> OutboxAction:
    row, _ = queueing.do_queue_action(
        kind=OutboxKind.REPOST,
        account=account,
        target_uri=request.post.uri,
        request=request,
        payload={"role": keys.ROLE_OFFICIAL},
    )
    return row


@pytest.mark.django_db
def test_it_gives_the_pacing_slot_to_one_taker_per_interval() -> None:
    acc = f.account(official=True)
    now = timezone.now()
    slot, at = pacing.do_take_pacing_slot(acc.pk, gap=GAP, now=now)
    assert slot is not None and at == now and slot.previous is None
    # A second taker (another worker) a minute later is told when the slot frees up.
    busy, free_at = pacing.do_take_pacing_slot(acc.pk, gap=GAP, now=now + timedelta(minutes=1))
    assert busy is None and free_at == now + GAP
    # Given back unused (the network refused): the next taker need not wait.
    assert pacing.do_return_pacing_slot(slot)
    again, _ = pacing.do_take_pacing_slot(acc.pk, gap=GAP, now=now + timedelta(minutes=1))
    assert again is not None and again.previous is None
    # Settled at the end of the call: the interval counts from there.
    assert pacing.do_settle_pacing_slot(again, now=now + timedelta(minutes=2))
    assert OfficialPacing.objects.get(account=acc).last_slot_at == now + timedelta(minutes=2)
    # A stale holder can neither give back nor move a slot someone else took since.
    assert not pacing.do_return_pacing_slot(slot)
    later, _ = pacing.do_take_pacing_slot(acc.pk, gap=GAP, now=now + timedelta(minutes=13))
    assert later is not None
    assert not pacing.do_settle_pacing_slot(again, now=now + timedelta(minutes=14))
    assert OfficialPacing.objects.get(account=acc).last_slot_at == now + timedelta(minutes=13)


@pytest.mark.django_db
def test_it_starts_pacing_from_the_last_official_repost_done_before_the_slot_existed() -> None:
    acc = f.account(official=True)
    done = _official_row(acc, f.approved_request())
    finished = timezone.now() - timedelta(minutes=4)
    OutboxAction.objects.filter(pk=done.pk).update(status="done", done_at=finished)
    slot, free_at = pacing.do_take_pacing_slot(acc.pk, gap=GAP)
    assert slot is None and free_at == finished + GAP


@pytest.mark.django_db
def test_it_waits_for_the_next_slot_after_a_worker_died_holding_one(tmp_path: Path) -> None:
    f.always_active()
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)
    acc = f.account(official=True, did="did:plc:official")
    row = _official_row(acc, f.approved_request())
    config = DispatchConfig(lease_seconds=60, official_min_gap=GAP.total_seconds())
    # A worker claims the row and takes the slot, then dies before calling the network.
    (claimed,) = claims.do_claim_actions(worker="doomed", limit=1)
    doomed = Dispatcher(lambda a: FakeNetwork(a.remote_id, ledger), worker_id="doomed", config=config)
    assert doomed.check_preconditions(claimed) is not None
    # Its lease runs out: the row comes back, and waits for the slot the dead worker consumed.
    later = timezone.now() + timedelta(minutes=2)
    assert claims.do_reclaim_stale_actions(lease_seconds=60, now=later) == 1
    OutboxAction.objects.filter(pk=row.pk).update(not_before=timezone.now())
    survivor = Dispatcher(lambda a: FakeNetwork(a.remote_id, ledger), worker_id="survivor", config=config)
    assert survivor.run_once(plan=False).counts == {"deferred": 1}
    waiting = OutboxAction.objects.get(pk=row.pk)
    assert waiting.status == "pending" and waiting.not_before > timezone.now() + timedelta(minutes=9)
    # The next slot comes: it is carried out, once.
    OfficialPacing.objects.filter(account=acc).update(last_slot_at=timezone.now() - GAP)
    OutboxAction.objects.filter(pk=row.pk).update(not_before=timezone.now())
    assert survivor.run_once(plan=False).counts == {"done": 1}
    assert live_reposts(ledger) == {("did:plc:official", row.target_uri): 1}


@pytest.mark.django_db
def test_it_gives_the_slot_back_when_the_network_refused_the_repost(tmp_path: Path) -> None:
    f.always_active()
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)

    class Refusing(FakeNetwork):
        def repost(self, uri: str) -> str:
            raise NetworkError("post introuvable", retry=False, status=404)

    acc = f.account(official=True, did="did:plc:official")
    dead, alive = _official_row(acc, f.approved_request()), _official_row(acc, f.approved_request())
    nets = {"refuse": Refusing, "ok": FakeNetwork}
    config = DispatchConfig(official_min_gap=GAP.total_seconds(), batch_size=1)
    first = Dispatcher(lambda a: nets["refuse"](a.remote_id, ledger), worker_id="w", config=config)
    assert first.run_once(plan=False, max_actions=1).counts == {"failed": 1}
    assert OutboxAction.objects.get(pk=dead.pk).status == "failed"
    # Nothing reached the network: the next official repost goes now, not ten minutes later.
    second = Dispatcher(lambda a: nets["ok"](a.remote_id, ledger), worker_id="w2", config=config)
    assert second.run_once(plan=False).counts == {"done": 1}
    assert live_reposts(ledger) == {("did:plc:official", alive.target_uri): 1}


@pytest.mark.parametrize("faults", [False, True], ids=["reliable", "faulty"])
def test_it_never_lets_two_workers_send_official_reposts_within_the_interval(
    scratch_db: str, tmp_path: Path, faults: bool
) -> None:
    """Real worker processes on a shared database (a SQLite file here, a fresh PostgreSQL database in the
    PostgreSQL run), every official repost overdue at once: they must still go one interval apart, also
    when the network times out after succeeding, refuses (429) or fails (500)."""
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)
    n, gap = 12, 0.4
    env = worker_env(
        scratch_db,
        ledger,
        COLIBRI_DISPATCH_ADAPTER_FACTORY="tests.app.pacing_fakenet.factory",
        FAKENET_FAULTS="1" if faults else "0",
    )
    assert run_harness(env, "official", str(n)) == {"actions": n}
    opts = ("--drain", "--no-plan", "--official-gap", str(gap), "--batch", "2", "--idle-sleep", "0.01")
    opts += ("--max-attempts", "30", "--backoff-base", "0.02", "--backoff-max", "0.2")
    workers = [start_worker(env, f"w{i}", *opts) for i in (1, 2)]
    for w in workers:
        _out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err[-2000:]
    rows = run_harness(env, "status")
    assert isinstance(rows, list) and len(rows) == n
    assert_exactly_once(rows, ledger)
    assert len(timings(ledger)) == n
    # From the end of one repost on the network to the start of the next: never less than the interval.
    gaps = spacing(ledger)
    assert min(gaps) >= gap, gaps
    # And both workers really raced: each carried out some of them.
    assert {r["claimed_by"] for r in rows} == {"w1", "w2"}
    if faults:
        assert sum(fault_counts(ledger).values()) >= 3  # the seeded faults did happen
