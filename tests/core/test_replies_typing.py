"""How answers are typed (blind sets G and H): the SMS "j" glued to a verb ("jbosse", "jte dis"),
elisions typed without their apostrophe ("l annonce", "m appeler"), a dictated punctuation corrected
("point d'interrogation ah non point"). Written in other words than the sets' own."""

import pytest

from colibri.core.replies import classify_reply
from colibri.core.reply_text import fold_answer


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("jtravaille chez Lidl", "je travaille chez lidl"),
        ("jvous dis ça demain", "je vous dis ca demain"),
        ("jsp", "je sais pas"),
        ("chais pas", "je sais pas"),
        ("merci de m ecrire", "merci de me ecrire"),
        ("qwerty jkl", "qwerty jkl"),  # no vowel: a keyboard mash, not a verb
        ("m jwenn travay", "m jwenn travay"),  # creole "jwenn" (found) is no glued "je"
    ],
)
def test_it_spells_out_what_fast_typing_glues_or_drops(typed, folded):
    assert fold_answer(typed) == folded


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("jbosse depuis lundi 🎉", "hired"),
        ("jcherche tjrs", "searching"),
        ("jveux plus que vous partagiez mon annonce", "stop"),
        ("jregarde ça ce soir", "other"),
        ("jsais pas trop", "other"),
        ("POUVEZ VOUS M ECRIRE PAR MAIL JE N ARRIVE PAS A LIRE", "other"),
        ("c est bon j ai trouve merci", "hired"),
        ("merci virgule ah non point", "other"),
    ],
)
def test_it_reads_answers_typed_fast_or_dictated(text, intent):
    assert classify_reply(text).intent == intent
