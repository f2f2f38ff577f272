"""Relay planner benchmark (issue 7): quality vs the exact optimum, reach vs baselines, scale.

    .venv/bin/python bench/planner.py            # full run (under ~10 minutes, mostly the MIPs)
    .venv/bin/python bench/planner.py --quick    # smoke run (seconds)

Last line: one JSON object {"optimum_ratio_worst", "optimum_ratio_median", "baseline_ratio",
"scale_seconds", "scale_peak_mb"}.

Parts:
* optimum: 20 instances at the issue's size, 200 members, 30 requests, ~20k distinct followers
  (~33k follower slots), against the exact optimum (bench/planner_mip.py, highspy, one thread,
  zero gap). The MIP works on follower classes (followers with the same members and the same
  relevance to every request are interchangeable: ~4k classes instead of ~20k followers, caps
  that can never bind dropped, credits per weight level), which makes it solvable in seconds to a
  minute or so. Per instance: the LP relaxation's bound (interior point, weak duality from its
  duals), then the MIP warm-started from the plan; unproved instances get a second run if the
  time budget allows. Ratios use the best proven upper bound, so they are never flattering;
  the number of instances proved optimal is printed. Headline: the planner without its fairness
  phase (the MIP's objective has none); with the default minimum reach as a second figure.
* baselines: 3 instances of 1,000 members (~950k follower slots, ~420k distinct followers), 60
  requests; round-robin, biggest-accounts-first and random schedules run through the planner's own
  constraint checks and accounting.
* scale: 10,000 members, 500 requests, ~2.1M distinct followers, 8M follower slots, in a fresh
  single-threaded subprocess; CPU seconds of `plan()` and peak RSS of the whole process.

Synthetic collective (same generator for every part): follower ids are interleaved by région
(id % 13) and skewed towards popular people inside each région (heavy overlap between members);
a member's audience size follows a power law between 1 and 30,000 followers, 65% of its
followers live in the member's home région; half the followers have a known job family.
Members: budget 1-3 a day, 25% with quiet hours 21:00-09:00, 20% relay only their région,
10% only some job families, 5% known only by their follower count.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from datetime import time as dtime

import numpy as np
import planner_mip  # bench/planner_mip.py, next to this file
from pyroaring import BitMap

from colibri.core.audience import FollowerProfile, bitmap_from_array, bitmap_to_array
from colibri.core.planner import Plan, PlanConfig, PlanMember, PlanRequest, plan
from colibri.core.reach import recompute

REGIONS = (
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
)
FAMILIES = tuple("ABCDEFGHIJKLMN")  # ROME domain letters
NOW = datetime(2026, 11, 26, 7, 0, tzinfo=UTC)  # 08:00 in Paris
SLOTS = tuple(NOW + timedelta(hours=h) for h in (1.0, 4.5, 10.0, 13.0))  # 09:00 12:30 18:00 21:00 Paris


# -- instance generator -------------------------------------------------------------------------


def power_sizes(rng: np.random.Generator, n: int, mean: float, top: int = 30_000) -> np.ndarray:
    """n sizes in [1, top], size = top ** (u ** k): a power-law-like tail, k tuned to hit the mean."""
    u = rng.random(n)
    lo, hi = 0.3, 20.0
    for _ in range(40):
        k = (lo + hi) / 2
        if np.mean(np.floor(top ** (u**k))) > mean:
            lo = k
        else:
            hi = k
    return np.maximum(1, np.floor(top ** (u ** ((lo + hi) / 2)))).astype(np.int64)


def instance(
    seed: int,
    n_members: int,
    n_requests: int,
    n_followers: int,
    mean_audience: float,
    skew: float = 2.5,
    count_only: float = 0.05,
) -> tuple[list[PlanRequest], list[PlanMember], FollowerProfile]:
    rng = np.random.default_rng(seed)
    n_reg = len(REGIONS)
    per_region = n_followers // n_reg
    region_of = (np.arange(per_region * n_reg) % n_reg).astype(np.int16)
    family_of = np.where(
        rng.random(region_of.size) < 0.5, rng.integers(0, len(FAMILIES), region_of.size), -1
    ).astype(np.int16)
    profile = FollowerProfile(region_of, family_of, REGIONS, FAMILIES)
    sizes = power_sizes(rng, n_members, mean_audience)
    homes = rng.integers(0, n_reg, n_members)
    members = []
    for j in range(n_members):
        k = int(sizes[j] * 1.15) + 2  # oversample: duplicates are dropped
        home = rng.random(k) < 0.65
        reg = np.where(home, homes[j], rng.integers(0, n_reg, k))
        rank = np.floor(per_region * rng.random(k) ** skew).astype(np.int64)  # popular people first
        ids = np.unique(rank * n_reg + reg)[: sizes[j]]
        ids = rng.permutation(ids)[: sizes[j]]
        audience = bitmap_from_array(np.sort(ids).astype(np.uint32))
        r = rng.random(5)
        regions = frozenset({REGIONS[homes[j]]}) if r[0] < 0.2 else frozenset()
        fams = frozenset(rng.choice(FAMILIES, 3, replace=False).tolist()) if r[1] < 0.1 else frozenset()
        quiet = (dtime(21, 0), dtime(9, 0)) if r[2] < 0.25 else None
        budget = int(rng.integers(1, 4))
        if r[3] < count_only:
            share = {REGIONS[homes[j]]: 0.65}
            members.append(
                PlanMember(
                    f"m{j:05d}",
                    follower_count=len(audience),
                    budget_day=budget,
                    regions=regions,
                    job_families=fams,
                    quiet_hours=quiet,
                    follower_regions=share,
                )
            )
        else:
            members.append(
                PlanMember(
                    f"m{j:05d}",
                    audience=audience,
                    budget_day=budget,
                    regions=regions,
                    job_families=fams,
                    quiet_hours=quiet,
                )
            )
    requests = []
    for i in range(n_requests):
        region = REGIONS[int(rng.integers(0, n_reg))] if rng.random() < 0.9 else None
        fam = f"{FAMILIES[int(rng.integers(0, len(FAMILIES)))]}{int(rng.integers(1100, 1700))}"
        requests.append(
            PlanRequest(
                f"r{i:04d}",
                NOW - timedelta(hours=float(rng.uniform(1, 240))),
                region=region,
                job_family=fam,
                already_reached=int(rng.integers(0, 400)) if rng.random() < 0.3 else 0,
            )
        )
    return requests, members, profile


def config(**kw: object) -> PlanConfig:
    return replace(PlanConfig(now=NOW, slots=SLOTS), **kw)  # type: ignore[arg-type]


# -- baselines (same constraints, same accounting) ----------------------------------------------


class Feasibility:
    """Replays a candidate order through the planner's own constraints: budgets, slots, quiet
    hours, preferences and the anti-flooding guard, with the planner's exact accounting."""

    def __init__(self, requests, members, cfg, profile):
        from colibri.core.planner import Planner

        self.p = Planner(requests, members, cfg, profile, ())

    def try_add(self, i: int, j: int) -> bool:
        p = self.p
        if p.bounds[i, j] == -np.inf or not p.guard_ok(j):  # ineligible, exhausted, assigned, flooded
            return False
        ev = p.evaluate(i, j)
        if ev is None or ev.value < p.config.min_value:
            return False
        p.accept(i, j, ev, phase=2)
        return True

    def result(self) -> Plan:
        return self.p.finish([])


