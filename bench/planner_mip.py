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
  A class k of c_k such followers needs one y[k, r] (credited share) weighted c_k * w(k, r), and its
  exposure cap is one row sum_r y[k, r] <= N. On top of that:
  - the cap row is dropped when it can never bind (the class can be shown at most N requests:
    at most N requests have an eligible member following it, or these members' capacities add
    up to at most N);
  - without a cap row a class's value is separable by request, and whether it is shown r only
    depends on S = {members following it who are eligible for r}: one coverage variable
    u[r, S] <= sum_{m in S} x[r, m] (u <= 1) carries the summed weights of every such class, and
    when S is a single member the weight goes straight onto x[r, m] (no variable at all);
  - classes with a cap row share the same u[r, S] (y[k, r] <= u[r, S], or <= x[r, m]).
  The y and u stay continuous: for any integer x the best y is integral (a uniform matroid), so
  the optimum is exact. `tests/planner/test_planner_mip.py` checks that both formulations have
  the same optimum on small instances.

Not modelled (so the MIP is a relaxation of what the planner may do, never flattering it): the
anti-flooding guard, the fairness phase, the planner's minimum gain per repost, count-only
members (bench instances have none), seekers' own followers (none either: raises).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from colibri.core.audience import FollowerProfile, bitmap_to_array
from colibri.core.planner import PlanConfig, PlanMember, PlanRequest, _Planner


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
    constant: float = 0.0

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
        return float(np.dot(self.cost, col)) + self.constant, col


@dataclass
class Result:
    best: float  # best plan found by the solver
    bound: float  # proven upper bound (dual bound), = best when proved optimal
    optimal: bool
    seconds: float
    nodes: int
    status: str


def build(
    requests: Sequence[PlanRequest],
    members: Sequence[PlanMember],
    config: PlanConfig,
    profile: FollowerProfile | None,
    aggregate: bool = True,
) -> Model:
    p = _Planner(requests, members, config, profile, ())
    if any(m.audience is None for m in p.members):
        raise ValueError("the MIP models members with a known follower list only")
    if any(r.seeker_followers for r in p.requests):
        raise ValueError("the MIP does not model seekers' own followers")
    n_r, n_m = len(p.requests), len(p.members)
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
    if n_r > 64:
        raise ValueError("relevance masks hold 64 requests")

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


def solve(
    model: Model,
    time_limit: float,
    start: Iterable[tuple[int, int]] | None = None,
    threads: int = 1,
) -> Result:
    """Maximise with HiGHS (one thread, relative gap 0), optionally warm-started from a plan."""
    import highspy

    h = highspy.Highs()
    h.setOptionValue("output_flag", bool(os.environ.get("MIP_LOG")))
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", threads)
    h.setOptionValue("mip_rel_gap", 0.0)
    if all(float(c).is_integer() for c in model.cost):
        # Every plan's value is an integer: a gap below 1 proves optimality.
        h.setOptionValue("mip_abs_gap", 1.0 - 1e-6)
    else:
        h.setOptionValue("mip_abs_gap", 1e-6)
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = model.n_cols
    lp.num_row_ = len(model.rows)
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.offset_ = model.constant
    lp.col_cost_ = np.array(model.cost, dtype=np.float64)
    lp.col_lower_ = np.zeros(model.n_cols)
    lp.col_upper_ = np.array(model.upper, dtype=np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * model.integer + [highspy.HighsVarType.kContinuous] * (
        model.n_cols - model.integer
    )
    lp.row_lower_ = np.full(len(model.rows), -inf)
    lp.row_upper_ = np.array([r[0] for r in model.rows], dtype=np.float64)
    starts, index, value = [0], [], []
    for _, cols, coefs in model.rows:
        index.extend(cols)
        value.extend(coefs)
        starts.append(len(index))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    lp.a_matrix_.num_col_ = model.n_cols
    lp.a_matrix_.num_row_ = len(model.rows)
    h.passModel(lp)
    if start is not None:
        _, col = model.value_of(start)
        sol = highspy.HighsSolution()
        sol.col_value = col.tolist()
        sol.value_valid = True
        h.setSolution(sol)
    t = time.perf_counter()
    h.run()
    secs = time.perf_counter() - t
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    best = float(info.objective_function_value)
    bound = max(best, float(info.mip_dual_bound))
    optimal = h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return Result(best, bound, optimal, secs, int(info.mip_node_count), status)
