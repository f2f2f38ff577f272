"""Engagement where people look: the request page (chart over time, who relayed it) and the week on the
home pages."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from colibri.relay.actions.volunteers import do_set_role
from colibri.relay.models import Assignment, AuditLog, EngagementSnapshot, Member, NetworkAccount


def _user(role: str) -> Any:
    user = get_user_model().objects.create_user(role, password="pw-123456789")
    do_set_role(user, role=role, actor=None)
    return user


def _done(req: Any, handle: str, kind: str = "repost", minutes: int = 0) -> None:
    AuditLog.objects.create(
        request=req,
        actor_label="worker:t",
        action="outbox.done",
        details={"kind": kind, "account": handle, "target": req.post.uri},
        created_at=req.relayed_at + timedelta(minutes=minutes),
    )


def test_it_shows_a_requests_engagement_over_time_and_who_relayed_it(
    client: Client, world: Any, make_request: Any
) -> None:
    req = world.relayed[0]  # three snapshots: 5/10/500, 10/20/1000, 8/16/800 (reposts/likes/reach)
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:off", handle="i4emploi.test", is_official=True
    )
    m1, m2 = world.members[0], world.members[1]
    _done(req, "i4emploi.test")
    _done(req, m1.account.handle, minutes=30)
    _done(req, m2.account.handle, minutes=40)
    _done(req, m2.account.handle, kind="undo_repost", minutes=50)  # m2 took it back
    # A notified member who reposted by hand, seen in the latest snapshot.
    seen = Member.objects.create(
        account=NetworkAccount.objects.create(
            network="bluesky", remote_id="did:plc:seen", handle="seen.test"
        ),
        mode="notified",
    )
    last = EngagementSnapshot.objects.filter(request=req).order_by("-taken_at").first()
    last.reposted_by = ["did:plc:seen"]
    last.save()

    client.force_login(_user("moderator"))
    html = client.get(f"/demandes/{req.pk}/").content.decode()
    panel = unescape(html[html.index('id="engagement"') :])
    assert panel.count("<polyline") == 2
    points = re.search(r'class="spark-reposts"[^>]*points="([^"]+)"', panel).group(1).split()
    assert len(points) == 3  # one point per snapshot
    ys = [float(p.split(",")[1]) for p in points]
    assert ys[1] < ys[2] < ys[0]  # 10 reposts is the top (smallest y), then 8, then 5
    assert "Dernière mesure : 8 repartages, 16 j'aime, environ 800 personnes touchées." in panel
    relayed = re.findall(r"<li>@([\w.]+)", panel)
    assert relayed == ["i4emploi.test", m1.account.handle, "seen.test"]  # m2 undid theirs
    assert "compte officiel" in panel
    assert seen.account.handle in panel


def test_it_shows_the_week_on_the_home_pages(client: Client, make_request: Any, db: None) -> None:
    now = timezone.now()
    relayed = make_request(created=now, relayed_after_h=1)  # posted an hour before: relayed now
    make_request(created=now)
    acc = NetworkAccount.objects.create(network="bluesky", remote_id="did:plc:mem", handle="mem.test")
    member = Member.objects.create(account=acc, opted_in_at=now)
    Assignment.objects.create(request=relayed, member=member, slot_start=now, status="done", done_at=now)
    EngagementSnapshot.objects.create(request=relayed, taken_at=now, reposts=3, reach_estimate=1234)
    client.force_login(_user("moderator"))
    html = client.get("/").content.decode()
    week = html[html.index('class="stats week"') :]
    numbers = re.findall(r'<span class="stat-n">([^<]*)</span><span class="stat-l">([^<]*)</span>', week)[:5]
    assert [re.sub(r"\D", "", n) for n, _label in numbers] == ["2", "1", "1", "1234", "0"]
    assert numbers[0][1] == "demandes détectées"


def test_it_shows_a_member_what_they_gave_and_what_it_reached(client: Client, world: Any) -> None:
    m1 = world.members[0]  # done: r1, r2, r3 (November) and r4 (October)
    user = _user("member")
    m1.user = user
    m1.save()
    client.force_login(user)
    html = unescape(client.get("/moi/").content.decode())
    panel = html[html.index('id="given"') :]
    assert "4 repartages donnés" in panel
    # Best measures of r1..r4: 10+20+30+40 reposts, 1000+2000+3000+4000 people.
    assert re.search(
        r"Les 4 demandes que vous avez relayées ont obtenu 100 repartages .* environ 10\D?000 personnes",
        panel,
    )
