"""Relay planner: which member reposts which approved request, in which slot, and why.

The problem (issue 7). Each member m has an audience A_m (a roaring bitmap of dense follower ids,
see `colibri.core.audience`) or only a follower count, a daily capacity (budget left today and
this week, one repost per slot outside their quiet hours) and preferences (régions, job
families). We choose assignments (request r, member m) to maximise

    sum over followers f of the weights of the (at most N) best requests shown to f,

where a request is shown to f when one of its assigned members has f as a follower, N is the
per-follower exposure cap ("our networks could not absorb more": after N requests a follower's
attention is spent, more reposts to them are worth nothing) and a request weighs
1 + relevance_bonus for a follower who lives in its région or matches its job family, else 1.
`colibri.core.reach` defines the accounting precisely and recomputes every figure from scratch.

This is a capped coverage objective (monotone submodular) under a partition
matroid (member capacities), for which greedy is a 1/2-approximation and lazy greedy is the
standard fast way to run it; `bench/planner.py` measures it against the exact MIP optimum.

Hard constraints: capacities (daily and weekly budget, one repost per allowed slot), quiet hours,
member preferences, coordinator exclusions; and an anti-flooding guard: a member reposts only while
at least `min_fresh_share` of their followers are still under the exposure cap, so one repost
over-exposes at most (1 - min_fresh_share) of an audience (1.0 = nobody ever sees more than N
requests, the strict reading of the rule; the default 0.5 stops accounts whose audience is mostly
saturated). Saturation only grows during a plan, so a member failing the guard is done for the day.

Fairness: phase 1 goes round by round over the requests below `min_reach`, oldest first, giving
each one member per round (the smallest that closes its gap alone, else the one adding most),
until every request has the minimum reach or nobody can add to it; only then phase 2 runs the
global lazy greedy. Credits won in phase 1 (and locked assignments) are protected: phase 2 never
takes them for a more relevant request, so the minimum reach still holds at the end. The
seeker's own network never earns priority: their followers are excluded from the reach (they saw
the post already).

Deterministic: requests are ordered by (waiting_since, id), members by id, and every tie is
broken by that order (numpy argmax returns the first maximum).
"""

from __future__ import annotations

import time as _time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from pyroaring import BitMap

from colibri.core.audience import FollowerProfile, bitmap_from_array, bitmap_to_array
from colibri.core.plan_types import PlanConfig, PlanMember, PlanRequest
from colibri.core.reach import RequestReach, calibrate_population, estimated_extra, recompute, relevant_share

NEG = -np.inf


@dataclass(frozen=True, slots=True)
class Assignment:
    request_id: str
    member_id: str
    slot: datetime
    rank: int  # position in plan order (credits go to relevant requests first, then in this order)
    phase: int  # 0 locked by a coordinator, 1 minimum reach (fairness), 2 maximise reach
    reach_added: int  # followers under the cap newly shown the request when it was planned
    relevant_added: int  # relevant credits gained (can include followers at the cap swapping in)
    estimated_added: float  # count-only members: expected new followers (an estimate)
    value_added: float  # objective increase, relevance-weighted (sums to Plan.total_value)
    relevance: float  # share of relevant followers among the added ones
    estimate: bool
    locked: bool
    explanation_fr: str

    def to_json(self) -> dict[str, Any]:
        return {
            "request_id": self.request_id,
            "member_id": self.member_id,
            "slot": self.slot.isoformat(),
            "rank": self.rank,
            "phase": self.phase,
            "reach_added": self.reach_added,
            "relevant_added": self.relevant_added,
            "estimated_added": round(self.estimated_added, 1),
            "value_added": round(self.value_added, 3),
            "relevance": round(self.relevance, 4),
            "estimate": self.estimate,
            "locked": self.locked,
            "explanation_fr": self.explanation_fr,
        }


