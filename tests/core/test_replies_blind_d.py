"""The families blind set D showed (tests/data/README.md): plain "other" answers read as stops, working
for oneself, life changes (retiring, studies, a leave), hires that ended, jokes taken back, edits of the
post. Written in new words, not D's: D's texts are scored by the bench, not pinned here."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("petit test", "other"),
        ("Merci infiniment, gracias amigos", "other"),
        ("Je vous ai répondu en MP", "other"),
        ("Mon lien LinkedIn ne fonctionne plus, voici le bon", "other"),
        ("Vous pourriez corriger la ville ? Je cherche sur Brest", "other"),
        ("Oui, et toi ?", "other"),
        ("Hein ?", "other"),
        ("Avec plaisir", "other"),
        ("Quoi ? Arrêtez", "stop"),
        ("Peut-être, je vous dis ça lundi", "other"),
    ],
)
def test_it_reads_small_talk_and_edits_as_other_not_stop(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("J'ai monté ma société de paysagisme", "other"),
        ("Devenue auto-entrepreneuse", "other"),
        ("Auto-entrepreneuse depuis mai, les commandes arrivent", "hired"),
        ("Je me suis lancé en freelance et j'ai trois clients", "hired"),
        ("Plus besoin de relayer, j'ai monté ma boîte", "stop"),
    ],
)
def test_it_reads_working_for_oneself_as_a_hire_only_with_activity(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Retraité depuis la rentrée", "other"),
        ("Je reprends mes études en BTS", "other"),
        ("En arrêt maladie pour l'instant", "other"),
        ("Congé parental jusqu'en mars", "other"),
        # with a refusal word, in doubt, stop
        ("Je suis à la retraite, donc c'est fini", "stop"),
        ("Je reprends mes études, retirez mon annonce", "stop"),
        ("En arrêt maladie, ne me contactez plus", "stop"),
        ("Gracias, pero no", "stop"),
        ("Je vous ai envoyé un DM pour que vous retiriez tout", "stop"),  # small talk with a stop word
        ("Retraitée, annulez tout", "stop"),
    ],
)
def test_it_reads_life_changes_as_news_unless_a_refusal_is_said(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("J'ai eu un CDD d'un mois mais c'est terminé", "searching"),
        ("Non, j'ai fait une mission d'intérim, elle est finie", "searching"),
        ("Oui en stage... je plaisante, en CDI", "hired"),
        ("Oui ! Fin du chômage après un an", "hired"),
        ("Got a job, please take my post down", "hired"),
        ("Ma période d'essai est validée", "hired"),
        ("👎", "stop"),  # alone it may be hostile: in doubt, stop
        ("👍", "other"),  # alone an acknowledgement (blind sets A and C), not a hire
    ],
)
def test_it_reads_hires_that_ended_jokes_taken_back_and_english_hires(text, intent):
    assert classify_reply(text).intent == intent
