"""Django admin for coordinators: a read-mostly view of the data.

Changes go through the dashboard (and so through the actions, with their audit
rows); the admin is for looking things up, so most models are read-only here and
the audit log can never be edited or deleted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Assignment,
    AuditLog,
    CollectiveSettings,
    EngagementSnapshot,
    IngestCursor,
    Member,
    NetworkAccount,
    OutboxAction,
    Outcome,
    Post,
    Profile,
    Request,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Request)
class RequestAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "status",
        "category",
        "job_title",
        "region",
        "confidence",
        "created_at",
        "decided_at",
    )
    list_filter = ("status", "category", "region", "eligible", "needs_review")
    search_fields = ("job_title", "post__text", "post__author__handle")
    list_select_related = ("post",)
    date_hierarchy = "created_at"


@admin.register(Post)
class PostAdmin(ReadOnlyAdmin):
    list_display = ("uri", "network", "author", "posted_at", "deleted_at")
    list_filter = ("network", "has_image")
    search_fields = ("uri", "text", "author__handle")
    list_select_related = ("author",)


@admin.register(NetworkAccount)
class NetworkAccountAdmin(ReadOnlyAdmin):
    list_display = (
        "handle",
        "network",
        "followers_count",
        "is_seeker",
        "is_member",
        "is_official",
        "erased_at",
    )
    list_filter = ("network", "is_seeker", "is_member", "is_official")
    search_fields = ("handle", "display_name", "remote_id")


@admin.register(AuditLog)
class AuditLogAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor_label", "action", "request")
    list_filter = ("action", "actor_label")
    search_fields = ("action", "actor_label")
    date_hierarchy = "created_at"


@admin.register(OutboxAction)
class OutboxActionAdmin(ReadOnlyAdmin):
    list_display = ("id", "kind", "network", "account", "status", "attempts", "not_before", "done_at")
    list_filter = ("kind", "status", "network")
    list_select_related = ("account",)


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("id", "request", "member", "slot_start", "status", "locked")
    list_filter = ("status", "locked")


@admin.register(Member)
class MemberAdmin(ReadOnlyAdmin):
    list_display = ("account", "status", "mode", "daily_budget", "opted_in_at")
    list_filter = ("status", "mode")
    list_select_related = ("account",)


@admin.register(EngagementSnapshot)
class EngagementSnapshotAdmin(ReadOnlyAdmin):
    list_display = ("request", "taken_at", "reposts", "likes", "reach_estimate")


@admin.register(Outcome)
class OutcomeAdmin(ReadOnlyAdmin):
    list_display = ("request", "status", "source", "reported_at")
    list_filter = ("status", "source")


@admin.register(IngestCursor)
class IngestCursorAdmin(ReadOnlyAdmin):
    list_display = ("source", "cursor", "updated_at")


@admin.register(Profile)
class ProfileAdmin(ReadOnlyAdmin):
    list_display = ("user", "role")
    list_filter = ("role",)


@admin.register(CollectiveSettings)
class CollectiveSettingsAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "seeker_hashtag", "member_hashtag", "updated_at")