@dataclass(slots=True)
class Plan:
    assignments: list[Assignment]
    reach_by_request: dict[str, RequestReach]
    total_reach: int
    total_relevant: int
    total_estimated: float
    total_value: float
    config: PlanConfig  # the effective config (calibrated population filled in)
    stats: dict[str, Any] = field(default_factory=dict)

    def for_request(self, request_id: str) -> list[Assignment]:
        return [a for a in self.assignments if a.request_id == request_id]

    def for_member(self, member_id: str) -> list[Assignment]:
        return sorted((a for a in self.assignments if a.member_id == member_id), key=lambda a: a.slot)

    def pairs(self) -> list[tuple[str, str]]:
        return [(a.request_id, a.member_id) for a in self.assignments]

    def to_json(self) -> dict[str, Any]:
        return {
            "assignments": [a.to_json() for a in self.assignments],
            "reach_by_request": {
                rid: {
                    "reach": r.reach,
                    "relevant": r.relevant,
                    "estimated": round(r.estimated, 1),
                    "value": round(r.value, 3),
                    "already_reached": r.already_reached,
                    "members": r.members,
                }
                for rid, r in self.reach_by_request.items()
            },
            "total_reach": self.total_reach,
            "total_relevant": self.total_relevant,
            "total_estimated": round(self.total_estimated, 1),
            "total_value": round(self.total_value, 3),
            "stats": self.stats,
        }


@dataclass(slots=True)
class _Eval:
    value: float
    reach: int = 0
    relevant: int = 0
    estimated: float = 0.0
    new: BitMap | None = None  # followers newly shown the request
    new_relevant: BitMap | None = None  # of which relevant to it
    fresh_relevant: int = 0  # relevant followers newly credited who were under the cap


def fmt_int(n: float) -> str:
    """French thousands separator (narrow no-break space): 1240 -> '1 240'."""
    return f"{round(n):,}".replace(",", "\u202f")


