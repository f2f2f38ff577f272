"""Deferred triage is never lost (issue 17, found by bench/chaos.py): a request stored for the worker to
triage gets its task in the same transaction, and a periodic sweep triages requests whose task died
with a killed worker."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import OperationalError
from django.utils import timezone

from colibri.networks.base import Network, NetworkEvent
from colibri.relay import ingest as ingest_loop
from colibri.relay.ingest import Ingestor
from colibri.relay.models import Request, RequestStatus
from colibri.relay.tasks import STRAGGLER_AGE, triage_stragglers
from colibri.scheduling import jobs as scheduling
from tests import clock


class Stream(Network):
    name = "bluesky"
    source = "stragglers"

    def __init__(self, events: list[NetworkEvent]) -> None:
        self.events = events

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        for i in range(int(cursor or 0), len(self.events)):
            yield self.events[i], str(i + 1)


class FailingOnce:
    """`triage_request` whose first enqueue fails as a database lost at that moment would."""

    def __init__(self) -> None:
        self.enqueued: list[int] = []
        self.failed = False

    def enqueue(self, pk: int) -> None:
        if not self.failed:
            self.failed = True
            raise OperationalError("server closed the connection unexpectedly")
        self.enqueued.append(pk)


@pytest.mark.django_db(transaction=True)  # the loop's own retry closes and reopens the connection
def test_it_stores_a_deferred_request_only_with_its_triage_task(
    make_event: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    task = FailingOnce()
    monkeypatch.setattr(ingest_loop, "triage_request", task)
    ingestor = Ingestor([Stream([make_event()])], load_index=False, defer_triage=True)
    ingestor.run()
    (request,) = Request.objects.all()
    # Before: the request was committed, the enqueue failed, the cursor had moved: no task, ever.
    assert task.failed and task.enqueued == [request.pk]
    assert request.status == RequestStatus.DETECTED and ingestor.stats.retries == 1


@pytest.mark.django_db
def test_it_triages_the_requests_whose_task_was_lost(make_event: Any) -> None:
    Ingestor([Stream([make_event(), make_event()])], load_index=False, defer_triage=True).run()
    lost, fresh = Request.objects.order_by("id")
    Request.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - STRAGGLER_AGE - timedelta(seconds=5)
    )
    assert triage_stragglers.call() == 1
    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert lost.status != RequestStatus.DETECTED and lost.category
    assert fresh.status == RequestStatus.DETECTED  # its own task may still be on its way
    assert triage_stragglers.call() == 0


@pytest.mark.django_db
def test_it_sweeps_for_lost_triage_every_five_minutes() -> None:
    (job,) = [j for j in scheduling.jobs() if j.name == "triage_stragglers"]
    at = clock.local(clock.TODAY, 10, 5)
    assert scheduling.enqueue_due_jobs(at, only=[job]) == [f"triage_stragglers@{clock.TODAY}T10:05"]
    assert scheduling.enqueue_due_jobs(at + timedelta(minutes=4), only=[job]) == []
    assert scheduling.enqueue_due_jobs(at + timedelta(minutes=5), only=[job]) == [
        f"triage_stragglers@{clock.TODAY}T10:10"
    ]
