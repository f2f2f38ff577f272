"""The families blind sets F, G, H and I showed once read (tests/data/README.md), in other words than
theirs (their own texts are scored by the bench): formal and civil-service hires, a hire taken back by
a joke, a wish ("j'aimerais bien"), a promise of hire not confirmed, a search said as a formal answer or
with a request about the post, a relative who searches, and the stops they must not steal."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("D'où sortez-vous mon numéro de téléphone ?", "stop"),
        ("Qui vous a donné mes coordonnées ?", "stop"),
        ("Je voudrais que mon profil n'apparaisse plus sur votre page, merci", "stop"),
        ("Je préfère ne plus figurer dans vos listes, même si je cherche encore", "stop"),
        ("Comment vous avez trouvé mon annonce ? Je trouve ça génial ce que vous faites", "other"),
    ],
)
def test_it_reads_suspicion_about_contact_details_and_a_wish_to_disappear_as_stops(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Je suis titularisé depuis la rentrée, merci à vous", "hired"),
        ("Lauréate du concours d'attaché, affectée à la mairie de Tours", "hired"),
        ("Je vous informe avoir pris mon poste de comptable lundi dernier.", "hired"),
        ("J'ai retrouvé une activité professionnelle dans la logistique.", "hired"),
        ("Bon, j'ai finalement pris un CDD de trois mois", "hired"),
        ("Toujours en période d'essai, croisons les doigts", "hired"),
        ("Période d'essai enfin validée 🎉", "hired"),
        ("Mon nouveau patron ne doit pas voir ce post, pouvez-vous l'enlever ?", "hired"),
        ("Je suis en période d'essai, ne me contactez plus", "stop"),
    ],
)
def test_it_reads_formal_and_civil_service_hires(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Oui oui, trouvé… le moyen de perdre encore une journée 🙃", "searching"),
        ("Embauché comme ministre, évidemment. Bien sûr que non.", "searching"),
        ("Trouvé… un CDI chez Airbus !", "hired"),  # a dramatic pause before a real job
        ("Trouvé... une autre façon de tourner en rond", "searching"),
        ("Trouvé… enfin !", "hired"),
        ("L'offre a finalement été retirée avant la signature, je continue", "searching"),
        ("Je vous remercie, mais non.", "stop"),  # no hire to take back: a polite refusal
        ("ah ça je voudrais bien 😅", "searching"),
        ("Si seulement...", "searching"),
        ("j'aimerais bien que vous arrêtiez de m'écrire", "stop"),
        ("On m'avait promis le poste mais tout est tombé à l'eau", "searching"),
        ("Promesse d'embauche reçue, en attente de la signature du directeur", "searching"),
    ],
)
def test_it_reads_jokes_wishes_and_unconfirmed_promises_as_no_hire(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Hélas non. Continuez à relayer s'il vous plaît", "searching"),
        ("Toujours rien mais je reste à la recherche !", "searching"),
        ("La réponse est négative pour l'instant.", "searching"),
        ("Pour ma femme : non, elle est toujours en recherche", "searching"),
        ("Tu peux relayer pour mon cousin aussi ? il cherche en cuisine", "other"),
        ("Encore rien, et arrêtez de relayer maintenant", "stop"),
    ],
)
def test_it_reads_searches_said_formally_or_for_a_relative(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Nie, nadal szukam. Proszę usunąć moje dane.", "stop"),
        ("Toujours en recherche. Merci de retirer mon annonce de votre page.", "stop"),
        ("Merci pour tout. Ne me contactez plus.", "stop"),
        (
            "Non, j'ai fait une mission d'une semaine mais c'est fini.",
            "searching",
        ),  # the job ended, no request
        ("Pas encore. Ça use.", "searching"),  # read alone by the model only: no request
    ],
)
def test_it_keeps_a_stop_said_in_one_sentence_of_a_longer_answer(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Je vous réponds demain sans faute, là je suis au volant", "other"),
        ("je te dis ça ce soir promis", "other"),
        ("Il vous écrira demain, il n'a pas son téléphone", "other"),
        ("Je lui ferai passer le message.", "other"),
        ("Je vous réponds demain, mais ne me relancez plus après", "stop"),  # the promise keeps no stop away
        ("Joyeux anniversaire tata, on se voit samedi", "other"),
        ("Auriez-vous des offres dans le BTP vers Nantes ?", "other"),
        ("Vous êtes rattachés à Pôle emploi ?", "other"),
        ("Je voudrais remercier la personne qui a partagé mon annonce", "other"),
        ("Vous pouvez republier ? On dirait que personne ne l'a vu passer", "other"),
        ("non non non 😢", "searching"),
        ("non non non", "stop"),  # alone: an insisted refusal
        ("Je me suis installée comme avocate, le cabinet tourne bien", "hired"),  # no lawyer's threat
        ("Je vais contacter mon avocat", "stop"),
        ("Bravo pour votre aide aux demandeurs d'emploi", "other"),
    ],
)
def test_it_reads_promises_small_talk_and_questions_as_other_and_keeps_their_stop_twins(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Je fais de l'intérim depuis un mois, est-ce que ça compte ?", "hired"),
        ("Lauréat du concours de gardien de la paix, affecté à Lyon", "hired"),
        ("Je suis en congé parental pour m'occuper de ma fille", "other"),
        ("Non toujours pas. Vous pouvez changer la photo de l'annonce ?", "searching"),
        ("Vous pouvez changer la photo de l'annonce ?", "other"),
        ("Pas sûr, j'attends leur décision demain", "other"),
        ("Plus ou moins, quelques heures par-ci par-là mais rien de stable", "other"),
        ("Plus ou moins. Arrêtez de me relancer.", "stop"),
        ("Formation oui, emploi pas encore", "other"),
        ("Je suis en congé maternité pour l'instant, je ne sais pas trop pour la suite", "other"),
        ("Oé c'est bon", "hired"),
        ("Bah oui, sinon je serais pas si heureuse 🥳 embauchée à la mairie", "hired"),
    ],
)
def test_it_reads_answers_split_in_two_and_the_doubts_around_them(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Bientôt inch'allah", "searching"),
        ("Inchallah bientôt mais arrêtez de m'écrire", "stop"),
        ("Je suis repartie au Sénégal, merci pour tout", "other"),
        ("Je suis reparti au pays, retirez l'annonce", "stop"),
    ],
)
def test_it_reads_francophone_hopes_and_a_return_home(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Vous pouvez clore, merci beaucoup", "stop"),
        ("Je passe pour cette fois, merci", "stop"),
        ("Je passe un entretien jeudi", "searching"),
    ],
)
def test_it_reads_a_request_closed_or_passed_with_thanks_as_stop(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Je vous confirme avoir rejoint les effectifs de la mairie en mars.", "hired"),
        ("Je voudrais tellement vous répondre oui", "searching"),
        ("Vous collaborez avec la mission locale ?", "other"),
        ("Vous travaillez pour qui au juste ?", "stop"),  # hostile: who are you working for
    ],
)
def test_it_reads_fresh8_second_batch_families(text, intent):
    assert classify_reply(text).intent == intent
