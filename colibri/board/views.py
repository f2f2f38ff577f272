"""The public recruiters' board (/recruteurs/) and its RSS 2.0 and Atom feeds, one per filter."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from feedgen.feed import FeedGenerator

from colibri.stats.figures import family_label

from . import listing

PAGE_SIZE = 30
FEED_SIZE = 50
# Characters XML 1.0 cannot carry (control characters a post may still contain): lxml refuses them, and
# one such post must not take the whole feed down.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _filter(request: HttpRequest) -> tuple[listing.BoardFilter, str]:
    try:
        return listing.parse_filter(request.GET.get("region", ""), request.GET.get("famille", "")), ""
    except listing.FilterError as exc:
        return listing.BoardFilter(), str(exc)


def _title(flt: listing.BoardFilter) -> str:
    parts = [_("Job seekers relayed by the collective")]
    if flt.region:
        parts.append(flt.region)
    if flt.family:
        parts.append(family_label(flt.family))
    return " · ".join(parts)


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    flt, error = _filter(request)
    page = Paginator(listing.on_board(flt), PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode(flt.params())
    return render(
        request,
        "board/board.html",
        {
            "nav": "board",
            "flt": flt,
            "error": error,
            "title": _title(flt),
            "page_obj": page,
            "entries": [listing.entry(r) for r in page.object_list],
            "regions": listing.region_names(),
            "families": listing.family_choices(),
            "query": query,
        },
        status=400 if error else 200,
    )


def _feed(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        flt = listing.parse_filter(request.GET.get("region", ""), request.GET.get("famille", ""))
    except listing.FilterError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")
    site = str(settings.SITE_URL).rstrip("/")
    query = urlencode(flt.params())
    board_url = site + reverse("board") + (f"?{query}" if query else "")
    self_url = site + reverse(f"board_{kind}") + (f"?{query}" if query else "")
    fg = FeedGenerator()
    fg.id(self_url)
    fg.title(_title(flt))
    fg.subtitle(_("Requests of job seekers relayed now, each linking to the seeker's own post."))
    fg.link(href=board_url, rel="alternate")
    fg.link(href=self_url, rel="self")
    fg.language(str(settings.LANGUAGE_CODE))
    entries = [listing.entry(r) for r in listing.on_board(flt)[:FEED_SIZE]]
    # An empty feed is "updated" now: Atom requires the element and there is no entry to date it by.
    fg.updated(max((e.relayed_at for e in entries), default=None) or timezone.now())
    # feedgen puts the first added entry last: add the oldest first so readers get the newest on top.
    for e in reversed(entries):
        fe = fg.add_entry()
        fe.id(f"{site}{reverse('board')}#r{e.pk}")
        fe.title(_xml(f"{e.name or '@' + e.handle} ({e.network})"))
        fe.author(name=_xml(e.name or e.handle))
        if e.url:
            fe.link(href=e.url, rel="alternate")
        fe.published(e.posted_at)
        fe.updated(e.relayed_at)
        if kind == "rss":
            fe.description(_xml(e.text))
        else:
            fe.content(_xml(e.text), type="text")
    body = fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)
    ctype = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    return HttpResponse(body, content_type=f"{ctype}; charset=utf-8")


@require_GET
def rss(request: HttpRequest) -> HttpResponse:
    return _feed(request, "rss")


@require_GET
def atom(request: HttpRequest) -> HttpResponse:
    return _feed(request, "atom")
