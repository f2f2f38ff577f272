"""The classifier on how people really write: employers who do not say "nous recrutons", seekers who
do not say "je recherche un CDI", and posts that only look like either. Texts here are not in the
corpus: they check the phenomenon, not a memorised post."""

from __future__ import annotations

import pytest

from colibri.core.triage import Triager
from colibri.core.types import Post


def category(triager: Triager, text: str, bio: str = "") -> str:
    return triager.triage(Post(id="t", text=text, author_bio=bio, network="x", has_image=False)).category


@pytest.mark.parametrize(
    "text",
    [
        "La boutique où je bosse à Lorient cherche un apprenti vendeur pour la rentrée, rythme 2 sem / 2 sem",
        "Notre agence cherche son/sa futur·e alternant·e en comptabilité, rythme 3j / 2j #Alternance",
    ],
)
def test_it_reads_an_employer_seeking_an_intern_as_an_offer(triager: Triager, text: str) -> None:
    assert category(triager, text) == "job_offer"


@pytest.mark.parametrize(
    "text",
    [
        "Nous ouvrons deux postes de technicien·ne réseau à Brest, CDI, détails sur notre site",
        "Je suis RH dans une PME de Vannes et j'ai deux postes de soudeur en CDI, écrivez-moi",
        "L'atelier où je travaille à Cholet embauche un tapissier, CDI 35h, je transmets vos CV",
    ],
)
def test_it_reads_an_opened_position_as_an_offer(triager: Triager, text: str) -> None:
    assert category(triager, text) == "job_offer"


def test_it_reads_a_relatives_business_hiring_as_an_offer(triager: Triager) -> None:
    text = "Ma sœur cherche un commis et un serveur pour son restaurant à Sète, CDD saison, RT svp"
    assert category(triager, text) == "job_offer"


@pytest.mark.parametrize(
    "text",
    [
        "jcherche un poste de vendeuse sur Toulon, dispo tt de suite",
        "Je suis au chômage depuis un an, cariste CACES 3, si vous avez une piste sur Orléans je prends",
        "Job hunting again: comptable, 8 ans d'xp, Nantes. Si vous avez des pistes, mes DM sont ouverts.",
    ],
)
def test_it_reads_sloppy_or_indirect_job_searches_as_seekers(triager: Triager, text: str) -> None:
    assert category(triager, text) == "seeker_request"


def test_it_does_not_read_if_you_have_a_lead_as_an_ad_addressing_candidates(triager: Triager) -> None:
    text = "Magasinier, je cherche un CDI à Reims. Si vous avez un plan, je suis preneur !"
    result = triager.triage(Post(id="t", text=text, author_bio="", network="x", has_image=False))
    assert (result.category, result.eligible, result.needs_review) == ("seeker_request", True, False)


@pytest.mark.parametrize(
    "text",
    [
        "je cherche un employeur pour mon contrat pro en compta sur Niort",
        "Mon patron ferme, je cherche un nouveau maître d'apprentissage en plomberie à Agen",
    ],
)
def test_it_reads_a_search_for_an_apprenticeship_employer_as_an_internship(
    triager: Triager, text: str
) -> None:
    assert category(triager, text) == "internship_request"


@pytest.mark.parametrize(
    "text",
    [
        "Je ne cherche plus, merci d'arrêter les partages 🙏 #i4EmploiR",
        "Deviens distributrice indépendante 🌸 liberté financière, revenus illimités, travaille à ton rythme",
        "Rejoignez notre équipe de conseillères indépendantes, marketing de réseau, soyez votre propre boss",
        "Je cherche un appart à Grenoble pour janvier, 2 pièces max 700€, RT svp",
    ],
)
def test_it_does_not_relay_finished_searches_mlm_or_housing(triager: Triager, text: str) -> None:
    result = triager.triage(Post(id="t", text=text, author_bio="", network="x", has_image=False))
    assert result.category == "other"
    assert not result.eligible


@pytest.mark.parametrize(
    "text",
    [
        "Urgent : besoin d'un cariste pour lundi, mission de 2 semaines à Corbas. Appelez l'agence",
        "La mairie embauche des animateurs pour le centre aéré cet été, CDD de 6 semaines",
        "Le CHU renforce ses équipes : manipulateurs radio, CDI. Rendez-vous sur notre page carrières",
        "[ANNONCE] Poste de chargé·e de développement, CDD 1 an, asso à Nantes. Date limite : 3 juin",
        "Belle opportunité en CDI : responsable d'agence bancaire à Tours, 45-50k€. DM pour plus d'infos",
    ],
)
def test_it_reads_hires_announced_without_nous_recrutons_as_offers(triager: Triager, text: str) -> None:
    assert category(triager, text) == "job_offer"


