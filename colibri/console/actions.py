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


def _official_adapter(network: str) -> Any:
    """The official account's adapter as ingest and dispatch build it (environment settings)."""
    from django.conf import settings

    from colibri.networks.registry import configured_networks

    for adapter in configured_networks(settings):
        if adapter.name == network:
            return adapter
    raise ActionError(_("No official account is configured for this network."))


def do_test_official_account(network: str, *, actor: Any) -> tuple[bool, str]:
    """Log the official account in and read its profile; record the result (audit row) and, on success,
    register it as the collective's account (so approvals queue its reposts at once).

    Returns (ok, sentence). The network call happens outside any transaction; only the writes are in one.
    """
    from colibri.console.outbox_words import error_words
    from colibri.networks.base import NetworkError
    from colibri.relay.actions import do_register_official_account

    if network != "bluesky":
        raise ActionError(_("The connection test is available for Bluesky only for now."))
    adapter = _official_adapter(network)
    try:
        did = str(adapter.did)  # logs in: proves the handle and app password
        author = adapter.get_profile(did)
    except NetworkError as exc:
        words = error_words(str(exc) or exc.__class__.__name__)
        _record_test(network, actor, ok=False, error=str(exc)[:500], error_words=words)
        return False, words
    with transaction.atomic():
        account = do_register_official_account(network, author)
        _record_test(network, actor, ok=True, handle=account.handle)
    return True, _("Connected as @%(handle)s.") % {"handle": account.handle}


@transaction.atomic
def _record_test(network: str, actor: Any, **details: Any) -> None:
    AuditLog.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=_actor_label(actor),
        action="official_account_tested",
        details={"network": network, **details},
    )
