"""The one audit recorder: who did what to which request, written in the caller's transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from colibri.relay import audit
from colibri.relay.actions.volunteers import do_create_volunteer
from colibri.relay.models import AuditLog

pytestmark = pytest.mark.django_db


def test_it_names_a_volunteer_or_the_process_that_wrote_the_row() -> None:
    user, _pw = do_create_volunteer(username="alice", role="moderator")
    by_user = audit.record("thing_done", actor=user, note="x")
    by_worker = audit.record("thing_done", label="worker:abc")
    by_nobody = audit.record("thing_done")
    stored = {row.pk: row for row in AuditLog.objects.filter(action="thing_done")}
    assert (stored[by_user.pk].actor, stored[by_user.pk].actor_label) == (user, "alice")
    assert stored[by_user.pk].details == {"note": "x"}
    assert (stored[by_worker.pk].actor, stored[by_worker.pk].actor_label) == (None, "worker:abc")
    assert stored[by_nobody.pk].actor_label == "system"


def test_it_writes_many_rows_at_once_and_rolls_back_with_the_write(django_assert_num_queries: Any) -> None:
    rows = [audit.entry("bulk_thing", label="dispatch", n=i) for i in range(5)]
    with django_assert_num_queries(1):
        audit.record_all(rows)
    assert AuditLog.objects.filter(action="bulk_thing").count() == 5
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record("doomed")
        raise RuntimeError("the write failed")
    assert not AuditLog.objects.filter(action="doomed").exists()
