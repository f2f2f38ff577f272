"""The families blind sets J, K, L and M showed once read (tests/data/README.md), in other words than
theirs (their own texts are scored by the bench), each with its twins that must not become stops."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("non toujours rien. me réécrivez jamais svp", "stop"),
        ("pas encore, et merci de pas me recontacter", "stop"),
        ("me rcontactez plus", "stop"),
        ("laisse tomber, me contatez pas", "stop"),
        ("ils ne me rappellent pas, je cherche toujours", "searching"),
    ],
)
def test_it_reads_a_contact_verb_typed_fast_under_a_negation_as_a_stop(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("j'ai trouvé un poste, effacez toutes mes données svp", "stop"),
        ("Embauchée ! vous pouvez effacer mes coordonnées", "stop"),
        ("toujours au chômage, j'aimerais que mes infos soient supprimées", "stop"),
        ("En poste depuis lundi, merci de retirer tout ce qui me concerne", "stop"),
        ("ne supprimez pas mes infos, je cherche encore", "searching"),
        ("j'ai trouvé, mon annonce peut être retirée", "hired"),
    ],
)
def test_it_reads_erasing_everything_about_oneself_as_a_stop_even_after_a_hire(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("vous vous faites de la pub sur notre dos", "stop"),
        ("vous profitez de la misère des gens", "stop"),
        ("vous gagnez combien de fric avec nos annonces ?", "stop"),
        ("toujours chômeuse, je cherche dans la vente", "searching"),
    ],
)
def test_it_reads_an_accusation_of_profiting_from_the_seekers_as_a_stop(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("encore en galère mais je voudrais voir mon post disparaître", "stop"),
        ("je cherche encore mais je souhaite que ma publication soit supprimée", "stop"),
        ("toujours rien, par contre il faudrait que le post soit enlevé", "stop"),
        ("je cherche encore, je ne veux pas que mon annonce soit retirée", "searching"),
        ("Oui ! mon annonce peut être supprimée, merci", "hired"),
    ],
)
def test_it_reads_a_withdrawal_said_in_the_passive_or_as_a_wish(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Non, l'agence a annulé mon contrat au dernier moment, je cherche toujours", "searching"),
        ("ils ont annulé la mission la veille, donc toujours rien", "searching"),
        ("annulez tout", "stop"),
        ("j'annule ma demande, merci", "stop"),
    ],
)
def test_it_reads_a_hire_cancelled_by_the_employer_as_a_search_not_a_cancellation(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("j'ai trouvé donc vous pouvez arrêter de partager", "hired"),
        ("Ma femme me dit de vous écrire : elle a décroché un poste de caissière", "hired"),
        ("Oui. Je suis passée cheffe d'équipe, j'ai du mal à y croire", "hired"),
        ("Oui, j'en crois toujours pas mes yeux : CDI signé", "hired"),
        ("bah ouais !", "hired"),
        ("eh oui 😁", "hired"),
        ("ben non", "searching"),
    ],
)
def test_it_reads_hires_said_by_a_relative_after_a_filler_or_with_disbelief(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Embauchée en CDI ! ah non je rêvais 🙃", "searching"),
        ("oui j'ai signé... dans mes rêves", "searching"),
        ("J'aimerais tellement vous répondre que oui", "searching"),
        ("CAP en poche, reste à trouver un employeur", "searching"),
        ("permis en poche, il me faut un boulot maintenant", "searching"),
        ("CDI en poche !", "hired"),
        ("toujours rien, sans permis c'est dur", "searching"),
    ],
)
def test_it_reads_a_dreamt_hire_a_wish_or_a_diploma_awaiting_an_employer_as_a_search(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("On s'est mariés le week-end dernier 🥂", "other"),
        ("j'ai eu un accident de vélo, immobilisé pour 6 semaines", "other"),
        ("Déet, dama ngi seet liggéey", "searching"),
        ("mi kontinye rode travay", "searching"),
    ],
)
def test_it_reads_life_news_and_searches_in_wolof_or_creole(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Oui, pris à l'essai, mais ils ne m'ont pas gardé : je recherche à nouveau", "searching"),
        ("Pris à l'essai chez un plombier, ça se passe bien", "hired"),
        ("non non non, mais je garde espoir", "searching"),
        ("non non et non, arrêtez", "stop"),
    ],
)
def test_it_reads_a_trial_not_kept_and_a_hopeful_refusal_as_searches(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Mon fils gère ce compte, il vous répondra", "other"),
        ("je transmets à ma sœur, elle n'a pas de téléphone : elle vous écrit ce soir", "other"),
        ("Vous l'avez mis sur Facebook ? je vois pas le post", "other"),
        ("My English is not great, could you write in French?", "other"),
        ("il a pas internet, ne le contactez plus", "stop"),
        ("je trouve pas ça normal que vous partagiez mon annonce", "stop"),
        ("ma sœur vous répondra mais moi ne me contactez plus", "stop"),
    ],
)
def test_it_reads_relatives_promises_and_questions_about_the_relay_as_small_talk(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("je vous écris demain, là je suis chez le dentiste", "other"),
        ("je suis chez Renault depuis lundi", "hired"),
        ("je suis chez moi, toujours sans boulot", "searching"),
        ("en effet oui, depuis mars", "hired"),
        ("Oui, pour le moment un contrat de 6 mois", "hired"),
        ("rien pour le moment", "searching"),
        ("Trouvé ? oui !", "hired"),
        ("je vous dirai si j'ai trouvé", "other"),
    ],
)
def test_it_reads_a_place_a_late_yes_a_contract_for_now_and_the_check_in_repeated(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("toujours pas 😢 encore 😭", "searching"),
        ("encore ?!", "stop"),
        ("vous êtes géniaux 🙏", "other"),
        ("ça m'a fait chaud au cœur", "other"),
        ("vous êtes pénibles", "stop"),
    ],
)
def test_it_reads_a_sad_encore_and_compliments_apart_from_stops(text, intent):
    assert classify_reply(text).intent == intent
