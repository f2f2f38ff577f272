"""Published feed variants: one record per région (from the reference data) and per ROME job family,
each feed URI resolved to its filter by getFeedSkeleton and listed by describeFeedGenerator."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from colibri.core.refindex import build_index
from colibri.feeds import catalog, skeletons

from . import dispatch_factories as f

PUBLISHER = "did:plc:colibriofficial"
GENERATOR = f"at://{PUBLISHER}/app.bsky.feed.generator"
METROPOLITAN = {"ara", "bfc", "bre", "cvl", "cor", "ges", "hdf", "idf", "nor", "naq", "occ", "pdl", "pac"}
OVERSEAS = {"gp", "mq", "gf", "re", "yt"}


@pytest.fixture(scope="module")
def refdata(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("refdata")
    build_index(shared_data / "insee-cog-2024", shared_data / "rome", out)
    return out


@pytest.fixture
def feeds(settings: Any, refdata: Path) -> None:
    settings.COLIBRI_REFDATA_DIR = refdata
    settings.COLIBRI_FEED_PUBLISHER_DID = PUBLISHER
    settings.COLIBRI_FEED_SERVICE_DID = "did:web:feeds.colibri.test"
    settings.COLIBRI_FEED_VARIANTS = True


def _cog_regions(shared_data: Path) -> list[tuple[str, str]]:
    with (shared_data / "insee-cog-2024" / "v_region_2024.csv").open(encoding="utf-8") as fh:
        return [(r["REG"], r["LIBELLE"]) for r in csv.DictReader(fh)]


def test_it_names_one_feed_per_region_of_the_reference_data_and_per_job_family(shared_data: Path) -> None:
    regions = _cog_regions(shared_data)
    variants = catalog.public_variants(regions)
    by_rkey = {v.rkey: v for v in variants}
    assert len(variants) == len(by_rkey) == 18 + 14
    assert {r[len("emploi-") :] for r in by_rkey if len(r) > len("emploi-x")} == METROPOLITAN | OVERSEAS
    assert {r for r in by_rkey if len(r) == len("emploi-x")} == {f"emploi-{x}" for x in "abcdefghijklmn"}
    for v in variants:
        assert len(v.rkey) <= 15 and catalog.is_variant_rkey(v.rkey)
        assert 0 < len(v.display_name) <= 24, v.display_name
        assert len(v.description) <= 300 and "Demandes d'emploi" in v.description
        assert bool(v.region) != bool(v.family)
    assert by_rkey["emploi-ara"].region == "Auvergne-Rhône-Alpes"
    assert by_rkey["emploi-re"].region == "La Réunion"
    assert by_rkey["emploi-pac"].display_name == "Emploi PACA"
    assert by_rkey["emploi-bre"].display_name == "Emploi Bretagne"
    assert by_rkey["emploi-m"].family == "M" and "Support à l'entreprise" in by_rkey["emploi-m"].description
    # Stable: the same data gives the same records, whatever the order it comes in.
    assert catalog.public_variants(list(reversed(regions))) == variants
    # A région the table does not know yet (a future reform) still gets a stable key from its INSEE code.
    (new,) = catalog.region_variants([("99", "Région nouvelle")])
    assert (new.rkey, new.display_name) == ("emploi-r99", "Emploi Région nouvelle")


@pytest.mark.django_db
def test_it_resolves_every_published_feed_uri_to_its_filter(feeds: None) -> None:
    listed = skeletons.listed_feeds()
    assert listed[:2] == ["mine", "emploi"] and len(listed) == 2 + 18 + 14
    filters = {
        rkey: skeletons.parse_public_rkey(skeletons.parse_feed_uri(f"{GENERATOR}/{rkey}"))
        for rkey in listed[1:]
    }
    assert filters["emploi"] == skeletons.PublicFilter()
    assert filters["emploi-idf"] == skeletons.PublicFilter(region="Île-de-France")
    assert filters["emploi-yt"] == skeletons.PublicFilter(region="Mayotte")
    assert filters["emploi-n"] == skeletons.PublicFilter(family="N")
    assert len({(flt.region, flt.family) for flt in filters.values()}) == len(filters)  # all different
    for bad in ("emploi-zz", "emploi-o", "emploi-r99", "emploi-", "emploi-ARA"):
        with pytest.raises(skeletons.FeedError):
            skeletons.parse_public_rkey(bad)
    with pytest.raises(skeletons.FeedError):  # our rkey, someone else's record
        skeletons.parse_feed_uri("at://did:plc:someoneelse/app.bsky.feed.generator/emploi-ara")


@pytest.mark.django_db
def test_it_serves_each_variant_only_its_requests(client: Client, feeds: None) -> None:
    lyon = f.approved_request(region="Auvergne-Rhône-Alpes", rome_code="M1203")
    rennes = f.approved_request(region="Bretagne", rome_code="N1101")
    brest = f.approved_request(region="Bretagne", rome_code="M1607")
    f.approved_request(region="Bretagne", rome_code="M1608", status="withdrawn")  # not current

    def feed(rkey: str) -> list[str]:
        resp = client.get("/xrpc/app.bsky.feed.getFeedSkeleton", {"feed": f"{GENERATOR}/{rkey}"})
        assert resp.status_code == 200, resp.content
        return [item["post"] for item in resp.json()["feed"]]

    assert feed("emploi-bre") == [brest.post.uri, rennes.post.uri]  # newest first
    assert feed("emploi-ara") == [lyon.post.uri]
    assert feed("emploi-m") == [brest.post.uri, lyon.post.uri]
    assert feed("emploi-n") == [rennes.post.uri]
    assert feed("emploi-gp") == [] and feed("emploi-a") == []
    unknown = client.get("/xrpc/app.bsky.feed.getFeedSkeleton", {"feed": f"{GENERATOR}/emploi-zz"})
    assert unknown.status_code == 400 and unknown.json()["error"] == "UnknownFeed"


@pytest.mark.django_db
def test_it_announces_the_variants_only_when_they_are_published(
    client: Client, feeds: None, settings: Any, tmp_path: Path
) -> None:
    described = client.get("/xrpc/app.bsky.feed.describeFeedGenerator").json()
    uris = [feed["uri"] for feed in described["feeds"]]
    assert described["did"] == "did:web:feeds.colibri.test"
    assert uris[:2] == [f"{GENERATOR}/mine", f"{GENERATOR}/emploi"]
    assert f"{GENERATOR}/emploi-ara" in uris and f"{GENERATOR}/emploi-m" in uris and len(uris) == 34
    settings.COLIBRI_FEED_VARIANTS = False
    uris = [feed["uri"] for feed in client.get("/xrpc/app.bsky.feed.describeFeedGenerator").json()["feeds"]]
    assert uris == [f"{GENERATOR}/mine", f"{GENERATOR}/emploi"]
    # Without reference data nothing is published but mine and emploi (the command refuses the rest), so
    # nothing else is announced; a job family still resolves (it needs no data), a région cannot.
    settings.COLIBRI_FEED_VARIANTS = True
    settings.COLIBRI_REFDATA_DIR = tmp_path / "nothing-imported"
    uris = [feed["uri"] for feed in client.get("/xrpc/app.bsky.feed.describeFeedGenerator").json()["feeds"]]
    assert uris == [f"{GENERATOR}/mine", f"{GENERATOR}/emploi"]
    assert skeletons.parse_public_rkey("emploi-m") == skeletons.PublicFilter(family="M")
    with pytest.raises(skeletons.FeedError):
        skeletons.parse_public_rkey("emploi-ara")


def test_it_refuses_to_publish_variants_without_reference_data(
    settings: Any, capsys: Any, monkeypatch: Any, tmp_path: Path
) -> None:
    """Publishing without the régions would delete their records: the command stops before any call."""
    from colibri.cli import main

    settings.BLUESKY_HANDLE = "collectif.test"
    settings.BLUESKY_APP_PASSWORD = "app-password"
    settings.COLIBRI_REFDATA_DIR = tmp_path / "nothing-imported"
    settings.COLIBRI_FEED_VARIANTS = True

    class NoCalls:
        def __getattr__(self, name: str) -> Any:
            raise AssertionError(f"network called: {name}")

    monkeypatch.setattr("colibri.networks.registry.bluesky_from_settings", lambda *a: NoCalls())
    monkeypatch.setattr("colibri.networks.bluesky.network.BlueskyNetwork", NoCalls)
    assert main(["feeds", "publish"]) == 1
    err = capsys.readouterr().err
    assert "colibri data import" in err and "--no-variants" in err