@pytest.mark.parametrize(
    "text",
    [
        "Vous recrutez un·e comptable à Metz ? Je suis disponible ! 6 ans en cabinet, CDI souhaité.",
        "Barman 4 ans d'expérience, dispo pour la saison à Biarritz ou Hossegor. RT svp",
    ],
)
def test_it_reads_seekers_who_offer_themselves_as_seekers(triager: Triager, text: str) -> None:
    assert category(triager, text) == "seeker_request"


def test_it_reads_a_parent_asking_who_takes_apprentices_as_an_internship(triager: Triager) -> None:
    text = "Qui prend des apprentis en menuiserie à Rodez ? Mon fils a 16 ans et veut faire un CAP 🙏"
    assert category(triager, text) == "internship_request"


def test_it_reads_a_freelance_selling_to_clients_as_freelance(triager: Triager) -> None:
    text = "Comptable freelance, je reprends la tenue de vos comptes sur Brest. Tarifs au forfait."
    assert category(triager, text) == "freelance"
    text = "Vous cherchez un graphiste pour votre projet ? Je suis freelance, dispo dès lundi."
    assert category(triager, text) == "freelance"


@pytest.mark.parametrize(
    "text",
    [
        "Entretien passé mais pas retenue 😔 Je continue : comptable à Rennes, CDI. #PleaseRT #i4EmploiR",
        "Mon CDD se termine fin mars et je n'ai rien derrière. Vendeuse à Agen, je prends CDI ou CDD.",
        "Conseils bienvenus mais surtout offres bienvenues 😅 Technicien réseau à Tours, CDI. #i4EmploiR",
        "Salons, webinaires, j'ai tout fait 😅 Il me manque un employeur : cariste à Lens, CDI. #i4EmploiR",
    ],
)
def test_it_reads_a_search_update_that_still_asks_for_a_job_as_a_seeker(triager: Triager, text: str) -> None:
    assert category(triager, text) == "seeker_request"


def test_it_reads_je_cherche_followed_by_a_job_noun_as_hiring(triager: Triager) -> None:
    text = "Kiné libérale, je cherche une remplaçante pour août sur Lorient. Contactez-moi en MP"
    assert category(triager, text) == "job_offer"
    text = "Gérante d'un salon à Niort, je cherche une coiffeuse en CDI, 30h. Écrivez-moi !"
    assert category(triager, text) == "job_offer"


def test_it_does_not_relay_wishes_of_good_luck(triager: Triager) -> None:
    text = (
        "Bonne chance à tous ceux qui ont un entretien demain, on croise les doigts pour vous 🤞 #i4EmploiR"
    )
    assert category(triager, text) == "other"


def test_it_reads_a_priced_piece_of_work_as_freelance(triager: Triager) -> None:
    text = "Graphiste, je propose de refaire votre logo pour 120€. Portfolio en bio #PleaseRT #i4EmploiR"
    assert category(triager, text) == "freelance"


@pytest.mark.parametrize(
    "text",
    [
        "Job opening: data engineer in Rennes, full-time, hybrid. Send your CV to careers@example.io",
        "Votre profil nous intéresse ! Cariste CACES 3, Lens, CDI. Postule en MP",
        "On a un poste de comptable qui s'ouvre chez nous à Tours, je fais suivre vos CV",
        "Cueilleurs recherchés pour la saison des pommes en Limousin, hébergement possible",
        "Belle opportunité pour une infirmière qui cherche un CDI à Caen : mon client recrute",
        "Besoin d'une serveuse pour notre pizzeria à Dax, CDD été, logée nourrie",
    ],
)
def test_it_reads_offers_in_english_in_passing_or_in_the_passive(triager: Triager, text: str) -> None:
    assert category(triager, text) == "job_offer"


@pytest.mark.parametrize(
    "text",
    [
        "Postes recherchés : comptable, assistante comptable. Secteur Dijon. CDI. #PleaseRT #i4EmploiR",
        "Mon profil vous intéresse ? Magasinier, 10 ans, cherche CDI sur Tours. Contactez-moi ! #i4EmploiR",
        "Mon dernier client a fermé, fin de mission. Je cherche un CDI de développeur à Lille. #i4EmploiR",
    ],
)
def test_it_keeps_seekers_who_borrow_recruiters_words(triager: Triager, text: str) -> None:
    assert category(triager, text) == "seeker_request"


