"""Follow-up pages: the seeker's one-time answer form (public), a volunteer's outcome, the rates page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from colibri.relay import roles
from colibri.relay.actions.base import ActionError
from colibri.relay.models import Request

from .actions import (
    check_in_for_token,
    do_record_check_in_answer,
    do_record_volunteer_outcome,
    do_update_followup_settings,
)
from .forms import AnswerForm, FollowupSettingsForm, VolunteerOutcomeForm
from .models import FollowupSettings
from .rates import MIN_CELL, success_rates


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a check-in: one answer, then the link is spent (a reload says thanks, asks nothing)."""
    check_in = check_in_for_token(token)
    if check_in is None:
        return render(request, "followup/answer_gone.html", {"nav": ""}, status=404)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_record_check_in_answer(
                check_in,
                answer=form.cleaned_data["answer"],
                source="form",
                via_relay=form.via_relay_value(),
                contract=form.cleaned_data["contract"],
            )
        except ActionError:
            return render(request, "followup/answer_gone.html", {"nav": ""}, status=404)
        return render(
            request, "followup/answer_done.html", {"nav": "", "answer": form.cleaned_data["answer"]}
        )
    return render(request, "followup/answer.html", {"nav": "", "form": form})


@roles.role_required("moderator")
@require_POST
def record_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    req = get_object_or_404(Request, pk=pk)
    form = VolunteerOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
    else:
        try:
            do_record_volunteer_outcome(
                req, status=form.cleaned_data["status"], actor=request.user, note=form.cleaned_data["note"]
            )
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Outcome recorded."))
    return redirect("request_detail", pk=pk)


@roles.role_required("moderator")
@require_http_methods(["GET"])
def rates(request: HttpRequest) -> HttpResponse:
    result = success_rates()
    return render(
        request,
        "followup/rates.html",
        {
            "nav": "followup",
            "rates": result,
            "min_cell": MIN_CELL,
            "can_edit": roles.has_role(request.user, "coordinator"),
        },
    )


@roles.role_required("coordinator")
@require_http_methods(["GET", "POST"])
def followup_settings(request: HttpRequest) -> HttpResponse:
    form = FollowupSettingsForm(request.POST or None, instance=FollowupSettings.current())
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in FollowupSettingsForm.Meta.fields}
        fields.update(form.template_fields())
        do_update_followup_settings(actor=request.user, **fields)
        messages.success(request, _("Settings saved."))
        return redirect("followup:settings")
    return render(request, "followup/settings.html", {"nav": "followup", "form": form})
