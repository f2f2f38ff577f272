"""Reading members for the coordinators' page and `colibri member list` (one query, whatever the size)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from colibri.relay.models import AssignmentStatus, Member, MemberStatus


def members_queryset(filters: dict[str, Any]) -> QuerySet[Member]:
    """Members with their counts in one query (reposts donated, reach, last activity)."""
    qs = Member.objects.select_related("account", "membership").annotate(
        donated=Count("assignments", filter=Q(assignments__status=AssignmentStatus.DONE)),
        reach=Sum("assignments__reach_added", filter=Q(assignments__status=AssignmentStatus.DONE)),
        last_activity=Max("assignments__done_at"),
    )
    if q := (filters.get("q") or "").strip().lstrip("@"):
        qs = qs.filter(Q(account__handle__icontains=q) | Q(account__display_name__icontains=q))
    status = filters.get("status") or ""
    if status == "pending":
        qs = qs.filter(membership__approved_at__isnull=True, membership__left_at__isnull=True)
    elif status:
        qs = qs.filter(status=status)
        if status == MemberStatus.PAUSED:
            qs = qs.exclude(membership__approved_at__isnull=True, membership__isnull=False)
    if filters.get("mode"):
        qs = qs.filter(mode=filters["mode"])
    if filters.get("network"):
        qs = qs.filter(account__network=filters["network"])
    return qs.order_by("account__handle", "pk")
