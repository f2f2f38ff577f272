"""The review queue's rows, and its cards rendered once per content (issue 17: the dashboard under load).

The rows: SQLite uses a partial index only when the query repeats the index's condition with the
same literals (a bound parameter never matches), so the waiting statuses are written into the SQL
as literals: the page, its count and its régions then read `request_awaiting_idx` and
`request_awaiting_region_idx` (0.3 ms) instead of walking the date index through 100,000 decided
requests (240 ms a page). Its count still went through the status index there (SQLite's planner
prefers it, then reads each row for the dates: 42 ms), so on SQLite the count is taken over the
page's own ordered rows, which only the partial index serves (1 ms). PostgreSQL gets the same
SQL (psycopg binds on the client side) and plans it as before.

The cards: a card is the same HTML for everyone who may see it until its request, post or author
changes, but the template engine took ~3 ms to render each (four includes, two inclusion tags, ~60
translation lookups): 20 cards were most of a queue page's CPU under load. Each card is rendered
once with placeholders for what does change (the waiting time, the page's path that the forms
return to, the CSRF token) and kept, keyed by a digest of every field the card is drawn from and of
what else it depends on (language, time zone, the day, role, the advice settings); a card view then
only fills the placeholders in. Kept in this process (a bounded LRU, least recently used out first):
a change to a card's inputs makes a new key, so nothing is invalidated by hand and an old entry just
ages out.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, F, Model, QuerySet
from django.db.models.lookups import In
from django.db.models.sql.constants import MULTI
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince

from colibri.relay import roles
from colibri.relay.forms import REJECT_TEMPLATES
from colibri.relay.lifecycle import AWAITING_STATUSES
from colibri.relay.models import Request
from colibri.relay.signals import queue_card_inputs

CARD_TEMPLATE = "relay/_queue_card.html"
CACHED_CARDS = 2000  # ~5 kB each: ~10 MB per process; the 50 volunteers of bench/load.py use ~300
# Placeholders: markup a post can never put in a card (its text is escaped, so "<" never survives).
_SINCE = mark_safe("<colibri-card-since>")
_NEXT = mark_safe("<colibri-card-next>")
_CSRF = mark_safe("<colibri-card-csrf>")


class _InLiterals(In):  # type: ignore[type-arg]
    """`field IN ('a', 'b')` with the values in the SQL (fixed, trusted values only: see the docstring)."""

    def process_rhs(self, compiler: Any, connection: Any) -> tuple[str, tuple[()]]:
        values = [str(v) for v in self.rhs]
        if not all(v.replace("_", "").isalnum() for v in values):  # never user input: never quoted text
            raise ValueError(f"not a literal status list: {values!r}")
        return "(" + ", ".join(f"'{v}'" for v in values) + ")", ()


def awaiting_requests() -> QuerySet[Request]:
    """Requests triaged but not decided yet (approved/rejected/withdrawn/erased ones have left the queue)."""
    return Request.objects.filter(
        _InLiterals(F("status"), [str(s) for s in AWAITING_STATUSES]),
        decided_at__isnull=True,
        erased_at__isnull=True,
    )


class QueuePaginator(Paginator):  # type: ignore[type-arg]
    """Pages of `awaiting_requests()` as ordered by the view (see the module's docstring for the count)."""

    @cached_property
    def count(self) -> int:
        rows: Any = self.object_list
        connection = connections[rows.db]
        if connection.vendor != "sqlite":
            return int(rows.count())
        sql, params = rows.values("pk").query.sql_with_params()  # keeps ORDER BY created_at, id
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS awaiting", params)  # noqa: S608 (Django's own SQL)
            return int(cursor.fetchone()[0])


_filters: OrderedDict[tuple[Any, ...], str] = OrderedDict()


def filter_fields(form: Any, request: HttpRequest, regions: list[str]) -> SafeString:
    """The filter form's fields as `relay/_queue_filters.html` renders them, kept by what they show
    (the page's values of the fields, the régions offered, the language): Django renders each widget
    through its own templates, ~2.5 ms of every queue view for the same few variants."""
    values = tuple((name, tuple(request.GET.getlist(name))) for name in form.fields)
    key = (translation.get_language(), form.is_bound, tuple(regions), values)
    with _cards.lock:
        html = _filters.get(key)
    if html is None:
        html = render_to_string("relay/_queue_filters.html", {"form": form})
        with _cards.lock:
            _filters[key] = html
            while len(_filters) > 500:
                _filters.popitem(last=False)
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, which escaped it)


def regions_and_count() -> tuple[list[str], int]:
    """The régions that have something waiting (for the filter) and how many requests wait, in one
    query over the partial index of the waiting requests' régions (one round trip less per view)."""
    by_region = awaiting_requests().order_by("region").values_list("region").annotate(n=Count("id"))
    rows = list(by_region)
    return [region for region, _n in rows if region], sum(n for _region, n in rows)


