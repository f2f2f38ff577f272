"""Where the ingest reads from, and the reference index triage reads with.

`configured_networks()` is the one list to extend: it asks the networks registry for the accounts
configured in settings and falls back to replaying the bundled sample stream when there are none.
The ingest loop (`colibri.relay.ingest`) and the worker's tasks (`colibri.relay.tasks`) both read
it; neither imports the other.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from django.conf import settings

from colibri.core.refindex import load_index
from colibri.networks.base import Network
from colibri.networks.replay import ReplayNetwork

logger = logging.getLogger(__name__)

SAMPLE_STREAM = Path(__file__).resolve().parent.parent / "sample" / "stream.jsonl"


def sample_stream_path() -> Path:
    return Path(settings.COLIBRI_REPLAY_FILE) if settings.COLIBRI_REPLAY_FILE else SAMPLE_STREAM


def replay_network(path: Path | None = None, *, interval: float | None = None) -> ReplayNetwork:
    """A replay of `path` (default: the sample stream); the Ingestor records its malformed lines."""
    path = path or sample_stream_path()
    return ReplayNetwork(path, interval=settings.COLIBRI_REPLAY_INTERVAL if interval is None else interval)


def source_name_for(path: Path) -> str:
    return f"replay:{path.name}"


def source_name(network: Network) -> str:
    """The IngestCursor key of a network: stable across restarts, distinct per account/file."""
    explicit = getattr(network, "source", None)
    if isinstance(explicit, str) and explicit:
        return explicit
    if isinstance(network, ReplayNetwork):
        return source_name_for(network.path)
    account = getattr(network, "handle", None) or getattr(network, "account", None)
    return f"{network.name}:{account}" if account else network.name


def configured_networks() -> list[Network]:
    """Networks to ingest from: the registry's (built from settings), else the sample stream replay."""
    networks: list[Network] = []
    try:
        registry = importlib.import_module("colibri.networks.registry")
    except ModuleNotFoundError as exc:
        if exc.name != "colibri.networks.registry":
            raise
    else:
        networks = list(registry.configured_networks(settings))
    if not networks:
        networks = [replay_network()]
    return networks


def load_reference_index() -> Any:
    """The reference index if `colibri data import` has run (the engine copes with None)."""
    try:
        return load_index(settings.COLIBRI_REFDATA_DIR)
    except Exception:
        logger.exception(
            "reference index at %s unreadable; triaging with built-in data", settings.COLIBRI_REFDATA_DIR
        )
        return None
