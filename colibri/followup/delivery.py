"""How the official account's advice and check-ins reach a seeker: which text, and which channel.

- **Text**: the coordinators' template in the post's language (French first, then the languages of
  `TEMPLATE_LANGUAGES`); the language is the one the network declared for the post (Bluesky
  `langs`, Mastodon `language`, kept in `Post.raw`), else a cheap guess from its words
  (`core.language`). A language without its own text gets the French one.
- **Channel**: a direct message where the network has one (`DIRECT_MESSAGE_NETWORKS`, enabled in
  `COLIBRI_DIRECT_MESSAGES`) and the person follows the official account (its stored audience),
  else a public reply under the request. Either way one outbox row, keyed by what it is about, so
  exactly once whichever channel was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pyroaring import BitMap

from colibri.core.language import declared_language, guess_language
from colibri.networks.base import DIRECT_MESSAGE_NETWORKS
from colibri.relay.models import Audience, Follower, NetworkAccount, OutboxKind, Post

# Languages a coordinator can give their own text (French is the main template).
TEMPLATE_LANGUAGES: dict[str, Any] = {"en": _("English"), "es": _("Spanish")}

DEFAULT_ASKS = {
    "en": (
        "Hello 👋 We shared your request. Have you found a job? Just answer “yes”, “no” or “stop”, "
        "or in one click: {lien} Thank you and good luck!"
    ),
    "es": (
        "Hola 👋 Compartimos su solicitud. ¿Ha encontrado trabajo? Responda «sí», «no» o «stop», "
        "o en un clic: {lien} ¡Gracias y mucho ánimo!"
    ),
}
DEFAULT_ADVICES = {
    "en": "Hello 👋 To help your request travel further: {conseil} A tool to prepare it: {lien}",
    "es": "Hola 👋 Para que su solicitud circule mejor: {conseil} Una herramienta para prepararla: {lien}",
}


def post_language(post: Post) -> str:
    """The post's language: declared by the network, else guessed from its text."""
    raw: dict[str, Any] = post.raw if isinstance(post.raw, dict) else {}
    record = raw.get("record")
    record = record if isinstance(record, dict) else {}
    declared = declared_language(record.get("langs")) or declared_language(raw.get("language"))
    return declared or guess_language(post.text)


def pick_template(french: str, others: dict[str, str] | None, language: str) -> str:
    """The coordinators' text for `language`, or the French one."""
    text = (others or {}).get(language, "") if language != "fr" else ""
    return text.strip() or french


def follows_official(author: NetworkAccount, official: NetworkAccount) -> bool:
    """Does `author` follow the official account, as its last stored follower list says?"""
    audience = Audience.objects.filter(account=official).only("bitmap").first()
    follower = Follower.objects.filter(network=author.network, remote_id=author.remote_id).first()
    if audience is None or follower is None:
        return False
    return follower.pk in BitMap.deserialize(bytes(audience.bitmap))


def direct_messages_enabled(network: str) -> bool:
    return network in DIRECT_MESSAGE_NETWORKS and network in set(settings.COLIBRI_DIRECT_MESSAGES)


@dataclass(frozen=True, slots=True)
class Channel:
    kind: str  # OutboxKind.MESSAGE or OutboxKind.REPLY
    target: str  # whom the message goes to, or the post replied under


def channel_for(post: Post, official: NetworkAccount) -> Channel:
    """A direct message to a follower where the network has them, else a reply under the post."""
    author = post.author
    if direct_messages_enabled(post.network) and follows_official(author, official):
        # Mastodon mentions the person by handle; the Bluesky chat service takes the DID.
        target = author.handle if post.network == "mastodon" else author.remote_id
        if target:
            return Channel(OutboxKind.MESSAGE, target)
    return Channel(OutboxKind.REPLY, post.uri)
