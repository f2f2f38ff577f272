"""Dashboard accounts of the collective's volunteers and their roles."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from .. import audit
from ..models import Profile, Role
from ..roles import role_of
from .base import ActionError


def _apply_role_flags(user: Any, role: str) -> None:
    # Coordinators also get the Django admin (their "everything"); nobody else does.
    user.is_staff = role == Role.COORDINATOR
    user.is_superuser = role == Role.COORDINATOR


USERNAME_RE = re.compile(r"[\w.@+-]+")


def generate_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def do_create_volunteer(
    *, username: str, email: str = "", role: str, password: str | None = None, actor: Any = None
) -> tuple[Any, str]:
    """Create a dashboard account; returns (user, password), the password to show once (stored hashed)."""
    if role not in Role.values:
        raise ActionError(_("Unknown role: %(role)s.") % {"role": role})
    username = username.strip()
    if not username:
        raise ActionError(_("A username is required."))
    # The login form's rules (Django's validator): letters, digits and @ . + - _, no space, 150 at most.
    if len(username) > 150 or not USERNAME_RE.fullmatch(username):
        raise ActionError(
            _("Invalid username “%(username)s”: letters, digits and @ . + - _ only, without spaces.")
            % {"username": username[:60]}
        )
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise ActionError(_("The username “%(username)s” is already taken.") % {"username": username})
    password = password or generate_password()
    user = user_model(username=username, email=email.strip())
    user.set_password(password)
    _apply_role_flags(user, role)
    user.save()
    Profile.objects.create(user=user, role=role)
    audit.record("volunteer_created", actor=actor, username=username, role=role)
    return user, password


@transaction.atomic
def do_set_role(user: Any, *, role: str, actor: Any) -> None:
    if role not in Role.values:
        raise ActionError(_("Unknown role: %(role)s.") % {"role": role})
    # A superuser made with `createsuperuser` has no profile yet: it starts from the role it has now.
    profile, _created = Profile.objects.select_for_update().get_or_create(
        user=user, defaults={"role": role_of(user) or Role.MEMBER}
    )
    before = profile.role
    if before == role:
        return
    if before == Role.COORDINATOR:
        remaining = Profile.objects.filter(role=Role.COORDINATOR, user__is_active=True).exclude(pk=profile.pk)
        if not remaining.exists():
            raise ActionError(_("At least one coordinator must remain."))
    profile.role = role
    profile.save()
    _apply_role_flags(user, role)
    user.save(update_fields=["is_staff", "is_superuser"])
    # The caller's user object may hold the old profile and role in its caches.
    user.profile = profile
    if hasattr(user, "_colibri_role"):
        del user._colibri_role
    audit.record("role_changed", actor=actor, username=user.get_username(), before=before, after=role)
