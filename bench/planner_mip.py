"""Exact optimum of the relay planner's objective as a mixed-integer program (highspy), for the bench.

The objective (see `colibri.core.reach`, no protected assignments): every follower f is credited
to the (at most N) best requests shown to them, a request weighing w(f, r) = 1 + bonus if f is
relevant to r (lives in its région or matches its job family), else 1. Decision: x[r, m] = 1 if
member m reposts request r (eligible pairs only: preferences, quiet hours, capacity), with
sum_r x[r, m] <= capacity[m].

Two formulations of the same problem:

* ``aggregate=False`` (per follower, the textbook model, only for tiny instances):
  y[f, r] in [0, 1] with y[f, r] <= sum_{m eligible for r, f in A_m} x[r, m], sum_r y[f, r] <= N,
  objective sum w(f, r) y[f, r].
* ``aggregate=True`` (follower classes). Two followers with the same *signature* (the members
  following them, and the same relevance to every request) are interchangeable: whatever the
  plan, they are shown the same requests with the same weights, so they receive the same credits.
  A class k of c_k such followers is one set of columns whose objective is weighted by c_k:
  - whether k is shown r only depends on S = {members following k who are eligible for r}: one
    coverage column u[r, S] <= sum_{m in S} x[r, m] (u <= 1), shared by every class with that S
    for r; when S is a single member, x[r, m] itself;
  - the exposure cap is dropped when it can never bind (at most N requests have an eligible
    member following k, or these members' capacities add up to at most N). The class's value is
    then separable by request: its weight goes onto u[r, S] (or straight onto x[r, m]);
  - otherwise, credits by weight level (relevant requests, then the others): c[k, t] <=
    sum_{r of level t} u[r, S_r], sum_t c[k, t] <= N, objective c_k * w_t * c[k, t]. For integer
    coverage the best c fills the heaviest level first, i.e. each follower's N best requests; it
    is the projection of the per-request credits y[k, r] (same LP bound), in two columns per class
    instead of one per request.
  The u and c stay continuous: for any integer x the best of them is integral, so the optimum is
  exact. `tests/planner/test_planner_mip.py` checks that both formulations have the same optimum,
  and that it is the brute-force optimum of `colibri.core.reach`'s accounting, on small instances.

Not modelled (so the MIP is a relaxation of what the planner may do, never flattering it): the
anti-flooding guard, the fairness phase, the planner's minimum gain per repost, count-only
members (bench instances have none), seekers' own followers (none either: raises).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from colibri.core.audience import FollowerProfile, bitmap_to_array
from colibri.core.planner import PlanConfig, PlanMember, Planner, PlanRequest


@dataclass
class Model:
    """The MIP as plain arrays (column-wise data + row-wise matrix), independent of highspy."""

    pairs: list[tuple[int, int]]  # x columns: (request index, member index) in planner order
    n_cols: int
    cost: list[float]
    upper: list[float]
    integer: int  # the first `integer` columns (the x) are binary
    rows: list[tuple[float, list[int], list[float]]]  # (upper bound, columns, coefficients), lower -inf
    classes: int  # follower classes (aggregate) or followers (per follower)
    followers: int  # distinct followers reachable through an eligible member
    capped: int  # classes whose exposure-cap row can bind
    # Warm start bookkeeping: how to derive the continuous columns from x.
    cover: list[tuple[int, list[int]]] = field(default_factory=list)  # (u column, its x columns)
    credits: list[tuple[list[int], list[list[int]], list[float]]] = field(default_factory=list)
    # per capped class: (credit column per weight level, heaviest first; the columns saying which
    # requests of that level are shown; the level weights)
    cap: int = 3

    def rhs(self) -> np.ndarray:
        return np.array([r[0] for r in self.rows], dtype=np.float64)

    @cached_property
    def csr(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The constraint matrix row-wise: (row starts, column indices, values); rows never change after
        `build`, and the MIP and both LP bounds read it, so it is packed once."""
        starts = np.cumsum([0] + [len(r[1]) for r in self.rows]).astype(np.int32)
        index = np.fromiter((c for r in self.rows for c in r[1]), dtype=np.int32, count=int(starts[-1]))
        value = np.fromiter((v for r in self.rows for v in r[2]), dtype=np.float64, count=int(starts[-1]))
        return starts, index, value

    def value_of(self, chosen: Iterable[tuple[int, int]]) -> tuple[float, np.ndarray]:
        """Objective value of a set of (request, member) pairs, and the full column vector."""
        xid = {p: k for k, p in enumerate(self.pairs)}
        col = np.zeros(self.n_cols)
        for p in chosen:
            col[xid[p]] = 1.0
        for u, xs in self.cover:
            col[u] = min(1.0, float(col[xs].sum()))
        for cs, covs, _ in self.credits:  # levels heaviest first: each follower keeps its N best
            left = self.cap
            for c, shown in zip(cs, covs, strict=True):
                col[c] = min(left, round(float(col[shown].sum())))
                left -= int(col[c])
        return float(np.dot(self.cost, col)), col


