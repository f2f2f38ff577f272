"""The console's writes: one `do_<verb>_<noun>()` each, in a transaction, with its audit row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from colibri.relay import audit
from colibri.relay.actions.base import ActionError
from colibri.relay.models import Profile, Role

if TYPE_CHECKING:
    from colibri.connect.flows import Connected


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
    """The official account's adapter as ingest and dispatch build it (environment, else connected here)."""
    from django.conf import settings

    from colibri.networks.registry import official_adapter

    adapter = official_adapter(settings, network)
    if adapter is None:
        raise ActionError(_("No official account is configured for this network."))
    return adapter


def _whoami(adapter: Any) -> str:
    """The account the adapter acts as; asking the network proves the credentials work."""
    if adapter.name == "bluesky" and not hasattr(adapter, "me"):
        return str(adapter.did)  # logs in with the app password
    return str(adapter.me())  # Mastodon: verify_credentials; X: users/me; Bluesky OAuth: getSession


def do_test_official_account(network: str, *, actor: Any) -> tuple[bool, str]:
    """Log the official account in and read its profile; record the result (audit row) and, on success,
    register it as the collective's account (so approvals queue its reposts at once).

    Returns (ok, sentence). The network call happens outside any transaction; only the writes are in one.
    """
    from colibri.console.outbox_words import error_words
    from colibri.networks.base import NetworkError
    from colibri.relay.actions.accounts import do_register_official_account

    adapter = _official_adapter(network)
    try:
        author = adapter.get_profile(_whoami(adapter))
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


# The environment's settings that connect each official account: set, they win over the page.
ENV_NAMES = {
    "bluesky": "BLUESKY_HANDLE",
    "mastodon": "MASTODON_ACCESS_TOKEN",
    "x": "X_API_KEY / X_BEARER_TOKEN",
}


def refuse_if_environment(network: str) -> None:
    """Before any network call: the environment connecting this account wins, nothing is done here."""
    from colibri.console.official import configured

    if configured(network):
        raise ActionError(
            _("The environment already connects this account (%(name)s): it wins.")
            % {"name": ENV_NAMES.get(network, network)}
        )


def do_connect_official_account(connected: Connected, *, actor: Any) -> str:
    """Make an account connected with the members' flows (`colibri.connect.flows`: Bluesky app password
    or OAuth, Mastodon OAuth, X OAuth 2.0) the collective's official one: credentials stored encrypted,
    account registered as official; audited without any secret. Returns the handle. (A Bluesky OAuth
    account acts through its session; ingest reads the network without it.)

    The environment's settings win: with them set for this network, this is refused.
    """
    from colibri.connect.flows import seal
    from colibri.console.models import OfficialCredential
    from colibri.relay.actions.accounts import do_register_official_account

    network = connected.network
    refuse_if_environment(network)
    credentials = connected.credentials
    if credentials is None:
        raise ActionError(_("This account was looked up, not connected: Colibri could not act as it."))
    try:
        token = seal(connected)
    except ValueError:
        token = None
    if token is None:
        raise ActionError(
            _(
                "Colibri has no key to encrypt credentials (COLIBRI_CREDENTIALS_KEY; "
                "`colibri run` creates one)."
            )
        )
    with transaction.atomic():
        account = do_register_official_account(network, connected.author)
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
