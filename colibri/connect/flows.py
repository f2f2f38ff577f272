"""Connecting a network account to Colibri: one set of flows for every page that links an account.

Members use it on `/rejoindre/`; coordinators use it on `/parametres/comptes-officiels/` for the
collective's official accounts.
Everything here returns a `Connected` value or raises `ConnectError` (a message to show as is, in
the UI language); nothing here writes to the database: the caller's `do_…()` action stores the
result (credentials encrypted with `seal()`).

    connect_bluesky_app_password(handle, app_password) -> Connected   # logs in once: proves the account
    lookup_bluesky_account(handle) -> Connected                       # public read: no credentials kept
    seal(connected) -> bytes | None                                   # Fernet token for Member.credentials
    reader_for(network) -> Network                                    # public reads (followers)

OAuth (a redirect to the network and back): `start_oauth(network, redirect_uri, instance=...)` returns
the URL to send the person to and a `pending` dict to keep server side (the session) until the
callback; `finish_oauth(pending, callback_url)` checks the state and returns a `Connected`.
Mastodon registers our application once per instance (kept in `MastodonClientApp`); X uses OAuth 2.0
with PKCE (client id from X_OAUTH2_CLIENT_ID). `pack(connected)` / `unpack(text)` carry a connected
account through the session, credentials encrypted.

Why app passwords and not the account password: an app password can be revoked by the person from
their Bluesky settings without changing their password, and cannot change account settings; the
pattern check below refuses what looks like a main password.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings as django_settings
from django.utils.translation import gettext as _

from colibri.networks.base import Author, Network, NetworkError
from colibri.networks.credentials import Credentials, decrypt_credentials, encrypt_credentials

# Bluesky app passwords are four groups of four letters/digits ("abcd-efgh-ijkl-mnop").
APP_PASSWORD = re.compile(r"^[a-z0-9]{4}(-[a-z0-9]{4}){3}$")
HANDLE = re.compile(r"^[a-z0-9][a-z0-9.-]{1,251}[a-z0-9]$")


class ConnectError(Exception):
    """The account could not be connected; str() is the reason to show to the person."""


@dataclass(frozen=True)
class Connected:
    network: str
    author: Author  # id (DID on Bluesky), handle, display name, bio, follower count
    credentials: Credentials | None = None  # None: looked up only (a notified member)

    @property
    def delegated(self) -> bool:
        return self.credentials is not None


def normalise_handle(handle: str) -> str:
    """'@Marie.bsky.social ' -> 'marie.bsky.social'; ConnectError when it cannot be a handle."""
    cleaned = handle.strip().lstrip("@").lower()
    if not HANDLE.match(cleaned) or "." not in cleaned:
        raise ConnectError(
            _("“%(handle)s” is not a Bluesky handle (like name.bsky.social).") % {"handle": handle}
        )
    return cleaned


def _bluesky(credentials: Credentials | None, settings: Any) -> Network:
    from colibri.networks.registry import bluesky_from_settings

    # Without credentials the adapter reads through the public AppView only (never the official
    # account's session: a look-up must not log the collective in).
    return bluesky_from_settings(settings, credentials or Credentials.build("bluesky"))


def _profile(adapter: Network, actor: str, fallback: Author) -> Author:
    try:
        return adapter.get_profile(actor)
    except NetworkError:
        # A brand-new account can lag on the AppView: the session's DID and handle are enough to join.
        return fallback


def connect_bluesky_app_password(handle: str, app_password: str, *, settings: Any = None) -> Connected:
    """Log in once with an app password (proves the person holds the account) and read the profile."""
    settings = settings or django_settings
    handle = normalise_handle(handle)
    password = app_password.strip()
    if not APP_PASSWORD.match(password):
        raise ConnectError(
            _(
                "This does not look like an app password (four groups of four characters, "
                "xxxx-xxxx-xxxx-xxxx). Create one in Bluesky: Settings > Privacy and security > "
                "App passwords."
            )
        )
    credentials = Credentials.build(
        "bluesky", handle, str(getattr(settings, "BLUESKY_SERVICE", "") or ""), app_password=password
    )
    adapter = _bluesky(credentials, settings)
    try:
        did = str(getattr(adapter, "did"))  # noqa: B009 - logs in: the property is the session's DID
    except NetworkError as exc:
        if exc.status in (400, 401, 403):
            raise ConnectError(_("Bluesky refused this handle and app password.")) from None
        raise ConnectError(_("Bluesky could not be reached; try again in a moment.")) from None
    author = _profile(adapter, did, Author(id=did, handle=handle))
    return Connected("bluesky", author, credentials)


def lookup_bluesky_account(handle: str, *, settings: Any = None) -> Connected:
    """The public profile of a handle (DID, follower count), for members who keep their account."""
    settings = settings or django_settings
    handle = normalise_handle(handle)
    try:
        author = _bluesky(None, settings).get_profile(handle)
    except NetworkError as exc:
        if exc.status in (400, 404):
            raise ConnectError(_("No Bluesky account is called @%(handle)s.") % {"handle": handle}) from None
        raise ConnectError(_("Bluesky could not be reached; try again in a moment.")) from None
    return Connected("bluesky", author, None)


def seal(connected: Connected) -> bytes | None:
    """The credentials as a Fernet token (None for a looked-up account). Decrypted only by
    `colibri.networks.registry.adapter_for_account`, right before acting."""
    if connected.credentials is None:
        return None
    return encrypt_credentials(connected.credentials).encode("ascii")


def reader_for(network: str, *, settings: Any = None) -> Network:
    """An adapter for public reads on `network` (followers, profiles) without anyone's session."""
    settings = settings or django_settings
    if network == "bluesky":
        return _bluesky(None, settings)
    from colibri.networks.registry import configured_networks

    # Mastodon and X have no anonymous reads worth the name: the official account reads for us.
    for adapter in configured_networks(settings):
        if adapter.name == network:
            return adapter
    raise NetworkError(f"{network}: no account configured to read followers", retry=False)


