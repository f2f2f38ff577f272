"""OAuth connect flows for members' accounts, through the networks' SDKs (only the networks layer
imports them).

Mastodon: an application is registered once per instance (`POST /api/v1/apps`, Mastodon.py's
`create_app`), the person authorises it on their instance (authorization code), and the code is
exchanged for an access token (`log_in`); `verify_credentials` says who they are.

X: OAuth 2.0 authorization code with PKCE (tweepy's `OAuth2UserHandler`); the state and the code
verifier are kept by the caller between the redirect and the callback.

Every function takes an optional `requests.Session` (tests pass one whose transport answers from
captured payloads); `new_session()` is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from .base import Author, NetworkError
from .credentials import Credentials
from .mastodon import html_to_text

# Reposting (reblog) is write:statuses; the account and its followers are read:accounts / read:follows.
MASTODON_SCOPES = ["read:accounts", "read:follows", "write:statuses"]
X_SCOPES = ["tweet.read", "users.read", "tweet.write", "offline.access"]
TIMEOUT = 20.0


def new_session() -> requests.Session:
    return requests.Session()


def normalise_instance(instance: str) -> str:
    """'piaille.fr', 'https://piaille.fr/' -> 'https://piaille.fr'; ValueError if it is not a host."""
    value = instance.strip()
    if "://" not in value:
        value = "https://" + value
    parts = urlsplit(value)
    if (
        parts.scheme not in ("https", "http")
        or not parts.netloc
        or " " in parts.netloc
        or "@" in parts.netloc
    ):
        raise ValueError(f"not a Mastodon instance: {instance!r}")
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _mastodon_error(exc: Exception, what: str) -> NetworkError:
    # Mastodon.py's API errors carry (message, HTTP status, reason, error); never the token.
    status = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None
    return NetworkError(f"mastodon: {what} failed: {exc.__class__.__name__}", retry=False, status=status)


def mastodon_register_app(
    instance: str, redirect_uri: str, *, client_name: str = "Colibri", session: requests.Session | None = None
) -> tuple[str, str]:
    """(client_id, client_secret) of a new application on `instance`."""
    from mastodon import Mastodon, MastodonError

    try:
        return Mastodon.create_app(
            client_name,
            scopes=MASTODON_SCOPES,
            redirect_uris=redirect_uri,
            api_base_url=instance,
            request_timeout=TIMEOUT,
            session=session or new_session(),
        )
    except MastodonError as exc:
        raise _mastodon_error(exc, "app registration") from None


def mastodon_authorize_url(
    instance: str, client_id: str, client_secret: str, redirect_uri: str, state: str
) -> str:
    """Where to send the person: their instance's consent page for our application (no request made)."""
    from mastodon import Mastodon

    api = Mastodon(
        client_id=client_id, client_secret=client_secret, api_base_url=instance, version_check_mode="none"
    )
    return str(
        api.auth_request_url(
            redirect_uris=redirect_uri, scopes=MASTODON_SCOPES, state=state, skip_server_info=True
        )
    )


def mastodon_exchange_code(
    instance: str,
    client_id: str,
    client_secret: str,
    code: str,
    redirect_uri: str,
    *,
    session: requests.Session | None = None,
) -> tuple[Author, Credentials]:
    """The account behind an authorization code, and the credentials to act as it."""
    from mastodon import Mastodon, MastodonError

    api = Mastodon(
        client_id=client_id,
        client_secret=client_secret,
        api_base_url=instance,
        request_timeout=TIMEOUT,
        version_check_mode="none",
        session=session or new_session(),
    )
    try:
        token = api.log_in(code=code, redirect_uri=redirect_uri, scopes=MASTODON_SCOPES)
        me: Any = api.account_verify_credentials()
    except MastodonError as exc:
        raise _mastodon_error(exc, "authorization") from None
    host = urlsplit(instance).netloc
    acct = str(me["acct"])
    handle = acct if "@" in acct else f"{acct}@{host}"
    bio, _links = html_to_text(str(me.get("note") or ""))
    author = Author(
        id=str(me["id"]),
        handle=handle,
        display_name=str(me.get("display_name") or ""),
        bio=bio,
        followers_count=int(me.get("followers_count") or 0),
    )
    return author, Credentials.build("mastodon", handle, instance, access_token=token)


