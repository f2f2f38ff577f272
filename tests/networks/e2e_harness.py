"""Out-of-process helper for the end-to-end test on the local AT Protocol network.

Runs against the test's throwaway database (DATABASE_URL), which `colibri ingest` and
`colibri dispatch` processes share:

    python e2e_harness.py setup OFFICIAL_DID OFFICIAL_HANDLE   # migrate; the official account, a coordinator
    python e2e_harness.py status URI...                         # what the database knows of these posts
    python e2e_harness.py approve URI                           # a coordinator approves the request

Prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import sys
from datetime import time
from typing import Any


def setup(official_did: str, official_handle: str) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from colibri.relay.models import CollectiveSettings, NetworkAccount

    call_command("migrate", verbosity=0, interactive=False)
    cs = CollectiveSettings.get()
    # Active all day with a large official budget: the approved request's repost is due at once.
    cs.active_hours_start, cs.active_hours_end, cs.official_daily_budget = time(0), time(23, 59, 59), 30000
    cs.save()
    NetworkAccount.objects.create(
        network="bluesky", remote_id=official_did, handle=official_handle, is_official=True
    )
    get_user_model().objects.create_user("coordinatrice", password="unused-in-this-test")
    return {"ok": True}


def status(uris: list[str]) -> dict[str, Any]:
    from colibri.relay.models import IngestCursor, OutboxAction, Post, Request

    posts = {p.uri: p for p in Post.objects.filter(uri__in=uris)}
    requests = {r.post.uri: r for r in Request.objects.filter(post__uri__in=uris).select_related("post")}
    out: dict[str, Any] = {}
    for uri in uris:
        post = posts.get(uri)
        request = requests.get(uri)
        out[uri] = {
            "stored": post is not None,
            "deleted": bool(post and post.deleted_at),
            "has_image": bool(post and post.has_image),
            "status": request.status if request else None,
            "category": request.category if request else None,
            "eligible": request.eligible if request else None,
        }
    return {
        "posts": out,
        "post_rows": Post.objects.filter(uri__in=uris).count(),
        "cursors": dict(IngestCursor.objects.values_list("source", "cursor")),
        "outbox": list(
            OutboxAction.objects.order_by("id").values("kind", "status", "target_uri", "last_error")
        ),
    }


def approve(uri: str) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from colibri.relay.actions.decisions import do_approve_request
    from colibri.relay.models import Request

    user = get_user_model().objects.get(username="coordinatrice")
    request = Request.objects.get(post__uri=uri)
    do_approve_request(request, actor=user, reason="test de bout en bout")
    request.refresh_from_db()
    return {"status": request.status}


def main(argv: list[str]) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    if argv[0] == "setup":
        out = setup(argv[1], argv[2])
    elif argv[0] == "status":
        out = status(argv[1:])
    elif argv[0] == "approve":
        out = approve(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(out, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
