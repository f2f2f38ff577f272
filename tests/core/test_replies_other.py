"""Round replies8 (tests/data/README.md): answers that ask nothing are read for what they are instead of stops
by default (colibri/core/reply_other.py), hires and searches the tables read the wrong way round
(colibri/core/reply_outcomes.py). In other words than replies_fresh10.jsonl and the blind sets, each family
with stop twins that must stay stops."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    "text",
    [
        "Vous organisez des ateliers à la médiathèque ?",
        "C'est quoi le budget d'une asso comme la vôtre ? Simple curiosité",
        "Ça se passe comment pour devenir bénévole ?",
    ],
)
def test_it_reads_a_curious_question_back_as_other(text):
    assert classify_reply(text).intent == "other"


@pytest.mark.parametrize(
    "text",
    [
        "On s'installe à Quimper la semaine prochaine",
        "Je sors de l'hôpital demain, je vous raconterai",
        "C'est sa sœur qui répond, il n'a pas internet en ce moment, il vous répondra lundi",
        "🎙️ vocal 1:02",
    ],
)
def test_it_reads_news_of_ones_life_and_a_relative_answering_as_other(text):
    assert classify_reply(text).intent == "other"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Pas retenu au second entretien, je repars de zéro", "searching"),
        ("J'ai refusé un CDD trop loin, je continue", "searching"),
        ("Me voilà caissière au Carrefour du coin", "hired"),
        ("Cuisinier dans une brasserie depuis mardi", "hired"),
    ],
)
def test_it_reads_a_search_step_or_a_job_named_without_a_verb_of_finding(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Hardship in the past, somebody else's search, a family place, a training begun: no search, no hire.
        ("Oui, en CDI dans une banque, après un an de chômage", "hired"),
        ("Mon collègue qui galère aussi, je peux lui envoyer votre lien ?", "other"),
        ("Je suis chez mes parents pour les fêtes, je vous redis ça", "other"),
        # A hire only promised, then the search going on; a choice made between two offers.
        ("On m'a promis le poste à l'oral, mais je continue de postuler", "searching"),
        ("J'hésitais entre deux boîtes, j'ai accepté la proposition de la plus proche", "hired"),
    ],
)
def test_it_reads_the_seekers_situation_now_not_the_words_around_it(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "On s'installe à Quimper, donc oubliez mon annonce",
        "Je sors de l'hôpital, arrêtez de m'écrire",
        "Vous organisez des ateliers ? Ça m'est égal, je ne veux plus de vos relances",
        "Vous êtes payés par qui au juste ?",
        "C'est sa sœur qui répond : il ne veut plus que son annonce circule",
        "Pas retenu au second entretien, et je ne souhaite plus être relayé",
        "Dur à dire, mais retirez-moi de vos listes",
        "Me voilà caissière au Carrefour, plus aucune relance svp",
        "Cuisinier dans une brasserie, ne m'écrivez plus",
        "Oui, en CDI après un an de chômage. Effacez mes données",
        "Combien de temps mon post reste en ligne ? Je voudrais qu'il soit supprimé",
    ],
)
def test_it_keeps_a_stop_said_beside_news_a_question_a_search_step_or_a_job(text):
    assert classify_reply(text).intent == "stop"


@pytest.mark.parametrize(
    "news",
    [
        "On vient d'emménager à Besançon, nouvelle vie !",
        "Vous proposez des simulations d'entretien en vrai, pas en ligne ?",
        "Je suis en lice pour deux postes, verdict la semaine prochaine",
        "Me voilà vendeuse chez Decathlon 😊",
        "🎤 audio 0:12",
    ],
)
@pytest.mark.parametrize(
    "stop",
    ["Je m'en moque de vos histoires.", "Ça va bien comme ça.", "Qui vous a permis ?", "Basta.", "👎", "🙄"],
)
def test_it_leaves_to_the_stop_default_an_answer_with_a_sentence_nobody_reads(news, stop):
    # Every clause must belong to a family: a dismissive sentence no table holds, or an emoji that may be the
    # whole refusal, keeps the default.
    assert classify_reply(f"{news} {stop}").intent == "stop"
    assert classify_reply(f"{stop} {news}").intent == "stop"