@dataclass
class Result:
    best: float  # best plan value known (the solver's, or the start's)
    bound: float  # proven upper bound of the optimum (= best when proved optimal)
    optimal: bool
    seconds: float  # LP + MIP
    nodes: int  # branch-and-bound nodes (0: stopped during the root)
    status: str  # the MIP's HiGHS status
    bound_from: str  # "MIP" (HiGHS's dual bound), "LP" (ours from the LP duals) or "earlier run"
    lp_seconds: float = 0.0


def build(
    requests: Sequence[PlanRequest],
    members: Sequence[PlanMember],
    config: PlanConfig,
    profile: FollowerProfile | None,
    aggregate: bool = True,
) -> Model:
    p = Planner(requests, members, config, profile, ())
    if any(m.audience is None for m in p.members):
        raise ValueError("the MIP models members with a known follower list only")
    if any(r.seeker_followers for r in p.requests):
        raise ValueError("the MIP does not model seekers' own followers")
    n_r, n_m = len(p.requests), len(p.members)
    if n_r > 64:
        raise ValueError("relevance masks hold 64 requests")
    cap, bonus = config.exposure_cap, config.relevance_bonus
    elig = np.isfinite(p.bounds) & (p.capacity[None, :] > 0)
    pairs = [(i, j) for j in range(n_m) for i in range(n_r) if elig[i, j]]
    xid = {pr: k for k, pr in enumerate(pairs)}
    n = len(pairs)
    cost = [0.0] * n
    upper = [1.0] * n
    rows: list[tuple[float, list[int], list[float]]] = []
    for j in range(n_m):
        idx = [xid[i, j] for i in range(n_r) if elig[i, j]]
        if len(idx) > p.capacity[j]:
            rows.append((float(p.capacity[j]), idx, [1.0] * len(idx)))
    useful = [j for j in range(n_m) if elig[:, j].any()]
    reach_max = np.minimum(p.capacity, elig.sum(axis=0))  # requests a member can show

    # Who follows whom: one (follower, member) pair per follower slot, grouped by follower.
    fs = [bitmap_to_array(p.members[j].audience) for j in useful]  # type: ignore[arg-type]
    f_all = np.concatenate(fs) if fs else np.zeros(0, dtype=np.uint32)
    j_all = (
        np.concatenate([np.full(a.size, j, dtype=np.int64) for j, a in zip(useful, fs, strict=True)])
        if fs
        else np.zeros(0, dtype=np.int64)
    )
    order = np.lexsort((j_all, f_all))
    f_all, j_all = f_all[order], j_all[order]
    followers, starts = np.unique(f_all, return_index=True)
    ends = np.append(starts[1:], f_all.size)
    # Relevance of each follower to each request, as a bit mask over requests.
    relmask = np.zeros(followers.size, dtype=np.uint64)
    if profile is not None and bonus:
        inside = followers < profile.size
        safe = np.where(inside, followers, 0)
        reg, fam = profile.region[safe], profile.family[safe]
        for i, (rcode, fcodes) in enumerate(p._keys()):
            m = np.zeros(followers.size, dtype=bool)
            if rcode >= 0:
                m |= reg == rcode
            for fc in fcodes:
                m |= fam == fc
            relmask |= (m & inside).astype(np.uint64) << np.uint64(i)

    # Classes: (members following, relevance mask) -> head count (per follower: one each).
    classes: dict[tuple[tuple[int, ...], int, int], int] = {}
    j_list = j_all.tolist()
    for k, (s, e) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        key = (tuple(j_list[s:e]), int(relmask[k]), -1 if aggregate else k)
        classes[key] = classes.get(key, 0) + 1

    def weight(mask: int, i: int) -> float:
        return 1.0 + bonus * ((mask >> i) & 1)

    cover_cols: dict[tuple[int, tuple[int, ...]], int] = {}
    cover: list[tuple[int, list[int]]] = []
    credits: list[tuple[list[int], list[list[int]], list[float]]] = []

    def shown_by(i: int, members_in: tuple[int, ...]) -> int:
        """Column that is 1 when request i is shown to followers of exactly these members."""
        nonlocal n
        if len(members_in) == 1 and aggregate:
            return xid[i, members_in[0]]
        key = (i, members_in) if aggregate else (i, (-1 - len(cover_cols),))  # per follower: no sharing
        col = cover_cols.get(key)
        if col is None:
            col = cover_cols[key] = n
            n += 1
            cost.append(0.0)
            upper.append(1.0)
            xs = [xid[i, j] for j in members_in]
            rows.append((0.0, [col, *xs], [1.0] + [-1.0] * len(xs)))
            cover.append((col, xs))
        return col

    capped = 0
    for (js, mask, _), count in classes.items():
        per_request = []
        for i in range(n_r):
            eligible = tuple(j for j in js if elig[i, j])
            if eligible:
                per_request.append((i, eligible))
        can_bind = len(per_request) > cap and int(reach_max[list(js)].sum()) > cap
        if aggregate and not can_bind:
            for i, eligible in per_request:
                col = shown_by(i, eligible)
                cost[col] += count * weight(mask, i)
            continue
        capped += 1
        # Credits by weight level (relevant requests, then the others): c[t] <= requests of level
        # t shown, sum_t c[t] <= N. For integer coverage the best c fills the heaviest level first,
        # i.e. the N best requests; two columns per class instead of one per request, same LP.
        # (Per follower: one level per request, the textbook y[f, r].)
        levels: dict[tuple[float, int], list[int]] = {}
        for i, eligible in per_request:
            levels.setdefault((weight(mask, i), -1 if aggregate else -i), []).append(shown_by(i, eligible))
        cs, covs, ws = [], [], []
        for key in sorted(levels, reverse=True):
            w = key[0]
            c = n
            n += 1
            cost.append(count * w)
            upper.append(float(min(cap, len(levels[key]))))
            rows.append((0.0, [c, *levels[key]], [1.0] + [-1.0] * len(levels[key])))
            cs.append(c)
            covs.append(levels[key])
            ws.append(w)
        if len(cs) > 1:
            rows.append((float(cap), cs, [1.0] * len(cs)))
        credits.append((cs, covs, ws))
    return Model(
        pairs=pairs,
        n_cols=n,
        cost=cost,
        upper=upper,
        integer=len(pairs),
        rows=rows,
        classes=len(classes),
        followers=int(followers.size),
        capped=capped,
        cover=cover,
        credits=credits,
        cap=cap,
    )


