"""Forms of the members' pages: joining, one's own settings, pausing, the coordinators' filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from colibri.core.geodata import REGIONS
from colibri.feeds.catalog import ROME_DOMAINS
from colibri.relay.models import DonationMode, MemberStatus

REGION_CHOICES = sorted(((name, name) for _code, name, _pref in REGIONS), key=lambda c: c[0])


def family_choices() -> list[tuple[str, str]]:
    # Labels are msgids: translated when the form is shown.
    return [(letter, f"{letter} · {_(label)}") for letter, (_name, label) in sorted(ROME_DOMAINS.items())]


MODE_CHOICES = [
    (DonationMode.DELEGATED.value, _("Colibri reposts for me (Bluesky app password)")),
    (DonationMode.NOTIFIED.value, _("I repost myself: send me the picks (e-mail, personal feed)")),
]


class JoinForm(forms.Form):
    handle = forms.CharField(
        label=_("Your Bluesky handle"),
        max_length=253,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "username", "placeholder": "prenom.bsky.social"}),
    )
    mode = forms.ChoiceField(label=_("How you give reposts"), choices=MODE_CHOICES, widget=forms.RadioSelect)
    app_password = forms.CharField(
        label=_("Bluesky app password"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "placeholder": "xxxx-xxxx-xxxx-xxxx"}),
        help_text=_(
            "Only to repost for you. Never your account password. Stored encrypted; erased when you leave."
        ),
    )
    email = forms.EmailField(
        label=_("E-mail for the daily picks"),
        required=False,
        help_text=_("Only if you repost yourself; or choose the personal feed below."),
    )
    wants_feed = forms.BooleanField(label=_("Show my picks in my personal Bluesky feed"), required=False)
    daily_budget = forms.IntegerField(label=_("Reposts a day at most"), min_value=1, max_value=10, initial=3)
    password = forms.CharField(
        label=_("A password for your page on Colibri"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("To see what was reposted, pause or leave. Your username is your handle."),
    )
    consent = forms.BooleanField(label=_("I agree to the text above."))

    def __init__(self, *args: Any, connected: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connected = connected  # an account connected through OAuth (Bluesky, Mastodon, X), or None
        if connected is not None:
            del self.fields["handle"]
            del self.fields["app_password"]

    def clean_password(self) -> str:
        value = str(self.cleaned_data["password"])
        password_validation.validate_password(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.connected is None and not data.get("handle") and "handle" not in self.errors:
            self.add_error("handle", _("Give your Bluesky handle, or connect another network above."))
        if (
            self.connected is None
            and data.get("mode") == DonationMode.DELEGATED
            and not data.get("app_password")
        ):
            self.add_error("app_password", _("Reposting for you needs an app password."))
        if data.get("mode") == DonationMode.NOTIFIED and not data.get("email") and not data.get("wants_feed"):
            self.add_error("email", _("Give an e-mail address or choose the personal feed."))
        return data


class PreferencesForm(forms.Form):
    mode = forms.ChoiceField(label=_("How you give reposts"), choices=MODE_CHOICES, widget=forms.RadioSelect)
    app_password = forms.CharField(
        label=_("New Bluesky app password"),
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "placeholder": "xxxx-xxxx-xxxx-xxxx"}),
        help_text=_("Needed to switch to « Colibri reposts for me », or to replace the stored one."),
    )
    wants_feed = forms.BooleanField(label=_("Show my picks in my personal Bluesky feed"), required=False)
    daily_budget = forms.IntegerField(label=_("Reposts a day at most"), min_value=1, max_value=10)
    weekly_budget = forms.IntegerField(label=_("Reposts a week at most"), min_value=1, max_value=50)
    regions = forms.MultipleChoiceField(
        label=_("Régions I relay (none ticked: all)"),
        choices=REGION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    job_families = forms.MultipleChoiceField(
        label=_("Job families I relay (none ticked: all)"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    quiet_start = forms.TimeField(
        label=_("Quiet hours: from"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    quiet_end = forms.TimeField(
        label=_("Quiet hours: to"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["job_families"].choices = family_choices()  # type: ignore[attr-defined]


class PauseForm(forms.Form):
    until = forms.DateField(
        label=_("Back on (empty: until I resume)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("pending", _("Waiting for approval")), *MemberStatus.choices],
    )
    mode = forms.ChoiceField(label=_("Mode"), required=False, choices=[("", _("All")), *DonationMode.choices])
    network = forms.ChoiceField(
        label=_("Network"),
        required=False,
        choices=[("", _("All")), ("bluesky", "Bluesky"), ("mastodon", "Mastodon"), ("x", "X")],
    )