class Planner:
    """One planning run's state (`plan()` drives it; the benchmarks drive its phases one by one)."""

    def __init__(
        self,
        requests: Sequence[PlanRequest],
        members: Sequence[PlanMember],
        config: PlanConfig,
        profile: FollowerProfile | None,
        excluded: Iterable[tuple[str, str]],
    ) -> None:
        self.t0 = _time.perf_counter()
        self.requests = sorted(requests, key=lambda r: (r.waiting_since, r.id))
        self.members = sorted(members, key=lambda m: m.id)
        if len({r.id for r in requests}) != len(requests) or len({m.id for m in members}) != len(members):
            raise ValueError("request and member ids must be unique")
        self.ridx = {r.id: i for i, r in enumerate(self.requests)}
        self.midx = {m.id: j for j, m in enumerate(self.members)}
        self.profile = profile
        self.tz = ZoneInfo(config.timezone)
        self.cap = config.exposure_cap
        self.bonus = config.relevance_bonus
        self.evaluations = 0

        # Overlap model population, only needed when some audiences are unknown.
        known = [m.audience for m in self.members if m.audience is not None]
        counts = [m.follower_count for m in self.members if m.audience is None]
        if counts and config.population is None:
            # Calibrated on the audiences we know, but never so small that a count-only account could
            # not be entirely new to them (tiny known audiences would otherwise cap every estimate).
            distinct = len(BitMap.union(*known)) if len(known) > 1 else sum(len(a) for a in known)
            floor = float(distinct + max(counts)) or 1.0
            config = replace(config, population=max(calibrate_population(known, default=floor), floor))
        self.config = config
        self.population = float(config.population or 0.0)

        # Slots and capacities (quiet hours, budgets, one repost per slot).
        slots = sorted(s for s in (config.slots or (config.now,)) if s >= config.now)
        self.slots = slots
        self.allowed: list[list[int]] = []
        cap_list = []
        for m in self.members:
            ok = [k for k, s in enumerate(slots) if not m.quiet_at(s, self.tz)]
            self.allowed.append(ok)
            cap_list.append(max(0, min(m.budget_day, m.budget_week_left, config.per_slot * len(ok))))
        self.capacity = np.array(cap_list, dtype=np.int64)
        self.used = np.zeros(len(self.members), dtype=np.int64)

        # Follower state.
        size = 0
        for m in self.members:
            if m.audience is not None and len(m.audience):
                size = max(size, m.audience.max() + 1)
        for r in self.requests:
            if r.seeker_followers is not None and len(r.seeker_followers):
                size = max(size, r.seeker_followers.max() + 1)
        if profile is not None:
            size = max(size, profile.size)
        self.exposures = np.zeros(size, dtype=np.uint16)
        self.saturated = BitMap()  # followers shown N requests (attention spent)
        # Unprotected (phase 2, non-relevant) credits held per follower, and the followers at the
        # cap holding at least one: a relevant request reaching them can take that credit.
        self.swappable_count = np.zeros(size, dtype=np.uint16)
        self.swappable = BitMap()
        self.sat_version = 0
        # Per member: (saturation version, followers under the cap, value at the last bound cap).
        self.free_cache: list[tuple[int, int, float]] = [(-1, 0, np.inf)] * len(self.members)
        self.covered = [BitMap(r.seeker_followers or ()) for r in self.requests]
        self.counts: list[list[int]] = [[] for _ in self.requests]
        # Overlap model state per request: prod(1 - n/P) and the n-weighted relevant share.
        self.est_miss = [1.0] * len(self.requests)
        self.est_num = [0.0] * len(self.requests)
        self.est_den = [0.0] * len(self.requests)
        self.reach = np.zeros(len(self.requests), dtype=np.int64)  # credits gained (sums to the total)
        self.relevant = np.zeros(len(self.requests), dtype=np.int64)
        self.relevant_sets = self._relevant_sets()
        self.bounds = self._initial_bounds(excluded)
        self.out: list[tuple[int, int, int, _Eval, bool]] = []  # (r, m, phase, eval, locked)

    # -- set-up ---------------------------------------------------------------------------------

    def _keys(self) -> list[tuple[int, tuple[int, ...]]]:
        prof = self.profile
        if prof is None:
            return [(-1, ()) for _ in self.requests]
        return [(prof.region_code(r.region), prof.family_codes(r.job_family)) for r in self.requests]

    def _relevant_sets(self) -> list[BitMap | None]:
        if self.profile is None:
            return [None for _ in self.requests]
        region_bms, family_bms = self.profile.bitmaps()
        cache: dict[tuple[int, tuple[int, ...]], BitMap | None] = {}
        out: list[BitMap | None] = []
        for key in self._keys():
            if key not in cache:
                parts = ([region_bms[key[0]]] if key[0] >= 0 else []) + [family_bms[f] for f in key[1]]
                cache[key] = BitMap.union(*parts) if len(parts) > 1 else (parts[0] if parts else None)
            out.append(cache[key])
        return out

    def _initial_bounds(self, excluded: Iterable[tuple[str, str]]) -> np.ndarray:
        """Exact first-pick gains, vectorised (they are upper bounds for lazy greedy afterwards)."""
        n_r, n_m = len(self.requests), len(self.members)
        sizes = np.array([m.size for m in self.members], dtype=np.float64)
        rel = np.zeros((n_r, n_m), dtype=np.float64)
        exact = [j for j, m in enumerate(self.members) if m.audience is not None]
        if self.profile is not None and exact and self.bonus:
            rel[:, exact] = self._relevant_counts(exact)
        req_regions = [r.region for r in self.requests]
        for j, m in enumerate(self.members):
            if m.audience is None and m.follower_regions:
                share = {reg: relevant_share(m, r) for reg, r in zip(req_regions, self.requests, strict=True)}
                rel[:, j] = [m.follower_count * share[reg] for reg in req_regions]
        bounds = sizes[None, :] + self.bonus * rel
        self.rel0 = rel  # initial relevant counts: relevant fresh followers never exceed them
        bounds[~self._eligible(excluded)] = NEG
        return np.ascontiguousarray(bounds)

    def _eligible(self, excluded: Iterable[tuple[str, str]]) -> np.ndarray:
        """(request, member) pairs allowed by preferences, capacity and coordinator exclusions.

        Vectorised by distinct preference: a few région sets and family-prefix sets, not per pair."""
        n_r, n_m = len(self.requests), len(self.members)
        ok = np.zeros((n_r, n_m), dtype=bool)
        ok[:, self.capacity > 0] = True
        regions = [r.region for r in self.requests]
        fams = [r.job_family or "" for r in self.requests]
        by_regions: dict[frozenset[str], list[int]] = {}
        by_fams: dict[frozenset[str], list[int]] = {}
        for j, m in enumerate(self.members):
            if m.regions:
                by_regions.setdefault(m.regions, []).append(j)
            if m.job_families:
                by_fams.setdefault(m.job_families, []).append(j)
        for wanted, cols in by_regions.items():
            rows = np.array([reg in wanted for reg in regions], dtype=bool)
            ok[np.ix_(~rows, np.array(cols))] = False
        prefix_rows: dict[str, np.ndarray] = {}
        for wanted_f, cols in by_fams.items():
            rows = np.zeros(n_r, dtype=bool)
            for pre in wanted_f:
                if pre and pre not in prefix_rows:
                    prefix_rows[pre] = np.array([f.startswith(pre) for f in fams], dtype=bool)
                if pre:
                    rows |= prefix_rows[pre]
            ok[np.ix_(~rows, np.array(cols))] = False
        # Networks: a pair across two known networks is impossible (a repost stays on its network).
        req_nets = np.array([r.network or "" for r in self.requests], dtype=object)
        for net in {m.network for m in self.members if m.network is not None}:
            net_cols = np.array([j for j, m in enumerate(self.members) if m.network == net])
            other = (req_nets != net) & (req_nets != "")
            ok[np.ix_(other, net_cols)] = False
        for rid, mid in excluded:
            if rid in self.ridx and mid in self.midx:
                ok[self.ridx[rid], self.midx[mid]] = False
        return ok

    def _relevant_counts(self, exact: list[int]) -> np.ndarray:
        """|A_m ∩ relevant(r)| for every request and exact member, via per-member joint histograms."""
        prof = self.profile
        assert prof is not None
        nr, nf = len(prof.region_names) + 1, len(prof.family_names) + 1
        # One joint (région, family) code per follower id; ids beyond the profile are unknown (0).
        joint = np.zeros(self.exposures.size, dtype=np.int16)
        joint[: prof.size] = (prof.region.astype(np.int16) + 1) * nf + (prof.family.astype(np.int16) + 1)
        table = np.empty((len(exact), nr * nf), dtype=np.int64)
        for k, j in enumerate(exact):
            audience = self.members[j].audience
            assert audience is not None
            table[k] = np.bincount(joint[bitmap_to_array(audience)], minlength=nr * nf)
        cube = table.reshape(len(exact), nr, nf)
        by_region = cube.sum(axis=2)  # (members, nr)
        by_family = cube.sum(axis=1)  # (members, nf)
        out = np.zeros((len(self.requests), len(exact)), dtype=np.float64)
        cache: dict[tuple[int, tuple[int, ...]], np.ndarray] = {}
        for i, key in enumerate(self._keys()):
            if key not in cache:
                region, fams = key
                f_idx = [f + 1 for f in fams]
                v = by_family[:, f_idx].sum(axis=1) if f_idx else np.zeros(len(exact))
                if region >= 0:
                    v = v + by_region[:, region + 1]
                    if f_idx:
                        v = v - cube[:, region + 1, f_idx].sum(axis=1)
                cache[key] = v
            out[i] = cache[key]
        return out

    # -- evaluation -------------------------------------------------------------------------------

    def _est_value(self, known: int, miss: float, num: float, den: float) -> float:
        """Relevance-weighted expected followers of count-only members (same formula as reach.py)."""
        if not den or self.population <= 0:
            return 0.0
        share_new = max(0.0, 1.0 - known / self.population)
        return share_new * (self.population * (1.0 - miss)) * (1.0 + self.bonus * (num / den))

    def _est_state(self, i: int) -> tuple[float, float, float]:
        return self.est_miss[i], self.est_num[i], self.est_den[i]

    def _est_added(self, i: int, j: int) -> tuple[float, float, float]:
        member = self.members[j]
        n = float(member.follower_count)
        miss, num, den = self._est_state(i)
        pop = self.population
        miss2 = miss * (1.0 - min(n, pop) / pop) if pop > 0 else miss
        return miss2, num + n * relevant_share(member, self.requests[i]), den + n

    def evaluate(self, i: int, j: int, forced: bool = False) -> _Eval | None:
        """Marginal value of member j reposting request i now (None: nobody new to show it to)."""
        self.evaluations += 1
        member = self.members[j]
        cov = self.covered[i]
        if member.audience is None:
            known = len(cov)
            before = self._est_value(known, *self._est_state(i))
            after = self._est_value(known, *self._est_added(i, j))
            miss0, miss1 = self.est_miss[i], self._est_added(i, j)[0]
            share_new = max(0.0, 1.0 - known / self.population) if self.population > 0 else 0.0
            est = share_new * self.population * (miss0 - miss1)
            return _Eval(value=after - before, estimated=est)
        new = member.audience - cov
        n_new = len(new)
        if n_new == 0:
            return None if not forced else _Eval(0.0, new=new)
        sat = self.saturated
        fresh = n_new - new.intersection_cardinality(sat)
        rel = 0
        nr = None
        rset = self.relevant_sets[i]
        if rset is not None:
            nr = new & rset
            rel_fresh = len(nr) - nr.intersection_cardinality(sat)
            # A relevant follower at the cap still holding a swappable credit (an unprotected,
            # non-relevant one) gives it to this request: +bonus, same head count.
            rel = rel_fresh + nr.intersection_cardinality(self.swappable)
            value = fresh + self.bonus * rel
        else:
            value = float(fresh)
            rel_fresh = 0
        if self.est_den[i]:  # known followers shrink the room left for the estimated ones
            known = len(cov)
            state = self._est_state(i)
            value += self._est_value(known + n_new, *state) - self._est_value(known, *state)
        return _Eval(
            value=value, reach=fresh, relevant=rel, new=new, new_relevant=nr, fresh_relevant=rel_fresh
        )

    def member_free(self, j: int) -> int:
        """Followers of member j still under the exposure cap (cached per saturation change)."""
        version, free, capped_at = self.free_cache[j]
        if version == self.sat_version:
            return free
        audience = self.members[j].audience
        assert audience is not None
        free = len(audience) - audience.intersection_cardinality(self.saturated)
        if free < 0.98 * capped_at:
            # Nobody adds more than their followers under the cap (plus the relevance bonus of
            # those under the relevant cap), whatever the request: cap all their bounds at once.
            # Within 2% (the lazy greedy's epsilon): a looser cap left every request's stale bound
            # above the accept threshold, so each member was re-evaluated once per request
            # (1,000 members x 200 requests: 95,854 evaluations and 3.8 s at 10%, 12,347 and 2.1 s
            # here, plan value -0.06%; bench/planner.py optimum ratios unchanged within LP noise).
            free_rel = free + audience.intersection_cardinality(self.swappable)
            col = self.bounds[:, j]
            np.minimum(col, free + self.bonus * np.minimum(self.rel0[:, j], free_rel), out=col)
            capped_at = free
        self.free_cache[j] = (self.sat_version, free, capped_at)
        return free

    def guard_ok(self, j: int) -> bool:
        """Anti-flooding guard: enough of the member's audience must still be under the cap."""
        audience = self.members[j].audience
        if audience is None:
            return True  # unknown followers cannot be capped one by one (reported as estimates)
        return self.member_free(j) >= self.config.min_fresh_share * len(audience) and len(audience) > 0

    def refresh(self, i: int, j: int) -> _Eval | None:
        if not self.guard_ok(j):
            self.bounds[:, j] = NEG  # saturation only grows: this member is done for today
            return None
        ev = self.evaluate(i, j)
        self.bounds[i, j] = NEG if ev is None else ev.value
        return ev

    def accept(self, i: int, j: int, ev: _Eval, phase: int, locked: bool = False) -> None:
        member = self.members[j]
        if member.audience is None:
            self.counts[i].append(member.follower_count)
            self.est_miss[i], self.est_num[i], self.est_den[i] = self._est_added(i, j)
        else:
            assert ev.new is not None
            self._credit(ev, protected=phase != 2)
            self.covered[i] |= member.audience
            self.reach[i] += ev.reach
            self.relevant[i] += ev.relevant
        self.used[j] += 1
        self.bounds[i, j] = NEG
        if self.used[j] >= self.capacity[j]:
            self.bounds[:, j] = NEG
        self.out.append((i, j, phase, ev, locked))

    def _credit(self, ev: _Eval, protected: bool) -> None:
        """Book the exposures and credits of an accepted repost (see `colibri.core.reach`)."""
        assert ev.new is not None
        cap = self.cap
        ids = bitmap_to_array(ev.new)
        if not len(ids):
            return
        seen = self.exposures[ids]
        self.exposures[ids] = seen + 1
        just_full = ids[seen + 1 == cap]
        if ev.new_relevant is not None and len(ev.new_relevant):
            rel_ids = bitmap_to_array(ev.new_relevant)
            others = bitmap_to_array(ev.new - ev.new_relevant)
        else:
            rel_ids, others = ids[:0], ids
        touched = ids
        if not protected:
            # Phase 2 credits are unprotected: a more relevant request may take them later.
            fresh_others = others[self.exposures[others] <= cap]  # were under the cap before
            self.swappable_count[fresh_others] += 1
            if len(self.swappable_count) and len(rel_ids):
                full_rel = rel_ids[self.exposures[rel_ids] > cap]  # were at the cap: swap one credit
                takers = full_rel[self.swappable_count[full_rel] > 0]
                self.swappable_count[takers] -= 1
        # Keep the swappable bitmap = followers at the cap still holding an unprotected credit.
        at_cap = touched[self.exposures[touched] >= cap]
        can = at_cap[self.swappable_count[at_cap] > 0]
        cannot = at_cap[self.swappable_count[at_cap] == 0]
        if can.size:
            self.swappable |= bitmap_from_array(can)
        if cannot.size:
            self.swappable -= bitmap_from_array(cannot)
        if just_full.size:
            self.saturated |= bitmap_from_array(just_full)
        self.sat_version += 1

    def total(self, i: int) -> float:
        r = self.requests[i]
        est = estimated_extra(self.population, len(self.covered[i]), self.counts[i])
        return r.already_reached + float(self.reach[i]) + est

    # -- phases ---------------------------------------------------------------------------------

    def lock(self, pairs: Iterable[tuple[str, str]]) -> None:
        for rid, mid in pairs:
            if rid not in self.ridx or mid not in self.midx:
                raise ValueError(f"locked assignment refers to an unknown request or member: {rid}, {mid}")
            i, j = self.ridx[rid], self.midx[mid]
            if self.bounds[i, j] == NEG and any(o[0] == i and o[1] == j for o in self.out):
                continue
            ev = self.evaluate(i, j, forced=True)
            assert ev is not None
            self.accept(i, j, ev, phase=0, locked=True)

    def best_in_row(self, i: int) -> tuple[int, _Eval] | None:
        row = self.bounds[i]
        if row.size == 0:  # no member at all: nothing to pick (argmax of an empty row would raise)
            return None
        eps = self.config.epsilon
        while True:
            j = int(row.argmax())
            if not row[j] >= self.config.min_value:
                return None
            ev = self.refresh(i, j)
            if ev is None:
                continue
            j2 = int(row.argmax())
            if ev.value >= self.config.min_value and (j2 == j or ev.value >= (1.0 - eps) * row[j2]):
                return j, ev

    def best_fit(self, i: int, deficit: float, tries: int = 24, keep: int = 4) -> tuple[int, _Eval] | None:
        """A small member that closes request i's deficit on its own, if any.

        Topping a request up to the minimum with just enough audience keeps the big audiences for
        phase 2, where they go where they add most, instead of to whoever is oldest. Among the
        first few smallest that close the gap, the most relevant one wins."""
        row = self.bounds[i]
        cand = np.flatnonzero(row >= max(deficit, self.config.min_value))
        if cand.size == 0:
            return None
        order = cand[np.argsort(row[cand], kind="stable")]
        found: list[tuple[float, int, int, _Eval]] = []  # (value per follower, -rank, member, eval)
        for j in order[:tries].tolist():
            if row[j] < deficit:  # its bound dropped below the deficit while we looked
                continue
            ev = self.refresh(i, j)
            added = ev.reach + ev.estimated if ev is not None else 0.0
            if ev is not None and ev.value >= self.config.min_value and added >= deficit:
                found.append((ev.value / added if added else 0.0, -len(found), j, ev))
                if len(found) >= keep:
                    break
        if not found:
            return None
        best = max(found, key=lambda f: (f[0], f[1]))
        return best[2], best[3]

    def fairness(self) -> list[str]:
        """Phase 1: one member per round to each request below the minimum, oldest first."""
        target = self.config.min_reach
        active = [i for i in range(len(self.requests)) if self.total(i) < target]
        starved: list[str] = []
        while active:
            still = []
            for i in active:
                pick = self.best_fit(i, target - self.total(i)) or self.best_in_row(i)
                if pick is None:
                    starved.append(self.requests[i].id)
                    continue
                self.accept(i, pick[0], pick[1], phase=1)
                if self.total(i) < target:
                    still.append(i)
            active = still
        return starved

    def maximise(self) -> None:
        """Phase 2: global lazy greedy over (request, member) bounds."""
        bounds = self.bounds
        rowmax = bounds.max(axis=1) if bounds.size else np.zeros(0)
        eps, floor = self.config.epsilon, self.config.min_value
        while rowmax.size:
            i = int(rowmax.argmax())
            if not rowmax[i] >= floor:
                return
            row = bounds[i]
            j = int(row.argmax())
            if row[j] < rowmax[i]:  # the row's max was stale (member exhausted, bound capped)
                rowmax[i] = row[j]
                continue
            ev = self.refresh(i, j)
            rowmax[i] = row.max()
            if ev is None or ev.value < floor:
                continue
            i2 = int(rowmax.argmax())
            if (i2 == i and row[j] == rowmax[i]) or ev.value >= (1.0 - eps) * rowmax[i2]:
                self.accept(i, j, ev, phase=2)
                rowmax[i] = row.max()

    # -- output ---------------------------------------------------------------------------------

    def finish(self, starved: list[str]) -> Plan:
        per_member_k: dict[int, int] = {}
        assignments: list[Assignment] = []
        by_req_members = np.zeros(len(self.requests), dtype=np.int64)
        for rank, (i, j, phase, ev, locked) in enumerate(self.out):
            member, request = self.members[j], self.requests[i]
            k = per_member_k.get(j, 0)
            per_member_k[j] = k + 1
            allowed = self.allowed[j] or list(range(len(self.slots)))
            slot_pos = allowed[min(k // max(1, self.config.per_slot), len(allowed) - 1)] if allowed else None
            slot = self.slots[slot_pos] if slot_pos is not None else self.config.now
            remaining = int(max(0, self.capacity[j] - (k + 1)))
            added = ev.reach if member.audience is not None else ev.estimated
            relevance = (
                (ev.fresh_relevant / ev.reach)
                if ev.reach
                else (relevant_share(member, request) if ev.estimated else 0.0)
            )
            by_req_members[i] += 1
            assignments.append(
                Assignment(
                    request_id=request.id,
                    member_id=member.id,
                    slot=slot,
                    rank=rank,
                    phase=phase,
                    reach_added=ev.reach,
                    relevant_added=ev.relevant,
                    estimated_added=ev.estimated,
                    value_added=ev.value,
                    relevance=relevance,
                    estimate=member.audience is None,
                    locked=locked,
                    explanation_fr=self.explain(request, member, phase, added, ev, remaining),
                )
            )
        # Per-request figures need the final attribution of each follower's N credits (relevant
        # requests first, then plan order): computed once from scratch by the reach module.
        report = recompute(
            assignments, self.requests, self.members, self.config, self.profile, guard_shares=False
        )
        by_request = report.by_request
        over = int((self.exposures > self.cap).sum())
        stats = {
            "requests": len(self.requests),
            "members": len(self.members),
            "assignments": len(assignments),
            "by_phase": {str(p): sum(1 for a in assignments if a.phase == p) for p in (0, 1, 2)},
            "members_used": len(per_member_k),
            "capacity": int(self.capacity.sum()),
            "below_min_reach": starved,
            "evaluations": self.evaluations,
            "followers_over_cap": over,
            "max_exposure": int(self.exposures.max()) if self.exposures.size else 0,
            "population": self.population or None,
            "seconds": round(_time.perf_counter() - self.t0, 4),
        }
        return Plan(
            assignments=assignments,
            reach_by_request=by_request,
            total_reach=int(self.reach.sum()),
            total_relevant=int(self.relevant.sum()),
            total_estimated=report.total_estimated,
            total_value=float(sum(ev.value for _, _, _, ev, _ in self.out)),
            config=self.config,
            stats=stats,
        )

    def explain(
        self, request: PlanRequest, member: PlanMember, phase: int, added: float, ev: _Eval, remaining: int
    ) -> str:
        parts: list[str] = []
        if phase == 0:
            parts.append("verrouillée par un coordinateur")
        if member.audience is None:
            parts.append(f"≈ +{fmt_int(added)} abonnés nouveaux (estimation : liste d'abonnés inconnue)")
        else:
            text = f"+{fmt_int(added)} abonnés nouveaux"
            where = []
            if request.region and self.profile is not None and self.profile.region_code(request.region) >= 0:
                where.append(f"en {request.region}")
            if (
                request.job_family
                and self.profile is not None
                and self.profile.family_codes(request.job_family)
            ):
                where.append(f"du domaine {request.job_family[:1]}")
            if ev.fresh_relevant and where:
                text += f", dont {fmt_int(ev.fresh_relevant)} {' ou '.join(where)}"
            swapped = ev.relevant - ev.fresh_relevant
            if swapped > 0 and where:
                # Followers at the cap for whom this request is more relevant than one they got.
                text += (
                    f", et {fmt_int(swapped)} abonnés {' ou '.join(where)} déjà très sollicités"
                    " pour qui elle compte davantage"
                )
            parts.append(text)
        if phase == 1:
            waited = self.config.now - request.waiting_since
            days = waited.days
            since = f"{days} j" if days >= 1 else f"{max(0, waited.seconds // 3600)} h"
            parts.append(
                f"priorité équité : en attente depuis {since}, portée minimale "
                f"{fmt_int(self.config.min_reach)} pas encore atteinte"
            )
        parts.append(f"budget restant {remaining}")
        text = " ; ".join(parts)
        return text[:1].upper() + text[1:]


def plan(
    requests: Sequence[PlanRequest],
    members: Sequence[PlanMember],
    config: PlanConfig,
    profile: FollowerProfile | None = None,
    locked: Iterable[tuple[str, str]] = (),
    excluded: Iterable[tuple[str, str]] = (),
) -> Plan:
    """Plan today's relays. `locked` (request_id, member_id) pairs are kept as a coordinator pinned
    them (even beyond guard or preferences); `excluded` pairs are never planned (a swap)."""
    p = Planner(requests, members, config, profile, excluded)
    p.lock(locked)
    starved = p.fairness()
    p.maximise()
    return p.finish(starved)
