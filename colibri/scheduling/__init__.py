"""Periodic jobs: each enqueued at most once per period, whatever the number of workers."""
