"""Small statistics the collective publishes: proportions with their interval, quantiles, small cells.

Pure functions (no Django, no I/O) so the figures on the pages, in the CSV and on the infographics are
computed one way and can be checked by hand.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# A published count below this is hidden: with fewer people a cell could point at someone.
SMALL_CELL = 5
Z95 = 1.959963984540054  # two-sided 95 % normal quantile


@dataclass(frozen=True, slots=True)
class Proportion:
    """k successes out of n, with the Wilson score interval (sound for small n and for 0 or n)."""

    k: int
    n: int
    low: float
    high: float

    @property
    def rate(self) -> float | None:
        return self.k / self.n if self.n else None


def wilson(k: int, n: int, z: float = Z95) -> Proportion:
    if not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return Proportion(0, 0, 0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return Proportion(k, n, max(0.0, centre - half), min(1.0, centre + half))


QUANTILES = (0.25, 0.5, 0.75, 0.9)


def quantiles(values: Sequence[float], qs: Sequence[float] = QUANTILES) -> list[float] | None:
    """Linear-interpolation quantiles (PostgreSQL's percentile_cont, numpy's default); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    last = len(ordered) - 1
    out = []
    for q in qs:
        pos = q * last
        lo = math.floor(pos)
        hi = min(lo + 1, last)
        out.append(ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo))
    return out


def shown(count: int | None, threshold: int = SMALL_CELL) -> int | None:
    """The count if it may be published, None (shown as "< 5") when it is a small cell."""
    if count is None or count < threshold:
        return None
    return count
