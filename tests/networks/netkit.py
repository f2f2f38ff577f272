"""Helpers for the network adapter tests: the local AT Protocol network, accounts, payloads, polling."""

from __future__ import annotations

import json
import os
import re
import secrets
import string
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

import pytest

PAYLOADS = Path(__file__).resolve().parent / "payloads"
REPO = Path(__file__).resolve().parents[2]

T = TypeVar("T")


def load_payload(name: str) -> Any:
    return json.loads((PAYLOADS / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class AtprotoNet:
    pds_url: str
    appview_url: str
    plc_url: str


def net_from_env() -> AtprotoNet | None:
    env = dict(os.environ)
    env_file = REPO / "var" / "atproto-net.env"
    if not env.get("ATPROTO_PDS_URL") and env_file.exists() and os.environ.get("CI", "").lower() != "true":
        # Locally, a network started by hand with `scripts/atproto-net start` is picked up.
        for line in env_file.read_text().splitlines():
            key, _, value = line.removeprefix("export ").partition("=")
            env.setdefault(key, value)
    if not env.get("ATPROTO_PDS_URL") or not env.get("ATPROTO_APPVIEW_URL"):
        return None
    return AtprotoNet(env["ATPROTO_PDS_URL"], env["ATPROTO_APPVIEW_URL"], env.get("ATPROTO_PLC_URL", ""))


def require_atproto_net() -> AtprotoNet:
    net = net_from_env()
    if net is None:
        reason = "ATPROTO_PDS_URL is not set: no local AT Protocol network (run scripts/atproto-net start)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason + " — under CI the atproto tests must run")
        pytest.skip(reason)
    import httpx

    try:
        httpx.get(f"{net.pds_url}/xrpc/_health", timeout=5).raise_for_status()
    except httpx.HTTPError as exc:
        message = f"the local AT Protocol network at {net.pds_url} does not answer: {exc}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return net


def wait_for[T](
    what: str,
    check: Callable[[], T | None],
    timeout: float = 15.0,
    interval: float = 0.05,
    tolerate: tuple[type[BaseException], ...] = (),
) -> T:
    """Poll `check` until it returns something truthy; fail with `what` after `timeout` seconds.

    `tolerate`: exceptions that only mean "not yet" (the AppView indexes asynchronously, so a post
    just written on the PDS can be "not found" there for a moment); they are retried, and the last
    one is shown if the wait times out.
    """
    deadline = time.monotonic() + timeout
    last: Any = None
    while True:
        try:
            last = check()
        except tolerate as exc:
            last = exc
            if time.monotonic() >= deadline:
                raise
            time.sleep(interval)
            continue
        if last:
            return last
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what} (last: {last!r})")
        time.sleep(interval)


def appview_indexing_errors(limit: int = 5) -> list[str]:
    """The AppView's own indexing errors, from the network's log (scripts/atproto-net logs at warn level).

    The AppView indexes the PDS's firehose on its own; an event it fails to index is logged there and never
    retried, so a test that waits in vain for the AppView says whether this happened (and why) instead of
    only "timed out".
    """
    log = REPO / "var" / "atproto-net.log"
    if not log.exists():
        return []
    found: list[str] = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if (
            '"error in subscription"' in line
            or "FirehoseHandlerError" in line
            or "FirehoseParseError" in line
        ):
            try:
                entry = json.loads(line)
            except ValueError:
                found.append(line[:300])
                continue
            err = entry.get("err") or {}
            found.append(f"{entry.get('msg')}: {str(err.get('message', err))[:240]}")
    return found[-limit:]


def unique_name(prefix: str) -> str:
    """A handle name of <= 18 characters, unique per run (the network may be shared between runs)."""
    suffix = "".join(secrets.choice(string.ascii_lowercase + string.digits) for _ in range(8))
    return f"{prefix[:9]}{suffix}"


@dataclass
class NetAccount:
    handle: str
    did: str
    password: str
    app_password: str
    client: Any = field(repr=False)


def create_account(net: AtprotoNet, prefix: str, *, bio: str = "", display_name: str = "") -> NetAccount:
    """A fresh account with a profile record and an app password (what Colibri is given)."""
    from atproto import Client

    handle = f"{unique_name(prefix)}.test"
    password = secrets.token_urlsafe(12)
    client = Client(base_url=net.pds_url)
    created = client.com.atproto.server.create_account(
        {"handle": handle, "email": f"{handle}@example.test", "password": password}
    )
    client.login(handle, password, fetch_bsky_profile=False)
    if bio or display_name:
        client.com.atproto.repo.put_record(
            {
                "repo": created.did,
                "collection": "app.bsky.actor.profile",
                "rkey": "self",
                "record": {
                    "$type": "app.bsky.actor.profile",
                    "description": bio,
                    "displayName": display_name,
                    # What the Bluesky app writes at sign-up; the AppView's profile shows it as createdAt.
                    "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                },
            }
        )
    app_password = client.com.atproto.server.create_app_password({"name": "colibri"}).password
    return NetAccount(handle, created.did, password, app_password, client)


def post_text(account: NetAccount, text: str) -> str:
    """A plain text post by `account` (no image, no langs); its at:// URI."""
    from datetime import UTC, datetime

    created = account.client.com.atproto.repo.create_record(
        {
            "repo": account.did,
            "collection": "app.bsky.feed.post",
            "record": {
                "$type": "app.bsky.feed.post",
                "text": text,
                "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            },
        }
    )
    return str(created.uri)


def png_bytes(width: int = 120, height: int = 80) -> bytes:
    from PIL import Image

    buf = BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(buf, format="PNG")
    return buf.getvalue()


class FakeHTTP:
    """The one outbound HTTP function, faked: a `requests` transport adapter answering from payloads.

    Routes are (method, path regex); each `add()` queues one answer and the last one of a route
    repeats. Every request is recorded in `calls` (method, url, params, body) for assertions."""

    def __init__(self) -> None:
        import requests.adapters

        self._routes: list[tuple[str, re.Pattern[str], list[dict[str, Any]]]] = []
        self.calls: list[dict[str, Any]] = []
        outer = self

        class _Adapter(requests.adapters.BaseAdapter):
            def send(self, request: Any, **kwargs: Any) -> Any:
                return outer._answer(request)

            def close(self) -> None:
                pass

        self.adapter = _Adapter()

    def add(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        payload: str | None = None,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> FakeHTTP:
        body = load_payload(payload) if payload else json_body
        answer = {"status": status, "body": body, "headers": headers or {}}
        for m, pattern, answers in self._routes:
            if m == method and pattern.pattern == path:
                answers[:] = [a for a in answers if not a.get("served")]  # a repeated last answer is used up
                answers.append(answer)
                return self
        self._routes.append((method, re.compile(path), [answer]))
        return self

    def session(self) -> Any:
        import requests

        session = requests.Session()
        session.mount("https://", self.adapter)
        session.mount("http://", self.adapter)
        return session

    def _answer(self, request: Any) -> Any:
        from urllib.parse import parse_qs, urlsplit

        import requests

        parts = urlsplit(request.url)
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", errors="replace")  # multipart bodies carry binary parts
        self.calls.append(
            {
                "method": request.method,
                "url": request.url,
                "path": parts.path,
                "params": parse_qs(parts.query),
                "body": body,
                "headers": dict(request.headers),
            }
        )
        for method, pattern, answers in self._routes:
            if method == request.method and pattern.fullmatch(parts.path):
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                answer["served"] = True
                break
        else:
            answer = {
                "status": 404,
                "body": {"error": f"no fake route for {request.method} {parts.path}"},
                "headers": {},
            }
        response = requests.Response()
        response.status_code = answer["status"]
        response.reason = {200: "OK", 401: "Unauthorized", 404: "Not Found", 429: "Too Many Requests"}.get(
            answer["status"], "Error"
        )
        response._content = json.dumps(answer["body"]).encode("utf-8") if answer["body"] is not None else b""
        response.headers.update({"Content-Type": "application/json; charset=utf-8", **answer["headers"]})
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response


def record_done_action(kind: str, *, account: Any, request: Any, target_uri: str, result_id: str) -> Any:
    """An outbox action the official account already carried out, recorded as dispatch records it
    (`reply:<pk>` / `repost:<pk>` keys): what a seeker's later answer or a deletion is matched against."""
    from colibri.relay.models import OutboxAction, OutboxStatus

    return OutboxAction.objects.create(
        kind=kind,
        network=account.network,
        account=account,
        request=request,
        target_uri=target_uri,
        idempotency_key=f"{kind}:{request.pk}",
        status=OutboxStatus.DONE,
        result_id=result_id,
    )
