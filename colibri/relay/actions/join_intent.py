"""A post asking to join the collective gets the join link in reply, and is not triaged.

"Je rejoins le collectif #i4emploi" carries the hashtag, so the stream brings it to the ingest, where
the triage used to read it as a job offer. `do_answer_join_intent` is called by the ingest instead of
creating a request: the official account of the post's network replies once with the link to the join
page (`/rejoindre/`). Without an official account on that network, only the audit row is written.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import audit
from ..models import CollectiveSettings, NetworkAccount, OutboxAction, OutboxKind, Post
from ..outbox.queueing import do_queue_action


def join_reply_text() -> str:
    """The reply, in the collective's language (the caller activates it)."""
    cs = CollectiveSettings.objects.filter(pk=1).first() or CollectiveSettings()
    url = f"{str(settings.SITE_URL).rstrip('/')}{reverse('join')}"
    return _(
        "Thank you! To give reposts with the collective (at most %(max)d a day, stop at any time), "
        "join here: %(url)s"
    ) % {"max": int(cs.member_daily_budget), "url": url}


@transaction.atomic
def do_answer_join_intent(post: Post, *, phrase: str, actor_label: str = "ingest") -> OutboxAction | None:
    """Queue the official account's reply with the join link (once per post); None without one."""
    official = NetworkAccount.objects.filter(
        network=post.network, is_official=True, erased_at__isnull=True
    ).first()
    audit.record("join_intent", label=actor_label, uri=post.uri, phrase=phrase, answered=official is not None)
    if official is None:
        return None
    action, _created = do_queue_action(
        kind=OutboxKind.REPLY,
        account=official,
        target_uri=post.uri,
        payload={"text": join_reply_text(), "role": "join_link"},
        idempotency_key=f"join-reply:{post.uri}",
        actor_label=actor_label,
    )
    return action