def baseline(kind: str, requests, members, cfg, profile, seed: int = 0) -> Plan:
    f = Feasibility(requests, members, cfg, profile)
    n_r, n_m = len(f.p.requests), len(f.p.members)
    cap = f.p.capacity
    if kind == "round_robin":  # requests oldest first in turn, members in id order in turn
        ptr = 0
        progress = True
        while progress:
            progress = False
            for i in range(n_r):
                for step in range(n_m):
                    j = (ptr + step) % n_m
                    if f.try_add(i, j):
                        ptr = (j + 1) % n_m
                        progress = True
                        break
    elif kind == "biggest_first":  # the largest accounts each spread over the least-served requests
        order = sorted(range(n_m), key=lambda j: (-f.p.members[j].size, j))
        load = np.zeros(n_r, dtype=np.int64)
        for j in order:
            for i in sorted(range(n_r), key=lambda i: (load[i], i)):
                if f.p.used[j] >= cap[j]:
                    break
                if f.try_add(i, j):
                    load[i] += 1
    elif kind == "random":
        rng = random.Random(seed)
        pairs = [(i, j) for i in range(n_r) for j in range(n_m) if f.p.bounds[i, j] > -np.inf]
        rng.shuffle(pairs)
        for i, j in pairs:
            f.try_add(i, j)
    else:
        raise ValueError(kind)
    return f.result()


# -- parts --------------------------------------------------------------------------------------


