"""AT Protocol OAuth (the profile Bluesky specifies: PAR, PKCE S256, DPoP) to prove who a person is.

The `atproto` SDK has no OAuth client, so the few HTTP calls are made here with httpx:

1. `discover(handle)`: handle -> DID (resolveHandle) -> DID document (PLC) -> PDS ->
   `/.well-known/oauth-protected-resource` -> its authorization server's metadata;
2. `start(...)`: a fresh DPoP key (P-256), a PKCE verifier and a state; the request is pushed (PAR) with
   a DPoP proof, retried once with the server's `DPoP-Nonce` (`use_dpop_nonce`); returns the URL of the
   server's consent page and what the callback needs (kept server side, the key encrypted by the caller);
3. `finish(...)`: the callback's `iss` must be the issuer and its `state` ours; the code is exchanged at
   the token endpoint (PKCE verifier + DPoP proof, nonce retry); the token's `sub` must be the DID that
   was resolved, so a person can only connect the account they hold.

`OAuthSession` then makes DPoP-bound calls with the access token (nonce retries, refresh with rotation
reported to the caller) and `BlueskyOAuthNetwork` is the adapter dispatch uses for such a member.

Client identity: on a public site, `client_id` is the URL of our client metadata document
(`client_metadata()`, served at /oauth/client-metadata.json); on a loopback site (development, tests)
it is the `http://localhost?redirect_uri=…&scope=…` form the specification allows without a document.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from .base import Network, NetworkError, NetworkEvent

SCOPE = "atproto"  # identity only
SCOPE_WRITE = "atproto transition:generic"  # what reposting on the person's behalf needs
TIMEOUT = 15.0


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class DpopKey:
    """An ES256 key that signs DPoP proofs (RFC 9449)."""

    def __init__(self, key: ec.EllipticCurvePrivateKey | None = None):
        self.key = key or ec.generate_private_key(ec.SECP256R1())
        nums = self.key.public_key().public_numbers()
        self.jwk = {
            "kty": "EC",
            "crv": "P-256",
            "x": _b64(nums.x.to_bytes(32, "big")),
            "y": _b64(nums.y.to_bytes(32, "big")),
        }

    def pem(self) -> str:
        return self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ).decode("ascii")

    @classmethod
    def from_pem(cls, pem: str) -> DpopKey:
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("not an EC key")
        return cls(key)

    def proof(self, method: str, url: str, nonce: str | None = None) -> str:
        header = {"typ": "dpop+jwt", "alg": "ES256", "jwk": self.jwk}
        claims: dict[str, Any] = {
            "jti": secrets.token_urlsafe(16),
            "htm": method,
            "htu": url,
            "iat": int(time.time()),
        }
        if nonce:
            claims["nonce"] = nonce
        signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
        r, s = decode_dss_signature(self.key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
        return f"{signing_input}.{_b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


@dataclass(frozen=True)
class AuthServer:
    did: str
    handle: str
    pds: str
    issuer: str
    par_endpoint: str
    authorization_endpoint: str
    token_endpoint: str


def _get_json(client: httpx.Client, url: str, what: str) -> Any:
    try:
        response = client.get(url)
    except httpx.HTTPError:
        raise NetworkError(f"bluesky oauth: {what} unreachable", retry=True) from None
    if response.status_code != 200:
        raise NetworkError(
            f"bluesky oauth: {what} answered {response.status_code}", retry=False, status=response.status_code
        )
    return response.json()


def discover(handle: str, *, service: str, plc_url: str, client: httpx.Client | None = None) -> AuthServer:
    """Where `handle`'s account lives and which authorization server speaks for it."""
    http = client or httpx.Client(timeout=TIMEOUT)
    did = _get_json(
        http,
        f"{service.rstrip('/')}/xrpc/com.atproto.identity.resolveHandle?{urlencode({'handle': handle})}",
        "resolveHandle",
    )["did"]
    if did.startswith("did:plc:"):
        doc = _get_json(http, f"{plc_url.rstrip('/')}/{did}", "the PLC directory")
    elif did.startswith("did:web:"):
        doc = _get_json(
            http, f"https://{did.removeprefix('did:web:')}/.well-known/did.json", "did:web document"
        )
    else:
        raise NetworkError(f"bluesky oauth: unsupported DID method in {did}", retry=False)
    pds = next(
        (s["serviceEndpoint"] for s in doc.get("service", []) if s.get("id", "").endswith("#atproto_pds")), ""
    )
    if not pds:
        raise NetworkError("bluesky oauth: the DID document names no PDS", retry=False)
    resource = _get_json(
        http, f"{pds.rstrip('/')}/.well-known/oauth-protected-resource", "protected resource metadata"
    )
    issuer = str(resource["authorization_servers"][0])
    meta = _get_json(
        http, f"{issuer.rstrip('/')}/.well-known/oauth-authorization-server", "authorization server metadata"
    )
    if meta.get("issuer") != issuer:
        raise NetworkError("bluesky oauth: the authorization server names another issuer", retry=False)
    return AuthServer(
        did=did,
        handle=handle,
        pds=pds.rstrip("/"),
        issuer=issuer,
        par_endpoint=str(meta["pushed_authorization_request_endpoint"]),
        authorization_endpoint=str(meta["authorization_endpoint"]),
        token_endpoint=str(meta["token_endpoint"]),
    )


