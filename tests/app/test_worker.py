"""`colibri worker`: django.tasks on the database backend, two workers never take the same job."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from colibri.relay.models import AuditLog, RequestStatus
from colibri.relay.tasks import triage_request

N_TASKS = 50


def test_it_runs_each_job_exactly_once_with_two_workers(isolated_env) -> None:
    isolated_env.migrate()
    isolated_env.django(
        f"from colibri.relay.tasks import ping\nfor i in range({N_TASKS}): ping.enqueue(f'job-{{i}}')\n"
    )
    procs = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "colibri.cli", "worker", "--batch", "--no-schedule"),
                *("--interval", "0.01", "--worker-id", f"w{n}"),
            ],
            env=isolated_env.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    out = isolated_env.django(
        "import json, collections\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from colibri.relay.models import AuditLog\n"
        "rows = AuditLog.objects.filter(action='worker_ping')\n"
        "tokens = collections.Counter(r.details['token'] for r in rows)\n"
        "tasks = [(t.status, t.worker_ids) for t in DBTaskResult.objects.all()]\n"
        "print(json.dumps({'tokens': tokens, 'tasks': tasks}))\n"
    )
    data = json.loads(out.strip().splitlines()[-1])
    assert sorted(data["tokens"]) == sorted(f"job-{i}" for i in range(N_TASKS))
    assert set(data["tokens"].values()) == {1}, "a job ran twice"
    assert len(data["tasks"]) == N_TASKS
    for status, worker_ids in data["tasks"]:
        assert status == "SUCCESSFUL" and len(worker_ids) == 1 and worker_ids[0] in {"w1", "w2"}


@pytest.mark.django_db
def test_it_triages_a_deferred_request_in_a_task(make_event) -> None:
    from colibri.relay.actions.ingest import do_ingest_event

    r = do_ingest_event(make_event(), source="s", cursor="1", defer_triage=True)
    assert r is not None and r.status == RequestStatus.DETECTED
    status = triage_request.call(r.pk)
    r.refresh_from_db()
    assert r.status == status and r.status != RequestStatus.DETECTED
    assert triage_request.call(r.pk + 1000) == "missing"


@pytest.mark.django_db
def test_it_fetches_the_profile_of_an_account_first_seen_without_one(
    make_event, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from django_tasks_db.models import DBTaskResult

    from colibri.networks.base import Author, Network
    from colibri.relay import sources
    from colibri.relay.actions.ingest import do_ingest_event
    from colibri.relay.models import NetworkAccount
    from colibri.relay.tasks import refresh_profile

    ev = make_event(bio="")
    bare = type(ev)(
        **{**{f: getattr(ev, f) for f in ev.__slots__}, "author": Author(id="did:plc:new", handle="n")}
    )
    with django_capture_on_commit_callbacks(execute=True):
        do_ingest_event(bare, source="s", cursor="1")
    queued = DBTaskResult.objects.get(task_path=refresh_profile.module_path)
    account = NetworkAccount.objects.get(remote_id="did:plc:new")
    assert queued.args_kwargs["args"] == [account.pk]

    class Fake(Network):
        name = "bluesky"

        def stream(self, cursor=None):
            return iter(())

        def get_profile(self, actor: str) -> Author:
            assert actor == "did:plc:new"
            return Author(id=actor, handle="new.bsky.social", bio="Comptable #i4EmploiR", followers_count=42)

    monkeypatch.setattr(sources, "configured_networks", lambda: [Fake()])
    assert refresh_profile.call(account.pk) == "refreshed"
    account.refresh_from_db()
    assert (account.handle, account.followers_count, account.is_seeker) == ("new.bsky.social", 42, True)
    assert AuditLog.objects.filter(action="account_refreshed").count() == 1
