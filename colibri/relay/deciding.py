"""One decision named as the dashboard sends it ("approve", "reject:<template>", "not_request").

Shared by the request page / queue (`views.decide`) and the console's bulk decisions, so a
decision typed in either place goes through the same action with the same checks.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from colibri.relay.actions.decisions import do_approve_request, do_mark_not_request, do_reject_request
from colibri.relay.forms import NOT_REQUEST_CATEGORIES, reject_reason
from colibri.relay.models import Category, Request


def default_not_request_category(req: Request) -> str:
    """The machine's category when it already says "not a request", else "other"."""
    if req.category and req.category != Category.SEEKER_REQUEST:
        return req.category
    return Category.OTHER


def apply_decision(req: Request, decision: str, *, actor: Any, detail: str = "", category: str = "") -> str:
    """Carry out one decision; returns what the status line says ("#2 @mathieu approuvée").

    Raises ValueError for a malformed decision and `ActionError` (relay.actions.base) when the request
    cannot take it (already decided, withdrawn meanwhile, person opted out).
    """
    if decision == "approve":
        do_approve_request(req, actor=actor)
        done = pgettext("request decided", "approved")
    elif decision.startswith("reject:"):
        reason = reject_reason(decision.removeprefix("reject:"), detail, list(req.feedback or []))
        do_reject_request(req, actor=actor, reason=reason)
        done = pgettext("request decided", "rejected")
    elif decision == "not_request":
        category = category or default_not_request_category(req)
        if category not in {value for value, _label in NOT_REQUEST_CATEGORIES}:
            raise ValueError(_("Unknown category."))
        do_mark_not_request(req, actor=actor, category=category, reason=detail.strip())
        done = pgettext("request decided", "marked as not a request")
    else:
        raise ValueError(_("Unknown decision."))
    return f"{named(req)} {done}."


def named(req: Request) -> str:
    """How messages name a request: "#2 @mathieu"."""
    return f"#{req.pk} @{req.post.author.handle}"