def loopback_client_id(redirect_uri: str, scope: str = SCOPE) -> str:
    return "http://localhost?" + urlencode({"redirect_uri": redirect_uri, "scope": scope})


def client_metadata(
    client_id: str, redirect_uri: str | list[str], client_name: str = "Colibri", scope: str = SCOPE
) -> dict[str, Any]:
    """The document a public client publishes at its `client_id` URL (the server checks each request's
    redirect URI and scope against it)."""
    parts = urlsplit(client_id)
    return {
        "client_id": client_id,
        "client_name": client_name,
        "client_uri": f"{parts.scheme}://{parts.netloc}",
        "redirect_uris": [redirect_uri] if isinstance(redirect_uri, str) else redirect_uri,
        "scope": scope,
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "application_type": "web",
        "token_endpoint_auth_method": "none",
        "dpop_bound_access_tokens": True,
    }


def _post_dpop(
    client: httpx.Client, url: str, form: dict[str, str], key: DpopKey, nonce: str
) -> tuple[httpx.Response, str]:
    """POST with a DPoP proof; once more with the server's nonce when it asks for one."""
    response = client.post(url, data=form, headers={"DPoP": key.proof("POST", url, nonce or None)})
    nonce = response.headers.get("DPoP-Nonce", nonce)
    if response.status_code == 400 and response.json().get("error") == "use_dpop_nonce":
        response = client.post(url, data=form, headers={"DPoP": key.proof("POST", url, nonce)})
        nonce = response.headers.get("DPoP-Nonce", nonce)
    return response, nonce


@dataclass(frozen=True)
class Started:
    url: str  # the authorization server's consent page
    state: str
    verifier: str  # PKCE verifier: secret until the callback
    key_pem: str  # the DPoP key: secret, encrypt it where it is kept
    nonce: str


def start(
    server: AuthServer,
    client_id: str,
    redirect_uri: str,
    *,
    scope: str = SCOPE,
    client: httpx.Client | None = None,
) -> Started:
    http = client or httpx.Client(timeout=TIMEOUT)
    key = DpopKey()
    verifier = secrets.token_urlsafe(48)
    state = secrets.token_urlsafe(24)
    form = {
        "client_id": client_id,
        "response_type": "code",
        "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
        "state": state,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "login_hint": server.handle,
    }
    try:
        response, nonce = _post_dpop(http, server.par_endpoint, form, key, "")
    except httpx.HTTPError:
        raise NetworkError("bluesky oauth: PAR unreachable", retry=True) from None
    if response.status_code not in (200, 201):
        raise NetworkError(
            f"bluesky oauth: PAR refused ({response.status_code})", retry=False, status=response.status_code
        )
    request_uri = response.json()["request_uri"]
    url = f"{server.authorization_endpoint}?{urlencode({'client_id': client_id, 'request_uri': request_uri})}"
    return Started(url, state, verifier, key.pem(), nonce)


def finish(
    server: AuthServer,
    client_id: str,
    redirect_uri: str,
    *,
    code: str,
    iss: str,
    key_pem: str,
    verifier: str,
    nonce: str,
    client: httpx.Client | None = None,
) -> dict[str, Any]:
    """Exchange the code; returns the token response once its `sub` is the account we resolved."""
    if iss != server.issuer:
        raise NetworkError("bluesky oauth: the answer comes from another authorization server", retry=False)
    http = client or httpx.Client(timeout=TIMEOUT)
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
        "client_id": client_id,
    }
    try:
        response, _nonce = _post_dpop(http, server.token_endpoint, form, DpopKey.from_pem(key_pem), nonce)
    except httpx.HTTPError:
        raise NetworkError("bluesky oauth: token endpoint unreachable", retry=True) from None
    if response.status_code != 200:
        raise NetworkError(
            f"bluesky oauth: code refused ({response.status_code})", retry=False, status=response.status_code
        )
    token = dict(response.json())
    if token.get("sub") != server.did or token.get("token_type", "").lower() != "dpop":
        raise NetworkError("bluesky oauth: the token is for another account", retry=False)
    return token


