"""Public seeker tools: the composer (form + live preview) and the checker.

No account, no storage: every view computes its answer from the request and forgets it.
Previews are POSTed (CSRF-protected) so what a seeker types never ends up in a URL, an
access log or a proxy cache; responses carry `Cache-Control: no-store`.
"""

from __future__ import annotations

import base64
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from colibri.cards import NETWORKS, SHAPES, SIZES, CardInput, alt_text, compose_all, render_card
from colibri.cards.model import MAX_SKILLS, MIN_SKILLS
from colibri.cards.post import LABELS, LIMITS
from colibri.cards.render import CardResult, Shape
from colibri.composer import suggest
from colibri.composer.checker import check_post
from colibri.composer.forms import AVAILABILITY_SUGGESTIONS, CheckerForm, ComposerForm, lenient_card
from colibri.composer.links import collective_hashtag, collective_relay_tag
from colibri.composer.throttle import take_render_slot

SHAPE_LABELS = {"landscape": _lazy("Landscape 1200 × 675"), "square": _lazy("Square 1080 × 1080")}
SHAPE_FILES = {"landscape": "carte-competences-paysage.png", "square": "carte-competences-carre.png"}
ROLE_LABELS = {
    "kicker": _lazy("contract"),
    "job": _lazy("job"),
    "place": _lazy("place"),
    "facts": _lazy("experience and availability"),
    "skill": _lazy("skills"),
    "pitch": _lazy("introduction sentence"),
    "link": _lazy("link"),
    "hashtag": _lazy("hashtags"),
}
PREFILL_FIELDS = ("job", "place", "contract", "link", "skills", "experience_years", "availability", "pitch")


def _warnings(results: list[CardResult], drafts: list[Any]) -> list[str]:
    warnings: list[str] = []
    removed = sorted({c for r in results for c in r.removed_chars})
    if removed:
        warnings.append(
            _(
                "The card cannot draw these emoji or symbols, they are left out of it (they stay in "
                "the text): %(chars)s"
            )
            % {"chars": " ".join(removed)}
        )
    cut = [
        str(ROLE_LABELS.get(role, role))
        for role in dict.fromkeys(role for r in results for role in r.ellipsized)
    ]
    if cut:
        warnings.append(
            _("Too long for the card, cut with “…”: %(parts)s. Shorten it so that everything shows.")
            % {"parts": ", ".join(cut)}
        )
    shortened = [d.label for d in drafts if d.shortened]
    if shortened:
        warnings.append(
            _(
                "To fit within the limit of %(networks)s, your introduction sentence (or the experience "
                "and availability) was shortened in the text."
            )
            % {"networks": ", ".join(shortened)}
        )
    return warnings


def _script_messages() -> dict[str, Any]:
    """The texts composer.js shows, translated here so the script holds no language of its own."""
    # One skill-count label per count the form can reach (and one more for "too many"), so the
    # catalog's own plural rule decides; composer.js reuses the last one beyond that.
    skill_count = [
        ngettext("%(n)d skill (%(min)d to %(max)d)", "%(n)d skills (%(min)d to %(max)d)", n)
        % {"n": n, "min": MIN_SKILLS, "max": MAX_SKILLS}
        for n in range(MAX_SKILLS + 2)
    ]
    return {
        "skill_count": skill_count,
        "updating": _("Updating the preview…"),
        "ready": _("Preview up to date: everything is ready."),
        "incomplete": _("Preview up to date. Some fields are still to be filled in."),
        "failed": _("The preview could not be computed. Try again in a moment."),
    }


def _preview(card: CardInput, instance: str, *, with_images: bool) -> dict[str, Any]:
    drafts = compose_all(card, instance=instance)
    results = [render_card(card, shape) for shape in SHAPES]
    data: dict[str, Any] = {
        "posts": [d.to_json() for d in drafts],
        "alt": alt_text(card),
        "warnings": _warnings(results, drafts),
        "cards": [
            {"shape": r.shape, "label": str(SHAPE_LABELS[r.shape]), "width": r.size[0], "height": r.size[1],
             "filename": SHAPE_FILES[r.shape]}
            for r in results
        ],
    }  # fmt: skip
    if with_images:
        for entry, result in zip(data["cards"], results, strict=True):
            entry["data_uri"] = "data:image/png;base64," + base64.b64encode(result.png).decode("ascii")
    return data


def _too_many_message(wait: int) -> str:
    return _("Too many cards asked for in a minute from this address: try again in %(seconds)d s.") % {
        "seconds": wait
    }


