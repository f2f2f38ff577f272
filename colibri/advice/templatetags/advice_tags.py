"""`{% advice_form req %}`: the advice to the seeker, editable and sent in one key (`e`) by moderators.

A queue page renders many cards: what every card shares (the coordinators' template, whether an
official account exists) is read once per page; the per-person checks that need
the database (already advised, the weekly cap) are made when the advice is sent, which refuses
with a clear message (`actions.refusal`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import HttpRequest

from colibri.composer.proposals import proposed_reply
from colibri.followup.models import FollowupSettings
from colibri.relay import roles
from colibri.relay.models import NetworkAccount
from colibri.relay.outbox.keys import ROLE_ADVICE

from ..actions import ADVICE_KINDS, ADVISABLE_STATUSES, advice_text

register = template.Library()


def page_settings(context: Any) -> dict[str, Any]:
    """What every card of a page shares: the coordinators' template ("template") and the networks
    with an official account ("networks"). Read once per HTTP request (`context` may be the request)."""
    # On the HTTP request, not `render_context`: each card is an {% include %}, which pushes a new one.
    holder: Any = (
        context if isinstance(context, HttpRequest) else context.get("request") or context.render_context
    )
    cache = getattr(holder, "_colibri_advice", None)
    if cache is None:
        networks = NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True)
        # The one column, not the row (`FollowupSettings.current()`): its two JSON columns of templates
        # were decoded on every queue view. No row yet: the defaults, as `current()` gives them.
        saved = list(FollowupSettings.objects.filter(pk=1).values_list("advice_template", flat=True))
        cache = {
            "template": saved[0] if saved else FollowupSettings(pk=1).advice_template,
            "networks": set(networks.values_list("network", flat=True)),
        }
        try:
            holder._colibri_advice = cache
        except AttributeError:
            pass  # no request (a template rendered by hand): read again next time
    return cache


def card_inputs(sender: Any, request: HttpRequest, **_kwargs: Any) -> tuple[str, list[str]]:
    """`queue_card_inputs` receiver: what `advice_form` reads besides the card's request."""
    cache = page_settings(request)
    return (cache["template"], sorted(cache["networks"]))


@register.inclusion_tag("advice/_advice.html", takes_context=True)
def advice_form(context: Any, req: Any) -> dict[str, Any]:
    user = context.get("user")
    request = context.get("request")
    text = None
    if user is not None and roles.has_role(user, roles.MODERATOR):
        cache = page_settings(context)
        author = req.post.author
        sent = any(
            o.kind in ADVICE_KINDS and o.payload.get("role") == ROLE_ADVICE and o.status != "cancelled"
            for o in context.get("outbox") or ()  # the request page lists the request's outbox rows
        )
        if (
            req.post.network in cache["networks"]
            and author.opted_out_at is None
            and req.erased_at is None
            and req.status in ADVISABLE_STATUSES
            and not sent
        ):
            text = advice_text(req, template=cache["template"])
    return {
        "req": req,
        "text": text,
        "reply": None if text else proposed_reply(req),
        # A queue card is rendered once and kept with a placeholder for the page's path
        # (`colibri.relay.queue`): the card's other forms return to the same page.
        "next": context.get("card_next") or (request.get_full_path() if request is not None else ""),
    }
