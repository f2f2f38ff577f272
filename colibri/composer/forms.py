"""The composer's and the checker's forms.

The composer form is validated strictly for the "is it ready?" message, but previews are
built leniently from whatever is typed (`lenient_card`) so the card appears from the first
keystroke.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from colibri.cards.model import DEFAULT_HASHTAG, DEFAULT_RELAY_TAG, MAX_SKILLS, MIN_SKILLS, CardInput, squash
from colibri.cards.post import DEFAULT_INSTANCE, normalise_instance

JOB_MAX = 90
PLACE_MAX = 90
SKILL_MAX = 70
PITCH_MAX = 160
AVAILABILITY_MAX = 60
LINK_MAX = 300
CONTRACT_CHOICES = [("CDI", "CDI"), ("CDD", "CDD"), ("CDI ou CDD", _("CDI or CDD"))]
# Suggestions for the seeker's own words (drawn on the card): in the UI's language, French by default.
AVAILABILITY_SUGGESTIONS = [
    _("immediately"),
    _("within 1 month"),
    _("within 2 months"),
    _("within 3 months (notice period)"),
]

_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def profile_link_kind(url: str) -> str:
    """ "linkedin", "viadeo" or "other" for a usable profile link; ValidationError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError(
            _("The link must start with https:// (e.g. https://www.linkedin.com/in/your-name).")
        )
    host = parts.hostname.lower()
    if not _HOST.match(host) or parts.username or parts.password:
        raise ValidationError(_("This link does not look like a valid web address."))
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        if not re.match(r"^/in/[^/]+", parts.path):
            raise ValidationError(
                _(
                    "This LinkedIn link is not a profile: it must contain /in/ (e.g. https://www.linkedin.com/in/your-name)."
                )
            )
        return "linkedin"
    if host == "lnkd.in":
        return "linkedin"
    if host == "viadeo.com" or host.endswith(".viadeo.com"):
        return "viadeo"
    return "other"


def normalise_link(value: str) -> str:
    """Add the https:// people leave out ("linkedin.com/in/x"), keep everything else as typed."""
    value = value.strip()
    if value and "://" not in value and re.match(r"^(www\.)?[\w-]+(\.[\w-]+)+(/|$)", value):
        value = "https://" + value
    return value


def split_skills(text: str) -> list[str]:
    """One skill per line (a list pasted with "•" or "-" bullets works too)."""
    skills = []
    for line in (text or "").splitlines():
        line = squash(line).lstrip("•-–*·").strip()
        if line:
            skills.append(line)
    return skills


