"""Stored official credentials, handed to the network registry (settings.COLIBRI_OFFICIAL_CREDENTIALS)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError

from colibri.networks.credentials import Credentials, decrypt_credentials

logger = logging.getLogger(__name__)


def stored_credentials(network: str) -> Credentials | None:
    """The credentials connected from the dashboard for `network`, decrypted; None when there are none.

    A database not migrated yet, or a key that changed, means "none" (said once in the log, without
    any secret): the install then behaves as if nothing had been connected.
    """
    from colibri.console.models import OfficialCredential

    try:
        row = OfficialCredential.objects.filter(network=network).only("token").first()
    except DatabaseError:
        return None
    if row is None:
        return None
    try:
        return decrypt_credentials(
            bytes(row.token), key=getattr(settings, "COLIBRI_CREDENTIALS_KEY", "") or None
        )
    except ValueError as exc:
        logger.warning("official %s account: stored credentials unreadable (%s)", network, exc)
        return None


def store_refreshed_credentials(network: str, credentials: Credentials) -> None:
    """Keep an official account's rotated tokens (settings.COLIBRI_OFFICIAL_CREDENTIALS_SAVE).

    Not a coordinator's decision, so not an audited action: the network replaced a token that had
    expired, and the old refresh token no longer works, so the new one is written at once."""
    from colibri.console.models import OfficialCredential
    from colibri.networks.credentials import encrypt_credentials

    sealed = encrypt_credentials(credentials, getattr(settings, "COLIBRI_CREDENTIALS_KEY", "") or None)
    OfficialCredential.objects.filter(network=network).update(token=sealed.encode("ascii"))
