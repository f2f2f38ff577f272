"""Families blind sets U (short phone answers) and W (relatives, counsellors, in-between situations)
got wrong on their first run (tests/data/README.md, branch replies9), in other words than theirs, each
with a twin that must not become a stop."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # « stop les messages »: the contact refused without its preposition is still a refusal of contact.
        ("c'est bon j'ai un job, stop vos relances", "stop"),
        ("ouais trouvé. stop les notifs svp", "stop"),
        ("oui trouvé, stop tous les messages", "stop"),
        # Twin: stopping the relay of the post after a hire stays a hire.
        ("CDI signé, vous pouvez arrêter les partages", "hired"),
    ],
)
def test_it_reads_stop_with_the_messages_as_a_refusal_of_contact(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A hire the writer doubts is no hire: the withdrawal beside it is the only sure thing.
        ("pas sûre d'avoir vraiment trouvé, enlevez mon post quand même", "stop"),
        ("Je sais pas si ça compte comme signé... supprimez l'annonce svp", "stop"),
        # Twin: a hire said plainly with a withdrawal stays a hire.
        ("J'ai trouvé, vous pouvez retirer mon annonce", "hired"),
    ],
)
def test_it_reads_a_withdrawal_beside_a_doubted_hire_as_a_stop(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A positive answer denied (« aucune réponse positive ») is no hire.
        ("Non, pas de réponse positive pour l'instant, je cherche encore", "searching"),
        ("J'ai eu une réponse positive, je commence lundi", "hired"),
        # Out of the hardship (« sorti de la galère ») is the opposite of still in it.
        ("Oui ! CDD de 6 mois en logistique, enfin sortie de la galère", "hired"),
        ("Non, toujours la galère", "searching"),
        # A promise one had (« j'avais une promesse ») is no ended job: what follows says what became of it.
        ("J'avais une promesse d'embauche et c'est signé depuis lundi", "hired"),
        ("J'avais un CDD mais il s'est terminé, je cherche", "searching"),
        # « presque » counting the days worked is no « almost found ».
        ("Oui, des missions en intérim presque chaque jour, ça me fait un vrai travail", "hired"),
        ("presque ! j'attends la réponse", "searching"),
    ],
)
def test_it_reads_words_that_turn_a_hire_or_a_search_around(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # « je ne cherche pas pour le moment » after a new occupation: the « pas » negates the search.
        ("je suis à la fac jusqu'en juin, je ne cherche pas pour l'instant", "other"),
        # Twin: « pas pour le moment » answering the question is a « not yet ».
        ("Non, pas pour le moment", "searching"),
    ],
)
def test_it_reads_a_search_paused_for_an_occupation_as_news(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Work said not to last (« rien qui dure », « rien de stable »), then a search said last: searching.
        ("Non, quelques extras en restauration, rien de stable, je cherche encore", "searching"),
        # Twin: the search said last after a plain hire does not undo it.
        ("J'ai signé un CDI mais je cherche toujours un appart", "hired"),
    ],
)
def test_it_reads_work_said_not_to_last_before_a_search_as_a_search(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A relative's hire relayed (« me demande de vous dire qu'il a retrouvé ») is a hire.
        ("Ma soeur m'a dit de vous prévenir qu'elle a signé un CDD à la mairie", "hired"),
        # Twins: a relayed refusal, or an erasure said beside it, stays a stop.
        ("ma mère me demande de vous dire qu'elle ne veut plus de messages", "stop"),
        ("Mon frère me dit qu'il a trouvé, mais retirez tout me concernant", "stop"),
    ],
)
def test_it_reads_a_relatives_hire_relayed_as_a_hire(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A bare hesitation sound asks nothing: a person reads it, like « Hein ? ».
        ("Hmmm…", "other"),
        ("heu", "other"),
        # Twins: with a stop word it is a stop; with a « non » it answers the question.
        ("euh stop", "stop"),
        ("hmm non", "searching"),
    ],
)
def test_it_reads_a_bare_hesitation_as_other(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A language barrier is for a person to answer, not a stop.
        ("Good morning, I do not speak French, sorry!", "other"),
        ("désolé je comprends pas bien le français", "other"),
        # Twin: with a refusal of contact it stays a stop.
        ("I don't speak French, stop messaging me", "stop"),
    ],
)
def test_it_reads_a_language_barrier_as_other(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Giving up a project (a business, a training) is not giving up the search said after it.
        ("j'ai abandonné ma formation de comptable, je cherche un CDI en magasin", "searching"),
        # Twins: giving up the search, or giving up alone, stays a stop.
        ("j'abandonne ma recherche", "stop"),
        ("j'ai abandonné", "stop"),
    ],
)
def test_it_reads_a_project_given_up_before_a_search_as_a_search(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A doubted yes or a « maybe » with news pending (a confirmation awaited, a spoken promise): other.
        ("Je crois que oui, mais j'attends le retour de la directrice", "other"),
        ("peut être… juste une promesse verbale pour l'instant", "other"),
        # Twins: a doubted yes with a signature is a hire, with a withdrawal a stop.
        ("je crois que oui, j'ai signé hier", "hired"),
        ("Je pense que oui mais retirez l'annonce", "stop"),
    ],
)
def test_it_reads_a_doubted_yes_with_news_pending_as_other(text, intent):
    assert classify_reply(text).intent == intent
