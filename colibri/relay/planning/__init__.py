"""Today's relay plan in the database: planner input read from the DB, planner output written back.

`colibri.core.planner` is pure: it plans from `PlanRequest`/`PlanMember` values. This package is the
missing link with the app, one module per step (callers import from the module that owns the name;
this package re-exports nothing):

* `loading.load_day()` builds the planner input for one local day from the DB in a fixed number of queries
  (no query per row): approved requests still to amplify (waiting time, région, ROME code, reach
  already received), active members with their budgets, preferences and quiet hours, their stored
  audiences (filled by `colibri.tracking`) or follower counts, and the assignments the plan must keep.
* `apply.do_apply_plan()` runs `plan()` and replaces the day's unlocked PLANNED assignments with its
  output, in one transaction with one audit row.
* `edits.do_lock_assignment`, `do_unlock_assignment`, `do_swap_assignment` are a coordinator's edits.
* `report.day_report()` recomputes the reach of the day's plan as it stands now (after swaps) with
  `colibri.core.reach.recompute`, for the dashboard.

Kept assignments ("anchors"): DONE ones of the day, LOCKED ones, PLANNED ones whose repost is
already in the outbox (dispatch took them: deleting them would not stop the repost), and PLANNED
ones whose slot has passed (they were due, maybe announced to a notified member who may still
repost). They are handed to the planner as locked pairs, so they use their member's budget and
their followers' exposure, and the new assignments are planned around them. Anchors come first in
plan order (by id), then the new assignments in the planner's rank order; new rows are created
after every anchor, so plain id order is the plan order that `day_report()` replays.
Just before deleting, `do_apply_plan()` re-checks the replaced rows under row locks (a coordinator's
lock or swap waits for it); dispatch takes no row lock, so a repost it queues in the one statement
between that check and the delete still happens, for an assignment row that no longer exists.

The database holds no per-follower région or job family, so planning runs without a
`FollowerProfile`: relevance comes from member preferences only, and without a profile the
planner's credit attribution is plain plan order (protected and unprotected groups coincide),
which is exactly what `day_report()` replays.
"""
