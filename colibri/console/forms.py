"""Forms of the coordinators' console (GET filters: an invalid value is dropped, never an error page)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from colibri.relay.models import Network, RequestStatus


class ArchiveFilterForm(forms.Form):
    who = forms.CharField(label=_("Person"), required=False, max_length=200)
    job = forms.CharField(label=_("Job"), required=False, max_length=200)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *list(RequestStatus.choices)]
    )
    network = forms.ChoiceField(
        label=_("Network"), required=False, choices=[("", _("All")), *list(Network.choices)]
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["who"].widget.attrs.update({"placeholder": _("@handle or name"), "type": "search"})
        self.fields["job"].widget.attrs.update({"placeholder": _("Accountant, M1203…"), "type": "search"})
        self.fields["place"].widget.attrs.update({"placeholder": _("Lyon, 69, Bretagne…"), "type": "search"})

    def filters(self) -> dict[str, Any]:
        """The valid, non-empty filters; a bad value (a date like 31/02) is dropped and said by `errors`."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        out: dict[str, Any] = {}
        for name, value in data.items():
            if isinstance(value, str):
                value = value.strip()
            if value:
                out[name] = value
        return out


class ConnectBlueskyForm(forms.Form):
    """The collective's Bluesky account and an app password made for Colibri (never the main password)."""

    handle = forms.CharField(label=_("Bluesky handle"), max_length=253)
    app_password = forms.CharField(
        label=_("App password"),
        max_length=19,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Bluesky: Settings > Privacy and security > App passwords > Add. Format xxxx-xxxx-xxxx-xxxx."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handle"].widget.attrs.update(
            {"placeholder": "collectif.bsky.social", "autocapitalize": "none", "autocomplete": "off"}
        )
