"""Retention: requests idle longer than COLIBRI_RETENTION_DAYS lose their personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest

from colibri.relay.models import AuditLog, Request, RequestStatus
from colibri.relay.tasks import erase_expired_requests

pytestmark = pytest.mark.django_db


def test_it_erases_only_requests_idle_past_the_retention_period(make_request, settings, frozen_now) -> None:
    settings.COLIBRI_RETENTION_DAYS = 30
    old, recent, borderline = make_request(), make_request(), make_request()
    now = frozen_now
    # Test setup only: age the rows directly (the code under test never writes like this).
    Request.objects.filter(pk=old.pk).update(updated_at=now - timedelta(days=31))
    Request.objects.filter(pk=borderline.pk).update(updated_at=now - timedelta(days=29))
    assert erase_expired_requests.call() == 1
    statuses = dict(Request.objects.values_list("pk", "status"))
    assert statuses[old.pk] == RequestStatus.ERASED
    assert statuses[recent.pk] != RequestStatus.ERASED and statuses[borderline.pk] != RequestStatus.ERASED
    assert Request.objects.get(pk=old.pk).post.text == ""
    row = AuditLog.objects.get(request=old, action="request_erased")
    assert "30" in row.details["why"]
    # Already erased requests are not erased again.
    assert erase_expired_requests.call() == 0
