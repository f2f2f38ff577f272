"""`colibri replan` and the `replan_today` task write the same plan as `do_apply_plan`."""

from __future__ import annotations

from typing import Any

import pytest

from colibri.cli import main
from colibri.relay.models import Assignment, AuditLog
from colibri.relay.tasks import replan_today

from . import planning_factories as pf

pytestmark = pytest.mark.django_db


def test_it_replans_a_day_from_the_command_line(capsys: Any) -> None:
    pf.collective()
    with pf.frozen_on_day(7):  # before DAY's first slot, whatever the date the suite runs on
        assert main(["replan", "--day", pf.DAY.isoformat()]) == 0
        out = capsys.readouterr().out
        n = Assignment.objects.count()
        assert n > 0
        assert f"Plan du {pf.DAY.isoformat()} : {n} relais créés, 0 gardés" in out
        audit = AuditLog.objects.get(action="plan.applied")
        assert audit.actor_label == "system" and audit.details["created"] == n
        # Twice: the second run replaces the first (same day, nothing locked or due yet).
        assert main(["replan", "--day", pf.DAY.isoformat()]) == 0
        assert f"{n} remplacés" in capsys.readouterr().out
        assert Assignment.objects.count() == n


def test_it_keeps_the_assignments_already_due_when_replanning_later_that_day(capsys: Any) -> None:
    pf.collective()
    with pf.frozen_on_day(7):
        assert main(["replan", "--day", pf.DAY.isoformat()]) == 0
    planned = Assignment.objects.count()
    due = Assignment.objects.filter(slot_start__lte=pf.at(22)).count()
    assert planned > 0 and due == planned  # every slot of the day is over by 22:00
    capsys.readouterr()
    with pf.frozen_on_day(22):
        assert main(["replan", "--day", pf.DAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert f"{planned} gardés" in out and "0 remplacés" in out


def test_it_refuses_a_malformed_day(capsys: Any) -> None:
    assert main(["replan", "--day", "01/12/2026"]) == 1
    assert "jour invalide" in capsys.readouterr().err
    assert not AuditLog.objects.filter(action="plan.applied").exists()


def test_it_replans_today_as_a_task() -> None:
    pf.request()
    pf.member("t.test", audience=pf.followers("t", 0, 20))
    with pf.frozen_on_day(7):  # "today" is DAY, the requests' day
        result = replan_today.call()
    assert result["created"] == Assignment.objects.count()
    assert AuditLog.objects.filter(action="plan.applied").count() == 1