# --------------------------------------------------------------------------- acting with the tokens


class OAuthSession:
    """DPoP-bound calls to the person's PDS with their access token; refreshes it when it expires.

    Refresh tokens rotate: `on_refresh(tokens)` is told the new pair so the caller stores it (the old
    refresh token no longer works); `reload()` gives the stored pair, to adopt another process's refresh."""

    def __init__(
        self,
        *,
        did: str,
        pds: str,
        issuer: str,
        token_endpoint: str,
        client_id: str,
        access_token: str,
        refresh_token: str,
        key_pem: str,
        on_refresh: Any = None,
        reload: Any = None,
        client: httpx.Client | None = None,
    ):
        self.did, self.pds, self.issuer = did, pds.rstrip("/"), issuer
        self.token_endpoint, self.client_id = token_endpoint, client_id
        self.access_token, self.refresh_token = access_token, refresh_token
        self.key = DpopKey.from_pem(key_pem)
        self.on_refresh, self.reload = on_refresh, reload
        self.http = client or httpx.Client(timeout=TIMEOUT)
        self.nonces: dict[str, str] = {}  # per server origin (PDS and authorization server differ)

    def __repr__(self) -> str:
        return f"OAuthSession(did={self.did!r}, pds={self.pds!r})"  # never the tokens

    def _proof(self, method: str, url: str) -> str:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        ath = _b64(hashlib.sha256(self.access_token.encode()).digest())
        header = {"typ": "dpop+jwt", "alg": "ES256", "jwk": self.key.jwk}
        claims: dict[str, Any] = {
            "jti": secrets.token_urlsafe(16),
            "htm": method,
            "htu": url,
            "iat": int(time.time()),
            "ath": ath,
        }
        if self.nonces.get(origin):
            claims["nonce"] = self.nonces[origin]
        signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
        r, s = decode_dss_signature(self.key.key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
        return f"{signing_input}.{_b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"

    def _send(self, method: str, url: str, body: Any, params: dict[str, Any] | None) -> httpx.Response:
        headers = {"Authorization": f"DPoP {self.access_token}", "DPoP": self._proof(method, url)}
        if isinstance(body, bytes):  # a blob (an image): sent as is
            headers["Content-Type"] = "application/octet-stream"
            response = self.http.request(method, url, content=body, params=params, headers=headers)
        else:
            response = self.http.request(method, url, json=body, params=params, headers=headers)
        nonce = response.headers.get("DPoP-Nonce")
        if nonce:
            self.nonces["{0.scheme}://{0.netloc}".format(urlsplit(url))] = nonce
        return response

    def xrpc(
        self,
        method: str,
        nsid: str,
        body: dict[str, Any] | bytes | None = None,
        *,
        params: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """One XRPC call on the PDS as the account: a JSON body, or bytes (uploadBlob), or query params."""
        url = f"{self.pds}/xrpc/{nsid}"
        try:
            response = self._send(method, url, body, params)
            if response.status_code == 401 and "use_dpop_nonce" in response.headers.get(
                "WWW-Authenticate", ""
            ):
                response = self._send(method, url, body, params)
            if response.status_code in (400, 401) and _expired(response):
                self.refresh()
                response = self._send(method, url, body, params)
        except httpx.HTTPError:
            raise NetworkError(f"bluesky oauth: {nsid} unreachable", retry=True) from None
        if response.status_code >= 400:
            retry = response.status_code >= 500 or response.status_code == 429
            raise NetworkError(
                f"bluesky oauth: {nsid} answered {response.status_code}",
                retry=retry,
                status=response.status_code,
            )
        return dict(response.json()) if response.content else {}

    def refresh(self) -> None:
        stored = self.reload() if self.reload is not None else None
        if stored and stored[0] and stored[0] != self.access_token:
            # Another process (a dispatch worker) refreshed first: spending our rotated-away refresh
            # token would be refused, and could revoke the session as a replay.
            self.access_token, self.refresh_token = stored
            return
        form = {
            "grant_type": "refresh_token",
            "refresh_token": self.refresh_token,
            "client_id": self.client_id,
        }
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.token_endpoint))
        try:
            response, nonce = _post_dpop(
                self.http, self.token_endpoint, form, self.key, self.nonces.get(origin, "")
            )
        except httpx.HTTPError:
            raise NetworkError("bluesky oauth: token endpoint unreachable", retry=True) from None
        self.nonces[origin] = nonce
        if response.status_code != 200:
            raise NetworkError(
                "bluesky oauth: the refresh was refused (access revoked?)", retry=False, status=401
            )
        token = response.json()
        if token.get("sub") != self.did:
            raise NetworkError("bluesky oauth: refreshed token for another account", retry=False)
        self.access_token, self.refresh_token = token["access_token"], token["refresh_token"]
        if self.on_refresh is not None:
            self.on_refresh({"access_token": self.access_token, "refresh_token": self.refresh_token})


