"""Advice and check-ins reach the seeker in their language, by direct message where the network has
one and the person follows the official account, else by a public reply; through the outbox, once.

Time: the check-in dates are relative to the request's own relay time and passed as `now`; the
dispatcher runs inside always-active hours, so nothing depends on the wall clock or the time zone."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from colibri.advice.actions import advice_text, do_queue_advice_reply
from colibri.core.language import declared_language, guess_language
from colibri.followup import actions as fu
from colibri.followup.delivery import post_language
from colibri.followup.models import CheckIn, FollowupSettings
from colibri.networks.base import DIRECT_MESSAGE_NETWORKS, Network
from colibri.networks.bluesky.network import BlueskyNetwork
from colibri.networks.mastodon import MastodonNetwork
from colibri.networks.x import XNetwork
from colibri.relay.actions.base import ActionError
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.opt_out import do_opt_out_account
from colibri.relay.dispatch import DispatchConfig, Dispatcher
from colibri.relay.models import NetworkAccount, OutboxAction, OutboxKind, OutboxStatus, Request
from colibri.relay.outbox.claims import do_claim_actions
from colibri.relay.outbox.completion import do_complete_action
from colibri.tracking.actions import do_store_audience

from . import dispatch_factories as f
from .dispatch_fakenet import FakeNetwork, init_ledger

pytestmark = pytest.mark.django_db

WEEK = timedelta(weeks=1)
SLOPPY = "Bonjour je cherche un CDI de comptable sur Lyon, merci de partager"
SLOPPY_EN = "Hi, I am looking for a job as an accountant in Lyon, please share"
MASTO_SEEKER = {"network": "mastodon", "author_id": "10942", "handle": "marie@piaille.fr"}


def _official(network: str) -> NetworkAccount:
    return NetworkAccount.objects.create(
        network=network, remote_id=f"{network}-official", handle=f"i4emploi-{network}", is_official=True
    )


def _sloppy(make_request: Any, text: str = SLOPPY, **kwargs: Any) -> Request:
    uri = kwargs.pop("uri", None)
    if kwargs.get("network") == "mastodon" and uri is None:
        uri = f"https://piaille.fr/users/marie/statuses/{abs(hash(text)) % 10**9}"
    req = make_request(text=text, links=(), has_image=False, uri=uri, **kwargs)
    assert req.category == "seeker_request" and req.feedback
    return req


def _follows(official: NetworkAccount, req: Request) -> None:
    do_store_audience(official, [req.post.author.remote_id, "someone-else"])


def _carry_out(worker: str = "w") -> list[OutboxAction]:
    done = []
    for action in do_claim_actions(worker=worker, limit=100, now=timezone.now() + timedelta(days=400)):
        do_complete_action(action.pk, worker=worker, result_id=f"sent:{action.pk}")
        done.append(action)
    return done


# -- language ------------------------------------------------------------------------------------------


def test_it_guesses_the_language_cheaply_and_prefers_what_the_network_declared(make_request) -> None:
    assert guess_language(SLOPPY) == "fr" and guess_language(SLOPPY_EN) == "en"
    assert guess_language("Busco trabajo de contable en Madrid, gracias") == "es"
    assert guess_language("") == "fr" and guess_language("CDI Lyon #i4EmploiR") == "fr"
    assert declared_language(["en-US", "fr"]) == "en" and declared_language("pt-BR") == "pt"
    assert declared_language(None) == "" and declared_language(["<script>"]) == ""
    declared = make_request(text=SLOPPY, raw={"record": {"text": SLOPPY, "langs": ["en"]}})
    assert post_language(declared.post) == "en"  # Bluesky's langs win over the words
    masto = make_request(text=SLOPPY, raw={"language": "es"}, uri="https://piaille.fr/s/1", **MASTO_SEEKER)
    assert post_language(masto.post) == "es"
    assert post_language(make_request(text=SLOPPY_EN).post) == "en"


def test_it_writes_advice_and_check_ins_in_the_posts_language(make_request, moderator) -> None:
    official = _official("bluesky")
    english = _sloppy(make_request, SLOPPY_EN)
    french = _sloppy(make_request, author_id="did:plc:seeker2", handle="paul.bsky.social")
    assert advice_text(english).startswith("Hello 👋") and advice_text(french).startswith("Bonjour 👋")
    for req in (english, french):
        do_approve_request(req, actor=moderator)
    f.always_active()
    _carry_out()  # the official reposts: both requests are relayed
    english.refresh_from_db()
    asked = fu.do_queue_due_check_ins(now=english.relayed_at + 4 * WEEK + timedelta(hours=1))
    texts = {c.request_id: c.outbox.payload["text"] for c in asked}
    assert "Have you found a job?" in texts[english.pk] and "Avez-vous trouvé" in texts[french.pk]
    assert all(c.outbox.kind == OutboxKind.REPLY and c.outbox.account == official for c in asked)


def test_it_lets_coordinators_write_each_languages_text_and_falls_back_to_french(
    client: Any, coordinator: Any, make_request
) -> None:
    client.force_login(coordinator)
    url = reverse("followup:settings")
    page = client.get(url).content.decode()
    assert "Have you found a job?" in page  # the English default is shown for editing
    form = {
        "delays_weeks": "4, 12",
        "max_asks": "2",
        "asks_per_hour": "12",
        "link_days": "60",
        "ask_template": "Bonjour ! Avez-vous trouvé ? {lien}",
        "advice_template": "Bonjour ! {conseil} {lien}",
        "advice_days_between": "7",
        "ask_template_en": "Hi! Found a job yet? {lien}",
        "advice_template_en": "Hi! {conseil} {lien}",
        "ask_template_es": "",
        "advice_template_es": "",
    }
    bad = client.post(url, form | {"ask_template_en": "no link here"})
    assert bad.status_code == 200 and FollowupSettings.objects.filter(pk=1).count() == 0
    assert client.post(url, form).status_code == 302
    cfg = FollowupSettings.current()
    assert cfg.ask_templates == {"en": "Hi! Found a job yet? {lien}"}
    assert fu.ask_text(cfg, "L", "en") == "Hi! Found a job yet? L"
    assert fu.ask_text(cfg, "L", "es") == "Bonjour ! Avez-vous trouvé ? L"  # emptied: French
    assert fu.ask_text(cfg, "L", "de") == "Bonjour ! Avez-vous trouvé ? L"  # no such text: French
    _official("bluesky")
    assert advice_text(_sloppy(make_request, SLOPPY_EN)).startswith("Hi! ")


# -- channel -------------------------------------------------------------------------------------------


def test_it_knows_which_adapters_send_direct_messages() -> None:
    for cls in (MastodonNetwork, BlueskyNetwork, XNetwork):
        overrides = cls.send_direct_message is not Network.send_direct_message
        assert cls.direct_messages == overrides == (cls.name in DIRECT_MESSAGE_NETWORKS)


def test_it_sends_the_advice_by_direct_message_to_a_follower_on_mastodon_exactly_once(
    make_request, tmp_path: Path
) -> None:
    f.always_active()  # the advice waits for active hours: these cover the whole day
    official = _official("mastodon")
    req = _sloppy(make_request, **MASTO_SEEKER)
    _follows(official, req)
    action = do_queue_advice_reply(req, text="Bonjour ! Ajoutez #Comptable et #Lyon.")
    assert action.kind == OutboxKind.MESSAGE and action.target_uri == "marie@piaille.fr"
    with pytest.raises(ActionError):  # a second advice, whatever the channel: refused
        do_queue_advice_reply(req, text="Encore")
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)
    dispatcher = Dispatcher(
        lambda account: FakeNetwork(account.remote_id, ledger),
        worker_id="w",
        config=DispatchConfig(backoff_base=0.01, backoff_max=0.05, lease_seconds=60),
        site_url="https://colibri.test",
    )
    dispatcher.run_once(plan=False)
    dispatcher.run_once(plan=False)  # a second pass sends nothing more
    con = sqlite3.connect(ledger)
    try:
        sent = con.execute("SELECT account, actor, text FROM messages").fetchall()
    finally:
        con.close()
    assert sent == [("mastodon-official", "marie@piaille.fr", "Bonjour ! Ajoutez #Comptable et #Lyon.")]
    action.refresh_from_db()
    assert action.status == OutboxStatus.DONE


def test_it_replies_in_public_to_a_person_who_does_not_follow_or_on_a_network_without_messages(
    make_request, settings: Any
) -> None:
    masto = _official("mastodon")
    stranger = _sloppy(make_request, **MASTO_SEEKER)
    do_store_audience(masto, ["someone-else"])
    action = do_queue_advice_reply(stranger, text="Bonjour")
    assert action.kind == OutboxKind.REPLY and action.target_uri == stranger.post.uri
    # Bluesky: the follower gets a public reply while no chat service is configured ...
    sky = _official("bluesky")
    follower = _sloppy(make_request)
    _follows(sky, follower)
    assert do_queue_advice_reply(follower, text="Bonjour").kind == OutboxKind.REPLY
    # ... and a chat message (to the DID) where the collective turned it on.
    settings.COLIBRI_DIRECT_MESSAGES = ["mastodon", "bluesky"]
    other = _sloppy(make_request, SLOPPY + " !", author_id="did:plc:seeker3", handle="lea.bsky.social")
    _follows(sky, other)
    dm = do_queue_advice_reply(other, text="Bonjour")
    assert dm.kind == OutboxKind.MESSAGE and dm.target_uri == "did:plc:seeker3"


def test_it_asks_a_follower_by_direct_message_once_and_reads_the_answer_to_it(
    make_request, make_event, moderator
) -> None:
    official = _official("mastodon")
    req = _sloppy(make_request, **MASTO_SEEKER)
    _follows(official, req)
    do_approve_request(req, actor=moderator)
    f.always_active()
    _carry_out()
    req.refresh_from_db()
    due = req.relayed_at + 4 * WEEK
    [check_in] = fu.do_queue_due_check_ins(now=due)
    assert fu.do_queue_due_check_ins(now=due + timedelta(hours=2)) == []  # never twice
    action = check_in.outbox
    assert action.kind == OutboxKind.MESSAGE and action.target_uri == "marie@piaille.fr"
    assert "/suivi/r/" in action.payload["text"]  # the one-time link now travels privately
    [done] = _carry_out()
    assert done.pk == action.pk
    # The seeker answers the direct message (a status replying to it): the hire is recorded.
    answer = make_event(
        text="oui ! 🎉",
        reply_to=f"sent:{action.pk}",
        uri="https://piaille.fr/users/marie/statuses/2",
        author_id="10942",
        handle="marie@piaille.fr",
        network="mastodon",
        bio="",
        links=(),
        has_image=False,
    )
    do_ingest_event(answer, source="test", cursor=None)
    check_in.refresh_from_db()
    req.refresh_from_db()
    assert check_in.answer == "hired" and req.outcome == "hired"


def test_it_cancels_a_direct_message_queued_before_the_person_said_stop(make_request, tmp_path: Path) -> None:
    f.always_active()
    official = _official("mastodon")
    req = _sloppy(make_request, **MASTO_SEEKER)
    _follows(official, req)
    action = do_queue_advice_reply(req, text="Bonjour")
    do_opt_out_account(req.post.author, why="stop")
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)
    Dispatcher(
        lambda account: FakeNetwork(account.remote_id, ledger), worker_id="w", site_url="https://colibri.test"
    ).run_once(plan=False)
    action.refresh_from_db()
    assert action.status == OutboxStatus.CANCELLED
    con = sqlite3.connect(ledger)
    try:
        assert con.execute("SELECT COUNT(*) FROM messages").fetchone() == (0,)
    finally:
        con.close()
    assert not CheckIn.objects.exists()


def test_it_checks_again_before_sending_a_direct_message_about_a_request_no_longer_relayed(
    make_request, tmp_path: Path
) -> None:
    # The row is still pending when the request stops (here written directly, as a concurrent path
    # would leave it): the dispatcher's last check cancels it like a reply.
    f.always_active()
    official = _official("mastodon")
    req = _sloppy(make_request, **MASTO_SEEKER)
    _follows(official, req)
    action = do_queue_advice_reply(req, text="Bonjour")
    Request.objects.filter(pk=req.pk).update(status="withdrawn")
    ledger = tmp_path / "ledger.sqlite3"
    init_ledger(ledger)
    Dispatcher(
        lambda account: FakeNetwork(account.remote_id, ledger), worker_id="w", site_url="https://colibri.test"
    ).run_once(plan=False)
    action.refresh_from_db()
    assert action.status == OutboxStatus.CANCELLED
