"""What Colibri holds about one member, as JSON (the "download my data" of `/moi/`): no secret.

The credentials are reported as present or not, never decrypted."""

from __future__ import annotations

from typing import Any

from colibri.relay.models import Assignment, EngagementSnapshot, Member, OutboxAction

from .models import Consent, Membership


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def member_data(member: Member) -> dict[str, Any]:
    account = member.account
    ms = Membership.objects.filter(member=member).first()
    return {
        "account": {
            "network": account.network,
            "id": account.remote_id,
            "handle": account.handle,
            "display_name": account.display_name,
            "followers_count": account.followers_count,
            "consented_at": _iso(account.consented_at),
        },
        "login": {
            "username": member.user.get_username() if member.user else None,
            "email": member.user.email if member.user else None,
        },
        "membership": {
            "status": member.status,
            "mode": member.mode,
            "daily_budget": member.daily_budget,
            "weekly_budget": member.weekly_budget,
            "regions": member.regions,
            "job_families": member.job_families,
            "quiet_hours": [_iso(member.quiet_start), _iso(member.quiet_end)],
            "opted_in_at": _iso(member.opted_in_at),
            "credentials_stored": bool(member.credentials),
            "joined_via": ms.joined_via if ms else None,
            "joined_at": _iso(ms.joined_at) if ms else None,
            "approved_at": _iso(ms.approved_at) if ms else None,
            "paused_until": _iso(ms.paused_until) if ms else None,
            "left_at": _iso(ms.left_at) if ms else None,
            "personal_feed": ms.wants_feed if ms else False,
        },
        "consents": [
            {
                "scope": c.scope,
                "text": c.text,
                "channel": c.channel,
                "given_at": _iso(c.given_at),
                "revoked_at": _iso(c.revoked_at),
            }
            for c in Consent.objects.filter(member=member)
        ],
        "assignments": [
            {
                "request": a.request_id,
                "post": a.request.post.url or a.request.post.uri,
                "slot": _iso(a.slot_start),
                "status": a.status,
                "reach_added": a.reach_added,
                "explanation": a.explanation,
            }
            for a in Assignment.objects.filter(member=member)
            .select_related("request__post")
            .order_by("slot_start", "id")
        ],
        "actions_on_my_behalf": [
            {
                "kind": o.kind,
                "target": o.target_uri,
                "status": o.status,
                "result": o.result_id,
                "done_at": _iso(o.done_at),
            }
            for o in OutboxAction.objects.filter(account=account, payload__role="member").order_by("id")
        ],
    }


def donated(member: Member, limit: int = 100) -> list[dict[str, Any]]:
    """The member's done reposts, newest first, each with the request's last measured engagement."""
    rows = list(
        Assignment.objects.filter(member=member, status="done")
        .select_related("request__post__author")
        .order_by("-done_at", "-slot_start")[:limit]
    )
    last: dict[int, EngagementSnapshot] = {}
    for snap in EngagementSnapshot.objects.filter(request_id__in=[a.request_id for a in rows]).order_by(
        "taken_at", "id"
    ):
        last[snap.request_id] = snap  # ascending: the last one wins
    return [{"assignment": a, "snapshot": last.get(a.request_id)} for a in rows]
