"""The statistics pages: the volunteers' page (every figure) and the public page of aggregates (small
cells hidden), each with its CSV export and its infographics."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from colibri.relay import roles

from . import actions, figures, queries
from .models import Infographic

MAX_DAYS = 3 * 366  # a longer period is refused: nobody reads it and it costs the most


def period_from(request: HttpRequest, *, public: bool) -> tuple[queries.Period, str]:
    """The period asked, or the last 365 days; with an error message when the asked one could not be used.

    Volunteers choose any days (`du`, `au`: YYYY-MM-DD, local days). The public page offers the last 365
    days or a calendar month (`mois`: YYYY-MM): a handful of periods, each computed once per cache
    lifetime, so nobody can make the server compute figures for every pair of days."""
    if public:
        month = request.GET.get("mois", "")
        if not month:
            return queries.last_days(), ""
        try:
            year, number = (int(part) for part in month.split("-"))
            return queries.month_period(year, number), ""
        except ValueError:
            return queries.last_days(), _("A month is written YYYY-MM; showing the last 365 days.")
    first_text, last_text = request.GET.get("du", ""), request.GET.get("au", "")
    if not first_text and not last_text:
        return queries.last_days(), ""
    today = timezone.localdate()
    try:
        last = date.fromisoformat(last_text) if last_text else today
        first = date.fromisoformat(first_text) if first_text else last - timedelta(days=364)
    except ValueError:
        return queries.last_days(), _("Dates are written YYYY-MM-DD; showing the last 365 days.")
    if first > last or (last - first).days >= MAX_DAYS:
        return queries.last_days(), _("The period must start before it ends and last at most three years.")
    return queries.days_period(first, last), ""


def _page(request: HttpRequest, *, public: bool) -> HttpResponse:
    period, error = period_from(request, public=public)
    report = queries.report(period)
    return render(
        request,
        "stats/public.html" if public else "stats/volunteers.html",
        {
            "nav": "stats",
            "public": public,
            "period": period,
            "error": error,
            "report": report,
            "tables": figures.tables(report, public=public),
            "hidden": figures.hidden_label(),
            "query": request.GET.urlencode(),
            "month": request.GET.get("mois", "") if public and not error else "",
            "infographics": latest_infographics(),
            "can_publish": not public and roles.has_role(request.user, roles.COORDINATOR),
        },
    )


def _csv(request: HttpRequest, *, public: bool) -> HttpResponse:
    period, _error = period_from(request, public=public)
    report = queries.report(period)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = "colibri-chiffres" if public else "colibri-statistiques"
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{period.first_day.isoformat()}-{period.last_day.isoformat()}.csv"'
    )
    writer = csv.writer(response)
    for row in figures.csv_rows(report, public=public):
        writer.writerow(row)
    return response


@login_required
@require_GET
def volunteers_page(request: HttpRequest) -> HttpResponse:
    return _page(request, public=False)


@login_required
@require_GET
def volunteers_csv(request: HttpRequest) -> HttpResponse:
    return _csv(request, public=False)


@require_GET
def public_page(request: HttpRequest) -> HttpResponse:
    return _page(request, public=True)


@require_GET
def public_csv(request: HttpRequest) -> HttpResponse:
    return _csv(request, public=True)


# --------------------------------------------------------------------------- infographics


def latest_infographics() -> list[Infographic]:
    """The most recent period's set (every image of it), poster first."""
    newest = Infographic.objects.order_by("-last_day", "-first_day").values("first_day", "last_day").first()
    if newest is None:
        return []
    images = list(Infographic.objects.filter(**newest).defer("png", "svg"))
    return sorted(images, key=lambda i: (i.name != "poster", i.name))


@require_GET
def infographic_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    img = get_object_or_404(Infographic, pk=pk)
    if fmt == "png":
        response = HttpResponse(bytes(img.png), content_type="image/png")
    else:
        response = HttpResponse(img.svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = (
        f'inline; filename="colibri-{img.name}-{img.first_day.isoformat()}-{img.last_day.isoformat()}.{fmt}"'
    )
    return response


@roles.role_required("coordinator")
@require_POST
def render_now(request: HttpRequest) -> HttpResponse:
    """Render last month's infographics now (the monthly job does it on the 1st)."""
    images = actions.do_render_infographics(queries.previous_month(), actor=request.user)
    messages.success(request, _("%(n)s infographics rendered.") % {"n": len(images)})
    return redirect("stats")


@roles.role_required("coordinator")
@require_POST
def publish_poster(request: HttpRequest, pk: int) -> HttpResponse:
    poster = get_object_or_404(Infographic, pk=pk)
    try:
        queued = actions.do_publish_poster(poster, actor=request.user)
    except actions.PublishError as exc:
        messages.error(request, str(exc))
        return redirect("stats")
    fresh = [a.handle for a, created in queued if created]
    if fresh:
        messages.success(
            request,
            _("The poster will be posted by %(accounts)s, with its alt text.")
            % {"accounts": ", ".join("@" + h for h in fresh)},
        )
    else:
        messages.info(request, _("This poster was already published: nothing was queued again."))
    return redirect("stats")
