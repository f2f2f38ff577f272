"""Families blind sets T (the issue's mix), V (bitter, ironic) and X (networks, DMs, other languages) got
wrong on their first run (tests/data/README.md, branch replies10), in other words than theirs, each with
stop twins: a stop said beside the new reading stays a stop."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # « pour l'instant » right after the contract says the job is temporary, not the search.
        ("Oui, en intérim pour le moment, c'est déjà ça", "hired"),
        ("Yes, en CDD pour l'instant chez Lidl", "hired"),
        ("oui, une mission pour l'instant à l'entrepôt", "hired"),
        # Twins: without a contract it is the search; with a refusal of contact it is a stop.
        ("Non, rien pour le moment", "searching"),
        ("Pas trouvé pour l'instant", "searching"),
        ("Oui en CDD pour l'instant. Ne me contactez plus", "stop"),
        ("en intérim pour le moment, arrêtez de m'écrire svp", "stop"),
    ],
)
def test_it_reads_a_contract_for_now_as_a_hire(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # « ne m'a pas trouvé trop vieux »: a third party judging the seeker denies no hire.
        ("Oui. Magasinier à Vénissieux. Un patron qui ne m'a pas trouvé trop vieux, enfin.", "hired"),
        ("Oui, infirmière à Lyon, ils ne m'ont pas trouvée « surqualifiée » cette fois", "hired"),
        # Twins: the seeker's own « pas trouvé » stays a search; a stop beside the judgement stays a stop.
        ("Non, je n'ai pas trouvé", "searching"),
        ("Oui, un patron ne m'a pas trouvé trop vieux. Ne me relancez plus.", "stop"),
    ],
)
def test_it_reads_a_judgement_of_the_seeker_as_no_denied_hire(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Being on the staff (« je fais partie des effectifs / du personnel ») is a hire.
        ("Je fais partie du personnel de la clinique depuis mars", "hired"),
        ("je fais partie des effectifs chez Leroy depuis lundi :)", "hired"),
        # Twins: a refusal of contact beside it is a stop.
        ("Je fais partie du personnel de la mairie depuis mars, ne me contactez plus", "stop"),
        ("je fais partie des effectifs, effacez mes données", "stop"),
    ],
)
def test_it_reads_being_on_the_staff_as_a_hire(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Consonant runs split only by punctuation: keys hit in a pocket, nothing said.
        ("qhdjt;;m", "other"),
        ("pmlkj..v", "other"),
        # Twins: short words say something (« stp, ntm »: in doubt, a stop); a stop beside the mash stays.
        ("stp,ntm", "stop"),
        ("qhdjt;;m stop", "stop"),
        ("qhdjt;;m, retirez mon annonce", "stop"),
    ],
)
def test_it_reads_pocket_typing_split_by_punctuation_as_other(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # « pas seulement / pas juste / pas uniquement » in a question is « not only »: no refusal.
        ("Vous partagez aussi les stages, pas uniquement les CDI ?", "other"),
        ("Pourquoi un lien Bluesky et pas simplement un mail ? C'est plus pratique ?", "other"),
        ("Le collectif aide aussi les jeunes, pas seulement les demandeurs ?", "other"),
        # Twins: a refusal of being relayed, or a stop beside the question, stays a stop.
        ("Je n'ai jamais demandé à être relayé", "stop"),
        ("Vous partagez aussi les stages, pas uniquement les CDI ? Moi je ne veux plus être relayé.", "stop"),
        ("Pourquoi pas juste arrêter ?", "stop"),
    ],
)
def test_it_reads_not_only_in_a_question_as_no_refusal(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # « do you speak English? », « I cannot understand »: a language barrier, asking nothing.
        ("Hi, do you write in English? I cannot understand", "other"),
        ("Good morning, do you speak English please?", "other"),
        # Twins: a refusal or a « no » beside it stays a stop.
        ("Do you speak English? Stop messaging me", "stop"),
        ("I don't understand, please remove my post", "stop"),
        ("I do not understand. No.", "stop"),
    ],
)
def test_it_reads_an_english_language_barrier_as_other(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # « au moins j'ai un salaire »: a job taken for want of better is held, « pour l'instant » or not.
        ("Pas dans ma branche, serveur pour l'instant, mais au moins j'ai une paie", "hired"),
        ("oui... rien à voir avec mes études, mais au moins j'ai un salaire", "hired"),
        # Twins: a refusal of contact or an erasure beside it stays a stop.
        ("au moins j'ai un salaire... retirez-moi de vos listes", "stop"),
        ("Serveur pour l'instant, au moins j'ai une paie. Ne m'écrivez plus.", "stop"),
    ],
)
def test_it_reads_a_job_for_want_of_better_as_a_hire(text, intent):
    assert classify_reply(text).intent == intent
