"""An admin site on which nothing can be added, changed or deleted, whoever registers the model.

Wrapping at registration covers the admins Django and libraries register themselves (auth's
User and Group above all: through them a coordinator could make anyone a superuser, outside
Colibri's audit trail). Changes go through the dashboard and its actions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest, action_location: Any = None) -> dict[str, Any]:
        return {}  # bulk actions (a library's "run now", "reset") are writes too


class ReadOnlyAdminSite(admin.AdminSite):
    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        base = admin_class or admin.ModelAdmin
        read_only = type(f"ReadOnly{base.__name__}", (ReadOnlyMixin, base), {"__module__": base.__module__})
        super().register(model_or_iterable, read_only, **options)
