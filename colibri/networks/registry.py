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
import threading
from collections.abc import Callable
from typing import Any

from .base import Network, NetworkError
from .credentials import Credentials, decrypt_credentials, encrypt_credentials
from .hashtags import DEFAULT_HASHTAGS
from .ratelimit import RateLimiter

DEFAULT_APPVIEW_URL = "https://public.api.bsky.app"  # public reads when no AppView is configured

logger = logging.getLogger(__name__)

# One limiter per process: every adapter of one account draws from the same buckets. Settings may
# name a factory for a limiter shared across processes (COLIBRI_RATE_LIMITER, "module.function": the
# database buckets by default), so N dispatch workers share one budget; this one is the fallback.
LIMITER = RateLimiter()


def _hook(path: str) -> Any:
    """The function a setting names as "module:function" or "module.function" (imported on use)."""
    module_name, _sep, name = path.replace(":", ".").rpartition(".")
    return getattr(importlib.import_module(module_name), name)


def limiter_for(settings: Any) -> RateLimiter:
    path = _get(settings, "COLIBRI_RATE_LIMITER")
    if not path:
        return LIMITER
    limiter: RateLimiter = _hook(path)()
    return limiter


def _get(settings: Any, name: str, default: str = "") -> str:
    return str(getattr(settings, name, default) or default)


def _hashtags(settings: Any) -> tuple[str, ...]:
    value = getattr(settings, "COLIBRI_HASHTAGS", None)
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    return tuple(value) if value else DEFAULT_HASHTAGS


def stored_official(settings: Any, network: str) -> Credentials | None:
    """The official account connected from the dashboard, when the environment gives none for `network`.

    `COLIBRI_OFFICIAL_CREDENTIALS` names a "module:function" returning a network's stored credentials
    (the console keeps them encrypted); the environment's settings always win over it.
    """
    path = _get(settings, "COLIBRI_OFFICIAL_CREDENTIALS")
    if not path:
        return None
    found = _hook(path)(network)
    return found if isinstance(found, Credentials) else None


def env_official(settings: Any, network: str) -> bool:
    """Whether the environment's settings give `network`'s official account (they win over a stored one)."""
    if network == "bluesky":
        return bool(_get(settings, "BLUESKY_HANDLE") and _get(settings, "BLUESKY_APP_PASSWORD"))
    if network == "mastodon":
        return bool(_get(settings, "MASTODON_API_BASE_URL") and _get(settings, "MASTODON_ACCESS_TOKEN"))
    if network == "x":
        return bool(
            _get(settings, "X_BEARER_TOKEN")
            or (_get(settings, "X_API_KEY") and _get(settings, "X_ACCESS_TOKEN"))
        )
    return False


def bluesky_from_settings(
    settings: Any, credentials: Credentials | None = None, *, official: bool | None = None
) -> Network:
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
        # The official account declares itself a bot (from settings or stored); members don't.
        bot=credentials is None if official is None else official,
    )


def mastodon_from_settings(
    settings: Any, credentials: Credentials | None = None, *, official: bool | None = None
) -> Network:
    from .mastodon import MastodonNetwork

    return MastodonNetwork(
        (credentials.service if credentials else "") or _get(settings, "MASTODON_API_BASE_URL"),
        credentials.get("access_token") if credentials else _get(settings, "MASTODON_ACCESS_TOKEN"),
        hashtags=_hashtags(settings),
        limiter=limiter_for(settings),
        # The official account declares itself a bot (from settings or stored); members don't.
        bot=credentials is None if official is None else official,
    )


def x_from_settings(
    settings: Any,
    credentials: Credentials | None = None,
    *,
    save: Callable[[Credentials], None] | None = None,
    reload: Callable[[], Credentials | None] | None = None,
) -> Network:
    from .x import XNetwork

    def pick(name: str, setting: str) -> str:
        return credentials.get(name) if credentials else _get(settings, setting)

    if credentials is not None and credentials.get("oauth2_access_token"):
        # An account connected with OAuth 2.0 (PKCE): a member on /rejoindre/ or the official account
        # from the dashboard. Its token acts as it, and is refreshed where `save` can keep the new one.
        return XNetwork(
            bearer_token=credentials.get("oauth2_access_token"),
            oauth2_user=True,
            hashtags=_hashtags(settings),
            limiter=limiter_for(settings),
            refresh_token=x_token_refresher(settings, credentials, save, reload) if save else None,
        )

    return XNetwork(
        bearer_token=pick("bearer_token", "X_BEARER_TOKEN") or _get(settings, "X_BEARER_TOKEN"),
        api_key=pick("api_key", "X_API_KEY") or _get(settings, "X_API_KEY"),
        api_secret=pick("api_secret", "X_API_SECRET") or _get(settings, "X_API_SECRET"),
        access_token=pick("access_token", "X_ACCESS_TOKEN"),
        access_token_secret=pick("access_token_secret", "X_ACCESS_TOKEN_SECRET"),
        hashtags=_hashtags(settings),
        limiter=limiter_for(settings),
    )


