"""The request lifecycle: one table of moves, the named sets every module reads, and `move()`."""

from __future__ import annotations

import pytest

from colibri.relay import lifecycle
from colibri.relay.lifecycle import (
    AWAITING_STATUSES,
    CLOSED_STATUSES,
    INITIAL_STATUSES,
    LIVE_STATUSES,
    OPEN_STATUSES,
    PUBLISHED_STATUSES,
    TRANSITIONS,
    UNDOABLE_STATUSES,
    WITHDRAWABLE_STATUSES,
    InvalidTransition,
)
from colibri.relay.models import Request, RequestStatus

S = RequestStatus


def test_it_lists_the_moves_of_every_status() -> None:
    assert set(TRANSITIONS) == set(S.values)
    for targets in TRANSITIONS.values():
        assert targets <= set(S.values)


def test_it_reaches_every_status_from_a_new_request_and_erases_from_anywhere() -> None:
    seen, todo = set(INITIAL_STATUSES), list(INITIAL_STATUSES)
    while todo:
        for after in TRANSITIONS[todo.pop()]:
            if after not in seen:
                seen.add(after)
                todo.append(after)
    assert seen == set(S.values)
    assert all(lifecycle.can_move(s, S.ERASED) for s in S.values)
    assert TRANSITIONS[S.ERASED] == frozenset()


def test_it_keeps_the_named_sets_consistent() -> None:
    assert set(AWAITING_STATUSES) == OPEN_STATUSES - {S.DETECTED}
    assert not set(LIVE_STATUSES) & set(CLOSED_STATUSES)
    assert OPEN_STATUSES | set(LIVE_STATUSES) <= WITHDRAWABLE_STATUSES
    assert not WITHDRAWABLE_STATUSES & set(CLOSED_STATUSES)
    assert not UNDOABLE_STATUSES & PUBLISHED_STATUSES
    # Whatever a decision led to can go back to the queue; nothing published can.
    for s in UNDOABLE_STATUSES:
        assert OPEN_STATUSES <= TRANSITIONS[s]
    for s in PUBLISHED_STATUSES:
        assert not OPEN_STATUSES & TRANSITIONS[s]


def test_it_names_the_statuses_a_bulk_update_may_start_from() -> None:
    assert set(lifecycle.sources(S.SCHEDULED)) == {S.APPROVED}
    assert set(lifecycle.sources(S.RELAYED)) == {S.APPROVED, S.SCHEDULED}
    assert set(lifecycle.sources(S.AMPLIFIED)) == {S.APPROVED, S.SCHEDULED, S.RELAYED}
    assert S.WITHDRAWN not in lifecycle.sources(S.APPROVED)


def test_it_refuses_a_move_outside_the_lifecycle() -> None:
    r = Request(status=S.WITHDRAWN)
    with pytest.raises(InvalidTransition):
        lifecycle.move(r, S.APPROVED)
    assert r.status == S.WITHDRAWN
    lifecycle.move(r, S.WITHDRAWN)  # staying put is always allowed
    lifecycle.move(r, S.ERASED)
    assert r.status == S.ERASED
    with pytest.raises(InvalidTransition):
        lifecycle.move(Request(status=S.RELAYED), S.NEEDS_REVIEW)  # published: no way back to the queue
