"""Public seeker tools (composer, checker), mounted at /outils/."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from colibri.core.types import TriageResult


def composer_url_for(result: TriageResult, *, absolute: bool = True) -> str:
    """The composer pre-filled with what triage understood (see `colibri.composer.links`)."""
    # Imported here: this package is loaded by INSTALLED_APPS before URLs and models are ready.
    from colibri.composer.links import composer_url_for as build

    return build(result, absolute=absolute)
