"""The planner on real members (issue 11): own network only, the collective's daily cap, saying
when there is nothing to plan (page and command), and digests sent without a network session."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from colibri.cli import main
from colibri.relay.dispatch import Dispatcher
from colibri.relay.models import (
    Assignment,
    AuditLog,
    CollectiveSettings,
    OutboxAction,
    OutboxStatus,
)
from colibri.relay.planning.apply import PlanSummary, do_apply_plan

from . import planning_factories as pf

pytestmark = pytest.mark.django_db


def apply() -> PlanSummary:
    return do_apply_plan(actor=None, day=pf.DAY, now=pf.at(8))


def test_it_assigns_members_only_requests_of_their_own_network() -> None:
    sky_request = pf.request(waited_days=3)
    masto_request = pf.request(waited_days=2)
    masto_request.post.network = "mastodon"
    masto_request.post.save()
    masto = pf.member("masto.test", audience=pf.followers("m", 0, 400), daily=3)
    masto.account.network = "mastodon"
    masto.account.save()
    sky = pf.member("sky.test", audience=pf.followers("s", 0, 100), daily=3)
    apply()
    pairs = set(Assignment.objects.values_list("request_id", "member_id"))
    assert pairs == {(sky_request.pk, sky.pk), (masto_request.pk, masto.pk)}


def test_it_caps_each_member_at_the_collectives_daily_budget() -> None:
    for days in range(1, 5):
        pf.request(waited_days=days)
    generous = pf.member("generous.test", audience=pf.followers("g", 0, 500), daily=3)
    careful = pf.member("careful.test", audience=pf.followers("c", 0, 500), daily=2)
    settings_row = CollectiveSettings.get()
    settings_row.member_daily_budget = 1
    settings_row.save()
    apply()
    assert Assignment.objects.filter(member=generous).count() == 1
    assert Assignment.objects.filter(member=careful).count() == 1
    settings_row.member_daily_budget = 5  # a member's own smaller budget still holds
    settings_row.save()
    apply()
    assert Assignment.objects.filter(member=generous).count() == 3
    assert Assignment.objects.filter(member=careful).count() == 2


def test_it_says_there_is_nothing_to_plan_without_members(client: Any, make_user: Any) -> None:
    pf.request()
    client.force_login(make_user("moderator"))
    with pf.frozen_on_day():
        response = client.post(reverse("plan_replan"), follow=True)
    assert response.status_code == 200
    assert "Rien à planifier : aucun membre actif" in response.content.decode()
    assert AuditLog.objects.filter(action="plan.applied").count() == 1


def test_it_says_there_is_nothing_to_plan_without_requests(capsys: Any) -> None:
    pf.member("alone.test", audience=pf.followers("a", 0, 10))
    with pf.frozen_on_day():
        assert main(["replan", "--day", pf.DAY.isoformat()]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "Rien à planifier : aucune demande approuvée n'attend de relais."
    assert "Traceback" not in captured.err
    assert not Assignment.objects.exists()


def test_it_says_there_is_nothing_to_plan_from_the_command_line_without_members(capsys: Any) -> None:
    pf.request()
    with pf.frozen_on_day():
        assert main(["replan", "--day", pf.DAY.isoformat()]) == 0
    assert capsys.readouterr().out.startswith("Rien à planifier : aucun membre actif")


def test_it_sends_an_email_digest_without_opening_a_network_session(make_user: Any) -> None:
    pf.request()
    user = make_user("member", "notified")
    user.email = "notified@example.org"
    user.save()
    pf.member("notified.test", audience=pf.followers("n", 0, 50), mode="notified", user=user)
    do_apply_plan(actor=None, day=pf.DAY, now=pf.at(8))
    opened: list[str] = []

    def no_session(account: Any) -> Any:
        opened.append(account.handle)
        raise AssertionError("a digest by e-mail must not open a network session")

    dispatcher = Dispatcher(no_session, worker_id="digest-test")
    with pf.frozen_on_day(8):
        dispatcher.plan(now=pf.at(8))
        dispatcher.run_once(plan=False)
    row = OutboxAction.objects.get(payload__role="digest")
    assert row.status == OutboxStatus.DONE, row.last_error
    assert opened == []
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["notified@example.org"]
