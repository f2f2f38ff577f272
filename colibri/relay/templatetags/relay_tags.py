"""Template helpers for the volunteers' dashboard.

Everything here treats its input as hostile (posts and bios are written by anyone on a
network): text is escaped piece by piece *before* any markup is added, and only http(s)
URLs ever become links.
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from colibri.relay import roles
from colibri.relay.models import Category, Network, OutboxKind, OutcomeStatus, RequestStatus, Role
from colibri.relay.outbox.keys import WORKER_NOTES

register = template.Library()

# Stop at whitespace, quotes and angle brackets: none of them can be part of a URL in a post.
_URL_RE = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# Sentence punctuation glued to the end of a URL belongs to the sentence, not to the link.
_TRAILING = ".,;:!?…)]}»"


def _is_web_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


@register.filter
def web_url(value: Any) -> str:
    """The value if it is an http(s) URL, else "" (keeps `javascript:` and friends out of href)."""
    text = str(value or "").strip()
    return text if _is_web_url(text) else ""


@register.filter(needs_autoescape=True)
def post_html(text: Any, autoescape: bool = True) -> SafeString:
    """A post as it looks on the network: line breaks kept, URLs clickable, everything else escaped."""
    raw = str(text or "")
    parts: list[str] = []
    pos = 0
    for match in _URL_RE.finditer(raw):
        url = match.group(0)
        stripped = url.rstrip(_TRAILING)
        # Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
        while url[len(stripped) : len(stripped) + 1] == ")" and stripped.count("(") > stripped.count(")"):
            stripped += ")"
        url = stripped
        parts.append(conditional_escape(raw[pos : match.start()]))
        parts.append(
            format_html('<a href="{}" rel="nofollow noopener noreferrer" target="_blank">{}</a>', url, url)
        )
        pos = match.start() + len(url)
    parts.append(conditional_escape(raw[pos:]))
    html = "".join(str(p) for p in parts)
    # The escaped text contains no raw newline entity, so replacing newlines cannot inject markup.
    html = html.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>\n")
    return mark_safe(html)  # noqa: S308 - every piece above was escaped or built by format_html


@register.filter
def percent(value: Any) -> str:
    try:
        return f"{round(float(value) * 100)} %"
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def role_of(user: Any) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return roles.role_of(user)


# Audit actions written by colibri.relay.actions; an action missing here is shown as its raw name.
AUDIT_LABELS = {
    "request_detected": _("Detected by ingest"),
    "request_triaged": _("Triaged"),
    "request_retriaged": _("Triaged again after an edit"),
    "request_approved": _("Approved"),
    "request_rejected": _("Rejected"),
    "request_marked_not_request": _("Marked as not a request"),
    "request_decision_undone": _("Decision undone"),
    "request_withdrawn": _("Withdrawn"),
    "request_erased": _("Erased"),
    "outcome_recorded": _("Outcome recorded"),
    "post_edited_after_decision": _("Post edited after the decision"),
    "post_deleted_unseen": _("Post deleted before being seen"),
    "seeker_reply_withdrawal": _("The seeker replied to withdraw"),
    "account_opted_out": _("The person asked to stop relays"),
    "account_opt_out_lifted": _("Stop of relays lifted"),
    "account_erased": _("Data of the person erased"),
    "settings_updated": _("Settings updated"),
    "volunteer_created": _("Volunteer created"),
    "role_changed": _("Role changed"),
    # The workers' rows (colibri.relay.outbox, planning, tracking) about this request.
    "outbox.queued": _("Network action queued"),
    "outbox.done": _("Network action done"),
    "outbox.retry": _("Network action failed, another attempt planned"),
    "outbox.failed": _("Network action failed"),
    "outbox.cancelled": _("Network action cancelled"),
    "outbox.deferred": _("Network action postponed"),
    "outbox.reclaimed": _("Network action taken back from a stopped worker"),
    "outbox.retry_requested": _("Another attempt asked"),
    "outbox.withdrawal": _("Reposts undone after the withdrawal"),
    "assignment.skipped": _("Assignment skipped"),
    "assignment.swapped": _("Assignment swapped"),
    "assignment.locked": _("Assignment locked"),
    "assignment.unlocked": _("Assignment unlocked"),
    "engagement.snapshot": _("Engagement measured"),
    # The follow-up's and the advice's rows (colibri.followup, colibri.advice).
    "followup.check_in_queued": _("Check-in queued"),
    "followup.answered": _("Check-in answered"),
    "followup.unclear_answer": _("Unclear answer to a check-in"),
    "followup.hire_announced": _("Hire announced in a new post"),
    "followup.hire_announcement_matched": _("Hire announcement matched to an earlier request"),
    "followup.volunteer_note": _("Volunteer's note on the outcome"),
    "advice.queued": _("Advice queued"),
}


AUDIT_KEYS = {
    "before": _("before"),
    "after": _("after"),
    "reason": _("reason"),
    "why": _("why"),
    "status": _("status"),
    "category": _("category"),
    "machine_category": _("category given by the triage"),
    "confidence": _("confidence"),
    "source": _("source"),
    "changes": _("changes"),
    "username": _("username"),
    "role": _("role"),
    "intent": _("intent"),
    "held": _("held"),
    "handle": _("account"),
    "opted_out_at": _("stop asked on"),
    "note": _("note"),
    "error": _("error"),
    "kind": _("kind"),
    "attempts": _("attempts"),
    "until": _("until"),
    "retry_in_seconds": _("next attempt in (s)"),
    "member": _("member"),
    "network": _("network"),
    "triage_error": _("triage error"),
    "cancelled_assignments": _("assignments cancelled"),
    "cancelled_actions": _("network actions cancelled"),
    "undo_reposts": _("reposts to undo"),
    "decision": _("decision"),
    "decided_by": _("decided by"),
    "decided_at": _("decided on"),
    "restored": _("back to"),
    "machine_eligible": _("eligible according to the triage"),
    "machine_needs_review": _("to check according to the triage"),
}


# Audit details store codes (a status, a category, a role, a network action's kind), not words: shown
# with their label. A key may hold codes of several kinds ("before" is a status or a role).
_KEY_ENUMS: dict[str, tuple[Any, ...]] = {
    "before": (RequestStatus, Role),
    "after": (RequestStatus, Role),
    "status": (RequestStatus, OutcomeStatus),
    "category": (Category,),
    "machine_category": (Category,),
    "restored": (RequestStatus,),
    "role": (Role,),
    "kind": (OutboxKind,),
}
_HELD = {"opted_out": _("the person said stop")}


@register.filter
def audit_value(value: Any, key: str) -> Any:
    """An audit detail as a volunteer reads it: codes as labels, the workers' notes translated.

    Free text (a moderator's reason, a `why` written in the collective's language) is shown as stored."""
    if not isinstance(value, str):
        return value
    for enum in _KEY_ENUMS.get(key, ()):
        if value in enum.values:
            return str(enum(value).label)
    if key == "decision" and value in AUDIT_LABELS:  # an undone decision names its audit action
        return str(AUDIT_LABELS[value])
    if key == "held" and value in _HELD:
        return str(_HELD[value])
    if key in {"note", "reason"} and value in WORKER_NOTES:
        return gettext(value)
    if key == "source":
        return source_words(value)
    return value


def source_words(source: str) -> str:
    """An ingest source key ("replay:stream.jsonl", "bluesky:…") in words."""
    kind, _sep, rest = source.partition(":")
    if kind == "replay":
        return gettext("replayed file « %(name)s »") % {"name": rest}
    if kind in Network.values and kind != Network.REPLAY:
        return gettext("%(network)s stream") % {"network": Network(kind).label}
    return source


@register.filter
def audit_actor(label: str) -> str:
    """Who wrote an audit row when no volunteer did: the programs' names in words."""
    name = str(label or "").partition(":")[0]
    if name == "ingest":
        return gettext("automatic collection")
    if name == "worker":
        return gettext("automatic sending")
    if name in {"system", "scheduler"}:
        return "Colibri"
    return str(label or "—")


# Machine references kept in audit rows for audits and replays; they mean nothing to a volunteer.
_TECHNICAL_KEYS = frozenset(
    {"uri", "cursor", "outbox_id", "repost_id", "repost_action", "idempotency_key", "result_id"}
)


@register.filter
def audit_shown(details: Any) -> list[tuple[str, Any]]:
    """The audit details a volunteer reads (the technical references stay in the row)."""
    if not isinstance(details, dict):
        return []
    return [(key, value) for key, value in details.items() if key not in _TECHNICAL_KEYS]


@register.filter
def audit_key(key: str) -> str:
    label = AUDIT_KEYS.get(key)
    return str(label) if label is not None else key


@register.filter
def audit_label(action: str) -> str:
    label = AUDIT_LABELS.get(action)
    return str(label) if label is not None else action


@register.filter
def role_label(role: str) -> str:
    try:
        return str(Role(role).label)
    except ValueError:
        return role or "—"
