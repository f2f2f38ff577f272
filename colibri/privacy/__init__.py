"""Privacy: erasure that leaves nothing, a person's data as JSON, the public privacy page.

- `keys.erasure_hash`: what an erased identifier becomes (HMAC with a secret key: knowing a
  person's DID is not enough to confirm they were here).
- `erasure.scrub_traces`: called by the erasure actions, in their transaction: audit rows and
  outbox rows lose the person's URIs, handle, name and the free-text reasons about them; SQLite's
  WAL is checkpointed once the erasure is committed.
- `views.source_code`: the footer's source link, a local address redirecting to COLIBRI_SOURCE_URL.
- `export.person_data`: everything held about one account (`colibri privacy export`, and the
  coordinators' button on a request's page).
"""
