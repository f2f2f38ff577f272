"""The reply families blind set C showed, in other words than its answers: terse hires, unreadable or
off-topic answers, doubt about the outcome, a search for something other than a job."""

from __future__ import annotations

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    "text",
    [
        "Signature du contrat mardi, prise de poste le 3",
        "Prise de fonction le 2 janvier 🎉",
        "Contrat de 4 mois à la Poste, c'est un début",
        "CDI dans une PME du coin",
        "Là je suis au boulot, je vous réponds ce soir",
        "Actuellement en poste chez un transporteur",
        "Je fais des remplacements en EHPAD",
        "Trouvé par le réseau d'une amie finalement",
        "trouvé ailleurs, vous pouvez retirer",
        "ça y est !",
    ],
)
def test_it_reads_a_hire_said_without_a_verb_of_finding(text):
    assert classify_reply(text).intent == "hired"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # the contract named as the whole answer, but refused, ended, pending or offered: no hire
        ("CDD chez Lidl refusé", "stop"),  # nothing read for sure: the default
        ("Mission chez Randstad en attente", "stop"),
        ("CDI chez Leclerc mais période d'essai rompue", "searching"),
        ("plus en poste depuis mars", "searching"),
        ("Pas trouvé mais j'ai commencé une formation", "searching"),
    ],
)
def test_it_does_not_make_a_hire_of_a_contract_refused_ended_or_a_training(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Rien de signé encore, mais je travaille là-bas depuis lundi", "hired"),
        ("Oui, à mi-temps, ça me va pour le moment", "hired"),
        ("j'ai trouvé mais pas encore signé", "searching"),  # the denial comes last: not conceded
    ],
)
def test_it_reads_a_hire_after_a_conceded_denial_or_with_a_qualifier(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "[audio 1:05]",
        "<Média omis>",
        "(pièce jointe)",
        "CV_Martin_2026.pdf",
        "qsdf ghjk",
        "Vive les Bleus !",
        "Il neige ici, incroyable",
        "C'est quoi le principe de votre compte ?",
        "Ce compte n'est plus consulté.",
    ],
)
def test_it_leaves_unreadable_and_off_topic_answers_to_a_human(text):
    assert classify_reply(text).intent == "other"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("[stop]", "stop"),  # a placeholder never hides a stop
        ("[message vocal] arrêtez", "stop"),
        ("C'est quoi ce cirque ?", "stop"),  # "c'est quoi ce …" is hostile, not curious
        ("Allez, stop maintenant", "stop"),
        ("bof...", "stop"),  # weariness may be a refusal: unread, so a stop
    ],
)
def test_it_keeps_stops_beside_the_unreadable_and_off_topic_families(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    "text",
    ["Peut-être", "pas sûr", "oui et non", "ouais bof", "oui ?", "Oui non, je sais plus trop"],
)
def test_it_leaves_doubt_about_the_outcome_to_a_human_rather_than_record_a_hire(text):
    assert classify_reply(text).intent == "other"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Je cherche surtout un appart en ce moment, vous relayez ça ?", "other"),
        ("je cherche un appart et un boulot", "searching"),
        ("Non non non, toujours pas 😢", "searching"),
        ("non non non", "stop"),
        ("Pas encore, j'attends leur réponse après le 2e entretien", "searching"),
        ("On m'a dit qu'on me rappellerait", "searching"),
        ("C'est long. J'ai fait un essai, puis ils ont hésité mais bon, je vous tiens au courant", "other"),
        ("merci mais non, je vous tiens au courant", "stop"),  # a refusal word, not only a "mais"
        ("No más mensajes por favor", "stop"),
    ],
)
def test_it_reads_searches_stories_and_refusals_by_what_they_are_about(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Je me suis lancée en tant que photographe", "hired"),
        ("Je fais les vendanges en ce moment", "hired"),
        ("Mission à Lille, 3 mois", "hired"),
        ("Poste à Lyon possible en janvier", "searching"),  # a prospect, not a hire
        ("CDI en vue, croisez les doigts", "searching"),
        ("Mon CDD s'arrête fin du mois, je recommence à chercher", "searching"),  # the job stops, not us
    ],
)
def test_it_tells_a_season_or_a_new_trade_from_a_prospect_or_a_job_ending(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Nein danke", "stop"),
        ("no grazie", "stop"),
        ("Ainda não, obrigado.", "searching"),  # "not yet, thanks"
        ("Classé, merci", "stop"),
        ("👎", "stop"),  # alone: a "no" or hostile, in doubt a stop
        ("🤡", "stop"),
        ("Toujours rien ❌", "searching"),  # beside words it may be about the job market
    ],
)
def test_it_reads_refusals_in_other_languages_and_lone_emojis(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Trouvé sur LinkedIn, pas grâce à vous", "hired"),
        ("trouvé sur Indeed des offres mais rien", "searching"),  # offers found, not a job
    ],
)
def test_it_tells_a_job_found_elsewhere_from_offers_found_elsewhere(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "Vous avez des postes dans la logistique ?",  # the collective taken for a recruiter
        "C'est pour quelle boîte ?",
        "Pouvez-vous préciser ?",
        "Bonnes fêtes !",
        "Ravie de l'apprendre",
        "Je vais en parler à ma conseillère",
        "J'ai changé de numéro",
        "ptdr",
    ],
)
def test_it_reads_questions_wishes_and_corrections_as_other_not_as_stops(text):
    assert classify_reply(text).intent == "other"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Le CDI est dans la poche", "hired"),
        ("Admise au concours, je prends mon poste en janvier", "hired"),
        ("J'ouvre mon épicerie en mai", "other"),  # a shop with no activity said is news (blind D)
        ("J'ai ouvert mon épicerie, les clients sont là", "hired"),
        ("J'enchaîne les remplacements", "hired"),
        ("Started the new role last week", "hired"),
        ("Engagée comme bénévole aux Restos", "other"),  # volunteering is no hire
    ],
)
def test_it_reads_hires_said_as_a_post_taken_a_shop_opened_or_a_run_of_missions(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "Au chômage depuis l'été",
        "Chômage depuis septembre",  # the model alone read a hire
        "Ça avance lentement",
        "Ils ont choisi quelqu'un en interne",
        "Encore une réponse négative",
        "Sigo buscando",
        "Ainda à procura de emprego",
        "Sto ancora cercando",
    ],
)
def test_it_reads_a_search_said_as_unemployment_slow_progress_or_in_other_languages(text):
    assert classify_reply(text).intent == "searching"
