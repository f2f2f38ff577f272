from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import CONTRACTS, VOLUNTEER_OUTCOMES
from .delivery import TEMPLATE_LANGUAGES
from .models import FollowupSettings


class AnswerForm(forms.Form):
    """The one-time link's tiny form: three questions, only the first one needed."""

    answer = forms.ChoiceField(
        label=_("Did you find a job?"),
        choices=[
            ("hired", _("Yes, I found a job")),
            ("searching", _("Not yet, I am still searching")),
            ("stop", _("I stopped: please no more relays or messages")),
        ],
        widget=forms.RadioSelect,
    )
    via_relay = forms.ChoiceField(
        label=_("Thanks to the relay?"),
        required=False,
        choices=[("", _("I don't know")), ("yes", _("Yes, through the relay")), ("no", _("No, another way"))],
    )
    contract = forms.ChoiceField(
        label=_("Contract"),
        required=False,
        choices=[
            ("", "—"),
            ("CDI", "CDI"),
            ("CDD", "CDD"),
            ("interim", _("Temporary work")),
            ("other", _("Other")),
        ],
    )

    def clean_contract(self) -> str:
        value = str(self.cleaned_data.get("contract") or "")
        return value if value in CONTRACTS else ""

    def via_relay_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(str(self.cleaned_data.get("via_relay") or ""))


class VolunteerOutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("hired", _("Hired")),
            ("searching", _("Still searching")),
            ("withdrawn", _("Withdrawn")),
            ("no_answer", _("No answer")),
        ],
    )
    note = forms.CharField(label=_("How we know"), required=False, max_length=200)

    def clean_status(self) -> str:
        value = str(self.cleaned_data["status"])
        if value not in VOLUNTEER_OUTCOMES:
            raise forms.ValidationError(_("Unknown outcome."))
        return value


class FollowupSettingsForm(forms.ModelForm):
    delays_weeks = forms.CharField(
        label=_("Ask after (weeks after the first relay)"),
        help_text=_("Comma-separated, e.g. 4, 12"),
    )

    class Meta:
        model = FollowupSettings
        fields = (
            "delays_weeks",
            "max_asks",
            "asks_per_hour",
            "link_days",
            "ask_template",
            "advice_template",
            "advice_auto",
            "advice_days_between",
        )
        labels: ClassVar[dict[str, Any]] = {
            "max_asks": _("Asks per person at most"),
            "asks_per_hour": _("Asks sent per hour at most"),
            "link_days": _("Days an answer link works"),
            "ask_template": _("Check-in text ({lien}: the answer link)"),
            "advice_template": _("Advice text ({conseil}: the advice, {lien}: the composer)"),
            "advice_auto": _("Send the advice by itself when a request is held only for its format"),
            "advice_days_between": _("Days between two advice replies to one person at least"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance is not None:
            self.initial["delays_weeks"] = ", ".join(str(d) for d in self.instance.delays_weeks or [])
        # The French texts come first; then each other language's, chosen by the post's language
        # (left empty: the French text is sent).
        asks, advices = self.instance.ask_templates or {}, self.instance.advice_templates or {}
        for code, name in TEMPLATE_LANGUAGES.items():
            self.fields[f"ask_template_{code}"] = forms.CharField(
                label=_("Check-in text in %(language)s") % {"language": name},
                required=False,
                initial=asks.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Empty: the French text is sent."),
            )
            self.fields[f"advice_template_{code}"] = forms.CharField(
                label=_("Advice text in %(language)s") % {"language": name},
                required=False,
                initial=advices.get(code, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Empty: the French text is sent."),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for code in TEMPLATE_LANGUAGES:
            ask = str(data.get(f"ask_template_{code}") or "").strip()
            if ask and "{lien}" not in ask:
                self.add_error(
                    f"ask_template_{code}",
                    _("The text must hold {lien}, where the answer link goes."),
                )
        return data

    def template_fields(self) -> dict[str, dict[str, str]]:
        """The per-language texts as the model keeps them (empty ones left out)."""
        data = self.cleaned_data
        return {
            kind: {
                code: str(data.get(f"{kind[:-1]}_{code}") or "").strip()
                for code in TEMPLATE_LANGUAGES
                if str(data.get(f"{kind[:-1]}_{code}") or "").strip()
            }
            for kind in ("ask_templates", "advice_templates")
        }

    def clean_delays_weeks(self) -> list[int]:
        raw = str(self.cleaned_data["delays_weeks"])
        try:
            delays = [int(part) for part in raw.replace(";", ",").split(",") if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError(_("Whole numbers of weeks, separated by commas.")) from exc
        if not delays or any(d < 1 or d > 104 for d in delays) or delays != sorted(set(delays)):
            raise forms.ValidationError(_("Increasing numbers of weeks between 1 and 104."))
        return delays

    def clean_ask_template(self) -> str:
        text = str(self.cleaned_data["ask_template"]).strip()
        if "{lien}" not in text:
            raise forms.ValidationError(_("The text must hold {lien}, where the answer link goes."))
        return text
