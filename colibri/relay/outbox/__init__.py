"""The outbox: every intended action on a network is a row, written with the decision that caused it.

The dispatcher (`colibri.relay.dispatch`) carries rows out; this package holds every write to
`OutboxAction` and the side effects of a completed action (assignment done, request
relayed/amplified), one module per step: `keys` (what a row is, its idempotency key), `queueing`,
`pacing` (the official account's pace), `claims` (leases: claim, renew, release, reclaim,
cancel), `completion` (done, failed and retried). Each `do_*` function runs in one transaction and
appends its history rows (`colibri.relay.audit`). Callers import from the module that owns the
step; this package re-exports nothing.

Exactly once rests on three rules:
- one row per intended effect: `idempotency_key` is unique (a repost is keyed by account + post),
  so queueing twice, or two planners racing, yields one row;
- a row is carried out only by the worker that holds its claim (conditional UPDATE on
  `status/claimed_by`), and its completion is fenced on that same claim;
- any attempt after the first (a retry after a timeout, a lease reclaimed from a killed worker)
  asks the network first whether the effect already exists (`Network.find_repost`).
"""