def x_token_refresher(
    settings: Any,
    credentials: Credentials,
    save: Callable[[Credentials], None],
    reload: Callable[[], Credentials | None] | None = None,
    *,
    session: Any = None,
) -> Callable[[], str]:
    """The hook an X adapter calls on a 401: a fresh access token, the rotated tokens saved first.

    X's refresh token is single-use, and several processes (dispatch, the worker) may hold the same
    account: before spending it, `reload` reads what is stored, and if another process already
    refreshed, its token is used instead of a refresh token that is no longer valid."""
    from .oauth import x_refresh_tokens

    held = {"credentials": credentials}
    lock = threading.Lock()

    def refresh() -> str:
        with lock:
            current = held["credentials"]
            stored = reload() if reload is not None else None
            if (
                stored is not None
                and stored.get("oauth2_access_token")
                and stored.get("oauth2_access_token") != current.get("oauth2_access_token")
            ):
                held["credentials"] = stored
                return stored.get("oauth2_access_token")
            tokens = x_refresh_tokens(
                _get(settings, "X_OAUTH2_CLIENT_ID"),
                current.get("oauth2_refresh_token"),
                client_secret=_get(settings, "X_OAUTH2_CLIENT_SECRET"),
                session=session,
            )
            kept = {name: value.reveal() for name, value in current.secrets.items()}
            kept.update(
                oauth2_access_token=tokens["access_token"], oauth2_refresh_token=tokens["refresh_token"]
            )
            updated = Credentials.build("x", current.identifier, current.service, **kept)
            save(updated)
            held["credentials"] = updated
            return tokens["access_token"]

    return refresh


def configured_networks(settings: Any) -> list[Network]:
    """The official accounts' adapters, one per configured network; [] when none is configured.

    X is off unless its keys are set or a coordinator connected it: every read is billed."""
    found = (official_adapter(settings, network) for network in ("bluesky", "mastodon", "x"))
    return [adapter for adapter in found if adapter is not None]


def official_adapter(settings: Any, network: str) -> Network | None:
    """The collective's account on `network`: the environment's settings, else the credentials a
    coordinator connected on the official accounts page (Bluesky app password or OAuth, Mastodon or
    X OAuth), else None. A Bluesky OAuth account reads the stream without its session (the firehose
    and the AppView are public) and acts through it."""
    if env_official(settings, network):
        return _BUILDERS[network](settings)
    stored = stored_official(settings, network)
    if stored is None or stored.network != network:
        return None
    if network == "bluesky" and stored.get("oauth_refresh_token"):
        return bluesky_official_oauth(settings, stored, _official_saver(settings, network))
    if network == "bluesky":
        return bluesky_from_settings(settings, stored, official=True)
    if network == "mastodon":
        return mastodon_from_settings(settings, stored, official=True)
    save = _official_saver(settings, network)
    return x_from_settings(
        settings, stored, save=save, reload=(lambda: stored_official(settings, network)) if save else None
    )


def _official_saver(settings: Any, network: str) -> Callable[[Credentials], None] | None:
    """`COLIBRI_OFFICIAL_CREDENTIALS_SAVE` ("module:function"): where refreshed official tokens go."""
    path = _get(settings, "COLIBRI_OFFICIAL_CREDENTIALS_SAVE")
    if not path:
        return None
    store = _hook(path)
    return lambda updated: store(network, updated)