def part_optimum(quick: bool) -> tuple[float, float]:
    """Planner vs the exact optimum of the same problem (no anti-flooding guard, no minimum reach:
    the MIP models neither), then the price of fairness (default minimum reach, same optimum).

    The MIP (bench/planner_mip.py) works on follower classes, one HiGHS thread, zero gap. Per
    instance: the LP relaxation's bound first (valid, and enough when the plan reaches it), then
    the MIP warm-started from the better of the two plans; instances still unproved get a second
    MIP run at the end with what is left of the time budget. Ratios are taken against the best
    proven upper bound (the optimum when proved): an unproved instance's ratio can only be too low."""
    n_inst = 3 if quick else 20
    dims = QUICK_SMALL if quick else SMALL
    budget = 30.0 if quick else MIP_BUDGET
    t_part = time.perf_counter()
    cfg = config(min_fresh_share=0.0, min_reach=0)
    runs = []
    for seed in range(n_inst):
        requests, members, profile = instance(1000 + seed, count_only=0.0, **dims)
        t = time.perf_counter()
        got = plan(requests, members, cfg, profile)
        planner_secs = time.perf_counter() - t
        fair = plan(requests, members, config(min_fresh_share=0.0), profile)
        t = time.perf_counter()
        model = planner_mip.build(requests, members, cfg, profile)
        build_secs = time.perf_counter() - t
        starts = [_pairs(res, requests, members) for res in (got, fair)]
        values = [model.value_of(pairs)[0] for pairs in starts]
        # The planner's own accounting and the MIP's objective agree on its plan; with fairness,
        # credits won in phase 1 are protected (not each follower's best N), so the MIP, free to
        # move them, values the same assignments at least as much.
        assert abs(values[0] - got.total_value) <= 1e-6 * max(1.0, got.total_value), (values, got.total_value)
        assert values[1] >= fair.total_value - 1e-6 * max(1.0, fair.total_value)
        share = (budget - (time.perf_counter() - t_part)) / (n_inst - seed)
        start = starts[int(values[1] > values[0])]
        # Small models: the MIP first (it usually proves the optimum in seconds), the LP bound if it
        # stops on its limit. Large ones: the LP bound only (the MIP's root alone takes about as long
        # as the whole LP); they get the MIP in the second pass if time is left.
        lp_first = model.n_cols > MIP_FIRST_COLS
        lp_limit = min(LP_LIMIT, max(LP_MIN_LIMIT * (2 if lp_first else 1), share))
        mip_limit = 0.0 if lp_first else min(MIP_LIMIT, max(MIP_MIN_LIMIT, 0.5 * share))
        if quick:
            lp_limit, mip_limit = 10.0, 10.0
        res = planner_mip.solve(
            model, time_limit=mip_limit, start=start, lp_time_limit=lp_limit, lp_first=lp_first
        )
        print(
            f"  optimum #{seed:2d}: {len(members)} members, {len(requests)} requests, "
            f"{len(BitMap.union(*(m.audience for m in members if m.audience is not None))):,} followers "
            f"({model.followers:,} reachable, {sum(m.size for m in members):,} slots) in "
            f"{model.classes:,} classes ({model.capped:,} whose cap can bind); MIP {model.n_cols:,} "
            f"columns ({model.integer:,} binary) x {len(model.rows):,} rows, built in {build_secs:.1f} s"
        )
        _print_run(got.total_value, planner_secs, fair.total_value, res, lp_limit, mip_limit)
        runs.append(
            dict(
                value=got.total_value,
                fair=fair.total_value,
                secs=planner_secs,
                res=res,
                start=start,
                model=None if res.optimal else model,
                exact_secs=build_secs + res.seconds,
            )
        )
    unproved = sorted(
        (k for k, run in enumerate(runs) if run["model"] is not None), key=lambda k: runs[k]["model"].n_cols
    )
    for k in unproved:  # the smaller models first: the likelier to close in the time left
        run = runs[k]
        left = budget - (time.perf_counter() - t_part)
        if left < MIP_MIN_LIMIT:
            break
        limit = min(left, 3 * MIP_LIMIT)
        model = run["model"]
        res = planner_mip.solve(
            model,
            time_limit=limit,
            start=run["start"],
            known_bound=run["res"].bound,
            known_from=run["res"].bound_from,
            mip_lp_solver="ipm" if model.n_cols > MIP_FIRST_COLS else "choose",
        )
        run.update(res=res, model=None, exact_secs=run["exact_secs"] + res.seconds)
        print(f"  optimum #{k:2d}, second pass:")
        _print_run(run["value"], run["secs"], run["fair"], res, 0.0, limit)
    results = [r["res"] for r in runs]
    ratios = [r["value"] / r["res"].bound for r in runs]
    fair_ratios = [r["fair"] / r["res"].bound for r in runs]
    gaps = [(res.bound - res.best) / res.bound for res in results]
    times = [r["exact_secs"] for r in runs]
    proved = sum(res.optimal for res in results)
    print(
        f"optimum: {n_inst} instances {dims}, cap {cfg.exposure_cap}, relevance bonus "
        f"{cfg.relevance_bonus}: {proved}/{n_inst} proved optimal (unproved bounds from "
        f"{dict(collections.Counter(res.bound_from for res in results if not res.optimal)) or '-'}), "
        f"gap best-found/bound max {max(gaps):.3%}; exact side median {statistics.median(times):.1f} s "
        f"(max {max(times):.1f} s, part total {time.perf_counter() - t_part:.0f} s) vs planner median "
        f"{statistics.median(r['secs'] for r in runs) * 1000:.0f} ms"
    )
    print(
        f"optimum: planner without the fairness phase / optimum: worst {min(ratios):.4f} "
        f"median {statistics.median(ratios):.4f}; with the default minimum reach "
        f"({PlanConfig.__dataclass_fields__['min_reach'].default}) worst {min(fair_ratios):.4f} "
        f"median {statistics.median(fair_ratios):.4f}"
    )
    return min(ratios), statistics.median(ratios)


