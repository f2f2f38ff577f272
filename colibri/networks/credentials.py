"""Network credentials: encrypted at rest (Fernet), never shown by repr/str/logging.

`Secret` wraps one secret string: `str()`, `repr()` and f-strings print `***`; only `.reveal()`
gives the value, so a secret reaches an SDK call and nowhere else. `Credentials` groups an
account's identifier (not secret) and its secrets; `encrypt_credentials` / `decrypt_credentials`
turn it into a Fernet token for the database. The key comes from
`settings.COLIBRI_CREDENTIALS_KEY` unless one is passed in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

MASK = "***"


class Secret:
    """A secret string that does not print itself."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = str(value)

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return f"Secret({MASK!r})" if self._value else "Secret('')"

    def __str__(self) -> str:
        return MASK if self._value else ""

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> Any:
        # Pickling would be a way to write the clear value somewhere unnoticed (caches, task queues).
        raise TypeError("Secret cannot be pickled: store it with encrypt_credentials()")


def secret(value: str | Secret | None) -> Secret:
    if isinstance(value, Secret):
        return value
    return Secret(value or "")


@dataclass(frozen=True)
class Credentials:
    """One account on one network: who it is (public) and what proves it (secrets)."""

    network: str
    identifier: str = ""  # handle / username / instance account: fine to show
    service: str = ""  # PDS or instance URL
    secrets: Mapping[str, Secret] = field(default_factory=dict)

    def get(self, name: str) -> str:
        value = self.secrets.get(name)
        return value.reveal() if value is not None else ""

    def __repr__(self) -> str:
        names = ", ".join(f"{k}={MASK}" for k in sorted(self.secrets))
        return (
            f"Credentials(network={self.network!r}, identifier={self.identifier!r}, "
            f"service={self.service!r}, {names})"
        )

    __str__ = __repr__

    @classmethod
    def build(
        cls, network: str, identifier: str = "", service: str = "", **secrets: str | Secret
    ) -> Credentials:
        return cls(network, identifier, service, {k: secret(v) for k, v in secrets.items() if v})


def _fernet(key: str | bytes | None) -> Fernet:
    if key is None:
        from django.conf import settings  # only when no key is given: keeps this module usable without Django

        key = getattr(settings, "COLIBRI_CREDENTIALS_KEY", "")
    if not key:
        raise ValueError("no credentials key: set COLIBRI_CREDENTIALS_KEY (Fernet.generate_key())")
    try:
        return Fernet(key)
    except ValueError as exc:
        # The message of this error never contains the key itself.
        raise ValueError(
            "COLIBRI_CREDENTIALS_KEY is not a valid Fernet key (urlsafe base64 of 32 bytes)"
        ) from exc


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def encrypt_credentials(credentials: Credentials, key: str | bytes | None = None) -> str:
    payload = {
        "network": credentials.network,
        "identifier": credentials.identifier,
        "service": credentials.service,
        "secrets": {k: v.reveal() for k, v in credentials.secrets.items()},
    }
    return _fernet(key).encrypt(json.dumps(payload).encode("utf-8")).decode("ascii")


def decrypt_credentials(token: str | bytes, key: str | bytes | None = None) -> Credentials:
    try:
        raw = _fernet(key).decrypt(token if isinstance(token, bytes) else token.encode("ascii"))
    except InvalidToken as exc:
        raise ValueError("credentials cannot be decrypted with this key (wrong key or corrupted)") from exc
    data = json.loads(raw)
    return Credentials.build(
        str(data.get("network", "")),
        str(data.get("identifier", "")),
        str(data.get("service", "")),
        **{str(k): str(v) for k, v in (data.get("secrets") or {}).items()},
    )
