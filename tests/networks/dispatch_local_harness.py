"""Out-of-process helper for the dispatch test on the local AT Protocol network.

Runs against a throwaway database (DATABASE_URL) shared with `colibri dispatch` worker processes:

    python dispatch_local_harness.py seed SPEC.json   # migrate; official, requests, members, assignments
    python dispatch_local_harness.py status           # the outbox as JSON
    python dispatch_local_harness.py track            # run the periodic snapshots job now (its task body)
    python dispatch_local_harness.py snapshots        # engagement snapshots as JSON
    python dispatch_local_harness.py ingest-deletes URI...  # read the firehose, ingest those posts' deletions

SPEC: {"official": {"did", "handle"}, "pds": URL, "requests": [{"did", "handle", "uri"}],
       "members": [{"did", "handle", "app_password", "mode", "email"}],
       "assignments": [[member_index, request_index], ...]}
"""

from __future__ import annotations

import json
import os
import sys
from datetime import time, timedelta
from pathlib import Path


def seed(spec: dict) -> dict:  # type: ignore[type-arg]
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from colibri.networks.credentials import Credentials, encrypt_credentials
    from colibri.relay.models import (
        Assignment,
        CollectiveSettings,
        Member,
        NetworkAccount,
        Post,
        Request,
    )

    call_command("migrate", verbosity=0, interactive=False)
    cs = CollectiveSettings.get()
    # The whole day is active and the official budget high: official reposts ~3 s apart, not 72 min.
    cs.active_hours_start, cs.active_hours_end, cs.official_daily_budget = time(0), time(23, 59, 59), 30000
    cs.save()
    now = timezone.now()
    NetworkAccount.objects.create(
        network="bluesky",
        remote_id=spec["official"]["did"],
        handle=spec["official"]["handle"],
        is_official=True,
    )
    requests = []
    for i, r in enumerate(spec["requests"]):
        seeker = NetworkAccount.objects.create(
            network="bluesky", remote_id=r["did"], handle=r["handle"], is_seeker=True
        )
        post = Post.objects.create(
            network="bluesky", uri=r["uri"], author=seeker, text="#PleaseRT #i4EmploiR"
        )
        requests.append(
            Request.objects.create(
                post=post,
                status="approved",
                eligible=True,
                category="seeker_request",
                job_title=f"Métier {i}",
                region="Bretagne",
                decided_at=now - timedelta(minutes=60 - i),
            )
        )
    members = []
    User = get_user_model()
    for i, m in enumerate(spec["members"]):
        account = NetworkAccount.objects.create(
            network="bluesky", remote_id=m["did"], handle=m["handle"], is_member=True
        )
        token = encrypt_credentials(
            Credentials.build("bluesky", m["handle"], spec["pds"], app_password=m["app_password"])
        )
        user = User.objects.create_user(f"member{i}", email=m.get("email", "")) if m.get("email") else None
        members.append(
            Member.objects.create(
                account=account,
                mode=m["mode"],
                credentials=token.encode(),
                opted_in_at=now,
                daily_budget=3,
                user=user,
            )
        )
    for mi, ri in spec["assignments"]:
        Assignment.objects.create(
            request=requests[ri], member=members[mi], slot_start=now - timedelta(minutes=1)
        )
    return {"requests": len(requests), "members": len(members), "assignments": len(spec["assignments"])}


def status() -> list:  # type: ignore[type-arg]
    from colibri.relay.models import OutboxAction

    return list(
        OutboxAction.objects.order_by("id").values(
            "id", "kind", "status", "attempts", "result_id", "target_uri", "account__remote_id", "last_error"
        )
    )


def snapshots() -> list:  # type: ignore[type-arg]
    from colibri.relay.models import EngagementSnapshot

    return list(
        EngagementSnapshot.objects.order_by("id").values(
            "request__post__uri", "reposts", "reposted_by", "reach_estimate", "reach_method"
        )
    )


def ingest_deletes(uris: list[str]) -> dict:  # type: ignore[type-arg]
    """The real path of a deletion: the firehose's delete event goes through `do_ingest_event`."""
    from colibri.networks.bluesky.network import BlueskyNetwork
    from colibri.relay.actions.ingest import do_ingest_event

    pds = os.environ["BLUESKY_SERVICE"]
    net = BlueskyNetwork(
        service=pds,
        appview_url=os.environ.get("BLUESKY_APPVIEW_URL") or None,
        firehose_url=pds.replace("http://", "ws://"),
        idle_timeout=2.0,
        recv_timeout=0.2,
    )
    wanted = set(uris)
    seen = set()
    for event, cursor in net.stream("0"):
        if event.kind == "delete" and event.uri in wanted:
            do_ingest_event(event, source="dispatch-test", cursor=cursor)
            seen.add(event.uri)
            if seen == wanted:
                break
    return {"deleted": sorted(seen)}


def main(argv: list[str]) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    if argv[0] == "seed":
        out = seed(json.loads(Path(argv[1]).read_text()))
    elif argv[0] == "status":
        out = status()  # type: ignore[assignment]
    elif argv[0] == "track":
        from colibri.scheduling.jobs import take_snapshots

        out = {"snapshots": take_snapshots.call()}  # type: ignore[assignment]
    elif argv[0] == "snapshots":
        out = snapshots()  # type: ignore[assignment]
    elif argv[0] == "ingest-deletes":
        out = ingest_deletes(argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(out, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