def _print_run(value: float, secs: float, fair_value: float, res, lp_limit: float, mip_limit: float) -> None:
    lp = f"LP bound {res.lp_seconds:.1f} s of {lp_limit:.0f}, " if res.lp_seconds else ""
    mip = (
        f"MIP {res.status.lower()} at {res.nodes} nodes, "
        f"{res.seconds - res.lp_seconds:.1f} s of {mip_limit:.0f}"
        if res.status != "not run"
        else ("no MIP needed" if res.optimal else "MIP left for the second pass")
    )
    print(
        f"      planner {value:9.0f} ({secs * 1000:4.0f} ms)  best {res.best:9.0f}  bound {res.bound:9.0f} "
        f"({'optimal' if res.optimal else 'not proved'}, bound from {res.bound_from}; {lp}{mip})  "
        f"ratio {value / res.bound:.4f}  with fairness {fair_value / res.bound:.4f}"
    )


def _pairs(res: Plan, requests, members) -> list[tuple[int, int]]:
    """A plan as (request, member) indices in the planner's order (the MIP's columns)."""
    ridx = {r.id: i for i, r in enumerate(sorted(requests, key=lambda r: (r.waiting_since, r.id)))}
    midx = {m.id: j for j, m in enumerate(sorted(members, key=lambda m: m.id))}
    return [(ridx[a.request_id], midx[a.member_id]) for a in res.assignments]


def part_baselines(quick: bool) -> float:
    """Colibri vs naive schedules under the same budgets, slots, preferences, cap and guard.

    Headline (the issue's goal): distinct *relevant* reach, i.e. followers credited to requests of
    their région or job family. Also printed: the relevance-weighted objective and plain reach."""
    n_inst = 1 if quick else 3
    dims = (
        dict(n_members=150, n_requests=20, n_followers=60_000, mean_audience=150)
        if quick
        else dict(n_members=1000, n_requests=60, n_followers=650_000, mean_audience=1000)
    )
    kinds = ("round_robin", "biggest_first", "random")
    rel_ratios, value_ratios, reach_ratios = [], [], []
    for seed in range(n_inst):
        requests, members, profile = instance(2000 + seed, **dims)
        cfg = config(min_reach=100) if quick else config()
        slots_total = sum(m.size for m in members)
        known = [m.audience for m in members if m.audience is not None]
        distinct = len(BitMap.union(*known))
        ours = plan(requests, members, cfg, profile)
        check = recompute(ours.assignments, requests, members, ours.config, profile)
        assert abs(check.total_value - ours.total_value) < 1e-6 * max(1.0, ours.total_value)
        results = {"colibri": ours}
        for kind in kinds:
            results[kind] = baseline(kind, requests, members, cfg, profile)
        print(
            f"  baselines #{seed}: {len(members)} members, {slots_total:,} follower slots, "
            f"{distinct:,} distinct followers, {len(requests)} requests, cap {cfg.exposure_cap}"
        )
        for name, res in results.items():
            print(
                f"    {name:14s} relevant reach {res.total_relevant:9,}  distinct reach {res.total_reach:9,}"
                f"  weighted {res.total_value:11,.0f}  (+{res.total_estimated:7,.0f} estimated)"
                f"  reposts {len(res.assignments):5d}  over cap {res.stats['followers_over_cap']:8,}"
                f"  below min reach {len(_below(res, requests, cfg)):3d}"
            )
        rel_ratios.append(ours.total_relevant / max(1, max(results[k].total_relevant for k in kinds)))
        value_ratios.append(ours.total_value / max(results[k].total_value for k in kinds))
        reach_ratios.append(ours.total_reach / max(results[k].total_reach for k in kinds))
        print(
            f"    colibri / best baseline: relevant reach {rel_ratios[-1]:.3f}, weighted "
            f"{value_ratios[-1]:.3f}, distinct reach {reach_ratios[-1]:.3f}"
        )
    print(
        f"baselines: worst over {n_inst} instances: relevant reach x{min(rel_ratios):.3f}, weighted "
        f"x{min(value_ratios):.3f}, distinct reach x{min(reach_ratios):.3f}"
    )
    return min(rel_ratios)


