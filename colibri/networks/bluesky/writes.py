"""Writes on the account's PDS (`com.atproto.repo.*`): repost, like, reply, post, their undos, and
direct messages. Each write is idempotent: the existing repost/like is looked up (own repo's recent
records, then the AppView's `viewer` state, confirmed on the repo) before anything is created.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from typing import Any

from atproto_client import models
from atproto_client.utils import facet_detection

from ..base import NetworkError
from .records import (
    LIKE,
    POST,
    REPOST,
    image_size,
    split_uri,
)
from .session import BlueskySession

logger = logging.getLogger("colibri.networks.bluesky")


class BlueskyWrites(BlueskySession):
    """Idempotent writes as the logged-in account."""

    direct_messages = True  # chat.bsky.convo through the PDS's chat proxy (none on the local network)

    def _list_records(self, collection: str, pages: int) -> Iterator[Any]:
        """This account's records in `collection`, newest first, at most `pages` pages of 100."""
        did = self.did
        cursor: str | None = None
        for _ in range(pages):
            params: dict[str, Any] = {"repo": did, "collection": collection, "limit": 100}
            if cursor:
                params["cursor"] = cursor
            list_records = self.records_client.com.atproto.repo.list_records
            response = self._call("listRecords", partial(list_records, params))
            yield from response.records
            cursor = response.cursor
            if not cursor or not response.records:
                break

    def _own_records(self, collection: str, subject_uri: str, pages: int = 3) -> list[str]:
        """This account's recent `collection` records whose subject is `subject_uri` (newest first)."""
        found: list[str] = []
        for rec in self._list_records(collection, pages):
            value = rec.value if isinstance(rec.value, dict) else models.get_model_as_dict(rec.value)
            subject = value.get("subject") or {}
            if isinstance(subject, dict) and subject.get("uri") == subject_uri:
                found.append(rec.uri)
        return found

    def _find_own(self, collection: str, uri: str, cache: dict[str, str], viewer_field: str) -> list[str]:
        """Our records in `collection` pointing at `uri`: cache, recent repo records, AppView viewer."""
        found: list[str] = []
        cached = cache.get(uri)
        if cached and self._get_record(cached) is not None:
            found.append(cached)
        found.extend(u for u in self._own_records(collection, uri) if u not in found)
        if not found:
            view = self._post_view(uri)
            candidate = (
                getattr(getattr(view, "viewer", None), viewer_field, None) if view is not None else None
            )
            # The AppView lags deletions too: believe it only if the record is still in our repo.
            if candidate and self._get_record(candidate) is not None:
                found.append(candidate)
        return found

    def _create(self, action: str, collection: str, record: dict[str, Any]) -> str:
        did = self.did
        self.limiter.take(self.name, did, action)
        response = self._call(
            f"createRecord {collection}",
            lambda: self.client.com.atproto.repo.create_record(
                {"repo": did, "collection": collection, "record": record}
            ),
        )
        return str(response.uri)

    def _delete(self, action: str, uri: str) -> None:
        did, collection, rkey = split_uri(uri)
        if did != self.did:
            raise NetworkError(f"bluesky: cannot delete {uri}: not ours", retry=False, status=403)
        self.limiter.take(self.name, did, action)
        self._call(
            f"deleteRecord {collection}",
            lambda: self.client.com.atproto.repo.delete_record(
                {"repo": did, "collection": collection, "rkey": rkey}
            ),
        )

    def _now(self) -> str:
        return datetime.now(UTC).isoformat().replace("+00:00", "Z")

    def find_repost(self, uri: str) -> str | None:
        found = self._find_own(REPOST, uri, self._reposts, "repost")
        if found:
            self._reposts[uri] = found[0]
        return found[0] if found else None

    def repost(self, uri: str) -> str:
        split_uri(uri)
        existing = self.find_repost(uri)
        if existing:
            return existing
        cid, _ = self._strong_ref(uri)
        created = self._create(
            "repost", REPOST, {"$type": REPOST, "subject": {"uri": uri, "cid": cid}, "createdAt": self._now()}
        )
        self._reposts[uri] = created
        return created

    def undo_repost(self, uri: str) -> None:
        split_uri(uri)
        for repost_uri in self._find_own(REPOST, uri, self._reposts, "repost"):
            self._delete("undo_repost", repost_uri)
        self._reposts.pop(uri, None)

    def like(self, uri: str) -> str:
        split_uri(uri)
        found = self._find_own(LIKE, uri, self._likes, "like")
        if found:
            self._likes[uri] = found[0]
            return found[0]
        cid, _ = self._strong_ref(uri)
        created = self._create(
            "like", LIKE, {"$type": LIKE, "subject": {"uri": uri, "cid": cid}, "createdAt": self._now()}
        )
        self._likes[uri] = created
        return created

    def unlike(self, uri: str) -> None:
        for like_uri in self._find_own(LIKE, uri, self._likes, "like"):
            self._delete("delete", like_uri)
        self._likes.pop(uri, None)

    def _facets(self, text: str) -> list[dict[str, Any]]:
        return [models.get_model_as_dict(f) for f in facet_detection.detect_facets(text)]

    def reply(self, uri: str, text: str) -> str:
        cid, record = self._strong_ref(uri)
        parent = {"uri": uri, "cid": cid}
        root = (record.get("reply") or {}).get("root") or parent
        post: dict[str, Any] = {
            "$type": POST,
            "text": text,
            "createdAt": self._now(),
            "reply": {"root": root, "parent": parent},
            "langs": ["fr"],
        }
        if facets := self._facets(text):
            post["facets"] = facets
        return self._create("reply", POST, post)

    def post(self, text: str, image: bytes | None = None, alt: str = "") -> str:
        record: dict[str, Any] = {"$type": POST, "text": text, "createdAt": self._now(), "langs": ["fr"]}
        if facets := self._facets(text):
            record["facets"] = facets
        if image is not None:
            entry: dict[str, Any] = {"alt": alt, "image": self._upload_blob(image)}
            if size := image_size(image):
                entry["aspectRatio"] = {"width": size[0], "height": size[1]}
            record["embed"] = {"$type": "app.bsky.embed.images", "images": [entry]}
        return self._create("post", POST, record)

    def _upload_blob(self, image: bytes) -> dict[str, Any]:
        """The blob reference of an uploaded image, for a record's embed."""
        uploaded = self._call("uploadBlob", lambda: self.client.com.atproto.repo.upload_blob(image))
        return dict(models.get_model_as_dict(uploaded.blob))

    def delete_post(self, uri: str) -> None:
        self._delete("delete", uri)

    def send_direct_message(self, actor: str, text: str) -> str:
        """Send a DM through the Bluesky chat service (not available on the local dev-env network)."""
        chat = self.client.with_bsky_chat_proxy()
        did = actor if actor.startswith("did:") else self.get_profile(actor).id
        convo = self._call(
            "getConvoForMembers", lambda: chat.chat.bsky.convo.get_convo_for_members({"members": [did]})
        ).convo
        self.limiter.take(self.name, self.did, "create")
        sent = self._call(
            "sendMessage",
            lambda: chat.chat.bsky.convo.send_message({"convo_id": convo.id, "message": {"text": text}}),
        )
        return str(sent.id)
