"""The outbox page (per account, failures in French, retry), the home page's failure count, and what
the request page and plan say when no official account can repost."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from colibri.console.outbox_words import error_words
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.models import AuditLog, NetworkAccount, OutboxAction, OutboxKind, OutboxStatus

from .console_factories import account, request

pytestmark = pytest.mark.django_db


def _official(network: str = "bluesky") -> NetworkAccount:
    return NetworkAccount.objects.create(
        network=network,
        remote_id=f"did:plc:official-{network}",
        handle=f"i4emploi-{network}",
        is_official=True,
    )


def _action(acc: NetworkAccount, req: Any, status: str, error: str = "", n: int = 0) -> OutboxAction:
    return OutboxAction.objects.create(
        kind=OutboxKind.REPOST,
        network=acc.network,
        account=acc,
        request=req,
        target_uri=req.post.uri,
        idempotency_key=f"test:{acc.pk}:{req.pk}:{status}:{n}",
        status=status,
        attempts=3 if status == OutboxStatus.FAILED else 0,
        last_error=error,
    )


@pytest.mark.parametrize(
    ("error", "words"),
    [
        ("bluesky: HTTP 401 AuthenticationRequired (given up after 8 attempts)", "vérifiez son mot de passe"),
        ("HTTP 429 RateLimitExceeded", "limite d'envoi"),
        ("ConnectError: [Errno 111] Connection refused (given up after 8 attempts)", "injoignable"),
        ("ReadTimeout: timed out", "pas répondu à temps"),
        ("HTTP 404 RecordNotFound", "n'existe plus"),
        ("HTTP 502 Bad Gateway", "erreur de son côté"),
        ("KeyError: 'uri'", "Erreur inattendue"),
    ],
)
def test_it_explains_a_failure_in_french(error: str, words: str) -> None:
    sentence = error_words(error)
    assert words in sentence
    assert ("Abandon après 8 tentatives." in sentence) == ("given up" in error)


def test_it_counts_per_account_and_retries_a_failure_from_the_page(client: Any, coordinator: Any) -> None:
    official = _official()
    req = request(account("marie.bsky.social"))
    other = request(account("lea.bsky.social"))
    failed = _action(
        official, req, OutboxStatus.FAILED, "ConnectError: Connection refused (given up after 3 attempts)"
    )
    _action(official, other, OutboxStatus.DONE)
    _action(official, other, OutboxStatus.PENDING, n=1)
    client.force_login(coordinator)

    page = client.get(reverse("outbox"))
    assert page.status_code == 200
    summary = {a.handle: (a.queued, a.done, a.failed) for a in page.context["summary"]}
    assert summary == {"i4emploi-bluesky": (1, 1, 1)}
    html = page.content.decode()
    # Failures first when there are any, the reason in French, the raw text kept aside.
    assert page.context["tab"] == "echecs"
    assert (
        "Le réseau est injoignable (serveur arrêté ou connexion coupée). Abandon après 3 tentatives." in html
    )
    assert "Connection refused" in html.split("détail technique", 1)[1]
    assert f"#{req.pk} @marie.bsky.social" in html

    response = client.post(
        reverse("outbox_retry", args=[failed.pk]), {"next": "/envois/?etat=echecs"}, follow=True
    )
    assert response.redirect_chain == [("/envois/?etat=echecs", 302)]
    assert "Remis dans la file" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == OutboxStatus.PENDING
    assert AuditLog.objects.filter(action="outbox.retry_requested", request=req).get().actor_label == "coord"

    again = client.post(reverse("outbox_retry", args=[failed.pk]), follow=True)
    assert "n&#x27;est plus en échec" in again.content.decode()


def test_it_shows_the_failure_count_to_coordinators_on_the_home_page(
    client: Any, coordinator: Any, moderator: Any
) -> None:
    official = _official()
    for i in range(2):
        _action(official, request(account(f"s{i}.bsky.social")), OutboxStatus.FAILED, "HTTP 500", n=i)
    client.force_login(coordinator)
    home = client.get(reverse("dashboard")).content.decode()
    assert "2 envois sur les réseaux ont échoué" in home
    assert f'href="{reverse("outbox")}?etat=echecs"' in home
    client.force_login(moderator)
    assert "ont échoué" not in client.get(reverse("dashboard")).content.decode()
    assert client.get(reverse("outbox")).status_code == 403


def test_it_says_when_approving_will_not_repost_and_why(client: Any, moderator: Any) -> None:
    req = request(account("marie.bsky.social"), status="needs_review")
    client.force_login(moderator)
    page = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert "Aucun compte officiel Bluesky n&#x27;est connecté (BLUESKY_HANDLE + BLUESKY_APP_PASSWORD" in page
    assert "ne programme aucun relais" in page

    do_approve_request(req, actor=moderator)
    assert not OutboxAction.objects.filter(request=req).exists()  # nothing queued, and now it is said
    page = client.get(reverse("request_detail", args=[req.pk])).content.decode()
    assert "Cette demande approuvée attend" in page
    plan = client.get(reverse("plan")).content.decode()
    assert "Aucun compte officiel Bluesky" in plan and "1 demande approuvée l&#x27;attend." in plan


def test_it_says_nothing_when_the_official_account_is_there(client: Any, moderator: Any) -> None:
    _official()
    req = request(account("marie.bsky.social"), status="needs_review")
    client.force_login(moderator)
    assert "compte officiel" not in client.get(reverse("request_detail", args=[req.pk])).content.decode()
    do_approve_request(req, actor=moderator)
    assert OutboxAction.objects.filter(request=req, kind=OutboxKind.REPOST).exists()
    assert "compte officiel" not in client.get(reverse("plan")).content.decode()
