"""Writes of the statistics app: render a period's infographics, publish the poster (each one action,
in a transaction, with its audit row)."""

from __future__ import annotations

import base64
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from colibri.relay import audit
from colibri.relay.models import NetworkAccount, OutboxKind
from colibri.relay.outbox.queueing import do_queue_action

from . import infographics, queries
from .models import Infographic


class PublishError(Exception):
    """The poster cannot be published (message shown to the coordinator)."""


def _label(actor: Any) -> str:
    """A process named by a string ("scheduler"); a signed-in volunteer is named by `audit` itself."""
    return "" if getattr(actor, "is_authenticated", False) else str(actor or "")


def do_render_infographics(period: queries.Period, *, actor: Any = "scheduler") -> list[Infographic]:
    """Render every infographic of the period from its (public) figures; a second rendering replaces the
    first (same period, newer figures)."""
    report = queries.compute(period)  # fresh, not the pages' cached copy
    images = infographics.render_all(report)
    saved = []
    with transaction.atomic():
        for img in images:
            row, _created = Infographic.objects.update_or_create(
                name=img.name,
                first_day=period.first_day,
                last_day=period.last_day,
                defaults={
                    "png": img.png,
                    "svg": img.svg,
                    "alt": img.alt,
                    "caption": img.caption,
                    "width": img.size[0],
                    "height": img.size[1],
                    "rendered_at": timezone.now(),
                },
            )
            saved.append(row)
        audit.record(
            "stats.infographics_rendered",
            actor=actor,
            label=_label(actor),
            first_day=period.first_day.isoformat(),
            last_day=period.last_day.isoformat(),
            names=[img.name for img in images],
        )
    return saved


def poster_key(poster: Infographic, account: NetworkAccount) -> str:
    return f"poster:{poster.first_day.isoformat()}:{poster.last_day.isoformat()}:{account.pk}"


def do_publish_poster(poster: Infographic, *, actor: Any) -> list[tuple[NetworkAccount, bool]]:
    """Queue the poster as a post of each official account, with its alt text, exactly once per period
    and account (the outbox key): a second click, or two coordinators at once, queue nothing more.
    Returns (account, newly queued) for each official account."""
    if poster.name != "poster":
        raise PublishError(_("Only the poster is published."))
    accounts = list(NetworkAccount.objects.filter(is_official=True, erased_at__isnull=True).order_by("pk"))
    if not accounts:
        raise PublishError(_("No official account is configured: nothing to publish from."))
    link = str(settings.SITE_URL).rstrip("/") + reverse("stats_public")
    text = _("What the collective achieved: %(caption)s. Every figure: %(link)s") % {
        "caption": poster.caption.removeprefix("Colibri · "),
        "link": link,
    }
    out = []
    with transaction.atomic():
        for account in accounts:
            _row, created = do_queue_action(
                kind=OutboxKind.POST,
                account=account,
                payload={
                    "text": text[:280],
                    "image_b64": base64.b64encode(bytes(poster.png)).decode("ascii"),
                    "alt": poster.alt,
                },
                idempotency_key=poster_key(poster, account),
                actor_label=actor.get_username() if getattr(actor, "is_authenticated", False) else "stats",
            )
            out.append((account, created))
        audit.record(
            "stats.poster_published",
            actor=actor,
            label=_label(actor),
            infographic=poster.pk,
            first_day=poster.first_day.isoformat(),
            last_day=poster.last_day.isoformat(),
            queued=[a.handle for a, created in out if created],
        )
    return out
