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

HELP = "Publier les flux Bluesky (personnel, public, par région, par métier) sur le compte officiel."

# rkey -> (display name, max 24 characters; description). The product's words, in French.
FEEDS: dict[str, tuple[str, str]] = {
    "mine": (
        "Mes relais du jour",
        "Les demandes d'emploi que vous relayez aujourd'hui pour le collectif (membres bénévoles).",
    ),
    "emploi": (
        "Demandes d'emploi",
        "Les personnes en recherche de CDI ou de CDD relayées par le collectif, les plus récentes d'abord.",
    ),
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["publish"], help="publish : créer ou mettre à jour les flux")
    parser.add_argument(
        "--service-did", default="", help="DID du générateur de flux (défaut : COLIBRI_FEED_SERVICE_DID)"
    )
    parser.add_argument(
        "--no-variants",
        action="store_true",
        help="ni fils par région ni par métier (et supprimer ceux publiés) ; défaut : COLIBRI_FEED_VARIANTS",
    )
    parser.add_argument("--json", action="store_true", help="afficher le résultat en JSON")


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from django.conf import settings

    from colibri.feeds import catalog, skeletons
    from colibri.networks.base import NetworkError
    from colibri.networks.bluesky import BlueskyNetwork
    from colibri.networks.registry import bluesky_from_settings

    if not settings.BLUESKY_HANDLE or not settings.BLUESKY_APP_PASSWORD:
        raise CommandError("BLUESKY_HANDLE et BLUESKY_APP_PASSWORD (compte officiel) sont requis")
    service_did = args.service_did or skeletons.service_did()
    adapter = bluesky_from_settings(settings)
    if not isinstance(adapter, BlueskyNetwork):
        raise CommandError("l'adaptateur Bluesky ne sait pas publier de flux")
    feeds = dict(FEEDS)
    if skeletons.variants_enabled() and not args.no_variants:
        if not skeletons.reference_catalog()[0]:
            # Publishing without the régions would delete their records: refuse, change nothing.
            raise CommandError(
                "pas de données de référence (régions) : lancez `colibri data import`,"
                " ou publiez sans les fils par région et par métier (--no-variants)"
            )
        feeds.update({v.rkey: (v.display_name, v.description) for v in skeletons.public_variants()})
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
        raise CommandError(f"publication impossible : {exc}") from None
    if args.json:
        print(json.dumps({"service_did": service_did, "feeds": results, "deleted": deleted}))
    else:
        for r in results:
            print(f"{'publié' if r['changed'] else 'inchangé'} : {r['uri']}")
        for uri in deleted:
            print(f"supprimé : {uri}")
    return 0
