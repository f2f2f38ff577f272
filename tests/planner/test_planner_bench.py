"""`bench/planner.py --quick` runs end to end and ends with its JSON summary line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "planner.py"


def test_it_runs_the_quick_benchmark_and_prints_the_summary() -> None:
    out = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=120, check=True
    )
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert set(summary) == {
        "optimum_ratio_worst",
        "optimum_ratio_median",
        "baseline_ratio",
        "scale_seconds",
        "scale_peak_mb",
    }
    # The planner can never beat the exact optimum of its own objective.
    assert 0 < summary["optimum_ratio_worst"] <= summary["optimum_ratio_median"] <= 1 + 1e-9
    assert summary["baseline_ratio"] > 0
    assert summary["scale_seconds"] > 0 and summary["scale_peak_mb"] > 0