class ComposerForm(forms.Form):
    job = forms.CharField(
        label=_("Job wanted"),
        max_length=JOB_MAX,
        help_text=_("As recruiters search for it, e.g. “Accountant” or “Communications officer”."),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=PLACE_MAX,
        help_text=_("A town, a département, or “remote”."),
    )
    contract = forms.ChoiceField(
        label=_("Contract wanted"), choices=CONTRACT_CHOICES, initial="CDI", widget=forms.RadioSelect
    )
    link = forms.CharField(
        label=_("Link to your profile"),
        max_length=LINK_MAX,
        help_text=_("LinkedIn (an /in/… address), Viadeo, or another web page of yours."),
    )
    skills = forms.CharField(
        label=_("Skills (3 to 8, one per line)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Words recruiters recognise: software, know-how, certifications."),
    )
    experience_years = forms.IntegerField(
        label=_("Years of experience"), min_value=0, max_value=50, required=False
    )
    availability = forms.CharField(
        label=_("Availability"),
        max_length=AVAILABILITY_MAX,
        required=False,
        help_text=_("e.g. “immediately”"),
    )
    pitch = forms.CharField(
        label=_("One sentence to introduce yourself (optional)"),
        max_length=PITCH_MAX,
        required=False,
    )
    instance = forms.CharField(
        label=_("Your Mastodon instance"),
        max_length=100,
        required=False,
        initial=DEFAULT_INSTANCE,
        help_text=_("For the “Open in Mastodon” button, e.g. mastodon.social or piaille.fr."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Browser hints: datalist autocomplete (filled by composer.js), mobile keyboards.
        attrs = {
            "job": {"list": "job-suggestions", "autocomplete": "off", "autocapitalize": "sentences"},
            "place": {"list": "place-suggestions", "autocomplete": "off", "autocapitalize": "words"},
            "link": {
                "inputmode": "url",
                "autocomplete": "url",
                "placeholder": "https://www.linkedin.com/in/…",
            },
            "skills": {"placeholder": _("Supplier accounting\nSage 100\nMonth-end closing")},
            "experience_years": {"inputmode": "numeric"},
            "availability": {"list": "availability-suggestions", "autocomplete": "off"},
            "pitch": {"placeholder": _("Rigorous and curious, I like…")},
            "instance": {"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
        }
        for name, extra in attrs.items():
            self.fields[name].widget.attrs.update(extra)

    def clean_job(self) -> str:
        return squash(self.cleaned_data["job"])

    def clean_place(self) -> str:
        return squash(self.cleaned_data["place"])

    def clean_link(self) -> str:
        value = normalise_link(self.cleaned_data["link"])
        profile_link_kind(value)
        return value

    def clean_skills(self) -> list[str]:
        skills = split_skills(self.cleaned_data["skills"])
        if len(skills) < MIN_SKILLS:
            raise ValidationError(_("Give at least %(n)d skills.") % {"n": MIN_SKILLS})
        if len(skills) > MAX_SKILLS:
            raise ValidationError(_("%(n)d skills at most: keep the most telling ones.") % {"n": MAX_SKILLS})
        too_long = [s for s in skills if len(s) > SKILL_MAX]
        if too_long:
            raise ValidationError(
                _("Each skill fits in %(n)d characters at most: shorten “%(skill)s”.")
                % {"n": SKILL_MAX, "skill": too_long[0][:30] + "…"}
            )
        return skills

    def clean_pitch(self) -> str:
        return squash(self.cleaned_data["pitch"])

    def clean_instance(self) -> str:
        return normalise_instance(self.cleaned_data.get("instance") or "")

    def card_input(self, hashtag: str = DEFAULT_HASHTAG, relay_tag: str = DEFAULT_RELAY_TAG) -> CardInput:
        data = self.cleaned_data
        return CardInput.build(
            job=data["job"],
            place=data["place"],
            skills=data["skills"],
            contract=data["contract"],
            experience_years=data.get("experience_years"),
            availability=data.get("availability", ""),
            pitch=data.get("pitch", ""),
            link=data["link"],
            hashtag=hashtag,
            relay_tag=relay_tag,
        )


def _text(data: QueryDict | dict[str, Any], name: str, limit: int) -> str:
    value = data.get(name) or ""
    return squash(str(value))[:limit]


def lenient_card(
    data: QueryDict | dict[str, Any], hashtag: str = DEFAULT_HASHTAG, relay_tag: str = DEFAULT_RELAY_TAG
) -> tuple[CardInput, str, ComposerForm]:
    """A card from whatever was typed (for live previews), the Mastodon instance, and the bound form.

    Each field is cut to its maximum length; an invalid link or year count is left out rather
    than drawn, so a half-typed form still gives a clean preview.
    """
    form = ComposerForm(data)
    if form.is_valid():
        return form.card_input(hashtag, relay_tag), form.cleaned_data["instance"], form
    link = normalise_link(str(data.get("link") or ""))[:LINK_MAX]
    try:
        profile_link_kind(link)
    except ValidationError:
        link = ""
    try:
        years: int | None = int(str(data.get("experience_years") or "").strip())
        if years is not None and not 0 <= years <= 50:
            years = None
    except ValueError:
        years = None
    contract = str(data.get("contract") or "")
    card = CardInput.build(
        job=_text(data, "job", JOB_MAX),
        place=_text(data, "place", PLACE_MAX),
        skills=[s[:SKILL_MAX] for s in split_skills(str(data.get("skills") or ""))][:MAX_SKILLS],
        contract=contract if contract in dict(CONTRACT_CHOICES) else "",
        experience_years=years,
        availability=_text(data, "availability", AVAILABILITY_MAX),
        pitch=_text(data, "pitch", PITCH_MAX),
        link=link,
        hashtag=hashtag,
        relay_tag=relay_tag,
    )
    return card, normalise_instance(str(data.get("instance") or "")), form


class CheckerForm(forms.Form):
    text = forms.CharField(
        label=_("Your post, or its link"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Paste the post's text, or the link of a post Colibri has already seen."),
    )
    has_image = forms.BooleanField(label=_("My post contains an image"), required=False)
