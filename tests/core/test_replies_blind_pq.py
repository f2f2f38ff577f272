"""The stops blind sets P, Q and S lost on their first run, read by the lead by mechanism
(tests/data/README.md), in other words than theirs, each with a twin that must not become a stop."""

import pytest

from colibri.core.replies import classify_reply


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The reminders are the contact: a « oui » or a hire beside « arrêtez les relances » is a stop.
        ("ouais ouais… par contre stoppez vos rappels svp", "stop"),
        ("Oui c'est bon, j'ai un poste. Cessez les notifications maintenant.", "stop"),
        ("stop aux relances, merci", "stop"),
        ("non toujours rien, mais n'arrêtez pas les relances svp", "searching"),
        # Asking again is pointless: after a « non » it ends the relay; after a hire the search is over.
        ("Non. Pas la peine de me redemander le mois prochain.", "stop"),
        ("rien de neuf, inutile de me relancer", "stop"),
        ("Embauché en CDI chez un boulanger, plus la peine de me relancer !", "hired"),
        # The « ne » dropped: the negation is still required.
        ("en entretien mardi, merci de pas me redemander", "stop"),
        ("Pas encore, merci de relancer mon annonce", "searching"),
        # A promise refused is no promise.
        ("je vous tiendrai pas au courant, arrêtez", "stop"),
        ("je vous tiens au courant !", "other"),
    ],
)
def test_it_reads_a_refusal_of_the_reminders_as_a_refusal_of_contact(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Erasing the data named after the post, even after a hire.
        ("J'ai trouvé un poste à la mairie. Effacez l'annonce et toutes mes informations.", "stop"),
        ("J'ai trouvé un poste à la mairie, vous pouvez retirer l'annonce.", "hired"),
        # « Supprimez tout » after a hire: everything, not the post alone.
        ("Trouvé en intérim à Lyon mais effacez absolument tout s'il vous plaît", "stop"),
        ("Embauchée ! Vous pouvez supprimer tout le post", "hired"),
        # Discomfort at being exposed.
        ("Je suis mal à l'aise de me voir affichée partout, surtout avec mon employeur actuel", "stop"),
        ("ça me gêne d'être exposé publiquement", "stop"),
        # « Leave me alone » in creole.
        ("pa ni ayen, kité mwen anpé", "stop"),
        ("Lés amoin tranquille la", "stop"),
    ],
)
def test_it_reads_erasure_exposure_and_creole_refusals_as_stops(text, intent):
    assert classify_reply(text).intent == intent
