"""Reach of a relay plan, recomputed from scratch, and reach estimates for tracking.

Definitions (shared with the planner, which maintains the same numbers incrementally):

* A repost of request r by member m *shows* r to every follower of m. Followers the seeker already
  has (`PlanRequest.seeker_followers`) saw the original post and are never counted.
* Per-follower daily exposure cap N: a follower is *credited* to at most N requests per day (the
  attention rule: one person reads only so many requests a day). A credited follower is worth
  1 + relevance_bonus when relevant to the request (lives in its région or matches its job
  family), else 1. Their N credits go first to the protected assignments (phases 0 and 1:
  locked by a coordinator, or the fairness minimum) in plan order (`Assignment.rank`), then to
  the requests worth most to them, relevant ones first, each group in plan order. The reach of a
  request is the number of distinct followers credited to it; the plan's value is
  ``sum(reach + bonus * relevant)``. Without protected assignments it is a monotone submodular
  function of the set of assignments (per follower, a weighted rank of a uniform matroid).
* Members whose follower list is unknown (only a count) are counted with an explicit overlap
  model (`expected_distinct`) and always reported separately as an *estimate*: their followers
  cannot be de-duplicated nor capped one by one.

This module does not import the planner: tests use it as an independent check of the numbers the
planner reports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from pyroaring import BitMap

from colibri.core.audience import FollowerProfile, bitmap_to_array
from colibri.core.plan_types import PlanConfig, PlanMember, PlanRequest


class PlannedPair(Protocol):
    """What the reach of a plan depends on: who reposts what, in which order."""

    @property
    def request_id(self) -> str: ...
    @property
    def member_id(self) -> str: ...
    @property
    def rank(self) -> int: ...
    @property
    def phase(self) -> int: ...


def expected_distinct(counts: Iterable[int], population: float) -> float:
    """Expected distinct followers of accounts whose followers are independent uniform draws.

    Each account of n followers covers a given person of the population P with probability n/P,
    so the union covers P * (1 - prod(1 - n_i / P)) people in expectation.
    """
    if population <= 0:
        return 0.0
    miss = 1.0
    for n in counts:
        miss *= 1.0 - min(float(n), population) / population
    return population * (1.0 - miss)


def calibrate_population(audiences: Sequence[BitMap], default: float = 0.0) -> float:
    """The population P for which `expected_distinct` matches the audiences we do know.

    Solves P * (1 - prod(1 - n_i/P)) = |union| by bisection; the left side grows with P
    (more people, less overlap), from max(n_i) towards sum(n_i).
    """
    sizes = [len(a) for a in audiences if len(a)]
    if not sizes:
        return default
    distinct = len(BitMap.union(*audiences)) if len(audiences) > 1 else sizes[0]
    total = sum(sizes)
    if distinct >= total:  # no overlap observed: the population is (practically) unbounded
        return float(max(default, 1000.0 * total))
    arr = np.array(sizes, dtype=np.float64)

    def model(pop: float) -> float:  # vectorised expected_distinct (thousands of audiences)
        return pop * -np.expm1(np.log1p(-np.minimum(arr, pop) / pop).sum()) if pop > arr.max() else pop

    lo, hi = float(max(sizes)), float(max(sizes))
    while model(hi) < distinct:
        hi *= 2.0
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if model(mid) < distinct:
            lo = mid
        else:
            hi = mid
    return hi


def estimated_extra(population: float, known_covered: int, counts: Sequence[int]) -> float:
    """Expected followers added by count-only members on top of `known_covered` known followers."""
    if not counts or population <= 0:
        return 0.0
    share_new = max(0.0, 1.0 - known_covered / population)
    return share_new * expected_distinct(counts, population)


def relevant_share(member: PlanMember, request: PlanRequest) -> float:
    """Share of a count-only member's followers in the request's région (declared by the member)."""
    if not member.follower_regions or not request.region:
        return 0.0
    return min(1.0, max(0.0, float(member.follower_regions.get(request.region, 0.0))))


@dataclass(frozen=True, slots=True)
class RequestReach:
    request_id: str
    reach: int  # distinct known followers credited to the request by the plan
    relevant: int  # of which relevant (région / job family)
    estimated: float  # extra followers expected from count-only members (an estimate)
    value: float  # reach + bonus * relevant + estimated value: the planner's objective for this request
    already_reached: int  # reach from reposts received before this plan
    members: int  # assignments for this request

    @property
    def total(self) -> float:
        """What fairness looks at: reach received before plus reach planned (exact + estimate)."""
        return self.already_reached + self.reach + self.estimated


@dataclass(slots=True)
class ReachReport:
    by_request: dict[str, RequestReach]
    # (reach_added, relevant_added, free_share) in plan order; free_share: share of the member's
    # followers under the cap just before the repost (what the anti-flooding guard looks at)
    per_assignment: list[tuple[int, int, float]]
    total_reach: int
    total_relevant: int
    total_estimated: float
    total_value: float
    max_exposure: int  # most requests shown to one follower
    over_cap: int  # followers shown more than N requests
    exposures: np.ndarray = field(repr=False)  # requests shown per follower id


def recompute(
    assignments: Sequence[PlannedPair],
    requests: Sequence[PlanRequest],
    members: Sequence[PlanMember],
    config: PlanConfig,
    profile: FollowerProfile | None = None,
    guard_shares: bool = True,
) -> ReachReport:
    """Reach of a plan from scratch, processing assignments in plan order (`rank`).

    `guard_shares=False` skips measuring, for each repost, the share of the member's followers
    under the cap just before it (reported as 1.0): the planner's own report does not need it."""
    req_by_id = {r.id: r for r in requests}
    mem_by_id = {m.id: m for m in members}
    cap = config.exposure_cap
    bonus = config.relevance_bonus
    size = _universe(requests, members, profile)
    exposures = np.zeros(size, dtype=np.int32)  # requests shown per follower
    rel_seen = np.zeros(size, dtype=np.int32)  # relevant requests shown per follower
    covered: dict[str, BitMap] = {}
    counts: dict[str, list[int]] = {rid: [] for rid in req_by_id}
    shares: dict[str, list[tuple[int, float]]] = {rid: [] for rid in req_by_id}
    n_members: dict[str, int] = dict.fromkeys(req_by_id, 0)
    free_shares: list[float] = []
    # (request, relevant ids, other ids, protected) per assignment
    shown: list[tuple[str, np.ndarray, np.ndarray, bool] | None] = []
    ordered = sorted(assignments, key=lambda a: a.rank)
    for a in ordered:  # pass 1: who is shown what, in plan order
        request, member = req_by_id[a.request_id], mem_by_id[a.member_id]
        n_members[request.id] += 1
        if member.audience is None:
            counts[request.id].append(member.follower_count)
            shares[request.id].append((member.follower_count, relevant_share(member, request)))
            free_shares.append(1.0)
            shown.append(None)
            continue
        cov = covered.get(request.id)
        if cov is None:
            cov = covered[request.id] = BitMap(request.seeker_followers or ())
        if guard_shares:
            everyone = bitmap_to_array(member.audience)
            free_shares.append(float((exposures[everyone] < cap).mean()) if everyone.size else 0.0)
        else:
            free_shares.append(1.0)
        ids = bitmap_to_array(member.audience - cov)
        cov |= member.audience
        exposures[ids] += 1
        mask = _relevant_mask(ids, request, profile)
        rel_seen[ids[mask]] += 1
        shown.append((request.id, ids[mask], ids[~mask], a.phase != 2))
    # Pass 2: each follower's N credits go to protected assignments first, then to relevant
    # requests, then to the others, each group in plan order.
    credits = np.zeros(size, dtype=np.int32)
    reach: dict[str, int] = dict.fromkeys(req_by_id, 0)
    relevant: dict[str, int] = dict.fromkeys(req_by_id, 0)
    got: list[list[int]] = [[0, 0] for _ in shown]  # per assignment: (credits, relevant credits)
    for group in ("protected", "relevant", "other"):
        for k, item in enumerate(shown):
            if item is None:
                continue
            rid, rel_ids, other_ids, protected = item
            parts: tuple[tuple[np.ndarray, bool], ...]
            if group == "protected":
                if not protected:
                    continue
                parts = ((rel_ids, True), (other_ids, False))
            elif protected:
                continue
            else:
                parts = ((rel_ids, True),) if group == "relevant" else ((other_ids, False),)
            for ids, is_rel in parts:
                won = ids[credits[ids] < cap]
                credits[won] += 1
                reach[rid] += int(won.size)
                got[k][0] += int(won.size)
                if is_rel:
                    relevant[rid] += int(won.size)
                    got[k][1] += int(won.size)
    per_assignment = [(c, r, f) for (c, r), f in zip(got, free_shares, strict=True)]
    population = config.population or 0.0
    by_request: dict[str, RequestReach] = {}
    for rid, request in req_by_id.items():
        known = len(covered[rid]) if rid in covered else len(request.seeker_followers or ())
        est = estimated_extra(population, known, counts[rid])
        est_value = est * (1.0 + bonus * _weighted_share(shares[rid]))
        by_request[rid] = RequestReach(
            request_id=rid,
            reach=reach[rid],
            relevant=relevant[rid],
            estimated=est,
            value=reach[rid] + bonus * relevant[rid] + est_value,
            already_reached=request.already_reached,
            members=n_members[rid],
        )
    return ReachReport(
        by_request=by_request,
        per_assignment=per_assignment,
        total_reach=sum(reach.values()),
        total_relevant=sum(relevant.values()),
        total_estimated=sum(r.estimated for r in by_request.values()),
        total_value=sum(r.value for r in by_request.values()),
        max_exposure=int(exposures.max()) if exposures.size else 0,
        over_cap=int((exposures > cap).sum()),
        exposures=exposures,
    )