def _below(res: Plan, requests, cfg) -> list[str]:
    return [r for r, v in res.reach_by_request.items() if v.total < cfg.min_reach]


def scale_child(quick: bool) -> None:
    dims = (
        dict(n_members=1000, n_requests=50, n_followers=200_000, mean_audience=800)
        if quick
        else dict(n_members=10_000, n_requests=500, n_followers=2_600_000, mean_audience=800)
    )
    requests, members, profile = instance(3000, skew=1.6, **dims)
    distinct = len(
        bitmap_from_array(np.concatenate([bitmap_to_array(m.audience) for m in members if m.audience]))
    )
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t, cpu = time.perf_counter(), time.process_time()
    res = plan(requests, members, config(), profile)
    secs, cpu = time.perf_counter() - t, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": secs,
                "cpu_seconds": cpu,
                "peak_mb": peak_mb,
                "instance_mb": base_mb,
                "distinct": distinct,
                "members": len(members),
                "requests": len(requests),
                "slots": sum(m.size for m in members),
                "assignments": len(res.assignments),
                "evaluations": res.stats["evaluations"],
                "below_min": len(res.stats["below_min_reach"]),
                "reach": res.total_reach,
            }
        )
    )


def part_scale(quick: bool) -> tuple[float, float]:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    cmd = [sys.executable, __file__, "--scale-child"] + (["--quick"] if quick else [])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, timeout=600)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    load = os.getloadavg()[0]
    print(
        f"scale: {data['members']:,} members, {data['requests']} requests, {data['distinct']:,} distinct "
        f"followers, {data['slots']:,} follower slots -> {data['assignments']:,} reposts "
        f"({data['evaluations']:,} gain evaluations, {data['below_min']} requests below min reach) in "
        f"{data['cpu_seconds']:.2f} s CPU on one core ({data['seconds']:.2f} s wall, load average "
        f"{load:.1f} on {os.cpu_count()} cores shared with other jobs); peak RSS {data['peak_mb']:.0f} MB "
        f"(instance + interpreter before planning: {data['instance_mb']:.0f} MB)"
    )
    # The planner is single-threaded: CPU time is its wall time on an idle core; on this shared
    # machine wall time also counts waiting for other people's jobs.
    return data["cpu_seconds"], data["peak_mb"]


# The size: ~20k distinct followers (34k ids, 13 régions), ~33k follower slots.
SMALL = dict(n_members=200, n_requests=30, n_followers=34_000, mean_audience=300)
QUICK_SMALL = dict(n_members=60, n_requests=10, n_followers=8_000, mean_audience=150)
# Seconds per instance: the MIP at most / at least, then (if it did not finish) the LP bound.
MIP_LIMIT, MIP_MIN_LIMIT = 30.0, 8.0
LP_LIMIT, LP_MIN_LIMIT = 120.0, 30.0
MIP_FIRST_COLS = 30_000
MIP_BUDGET = 480.0  # seconds for the 20 instances (build + solve): the whole bench stays under 10 min


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fast smoke run")
    ap.add_argument("--scale-child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--only", choices=("optimum", "baselines", "scale"), help="run one part")
    args = ap.parse_args()
    if args.scale_child:
        scale_child(args.quick)
        return 0
    out = {
        "optimum_ratio_worst": None,
        "optimum_ratio_median": None,
        "baseline_ratio": None,
        "scale_seconds": None,
        "scale_peak_mb": None,
    }
    if args.only in (None, "optimum"):
        out["optimum_ratio_worst"], out["optimum_ratio_median"] = part_optimum(args.quick)
    if args.only in (None, "baselines"):
        out["baseline_ratio"] = part_baselines(args.quick)
    if args.only in (None, "scale"):
        out["scale_seconds"], out["scale_peak_mb"] = part_scale(args.quick)
    print(json.dumps({k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
