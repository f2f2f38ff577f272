"""Which network adapters this install runs, built from settings (and stored member credentials).

`configured_networks(settings)` is what ingest reads: one adapter per configured network account
(the official accounts), empty when nothing is configured. `adapter_for_account(account)` is what
dispatch uses to act as an account: the official account from settings, a member from the
credentials they gave (Fernet-encrypted in `Member.credentials`).

SDK modules are imported only when their network is configured, so an install without X keys
never imports tweepy.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from .base import Network, NetworkError
from .credentials import Credentials, decrypt_credentials
from .hashtags import DEFAULT_HASHTAGS
from .ratelimit import RateLimiter

logger = logging.getLogger(__name__)

# One limiter per process: every adapter of one account draws from the same buckets. Settings may
# name a factory for a limiter shared across processes (COLIBRI_RATE_LIMITER, "module.function": the
# database buckets by default), so N dispatch workers share one budget; this one is the fallback.
LIMITER = RateLimiter()


def limiter_for(settings: Any) -> RateLimiter:
    path = _get(settings, "COLIBRI_RATE_LIMITER")
    if not path:
        return LIMITER
    module_name, _, name = path.rpartition(".")
    factory = getattr(importlib.import_module(module_name), name)
    limiter: RateLimiter = factory()
    return limiter


def _get(settings: Any, name: str, default: str = "") -> str:
    return str(getattr(settings, name, default) or default)


def _hashtags(settings: Any) -> tuple[str, ...]:
    value = getattr(settings, "COLIBRI_HASHTAGS", None)
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    return tuple(value) if value else DEFAULT_HASHTAGS


def bluesky_from_settings(settings: Any, credentials: Credentials | None = None) -> Network:
    # Each SDK (atproto, Mastodon.py, tweepy) is imported only when its network is configured: they
    # are heavy, and a collective usually runs one or two networks.
    from .bluesky.network import BlueskyNetwork
    from .bluesky.records import DEFAULT_SERVICE

    handle = credentials.identifier if credentials else _get(settings, "BLUESKY_HANDLE")
    password = credentials.get("app_password") if credentials else _get(settings, "BLUESKY_APP_PASSWORD")
    service = (credentials.service if credentials and credentials.service else "") or _get(
        settings, "BLUESKY_SERVICE", DEFAULT_SERVICE
    )
    return BlueskyNetwork(
        handle,
        password,
        service=service,
        appview_url=_get(settings, "BLUESKY_APPVIEW_URL") or None,
        firehose_url=_get(settings, "BLUESKY_FIREHOSE_URL") or None,
        hashtags=_hashtags(settings),
        limiter=limiter_for(settings),
        bot=credentials is None,  # the official account (from settings) declares itself a bot; members don't
    )


def mastodon_from_settings(settings: Any, credentials: Credentials | None = None) -> Network:
    from .mastodon import MastodonNetwork

    return MastodonNetwork(
        (credentials.service if credentials else "") or _get(settings, "MASTODON_API_BASE_URL"),
        credentials.get("access_token") if credentials else _get(settings, "MASTODON_ACCESS_TOKEN"),
        hashtags=_hashtags(settings),
        limiter=limiter_for(settings),
        bot=credentials is None,
    )


def x_from_settings(settings: Any, credentials: Credentials | None = None) -> Network:
    from .x import XNetwork

    def pick(name: str, setting: str) -> str:
        return credentials.get(name) if credentials else _get(settings, setting)

    return XNetwork(
        bearer_token=pick("bearer_token", "X_BEARER_TOKEN") or _get(settings, "X_BEARER_TOKEN"),
        api_key=pick("api_key", "X_API_KEY") or _get(settings, "X_API_KEY"),
        api_secret=pick("api_secret", "X_API_SECRET") or _get(settings, "X_API_SECRET"),
        access_token=pick("access_token", "X_ACCESS_TOKEN"),
        access_token_secret=pick("access_token_secret", "X_ACCESS_TOKEN_SECRET"),
        hashtags=_hashtags(settings),
        limiter=limiter_for(settings),
    )


def configured_networks(settings: Any) -> list[Network]:
    """The official accounts' adapters, one per configured network; [] when none is configured."""
    networks: list[Network] = []
    if _get(settings, "BLUESKY_HANDLE") and _get(settings, "BLUESKY_APP_PASSWORD"):
        networks.append(bluesky_from_settings(settings))
    if _get(settings, "MASTODON_API_BASE_URL") and _get(settings, "MASTODON_ACCESS_TOKEN"):
        networks.append(mastodon_from_settings(settings))
    # X is off unless keys are set: every read is billed.
    if _get(settings, "X_BEARER_TOKEN") or (_get(settings, "X_API_KEY") and _get(settings, "X_ACCESS_TOKEN")):
        networks.append(x_from_settings(settings))
    return networks


_BUILDERS = {"bluesky": bluesky_from_settings, "mastodon": mastodon_from_settings, "x": x_from_settings}


def adapter_for_account(account: Any, settings: Any = None) -> Network:
    """An adapter acting as `account` (a relay NetworkAccount): the official one or a consenting member."""
    if settings is None:
        from django.conf import settings as django_settings

        settings = django_settings
    network = str(account.network)
    builder = _BUILDERS.get(network)
    if builder is None:
        raise NetworkError(f"{network}: no adapter for this network", retry=False)
    if getattr(account, "is_official", False):
        return builder(settings)
    member = getattr(account, "member", None)
    token = getattr(member, "credentials", None) if member is not None else None
    if not token:
        raise NetworkError(
            f"{network}: @{account.handle} gave no credentials to act with", retry=False, status=401
        )
    credentials = decrypt_credentials(
        bytes(token), key=getattr(settings, "COLIBRI_CREDENTIALS_KEY", "") or None
    )
    if credentials.network != network:
        raise NetworkError(f"{network}: stored credentials are for {credentials.network}", retry=False)
    return builder(settings, credentials)
