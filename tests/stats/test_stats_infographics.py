"""Every infographic rendered from the fixture world: size, content, caption and alt text; the monthly job;
the poster published from the official account with its alt text, exactly once. Images are kept under
test-artifacts/stats/ for a look."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone, translation
from PIL import Image

from colibri.core.geodata import DEPARTEMENTS
from colibri.networks.base import Network, NetworkEvent
from colibri.relay.dispatch import Dispatcher
from colibri.relay.models import AuditLog, NetworkAccount, OutboxAction
from colibri.scheduling import jobs as scheduling
from colibri.stats import actions, infographics, queries
from colibri.stats.models import Infographic

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "stats"


@pytest.fixture
def french() -> Iterator[None]:
    with translation.override("fr"):
        yield


@pytest.fixture
def rendered(world: Any, french: None) -> dict[str, infographics.Infographic]:
    images = {i.name: i for i in infographics.render_all(queries.compute(queries.month_period(2026, 11)))}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for img in images.values():
        (ARTIFACTS / f"{img.name}.png").write_bytes(img.png)
        (ARTIFACTS / f"{img.name}.svg").write_text(img.svg)
        (ARTIFACTS / f"{img.name}.alt.txt").write_text(img.alt + "\n" + img.caption + "\n")
    return images


def _texts(svg: str) -> list[str]:
    """The text elements of an SVG (text kept as text, not paths)."""
    return [
        html.unescape(re.sub(r"<[^>]+>", "", t)).strip()
        for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)
    ]


def test_it_renders_every_infographic_as_png_and_svg_with_caption_and_alt(rendered: dict[str, Any]) -> None:
    assert set(rendered) == set(infographics.NAMES)
    for img in rendered.values():
        with Image.open(io.BytesIO(img.png)) as png:
            assert png.format == "PNG" and png.size == img.size, img.name
        assert img.svg.lstrip().startswith("<?xml") and "<svg" in img.svg
        # The caption names the period and the counts, in French; the alt text carries figures too.
        assert "novembre 2026" in img.caption or img.name == "audiences"
        assert len(img.alt) > 60 and re.search(r"\d", img.alt), img.name
    assert rendered["poster"].size == (1200, 1500)
    assert len(rendered["poster"].png) < 950_000  # under Bluesky's 1 MB image limit


def test_it_draws_every_departement_on_the_map_overseas_included(rendered: dict[str, Any]) -> None:
    texts = _texts(rendered["map"].svg)
    codes = {code for code, _n, _r, _p in DEPARTEMENTS}
    assert len(codes) == 101
    assert codes <= set(texts)  # 971 … 976 included
    assert "Outre-mer" in texts
    alt = rendered["map"].alt
    assert "3 des 101 départements" in alt or "3 of 101" in alt  # 35, 69 and 29 have seekers
    assert "Ille-et-Vilaine (35) 7" in alt


def test_it_hides_small_cells_and_uses_french_labels_on_the_funnel(rendered: dict[str, Any]) -> None:
    texts = _texts(rendered["funnel"].svg)
    assert {"détectées", "éligibles", "relayées", "embauchées"} <= set(texts)
    assert "10" in texts and "7" in texts and "6" in texts
    assert texts.count("< 5") == 2  # answered 4 and hired 2 are small cells: no bar, no number
    assert "moins de 5" in rendered["funnel"].alt
    # Okabe-Ito blue for the bars.
    assert "#0072b2" in rendered["funnel"].svg.lower()


def test_it_leaves_groups_under_five_people_out_of_the_family_chart(rendered: dict[str, Any]) -> None:
    texts = _texts(rendered["families"].svg)
    assert any(t.startswith("M · ") for t in texts)  # 8 seekers in family M
    assert not any(t.startswith("J · ") for t in texts)  # 2 in J: left out, and said so
    assert "1 groupe de moins de 5 personnes non montré." in rendered["families"].alt


def test_the_monthly_job_renders_last_month_once(world: Any, french: None) -> None:
    job = next(j for j in scheduling.jobs() if j.name == "infographics")
    tz = timezone.get_current_timezone()  # the collective's (settings.TIME_ZONE), not the machine's
    assert job.period(datetime(2026, 12, 1, 0, 1, tzinfo=tz)) == "2026-12"
    assert job.period(datetime(2026, 11, 30, 23, 59, tzinfo=tz)) == "2026-11"
    from colibri.stats.tasks import render_monthly_infographics

    with translation.override("fr"):
        count = render_monthly_infographics.call()
    assert count == len(infographics.NAMES)
    # previous_month() is relative to now; whichever month it was, one row per image of that month.
    assert Infographic.objects.count() == len(infographics.NAMES)
    actions.do_render_infographics(queries.month_period(2026, 11))
    actions.do_render_infographics(queries.month_period(2026, 11))  # again: replaced, not duplicated
    assert Infographic.objects.filter(first_day="2026-11-01").count() == len(infographics.NAMES)
    assert AuditLog.objects.filter(action="stats.infographics_rendered").count() == 3


class RecordingNetwork(Network):
    name = "bluesky"
    posts: ClassVar[list[tuple[str, bytes | None, str]]] = []

    def stream(self, cursor: str | None = None) -> Iterator[tuple[NetworkEvent, str]]:
        return iter(())

    def post(self, text: str, image: bytes | None = None, alt: str = "") -> str:
        self.posts.append((text, image, alt))
        return f"at://did:plc:official/app.bsky.feed.post/{len(self.posts)}"


def test_a_coordinator_publishes_the_poster_with_its_alt_text_exactly_once(
    client: Client, world: Any, french: None
) -> None:
    NetworkAccount.objects.create(
        network="bluesky", remote_id="did:plc:official", handle="i4emploi.test", is_official=True
    )
    actions.do_render_infographics(queries.month_period(2026, 11))
    poster = Infographic.objects.get(name="poster")
    coordinator = get_user_model().objects.create_user("coord", password="pw-123456789")
    from colibri.relay.actions.volunteers import do_set_role

    do_set_role(coordinator, role="coordinator", actor=None)
    client.force_login(coordinator)
    page = client.get("/statistiques/").content.decode()
    assert f"/statistiques/infographies/{poster.pk}/publier/" in page
    assert client.post(f"/statistiques/infographies/{poster.pk}/publier/").status_code == 302
    assert client.post(f"/statistiques/infographies/{poster.pk}/publier/").status_code == 302  # double click
    rows = list(OutboxAction.objects.filter(kind="post"))
    assert len(rows) == 1 and rows[0].account.handle == "i4emploi.test"

    RecordingNetwork.posts = []
    Dispatcher(lambda account: RecordingNetwork(), worker_id="t").run_once(plan=False)
    Dispatcher(lambda account: RecordingNetwork(), worker_id="t").run_once(plan=False)
    assert len(RecordingNetwork.posts) == 1
    text, image, alt = RecordingNetwork.posts[0]
    assert image == bytes(poster.png) and alt == poster.alt and "novembre 2026" in alt
    assert "/chiffres/" in text
    # A member may not publish.
    member = get_user_model().objects.create_user("m", password="pw-123456789")
    client.force_login(member)
    assert client.post(f"/statistiques/infographies/{poster.pk}/publier/").status_code == 403
    # The image files are public, as PNG and SVG.
    png = client.get(f"/chiffres/infographies/{poster.pk}.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert client.get(f"/chiffres/infographies/{poster.pk}.svg")["Content-Type"].startswith("image/svg+xml")
