"""The relay side speaks through Django's i18n: English msgids, French by default, English when active.

The rest of the suite checks the French texts; these tests prove the other path (an English-speaking
collective) and that texts written into the data or published follow the collective's language.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from colibri.relay.actions.base import ActionError
from colibri.relay.actions.decisions import do_approve_request
from colibri.relay.actions.volunteers import do_create_volunteer
from colibri.relay.forms import reject_reason
from colibri.relay.ingest import IngestStats
from colibri.relay.models import (
    AssignmentStatus,
    OutboxAction,
    OutboxKind,
    OutboxStatus,
    Request,
    RequestStatus,
)
from colibri.relay.outbox import claims, completion, keys, queueing

pytestmark = pytest.mark.django_db


def test_it_refuses_a_second_decision_in_the_active_language(make_request, moderator) -> None:
    r = make_request()
    stale = Request.objects.get(pk=r.pk)
    do_approve_request(r, actor=moderator)
    with translation.override("en"), pytest.raises(ActionError) as english:
        do_approve_request(stale, actor=moderator)
    assert str(english.value) == (
        "This request was already decided (status: Approved); no new decision is possible."
    )
    with pytest.raises(ActionError) as french:
        do_approve_request(stale, actor=moderator)
    assert str(french.value) == (
        "Cette demande a déjà été traitée (statut : Approuvée), aucune nouvelle décision n'est possible."
    )


def test_it_interpolates_action_errors_after_translating_them(moderator) -> None:
    with translation.override("en"), pytest.raises(ActionError, match=r"^Unknown role: boss\.$"):
        do_create_volunteer(username="x", role="boss", actor=moderator)
    with pytest.raises(ActionError, match=r"^Rôle inconnu : boss\.$"):
        do_create_volunteer(username="x", role="boss", actor=moderator)


def test_it_labels_choices_in_the_active_language() -> None:
    with translation.override("en"):
        assert str(RequestStatus.NEEDS_REVIEW.label) == "To check"
        assert str(OutboxStatus.DONE.label) == str(AssignmentStatus.DONE.label) == "Done"
    assert str(RequestStatus.NEEDS_REVIEW.label) == "À vérifier"
    # Same English word, two French genders: the message contexts keep them apart.
    assert (str(OutboxStatus.DONE.label), str(AssignmentStatus.DONE.label)) == ("Fait", "Faite")


def test_it_shows_the_dashboard_in_english_for_an_english_collective(
    client: Any, settings: Any, make_request, moderator
) -> None:
    settings.LANGUAGE_CODE = "en"
    settings.LANGUAGES = [("en", "English")]
    r = make_request()
    client.force_login(moderator)
    page = client.get(reverse("request_detail", args=[r.pk])).content.decode()
    with translation.override("en"):
        english = str(RequestStatus(r.status).label)
    with translation.override("fr"):
        french = str(RequestStatus(r.status).label)
    assert english != french
    assert f">{english}</span>" in page and f">{french}</span>" not in page


def test_it_words_reject_reasons_in_the_language_of_the_decision() -> None:
    with translation.override("en"):
        assert reject_reason("job_offer", "", []) == "Job offer (not relayed)"
        assert reject_reason("incomplete", "", ["Add the job."]) == "Incomplete post: Add the job."
    assert reject_reason("job_offer", "", []) == "Offre d'emploi (non relayée)"
    assert reject_reason("other", "doublon", []) == "Autre : doublon"


def test_it_counts_the_ingest_with_plural_forms() -> None:
    stats = IngestStats(posts=1, needs_review=2, eligible=1, ineligible=0, withdrawn=3, skipped=1)
    with translation.override("en"):
        assert stats.line() == "1 post, 2 to check, 1 eligible, 0 not eligible, 3 withdrawn, 1 skipped"
    assert stats.line() == "1 post, 2 à vérifier, 1 éligible, 0 non éligible, 3 retirées, 1 ignoré"


def test_it_writes_a_failure_reason_in_the_language_active_when_it_fails(make_request) -> None:
    r = make_request()
    action, _created = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=r.post.author, target_uri=r.post.uri, request=r
    )
    claims.do_claim_actions(worker="w", limit=1)
    with translation.override("en"):
        completion.do_fail_action(action.pk, worker="w", error="HTTP 500", retry=True, max_attempts=1)
    row = OutboxAction.objects.get(pk=action.pk)
    assert row.status == OutboxStatus.FAILED
    assert row.last_error == "HTTP 500 (given up after 1 attempt)"


def test_it_publishes_feed_records_in_the_collectives_language(settings: Any) -> None:
    from colibri.commands.feeds import feed_records

    with translation.override("en"):  # whoever runs the command, the records are the collective's words
        assert feed_records(variants=False)["emploi"][0] == "Demandes d'emploi"
    settings.LANGUAGE_CODE = "en"
    records = feed_records(variants=False)
    assert records["mine"] == (
        "My relays today",
        "The job requests you relay today for the collective (volunteer members).",
    )


def test_it_names_the_feed_variants_in_the_active_language() -> None:
    from colibri.feeds.catalog import family_variants, region_variants

    with translation.override("en"):
        (bretagne,) = region_variants([("53", "Bretagne")])
        (support,) = family_variants(["M"])
    assert bretagne.display_name == "Jobs in Bretagne"
    assert support.display_name == "Jobs in support roles"
    assert "“Business support” (ROME M)" in support.description
    (support_fr,) = family_variants(["M"])
    assert support_fr.display_name == "Emploi fonctions support"
    assert "« Support à l'entreprise » (ROME M)" in support_fr.description


@pytest.mark.parametrize("command", ["dispatch", "feeds", "erase"])
def test_it_prints_command_help_in_the_collectives_language(command: str, settings: Any, capsys: Any) -> None:
    from colibri.cli import main

    expected = {
        "dispatch": ("un seul passage", "one pass: what is due now"),
        "feeds": ("afficher le résultat en JSON", "print the result as JSON"),
        "erase": (
            "motif gardé dans l'historique (défaut : « demande de la personne »)",
            "reason kept in the history (default: “the person asked for it”)",
        ),
    }[command]
    for language, text in zip(("fr", "en"), expected, strict=True):
        settings.LANGUAGE_CODE = language
        with pytest.raises(SystemExit) as done:
            main([command, "--help"])
        assert done.value.code == 0
        assert text in " ".join(capsys.readouterr().out.split())


def test_it_shows_history_codes_as_labels_and_free_text_as_written(
    client: Any, settings: Any, make_request, moderator
) -> None:
    from colibri.relay.actions.decisions import do_reject_request

    r = make_request()
    before = r.status
    do_reject_request(r, actor=moderator, reason="Prestation freelance")
    client.force_login(moderator)
    url = reverse("request_detail", args=[r.pk])
    page = client.get(url).content.decode()
    assert f"<dd>{RequestStatus(before).label}</dd>" in page and f"<dd>{before}</dd>" not in page
    assert "<dd>Prestation freelance</dd>" in page  # the moderator's words are not translated
    settings.LANGUAGE_CODE = "en"
    settings.LANGUAGES = [("en", "English")]
    with translation.override("en"):
        english = str(RequestStatus(before).label)
    assert f"<dd>{english}</dd>" in client.get(url).content.decode()


def test_it_translates_the_workers_notes_only_when_shown() -> None:
    from colibri.relay.templatetags.relay_tags import audit_value

    assert keys.NOTE_NO_REPOST == "no repost on the network"  # stored as is
    assert audit_value(keys.NOTE_NO_REPOST, "note") == "aucun repartage sur le réseau"
    with translation.override("en"):
        assert audit_value(keys.NOTE_NO_REPOST, "note") == "no repost on the network"
    assert audit_value("Other", "reason") == "Other"  # free text that happens to be a msgid stays


def test_it_writes_the_members_digest_in_the_active_language() -> None:
    from colibri.relay.dispatch import digest_text

    subject, body = digest_text([], day="2026-11-26", site_url="https://colibri.example")
    assert subject == "Colibri : 0 demande à repartager aujourd'hui"
    assert body.startswith("Bonjour,") and "Votre espace : https://colibri.example/" in body
    with translation.override("en"):
        subject, body = digest_text([], day="2026-11-26", site_url="https://colibri.example")
    assert subject == "Colibri: 0 requests to share today"
    assert body.startswith("Hello,") and "Your space: https://colibri.example/" in body


def test_it_names_the_workers_history_rows_and_their_codes(client: Any, make_request, moderator) -> None:
    r = make_request()
    action, _created = queueing.do_queue_action(
        kind=OutboxKind.REPOST, account=r.post.author, target_uri=r.post.uri, request=r
    )
    claims.do_claim_actions(worker="w", limit=1)
    completion.do_complete_action(action.pk, worker="w", result_id="x", note=keys.NOTE_NO_REPOST)
    client.force_login(moderator)
    page = client.get(reverse("request_detail", args=[r.pk])).content.decode()
    assert ">Action réseau faite</strong>" in page and ">outbox.done</strong>" not in page
    assert "<dt>type</dt><dd>Repartage</dd>" in page
    assert "<dt>note</dt><dd>aucun repartage sur le réseau</dd>" in page
