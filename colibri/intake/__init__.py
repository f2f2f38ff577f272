"""Intake: what the ingest could not store, shown to coordinators (the events skipped and why)."""
