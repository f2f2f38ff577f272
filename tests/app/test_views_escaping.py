"""Hostile posts and bios: the dashboard shows them as text, never as markup."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from colibri.relay.actions.decisions import do_reject_request
from colibri.relay.templatetags.relay_tags import post_html, web_url

from .views_support import make_review_request

SCRIPT = "<script>alert('bio')</script>"
IMG = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile(db: None) -> Any:
    return make_review_request(
        text=f"Bonjour {SCRIPT}\n{IMG} https://example.org/a?b=1&c=<svg/onload=alert(2)>",
        handle=f"evil{IMG}",
        display_name=SCRIPT,
        bio=f"{SCRIPT} {IMG}",
        url="javascript:alert(3)",
        image_alt=IMG,
        job_title=SCRIPT,
        reasons=[SCRIPT],
        feedback=[IMG],
        commune=IMG,
        region=SCRIPT,
        profile_link="javascript:alert(4)",
    )


def _assert_inert(html: str) -> None:
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<svg/onload" not in html
    assert "javascript:" not in html
    assert "&lt;script&gt;alert(&#x27;bio&#x27;)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.django_db
def test_it_escapes_everything_on_the_queue(client: Any, moderator: Any, hostile: Any) -> None:
    client.force_login(moderator)
    _assert_inert(client.get("/").content.decode())
    # The région choice list is user-derived too (it comes from triage of user text).
    _assert_inert(client.get("/", {"region": SCRIPT}).content.decode())


@pytest.mark.django_db
def test_it_escapes_everything_on_the_request_page(client: Any, moderator: Any, hostile: Any) -> None:
    do_reject_request(hostile, actor=moderator, reason=SCRIPT + IMG)
    client.force_login(moderator)
    html = client.get(reverse("request_detail", args=[hostile.pk])).content.decode()
    _assert_inert(html)


@pytest.mark.django_db
def test_it_escapes_the_search_box(client: Any, moderator: Any) -> None:
    client.force_login(moderator)
    html = client.get("/", {"q": IMG}).content.decode()
    assert "<img src=x" not in html
    assert 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"' in html


def test_it_keeps_line_breaks_and_links_only_for_web_urls() -> None:
    html = post_html("Un\r\nDeux\nhttps://a.example/x_(y). javascript:alert(1) ftp://b.example")
    assert html == (
        'Un<br>\nDeux<br>\n<a href="https://a.example/x_(y)" rel="nofollow noopener noreferrer" '
        'target="_blank">https://a.example/x_(y)</a>. javascript:alert(1) ftp://b.example'
    )


def test_it_cannot_break_out_of_the_href() -> None:
    html = post_html('https://a.example/"onmouseover="alert(1) and https://b.example/?q=<b>')
    assert 'href="https://a.example/"' in html
    assert "&quot;onmouseover=&quot;alert(1)" in html
    assert 'href="https://b.example/?q="' in html and "&lt;b&gt;" in html
    assert "<b>" not in html


def test_it_escapes_ampersands_inside_links() -> None:
    assert 'href="https://a.example/?x=1&amp;y=2"' in post_html("https://a.example/?x=1&y=2")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://bsky.app/x", "https://bsky.app/x"),
        ("HTTP://A.EXAMPLE", "HTTP://A.EXAMPLE"),
        ("javascript:alert(1)", ""),
        (" data:text/html,<b>", ""),
        (None, ""),
    ],
)
def test_it_lets_only_web_urls_into_hrefs(value: Any, expected: str) -> None:
    assert web_url(value) == expected
