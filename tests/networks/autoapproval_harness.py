"""Out-of-process helper for the automatic-approval test on the local AT Protocol network.

Runs against the test's throwaway database (DATABASE_URL), shared with `colibri ingest` and
`colibri dispatch` processes; `e2e_harness.py setup` prepares it first.

    python autoapproval_harness.py hashtags SEEKER MEMBER RELAY
                                                  # a coordinator sets the collective's hashtags there
    python autoapproval_harness.py turn-on [DAYS] # a coordinator turns it on, on the settings page
                                                  # (DAYS: the minimum account age; else left as shown)
    python autoapproval_harness.py account URI    # the post's author's stored creation date, the
                                                  # request's status and why approval was declined
    python autoapproval_harness.py glance         # what the glance page lists (post URIs)
    python autoapproval_harness.py withdraw URI   # press the row's "Withdraw" on the glance page

The pages are driven through Django's test client: the real URLs, views and forms a coordinator's
browser would reach (the client skips only the CSRF check). Prints one JSON object on its last line.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

COORDINATOR = "coordinatrice"  # created by e2e_harness.py setup


def _client() -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client's host ("testserver") through ALLOWED_HOSTS
    user = get_user_model().objects.get(username=COORDINATOR)
    if not user.is_superuser:  # a superuser without a profile is a coordinator (roles.role_of)
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    client = Client()
    client.force_login(user)
    return client


def _submit_settings(changes: dict[str, str]) -> None:
    """Resubmit the settings page's form as shown, with `changes` typed in (what the coordinator does)."""
    from django.urls import reverse

    from colibri.relay.forms import CollectiveSettingsForm
    from colibri.relay.models import CollectiveSettings

    client = _client()
    page = client.get(reverse("settings"))
    assert page.status_code == 200
    form = CollectiveSettingsForm(instance=CollectiveSettings.get())
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list):
            data[name] = value if name == "eligible_contracts" else ", ".join(value)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value.strftime("%H:%M") if hasattr(value, "strftime") else value
    data.update(changes)
    answer = client.post(reverse("settings"), data)
    assert answer.status_code == 302, answer.content.decode()[-2000:]


def turn_on(min_age_days: str | None = None) -> dict[str, Any]:
    from colibri.relay.models import CollectiveSettings

    changes = {"auto_approve": "on"}
    if min_age_days is not None:
        changes["auto_approve_min_account_age_days"] = min_age_days
    _submit_settings(changes)
    cs = CollectiveSettings.get()
    return {"auto_approve": cs.auto_approve, "min_age_days": cs.auto_approve_min_account_age_days}


def hashtags(seeker: str, member: str, relay: str) -> dict[str, Any]:
    from colibri.relay.models import CollectiveSettings

    _submit_settings({"seeker_hashtag": seeker, "member_hashtag": member, "tracked_hashtags": relay})
    cs = CollectiveSettings.get()
    return {"seeker": cs.seeker_hashtag, "member": cs.member_hashtag, "tracked": cs.tracked_hashtags}


def account(uri: str) -> dict[str, Any]:
    from colibri.relay.models import AuditLog, Request

    request = Request.objects.select_related("post__author").filter(post__uri=uri).first()
    if request is None:
        return {"status": None}
    declined = AuditLog.objects.filter(request=request, action="auto_approval_declined").first()
    return {
        "status": request.status,
        "created_at": request.post.author.network_created_at,
        "declined": declined.details.get("reason") if declined else None,
    }


def glance() -> dict[str, Any]:
    from django.urls import reverse

    from colibri.relay.models import Request

    page = _client().get(reverse("auto_today")).content.decode()
    ids = [int(pk) for pk in re.findall(r'id="auto-(\d+)"', page)]
    return {"listed": list(Request.objects.filter(pk__in=ids).values_list("post__uri", flat=True))}


def withdraw(uri: str) -> dict[str, Any]:
    from django.urls import reverse

    from colibri.relay.models import Request

    request = Request.objects.get(post__uri=uri)
    client = _client()
    page = client.get(reverse("auto_today")).content.decode()
    row = re.search(rf'<tr id="auto-{request.pk}">(.*?)</tr>', page, re.S)
    assert row is not None, "the request is not on the glance page"
    action = re.search(r'<form method="post" action="([^"]+)"', row.group(1))
    assert action is not None and 'data-key="' in row.group(1)
    answer = client.post(action.group(1), follow=True)
    request.refresh_from_db()
    return {"status": request.status, "page": answer.status_code}


def main(argv: list[str]) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    if argv[0] == "turn-on":
        out = turn_on(*argv[1:2])
    elif argv[0] == "hashtags":
        out = hashtags(*argv[1:4])
    elif argv[0] == "account":
        out = account(argv[1])
    elif argv[0] == "glance":
        out = glance()
    elif argv[0] == "withdraw":
        out = withdraw(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(out, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