def _too_many(wait: int, *, json: bool = False) -> HttpResponse:
    """429 with Retry-After: the client drew its share of cards this minute."""
    message = _too_many_message(wait)
    response: HttpResponse
    if json:
        response = JsonResponse({"error": message, "retry_after": wait}, status=429)
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(wait)
    return response


def _errors(form: ComposerForm) -> dict[str, list[str]]:
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


@never_cache
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """The composer. GET may be pre-filled (links from the checker and from volunteers' replies);
    a POST (no JavaScript) renders the same preview on the server."""
    preview = None
    throttled = 0
    if request.method == "POST":
        # the form keeps its errors
        card, instance, form = lenient_card(request.POST, collective_hashtag(), collective_relay_tag())
        # The server-side preview draws every shape: it takes as many render slots.
        throttled = take_render_slot(request, cards=len(SHAPES))
        if not throttled:
            preview = _preview(card, instance, with_images=True)
    else:
        initial = {name: request.GET[name][:300] for name in PREFILL_FIELDS if request.GET.get(name)}
        form = ComposerForm(initial=initial or None)
    if preview is None:  # empty slots that composer.js fills in
        posts: list[dict[str, Any]] = [
            {
                "network": n,
                "label": LABELS[n],
                "text": "",
                "count": 0,
                "limit": LIMITS[n],
                "fits": True,
                "intent_url": "",
            }
            for n in NETWORKS
        ]
        cards: list[dict[str, Any]] = [
            {
                "shape": s,
                "label": str(SHAPE_LABELS[s]),
                "width": SIZES[s][0],
                "height": SIZES[s][1],
                "filename": SHAPE_FILES[s],
            }
            for s in SHAPES
        ]
        alt = ""
    else:
        posts, cards, alt = preview["posts"], preview["cards"], preview["alt"]
    response = render(
        request,
        "composer/index.html",
        {
            "form": form,
            "preview": preview,
            "posts": posts,
            "cards": cards,
            "alt": alt,
            "availability_suggestions": AVAILABILITY_SUGGESTIONS,
            "has_job_referential": suggest.has_job_referential(),
            "hashtag": collective_hashtag(),
            "script_messages": _script_messages(),
            "nav": "composer",
            "throttled": _too_many_message(throttled) if throttled else "",
        },
        status=429 if throttled else 200,
    )
    if throttled:
        response["Retry-After"] = str(throttled)
    return response


@never_cache
@require_POST
def preview(request: HttpRequest) -> HttpResponse:
    """Texts per network, alt text, warnings and validation errors for what is typed so far."""
    # Drawn to find what the cards cannot show (warnings): as many render slots as shapes.
    wait = take_render_slot(request, cards=len(SHAPES))
    if wait:
        return _too_many(wait, json=True)
    card, instance, form = lenient_card(request.POST, collective_hashtag(), collective_relay_tag())
    data = _preview(card, instance, with_images=False)
    data["ready"] = form.is_valid()
    data["errors"] = _errors(form)
    return JsonResponse(data)


@never_cache
@require_http_methods(["GET", "POST"])
def card_png(request: HttpRequest, shape: str) -> HttpResponse:
    """The card as a PNG. POST from the page (nothing in the URL); GET works for pre-filled links."""
    if shape not in SHAPES:
        return HttpResponseBadRequest(_("unknown shape"), content_type="text/plain; charset=utf-8")
    wait = take_render_slot(request)
    if wait:
        return _too_many(wait)
    data = request.POST if request.method == "POST" else request.GET
    card, _instance, _form = lenient_card(data, collective_hashtag(), collective_relay_tag())
    shape_name: Shape = "landscape" if shape == "landscape" else "square"
    result = render_card(card, shape_name)
    response = HttpResponse(result.png, content_type="image/png")
    disposition = "attachment" if data.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{SHAPE_FILES[shape]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def suggest_jobs(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"results": suggest.suggest_jobs(request.GET.get("q", "")[:80])})


@require_GET
def suggest_places(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"results": suggest.suggest_places(request.GET.get("q", "")[:80])})


@never_cache
@require_http_methods(["GET", "POST"])
def checker(request: HttpRequest) -> HttpResponse:
    outcome = None
    if request.method == "POST":
        form = CheckerForm(request.POST)
        if form.is_valid():
            outcome = check_post(form.cleaned_data["text"], has_image=form.cleaned_data["has_image"])
    else:
        form = CheckerForm()
    return render(request, "composer/checker.html", {"form": form, "outcome": outcome, "nav": "checker"})
