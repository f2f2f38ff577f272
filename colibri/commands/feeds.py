"""`colibri feeds publish`: declare our Bluesky feeds on the official account.

A Bluesky client finds a custom feed through an `app.bsky.feed.generator` record in the publishing
account's repo, pointing at our feed generator's DID (served by `colibri.feeds`). This command writes
one record for the personal feed and one for the public feed, each with a fixed rkey, so running it
again updates them in place (and does not write at all when nothing changed).
"""

from __future__ import annotations

import argparse
import json

from colibri.cli import CommandError

HELP = "Publier les flux Bluesky (fil personnel, fil public) sur le compte officiel."

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
    parser.add_argument("--json", action="store_true", help="afficher le résultat en JSON")


def run(args: argparse.Namespace) -> int:
    from colibri.django_setup import setup_django

    setup_django()
    from django.conf import settings

    from colibri.feeds import skeletons
    from colibri.networks.base import NetworkError
    from colibri.networks.registry import bluesky_from_settings

    if not settings.BLUESKY_HANDLE or not settings.BLUESKY_APP_PASSWORD:
        raise CommandError("BLUESKY_HANDLE et BLUESKY_APP_PASSWORD (compte officiel) sont requis")
    service_did = args.service_did or skeletons.service_did()
    adapter = bluesky_from_settings(settings)
    put = getattr(adapter, "put_feed_generator", None)
    if put is None:
        raise CommandError("l'adaptateur Bluesky ne sait pas publier de flux")
    results = []
    try:
        for rkey, (name, description) in FEEDS.items():
            uri, changed = put(rkey, service_did=service_did, display_name=name, description=description)
            results.append({"rkey": rkey, "uri": uri, "changed": changed})
    except NetworkError as exc:
        raise CommandError(f"publication impossible : {exc}") from None
    if args.json:
        print(json.dumps({"service_did": service_did, "feeds": results}))
    else:
        for r in results:
            print(f"{'publié' if r['changed'] else 'inchangé'} : {r['uri']}")
    return 0
