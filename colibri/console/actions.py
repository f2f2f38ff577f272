"""The console's writes: one `do_<verb>_<noun>()` each, in a transaction, with its audit row."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from colibri.relay import audit
from colibri.relay.actions.base import ActionError
from colibri.relay.models import Profile, Role


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
    audit.record(
        "volunteer_reactivated" if active else "volunteer_deactivated",
        actor=actor,
        username=locked.get_username(),
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
    from colibri.relay.actions.accounts import do_register_official_account

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
    audit.record("official_account_tested", actor=actor, network=network, **details)


# Bluesky app passwords are four groups of four letters/digits: what looks like a main password is refused.
APP_PASSWORD = re.compile(r"^[a-z0-9]{4}(-[a-z0-9]{4}){3}$")


def do_connect_official_account(network: str, *, handle: str, app_password: str, actor: Any) -> str:
    """Connect the collective's Bluesky account with an app password: log in once (proves it), store the
    credentials encrypted, register the account as official; audited without any secret.

    Returns the handle. The environment's settings win: with BLUESKY_HANDLE set, this is refused.
    """
    from django.conf import settings

    from colibri.console.models import OfficialCredential
    from colibri.console.official import configured
    from colibri.networks.base import NetworkError
    from colibri.networks.credentials import Credentials, encrypt_credentials
    from colibri.networks.registry import bluesky_from_settings
    from colibri.relay.actions.accounts import do_register_official_account

    if network != "bluesky":
        raise ActionError(_("Only the Bluesky account can be connected from this page for now."))
    if configured(network):
        raise ActionError(_("The environment already connects this account (BLUESKY_HANDLE): it wins."))
    handle = handle.strip().lstrip("@").lower()
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*\.[a-z0-9.-]*[a-z0-9]", handle):
        raise ActionError(
            _("“%(handle)s” is not a Bluesky handle (like name.bsky.social).") % {"handle": handle}
        )
    password = app_password.strip()
    if not APP_PASSWORD.fullmatch(password):
        raise ActionError(
            _(
                "This does not look like an app password (xxxx-xxxx-xxxx-xxxx). Create one in Bluesky: "
                "Settings > Privacy and security > App passwords."
            )
        )
    credentials = Credentials.build("bluesky", handle, str(settings.BLUESKY_SERVICE), app_password=password)
    try:  # before logging in: without a key nothing could be kept
        token = encrypt_credentials(credentials).encode("ascii")
    except ValueError:
        raise ActionError(
            _(
                "Colibri has no key to encrypt credentials (COLIBRI_CREDENTIALS_KEY; "
                "`colibri run` creates one)."
            )
        ) from None
    adapter = bluesky_from_settings(settings, credentials, official=True)
    try:
        did = str(adapter.did)  # type: ignore[attr-defined]  # logs in: proves the handle and app password
        author = adapter.get_profile(did)
    except NetworkError as exc:
        if exc.status in (400, 401, 403):
            raise ActionError(_("Bluesky refused this handle and app password.")) from None
        raise ActionError(_("Bluesky could not be reached; try again in a moment.")) from None
    with transaction.atomic():
        account = do_register_official_account(network, author)
        OfficialCredential.objects.update_or_create(
            network=network,
            defaults={
                "handle": account.handle,
                "remote_id": account.remote_id,
                "token": token,
                "connected_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        audit.record("official_account_connected", actor=actor, network=network, handle=account.handle)
        _record_test(network, actor, ok=True, handle=account.handle)
    return account.handle
