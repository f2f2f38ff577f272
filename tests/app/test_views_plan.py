"""The /plan/ page and today's list on /moi/: roles, buttons, French messages, escaping, query count."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from colibri.relay.models import Assignment, AuditLog
from colibri.relay.planning.apply import PlanSummary, do_apply_plan
from colibri.relay.planning.report import day_report, forget_reports

from . import planning_factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_day() -> Iterator[None]:
    """The page shows today: the clock stands on the factories' DAY, early morning."""
    with pf.frozen_on_day(7):
        yield


def today_plan() -> PlanSummary:
    """Plan today (the page shows today), from the start of its active hours."""
    today = timezone.localdate()
    return do_apply_plan(actor=None, day=today, now=pf.at(0, day=today))


@pytest.fixture
def planned(db: None) -> pf.Collective:
    c = pf.collective()
    today_plan()
    return c


def test_it_sends_anonymous_users_to_login(client: Any) -> None:
    response = client.get(reverse("plan"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_forbids_members_to_see_or_change_the_plan(
    client: Any, make_user: Any, planned: pf.Collective
) -> None:
    client.force_login(make_user("member"))
    a = Assignment.objects.order_by("id").first()
    assert a is not None
    other = planned.members["dan.test"]
    before, count = a.member_id, Assignment.objects.count()
    assert client.get(reverse("plan")).status_code == 403
    assert client.post(reverse("plan_replan")).status_code == 403
    assert client.post(reverse("plan_lock", args=[a.pk])).status_code == 403
    assert client.post(reverse("plan_swap", args=[a.pk]), {"member": other.pk}).status_code == 403
    a.refresh_from_db()
    assert not a.locked and a.member_id == before
    assert (
        Assignment.objects.count() == count and not AuditLog.objects.filter(action="plan.applied").count() > 1
    )
    assert not AuditLog.objects.filter(action__startswith="assignment.").exists()


@pytest.mark.parametrize("role", ["moderator", "coordinator"])
def test_it_shows_todays_plan_per_request_and_per_member(
    client: Any, make_user: Any, planned: pf.Collective, role: str
) -> None:
    client.force_login(make_user(role))
    response = client.get(reverse("plan"))
    assert response.status_code == 200
    html = response.content.decode()
    report = day_report()
    assert report.requests
    for line in report.requests:
        assert f'id="request-{line.request.pk}"' in html
        assert f"portée attendue {line.reach}" in html
        for a in line.assignments:
            assert f'id="assignment-{a.pk}"' in html
    for member, _items in report.by_member:
        assert f"@{member.account.handle}" in html
    assert "Re-planifier" in html


def test_it_escapes_what_seekers_wrote(client: Any, make_user: Any) -> None:
    pf.request(job="<script>alert(1)</script>", handle="<b>evil</b>.test")
    pf.member("m.test", audience=pf.followers("e", 0, 30))
    today_plan()
    client.force_login(make_user("moderator"))
    html = client.get(reverse("plan")).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>evil</b>" not in html


def test_it_locks_swaps_and_replans_from_the_page(
    client: Any, make_user: Any, planned: pf.Collective
) -> None:
    client.force_login(make_user("moderator"))
    a = Assignment.objects.order_by("id").first()
    assert a is not None
    response = client.post(reverse("plan_lock", args=[a.pk]), follow=True)
    assert "verrouillé" in response.content.decode()
    a.refresh_from_db()
    assert a.locked
    client.post(reverse("plan_replan"))
    assert Assignment.objects.filter(pk=a.pk, locked=True).exists()
    fresh = pf.member("fresh.test", audience=pf.followers("x", 0, 20))
    response = client.post(reverse("plan_swap", args=[a.pk]), {"member": "@fresh.test"}, follow=True)
    assert "@fresh.test" in response.content.decode()
    assert Assignment.objects.get(pk=a.pk).member_id == fresh.pk


def test_it_explains_a_refused_swap_in_french(client: Any, make_user: Any, planned: pf.Collective) -> None:
    client.force_login(make_user("moderator"))
    alice = planned.members["alice.test"]  # budget 1, already used
    target = Assignment.objects.exclude(member=alice).filter(request__region="Auvergne-Rhône-Alpes").first()
    assert target is not None
    response = client.post(reverse("plan_swap", args=[target.pk]), {"member": alice.pk}, follow=True)
    assert "budget du jour" in response.content.decode()
    assert Assignment.objects.get(pk=target.pk).member_id == target.member_id


def test_it_builds_the_page_with_a_fixed_number_of_queries(client: Any, make_user: Any) -> None:
    pf.collective()
    today_plan()
    client.force_login(make_user("moderator"))
    client.get(reverse("plan"))
    forget_reports()  # count the queries of a computation, not of a report remembered from the last view
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("plan"))
    for i in range(8):
        pf.member(f"more{i}.test", audience=pf.followers(f"q{i}-", 0, 30))
        pf.request()
    today_plan()
    forget_reports()
    with CaptureQueriesContext(connection) as big:
        response = client.get(reverse("plan"))
    assert response.content.decode().count('id="assignment-') > 10
    assert len(big.captured_queries) == len(small.captured_queries)


def test_it_shows_a_member_their_list_for_today_with_the_reason(client: Any, make_user: Any) -> None:
    user = make_user("member")
    pf.request(job="Comptable")
    me = pf.member("me.test", audience=pf.followers("me", 0, 50), user=user)
    today_plan()
    mine = list(Assignment.objects.filter(member=me))
    assert mine
    client.force_login(user)
    html = client.get(reverse("me")).content.decode()
    assert 'id="today"' in html
    for a in mine:
        assert a.explanation.replace("'", "&#x27;") in html


def test_it_shows_a_busy_plan_in_pages_and_comes_back_to_the_page_after_an_edit(
    client: Any, make_user: Any, planned: pf.Collective, monkeypatch: pytest.MonkeyPatch
) -> None:
    from colibri.relay import views_plan

    monkeypatch.setattr(views_plan, "PLAN_PAGE_REQUESTS", 1)
    monkeypatch.setattr(views_plan, "PLAN_PAGE_MEMBERS", 1)
    lines = day_report().requests
    assert len(lines) >= 2
    client.force_login(make_user("moderator"))
    first = client.get(reverse("plan")).content.decode()
    second = client.get(reverse("plan") + "?page=2").content.decode()
    assert (
        f'id="request-{lines[0].request.pk}"' in first and f'id="request-{lines[1].request.pk}"' not in first
    )
    assert (
        f'id="request-{lines[1].request.pk}"' in second
        and f'id="request-{lines[0].request.pk}"' not in second
    )
    assert "?page=2" in first and "?membres=2" in first  # each section has its own pages
    a = lines[1].assignments[0]
    back = client.post(reverse("plan_lock", args=[a.pk]), {"next": "/plan/?page=2"})
    assert back.status_code == 302 and back["Location"] == "/plan/?page=2"
    assert Assignment.objects.get(pk=a.pk).locked
    away = client.post(reverse("plan_unlock", args=[a.pk]), {"next": "https://evil.example/plan/"})
    assert away["Location"] == reverse("plan")


def test_it_computes_the_report_again_only_when_something_it_shows_changed(
    client: Any, make_user: Any, planned: pf.Collective
) -> None:
    client.force_login(make_user("moderator"))
    first = day_report()
    assert day_report() is first  # nothing changed: the same report, not a new computation
    a = Assignment.objects.order_by("id").first()
    assert a is not None
    client.post(reverse("plan_lock", args=[a.pk]))
    locked = day_report()
    assert locked is not first
    assert any(x.pk == a.pk and x.locked for line in locked.requests for x in line.assignments)
    author = a.request.post.author
    author.handle = "renamed.test"
    author.save(update_fields=["handle"])
    assert "@renamed.test" in client.get(reverse("plan")).content.decode()
