"""A person's data as JSON (GDPR right of access): everything Colibri holds about one network account.

`do_export_account` is the action (an audit row says who exported whose data, without the data);
`colibri privacy export` and the coordinators' button on a request's page both call it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.db import transaction

from colibri.relay import audit
from colibri.relay.models import AuditLog, Member, Outcome, Post, Request

FORMAT = "colibri.person-export.v1"
ACCOUNT_FIELDS = (
    "network", "remote_id", "handle", "display_name", "bio", "followers_count", "is_seeker", "is_member",
    "consented_at", "opted_out_at", "created_at", "updated_at", "erased_at",
)  # fmt: skip
POST_FIELDS = (
    "uri", "url", "text", "posted_at", "received_at", "has_image", "image_alt", "image_urls", "links",
    "edited_at", "deleted_at",
)  # fmt: skip
REQUEST_FIELDS = (
    "status", "category", "eligible", "job_title", "rome_code", "rome_label", "commune", "departement",
    "region", "remote", "contracts", "profile_link", "reasons", "feedback", "created_at", "decided_at",
    "decision_reason", "relayed_at", "outcome", "outcome_at", "erased_at",
)  # fmt: skip
MEMBER_FIELDS = (
    "status", "mode", "daily_budget", "weekly_budget", "regions", "job_families", "quiet_start", "quiet_end",
    "opted_in_at", "created_at",
)  # fmt: skip


def _value(v: Any) -> Any:
    if isinstance(v, datetime | date | time):
        return v.isoformat()
    return v


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _value(getattr(obj, name)) for name in names}


def person_data(account: Any) -> dict[str, Any]:
    """Everything stored about `account`: profile, posts, requests and their history, member data."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "account": _fields(account, ACCOUNT_FIELDS),
        "posts": [],
        "requests": [],
        "member": None,
    }
    for post in Post.objects.filter(author=account).order_by("pk"):
        data["posts"].append(_fields(post, POST_FIELDS))
    requests = Request.objects.filter(post__author=account).select_related("post").order_by("pk")
    for r in requests:
        entry = _fields(r, REQUEST_FIELDS)
        entry["post_uri"] = r.post.uri
        entry["history"] = [
            {"at": _value(row.created_at), "action": row.action, "by": row.actor_label}
            for row in AuditLog.objects.filter(request=r).order_by("created_at", "pk")
        ]
        entry["outcomes"] = [
            _fields(o, ("status", "source", "reported_at")) for o in Outcome.objects.filter(request=r)
        ]
        data["requests"].append(entry)
    member = Member.objects.filter(account=account).first()
    if member is not None:
        data["member"] = _fields(member, MEMBER_FIELDS)
        # The stored network credential is never exported (nor shown): the person holds it already.
        data["member"]["has_stored_credential"] = member.credentials is not None
    return data


@transaction.atomic
def do_export_account(account: Any, *, actor: Any, channel: str) -> dict[str, Any]:
    """The person's data; the audit row records the export (who, how), never the data exported."""
    data = person_data(account)
    audit.record(
        "account_exported", actor=actor, account=account.pk, network=account.network, channel=channel
    )
    return data