# --------------------------------------------------------------------------- OAuth (Mastodon, X)

OAUTH_NETWORKS = ("bluesky", "mastodon", "x")


def _bluesky_client_id(redirect_uri: str, settings: Any) -> str:
    from colibri.networks import bluesky_oauth

    host = urlsplit(str(settings.SITE_URL)).hostname or ""
    if host in ("localhost", "127.0.0.1", "::1"):
        # Development: the specification's loopback client, no metadata document needed.
        return bluesky_oauth.loopback_client_id(redirect_uri, bluesky_oauth.SCOPE_WRITE)
    return f"{str(settings.SITE_URL).rstrip('/')}/oauth/client-metadata.json"


def _bluesky_start(handle: str, redirect_uri: str, settings: Any) -> OAuthStart:
    from colibri.networks import bluesky_oauth

    handle = normalise_handle(handle)
    try:
        server = bluesky_oauth.discover(
            handle,
            service=str(getattr(settings, "BLUESKY_SERVICE", "") or "https://bsky.social"),
            plc_url=str(getattr(settings, "COLIBRI_PLC_URL", "") or "https://plc.directory"),
        )
        client_id = _bluesky_client_id(redirect_uri, settings)
        # Write access (reposts): kept only if the person chooses that Colibri reposts for them.
        started = bluesky_oauth.start(server, client_id, redirect_uri, scope=bluesky_oauth.SCOPE_WRITE)
    except NetworkError:
        raise ConnectError(_("No Bluesky account is called @%(handle)s.") % {"handle": handle}) from None
    # The DPoP key and the PKCE verifier are secrets: the key travels encrypted.
    key = encrypt_credentials(Credentials.build("bluesky", handle, "", dpop_key=started.key_pem))
    return OAuthStart(
        started.url,
        {
            "network": "bluesky",
            "state": started.state,
            "verifier": started.verifier,
            "key": key,
            "nonce": started.nonce,
            "server": json.dumps(server.__dict__),
            "client_id": client_id,
            "redirect_uri": redirect_uri,
        },
    )


def _bluesky_finish(pending: dict[str, str], code: str, iss: str, settings: Any) -> Connected:
    from colibri.networks import bluesky_oauth

    server = bluesky_oauth.AuthServer(**json.loads(pending["server"]))
    key_pem = decrypt_credentials(pending["key"].encode("ascii")).get("dpop_key")
    token = bluesky_oauth.finish(
        server,
        pending["client_id"],
        pending["redirect_uri"],
        code=code,
        iss=iss,
        key_pem=key_pem,
        verifier=pending["verifier"],
        nonce=pending["nonce"],
    )
    # The account is proven; its public profile gives the follower count.
    try:
        author = lookup_bluesky_account(server.handle, settings=settings).author
    except ConnectError:
        author = Author(id=server.did, handle=server.handle)
    if author.id != server.did:
        author = Author(id=server.did, handle=server.handle)
    credentials = Credentials.build(
        "bluesky",
        server.handle,
        server.pds,
        oauth_access_token=str(token["access_token"]),
        oauth_refresh_token=str(token.get("refresh_token") or ""),
        dpop_key=key_pem,
        oauth_issuer=server.issuer,
        oauth_token_endpoint=server.token_endpoint,
        oauth_client_id=pending["client_id"],
        # Not secret, but the session acts as this DID (the repo it writes to): kept with the tokens.
        did=server.did,
    )
    return Connected("bluesky", author, credentials)


@dataclass(frozen=True)
class OAuthStart:
    url: str  # where to send the person
    pending: dict[str, str]  # keep server side until the callback (holds the PKCE verifier: secret)


