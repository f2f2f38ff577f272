"""Out-of-process helper for the multi-worker dispatch tests (run with DATABASE_URL set).

    python dispatch_harness.py seed N K   # migrate, create K accounts and N repost actions
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
    from colibri.relay.outbox import do_queue_action

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
    if argv[0] == "status":
        rows = list(
            OutboxAction.objects.order_by("id").values(
                "id", "status", "attempts", "result_id", "target_uri", "account__remote_id", "last_error"
            )
        )
        print(json.dumps(rows))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
