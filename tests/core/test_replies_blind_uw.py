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
