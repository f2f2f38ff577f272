"""The statistics pages and CSV exports as a volunteer and as anyone would use them."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

NOVEMBER = {"du": "2026-11-01", "au": "2026-11-30"}  # the volunteers' page: any days
NOVEMBER_PUBLIC = {"mois": "2026-11"}  # the public page: a calendar month


def _csv(resp: Any) -> dict[tuple[str, str, str], str]:
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode())))
    assert rows[0] == ["table", "row", "column", "value"]
    return {(t, r, c): v for t, r, c, v in rows[1:]}


def test_it_shows_every_figure_to_volunteers_and_exports_them(client: Client, world: Any) -> None:
    assert client.get("/statistiques/", NOVEMBER).status_code == 302  # volunteers only
    user = get_user_model().objects.create_user("vol", password="pw-123456789")
    client.force_login(user)
    page = client.get("/statistiques/", NOVEMBER).content.decode()
    assert "Du parcours au recrutement" in page or "hired" in page or "embauch" in page
    data = _csv(client.get("/statistiques/export.csv", NOVEMBER))
    assert data[("period", "", "from")] == "2026-11-01"
    funnel = {r: v for (t, r, c), v in data.items() if t == "funnel"}
    assert list(funnel.values()) == ["10", "7", "6", "4", "2"]
    # Small cells are shown to volunteers: two hired, four answers, rate 50 %.
    outcomes = {r: v for (t, r, c), v in data.items() if t == "outcomes"}
    assert "50.0" in outcomes.values() and "15.0" in outcomes.values() and "85.0" in outcomes.values()


def test_it_hides_cells_under_five_people_on_the_public_page(client: Client, world: Any) -> None:
    data = _csv(client.get("/chiffres/export.csv", NOVEMBER_PUBLIC))
    funnel = [v for (t, r, c), v in data.items() if t == "funnel"]
    assert funnel == ["10", "7", "6", "<5", "<5"]
    outcomes = {r: v for (t, r, c), v in data.items() if t == "outcomes"}
    assert set(outcomes.values()) == {"5", "<5"}  # 5 followed up; every other outcome figure is a small cell
    regions = {(r, c): v for (t, r, c), v in data.items() if t == "regions"}
    assert regions[("Auvergne-Rhône-Alpes", data_col(data, "regions", 0))] == "<5"
    members = {r: v for (t, r, c), v in data.items() if t == "members"}
    assert set(members.values()) == {"<5"}  # two donors: nothing about members is published
    page = client.get("/chiffres/", NOVEMBER_PUBLIC)
    assert page.status_code == 200
    html = page.content.decode()
    assert "&lt; 5" in html
    # Aggregates only: no handle, no post text, no URL of anyone.
    assert "@person" not in html and ".test" not in html and "PleaseRT" not in html and "bsky.app" not in html


def data_col(data: dict[tuple[str, str, str], str], table: str, index: int) -> str:
    return [c for (t, _r, c) in data if t == table][index]


def test_it_explains_a_bad_period_and_shows_the_default_one(client: Client, world: Any) -> None:
    resp = client.get("/chiffres/", {"mois": "novembre"})
    assert resp.status_code == 200 and "AAAA-MM" in resp.content.decode()
    # The public page takes months only: days are ignored (the last 365 days are shown).
    assert client.get("/chiffres/export.csv", NOVEMBER).content == client.get("/chiffres/export.csv").content
    user = get_user_model().objects.create_user("vol", password="pw-123456789")
    client.force_login(user)
    resp = client.get("/statistiques/", {"du": "2026-13-01", "au": "nope"})
    assert resp.status_code == 200 and "AAAA-MM-JJ" in resp.content.decode()
    resp = client.get("/statistiques/", {"du": "2026-11-30", "au": "2026-11-01"})
    assert resp.status_code == 200 and 'role="alert"' in resp.content.decode()
