"""Follow-up: check-ins on schedule (exactly once, paced, never after stop/answer/erasure), answers by
reply or one-time link, outcomes from volunteers and from hire announcements.

Time: every date is relative to the request's own relay time and passed as `now` to the scheduling
action, so nothing depends on the wall clock, the day or the machine's time zone."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from colibri.followup import actions as fu
from colibri.followup.models import CheckIn, CheckInStatus, FollowupSettings
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.erasure import do_erase_request
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.opt_out import do_opt_out_account
from colibri.relay.actions.withdrawal import do_withdraw_request
from colibri.relay.models import (
    AuditLog,
    NetworkAccount,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Outcome,
    Post,
    Request,
    RequestStatus,
)
from colibri.relay.outbox.claims import do_claim_actions
from colibri.relay.outbox.completion import do_complete_action
from colibri.relay.outbox.pacing import Pacing

pytestmark = pytest.mark.django_db

WEEK = timedelta(weeks=1)


@pytest.fixture
def official(db: None) -> NetworkAccount:
    return NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4emploi.bsky.social", is_official=True
    )


def _run_outbox(worker: str = "w", *, now: Any = None) -> list[OutboxAction]:
    """Carry out every due outbox row as a network would (the result id is the new post's uri)."""
    done = []
    for action in do_claim_actions(worker=worker, limit=100, now=now or timezone.now() + timedelta(days=400)):
        do_complete_action(action.pk, worker=worker, result_id=f"at://did:plc:official/post/{action.pk}")
        done.append(action)
    return done


@pytest.fixture
def relay(official: NetworkAccount, moderator: Any):
    """Approve a request and carry out its official repost: the real path to `relayed`."""

    def go(req: Request) -> Request:
        do_approve_request(req, actor=moderator)
        _run_outbox()
        req.refresh_from_db()
        assert req.status == RequestStatus.RELAYED and req.relayed_at is not None
        return req

    return go


@pytest.fixture
def relayed(make_request, relay) -> Request:
    return relay(make_request())


def _asks(req: Request) -> list[OutboxAction]:
    return list(OutboxAction.objects.filter(request=req, kind=OutboxKind.REPLY, payload__role="check_in"))


def test_it_asks_after_four_then_twelve_weeks_exactly_once_each(relayed: Request) -> None:
    base = relayed.relayed_at
    assert fu.do_queue_due_check_ins(now=base + 4 * WEEK - timedelta(minutes=1)) == []
    first = fu.do_queue_due_check_ins(now=base + 4 * WEEK)
    assert [c.number for c in first] == [1]
    asks = _asks(relayed)
    assert len(asks) == 1
    assert asks[0].target_uri == relayed.post.uri and asks[0].account.is_official
    assert "/suivi/r/" in asks[0].payload["text"] and "Avez-vous trouvé" in asks[0].payload["text"]
    relayed.refresh_from_db()
    assert relayed.status == RequestStatus.FOLLOWED_UP
    assert AuditLog.objects.filter(request=relayed, action="followup.check_in_queued").count() == 1
    # Asked again the same hour, the next day, at 11 weeks: nothing more.
    for later in (base + 4 * WEEK, base + 4 * WEEK + timedelta(days=1), base + 11 * WEEK):
        assert fu.do_queue_due_check_ins(now=later) == []
    assert [c.number for c in fu.do_queue_due_check_ins(now=base + 12 * WEEK)] == [2]
    assert fu.do_queue_due_check_ins(now=base + 40 * WEEK) == []  # at most two asks
    assert len(_asks(relayed)) == 2


def test_it_skips_a_request_withdrawn_after_it_was_found_due(relayed: Request, monkeypatch: Any) -> None:
    # The candidates are read before the row lock: a "stop" landing in between must win (and the
    # lifecycle forbids withdrawn -> followed_up, so asking anyway would be a crash, not a message).
    due_at = relayed.relayed_at + 4 * WEEK
    found = fu.askable_requests(due_at)
    assert [r.pk for r in found] == [relayed.pk]
    do_withdraw_request(relayed, why="stop")
    monkeypatch.setattr(fu, "askable_requests", lambda now: found)
    assert fu.do_queue_due_check_ins(now=due_at) == []
    relayed.refresh_from_db()
    assert relayed.status == RequestStatus.WITHDRAWN
    assert _asks(relayed) == [] and not CheckIn.objects.filter(request=relayed).exists()


def test_it_never_asks_after_stop_an_answer_or_erasure(make_request, relay, moderator) -> None:
    stopped = relay(make_request(author_id="did:plc:a", handle="a.bsky.social"))
    answered = relay(make_request(author_id="did:plc:b", handle="b.bsky.social"))
    erased = relay(make_request(author_id="did:plc:c", handle="c.bsky.social"))
    asked_then_stopped = relay(make_request(author_id="did:plc:d", handle="d.bsky.social"))
    base = max(r.relayed_at for r in (stopped, answered, erased, asked_then_stopped))
    do_opt_out_account(stopped.post.author, why="stop")
    fu.do_record_volunteer_outcome(answered, status="searching", actor=moderator)
    do_erase_request(erased, actor=moderator, why="demande")
    [first] = fu.do_queue_due_check_ins(now=base + 4 * WEEK)
    assert first.request_id == asked_then_stopped.pk
    fu.do_record_check_in_answer(first, answer="stop", source="form")
    assert fu.do_queue_due_check_ins(now=base + 12 * WEEK) == []
    assert CheckIn.objects.count() == 1


def test_it_paces_the_asks_and_keeps_them_in_active_hours(make_request, relay) -> None:
    cfg = FollowupSettings.current()
    cfg.asks_per_hour = 2
    cfg.save()
    reqs = [relay(make_request(author_id=f"did:plc:p{i}", handle=f"p{i}.bsky.social")) for i in range(3)]
    now = max(r.relayed_at for r in reqs) + 4 * WEEK
    fu.do_queue_due_check_ins(now=now)
    slots = sorted(OutboxAction.objects.filter(payload__role="check_in").values_list("not_before", flat=True))
    assert len(slots) == 3 and slots[0] >= now
    assert all(b - a >= timedelta(minutes=30) for a, b in itertools.pairwise(slots))
    pacing = Pacing.from_settings()
    assert all(pacing.next_active(s) == s for s in slots)


def _asked_and_sent(req: Request) -> tuple[CheckIn, str, str]:
    """Ask `req` once and let the outbox post it; (check-in, the reply's uri, the link's token)."""
    [check_in] = fu.do_queue_due_check_ins(now=req.relayed_at + 4 * WEEK)
    _run_outbox()
    check_in.refresh_from_db()
    assert check_in.outbox is not None and check_in.outbox.status == OutboxStatus.DONE
    token = re.search(r"/suivi/r/([\w-]+)/", check_in.outbox.payload["text"]).group(1)
    return check_in, check_in.outbox.result_id, token


def _answer(make_event, req: Request, text: str, reply_to: str) -> Request | None:
    author = req.post.author
    ev = make_event(
        text=text, reply_to=reply_to, author_id=author.remote_id, handle=author.handle, bio="", links=(),
        has_image=False,
    )  # fmt: skip
    return do_ingest_event(ev, source="test", cursor=None)


def test_it_records_still_searching_when_the_seeker_answers_non_under_the_check_in(
    relayed: Request, make_event
) -> None:
    check_in, reply_uri, _token = _asked_and_sent(relayed)
    posts = Post.objects.count()
    for _ in range(2):  # the same answer delivered twice records one outcome
        assert _answer(make_event, relayed, "Non toujours pas 😔", reply_uri) == relayed
    check_in.refresh_from_db()
    relayed.refresh_from_db()
    assert check_in.status == CheckInStatus.ANSWERED and check_in.answer == "searching"
    assert list(Outcome.objects.filter(request=relayed).values_list("status", "source")) == [
        ("searching", "reply")
    ]
    assert relayed.outcome == "searching"
    assert Post.objects.count() <= posts + 1  # the answer is not stored as a new request
    assert not Request.objects.exclude(pk=relayed.pk).exists()
    assert fu.do_queue_due_check_ins(now=relayed.relayed_at + 12 * WEEK) == []


def test_it_records_the_hire_when_the_seeker_answers_oui(relayed: Request, make_event) -> None:
    check_in, reply_uri, _token = _asked_and_sent(relayed)
    _answer(make_event, relayed, "ouiii 🎉", reply_uri)
    check_in.refresh_from_db()
    relayed.refresh_from_db()
    assert check_in.answer == "hired"
    assert relayed.outcome == "hired" and relayed.status == RequestStatus.WITHDRAWN
    assert relayed.post.author.opted_out_at is None  # a hire is not a stop


def test_it_opts_the_person_out_when_the_answer_is_a_misspelt_stop(relayed: Request, make_event) -> None:
    check_in, reply_uri, _token = _asked_and_sent(relayed)
    _answer(make_event, relayed, "stpo", reply_uri)
    relayed.refresh_from_db()
    check_in.refresh_from_db()
    assert check_in.answer == "stop" and relayed.status == RequestStatus.WITHDRAWN
    assert NetworkAccount.objects.get(pk=relayed.post.author_id).opted_out_at is not None


def test_it_takes_one_answer_through_the_one_time_link(relayed: Request, client: Any) -> None:
    check_in, _uri, token = _asked_and_sent(relayed)
    url = reverse("followup:answer", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "Avez-vous trouvé un emploi" in page.content.decode()
    done = client.post(url, {"answer": "hired", "via_relay": "yes", "contract": "CDI"})
    assert done.status_code == 200 and "Félicitations" in done.content.decode()
    check_in.refresh_from_db()
    assert (check_in.answer, check_in.answer_source, check_in.via_relay, check_in.contract) == (
        "hired", "form", True, "CDI",
    )  # fmt: skip
    assert list(Outcome.objects.filter(request=relayed).values_list("status", "source")) == [
        ("hired", "form")
    ]
    assert client.get(url).status_code == 404  # spent
    assert client.post(url, {"answer": "searching"}).status_code == 404
    assert Outcome.objects.filter(request=relayed).count() == 1


def test_it_refuses_an_expired_or_unknown_link(relayed: Request, client: Any) -> None:
    check_in, _uri, token = _asked_and_sent(relayed)
    CheckIn.objects.filter(pk=check_in.pk).update(token_expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("followup:answer", args=[token])).status_code == 404
    assert client.get(reverse("followup:answer", args=["nope"])).status_code == 404


def test_it_lets_a_volunteer_record_an_outcome_from_the_request_page(
    relayed: Request, client: Any, moderator: Any, member: Any
) -> None:
    client.force_login(moderator)
    page = client.get(reverse("request_detail", args=[relayed.pk])).content.decode()
    assert reverse("followup:record_outcome", args=[relayed.pk]) in page
    client.post(
        reverse("followup:record_outcome", args=[relayed.pk]), {"status": "hired", "note": "message privé"}
    )
    relayed.refresh_from_db()
    assert relayed.outcome == "hired"
    assert list(Outcome.objects.filter(request=relayed).values_list("source", flat=True)) == ["volunteer"]
    row = AuditLog.objects.get(request=relayed, action="outcome_recorded")
    assert row.actor == moderator and row.details["source"] == "volunteer"
    client.force_login(member)
    resp = client.post(reverse("followup:record_outcome", args=[relayed.pk]), {"status": "searching"})
    assert resp.status_code == 403
    assert Outcome.objects.filter(request=relayed).count() == 1


def test_it_matches_a_hire_announced_in_a_new_post_to_the_persons_request(
    relayed: Request, make_event
) -> None:
    author = relayed.post.author
    ev = make_event(
        text="J'AI SIGNÉ 🎉 mon CDI grâce à #i4emploi, merci à tous !", author_id=author.remote_id,
        handle=author.handle, links=(), has_image=False,
    )  # fmt: skip
    announcement = do_ingest_event(ev, source="test", cursor=None)
    assert announcement is not None and announcement.category == "other"
    relayed.refresh_from_db()
    assert relayed.outcome == "hired"
    assert list(Outcome.objects.filter(request=relayed).values_list("source", flat=True)) == ["announcement"]
    assert AuditLog.objects.filter(request=announcement, action="followup.hire_announcement_matched").exists()


def test_it_schedules_the_follow_up_daily_once_active_hours_begin() -> None:
    from datetime import datetime, time

    from colibri.scheduling.jobs import jobs

    [job] = [j for j in jobs() if j.name == "followup"]
    day = timezone.localdate(timezone.now())
    tz = timezone.get_current_timezone()
    assert job.period(datetime.combine(day, time(7, 59), tzinfo=tz)) is None
    assert job.period(datetime.combine(day, time(8, 0), tzinfo=tz)) == day.isoformat()


def test_it_lets_a_coordinator_edit_the_delays_and_texts(
    client: Any, coordinator: Any, moderator: Any
) -> None:
    url = reverse("followup:settings")
    client.force_login(moderator)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "4, 12" in page and "Avez-vous trouvé un emploi" in page
    form = {
        "delays_weeks": "3, 10, 26",
        "max_asks": "3",
        "asks_per_hour": "6",
        "link_days": "30",
        "ask_template": "Bonjour ! Avez-vous trouvé ? Répondez oui, non ou stop : {lien}",
        "advice_template": "Bonjour ! {conseil} {lien}",
        "advice_days_between": "7",
    }
    bad = client.post(url, form | {"delays_weeks": "12, 4", "ask_template": "sans lien"})
    assert bad.status_code == 200 and FollowupSettings.objects.filter(pk=1).count() == 0
    assert client.post(url, form).status_code == 302
    cfg = FollowupSettings.current()
    assert cfg.delays_weeks == [3, 10, 26] and cfg.max_asks == 3 and not cfg.advice_auto
    row = AuditLog.objects.get(action="followup.settings_updated")
    assert row.actor == coordinator and row.details["changed"]["delays_weeks"] == [3, 10, 26]


def test_it_keeps_an_unclear_answer_to_a_check_in_without_an_outcome(relayed: Request, make_event) -> None:
    check_in, reply_uri, _token = _asked_and_sent(relayed)
    assert _answer(make_event, relayed, "Merci de prendre des nouvelles 🙏", reply_uri) == relayed
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.QUEUED and not Outcome.objects.filter(request=relayed).exists()
    row = AuditLog.objects.get(request=relayed, action="followup.unclear_answer")
    assert row.details["number"] == 1 and "Merci" not in str(row.details)  # the reasons, not the text
