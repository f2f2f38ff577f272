"""The reply detector: a seeker's "stop" or "j'ai trouvé" withdraws; negations and conditions never do."""

from __future__ import annotations

import pytest

from colibri.core.replies import detect_reply_intent, fold


@pytest.mark.parametrize(
    "text",
    [
        "Merci, j'ai trouvé !",
        "MERCI J’AI TROUVÉ",
        "J'ai enfin trouvé un nouveau poste, merci à tous",
        "c'est bon j'ai trouvé\nbonne journée",
        "J'ai signé mon CDI 🎉",
        "j'ai signé chez Airbus",
        "Je suis embauchée !",
        "I found a job!",
        "I've just landed a new role, thanks everyone",
        "I got hired last week",
    ],
)
def test_it_detects_being_hired(text):
    intent = detect_reply_intent(text)
    assert intent is not None
    assert intent.kind == "hired"


@pytest.mark.parametrize(
    "text",
    [
        "Stop",
        "@colibri.bsky.social STOP svp",
        "Retirez-le svp",
        "supprimez mon post merci",
        "Vous pouvez retirer mon annonce ?",
        "Pouvez-vous supprimer le partage",
        "Je n'en ai plus besoin, merci",
        "Plus besoin merci !",
        "je ne suis plus en recherche",
        "please remove it",
        "Could you delete my post?",
        "I'm no longer looking",
    ],
)
def test_it_detects_a_withdrawal(text):
    intent = detect_reply_intent(text)
    assert intent is not None
    assert intent.kind == "withdraw"


@pytest.mark.parametrize(
    "text",
    [
        "Je n'ai pas encore trouvé",
        "j'ai toujours pas trouvé",
        "Je n’ai pas trouvé, continuez svp",
        "Ne supprimez pas svp",
        "supprimez pas, je cherche encore",
        "N'arrêtez pas les partages !",
        "Don't stop sharing",
        "do not remove it",
        "I haven't found a job yet",
        "I have not been hired",
        "Je ne suis pas embauchée",
        "Je vous dirai si j'ai trouvé",
        "Dites-moi quand j'ai signé",
        "j'ai trouvé une offre intéressante",
        "J'ai signé la pétition",
        "I found a job offer for you",
        "Je bosse non stop sur ma recherche",
        "Merci pour le partage !",
        "",
    ],
)
def test_it_ignores_negations_conditions_and_other_replies(text):
    assert detect_reply_intent(text) is None


def test_it_prefers_hired_when_both_are_said():
    intent = detect_reply_intent("Stop, j'ai trouvé un CDI")
    assert intent is not None
    assert intent.kind == "hired"


def test_it_folds_accents_case_elisions_and_mentions():
    assert fold("@marie.bsky.social J’AI Trouvé") == " je ai trouve"
    assert fold("I don't") == "i do not"
