"""Members on the real local AT Protocol network (issue 11), the way volunteers use it.

Three people join on /rejoindre/: one lends an app password (delegated), one keeps their account
and reads the personal feed, one gets the picks by e-mail. A coordinator approves them on /membres/;
their followers are read from the AppView (getFollowers). A seeker's request is approved and planned:
each member is assigned it; dispatch reposts it with the delegated member's account (getRepostedBy on
the AppView lists them), the e-mail member gets an e-mail, and the feed member's own PDS-issued service
token opens their personal feed, which lists the request. A member who pauses gets no new assignment;
the delegated member leaves: credentials erased, their pending assignment cancelled.

The collective's active hours are set to the whole day so the run does not depend on the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from colibri.members.tasks import fetch_member_followers
from colibri.networks.base import Author, NetworkEvent
from colibri.networks.credentials import generate_key
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.ingest import do_ingest_event
from colibri.relay.actions.volunteers import do_create_volunteer
from colibri.relay.dispatch import Dispatcher
from colibri.relay.models import (
    Assignment,
    AssignmentStatus,
    Audience,
    CollectiveSettings,
    Member,
    MemberStatus,
    OutboxAction,
)
from colibri.relay.planning.apply import do_apply_plan
from tests import clock

from .netkit import AtprotoNet, NetAccount, create_account, post_text, require_atproto_net, wait_for

pytestmark = [pytest.mark.atproto, pytest.mark.django_db, pytest.mark.timeout(240)]

SERVICE_DID = "did:web:feeds.colibri.test"
PUBLISHER = "did:plc:colibripublisher"
LXM = "app.bsky.feed.getFeedSkeleton"
PASSWORD = "un-mot-de-passe-solide-42"


def _follow(who: NetAccount, subject: NetAccount) -> None:
    who.client.com.atproto.repo.create_record(
        {
            "repo": who.did,
            "collection": "app.bsky.graph.follow",
            "record": {
                "$type": "app.bsky.graph.follow",
                "subject": subject.did,
                "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            },
        }
    )


def _join(data: dict[str, Any]) -> Client:
    browser = Client()
    form = {"daily_budget": "3", "password": PASSWORD, "consent": "on", **data}
    response = browser.post(reverse("join"), form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return browser


def _request(seeker: NetAccount, uri: str, text: str) -> Any:
    event = NetworkEvent(
        kind="post",
        network="bluesky",
        uri=uri,
        author=Author(id=seeker.did, handle=seeker.handle, bio="Comptable en recherche #i4EmploiR"),
        text=text,
        created_at=datetime.now(UTC),
        has_image=True,
        image_alt="Compétences : paie, fiscalité",
        links=("https://www.linkedin.com/in/marie-colibri",),
        url="",
        raw={},
    )
    request = do_ingest_event(event, source="test", cursor=None)
    assert request is not None
    return request


def _this_hour() -> datetime:
    return timezone.now().replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def real_clock() -> Iterator[None]:
    """The PDS signs service tokens on the real clock: this test runs on it, even in the test command's
    proof pass that moves the session's clock a year ahead (plan, dispatch and feed agree either way)."""
    with clock.real_clock():
        yield


@pytest.fixture
def network(settings: Any, real_clock: None) -> AtprotoNet:
    net = require_atproto_net()
    settings.BLUESKY_SERVICE = net.pds_url
    settings.BLUESKY_APPVIEW_URL = net.appview_url
    settings.BLUESKY_HANDLE = ""  # no official account: members act on their own
    settings.BLUESKY_APP_PASSWORD = ""
    settings.COLIBRI_DISPATCH_ADAPTER_FACTORY = ""
    settings.COLIBRI_CREDENTIALS_KEY = generate_key()
    settings.COLIBRI_MEMBERS_AUTO_ACCEPT = False
    settings.COLIBRI_PLC_URL = net.plc_url
    settings.COLIBRI_FEED_SERVICE_DID = SERVICE_DID
    settings.COLIBRI_FEED_PUBLISHER_DID = PUBLISHER
    cs = CollectiveSettings.get()
    cs.active_hours_start, cs.active_hours_end = time(0, 0), time(23, 59)
    cs.save()
    return net