def _universe(
    requests: Sequence[PlanRequest], members: Sequence[PlanMember], profile: FollowerProfile | None
) -> int:
    top = -1
    for m in members:
        if m.audience is not None and len(m.audience):
            top = max(top, m.audience.max())
    for r in requests:
        if r.seeker_followers is not None and len(r.seeker_followers):
            top = max(top, r.seeker_followers.max())
    return max(top + 1, profile.size if profile is not None else 0)


def _relevant_mask(ids: np.ndarray, request: PlanRequest, profile: FollowerProfile | None) -> np.ndarray:
    if profile is None or ids.size == 0:
        return np.zeros(ids.size, dtype=bool)
    inside = ids < profile.size
    safe = np.where(inside, ids, 0)
    mask = np.zeros(ids.size, dtype=bool)
    code = profile.region_code(request.region)
    if code >= 0:
        mask |= profile.region[safe] == code
    for fam in profile.family_codes(request.job_family):
        mask |= profile.family[safe] == fam
    return mask & inside


def _weighted_share(shares: Sequence[tuple[int, float]]) -> float:
    total = sum(n for n, _ in shares)
    return sum(n * s for n, s in shares) / total if total else 0.0


def tracked_reach(
    audiences: Iterable[BitMap], follower_counts: Iterable[int] = (), population: float | None = None
) -> tuple[int, float]:
    """Distinct followers of everyone who reposted a request: (exact, estimated extra).

    Reposters with a known follower list are de-duplicated exactly; reposters known only by their
    follower count are added with the overlap model (an estimate, reported separately).
    """
    known = [a for a in audiences if a is not None]
    exact = len(BitMap.union(*known)) if len(known) > 1 else (len(known[0]) if known else 0)
    counts = [int(c) for c in follower_counts]
    if not counts:
        return exact, 0.0
    pop = population if population else calibrate_population(known, default=float(sum(counts)) or 1.0)
    pop = max(pop, float(exact))
    return exact, estimated_extra(pop, exact, counts)


def exposures_by_follower(report: ReachReport) -> Mapping[int, int]:
    idx = np.flatnonzero(report.exposures)
    return dict(zip(idx.tolist(), report.exposures[idx].tolist(), strict=True))
