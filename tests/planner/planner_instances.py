"""Small random relay-planning instances shared by the planner tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta

import numpy as np
from pyroaring import BitMap

from colibri.core.audience import FollowerProfile
from colibri.core.planner import PlanConfig, PlanMember, PlanRequest
from tests.clock import NOW  # 08:00 in Paris; the planner is given it, it never reads the clock

SLOTS = tuple(NOW + timedelta(hours=h) for h in (1.0, 4.5, 10.0, 13.0))  # 09:00 12:30 18:00 21:00 Paris
REGIONS = ("Bretagne", "Occitanie", "Normandie")
FAMILIES = ("M", "K", "N")


@dataclass
class Instance:
    requests: list[PlanRequest]
    members: list[PlanMember]
    config: PlanConfig
    profile: FollowerProfile | None


def random_instance(
    seed: int,
    n_members: int = 10,
    n_requests: int = 4,
    n_followers: int = 300,
    cap: int = 2,
    min_fresh_share: float = 0.5,
    min_reach: int = 50,
    bonus: float = 1.0,
    per_slot: int = 1,
    with_profile: bool = True,
    count_only: float = 0.0,
    seeker_networks: bool = False,
) -> Instance:
    rng = np.random.default_rng(seed)
    profile = None
    if with_profile:
        profile = FollowerProfile(
            rng.integers(-1, len(REGIONS), n_followers).astype(np.int16),
            rng.integers(-1, len(FAMILIES), n_followers).astype(np.int16),
            REGIONS,
            FAMILIES,
        )
    members = []
    for j in range(n_members):
        size = int(rng.integers(0, n_followers // 2))
        # Skewed draws: low ids are popular, so audiences overlap heavily.
        ids = np.unique(np.floor(n_followers * rng.random(size) ** 2).astype(np.uint32))
        r = rng.random(6)
        quiet = None
        if r[0] < 0.3:
            quiet = (time(int(rng.integers(0, 24)), 0), time(int(rng.integers(0, 24)), 30))
        regions = frozenset(rng.choice(REGIONS, 1).tolist()) if r[1] < 0.25 else frozenset()
        families = frozenset(rng.choice(FAMILIES, 2, replace=False).tolist()) if r[2] < 0.2 else frozenset()
        common = dict(
            budget_day=int(rng.integers(0, 4)),
            budget_week_left=int(rng.integers(0, 5)),
            regions=regions,
            job_families=families,
            quiet_hours=quiet,
        )
        if r[3] < count_only:
            members.append(
                PlanMember(
                    f"m{j:02d}",
                    follower_count=int(ids.size),
                    follower_regions={REGIONS[0]: float(r[4])},
                    **common,
                )
            )
        else:
            members.append(PlanMember(f"m{j:02d}", audience=BitMap(ids), **common))
    requests = []
    for i in range(n_requests):
        seeker = None
        if seeker_networks and rng.random() < 0.5:
            seeker = BitMap(rng.integers(0, n_followers, int(rng.integers(1, 60))).astype(np.uint32))
        requests.append(
            PlanRequest(
                f"r{i:02d}",
                NOW - timedelta(hours=float(rng.integers(1, 200))),
                region=REGIONS[int(rng.integers(0, 3))] if rng.random() < 0.8 else None,
                job_family=f"{FAMILIES[int(rng.integers(0, 3))]}1{int(rng.integers(100, 999))}",
                already_reached=int(rng.integers(0, 60)) if rng.random() < 0.3 else 0,
                seeker_followers=seeker,
            )
        )
    config = PlanConfig(
        now=NOW,
        slots=SLOTS,
        exposure_cap=cap,
        min_fresh_share=min_fresh_share,
        min_reach=min_reach,
        relevance_bonus=bonus,
        per_slot=per_slot,
    )
    return Instance(requests, members, config, profile)
