"""The console's writes: one `do_<verb>_<noun>()` each, in a transaction, with its audit row."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from colibri.relay.actions import ActionError
from colibri.relay.models import AuditLog, Profile, Role


def _actor_label(actor: Any) -> str:
    return str(actor.get_username()) if getattr(actor, "is_authenticated", False) else "system"


@transaction.atomic
def do_set_volunteer_active(user: Any, *, active: bool, actor: Any) -> bool:
    """Deactivate a volunteer (they can no longer log in; their history stays) or reactivate them.

    Returns whether anything changed. Nobody deactivates themselves, and the last active coordinator
    stays: the collective would be left with no one to run it.
    """
    locked = get_user_model().objects.select_for_update().get(pk=user.pk)
    if locked.is_active == active:
        return False
    if not active:
        if getattr(actor, "pk", None) == locked.pk:
            raise ActionError(_("You cannot deactivate your own account."))
        is_coordinator = (
            Profile.objects.filter(user=locked, role=Role.COORDINATOR).exists() or locked.is_superuser
        )
        others = Profile.objects.filter(role=Role.COORDINATOR, user__is_active=True).exclude(user=locked)
        if is_coordinator and not others.exists():
            raise ActionError(_("At least one coordinator must remain."))
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    user.is_active = active
    AuditLog.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
        action="volunteer_reactivated" if active else "volunteer_deactivated",
        details={"username": locked.get_username()},
    )
    return True
