"""(Re)planning a day: the planner's output replaces the day's unlocked PLANNED assignments, in one
transaction with one audit row (`plan.applied`).

`loading.load_day` is looked up on its module at each call (tests wrap it to race a dispatch pass).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext as _

from colibri.core.planner import Plan, plan

from .. import audit
from ..models import (
    Assignment,
    AssignmentStatus,
    CollectiveSettings,
)
from . import loading
from .loading import queued_repost


@dataclass(slots=True)
class PlanSummary:
    day: date
    created: int
    removed: int
    kept: int
    total_reach: int
    total_estimated: float
    below_min_reach: list[int]
    reach_by_request: dict[int, int]
    plan: Plan | None = field(default=None, repr=False)
    # One line (UI language) when there was nothing to plan: no active member or no request waiting.
    nothing: str = ""


def nothing_to_plan(data: loading.DayInput) -> str:
    """Why a plan of this day cannot assign anything, in one line (UI language), or ""."""
    if not data.members:
        return _(
            "Nothing to plan: no active member (people join on the « Join » page, coordinators approve them)."
        )
    if not data.requests:
        return _("Nothing to plan: no approved request is waiting for reposts.")
    return ""


@transaction.atomic
def do_apply_plan(*, actor: Any, day: date | None = None, now: datetime | None = None) -> PlanSummary:
    """(Re)plan a day: replace its unlocked PLANNED assignments with the planner's, keep the others."""
    now = now or timezone.now()
    day = day or timezone.localdate(now)
    # Serialise concurrent re-plans (row lock on PostgreSQL; SQLite serialises writers anyway).
    list(CollectiveSettings.objects.select_for_update().filter(pk=CollectiveSettings.get().pk))
    data = loading.load_day(day, now=now)
    # Re-check what load_day saw, under row locks (lock/swap actions wait for us): a coordinator may
    # have locked one meanwhile, or dispatch queued its repost (dispatch takes no row lock: a row it
    # queues after this statement is deleted, its repost still happens, see the module docstring).
    doomed = list(
        Assignment.objects.select_for_update()
        .filter(pk__in=data.replaced, status=AssignmentStatus.PLANNED, locked=False)
        .exclude(Exists(queued_repost()))
        .values_list("pk", flat=True)
    )
    removed, _by_model = Assignment.objects.filter(pk__in=doomed).delete()
    anchors = list(data.anchors)
    if len(doomed) < len(data.replaced):  # survivors are kept like the other anchors
        survivors = Assignment.objects.filter(pk__in=set(data.replaced) - set(doomed)).order_by("id")
        rids, mids = data.request_ids, data.member_ids
        anchors += [a for a in survivors if str(a.request_id) in rids and str(a.member_id) in mids]
        anchors.sort(key=lambda a: a.pk)
    nothing = nothing_to_plan(data)
    locked_pairs = [(str(a.request_id), str(a.member_id)) for a in anchors]
    result = plan(data.requests, data.members, data.config, locked=locked_pairs, excluded=data.excluded)
    rows = [
        Assignment(
            request_id=int(a.request_id),
            member_id=int(a.member_id),
            slot_start=a.slot,
            status=AssignmentStatus.PLANNED,
            reach_added=round(a.estimated_added) if a.estimate else a.reach_added,
            relevance=a.relevance,
            explanation=a.explanation_fr,
            locked=False,
            created_at=now,
        )
        for a in result.assignments
        if not a.locked
    ]
    # One by one in plan order would be a query per row; bulk_create keeps the order, so ids follow ranks.
    Assignment.objects.bulk_create(rows)
    by_request = {int(rid): rr.reach for rid, rr in result.reach_by_request.items()}
    summary = PlanSummary(
        day=day,
        created=len(rows),
        removed=removed,
        kept=len(anchors),
        total_reach=result.total_reach,
        total_estimated=float(result.total_estimated),
        below_min_reach=[int(r) for r in result.stats.get("below_min_reach", [])],
        reach_by_request=by_request,
        plan=result,
        nothing=nothing,
    )
    audit.record(
        "plan.applied",
        actor=actor,
        day=day.isoformat(),
        created=summary.created,
        removed=summary.removed,
        kept=summary.kept,
        total_reach=summary.total_reach,
        total_estimated=round(summary.total_estimated, 1),
        below_min_reach=summary.below_min_reach,
        seconds=result.stats.get("seconds"),
        # The overlap-model population used: day_report() reuses it so estimates match the plan's.
        population=data.config.population,
    )
    return summary
