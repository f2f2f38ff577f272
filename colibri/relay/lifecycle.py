"""A request's lifecycle, in one place: its statuses, the named sets of them, the allowed moves.

DESIGN.md: detected → triaged (eligible | ineligible | needs_review) → approved | rejected →
scheduled → relayed → amplified → followed_up → outcome → erased; "stop" or a deleted post
withdraws it. Every module that asks "may this request still be…?" reads a set from here
instead of spelling its own list (they used to drift: two sets once had the same name), and every
status write goes through `move()` or filters its UPDATE on `sources()`, so a request can only
travel along `TRANSITIONS`.
"""

from __future__ import annotations

from typing import Any

from .models import RequestStatus

S = RequestStatus

# Waiting for a human decision (the machine's verdict may still change: a retriage, an edit).
OPEN_STATUSES = frozenset({S.DETECTED, S.ELIGIBLE, S.INELIGIBLE, S.NEEDS_REVIEW})

# What the review queue lists: triaged and waiting for a decision (a `detected` request has no
# verdict yet; the worker triages it first). In the order of the queue's status filter.
AWAITING_STATUSES = (S.NEEDS_REVIEW, S.ELIGIBLE, S.INELIGIBLE)

# Still being relayed: the official account and members may act on it, the feeds list it.
LIVE_STATUSES = (S.APPROVED, S.SCHEDULED, S.RELAYED, S.AMPLIFIED)

# Nothing happens to the request any more (only undos of what was done).
CLOSED_STATUSES = (S.WITHDRAWN, S.ERASED)

# The dispatcher carries out nothing more for it (a rejected request was never to be relayed).
STOPPED_STATUSES = frozenset({S.WITHDRAWN, S.ERASED, S.REJECTED})

# Member reposts may still be planned for it: approved, scheduled for the official repost, or relayed
# by it. Amplified ones got their member reposts; later statuses have left the relay.
PLANNABLE_STATUSES = (S.APPROVED, S.SCHEDULED, S.RELAYED)

# Its engagement is worth measuring: something of it reached a network.
TRACKED_STATUSES = (S.RELAYED, S.AMPLIFIED, S.FOLLOWED_UP, S.OUTCOME)

# Published and still standing: the follow-up may ask the seeker what became of them (`followed_up`
# once a check-in is queued; an outcome, "stop" or erasure ends the asking).
FOLLOWABLE_STATUSES = (S.RELAYED, S.AMPLIFIED, S.FOLLOWED_UP)

# A decision led here while nothing of it was published yet (`scheduled`: the official repost has a
# slot, the request still waits for it): the decision may be undone.
UNDOABLE_STATUSES = frozenset({S.APPROVED, S.SCHEDULED, S.REJECTED})

# Only reached once something went out on a network: undoing the decision is no longer possible.
PUBLISHED_STATUSES = frozenset({S.RELAYED, S.AMPLIFIED, S.FOLLOWED_UP, S.OUTCOME})

# May still be relayed, or waits to be: a seeker's "stop" withdraws all of these.
WITHDRAWABLE_STATUSES = frozenset(OPEN_STATUSES | set(LIVE_STATUSES) | {S.FOLLOWED_UP})

# A new request starts with the machine's verdict (or `detected` when triage is deferred or failed).
INITIAL_STATUSES = OPEN_STATUSES

_ENDINGS = {S.OUTCOME, S.WITHDRAWN, S.ERASED}  # an outcome reported, "stop", erasure: from (almost) anywhere

# Allowed moves, from each status. Staying in the same status is always allowed (a retriage that
# keeps the verdict, a second report of the outcome).
TRANSITIONS: dict[str, frozenset[str]] = {
    # Triage and retriage move among the open statuses; a human decides.
    **{s: frozenset(OPEN_STATUSES | {S.APPROVED, S.REJECTED} | _ENDINGS) for s in OPEN_STATUSES},
    # The outbox schedules and publishes; an undo puts the request back where it was waiting.
    S.APPROVED: frozenset({S.SCHEDULED, S.RELAYED, S.AMPLIFIED} | OPEN_STATUSES | _ENDINGS),
    S.SCHEDULED: frozenset({S.RELAYED, S.AMPLIFIED} | OPEN_STATUSES | _ENDINGS),
    S.REJECTED: frozenset(OPEN_STATUSES | _ENDINGS),
    # A member's repost may land before the official one: amplified without passing by relayed.
    S.RELAYED: frozenset({S.AMPLIFIED, S.FOLLOWED_UP} | _ENDINGS),
    S.AMPLIFIED: frozenset({S.FOLLOWED_UP} | _ENDINGS),
    S.FOLLOWED_UP: frozenset(_ENDINGS),
    S.OUTCOME: frozenset({S.WITHDRAWN, S.ERASED}),
    # Withdrawn stays withdrawn (a reported outcome is kept beside it); erasure ends everything.
    S.WITHDRAWN: frozenset({S.ERASED}),
    S.ERASED: frozenset(),
}


class InvalidTransition(ValueError):
    """A status write outside `TRANSITIONS`: a bug in the caller, never a user's mistake."""


def can_move(before: str, after: str) -> bool:
    return before == after or after in TRANSITIONS.get(before, frozenset())


def sources(after: str) -> tuple[str, ...]:
    """The statuses from which a request may move to `after` (for conditional bulk UPDATEs)."""
    return tuple(s for s in S.values if s != after and after in TRANSITIONS[s])


def move(request: Any, after: str) -> None:
    """Set `request.status` to `after` (the caller saves), refusing a move the lifecycle forbids."""
    before = request.status
    if not can_move(before, after):
        raise InvalidTransition(f"request {request.pk}: {before} -> {after} is not a lifecycle move")
    request.status = after
