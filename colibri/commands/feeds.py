"""`colibri feeds publish`: declare our Bluesky feeds on the official account.

A Bluesky client finds a custom feed through an `app.bsky.feed.generator` record in the publishing
account's repo, pointing at our feed generator's DID (served by `colibri.feeds`). This command writes
one record for the personal feed, one for the public feed and (COLIBRI_FEED_VARIANTS, on by default)
one per région and per ROME job family (`colibri.feeds.catalog`), each with a fixed rkey, so running it
again updates them in place (and does not write at all when nothing changed).

A variant record that is no longer in the catalog (variants turned off, a région gone from the
reference data) is deleted, so clients do not keep a feed that answers "unknown feed". Only records
of the variants' shape (`emploi-…`) are ever deleted: a feed the collective published by hand stays.
"""

from __future__ import annotations

import argparse
import json

from colibri.cli import CommandError
from colibri.i18n import gettext as _
from colibri.i18n import gettext_lazy

HELP = gettext_lazy(
    "Publish the Bluesky feeds (personal, public, per region, per job) on the official account."
)


def gettext_noop(message: str) -> str:
    """Marks a msgid for the catalog (makemessages knows this name); translated later, at publish time."""
    return message


# rkey -> (display name, max 24 characters; description): msgids, translated at publish time into the
# collective's language (settings.LANGUAGE_CODE), which is what recruiters and members read.
FEEDS: dict[str, tuple[str, str]] = {
    "mine": (
        gettext_noop("My relays today"),
        gettext_noop("The job requests you relay today for the collective (volunteer members)."),
    ),
    "emploi": (
        gettext_noop("Job requests"),
        gettext_noop("People looking for a CDI or a CDD, relayed by the collective, newest first."),
    ),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["publish"], help=_("publish: create or update the feeds"))
    parser.add_argument(
        "--service-did", default="", help=_("DID of the feed generator (default: COLIBRI_FEED_SERVICE_DID)")
    )
    parser.add_argument(
        "--no-variants",
        action="store_true",
        help=_(
            "no feed per region nor per job (and delete the published ones); default: COLIBRI_FEED_VARIANTS"
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def feed_records(*, variants: bool) -> dict[str, tuple[str, str]]:
    """rkey -> (display name, description) of every feed to publish, in the collective's language.

    Whatever language the command runs in, the records are public: they are written in
    settings.LANGUAGE_CODE. Apart from `run` so the words can be checked without a network."""
    from django.conf import settings
    from django.utils import translation

    from colibri.feeds import skeletons

    with translation.override(settings.LANGUAGE_CODE):
        feeds = {
            rkey: (translation.gettext(name), translation.gettext(text))
            for rkey, (name, text) in FEEDS.items()
        }
        if variants:
            feeds.update({v.rkey: (v.display_name, v.description) for v in skeletons.public_variants()})
    return feeds


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from django.conf import settings

    from colibri.feeds import catalog, skeletons
    from colibri.networks.base import NetworkError
    from colibri.networks.bluesky.network import BlueskyNetwork
    from colibri.networks.registry import bluesky_from_settings

    if not settings.BLUESKY_HANDLE or not settings.BLUESKY_APP_PASSWORD:
        raise CommandError(_("BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (the official account) are required"))
    service_did = args.service_did or skeletons.service_did()
    adapter = bluesky_from_settings(settings)
    if not isinstance(adapter, BlueskyNetwork):
        raise CommandError(_("the Bluesky adapter cannot publish feeds"))
    variants = skeletons.variants_enabled() and not args.no_variants
    if variants and not skeletons.reference_catalog()[0]:
        # Publishing without the régions would delete their records: refuse, change nothing.
        raise CommandError(
            _(
                "no reference data (regions): run `colibri data import`, or publish without the feeds "
                "per region and per job (--no-variants)"
            )
        )
    feeds = feed_records(variants=variants)
    results, deleted = [], []
    try:
        for rkey, (name, description) in feeds.items():
            uri, changed = adapter.put_feed_generator(
                rkey, service_did=service_did, display_name=name, description=description
            )
            results.append({"rkey": rkey, "uri": uri, "changed": changed})
        for rkey in adapter.feed_generator_rkeys():
            if catalog.is_variant_rkey(rkey) and rkey not in feeds:
                deleted.append(adapter.delete_feed_generator(rkey))
    except NetworkError as exc:
        raise CommandError(_("cannot publish: %(error)s") % {"error": exc}) from None
    if args.json:
        print(json.dumps({"service_did": service_did, "feeds": results, "deleted": deleted}))
    else:
        for r in results:
            print((_("published: %(uri)s") if r["changed"] else _("unchanged: %(uri)s")) % {"uri": r["uri"]})
        for uri in deleted:
            print(_("deleted: %(uri)s") % {"uri": uri})
    return 0