@pytest.mark.parametrize(
    "text",
    [
        "Un de mes clients vient de décrocher un CDI après 2 ans de recherche, bravo à lui 👏",
        "Témoins recherchés pour un reportage sur le chômage des seniors, contactez la rédaction",
        "Vacancy of the week: nothing for you? Try our CV review service, 29€ only",
        "Coaching emploi pour toutes celles et ceux qui cherchent un CDI, premier appel offert",
    ],
)
def test_it_does_not_read_coaches_reporters_or_cv_services_as_offers(triager: Triager, text: str) -> None:
    assert category(triager, text) == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Coach sportif à domicile sur Marseille, premier cours offert, contactez-moi !",
        "Prof de yoga indépendante, cours collectifs le mardi à Vannes, premier cours gratuit",
    ],
)
def test_it_reads_a_coach_selling_sessions_as_freelance(triager: Triager, text: str) -> None:
    assert category(triager, text) == "freelance"


@pytest.mark.parametrize(
    "text",
    [
        "Tu es en BTS SIO et tu cherches ton alternance ? Notre ESN à Lille t'attend, postule !",
        "Stage de fin d'études : data analyst chez nous à Toulouse, 6 mois, gratification 1200€",
    ],
)
def test_it_reads_internships_offered_to_students_as_offers(triager: Triager, text: str) -> None:
    assert category(triager, text) == "job_offer"


def test_it_reads_lists_of_job_sites_as_general_advice(triager: Triager) -> None:
    text = "Vous êtes nombreux à chercher un emploi : voici 5 sites d'offres à connaître 👇"
    assert category(triager, text) == "other"


@pytest.mark.parametrize(
    "text",
    [
        "Ça fait 1 an que je cherche un CDI, je désespère… comment vous faites pour garder le moral ?",
        "Je cherche un bon tuto pour apprendre Excel avant mon entretien de mardi #RechercheEmploi",
        "Qui d'autre est en recherche d'emploi à Lyon ? On pourrait se retrouver pour un café ☕",
    ],
)
def test_it_does_not_relay_questions_between_job_seekers(triager: Triager, text: str) -> None:
    assert category(triager, text) == "other"


def test_it_still_reads_a_hashtag_only_search_as_a_seeker(triager: Triager) -> None:
    assert category(triager, "#RechercheEmploi #Cariste #Rouen #PleaseRT") == "seeker_request"


@pytest.mark.parametrize(
    "text",
    [
        "Apprenti boulanger recherché pour septembre, boulangerie à Quimper",
        "Cherchons apprentie coiffeuse motivée, salon à Arras, CAP en 2 ans",
        "Alternant(e) recherché(e) en comptabilité (BTS CG) pour notre cabinet à Metz",
    ],
)
def test_it_reads_an_apprentice_sought_without_an_article_as_an_offer(triager: Triager, text: str) -> None:
    assert category(triager, text) == "job_offer"


def test_it_keeps_an_alternance_recherchee_as_an_internship_request(triager: Triager) -> None:
    text = "Alternance recherchée en gestion de paie à Limoges, rythme 1 semaine / 3 semaines #i4EmploiR"
    assert category(triager, text) == "internship_request"


@pytest.mark.parametrize(
    "text",
    [
        "Hello everyone! I'm a bilingual accountant looking for a CDI in Lyon, any help appreciated 🙏",
        "Après 10 ans de freelance, j'aspire à un poste salarié de UX designer à Paris. #PleaseRT",
        "RT svp 🙏 mon pote cherche un taf de plombier sur Marseille, il est top",
        "ouvert a toute proposition serveur barman commis sur Bordeaux Arcachon",
    ],
)
def test_it_reads_english_aspirations_friends_and_open_proposals_as_seekers(
    triager: Triager, text: str
) -> None:
    assert category(triager, text) == "seeker_request"


@pytest.mark.parametrize(
    "text",
    [
        "L'EHPAD de ma mère à Tulle manque d'aides-soignantes, ils embauchent en CDI, faites tourner",
        "Job alert 🚨 Assistant·e de direction, Marseille 8e, CDD 6 mois. Plus d'infos en réponse.",
    ],
)
def test_it_reads_job_alerts_and_understaffed_employers_as_offers(triager: Triager, text: str) -> None:
    assert category(triager, text) == "job_offer"


@pytest.mark.parametrize(
    "text",
    [
        "Dispo pour des missions ou un CDI, développeur PHP sur Lyon",
        "Je suis dispo en freelance mais aussi ouverte aux CDI : cheffe de projet web à Nantes",
    ],
)
def test_it_reads_freelances_open_to_a_cdi_as_seekers(triager: Triager, text: str) -> None:
    assert category(triager, text) == "seeker_request"


def test_it_keeps_someone_available_for_a_cdd_asked_by_an_employer_as_an_offer(triager: Triager) -> None:
    text = "Quelqu'un de dispo pour un CDD d'un mois comme serveur dans mon resto à Sète ? 12€/h, DM"
    assert category(triager, text) == "job_offer"
