"""Requests to stop read clause by clause (`colibri.core.reply_clauses`), in other words than the data
files: each family with twins that must stay what they are (a hire, a search, thanks, a report)."""

import pytest

from colibri.core.replies import classify_reply
from colibri.core.reply_clauses import clause_stop, without_politeness


@pytest.mark.parametrize(
    "text",
    [
        # A removal verb asked, on an object no table names together with it.
        "Décollez ma fiche de votre mur, retirez mon CV aussi",
        "merci de gommer mes coordonnées de la page",
        "Je voudrais que vous effaciez mon adresse mail de vos listes",
        "Pourriez-vous enlever mes tags sur vos fils ?",
        # The wish or the passive.
        "Il faudrait que mes infos soient effacées",
        "Ma fiche doit être supprimée de votre site",
        # « plus de … », « ne … plus », « évitez de ».
        "Bon. Plus de notifs pour moi.",
        "N'utilisez plus ma photo s'il vous plaît",
        "je veux plus que vous me citiez",
        "évitez de me mentionner à l'avenir",
        # Said as a noun.
        "Je sollicite l'effacement de mes données personnelles",
        # Verbs and objects of everyday speech.
        "Radiez-moi de vos fichiers",
        "Embauché. Plus jamais de textos svp",
        # Discomfort at being shown, hostility about the relay.
        "Ça m'angoisse que mon nom soit affiché",
        "Pourquoi vous avez diffusé mon profil ?",
    ],
)
def test_it_reads_a_request_to_stop_by_its_shape(text):
    assert classify_reply(text).intent == "stop"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The rest of the answer does not take the request back: a search, thanks, a hire.
        ("Rien de concret pour l'instant. Par contre cessez de me tagger", "stop"),
        ("Merci pour votre gentillesse, mais effacez mon numéro de téléphone", "stop"),
        ("Embauchée au Crédit Agricole ! Et plus de mails svp", "stop"),
        ("Oui j'ai trouvé, ne gardez plus mes coordonnées", "stop"),
        # After a hire, a request about the post only is the withdrawal the hire makes anyway.
        ("Embauchée au Crédit Agricole ! Vous pouvez enlever mon post", "hired"),
        ("Oui j'ai trouvé, plus besoin de diffuser mon annonce", "hired"),
    ],
)
def test_it_keeps_a_request_to_stop_whatever_the_rest_says(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Keeping going is no stop, nor a removal negated.
        ("Toujours rien, continuez de partager ma fiche", "searching"),
        ("Pas encore, ne retirez surtout pas mon annonce", "searching"),
        ("Je cherche encore, vous pouvez me relancer dans trois semaines", "searching"),
        # A report of what someone else did is no request.
        ("La boîte a supprimé le poste, je continue mes recherches", "searching"),
        ("L'agence ne me rappelle plus, je cherche ailleurs", "searching"),
        # An edit of the post is no withdrawal (a human reads it).
        ("Vous pouvez changer la photo de mon annonce ? Je cherche toujours", "other"),
    ],
)
def test_it_leaves_requests_to_go_on_and_reports_alone(text, intent):
    assert classify_reply(text).intent == intent


def test_it_tells_the_person_from_the_post():
    data = clause_stop("Effacez mon numéro de téléphone")
    post = clause_stop("Retirez ma fiche de votre page")
    assert data is not None and data.person
    assert post is not None and not post.person


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Bonjour. Vous êtes qui ?", "Vous êtes qui ?"),
        ("Retirez tout Merci beaucoup", "Retirez tout"),
        ("Vous êtes qui ? Bonne fin de journée", "Vous êtes qui ?"),
        ("Merci pour tout", ""),
        ("Oui j'ai trouvé", ""),
    ],
)
def test_it_finds_what_an_answer_says_without_its_greetings(text, rest):
    assert without_politeness(text) == rest


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A stop read by the rules stays one with a greeting or a thanks around it...
        ("Merci encore. On ne se connaît pas, si ?", "stop"),
        ("Vous savez quoi, vous me fatiguez. Bonne soirée", "stop"),
        # ... but thanks with nothing anyone can read stay thanks.
        ("Merci beaucoup, très bonne soirée à vous", "other"),
    ],
)
def test_it_reads_a_stop_through_the_politeness_around_it(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Curiosity about the collective with praise is no hostile question.
        ("Comment vous avez eu l'idée de faire ça ? C'est très sympa", "other"),
        ("Je savais pas que vous existiez, bonne initiative", "other"),
        ("Comment vous avez eu mon numéro ?", "stop"),
        # « ne pas m'oublier » asks to go on.
        ("Pas encore trouvé, merci de ne pas m'oublier", "searching"),
        ("Merci de m'oublier", "stop"),
    ],
)
def test_it_reads_friendly_curiosity_and_keeping_in_mind_as_no_stop(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # What a third party did, reported beside a search, is no request to the collective...
        ("Le cabinet a annulé mon entretien, toujours en recherche", "searching"),
        ("Ils ont supprimé l'offre entre-temps, je continue de chercher", "searching"),
        # ... but a stop beside the report still is one, and so is an answer nobody can read.
        ("Le cabinet a annulé mon entretien, toujours en recherche, mais ne me relancez plus", "stop"),
        ("Le cabinet a annulé mon entretien. Je mute.", "stop"),
    ],
)
def test_it_reads_a_reported_deed_of_a_third_party_as_no_request(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # An offer turned down by the seeker is a search going on, not a refusal of the collective...
        ("J'ai décliné une mission d'intérim trop loin, je continue à chercher", "searching"),
        ("Ils m'ont proposé un temps partiel, j'ai dit non, je cherche toujours un plein temps", "searching"),
        # ... a refusal said to the collective still is a stop.
        ("Je vous ai déjà dit non", "stop"),
        ("Je décline, merci", "stop"),
    ],
)
def test_it_reads_an_offer_turned_down_as_a_search(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # A hire said as a bare participle, in creole, or after a struggle now over.
        ("Prise comme caissière à l'Intermarché 🙂", "hired"),
        ("Mwen jwenn travay lopital la", "hired"),
        ("Oui, magasinier en CDI, après des mois de galère", "hired"),
        # Their stop twins and a struggle still going on.
        ("Prise comme caissière, et ne me taguez plus", "stop"),
        ("Toujours la galère, rien en vue", "searching"),
    ],
)
def test_it_reads_hires_said_bare_or_after_a_struggle(text, intent):
    assert classify_reply(text).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Season's greetings, a broken link and a bare « signé » are no stops...
        ("Happy new year to the whole team!", "other"),
        ("Le lien de votre page ne s'ouvre pas chez moi", "other"),
        ("Signé ce matin, vous pouvez retirer l'annonce", "hired"),
        # ... but hostility about the person's data wins even over a hire.
        ("Signé ce matin. Pourquoi vous avez encore mon numéro ?", "stop"),
    ],
)
def test_it_reads_greetings_links_and_bare_signatures_as_no_stop(text, intent):
    assert classify_reply(text).intent == intent
