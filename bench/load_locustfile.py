"""Volunteers for `bench/load.py` (locust): read by `locust -f`, never imported by the app.

LOAD_CONFIG names the JSON file `bench/load.py` wrote (session cookies of volunteers who logged in
through the real form, open request ids, each volunteer's own slice to approve); LOAD_MODE picks:
`human` (every page a volunteer uses, 6–16 s apart), `queue` or `admin` (one page, no wait: flat out).
"""

from __future__ import annotations

import itertools
import json
import os
import random
from typing import Any

import gevent
from locust import FastHttpUser, between, constant, task

CONFIG: dict[str, Any] = json.loads(open(os.environ["LOAD_CONFIG"], encoding="utf-8").read())
MODE = os.environ.get("LOAD_MODE", "human")
_seats = itertools.count()
REGIONS = ["Bretagne", "Occitanie", "Auvergne-Rhône-Alpes", "Grand Est"]
SEARCHES = ["comptable", "personne123", "infirmier", "juriste"]


class Volunteer(FastHttpUser):
    wait_time = between(6, 16) if MODE == "human" else constant(0)

    def on_start(self) -> None:
        seat = next(_seats)
        sessions = CONFIG["sessions"]
        cookies = CONFIG["admin"] if MODE == "admin" else sessions[seat % len(sessions)]
        self.csrf = cookies.get("csrftoken", "")
        self.headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        self.to_approve = list(CONFIG["to_approve"][seat % len(CONFIG["to_approve"])])
        self.rng = random.Random(seat)
        if MODE == "human":  # volunteers arrive at their own moment, not all in the same millisecond
            gevent.sleep(self.rng.uniform(0, 16))

    def get(self, path: str, name: str) -> None:
        with self.client.get(path, headers=self.headers, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")
            elif b"/connexion/" in (answer.url or "").encode():
                answer.failure("logged out")

    @task(6)
    def queue(self) -> None:
        if MODE == "admin":
            self.get("/admin/relay/request/", "admin changelist")
            return
        if MODE == "queue":
            self.get("/", "queue")
            return
        self.get("/", "queue")

    @task(2)
    def queue_filtered(self) -> None:
        if MODE != "human":
            return self.queue()
        choice = self.rng.random()
        if choice < 0.5:
            self.get(f"/?region={self.rng.choice(REGIONS)}", "queue ?region")
        else:
            self.get("/?page=2", "queue ?page=2")

    @task(1)
    def queue_search(self) -> None:
        if MODE != "human":
            return self.queue()
        self.get(f"/?q={self.rng.choice(SEARCHES)}", "queue ?q")

    @task(4)
    def request_page(self) -> None:
        if MODE != "human":
            return self.queue()
        self.get(f"/demandes/{self.rng.choice(CONFIG['open_ids'])}/", "request page")

    @task(2)
    def approve(self) -> None:
        if MODE != "human" or not self.to_approve:
            return self.queue()
        pk = self.to_approve.pop()
        headers = dict(self.headers, **{"X-CSRFToken": self.csrf, "Accept": "application/json"})
        headers["Referer"] = self.client.base_url + "/"
        with self.client.post(
            f"/demandes/{pk}/decision/",
            data={"decision": "approve", "csrfmiddlewaretoken": self.csrf},
            headers=headers,
            name="decision",
            catch_response=True,
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"HTTP {answer.status_code}")

    @task(1)
    def plan(self) -> None:
        if MODE != "human":
            return self.queue()
        self.get("/plan/", "plan")

    @task(2)
    def archive(self) -> None:
        if MODE != "human":
            return self.queue()
        if self.rng.random() < 0.3:
            self.get(f"/archives/?who=personne{self.rng.randrange(20000)}", "archive ?who")
        else:
            self.get("/archives/", "archive")

    @task(1)
    def stats(self) -> None:
        if MODE != "human":
            return self.queue()
        self.get("/statistiques/", "statistics")
