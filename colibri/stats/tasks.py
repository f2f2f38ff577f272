"""The monthly rendering of the infographics (enqueued by colibri.scheduling once per month)."""

from __future__ import annotations

from django.tasks import task


@task()
def render_monthly_infographics() -> int:
    """Render last month's infographics (the month that just ended, local time)."""
    from .actions import do_render_infographics
    from .queries import previous_month

    return len(do_render_infographics(previous_month(), actor="scheduler"))
