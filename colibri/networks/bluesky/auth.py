"""Service-auth JWTs (AT Protocol inter-service auth), for Colibri's Bluesky feed generator.

When a Bluesky user opens a custom feed, their PDS signs a short JWT with the user's repo signing key
and the AppView forwards it to the feed generator. We check, in this order: the token parses, it has
not expired (`exp` is required), it is for us (`aud` is our service DID), for this method (`lxm`), and
its signature verifies against the signing key in the issuer's DID document (resolved through the PLC
directory, or `did:web`). Only then is the issuer's DID trusted as "who is asking".

The atproto SDK does the parsing and the signature check (`atproto_server.auth.jwt`); this module keeps
it behind plain functions so Django code never imports the SDK.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from atproto_crypto.consts import P256_JWT_ALG, SECP256K1_JWT_ALG
from atproto_crypto.did import format_did_key
from atproto_identity.did.resolver import DidResolver
from atproto_server.auth.jwt import verify_jwt
from atproto_server.exceptions import (
    TokenDecodeError,
    TokenExpiredSignatureError,
    TokenImmatureSignatureError,
    TokenInvalidAudienceError,
    TokenInvalidIssuedAtError,
    TokenInvalidSignatureError,
)
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

# (did, force_refresh) -> "did:key:..." of the DID's current atproto signing key
KeyResolver = Callable[[str, bool], str]

_CURVE_ORDERS = {
    SECP256K1_JWT_ALG: 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141,
    P256_JWT_ALG: 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
}


class ServiceAuthError(Exception):
    """The request's service-auth JWT is missing or not acceptable; the message says why (for logs)."""


@dataclass(frozen=True, slots=True)
class ServiceAuth:
    did: str  # the requester (issuer), without any #fragment
    aud: str
    lxm: str
    exp: int


def bearer_token(authorization_header: str | None) -> str:
    if not authorization_header:
        raise ServiceAuthError("missing Authorization header")
    scheme, _, token = authorization_header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ServiceAuthError("Authorization is not a Bearer token")
    return token.strip()


def verify_service_jwt(
    token: str,
    *,
    service_did: str,
    lxm: str,
    key_resolver: KeyResolver,
    leeway: int = 5,
) -> ServiceAuth:
    """Verify a service-auth JWT and return who sent it; raise ServiceAuthError otherwise."""
    try:
        unverified = _unverified_claims(token)
    except ValueError as exc:
        raise ServiceAuthError(f"malformed token: {exc}") from exc
    if not isinstance(unverified.get("exp"), int):
        raise ServiceAuthError("token without an integer exp")
    aud = unverified.get("aud")
    # Bluesky addresses the feed generator service either by its DID or by DID#bsky_fg.
    if aud not in (service_did, f"{service_did}#bsky_fg"):
        raise ServiceAuthError(f"wrong audience {aud!r}")
    if unverified.get("lxm") != lxm:
        raise ServiceAuthError(f"token is for method {unverified.get('lxm')!r}, not {lxm!r}")
    try:
        payload = verify_jwt(
            token, lambda iss, force: key_resolver(iss.split("#", 1)[0], force), None, leeway
        )
    except TokenExpiredSignatureError as exc:
        raise ServiceAuthError("token expired") from exc
    except (TokenImmatureSignatureError, TokenInvalidIssuedAtError) as exc:
        raise ServiceAuthError("token issued in the future") from exc
    except TokenInvalidSignatureError as exc:
        raise ServiceAuthError("bad signature") from exc
    except (TokenDecodeError, TokenInvalidAudienceError) as exc:
        raise ServiceAuthError(f"invalid token: {exc}") from exc
    except Exception as exc:  # DID resolution failures, unsupported key types...
        raise ServiceAuthError(f"cannot verify token: {exc.__class__.__name__}: {exc}") from exc
    iss = str(payload.iss or "").split("#", 1)[0]
    if not iss.startswith("did:"):
        raise ServiceAuthError("issuer is not a DID")
    return ServiceAuth(did=iss, aud=str(aud), lxm=lxm, exp=int(payload.exp or 0))


def _b64url_json(segment: str) -> dict[str, object]:
    padded = segment + "=" * (-len(segment) % 4)
    data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    if not isinstance(data, dict):
        raise ValueError("segment is not a JSON object")
    return data


def _unverified_claims(token: str) -> dict[str, object]:
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError("a JWT has three parts")
    return _b64url_json(parts[1])


class CachingKeyResolver:
    """Resolves a DID's signing key through the PLC directory (or did:web), caching it for `ttl` seconds.

    A signature that fails with the cached key is retried once with a fresh lookup (key rotation)."""

    def __init__(self, plc_url: str, *, timeout: float = 3.0, ttl: float = 600.0):
        self._resolver = DidResolver(plc_url=plc_url.rstrip("/"), timeout=timeout)
        self._ttl = ttl
        self._cache: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def __call__(self, did: str, force_refresh: bool) -> str:
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(did)
        if hit and not force_refresh and hit[1] > now:
            return hit[0]
        key = self._resolver.resolve_atproto_key(did, force_refresh)
        with self._lock:
            self._cache[did] = (key, now + self._ttl)
        return key


# --- keys and tokens (tests, and a local feed preview) --------------------------------------------


def did_key_from_public_key(public_key: ec.EllipticCurvePublicKey) -> str:
    """`did:key:z...` for a P-256 or secp256k1 public key, as a DID document publishes it."""
    alg = _alg_for(public_key.curve)
    raw = public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return format_did_key(alg, raw)


def multikey_from_public_key(public_key: ec.EllipticCurvePublicKey) -> str:
    """The `publicKeyMultibase` value of a DID document's `#atproto` verification method."""
    return did_key_from_public_key(public_key).removeprefix("did:key:")


def create_service_jwt(
    private_key: ec.EllipticCurvePrivateKey,
    *,
    iss: str,
    aud: str,
    lxm: str,
    exp: int | None = None,
    iat: int | None = None,
) -> str:
    """Sign a service-auth JWT the way a PDS does (ES256K/ES256, compact low-S signature)."""
    alg = _alg_for(private_key.curve)
    now = int(time.time())
    header = {"typ": "JWT", "alg": alg}
    claims = {
        "iss": iss,
        "aud": aud,
        "lxm": lxm,
        "iat": iat if iat is not None else now,
        "exp": exp or now + 60,
    }
    signing_input = f"{_b64url(json.dumps(header).encode())}.{_b64url(json.dumps(claims).encode())}"
    der = private_key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))
    r, s = decode_dss_signature(der)
    order = _CURVE_ORDERS[alg]
    if s > order // 2:  # atproto rejects high-S signatures (malleability)
        s = order - s
    return f"{signing_input}.{_b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _alg_for(curve: ec.EllipticCurve) -> str:
    if isinstance(curve, ec.SECP256K1):
        return SECP256K1_JWT_ALG
    if isinstance(curve, ec.SECP256R1):
        return P256_JWT_ALG
    raise ValueError(f"unsupported curve {curve.name}")
