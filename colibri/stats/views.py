"""The statistics pages: the volunteers' page (every figure) and the public page of aggregates (small
cells hidden), each with its CSV export and its infographics."""

from __future__ import annotations

import csv
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import figures, queries

MAX_DAYS = 3 * 366  # a longer period is refused: nobody reads it and it costs the most


def period_from(request: HttpRequest) -> tuple[queries.Period, str]:
    """The period asked by `du`/`au` (YYYY-MM-DD, local days), or the last 365 days; with an error
    message when the asked one could not be used."""
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
    period, error = period_from(request)
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
        },
    )


def _csv(request: HttpRequest, *, public: bool) -> HttpResponse:
    period, _error = period_from(request)
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


def not_found() -> Http404:
    return Http404(_("No infographic has been rendered yet."))