def test_it_lets_three_people_join_and_relays_through_each_of_them(network: AtprotoNet) -> None:
    net = network
    seeker = create_account(net, "seeker", bio="Comptable en recherche #i4EmploiR")
    lent, feed, mailed = (
        create_account(net, name, bio="Bénévole #i4emploi") for name in ("lent", "feed", "mailed")
    )
    fans = [create_account(net, f"fan{i}") for i in range(4)]
    _follow(fans[0], lent)
    _follow(fans[1], lent)
    _follow(fans[2], feed)
    _follow(fans[3], mailed)
    from atproto import Client as AtClient
    from atproto_client.exceptions import BadRequestError

    appview = AtClient(base_url=net.appview_url)
    for account, n in ((lent, 2), (feed, 1), (mailed, 1)):
        wait_for(
            f"@{account.handle}'s followers on the AppView",
            lambda a=account, n=n: (
                appview.app.bsky.actor.get_profile({"actor": a.did}).followers_count == n or None
            ),
            tolerate=(BadRequestError,),  # "Profile not found": not indexed yet
        )

    # Three people join through the web page.
    lent_browser = _join({"handle": lent.handle, "mode": "delegated", "app_password": lent.app_password})
    feed_browser = _join({"handle": feed.handle, "mode": "notified", "wants_feed": "on"})
    mailed_browser = _join({"handle": mailed.handle, "mode": "notified", "email": "mailed@example.org"})
    members = {m.account.remote_id: m for m in Member.objects.select_related("account")}
    assert set(members) == {lent.did, feed.did, mailed.did}
    assert all(m.status == MemberStatus.PAUSED for m in members.values())  # waiting for approval
    assert members[lent.did].credentials and not members[feed.did].credentials
    assert lent.app_password.encode() not in bytes(members[lent.did].credentials)

    # A coordinator approves them; the followers are read from the network.
    coordinator, _pw = do_create_volunteer(username="coord", role="coordinator", password=PASSWORD)
    desk = Client()
    desk.force_login(coordinator)
    for m in members.values():
        assert desk.post(reverse("member_action", args=[m.pk, "approve"])).status_code == 302
        assert fetch_member_followers.call(m.pk) >= 1
    assert Audience.objects.get(account=members[lent.did].account).size == 2
    page = desk.get(reverse("members")).content.decode()
    assert f"@{lent.handle}" in page and "<td>En attente de validation</td>" not in page

    # A seeker's request is approved and planned: every member gets it.
    text = "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon #i4EmploiR"
    uri = post_text(seeker, text)
    request = _request(seeker, uri, text)
    do_approve_request(request, actor=coordinator)
    # Planned from the start of this hour: its first slot is due now, whatever the time of the run.
    summary = do_apply_plan(actor=coordinator, now=_this_hour())
    assert summary.nothing == ""
    assigned = dict(
        Assignment.objects.filter(request=request).values_list("member__account__remote_id", "status")
    )
    assert assigned == {lent.did: "planned", feed.did: "planned", mailed.did: "planned"}

    # Dispatch: the delegated member's repost is made with their own account; the e-mail goes out.
    dispatcher = Dispatcher(worker_id="members-local")
    for _ in range(3):
        dispatcher.run_once()
    states = list(OutboxAction.objects.values_list("kind", "status", "last_error"))
    assert ("repost", "done", "") in states, states
    reposters = wait_for(
        "the delegated member's repost on the AppView",
        lambda: {r.did for r in appview.app.bsky.feed.get_reposted_by({"uri": uri}).reposted_by} or None,
    )
    assert reposters == {lent.did}
    assert [m.to for m in mail.outbox] == [["mailed@example.org"]] and uri.split("/")[-1] in mail.outbox[
        0
    ].body

    # The feed member's own PDS signs a service token: the personal feed lists the request.
    token = feed.client.com.atproto.server.get_service_auth({"aud": SERVICE_DID, "lxm": LXM}).token
    skeleton = Client().get(
        "/xrpc/app.bsky.feed.getFeedSkeleton",
        {"feed": f"at://{PUBLISHER}/app.bsky.feed.generator/mine"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert skeleton.status_code == 200, skeleton.content
    assert [item["post"] for item in skeleton.json()["feed"]] == [uri]

    # The e-mail member pauses: the next request is not planned for them.
    assert mailed_browser.post(reverse("membership_pause"), {"until": ""}).status_code == 302
    uri2 = post_text(seeker, text.replace("Lyon", "Grenoble"))
    request2 = _request(seeker, uri2, text.replace("Lyon", "Grenoble"))
    do_approve_request(request2, actor=coordinator)
    do_apply_plan(actor=coordinator, now=_this_hour())
    second = set(
        Assignment.objects.filter(request=request2).values_list("member__account__remote_id", flat=True)
    )
    assert mailed.did not in second and lent.did in second

    # The delegated member leaves: credentials erased, what was pending cancelled, nothing reposted.
    assert lent_browser.post(reverse("membership_leave"), {"confirm": "yes"}).status_code == 302
    gone = Member.objects.get(account__remote_id=lent.did)
    assert gone.status == MemberStatus.LEFT and gone.credentials is None
    assert Assignment.objects.get(request=request2, member=gone).status == AssignmentStatus.CANCELLED
    dispatcher.run_once()
    reposted_by = appview.app.bsky.feed.get_reposted_by({"uri": uri2}).reposted_by
    assert lent.did not in {r.did for r in reposted_by}
    assert feed_browser.get(reverse("membership")).status_code == 200


def test_it_adds_members_from_the_command_line_on_the_local_network(
    network: AtprotoNet, tmp_path: Any, capsys: Any
) -> None:
    from colibri.cli import main

    net = network
    lent, notified = create_account(net, "clilent"), create_account(net, "clinotif")
    from atproto import Client as AtClient

    appview = AtClient(base_url=net.appview_url)
    from atproto_client.exceptions import BadRequestError

    # "Profile not found" only means the AppView has not indexed the new account yet.
    wait_for(
        "the profile on the AppView",
        lambda: appview.app.bsky.actor.get_profile({"actor": notified.did}),
        timeout=30,
        tolerate=(BadRequestError,),
    )
    secret_file = tmp_path / "app-password"
    secret_file.write_text(lent.app_password + "\n")
    assert (
        main(
            [
                "member",
                "add",
                "--handle",
                lent.handle,
                "--mode",
                "delegated",
                "--app-password-file",
                str(secret_file),
            ]
        )
        == 0
    )
    assert main(["member", "add", "--handle", notified.handle, "--email", "n@example.org"]) == 0
    out = capsys.readouterr().out
    assert lent.app_password not in out
    rows = {m.account.remote_id: m for m in Member.objects.select_related("account")}
    assert set(rows) == {lent.did, notified.did}  # DIDs from the network, not typed in
    assert rows[lent.did].mode == "delegated" and rows[lent.did].credentials
    assert rows[notified.did].credentials is None and rows[notified.did].status == MemberStatus.ACTIVE
    secret_file.write_text("wxyz-wxyz-wxyz-wxyz")
    other = create_account(net, "cliwrong")
    assert (
        main(
            [
                "member",
                "add",
                "--handle",
                other.handle,
                "--mode",
                "delegated",
                "--app-password-file",
                str(secret_file),
            ]
        )
        == 1
    )
    assert "Bluesky a refusé" in capsys.readouterr().err