def _mastodon_app(instance: str, redirect_uri: str, session: Any) -> tuple[str, str]:
    from colibri.connect.models import MastodonClientApp

    app = MastodonClientApp.objects.filter(instance=instance, redirect_uri=redirect_uri).first()
    if app is not None:
        creds = decrypt_credentials(bytes(app.client_secret))
        return app.client_id, creds.get("client_secret")
    from colibri.networks.oauth import mastodon_register_app

    client_id, client_secret = mastodon_register_app(instance, redirect_uri, session=session)
    sealed = encrypt_credentials(
        Credentials.build("mastodon", client_id, instance, client_secret=client_secret)
    )
    MastodonClientApp.objects.update_or_create(
        instance=instance,
        defaults={
            "client_id": client_id,
            "client_secret": sealed.encode("ascii"),
            "redirect_uri": redirect_uri,
        },
    )
    return client_id, client_secret


def start_oauth(
    network: str, redirect_uri: str, *, instance: str = "", settings: Any = None, session: Any = None
) -> OAuthStart:
    settings = settings or django_settings
    from colibri.networks import oauth

    state = secrets.token_urlsafe(24)
    if network == "bluesky":
        return _bluesky_start(instance, redirect_uri, settings)
    if network == "mastodon":
        try:
            base = oauth.normalise_instance(instance)
        except ValueError:
            raise ConnectError(
                _("“%(instance)s” is not a Mastodon instance address.") % {"instance": instance}
            ) from None
        try:
            client_id, client_secret = _mastodon_app(base, redirect_uri, session)
        except NetworkError:
            raise ConnectError(
                _("%(instance)s did not answer; check the address.") % {"instance": base}
            ) from None
        url = oauth.mastodon_authorize_url(base, client_id, client_secret, redirect_uri, state)
        return OAuthStart(
            url, {"network": network, "state": state, "instance": base, "redirect_uri": redirect_uri}
        )
    if network == "x":
        client_id = str(getattr(settings, "X_OAUTH2_CLIENT_ID", "") or "")
        if not client_id:
            raise ConnectError(_("Connecting an X account is not configured on this site."))
        start = oauth.x_authorize(
            client_id, redirect_uri, client_secret=str(getattr(settings, "X_OAUTH2_CLIENT_SECRET", "") or "")
        )
        return OAuthStart(
            start.url,
            {
                "network": network,
                "state": start.state,
                "verifier": start.code_verifier,
                "redirect_uri": redirect_uri,
            },
        )
    raise ConnectError(_("Unknown network: %(network)s.") % {"network": network})


def finish_oauth(
    pending: dict[str, str], callback_url: str, *, settings: Any = None, session: Any = None
) -> Connected:
    """The account the person authorised, from the callback URL (its state must match `pending`)."""
    from urllib.parse import parse_qs

    from colibri.networks import oauth

    settings = settings or django_settings
    query = parse_qs(urlsplit(callback_url).query)
    state, code = (query.get("state") or [""])[0], (query.get("code") or [""])[0]
    if not pending or not state or not secrets.compare_digest(state, pending.get("state", "")):
        raise ConnectError(_("This connection link has expired or was not started here; start again."))
    if not code:
        raise ConnectError(_("The connection was refused on the network; nothing was stored."))
    network = pending["network"]
    try:
        if network == "bluesky":
            return _bluesky_finish(pending, code, (query.get("iss") or [""])[0], settings)
        if network == "mastodon":
            client_id, client_secret = _mastodon_app(pending["instance"], pending["redirect_uri"], session)
            author, creds = oauth.mastodon_exchange_code(
                pending["instance"], client_id, client_secret, code, pending["redirect_uri"], session=session
            )
        else:
            author, creds = oauth.x_exchange_code(
                str(getattr(settings, "X_OAUTH2_CLIENT_ID", "")),
                pending["redirect_uri"],
                callback_url,
                state=pending["state"],
                code_verifier=pending["verifier"],
                client_secret=str(getattr(settings, "X_OAUTH2_CLIENT_SECRET", "") or ""),
                session=session,
            )
    except NetworkError:
        raise ConnectError(_("The network refused the connection; start again.")) from None
    return Connected(network, author, creds)


def pack(connected: Connected) -> str:
    """A connected account as text for the session: the credentials stay encrypted in it."""
    a = connected.author
    token = seal(connected)
    return json.dumps(
        {
            "network": connected.network,
            "author": [a.id, a.handle, a.display_name, a.bio, a.followers_count],
            "token": token.decode("ascii") if token else "",
        }
    )


def unpack(text: str) -> Connected | None:
    try:
        data = json.loads(text)
        aid, handle, name, bio, followers = data["author"]
        creds = decrypt_credentials(data["token"].encode("ascii")) if data.get("token") else None
    except (ValueError, KeyError, TypeError):
        return None
    return Connected(str(data["network"]), Author(aid, handle, name, bio, followers), creds)
