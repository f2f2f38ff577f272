"""The collective's Bluesky account connected with AT Protocol OAuth: it reads like anyone, acts through
the OAuth session.

A coordinator may connect the official account with « Se connecter avec Bluesky » (PAR, PKCE, DPoP)
instead of an app password. Its adapter is what both ingest and dispatch use for the official account:

- **reading** needs no login: the firehose (the relay's `subscribeRepos`), search backfill and profiles
  on the public AppView, other repos' records on the PDS. So this is the app-password adapter
  (`BlueskyNetwork`) without a password: it streams exactly as before and never logs in;
- **acting** (repost, like, reply, post, their undos, the bot self-label) goes through the DPoP-bound
  `OAuthSession` members use, its rotated refresh tokens saved by the caller. The app-password
  adapter's writes are built on a few primitives (`records_client`, `_post_view`, `_create`, `_delete`,
  `_put_record`, `_upload_blob`, `_list_notifications`): only those are replaced here, so idempotence
  (the own repost looked up before creating one) and the bot self-label stay the same code;
- the AppView's `viewer` state (the account's own repost of a post, as the AppView sees it) needs the
  account's AppView session: the own repo's recent records answer instead (`_find_own` reads both);
- direct messages need the chat scope, which Colibri's OAuth client does not ask for: they are refused
  (keep the app password if the collective sends Bluesky direct messages).
"""

from __future__ import annotations

import logging
from typing import Any

from atproto_client import models
from atproto_client.models.utils import get_or_create

from .base import NetworkError
from .bluesky.network import BlueskyNetwork
from .bluesky.records import DEFAULT_APPVIEW, split_uri
from .bluesky_oauth import OAuthSession

logger = logging.getLogger("colibri.networks.bluesky")


class BlueskyOfficialOAuth(BlueskyNetwork):
    """The official account: public reads (firehose, AppView) plus writes through an OAuth session."""

    direct_messages = False  # chat.bsky needs a scope this OAuth client does not request

    def __init__(self, session: OAuthSession, *, handle: str, appview_url: str | None = None, **kwargs: Any):
        # No app password: nothing here can log in; `client` says so if anything tries.
        super().__init__(
            handle, "", service=session.pds, appview_url=appview_url or DEFAULT_APPVIEW, **kwargs
        )
        self.session = session
        self._records_reader: Any = None

    def __repr__(self) -> str:
        return f"BlueskyOfficialOAuth(handle={self.handle!r}, {self.session!r})"  # never the tokens

    @property
    def client(self) -> Any:
        raise NetworkError(
            "bluesky: this account is connected with OAuth (no app-password session)", retry=False, status=401
        )

    @property
    def did(self) -> str:
        return self.session.did

    def me(self) -> str:
        """The account's DID as its PDS says (getSession): proves the tokens still act (« Tester »)."""
        return str(self.session.xrpc("GET", "com.atproto.server.getSession")["did"])

    def _official_did(self) -> str:
        return self.session.did  # known from the connection: the firehose's reply filter needs no look-up

    def _can_act(self) -> bool:
        return True

    # -- the primitives the app-password adapter's writes are built on

    @property
    def records_client(self) -> Any:
        """The PDS without a session: repo records are public (own reposts, a post's record)."""
        if self._records_reader is None:
            self._records_reader = self._new_client(self.session.pds)
        return self._records_reader

    def _post_view(self, uri: str) -> Any:
        # The public AppView: no `viewer` state, the own repo's records tell what this account did.
        response = self._call("getPosts", lambda: self.reader.app.bsky.feed.get_posts({"uris": [uri]}))
        return response.posts[0] if response.posts else None

    def _create(self, action: str, collection: str, record: dict[str, Any]) -> str:
        self._declare_bot_once()
        did = self.did
        self.limiter.take(self.name, did, action)
        created = self.session.xrpc(
            "POST",
            "com.atproto.repo.createRecord",
            {"repo": did, "collection": collection, "record": record},
        )
        return str(created["uri"])

    def _delete(self, action: str, uri: str) -> None:
        did, collection, rkey = split_uri(uri)
        if did != self.did:
            raise NetworkError(f"bluesky: cannot delete {uri}: not ours", retry=False, status=403)
        self.limiter.take(self.name, did, action)
        self.session.xrpc(
            "POST", "com.atproto.repo.deleteRecord", {"repo": did, "collection": collection, "rkey": rkey}
        )

    def _upload_blob(self, image: bytes) -> dict[str, Any]:
        return dict(self.session.xrpc("POST", "com.atproto.repo.uploadBlob", image)["blob"])

    def _list_notifications(self, params: dict[str, Any]) -> Any:
        # The PDS forwards app.bsky.* to its AppView with the account's authority (scope transition:generic).
        found = self.session.xrpc("GET", "app.bsky.notification.listNotifications", params=params)
        return get_or_create(found, models.AppBskyNotificationListNotifications.Response)

    def send_direct_message(self, actor: str, text: str) -> str:
        raise NetworkError(
            "bluesky: direct messages need the official account's app password (OAuth has no chat scope)",
            retry=False,
            status=403,
        )

    def _put_record(self, data: dict[str, Any]) -> None:
        self.session.xrpc("POST", "com.atproto.repo.putRecord", data)

    def _declare_bot_once(self) -> None:
        """The bot self-label, set before the first write (the app-password adapter: at its first login)."""
        if not self.bot or self._bot_declared:
            return
        self._bot_declared = True
        try:
            self.declare_bot()
        except NetworkError as exc:
            # Not worth failing a repost for: the label is tried again by the next process.
            logger.warning("bluesky: could not self-label @%s as a bot: %s", self.handle, exc)