_BUILDERS: dict[str, Callable[..., Network]] = {
    "bluesky": bluesky_from_settings,
    "mastodon": mastodon_from_settings,
    "x": x_from_settings,
}


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
        return official_adapter(settings, network) or builder(settings)
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
    # Tokens that rotate (AT Protocol OAuth, X OAuth 2.0) are written back to the member's row at once.
    key = getattr(settings, "COLIBRI_CREDENTIALS_KEY", "") or None
    row: Any = member  # has credentials, so it is a Member row

    def save_member(updated: Credentials) -> None:
        type(row).objects.filter(pk=row.pk).update(
            credentials=encrypt_credentials(updated, key).encode("ascii")
        )

    def reload_member() -> Credentials | None:
        sealed = type(row).objects.filter(pk=row.pk).values_list("credentials", flat=True).first()
        return decrypt_credentials(bytes(sealed), key=key) if sealed else None

    if network == "bluesky" and credentials.get("oauth_refresh_token"):
        return _bluesky_oauth(settings, str(account.remote_id), credentials, save_member, reload_member)
    if network == "x" and credentials.get("oauth2_refresh_token"):
        return x_from_settings(settings, credentials, save=save_member, reload=reload_member)
    return builder(settings, credentials)


def _bluesky_oauth(
    settings: Any,
    did: str,
    credentials: Credentials,
    save: Callable[[Credentials], None],
    reload: Callable[[], Credentials | None],
) -> Network:
    """A member who connected with AT Protocol OAuth: DPoP-bound calls with their tokens."""
    from .bluesky_oauth import BlueskyOAuthNetwork

    return BlueskyOAuthNetwork(
        bluesky_oauth_session(did, credentials, save, reload),
        appview_url=_get(settings, "BLUESKY_APPVIEW_URL") or DEFAULT_APPVIEW_URL,
    )


def bluesky_official_oauth(
    settings: Any, credentials: Credentials, save: Callable[[Credentials], None] | None
) -> Network:
    """The official account connected with AT Protocol OAuth from the dashboard. Ingest reads with it
    without any session (the firehose, the public AppView), dispatch acts through its OAuth session."""
    from .bluesky_official import BlueskyOfficialOAuth

    if save is None:
        # Without a saver a refresh would leave a dead refresh token stored: the next process could
        # no longer act. Say it rather than fail later without a word.
        logger.warning("official bluesky account: no COLIBRI_OFFICIAL_CREDENTIALS_SAVE, refreshes are lost")
    return BlueskyOfficialOAuth(
        bluesky_oauth_session(
            credentials.get("did"), credentials, save, lambda: stored_official(settings, "bluesky")
        ),
        handle=credentials.identifier,
        appview_url=_get(settings, "BLUESKY_APPVIEW_URL") or DEFAULT_APPVIEW_URL,
        firehose_url=_get(settings, "BLUESKY_FIREHOSE_URL") or None,
        hashtags=_hashtags(settings),
        limiter=limiter_for(settings),
        bot=True,
    )


def bluesky_oauth_session(
    did: str,
    credentials: Credentials,
    save: Callable[[Credentials], None] | None,
    reload: Callable[[], Credentials | None] | None = None,
) -> Any:
    """The DPoP-bound session of an account connected with AT Protocol OAuth (a member or the official
    one). Refresh tokens rotate, so each refresh is saved at once (encrypted, by `save`), or the next
    process would hold a dead one; before refreshing, `reload` tells whether another process did."""
    from .bluesky_oauth import OAuthSession

    def stored_pair() -> tuple[str, str] | None:
        found = reload() if reload is not None else None
        if found is None or found.network != "bluesky":
            return None
        return found.get("oauth_access_token"), found.get("oauth_refresh_token")

    def store(tokens: dict[str, str]) -> None:
        if save is None:
            return
        kept = {name: value.reveal() for name, value in credentials.secrets.items()}
        kept.update(oauth_access_token=tokens["access_token"], oauth_refresh_token=tokens["refresh_token"])
        save(Credentials.build("bluesky", credentials.identifier, credentials.service, **kept))

    return OAuthSession(
        did=did,
        pds=credentials.service,
        issuer=credentials.get("oauth_issuer"),
        token_endpoint=credentials.get("oauth_token_endpoint"),
        client_id=credentials.get("oauth_client_id"),
        access_token=credentials.get("oauth_access_token"),
        refresh_token=credentials.get("oauth_refresh_token"),
        key_pem=credentials.get("dpop_key"),
        on_refresh=store,
        reload=stored_pair,
    )
