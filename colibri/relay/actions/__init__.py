"""Every write to the relay data goes through one of these modules' `do_<verb>_<noun>()` functions.

One module per concern, as zulip's `zerver/actions/` (callers import from the module that owns the
verb; this package re-exports nothing): `ingest` (stream events), `accounts`, `triage`,
`decisions`, `undo`, `withdrawal`, `opt_out`, `seeker_replies`, `outcomes`, `erasure`,
`collective`, `volunteers`, `join_intent` (a post asking to join gets the join link); `base`
holds what they share (`ActionError`, the request lock).

Each `do_<verb>_<noun>()` runs in one transaction and appends its `AuditLog` rows through the one
recorder (`colibri.relay.audit.record`) in that same transaction, so the history can never
disagree with the data. Views, commands and tasks call these; they never `.save()` models
themselves. Status changes go through `colibri.relay.lifecycle.move`.

Texts written into the data for people to read later (an audit row's `why`, an outbox row's
`last_error`) are translated when written, in the language active then: the collective's
(settings.LANGUAGE_CODE), since the dashboard, the workers and the CLI all run in it. They are
records, like a line in a logbook: a later change of language does not rewrite them.
"""
