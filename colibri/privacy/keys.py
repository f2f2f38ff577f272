"""Keyed hashes for erased identifiers.

An erased post keeps "erased:<hash of its URI>" so a replayed event for it is recognised and not
stored again. A plain SHA-256 of the URI lets anyone who knows a person's DID confirm they were
relayed; an HMAC with a key only this install holds does not. The key is derived from
COLIBRI_CREDENTIALS_KEY (which must stay stable anyway: it decrypts the network credentials), else
SECRET_KEY. Changing it only means a replay of an old erased post is no longer recognised.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

PREFIX = "erased:"
_PURPOSE = b"colibri.privacy.erasure.v1"


def _key() -> bytes:
    secret = settings.COLIBRI_CREDENTIALS_KEY or settings.SECRET_KEY
    return hmac.new(secret.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()


def keyed_digest(sha256_hex: str) -> str:
    """HMAC of an unkeyed SHA-256 hex digest (also how rows erased before keys existed are rehashed)."""
    return hmac.new(_key(), sha256_hex.encode("ascii"), hashlib.sha256).hexdigest()


def erasure_hash(value: str) -> str:
    """What an identifier (post URI, network:account id, outbox key) becomes once erased."""
    return PREFIX + keyed_digest(hashlib.sha256(value.encode("utf-8")).hexdigest())
