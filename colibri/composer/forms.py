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

from colibri.cards.model import DEFAULT_HASHTAG, MAX_SKILLS, MIN_SKILLS, CardInput, squash
from colibri.cards.post import DEFAULT_INSTANCE, normalise_instance

JOB_MAX = 90
PLACE_MAX = 90
SKILL_MAX = 70
PITCH_MAX = 160
AVAILABILITY_MAX = 60
LINK_MAX = 300
CONTRACT_CHOICES = [("CDI", "CDI"), ("CDD", "CDD"), ("CDI ou CDD", _("CDI ou CDD"))]
AVAILABILITY_SUGGESTIONS = ["immédiatement", "sous 1 mois", "sous 2 mois", "sous 3 mois (préavis)"]

_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def profile_link_kind(url: str) -> str:
    """ "linkedin", "viadeo" or "other" for a usable profile link; ValidationError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError(
            _("Le lien doit commencer par https:// (ex. https://www.linkedin.com/in/votre-nom).")
        )
    host = parts.hostname.lower()
    if not _HOST.match(host) or parts.username or parts.password:
        raise ValidationError(_("Ce lien n'a pas l'air d'une adresse web valide."))
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        if not re.match(r"^/in/[^/]+", parts.path):
            raise ValidationError(
                _(
                    "Ce lien LinkedIn n'est pas un profil : il doit contenir /in/ (ex. https://www.linkedin.com/in/votre-nom)."
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
        label=_("Poste recherché"),
        max_length=JOB_MAX,
        help_text=_(
            "Tel que les recruteurs le cherchent, ex. « Comptable » ou « Chargée de communication »."
        ),
    )
    place = forms.CharField(
        label=_("Lieu"),
        max_length=PLACE_MAX,
        help_text=_("Une commune, un département, ou « télétravail »."),
    )
    contract = forms.ChoiceField(
        label=_("Contrat recherché"), choices=CONTRACT_CHOICES, initial="CDI", widget=forms.RadioSelect
    )
    link = forms.CharField(
        label=_("Lien vers votre profil"),
        max_length=LINK_MAX,
        help_text=_("LinkedIn (adresse en /in/…), Viadeo, ou une autre page web à vous."),
    )
    skills = forms.CharField(
        label=_("Compétences (3 à 8, une par ligne)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Des mots que les recruteurs reconnaissent : logiciels, savoir-faire, certifications."),
    )
    experience_years = forms.IntegerField(
        label=_("Années d'expérience"), min_value=0, max_value=50, required=False
    )
    availability = forms.CharField(
        label=_("Disponibilité"),
        max_length=AVAILABILITY_MAX,
        required=False,
        help_text=_("ex. « immédiatement »"),
    )
    pitch = forms.CharField(
        label=_("Une phrase pour vous présenter (facultatif)"),
        max_length=PITCH_MAX,
        required=False,
    )
    instance = forms.CharField(
        label=_("Votre instance Mastodon"),
        max_length=100,
        required=False,
        initial=DEFAULT_INSTANCE,
        help_text=_("Pour le bouton « Ouvrir dans Mastodon », ex. mastodon.social ou piaille.fr."),
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
            "skills": {"placeholder": "Comptabilité fournisseurs\nSage 100\nClôtures mensuelles"},
            "experience_years": {"inputmode": "numeric"},
            "availability": {"list": "availability-suggestions", "autocomplete": "off"},
            "pitch": {"placeholder": "Rigoureuse et curieuse, j'aime…"},
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
            raise ValidationError(_("Indiquez au moins %(n)d compétences.") % {"n": MIN_SKILLS})
        if len(skills) > MAX_SKILLS:
            raise ValidationError(
                _("%(n)d compétences au plus : gardez les plus parlantes.") % {"n": MAX_SKILLS}
            )
        too_long = [s for s in skills if len(s) > SKILL_MAX]
        if too_long:
            raise ValidationError(
                _("Chaque compétence tient en %(n)d caractères au plus : raccourcissez « %(skill)s ».")
                % {"n": SKILL_MAX, "skill": too_long[0][:30] + "…"}
            )
        return skills

    def clean_pitch(self) -> str:
        return squash(self.cleaned_data["pitch"])

    def clean_instance(self) -> str:
        return normalise_instance(self.cleaned_data.get("instance") or "")

    def card_input(self, hashtag: str = DEFAULT_HASHTAG) -> CardInput:
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
        )


def _text(data: QueryDict | dict[str, Any], name: str, limit: int) -> str:
    value = data.get(name) or ""
    return squash(str(value))[:limit]


def lenient_card(
    data: QueryDict | dict[str, Any], hashtag: str = DEFAULT_HASHTAG
) -> tuple[CardInput, str, ComposerForm]:
    """A card from whatever was typed (for live previews), the Mastodon instance, and the bound form.

    Each field is cut to its maximum length; an invalid link or year count is left out rather
    than drawn, so a half-typed form still gives a clean preview.
    """
    form = ComposerForm(data)
    if form.is_valid():
        return form.card_input(hashtag), form.cleaned_data["instance"], form
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
    )
    return card, normalise_instance(str(data.get("instance") or "")), form


class CheckerForm(forms.Form):
    text = forms.CharField(
        label=_("Votre publication, ou son lien"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Collez le texte de la publication, ou le lien d'une publication que Colibri a déjà vue."
        ),
    )
    has_image = forms.BooleanField(label=_("Ma publication contient une image"), required=False)