def page_of(
    rows: QuerySet[Request], number: Any, per_page: int, *, searched: bool, count: int | None = None
) -> Page:  # type: ignore[type-arg]
    """The page `number` of `rows` (ordered as the queue shows them); `count`: their number when the
    caller knows it (the unfiltered queue, `regions_and_count`).

    A text search reads every waiting row with its post and author whatever the indexes (a match may
    be anywhere in the text), and the count and the page each did it (2 × 95 ms on the load fixture):
    one pass now lists the matching ids in queue order (the count is their number), then only the
    page's rows are read whole, by id."""
    if not searched:
        paginator = QueuePaginator(rows, per_page)
        if count is not None:
            paginator.count = count  # the cached property's value, already known
        return paginator.get_page(number)
    ids: list[Any] = list(rows.values_list("id", flat=True))
    page = Paginator(ids, per_page).get_page(number)
    page.object_list = list(rows.filter(id__in=list(page.object_list)))
    return page


class _Cards:
    """Rendered cards by key, least recently used dropped first; shared by the server's threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, str] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self.lock:
            html = self.items.get(key)
            if html is not None:
                self.items.move_to_end(key)
            return html

    def put(self, key: str, html: str) -> None:
        with self.lock:
            self.items[key] = html
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


_cards = _Cards(CACHED_CARDS)


def forget_cards() -> None:
    """Drop the rendered cards (a test that counts what rendering one costs)."""
    _cards.clear()


def _loaded_fields(obj: Model) -> list[Any]:
    """Every column loaded on the row (a deferred one is never shown): any change makes a new key."""
    return [getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname in obj.__dict__]


def _page_inputs(request: HttpRequest) -> str:
    """What every card of the page is drawn from besides its own rows."""
    others = [value for _receiver, value in queue_card_inputs.send(sender=Request, request=request)]
    return repr(
        (
            translation.get_language(),
            timezone.get_current_timezone_name(),
            # The advice's composer link carries the day it was made (`advice.links`), absolute.
            timezone.localdate().isoformat(),
            getattr(settings, "SITE_URL", ""),
            get_script_prefix(),
            roles.has_role(request.user, roles.MODERATOR),  # the advice form is for moderators
            # Which image hosts a card may show (`console.images`).
            getattr(settings, "BLUESKY_SERVICE", ""),
            getattr(settings, "MASTODON_API_BASE_URL", ""),
            others,
        )
    )


def _inputs(req: Request) -> tuple[Any, ...]:
    """What a request's card is drawn from: every loaded column of the request, its post and author,
    in the order of the page's SELECT (so that a row read without making models gives the same)."""
    return (*_loaded_fields(req), *_loaded_fields(req.post), *_loaded_fields(req.post.author))


def _itself(req: Request) -> Request:
    return req


def _page_rows(rows: QuerySet[Request]) -> list[tuple[tuple[Any, ...], Any, Callable[[], Request]]]:
    """(`_inputs`, `created_at`, its models) of each row of the page, read as the ORM reads it (the same
    SELECT, values converted), the request, post and author made models only when asked (a card not
    kept yet): making the 60 models of a page was ~1.5 ms of a queue view's CPU, for cards nearly
    always kept."""
    db = rows.db
    compiler = rows.query.get_compiler(using=db)
    values = list(compiler.results_iter(compiler.execute_sql(MULTI)))
    select, info = compiler.select, compiler.klass_info

    def model(row: tuple[Any, ...], info: dict[str, Any]) -> Any:
        # As the ORM's ModelIterable and RelatedPopulator make them (the select_related post, author).
        positions = info["select_fields"]
        obj = info["model"].from_db(
            db, [select[i][0].target.attname for i in positions], [row[i] for i in positions]
        )
        for related in info.get("related_klass_infos", []):
            other = model(row, related)
            related["local_setter"](obj, other)
            related["remote_setter"](other, obj)
        return obj

    names = [column[0].target.attname for column in select]
    created = info["select_fields"][0] + names[info["select_fields"][0] :].index("created_at")
    return [(tuple(row), row[created], partial(model, row, info)) for row in values]


def cards(request: HttpRequest, rows: Iterable[Request]) -> list[SafeString]:
    """The page's cards, in order, as the queue's template used to render them in its loop.

    `rows`: the page as a QuerySet (read once here), or its requests already read (a text search)."""
    page = _page_inputs(request)
    path = escape(request.get_full_path())
    token = get_token(request)  # one per page, as the page's own {% csrf_token %} tags share one

    def key(inputs: tuple[Any, ...]) -> str:
        return hashlib.blake2b(repr((page, inputs)).encode(), digest_size=16).hexdigest()

    def render(req: Request) -> str:
        context = {
            "req": req,
            "request": request,
            "user": request.user,
            "reject_templates": REJECT_TEMPLATES,
            "since": _SINCE,
            "card_next": _NEXT,
            "csrf_token": _CSRF,
        }
        return render_to_string(CARD_TEMPLATE, context).strip()

    keyed = (
        _page_rows(rows)
        if isinstance(rows, QuerySet)
        else [(_inputs(req), req.created_at, partial(_itself, req)) for req in rows]  # a search's page
    )
    out = []
    for inputs, created_at, models in keyed:
        digest = key(inputs)
        html = _cards.get(digest)
        if html is None:
            html = render(models())
            _cards.put(digest, html)
        since = escape(timesince(created_at))
        # Every piece is escaped (the path, the waiting time) or a token of URL-safe characters.
        out.append(mark_safe(html.replace(_SINCE, since).replace(_NEXT, path).replace(_CSRF, token)))  # noqa: S308
    return out
