"""Automatic approval end to end on the real local AT Protocol network (issue 14's proof).

`colibri ingest` and `colibri dispatch` run as processes. A coordinator turns automatic approval on
on the settings page; a clear request is reposted by the official account within 5 s of being posted,
with no click; an alternance request and a recruiter's offer are not; withdrawing the request from
the « Approuvées automatiquement aujourd'hui » page undoes the official repost.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import string
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .bluesky_kit import post_as
from .netkit import AtprotoNet, NetAccount, create_account, png_bytes, wait_for

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

pytestmark = [pytest.mark.atproto, pytest.mark.timeout(240)]

CLEAR_TEXT = (
    "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon, 8 ans d'expérience "
    "https://www.linkedin.com/in/marie-colibri #i4EmploiR"
)
ALTERNANCE_TEXT = (
    "#PleaseRT Je recherche une #alternance en #Comptabilité sur #Lyon pour mon BTS CG, rythme 2 jours / "
    "3 jours https://www.linkedin.com/in/leo-colibri #i4EmploiR"
)
OFFER_TEXT = (
    "Nous recrutons un #Comptable H/F en CDI à #Lyon ! Postulez vite https://jobs.example.com/42 #i4EmploiR"
)
WARM_UP_TEXT = "Bonjour à toutes et à tous, ravie de rejoindre le collectif #i4emploi !"
SKILLS_ALT = "Compétences : paie, Sage"


def _run(env: dict[str, str], script: str, *args: str) -> Any:
    out = subprocess.run(
        [sys.executable, str(HERE / script), *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def _repo_reposts(official: NetAccount, subject: str) -> int:
    page = official.client.com.atproto.repo.list_records(
        {"repo": official.did, "collection": "app.bsky.feed.repost", "limit": 100}
    )
    count = 0
    for rec in page.records:
        value = rec.value if isinstance(rec.value, dict) else rec.value.model_dump(by_alias=True)
        count += value["subject"]["uri"] == subject
    return count


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)


def test_it_reposts_a_clear_request_within_5_s_with_no_click_and_withdraws_it_from_the_glance_list(
    atproto_net: AtprotoNet, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    from atproto import Client

    from colibri.networks.credentials import generate_key

    net = atproto_net
    # The local network is shared by the tests running beside this one, and they post clear requests
    # with the real hashtags: an ingest that approves on its own would relay them too (and another
    # test would find a stranger among its post's reposters). This collective has hashtags of its own,
    # set on the settings page as a coordinator would, so only this test's posts are its candidates.
    suffix = "".join(secrets.choice(string.ascii_lowercase) for _ in range(6))
    tags = {
        "#i4EmploiR": f"#i4EmploiR{suffix}",
        "#i4emploi": f"#i4emploi{suffix}",
        "#PleaseRT": f"#PleaseRT{suffix}",
    }

    def ours(text: str) -> str:
        return re.sub(r"#(i4EmploiR|i4emploi|PleaseRT)\b", lambda m: tags[m.group(0)], text)

    official = create_account(net, "official", bio=ours("Compte officiel du collectif #i4emploi"))
    seeker = create_account(
        net, "seeker", bio=ours("Comptable en recherche active #i4EmploiR"), display_name="Marie"
    )
    student = create_account(net, "student", bio=ours("Étudiant en BTS CG #i4EmploiR"), display_name="Léo")
    recruiter = create_account(net, "recruit", bio="Cabinet de recrutement")
    member = create_account(net, "member", bio=ours("Bénévole #i4emploi"))
    newcomer = create_account(net, "newcomer", bio=ours("Comptable #i4EmploiR"), display_name="Nina")
    env = dict(os.environ)
    for name in (
        "COLIBRI_DISPATCH_ADAPTER_FACTORY",
        "COLIBRI_REPLAY_FILE",
        "MASTODON_ACCESS_TOKEN",
        "X_BEARER_TOKEN",
    ):
        env.pop(name, None)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'auto.sqlite3'}",
        DJANGO_SETTINGS_MODULE="colibri.settings",
        PYTHONPATH=str(REPO),
        COLIBRI_CREDENTIALS_KEY=generate_key(),
        COLIBRI_VAR_DIR=str(tmp_path),
        BLUESKY_HANDLE=official.handle,
        BLUESKY_APP_PASSWORD=official.app_password,
        BLUESKY_SERVICE=net.pds_url,
        # The local network has no relay: its PDS's own stream is the whole network.
        BLUESKY_FIREHOSE_URL=net.pds_url.replace("http://", "ws://", 1),
        LOG_LEVEL="WARNING",
    )
    assert _run(env, "e2e_harness.py", "setup", official.did, official.handle) == {"ok": True}
    seeker_tag, member_tag, relay_tag = (tags[t][1:] for t in ("#i4EmploiR", "#i4emploi", "#PleaseRT"))
    assert _run(env, "autoapproval_harness.py", "hashtags", seeker_tag, member_tag, relay_tag) == {
        "seeker": seeker_tag,
        "member": member_tag,
        "tracked": [relay_tag],
    }

    appview = Client(base_url=net.appview_url)
    for account in (
        seeker,
        student,
        newcomer,
    ):  # ingest reads the authors' bios (#i4EmploiR) from the AppView
        wait_for("a profile on the AppView", lambda a=account: appview.get_profile(a.did).description)

    def status(*uris: str) -> dict[str, Any]:
        return _run(env, "e2e_harness.py", "status", *uris)

    def start(*args: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "colibri.cli", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(proc)
        return proc

    ingest = start("ingest", "--follow", "--poll", "0.2", "--quiet")
    dispatch = start("dispatch", "--idle-sleep", "0.1", "--backoff-base", "0.5")
    # Both running before the clock starts, as in a collective's evening: a member's hello goes through
    # ingest, and a coordinator has it reposted once (dispatch logs in as the official account).
    warm_up = post_as(member, ours(WARM_UP_TEXT))
    wait_for(
        "ingest to read the stream",
        lambda: status(warm_up)["posts"][warm_up]["status"] not in (None, "detected"),
        timeout=60,
        interval=0.2,
    )
    # Turned on only now, once ingest has read the stream. First with a minimum account age of one
    # day: every account of this test is seconds old, and the AppView's profile says so (createdAt,
    # read by ingest): a clear first request waits for a human.
    assert _run(env, "autoapproval_harness.py", "turn-on", "1") == {"auto_approve": True, "min_age_days": 1}
    too_young = post_as(newcomer, ours(CLEAR_TEXT.replace("marie-colibri", "nina-colibri")))

    def held() -> dict[str, Any] | None:
        seen: dict[str, Any] = _run(env, "autoapproval_harness.py", "account", too_young)
        return seen if seen["status"] not in (None, "detected") and seen["declined"] else None

    young = wait_for("the newcomer's request to be triaged", held, timeout=60, interval=0.2)
    assert young["status"] == "eligible" and young["declined"].endswith("moins de 1 jour")
    assert young["created_at"] is not None  # from the AppView's profile (getProfile createdAt)
    assert _run(env, "autoapproval_harness.py", "turn-on", "0") == {"auto_approve": True, "min_age_days": 0}
    assert _run(env, "e2e_harness.py", "approve", warm_up)["status"] == "approved"
    wait_for("the warm-up repost", lambda: _repo_reposts(official, warm_up) == 1, timeout=60, interval=0.2)
    time.sleep(3.5)  # the official account's pace (active hours / daily budget = 2.9 s) lets the next one go

    def reposters(uri: str) -> list[str]:
        return [a.did for a in appview.get_reposted_by(uri).reposted_by]

    posted = time.monotonic()
    clear = post_as(seeker, ours(CLEAR_TEXT), image=png_bytes(), alt=SKILLS_ALT)
    # The repost is the official account's record in its own repo; the AppView indexes it a moment later.
    wait_for(
        "the official repost, with no click",
        lambda: _repo_reposts(official, clear) == 1,
        timeout=30,
        interval=0.05,
    )
    elapsed = time.monotonic() - posted
    assert elapsed < 5.0, f"reposted {elapsed:.1f} s after being posted"
    wait_for(
        "the repost on the AppView", lambda: reposters(clear) == [official.did], timeout=30, interval=0.2
    )

    alternance = post_as(student, ours(ALTERNANCE_TEXT), image=png_bytes(), alt=SKILLS_ALT)
    offer = post_as(recruiter, ours(OFFER_TEXT))

    def triaged() -> dict[str, Any] | None:
        posts: dict[str, Any] = status(alternance, offer)["posts"]
        return posts if all(p["status"] not in (None, "detected") for p in posts.values()) else None

    both = wait_for(
        "ingest to triage the alternance request and the offer", triaged, timeout=60, interval=0.2
    )
    assert both[alternance]["category"] == "internship_request" and both[alternance]["status"] == "ineligible"
    assert both[offer]["category"] == "job_offer" and both[offer]["status"] == "ineligible"
    time.sleep(3.0)  # what would have been relayed by now (the clear one took < 5 s): nothing
    assert reposters(alternance) == [] and reposters(offer) == []
    assert not any(a["target_uri"] in (alternance, offer) for a in status(clear)["outbox"])

    # A moderator glances at the day's automatic approvals and withdraws the request: one key, undone.
    listed = _run(env, "autoapproval_harness.py", "glance")["listed"]
    assert clear in listed and alternance not in listed and offer not in listed and warm_up not in listed
    assert too_young not in listed
    assert _run(env, "autoapproval_harness.py", "withdraw", clear) == {"status": "withdrawn", "page": 200}
    wait_for("the repost to leave the AppView", lambda: not reposters(clear), timeout=30, interval=0.2)
    assert _repo_reposts(official, clear) == 0
    outbox = [(a["kind"], a["status"]) for a in status(clear)["outbox"] if a["target_uri"] == clear]
    assert outbox == [("repost", "done"), ("undo_repost", "done")]
    for proc in (ingest, dispatch):
        assert proc.poll() is None, proc.communicate()[1][-3000:]
    # Nothing else was relayed: the other tests' clear requests on the shared network were not its own.
    page = official.client.com.atproto.repo.list_records(
        {"repo": official.did, "collection": "app.bsky.feed.repost", "limit": 100}
    )
    assert [r.value.subject.uri for r in page.records] == [warm_up]
