"""The collective's settings (hashtags, eligible contracts, budgets, hours), changed by a coordinator."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import audit
from ..models import CollectiveSettings
from .base import ActionError

_SETTINGS_EDITABLE = {
    f.name for f in CollectiveSettings._meta.concrete_fields if f.name not in {"id", "updated_at"}
}


@transaction.atomic
def do_update_collective_settings(*, actor: Any, **fields: Any) -> CollectiveSettings:
    unknown = set(fields) - _SETTINGS_EDITABLE
    if unknown:
        raise ActionError(_("Unknown setting(s): %(names)s.") % {"names": ", ".join(sorted(unknown))})
    CollectiveSettings.get()
    cs = CollectiveSettings.objects.select_for_update().get(pk=1)
    changes: dict[str, list[Any]] = {}
    for name, value in fields.items():
        old = getattr(cs, name)
        if old != value:
            changes[name] = [_jsonable(old), _jsonable(value)]
            setattr(cs, name, value)
    cs.updated_at = timezone.now()
    cs.full_clean()
    cs.save()
    audit.record("settings_updated", actor=actor, changes=changes)
    return cs


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
