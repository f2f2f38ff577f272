"""The families blind sets N and O showed once read (tests/data/README.md), in other words than theirs
(their own texts are scored by the bench): a greeting or laughter never settles an answer that says
more, "arrêt" as a state (a sick leave) against "arrêtez", stops said with an infinitive after a polite
frame, salaried contracts of students, a trial period under way, a search that is over."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Bonjour, je vous prie de stopper toute publication me concernant.", "stop"),
        ("Salut, merci de mettre fin à la diffusion de mon CV", "stop"),
        ("lol t'es qui toi ?", "stop"),
        ("haha tu es qui au juste", "stop"),
        ("Hello, je vous remercie de ne plus relayer mon annonce.", "stop"),
        ("ok, je vous demande de ne pas diffuser mon profil", "stop"),
        ("Coucou, toujours pas de boulot", "searching"),
        ("Bonsoir ! j'ai signé mon CDI hier", "hired"),
        ("Salut ! Ça fait longtemps", "other"),
    ],
)
def test_it_never_lets_a_greeting_or_laughter_settle_an_answer_that_says_more(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # What follows the greeting is read as it would be alone: a request, a refusal or a question
        # nobody's table knows stays with the stop default.
        ("Bonjour, vous bossez pour quelle officine au juste ?", "stop"),
        ("Coucou, balayez-moi de vos fichiers", "stop"),
        ("Hello, ça ne me regarde plus tout ça", "stop"),
        ("Bonsoir, pas envie de répondre svp", "stop"),
        ("haha, bien sûr, j'ai signé chez un paysagiste", "hired"),
        ("Bonsoir à toutes et à tous", "other"),
        ("mdr le hasard, je pensais justement à vous", "other"),
    ],
)
def test_it_reads_the_rest_of_a_greeting_as_it_would_be_read_alone(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Toujours en arrêt depuis ma chute, je vous tiens au courant", "other"),
        ("Je suis en arrêt à cause de mon genou", "other"),
        ("Je suis en arrêt, arrêtez de me relancer", "stop"),
        ("je suis en arrêt, retirez mon annonce svp", "stop"),
        ("Mise en arrêt de la diffusion s'il vous plaît", "stop"),
        ("arrêt", "stop"),
    ],
)
def test_it_reads_arret_as_a_leave_when_it_is_a_state_and_a_stop_when_it_is_asked(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Apprentissage décroché dans une boulangerie, je commence en septembre", "hired"),
        ("J'ai signé un contrat de professionnalisation chez un opticien", "hired"),
        ("Oui, j'ai obtenu une CIFRE avec un labo d'Airbus", "hired"),
        ("Oui j'ai trouvé une alternance en licence pro RH", "hired"),
        ("J'ai décroché une alternance, retirez mon post et ne me contactez plus", "stop"),
        ("Pas encore d'alternance trouvée", "searching"),
        ("Embauché à l'essai dans un garage, période d'essai qui se passe bien", "hired"),
        ("Oui, ma recherche est terminée 🎉", "hired"),
        ("Ma recherche continue", "searching"),
    ],
)
def test_it_reads_students_salaried_contracts_and_a_trial_period_as_hires(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A search said in so many words wins over a hire denied or said not to be a job, and over a
        # pause it follows; a real contract taken "en attendant" stays a hire (every blind writer).
        ("Embauchée en service civique, ce n'est pas un vrai emploi, je cherche encore", "searching"),
        ("Toujours pas de poste fixe, je fais des extras en attendant", "searching"),
        ("J'avais fait une pause cet été mais je me remets à chercher", "searching"),
        ("J'avais fait une pause cet été, je me remets à chercher, mais ne me relancez plus", "stop"),
        ("Pause pour moi, merci", "stop"),
        ("Oui pour l'alternance, non pour l'emploi. Toujours en recherche d'un CDI", "searching"),
        ("Oui, quelques heures de ménage chez une voisine, à part ça rien", "searching"),
        ("J'ai pris un CDD de vendeuse en attendant mieux", "hired"),
        ("Oui et non : j'ai décroché un CDD de trois mois, je continue à chercher un CDI", "hired"),
        ("J'ai signé un CDI mais je cherche toujours un appartement", "hired"),
    ],
)
def test_it_lets_a_search_said_last_win_over_a_denied_hire_or_a_pause(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Admise à l'IFSI de Brest, rentrée en mars", "other"),
        ("J'ai présenté le concours d'aide-soignante, résultats fin juin", "other"),
        ("En train de lancer ma boîte de paysagisme", "other"),
        ("Prise en master à Lille, je reprends les cours", "other"),
        ("J'ai tenté le concours, résultats en mai, d'ici là ne me relancez plus", "stop"),
        ("Can you reply in English? I do not speak French.", "other"),
        ("Je ne parle pas bien français, vous pouvez écrire en espagnol ?", "other"),
    ],
)
def test_it_reads_studies_a_business_under_way_and_a_language_asked_as_other(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Boulanger chez Paul depuis 2 semaines", "hired"),
        ("je suis magasinière depuis septembre, ça roule", "hired"),
        ("Saisonnière dans un camping pour l'été", "hired"),
        ("Je fais la saison à la montagne", "hired"),
        ("Chômeuse depuis octobre", "searching"),
        ("Pas encore plombier depuis que j'ai eu mon CAP, toujours rien", "searching"),
        ("Chauffeur-livreur depuis lundi, retirez mon annonce et ne m'écrivez plus", "stop"),
    ],
)
def test_it_reads_a_trade_named_with_its_start_as_a_hire(text, intent):
    assert classify_reply(text).intent == intent
