"""Dashboard roles: coordinator ⊇ moderator ⊇ member.

`role_of(user)` is the only place that decides a user's role; views use
`@role_required("moderator")` (functions) or `RoleRequiredMixin` (classes).
Anonymous users are sent to the login page; a logged-in user whose role is too
low gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from .models import Profile, Role

COORDINATOR = Role.COORDINATOR.value
MODERATOR = Role.MODERATOR.value
MEMBER = Role.MEMBER.value

# Higher rank includes every permission of the lower ones.
RANK = {MEMBER: 1, MODERATOR: 2, COORDINATOR: 3}

F = TypeVar("F", bound=Callable[..., HttpResponse])


def role_of(user: Any) -> str:
    """The user's role, or "" for anonymous/inactive users.

    A superuser without a profile (made with `createsuperuser`) is a coordinator;
    any other account without a profile is a member. Cached on the user object.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return ""
    cached = getattr(user, "_colibri_role", None)
    if cached is not None:
        return str(cached)
    try:
        role = str(user.profile.role)
    except Profile.DoesNotExist:
        role = COORDINATOR if user.is_superuser else MEMBER
    user._colibri_role = role
    return role


def has_role(user: Any, role: str) -> bool:
    """True if the user's role includes `role` (coordinator ⊇ moderator ⊇ member)."""
    if role not in RANK:
        raise ValueError(f"unknown role {role!r}")
    return RANK.get(role_of(user), 0) >= RANK[role]


def can_review(user: Any) -> bool:
    """Review queue, decisions, request pages, relaying."""
    return has_role(user, MODERATOR)


def can_configure(user: Any) -> bool:
    """Collective settings and volunteer accounts."""
    return has_role(user, COORDINATOR)


def role_required(role: str) -> Callable[[F], F]:
    """View decorator: login redirect for anonymous users, 403 below `role`."""
    if role not in RANK:
        raise ValueError(f"unknown role {role!r}")

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, role):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


class RoleRequiredMixin:
    """Class-based view equivalent of `role_required`: set `required_role`."""

    required_role: str = MEMBER

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_role(request.user, self.required_role):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
