"""What became of a seeker (hired, still searching, withdrawn, no answer), as they or a volunteer
reported it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit, lifecycle
from ..models import Outcome, OutcomeStatus, Request, RequestStatus
from .base import ActionError, lock_request, sync_request
from .withdrawal import withdraw_locked


@transaction.atomic
def do_record_outcome(request: Request, *, status: str, source: str, actor: Any = None) -> Outcome:
    if status not in OutcomeStatus.values:
        raise ActionError(_("Unknown outcome."))
    r = lock_request(request)
    if r.status == RequestStatus.ERASED:
        raise ActionError(_("This request was erased."))
    now = timezone.now()
    outcome = Outcome.objects.create(request=r, status=status, source=source[:32], reported_at=now)
    if status == OutcomeStatus.WITHDRAWN:
        r = withdraw_locked(
            r,
            actor=actor,
            label="" if actor else "system",
            why=_("outcome reported (%(source)s)") % {"source": source},
        )
    elif r.status != RequestStatus.WITHDRAWN:
        lifecycle.move(r, RequestStatus.OUTCOME)
    r.outcome = status
    r.outcome_at = now
    r.updated_at = now
    r.save()
    audit.record("outcome_recorded", request=r, actor=actor, status=status, source=source)
    sync_request(request, r)
    return outcome