def _highs(model: Model, time_limit: float, integer: bool, threads: int = 1):  # -> highspy.Highs
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", bool(os.environ.get("MIP_LOG")))  # MIP_LOG=1: HiGHS's own log
    h.setOptionValue("time_limit", float(max(0.1, time_limit)))
    h.setOptionValue("threads", threads)
    lp = highspy.HighsLp()
    lp.num_col_ = model.n_cols
    lp.num_row_ = len(model.rows)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.col_cost_ = np.array(model.cost, dtype=np.float64)
    lp.col_lower_ = np.zeros(model.n_cols)
    lp.col_upper_ = np.array(model.upper, dtype=np.float64)
    if integer:
        kinds = highspy.HighsVarType
        n_int = model.integer
        lp.integrality_ = [kinds.kInteger] * n_int + [kinds.kContinuous] * (model.n_cols - n_int)
    lp.row_lower_ = np.full(len(model.rows), -highspy.kHighsInf)
    lp.row_upper_ = model.rhs()
    starts, index, value = model.csr
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = index
    lp.a_matrix_.value_ = value
    lp.a_matrix_.num_col_ = model.n_cols
    lp.a_matrix_.num_row_ = len(model.rows)
    h.passModel(lp)
    return h


def integral_objective(model: Model) -> bool:
    """Every plan's value is an integer (head counts times integer weights)."""
    return all(float(c).is_integer() for c in model.cost)


