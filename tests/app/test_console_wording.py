"""The request page in words: no URI, no program names, feedback that fits the request."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from colibri.relay.actions.ingest import do_ingest_event

from .console_factories import account, request

pytestmark = pytest.mark.django_db


def _page(client: Any, req: Any) -> str:
    return client.get(reverse("request_detail", args=[req.pk])).content.decode()


def test_it_tells_the_history_without_jargon(client: Any, moderator: Any, make_event: Any) -> None:
    req = do_ingest_event(make_event(), source="replay:stream.jsonl", cursor="1")
    assert req is not None
    client.force_login(moderator)
    html = _page(client, req)
    assert req.post.uri not in html  # the at:// address means nothing to a volunteer
    assert "La voir sur Bluesky" in html
    assert "collecte automatique" in html
    assert "fichier rejoué « stream.jsonl »" in html
    assert ">ingest<" not in html and "replay:stream.jsonl" not in html


def test_it_offers_no_key_hints_where_the_keys_do_not_work(client: Any, moderator: Any) -> None:
    req = request(account("hints.bsky.social"))
    client.force_login(moderator)
    decide_form = _page(client, req).split('class="decide plain"', 1)[1].split("</form>", 1)[0]
    assert "<kbd>" not in decide_form
    queue = client.get(reverse("dashboard")).content.decode()
    assert "<kbd>a</kbd>" in queue  # the queue's keys work (review.js)


def test_it_never_calls_a_refused_freelance_post_complete(client: Any, moderator: Any) -> None:
    req = request(account("free.bsky.social"), category="freelance", status="rejected", feedback=[])
    client.force_login(moderator)
    html = _page(client, req)
    assert "le message est complet" not in html
    assert "Pas une demande d'emploi (Freelance) : aucun retour n'est envoyé." in html


def test_it_offers_no_reply_to_a_withdrawn_request(client: Any, moderator: Any) -> None:
    incomplete = {"category": "seeker_request", "feedback": ["Ajoutez le lieu recherché."]}
    req = request(
        account("gone.bsky.social"), status="withdrawn", triage={"category": "seeker_request"}, **incomplete
    )
    client.force_login(moderator)
    html = _page(client, req)
    assert "Réponse proposée" not in html and "Ajoutez le lieu" not in html
    assert "Retirée : plus rien n'est envoyé à la personne." in html
