"""Fixtures for the network adapter tests (helpers live in netkit.py).

`atproto_net` gives the URLs of the local AT Protocol network that `scripts/atproto-net start`
runs (the test command starts it and exports ATPROTO_*_URL). Under CI (`CI=true`) a missing
network fails the test: it must never be skipped silently there. Locally it skips with the
command to run.

`payload(name)` reads a captured API payload from tests/networks/payloads/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from .netkit import AtprotoNet, load_payload, require_atproto_net


@pytest.fixture
def payload() -> Callable[[str], Any]:
    return load_payload


@pytest.fixture(scope="session")
def atproto_net() -> AtprotoNet:
    return require_atproto_net()
