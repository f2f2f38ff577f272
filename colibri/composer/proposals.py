"""The reply the dashboard proposes to a seeker whose post is held back only by its format.

Built from the triage JSON stored on the request (`Request.triage`, the `TriageResult.to_json()`
object), so no engine run and no query per card: `colibri.composer.reply_for` decides whether
there is anything to propose and links to the composer pre-filled with what was understood.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from colibri.core.types import CATEGORIES, Location, TriageResult

from .links import reply_for

_FIELDS = {f.name for f in dataclasses.fields(TriageResult)} - {"location"}
_LOCATION_FIELDS = {f.name for f in dataclasses.fields(Location)}


def triage_result_from_json(data: Any) -> TriageResult | None:
    """A `TriageResult` back from its stored JSON; None when there is none (not triaged, erased)."""
    if not isinstance(data, dict) or data.get("category") not in CATEGORIES:
        return None
    values = {key: data[key] for key in _FIELDS if key in data}
    location = data.get("location")
    loc = (
        Location(**{k: v for k, v in location.items() if k in _LOCATION_FIELDS})
        if isinstance(location, dict)
        else Location()
    )
    try:
        return TriageResult(
            **{"id": "", "eligible": False, "needs_review": False, "confidence": 0.0, **values}, location=loc
        )
    except TypeError:
        return None  # an older or foreign shape: no proposal rather than a broken page


def proposed_reply(request: Any) -> str | None:
    """The reply text to propose for a request, or None (nothing to fix, or not a seeker's request)."""
    result = triage_result_from_json(getattr(request, "triage", None))
    return reply_for(result) if result is not None else None
