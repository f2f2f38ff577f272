"""Deferred triage in the worker loads the reference index once per process (issue 17)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from colibri.relay import sources, tasks
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.triage import do_triage_request


@pytest.mark.django_db
def test_it_loads_the_index_once_and_again_only_after_a_new_import(
    make_event: Any, settings: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.COLIBRI_REFDATA_DIR = tmp_path
    (tmp_path / "index.json").write_text("{}")
    loads: list[object] = []

    def fake_load() -> object:
        loads.append(object())
        return loads[-1]

    monkeypatch.setattr(sources, "load_reference_index", fake_load)
    monkeypatch.setattr(tasks, "_WORKER_INDEX", None)
    seen: list[Any] = []
    real = do_triage_request
    monkeypatch.setattr(
        tasks, "do_triage_request", lambda r, index: seen.append(index) or real(r, index=None)
    )
    ids = [do_ingest_event(make_event(), source="t", cursor=None, defer_triage=True).pk for _ in range(3)]
    for pk in ids:
        tasks.triage_request.call(pk)
    assert len(loads) == 1 and seen == [loads[0]] * 3
    # `colibri data import` rewrote the index: the next task picks it up, once.
    stat = (tmp_path / "index.json").stat()
    (tmp_path / "index.json").write_text("{ }")
    os.utime(tmp_path / "index.json", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    tasks.triage_request.call(ids[0])
    tasks.triage_request.call(ids[1])
    assert len(loads) == 2 and seen[-2:] == [loads[1]] * 2
