"""End to end on the real local AT Protocol network: `colibri ingest` and `colibri dispatch` as processes.

A seeker and a recruiter post; ingest (configured by BLUESKY_* settings, reading the PDS firehose)
stores both and triage makes the seeker's request eligible and the recruiter's offer not; ingest is
SIGKILLed in the middle of a burst of posts and restarted: every post is stored, once. A
coordinator approves the request; dispatch reposts it from the official account exactly once
(`getRepostedBy` on the AppView, and the official repo itself). The seeker deletes the post: ingest
withdraws the request and dispatch undoes the repost.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .bluesky_kit import post_as
from .netkit import AtprotoNet, NetAccount, create_account, png_bytes, wait_for

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

BURST = 30
pytestmark = [pytest.mark.atproto, pytest.mark.timeout(240)]

# The collective's canonical request: hashtags, a LinkedIn link, an image. (A "Mon profil : <url>"
# variant is sent to review by the triage engine as of this writing: "Profil :" reads as a job-ad field.)
SEEKER_TEXT = (
    "#PleaseRT Je recherche un poste de #Comptable en CDI sur #Lyon, 8 ans d'expérience "
    "https://www.linkedin.com/in/marie-colibri #i4EmploiR"
)
RECRUITER_TEXT = (
    "Nous recrutons un #Comptable H/F en CDI à #Lyon ! Postulez vite https://jobs.example.com/42 #i4EmploiR"
)
SKILLS_ALT = "Compétences : paie, Sage"


def _harness(env: dict[str, str], *args: str) -> Any:
    out = subprocess.run(
        [sys.executable, str(HERE / "e2e_harness.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def _colibri(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "colibri.cli", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _drain(env: dict[str, str]) -> None:
    worker = _colibri(env, "dispatch", "--drain", "--backoff-base", "0.5", "--idle-sleep", "0.1")
    _out, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err[-3000:]


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
            proc.kill()
            proc.wait(timeout=30)


def test_it_ingests_triages_relays_once_survives_sigkill_and_undoes_a_deleted_post(
    atproto_net: AtprotoNet, tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    from atproto import Client

    from colibri.networks.credentials import generate_key

    net = atproto_net
    official = create_account(net, "official", bio="Compte officiel du collectif #i4emploi")
    seeker = create_account(
        net, "seeker", bio="Comptable en recherche active #i4EmploiR", display_name="Marie"
    )
    recruiter = create_account(net, "recruit", bio="Cabinet de recrutement")
    members = [create_account(net, f"member{i}", bio="Bénévole #i4emploi") for i in range(3)]
    env = dict(os.environ)
    for name in (
        "COLIBRI_DISPATCH_ADAPTER_FACTORY",
        "COLIBRI_REPLAY_FILE",
        "MASTODON_ACCESS_TOKEN",
        "X_BEARER_TOKEN",
    ):
        env.pop(name, None)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'e2e.sqlite3'}",
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
    assert _harness(env, "setup", official.did, official.handle) == {"ok": True}

    seeker_uri = post_as(seeker, SEEKER_TEXT, image=png_bytes(), alt=SKILLS_ALT)
    recruiter_uri = post_as(recruiter, RECRUITER_TEXT)
    # The AppView must know the seeker's bio (#i4EmploiR) before ingest asks for it.
    appview = Client(base_url=net.appview_url)
    wait_for("the seeker's profile on the AppView", lambda: appview.get_profile(seeker.did).description)

    def start_ingest() -> subprocess.Popen[str]:
        proc = _colibri(env, "ingest", "--follow", "--poll", "0.2", "--quiet")
        processes.append(proc)
        return proc

    def status(*uris: str) -> dict[str, Any]:
        return _harness(env, "status", *uris)

    ingest = start_ingest()

    def both_triaged() -> dict[str, Any] | None:
        assert ingest.poll() is None, ingest.communicate()[1][-3000:]
        posts = status(seeker_uri, recruiter_uri)["posts"]
        return posts if all(p["status"] not in (None, "detected") for p in posts.values()) else None

    posts = wait_for("ingest to store and triage both posts", both_triaged, timeout=60, interval=0.2)
    assert posts[seeker_uri]["category"] == "seeker_request" and posts[seeker_uri]["status"] == "eligible"
    assert posts[seeker_uri]["has_image"] is True
    assert posts[recruiter_uri]["category"] == "job_offer" and posts[recruiter_uri]["status"] == "ineligible"

    # A burst of requests; ingest is SIGKILLed in the middle of it and restarted.
    burst: list[str] = []
    authors = [seeker, *members]

    def post_burst() -> None:
        for i in range(BURST):
            text = f"#PleaseRT Je recherche un poste de #Secrétaire en CDD à #Nantes, annonce {i} #i4EmploiR"
            burst.append(post_as(authors[i % len(authors)], text))
            time.sleep(0.05)  # a steady stream, so that the kill lands in the middle of it

    def stored(uris: list[str]) -> int:
        # Read the database file directly: a Django process per poll would be too slow to catch the burst.
        with sqlite3.connect(tmp_path / "e2e.sqlite3", timeout=10) as db:
            marks = ",".join("?" * len(uris))
            return int(
                db.execute(f"SELECT count(*) FROM relay_post WHERE uri IN ({marks})", uris).fetchone()[0]
            )

    poster = threading.Thread(target=post_burst)
    poster.start()
    wait_for("ingest to store part of the burst", lambda: stored(list(burst)) >= 3, timeout=60, interval=0.02)
    ingest.send_signal(signal.SIGKILL)
    ingest.wait(timeout=30)
    stored_at_kill = stored(list(burst))
    poster.join(timeout=60)
    assert len(burst) == BURST
    assert 3 <= stored_at_kill < len(burst), "the kill did not land in the middle of the burst"
    ingest = start_ingest()
    everything = [seeker_uri, recruiter_uri, *burst]
    after = wait_for(
        "the restarted ingest to catch up",
        lambda: (s := status(*everything))["post_rows"] == len(everything) and s,
        timeout=60,
        interval=0.2,
    )
    assert all(p["stored"] for p in after["posts"].values())  # nothing lost; uri is unique: nothing twice

    # A coordinator approves the seeker's request: the official account reposts it, once.
    assert _harness(env, "approve", seeker_uri)["status"] in ("approved", "scheduled")
    _drain(env)
    _drain(env)  # a second worker pass must not repost again

    def reposters(uri: str) -> list[str]:
        return [a.did for a in appview.get_reposted_by(uri).reposted_by]

    assert wait_for("the official repost on the AppView", lambda: reposters(seeker_uri)) == [official.did]
    assert _repo_reposts(official, seeker_uri) == 1
    assert reposters(recruiter_uri) == []

    # The seeker deletes the post: the running ingest withdraws the request, dispatch undoes the repost.
    seeker.client.com.atproto.repo.delete_record(
        {"repo": seeker.did, "collection": "app.bsky.feed.post", "rkey": seeker_uri.rsplit("/", 1)[1]}
    )
    withdrawn = wait_for(
        "ingest to withdraw the deleted post's request",
        lambda: (p := status(seeker_uri)["posts"][seeker_uri])["status"] == "withdrawn" and p,
        timeout=60,
        interval=0.2,
    )
    assert withdrawn["deleted"] is True
    _drain(env)
    wait_for("the repost to leave the AppView", lambda: not reposters(seeker_uri))
    assert _repo_reposts(official, seeker_uri) == 0
    outbox = status(seeker_uri)["outbox"]
    assert [(a["kind"], a["status"]) for a in outbox if a["target_uri"] == seeker_uri] == [
        ("repost", "done"),
        ("undo_repost", "done"),
    ]

    # The official account labelled itself a bot (Bluesky self-label) when it first logged in.
    profile = official.client.com.atproto.repo.get_record(
        {"repo": official.did, "collection": "app.bsky.actor.profile", "rkey": "self"}
    ).value
    labels = profile["labels"] if isinstance(profile, dict) else profile.labels.model_dump(by_alias=True)
    assert [v["val"] for v in labels["values"]] == ["bot"]

    # A shutdown request ends ingest promptly even while the firehose carries nothing for it.
    ingest.send_signal(signal.SIGTERM)
    assert ingest.wait(timeout=15) == 0
