"""Out-of-process helper for the multi-worker dispatch tests (run with DATABASE_URL set).

    python dispatch_harness.py seed N K   # migrate, create K accounts and N repost actions
    python dispatch_harness.py official N # migrate, an official account and N approved requests whose
                                          # official reposts are all overdue (workers were down)
    python dispatch_harness.py status     # print the outbox as JSON

Worker processes must share one real database (not pytest's in-memory SQLite), so the tests build
a throwaway database (a SQLite file, or a fresh PostgreSQL database) and drive it through this.
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from django.core.management import call_command

    from colibri.relay.models import NetworkAccount, OutboxAction, OutboxKind
    from colibri.relay.outbox.queueing import do_queue_action

    if argv[0] == "seed":
        n, k = int(argv[1]), int(argv[2])
        call_command("migrate", verbosity=0, interactive=False)
        accounts = NetworkAccount.objects.bulk_create(
            [
                NetworkAccount(network="bluesky", remote_id=f"did:plc:member{i}", handle=f"m{i}.test")
                for i in range(k)
            ]
        )
        accounts = list(NetworkAccount.objects.order_by("id"))
        for i in range(n):
            do_queue_action(
                kind=OutboxKind.REPOST,
                account=accounts[i % k],
                target_uri=f"at://did:plc:seeker{i}/app.bsky.feed.post/{i:06d}",
            )
        print(json.dumps({"actions": OutboxAction.objects.count()}))
        return 0
    if argv[0] == "official":
        return seed_official(int(argv[1]))
    if argv[0] == "status":
        rows = list(
            OutboxAction.objects.order_by("id").values(
                "id",
                "status",
                "attempts",
                "result_id",
                "target_uri",
                "account__remote_id",
                "last_error",
                "claimed_by",
            )
        )
        print(json.dumps(rows))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


def seed_official(n: int) -> int:
    from datetime import time, timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from colibri.relay.models import CollectiveSettings, NetworkAccount, OutboxAction, Post, Request
    from colibri.relay.outbox.queueing import do_queue_official_reposts

    call_command("migrate", verbosity=0, interactive=False)
    cs = CollectiveSettings.get()
    cs.active_hours_start, cs.active_hours_end = time(0, 0), time(23, 59, 59)
    cs.official_daily_budget = 1000
    cs.save()
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="collectif.test", is_official=True
    )
    now = timezone.now()
    for i in range(n):
        seeker = NetworkAccount.objects.create(
            network="bluesky", remote_id=f"did:plc:seeker{i}", handle=f"seeker{i}.test"
        )
        post = Post.objects.create(
            network="bluesky", uri=f"at://{seeker.remote_id}/app.bsky.feed.post/{i:06d}", author=seeker
        )
        Request.objects.create(
            post=post, status="approved", eligible=True, decided_at=now - timedelta(hours=3, minutes=-i)
        )
    # Planned two days ago, one every 86 s: every slot is long overdue, as after an outage.
    do_queue_official_reposts(now=now - timedelta(days=2))
    print(json.dumps({"actions": OutboxAction.objects.count()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