@dataclass(frozen=True)
class PkceStart:
    url: str
    state: str
    code_verifier: str  # secret: kept server side (session) until the callback


def x_authorize(client_id: str, redirect_uri: str, *, client_secret: str = "") -> PkceStart:
    """The X consent URL with a fresh PKCE challenge (S256) and state."""
    import tweepy

    handler = tweepy.OAuth2UserHandler(
        client_id=client_id, redirect_uri=redirect_uri, scope=X_SCOPES, client_secret=client_secret or None
    )
    url = handler.get_authorization_url()
    # tweepy keeps both on the session it subclasses (requests-oauthlib); the callback needs them back.
    return PkceStart(url, str(handler._state), str(handler._client.code_verifier))


def x_exchange_code(
    client_id: str,
    redirect_uri: str,
    callback_url: str,
    *,
    state: str,
    code_verifier: str,
    client_secret: str = "",
    session: requests.Session | None = None,
) -> tuple[Author, Credentials]:
    """Exchange the callback's code (state checked) for tokens, and read who authorised."""
    import tweepy
    from oauthlib.oauth2.rfc6749.errors import OAuth2Error

    handler = tweepy.OAuth2UserHandler(
        client_id=client_id, redirect_uri=redirect_uri, scope=X_SCOPES, client_secret=client_secret or None
    )
    handler._state = state  # checked against the callback's state by requests-oauthlib
    handler._client.code_verifier = code_verifier
    session = session or new_session()
    for prefix, adapter in session.adapters.items():  # the handler is itself a requests.Session
        handler.mount(prefix, adapter)
    try:
        token = handler.fetch_token(callback_url)
    except (OAuth2Error, ValueError) as exc:
        raise NetworkError(f"x: authorization failed: {exc.__class__.__name__}", retry=False) from None
    client = tweepy.Client(bearer_token=token["access_token"], return_type=requests.Response)
    client.session = session
    try:
        response = client.get_me(user_auth=False, user_fields=["public_metrics", "description"])
        response.raise_for_status()
    except (tweepy.TweepyException, requests.RequestException) as exc:
        raise NetworkError(f"x: reading the account failed: {exc.__class__.__name__}", retry=False) from None
    data = response.json()["data"]
    metrics = data.get("public_metrics") or {}
    author = Author(
        id=str(data["id"]),
        handle=str(data["username"]),
        display_name=str(data.get("name") or ""),
        bio=str(data.get("description") or ""),
        followers_count=metrics.get("followers_count"),
    )
    credentials = Credentials.build(
        "x",
        author.handle,
        "",
        oauth2_access_token=str(token["access_token"]),
        oauth2_refresh_token=str(token.get("refresh_token") or ""),
    )
    return author, credentials


X_TOKEN_URL = "https://api.x.com/2/oauth2/token"  # noqa: S105 (an address, not a secret)


def x_refresh_tokens(
    client_id: str, refresh_token: str, *, client_secret: str = "", session: requests.Session | None = None
) -> dict[str, str]:
    """New tokens for an X account connected with OAuth 2.0 (scope offline.access).

    X access tokens live about two hours; the refresh token rotates on every use, so the caller must
    store the new one before anything else can fail. A confidential client authenticates with HTTP
    Basic, a public one sends its client id in the form (X's documented token endpoint)."""
    if not client_id or not refresh_token:
        raise NetworkError(
            "x: no refresh token or client id: the account must be connected again", retry=False
        )
    session = session or new_session()
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": client_id}
    auth = (client_id, client_secret) if client_secret else None
    try:
        response = session.post(X_TOKEN_URL, data=form, auth=auth, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise NetworkError(f"x: token refresh failed: {type(exc).__name__}", retry=True) from None
    if response.status_code != 200:
        # 400/401: the refresh token was revoked or already used; only a new connection helps.
        raise NetworkError(
            f"x: token refresh refused ({response.status_code}): the account must be connected again",
            retry=response.status_code >= 500,
            status=response.status_code,
        )
    try:
        body = response.json()
        access = str(body["access_token"])
    except (ValueError, KeyError, TypeError):
        raise NetworkError("x: token refresh answered without an access token", retry=True) from None
    return {"access_token": access, "refresh_token": str(body.get("refresh_token") or refresh_token)}