def solve(
    model: Model,
    time_limit: float,
    start: Iterable[tuple[int, int]] | None = None,
    lp_time_limit: float = 0.0,
    known_bound: float = np.inf,
    known_from: str = "earlier run",
    lp_first: bool = True,
    mip_lp_solver: str = "choose",
) -> Result:
    """Maximise with HiGHS (one thread, zero gap), optionally warm-started from a plan.

    With `lp_time_limit` > 0 the LP relaxation is also solved on its own (`lp_bound`): a valid
    upper bound cheaper than the MIP's root. `lp_first`: before the MIP (if the start reaches the
    bound it is optimal and no MIP runs), else only when the MIP stops on its time limit.
    `time_limit` <= 0: no MIP (the LP bound only). `mip_lp_solver`: "ipm" for the larger models
    (there the MIP's dual simplex root alone took minutes, the interior point a few tens of
    seconds); HiGHS's default (dual simplex) was faster on the smaller ones. `known_bound`: an upper bound
    from an earlier run (`known_from`: its source). The smallest bound is kept."""
    import highspy

    integral = integral_objective(model)
    start_value, col = model.value_of(start) if start is not None else (-np.inf, None)
    result = Result(start_value, known_bound, False, 0.0, 0, "not run", known_from)

    def keep(bound: float, source: str) -> None:
        if integral:  # every plan's value is an integer
            bound = float(np.floor(bound + 1e-6))
        if bound < result.bound:
            result.bound, result.bound_from = bound, source
        result.bound = max(result.bound, result.best)
        result.optimal = result.best >= result.bound - 1e-9

    def lp() -> None:
        bound, result.lp_seconds = lp_bound(model, lp_time_limit)
        result.seconds += result.lp_seconds
        keep(bound, "LP")

    if lp_time_limit > 0 and lp_first:
        lp()
    if result.optimal or time_limit <= 0:  # proved by the LP bound, or no MIP wanted
        return result
    h = _highs(model, time_limit, integer=True)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1.0 - 1e-6 if integral else 1e-6)  # integral: a gap < 1 proves it
    h.setOptionValue("mip_lp_solver", mip_lp_solver)
    if col is not None:
        sol = highspy.HighsSolution()
        sol.col_value = col.tolist()
        sol.value_valid = True
        h.setSolution(sol)
    t = time.perf_counter()
    h.run()
    result.seconds += time.perf_counter() - t
    info = h.getInfo()
    result.status = h.modelStatusToString(h.getModelStatus())
    result.nodes = int(info.mip_node_count)
    if info.primal_solution_status:  # the solver holds a feasible plan
        result.best = max(result.best, float(info.objective_function_value))
    mip_bound = float(info.mip_dual_bound)
    keep(mip_bound if mip_bound == mip_bound else np.inf, "MIP")
    if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        result.optimal = True  # within the gap tolerance, i.e. exactly when the objective is integral
        result.bound_from = "MIP"
    elif lp_time_limit > 0 and not lp_first:
        lp()
    return result


def lp_bound(model: Model, time_limit: float) -> tuple[float, float]:
    """An upper bound of the optimum from the LP relaxation's duals, and the seconds it took.

    Weak duality makes it valid whatever the solver's accuracy or status: for max c.x with
    A x <= b and 0 <= x <= u, every y >= 0 gives c.x = y.A x + (c - A'y).x <= y.b + sum u
    max(0, c - A'y). The duals come from the interior point method without crossover (we need no
    basis); HiGHS solves min -c.x, without presolve (see below); if the bound is still looser than
    the LP's own objective, crossover polishes the duals. Either sign convention is clipped to
    y >= 0 and the smaller bound kept (both are valid)."""
    import highspy

    t = time.perf_counter()
    h = _highs(model, time_limit, integer=False)
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    h.changeColsCost(model.n_cols, np.arange(model.n_cols, dtype=np.int32), -np.asarray(model.cost))
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    # Without a basis, HiGHS's postsolve does not restore accurate duals for the rows presolve
    # removed (the bound came out ~1.5% loose): solve the model as it is.
    h.setOptionValue("presolve", "off")
    h.run()
    bound = _dual_bound(model, h)
    primal = -float(h.getInfo().objective_function_value)
    left = time_limit - (time.perf_counter() - t)
    if bound > primal + 1e-5 * abs(primal) + 1e-6 and left > 1.0:
        # Duals not accurate enough for a tight bound (the interior point stopped imprecise or on
        # its time limit): polish them with crossover in the time left.
        h.setOptionValue("run_crossover", "on")
        h.setOptionValue("time_limit", left)
        h.run()
        bound = min(bound, _dual_bound(model, h))
    return bound, time.perf_counter() - t


def _dual_bound(model: Model, h) -> float:  # h: highspy.Highs after solving min -c.x
    sol = h.getSolution()
    if not sol.dual_valid:
        return np.inf
    y_raw = np.asarray(sol.row_dual, dtype=np.float64)
    if not np.isfinite(y_raw).all():
        return np.inf
    starts, index, value = model.csr
    row_of = np.repeat(np.arange(len(model.rows)), np.diff(starts))
    cost, upper, rhs = np.asarray(model.cost), np.asarray(model.upper), model.rhs()
    bounds = []
    for y in (np.maximum(y_raw, 0.0), np.maximum(-y_raw, 0.0)):
        reduced = cost - np.bincount(index, weights=value * y[row_of], minlength=model.n_cols)
        bounds.append(float(rhs @ y + upper @ np.maximum(reduced, 0.0)))
    return min(bounds)
