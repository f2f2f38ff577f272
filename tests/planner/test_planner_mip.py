"""The bench's exact optimum (bench/planner_mip.py): the aggregated model is the same problem.

The follower-class formulation is what makes the issue-size comparison feasible; these tests pin it
to the textbook per-follower model and to a brute force through `colibri.core.reach` on tiny
instances (a few seconds in all)."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pyroaring import BitMap

from colibri.core.planner import plan
from colibri.core.reach import recompute

from .planner_instances import random_instance

BENCH = Path(__file__).resolve().parents[2] / "bench"
spec = importlib.util.spec_from_file_location("planner_mip", BENCH / "planner_mip.py")
assert spec is not None and spec.loader is not None
mip = importlib.util.module_from_spec(spec)
sys.modules.setdefault("planner_mip", mip)  # dataclasses look their module up
spec.loader.exec_module(mip)


@dataclass(frozen=True)
class Pair:
    request_id: str
    member_id: str
    rank: int
    phase: int = 2


def tiny(seed: int, **kw):
    inst = random_instance(seed, **kw)
    # The MIP's problem: no fairness phase, no anti-flooding guard (it models neither).
    inst.config = replace(inst.config, min_reach=0, min_fresh_share=0.0)
    return inst


def indices(inst, result) -> list[tuple[int, int]]:
    """Planner assignments as (request, member) indices in the planner's (and the model's) order."""
    ridx = {r.id: i for i, r in enumerate(sorted(inst.requests, key=lambda r: (r.waiting_since, r.id)))}
    midx = {m.id: j for j, m in enumerate(sorted(inst.members, key=lambda m: m.id))}
    return [(ridx[a.request_id], midx[a.member_id]) for a in result.assignments]


@pytest.mark.parametrize("seed", range(6))
def test_it_finds_the_same_optimum_with_follower_classes_as_per_follower(seed: int) -> None:
    inst = tiny(seed, n_members=9, n_requests=4, n_followers=160, cap=2 if seed % 2 else 1)
    args = (inst.requests, inst.members, inst.config, inst.profile)
    per_follower = mip.build(*args, aggregate=False)
    classes = mip.build(*args, aggregate=True)
    assert classes.classes <= per_follower.classes == per_follower.followers
    assert classes.n_cols < per_follower.n_cols
    exact = mip.solve(per_follower, time_limit=30)
    fast = mip.solve(classes, time_limit=30)
    assert exact.optimal and fast.optimal
    assert fast.best == pytest.approx(exact.best, abs=1e-6)
    # The planner's own plan is worth the same in both models and in the reach module, and never
    # more than the optimum.
    got = plan(*args)
    chosen = indices(inst, got)
    assert classes.value_of(chosen)[0] == pytest.approx(got.total_value)
    assert per_follower.value_of(chosen)[0] == pytest.approx(got.total_value)
    assert got.total_value <= fast.best + 1e-6
    # Warm-started from that plan, the solver still proves the same optimum.
    assert mip.solve(classes, time_limit=30, start=chosen).best == pytest.approx(exact.best, abs=1e-6)


@pytest.mark.parametrize("seed", range(3))
def test_it_matches_a_brute_force_over_every_plan(seed: int) -> None:
    inst = tiny(seed + 100, n_members=4, n_requests=3, n_followers=60, cap=1 + seed % 2)
    members = [replace(m, budget_day=2, budget_week_left=2, quiet_hours=None) for m in inst.members]
    args = (inst.requests, members, inst.config, inst.profile)
    model = mip.build(*args)
    requests = sorted(inst.requests, key=lambda r: (r.waiting_since, r.id))
    by_member = [
        [requests[i].id for i, j in model.pairs if j == k] for k in range(len(members))
    ]  # members are already in id order
    options = [[c for size in (0, 1, 2) for c in itertools.combinations(rids, size)] for rids in by_member]
    best = 0.0
    for pick in itertools.product(*options):
        chosen = [(rid, members[k].id) for k, rids in enumerate(pick) for rid in rids]
        pairs = [Pair(rid, mid, rank) for rank, (rid, mid) in enumerate(chosen)]
        best = max(best, recompute(pairs, inst.requests, members, inst.config, inst.profile).total_value)
    assert best > 0
    assert mip.solve(model, time_limit=30).best == pytest.approx(best)


def test_it_refuses_what_it_does_not_model() -> None:
    inst = tiny(7, count_only=0.5)
    with pytest.raises(ValueError, match="known follower list"):
        mip.build(inst.requests, inst.members, inst.config, inst.profile)
    inst = tiny(8)
    requests = [replace(inst.requests[0], seeker_followers=BitMap([1, 2])), *inst.requests[1:]]
    with pytest.raises(ValueError, match="seekers"):
        mip.build(requests, inst.members, inst.config, inst.profile)


def test_it_drops_exposure_caps_that_can_never_bind() -> None:
    # A cap at least the number of requests never binds: no cap rows, no credit columns, and every
    # class's weight sits on an x or a shared coverage column; same optimum as per follower.
    inst = tiny(9, n_members=8, n_requests=3, n_followers=120, cap=3)
    args = (inst.requests, inst.members, inst.config, inst.profile)
    model = mip.build(*args)
    assert model.capped == 0 and model.credits == []
    assert model.n_cols == len(model.pairs) + len(model.cover)
    per_follower = mip.build(*args, aggregate=False)
    assert per_follower.capped == per_follower.followers
    assert mip.solve(model, 30).best == pytest.approx(mip.solve(per_follower, 30).best, abs=1e-6)


@pytest.mark.parametrize("seed", range(4))
def test_it_bounds_the_optimum_from_the_lp_duals(seed: int) -> None:
    # The fallback bound for instances the MIP cannot close in time: valid (never below the
    # optimum) and as tight as the LP relaxation itself.
    inst = tiny(seed + 20, n_members=12, n_requests=5, n_followers=300, cap=2)
    model = mip.build(inst.requests, inst.members, inst.config, inst.profile)
    optimum = mip.solve(model, time_limit=30)
    assert optimum.optimal
    bound, _ = mip.lp_bound(model, time_limit=30)
    relaxation = mip._highs(model, 30, integer=False)
    relaxation.run()
    lp_value = relaxation.getInfo().objective_function_value
    assert optimum.best - 1e-6 <= lp_value <= bound <= lp_value * (1 + 1e-5) + 1e-6


def test_it_proves_a_plan_optimal_from_the_lp_bound_alone_or_leaves_it_unproved() -> None:
    # time_limit=0: no MIP, only the LP bound. The planner's plan is proved optimal exactly when
    # it reaches the (floored) LP bound; either way the bound is never below the optimum.
    for seed in range(30, 36):
        inst = tiny(seed, n_members=10, n_requests=4, n_followers=200, cap=2)
        model = mip.build(inst.requests, inst.members, inst.config, inst.profile)
        optimum = mip.solve(model, time_limit=30).best
        got = plan(inst.requests, inst.members, inst.config, inst.profile)
        res = mip.solve(model, time_limit=0, start=indices(inst, got), lp_time_limit=30)
        assert res.status == "not run" and res.bound_from == "LP"
        assert res.best == pytest.approx(got.total_value)
        assert res.bound >= optimum - 1e-6
        assert res.optimal == (got.total_value >= res.bound - 1e-9)
