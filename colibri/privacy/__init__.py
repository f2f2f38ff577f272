"""Privacy: a person's data as JSON, the public privacy page, the footer's source link.

- `export.person_data` / `do_export_account`: everything held about one account (`colibri privacy
  export`, and the coordinators' button on a request's page).
- `views.privacy_page`: the French privacy page (/confidentialite/).
- `views.source_code`: the footer's source link, a local address redirecting to COLIBRI_SOURCE_URL.
- migration 0001: erased identifiers stored as plain SHA-256 become keyed hashes.

Erasure itself (keyed hashes, audit and outbox rows scrubbed in the erasure's transaction, SQLite's
WAL checkpointed) belongs to the requests' lifecycle: `colibri.relay.actions.erasure` and
`colibri.relay.scrub`. It sits there, not here, because relay must not import the apps above it and
an erasure that forgot those rows would not be one.
"""
