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