def _expired(response: httpx.Response) -> bool:
    try:
        error = response.json().get("error", "")
    except ValueError:
        error = ""
    return error in ("ExpiredToken", "invalid_token") or "invalid_token" in response.headers.get(
        "WWW-Authenticate", ""
    )


REPOST = "app.bsky.feed.repost"


class BlueskyOAuthNetwork(Network):
    """A member who connected with OAuth: reposts, undoes and finds reposts through DPoP-bound calls
    (what dispatch asks of a member); public reads go to the AppView or the PDS without a session."""

    name = "bluesky"

    def __init__(self, session: OAuthSession, *, appview_url: str = "", client: httpx.Client | None = None):
        self.session = session
        self.appview_url = appview_url.rstrip("/")
        self.http = client or session.http

    def __repr__(self) -> str:
        return f"BlueskyOAuthNetwork({self.session!r})"

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        # A member's adapter only acts; the official account's adapter reads the stream.
        raise NetworkError("bluesky: a member's OAuth session does not read the stream", retry=False)

    def _public(self, base: str, nsid: str, params: dict[str, Any]) -> dict[str, Any] | None:
        try:
            response = self.http.get(f"{base}/xrpc/{nsid}", params=params)
        except httpx.HTTPError:
            raise NetworkError(f"bluesky oauth: {nsid} unreachable", retry=True) from None
        if response.status_code in (400, 404):
            return None
        if response.status_code != 200:
            raise NetworkError(
                f"bluesky oauth: {nsid} answered {response.status_code}", retry=response.status_code >= 500
            )
        return dict(response.json())

    def _cid(self, uri: str) -> str:
        if self.appview_url:
            found = self._public(self.appview_url, "app.bsky.feed.getPosts", {"uris": uri})
            if found and found.get("posts"):
                return str(found["posts"][0]["cid"])
        repo, collection, rkey = uri.removeprefix("at://").split("/", 2)
        record = self._public(
            self.session.pds,
            "com.atproto.repo.getRecord",
            {"repo": repo, "collection": collection, "rkey": rkey},
        )
        if not record:
            raise NetworkError(f"bluesky: post {uri} not found (deleted?)", retry=False, status=404)
        return str(record["cid"])

    def find_repost(self, uri: str) -> str | None:
        cursor = ""
        for _ in range(3):
            params: dict[str, Any] = {"repo": self.session.did, "collection": REPOST, "limit": 100}
            if cursor:
                params["cursor"] = cursor
            page = self._public(self.session.pds, "com.atproto.repo.listRecords", params) or {}
            for rec in page.get("records", []):
                if (rec.get("value") or {}).get("subject", {}).get("uri") == uri:
                    return str(rec["uri"])
            cursor = str(page.get("cursor") or "")
            if not cursor or not page.get("records"):
                break
        return None

    def repost(self, uri: str) -> str:
        existing = self.find_repost(uri)
        if existing:
            return existing
        record = {
            "$type": REPOST,
            "subject": {"uri": uri, "cid": self._cid(uri)},
            "createdAt": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
        }
        created = self.session.xrpc(
            "POST",
            "com.atproto.repo.createRecord",
            {"repo": self.session.did, "collection": REPOST, "record": record},
        )
        return str(created["uri"])

    def undo_repost(self, uri: str) -> None:
        for _ in range(5):  # a repeated repost (a retried attempt) is undone too; bounded
            found = self.find_repost(uri)
            if found is None:
                return
            rkey = found.rsplit("/", 1)[1]
            self.session.xrpc(
                "POST",
                "com.atproto.repo.deleteRecord",
                {"repo": self.session.did, "collection": REPOST, "rkey": rkey},
            )
