# ruff: noqa: E501  (the cue table is one regex per line: wrapping them would hide the patterns)
"""The classifier's evidence tables: weighted cues per category, bio cues, and the names of the cues the
collective's rules look for (`colibri.core.classify` compiles and applies them).

Kept apart from the classifier so that its rules stay readable and each module stays small.
"""

from __future__ import annotations

import re
from typing import Final

from colibri.core.types import Category

SEEKER: Final[Category] = "seeker_request"
INTERN: Final[Category] = "internship_request"
FREELANCE: Final[Category] = "freelance"
OFFER: Final[Category] = "job_offer"
OTHER: Final[Category] = "other"

# Elision-tolerant apostrophe: "d'un", "d un", "dun".
_AP: Final = r"(?:'\s?|\s)?"
_MONTHS: Final = r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
_SOUGHT: Final = r"(?:poste|emploi|job|cdi|cdd|travail|taf|boulot|opportunite|contrat(?! (?:de |d'?\s?)?(?:apprentissage|pro\b|professionnalisation))|challenge|defi|aventure|experience professionnelle)"

# What a self-employed person seeks from customers, counted ("des", "de nouveaux", "3", "deux ou trois"):
# never an employer. Shared by the seeker cue (as an exclusion) and the freelance cue.
_BUSINESS_SOUGHT: Final = r"(?:activement |encore |toujours )?(?:des|de nouveaux|de nouvelles|quelques|plusieurs|d'?\s?autres|\d+|deux|trois|quatre|cinq)(?: \S+){0,3}? (?:chantiers|projets|clients|clientes|commandes|dossiers|contrats d'?\s?entretien)\b"

_INTERN_SOUGHT: Final = "recherche d'un stagiaire ou d'un alternant"
_STUDENT_JOB_WHY: Final = "job d'été ou job étudiant d'un élève ou d'un étudiant"
_LATER_REQUEST_WHY: Final = "la demande sera publiée plus tard"
_I_SEEK: Final = "la personne écrit qu'elle cherche"
# (category, weight, pattern, short French description used in reasons). Negative weights cancel.
CUES: Final[list[tuple[Category, float, str, str]]] = [
    # --- a person looking for a salaried job ---------------------------------------------------
    (SEEKER, 3.0, r"\b(?:je (?:suis )?|moi qui |j'?\s?en |j'?\s?)(?:re)?cherche\b(?! pour\b)(?!(?: \S+){0,3} (?:\S*')?(?:stages?|alternance|apprentissage|contrat pro|missions?|clients?|partenariats?|collaborations?|local|appart(?:ement)?|logement|colocation|maison|studio|t[1-5]|coloc|voiture|velo|nounou|baby-?sitter|benevoles?|freelances?|prestataires?|formations?|conseils?|avis|temoignages?|retours?|recommandations?|idees?|tutos?|tutoriels?|livres?|bouquins?|astuces?|cadeau|coach|mentor|ecole|associee?s?|investisseurs?|financements?|candidats?|candidates?|profils?|colocataires?|remplacant(?:e)?s?|stagiaires?|alternant(?:e)?s?|apprenti(?:e)?s?|pmsmp|pfmp|immersions?|periodes? d'?\s?immersion|periodes? de formation en milieu professionnel|des gens|du monde|quelqu'?\s?un|une personne|deux bras|des bras|demenageurs?)\b)(?!(?: \S+){0,3} (?:missions? d'?\s?interim|en interim)\b)(?! {_BUSINESS_SOUGHT})", _I_SEEK),
    (SEEKER, 3.5, r"\b(?:re)?cherch(?:e|ons) (?:\S+ ){0,2}(?:missions? d'?\s?interim|(?:un |une )?(?:poste|emploi|job|travail) en interim|interim)\b|\bdisponible (?:pour|en) (?:de l'?\s?|des missions d'?\s?)?interim\b", "recherche de missions d'intérim (emploi salarié)"),
    (SEEKER, 3.0, rf"\b(?:re)?cherch(?:e|ons) (?:activement |actuellement )?(?:un |une |mon |ma |d{_AP}un |d{_AP}une |un nouveau |une nouvelle |un nouvel |de nouvelles? |des |un premier |une premiere |un 1er )?(?:nouveaux? |nouvelles? )?{_SOUGHT}", "recherche d'un poste ou d'un emploi"),
    (SEEKER, 3.0, rf"\b(?:a la|en) recherche (?:active |activement )?(?:d{_AP}(?:un |une )?(?:nouvel |nouveau |nouvelle |premier |1er )?)?(?:{_SOUGHT}|opportunites?|nouvelles? opportunites?)", "en recherche d'emploi"),
    (SEEKER, 2.5, r"\bje suis (?:actuellement |activement |toujours )?(?:a la|en) recherche\b", "la personne se dit en recherche"),
    (SEEKER, 2.0, r"\ben (?:recherche|quete) (?:active|d{_AP}emploi)\b", "en recherche d'emploi"),
    (SEEKER, 2.0, rf"\bdisponible (?:immediatement|de suite|rapidement|tout de suite|des (?:maintenant|a present|aujourd{_AP}hui|le|la|{_MONTHS})|a partir d|pour (?:un|une) (?:nouveau |nouvelle )?{_SOUGHT}|sur (?:[a-z]+ )?(?:et|ou) )", "disponibilité immédiate pour un poste"),
    (SEEKER, 1.5, r"\bdispo(?:nible)? (?:immediatement|de suite|asap|rapidement|(?:tout|tt) de suite)\b", "disponibilité immédiate"),
    (SEEKER, 2.5, r"\b(?:je suis|suis|me voila|je me retrouve|me retrouve) (?:actuellement |toujours |de nouveau |a nouveau )?(?:au chomage|sans emploi|sans travail|sans boulot|inscrite? a (?:france travail|pole emploi))\b", "la personne est sans emploi"),
    (SEEKER, 2.0, r"\bsi (?:vous avez|quelqu{_AP}un a|tu as|t{_AP}as|vous entendez parler d) (?:un |une |des |de )?(?:bons? )?(?:plans?|pistes?|tuyaux?|contacts?|idees?|opportunites?|quelque chose)\b", "la personne demande des pistes"),
    (SEEKER, 2.0, rf"\ba l{_AP}ecoute (?:du marche|d{_AP}opportunites|de nouvelles|des opportunites|de toute|de propositions|d{_AP}offres)", "à l'écoute du marché"),
    (SEEKER, 2.0, r"\bouvert(?:e|\(e\)|\.e)? (?:a|aux) (?:de nouvelles |toutes? |des )?(?:opportunites?|propositions?|offres?)\b", "ouverte aux opportunités"),
    (SEEKER, 3.0, r"\bopen ?to ?work\b", "#OpenToWork"),
    (SEEKER, 2.5, r"\bje (?:suis )?(?:en )?(?:recherce|recheche|rechrche|reherche|recherhe|cherhce|cheche|chrche)s?\b(?! pour\b)(?! (?:un |une |des )?(?:appartement|logement|colocation|benevoles?|stagiaires?|alternants?)\b)|\b(?:looking for (?:work|employment)|hire ?me|need a job|searching for (?:a |my next )?(?:job|role|position)|in search of (?:a |my next )?(?:job|role|position)|actively looking)\b", "la personne cherche un emploi"),
    (SEEKER, 3.0, r"\b(?:i am|i'm|im|currently|actively) (?:currently |actively |now )?(?:looking|searching|seeking|job hunting)\b(?! for (?:a |an |my )?(?:\S+ )?(?:work[- ]study|apprenticeship|internship|co-?op|placement)\b)", "looking for a job"),
    (SEEKER, 3.0, r"\blooking for (?:a |an |my next |new |a new |the next )?(?:new )?(?:full[- ]time |permanent )?(?:job|role|position|opportunit|challenge|employment|cdi|cdd|work(?![- ]study))", "looking for a job"),
    (SEEKER, 3.0, r"(?<!you )(?<!you're )(?<!are )(?<!re )\blooking for (?:a|an|my next|a new) (?:[a-z-]+ ){1,2}(?:job|role|position)\b", "looking for a job"),
    # "Quelqu'un connaît une boîte qui embauche ?": asking for leads to an employer for oneself.
    (SEEKER, 4.0, r"\b(?:quelqu{_AP}un|vous|tu) (?:conna(?:it|issez|is|issiez|itrait)|aurai(?:t|ent)|a) (?:une |des |un )?(?:boites?|entreprises?|societes?|employeurs?|structures?|agences?|garages?|restaurants?|hotels?|magasins?|plans?|contacts?) qui (?:embauche|recrute|cherche)(?:nt)?\b|\bje suis (?:preneur|preneuse)\b", "la personne demande des pistes"),
    # "Couvreur cherche une entreprise sérieuse", "Cuisinier cherche place sur Périgueux": a worker seeks an employer.
    (SEEKER, 2.5, r"\bcherche (?:une |un )?(?:nouvelle |nouveau |nouvel |autre )?(?:place|entreprise|employeur|patron|patronne|boite|garage|cabinet|clinique|restaurant|boulangerie|concession|brigade|structure|ehpad|magasin|usine|salon|pharmacie|hotel|association|collectivite|creche|agence|societe)\b(?![^.!?]{0,60}\b(?:stages?|alternance|apprentissage|contrat pro|professionnalisation|pfmp|pmsmp|immersion|clients?|chantiers?|projets?|missions?)\b)", "recherche d'un employeur"),
    (SEEKER, 3.0, rf"\bje (?:veux|voudrais|souhaite|aimerais|vise) (?:un |une )(?:nouvel |nouveau |nouvelle |premier |premiere )?{_SOUGHT}", "la personne dit ce qu'elle cherche"),
    (SEEKER, 3.0, r"\bj{_AP}aspire a (?:un|une|retrouver|trouver|rejoindre)\b|\bje (?:souhaite|voudrais|veux|aimerais) (?:trouver|retrouver|decrocher) (?:un|une|mon|ma|du)\b(?! (?:stage|alternance|apprentissage|missions?|clients?|appart|logement))", "la personne dit ce qu'elle cherche"),
    (SEEKER, 3.0, r"\b(?:mon|ma) (?:pote|amie?|copine?|frere|soeur|sœur|mari|femme|conjointe?|compagnon|compagne|fils|fille|cousine?|voisine?|mere|pere) (?:re)?cherche (?:un |une |du |des )?(?:taf|travail|emploi|job|poste|cdi|cdd|boulot)\b", "une personne proche cherche un emploi"),
    (SEEKER, 2.5, r"\bseeking (?:a |an |new |my next )?(?:new )?(?:full[- ]time |permanent )?(?:job|role|position|employment|opportunit)", "seeking a job"),
    (SEEKER, 2.0, r"\bavailable (?:immediately|now|asap|for (?:a |new )?(?:job|role|position|work|hire))", "available for a job"),
    (SEEKER, 1.5, r"\bjob ?(?:hunting|seeker|search(?:ing)?)\b", "job search"),
    (SEEKER, 3.0, r"\bvous (?:recrutez|cherchez|recherchez) (?:un|une|des)(?:·e|\(e\)|\.e)? [^?]{0,60}\? (?:je suis|c{_AP}est moi|me voici|me voila)\b(?! (?:freelance|independant|independante|auto|consultant|consultante|a mon compte|dispo pour (?:vos|des) (?:missions|projets)))", "la personne se propose aux recruteurs"),
    (SEEKER, 1.5, r"\bje suis disponible\b(?! pour (?:de nouvelles |des |vos |de )?(?:missions?|projets?|collaborations?))|\bdispo(?:nible)? pour (?:la saison|l{_AP}ete|l{_AP}hiver|un (?:cdd|cdi|poste|job|emploi|contrat))\b", "la personne se dit disponible"),
    (SEEKER, 2.0, r"\b(?:mon|ma) (?:cdd|contrat|mission|cdi|interim|periode d{_AP}essai) (?:se termine|s{_AP}acheve|prend fin|touche a sa fin|n{_AP}a pas ete renouvelee?|s{_AP}arrete)\b|\bje n{_AP}ai rien (?:derriere|en vue|de prevu)\b|\bil me manque (?:juste |seulement |plus qu{_AP})?(?:un|une) (?:employeur|emploi|job|poste|travail|cdi|cdd|boulot)\b", "fin de contrat sans suite"),
    (SEEKER, 1.5, r"\bje prends (?:tout|cdi|cdd|interim|les cdd|du cdd|de l{_AP}interim)\b|\b(?:offres?|propositions?|pistes?) (?:bienvenues?|acceptees?)\b|\bje (?:continue|poursuis|relance|reprends) (?:ma |mes )?(?:recherche|recherches|candidatures)\b|\bje continue\s*:|\b(?:pas (?:ete )?retenue?)\b", "la recherche continue"),
    (SEEKER, 2.5, r"(?<!quelqu'un de )(?<!qui est )(?<!qui serait )(?<!qui sont )\b(?:dispo(?:nible)?|ouvert(?:e|\(e\))?|open) (?:pour|a|aux|to) (?:un |une |des |le |les |a un |a une )?(?:[a-z]+ (?:ou|et|/) (?:un |une |des |les |a un |aux )?)?(?:cdi|cdd)s?\b", "la personne accepte un CDI ou un CDD"),
    (SEEKER, 2.0, r"\bjob ?hunting\b|\bback on the (?:job )?market\b|\bopen to (?:new )?(?:opportunities|roles|offers)\b", "job search"),
    (SEEKER, 2.0, rf"\bdemandeu(?:r|se) d{_AP}emploi\b", "demandeur d'emploi"),
    (SEEKER, 1.5, rf"\brecherche (?:d{_AP})?emploi\b", "#RechercheEmploi"),
    (SEEKER, 1.0, r"\b(?:mon|my) (?:cv|profil|profile|linkedin|resume|portfolio)\b", "la personne partage son profil"),
    (SEEKER, 1.0, rf"\b(?:me contacter|contactez[- ]moi|n{_AP}hesitez pas a me contacter|n{_AP}hesitez pas a (?:partager|relayer|rt))", "appel à contacter ou partager"),
    (SEEKER, 1.5, rf"\bmerci (?:d{_AP}avance|par avance|beaucoup )?(?:pour (?:vos|les|votre|tous vos) (?:futurs? )?(?:rt|partages?|relais|retweets?|reposts?|coups? de pouce|aide|boosts?)|de (?:partager|relayer|rt|repartager|booster|faire tourner|diffuser)|a ceux qui (?:partageront|relaieront|rt))", "la personne demande des partages"),
    (SEEKER, 1.0, r"\b(?:partagez|relayez|repartagez|rt|boostez) (?:svp|s'il vous plait|please|merci|mon|ce)", "la personne demande des partages"),
    (SEEKER, 2.0, rf"\b(?:suite a|apres|a la suite d{_AP}) (?:un |une |mon |ma |\d+ ans (?:de |d{_AP}))?(?:licenciement|rupture conventionnelle|fin de (?:contrat|cdd|mission)|demenagement|reconversion|conge parental|plan social|pse|liquidation|fermeture)", "fin de contrat, licenciement ou reconversion"),
    (SEEKER, 1.0, r"\b(?:mobile (?:sur|en|dans|partout|geographiquement)|mobilite (?:geographique|nationale|totale)|permis b)\b", "mobilité indiquée"),
    (SEEKER, 1.0, rf"\bj{_AP}ai (?:\d+|plusieurs|quelques|[a-z]+) ans? d{_AP}experience", "expérience personnelle décrite"),
    (SEEKER, 1.0, r"\bje suis (?:un |une )?(?:jeune )?(?:diplome|diplomee|titulaire|issue?|forme|formee)", "parcours personnel décrit"),
    (SEEKER, 1.5, rf"\b(?:en |un |une |d{_AP}un |d{_AP}une )?(?:cdi|cdd) (?:ou|/|et) (?:cdi|cdd|freelance|interim)\b", "CDI ou CDD recherché"),
    (SEEKER, 1.0, r"\b(?:cherche|recherche) (?:poste|cdi|cdd|emploi|job)\b", "recherche d'un poste"),
    (SEEKER, 1.0, r"\b(?:aidez[- ]moi|help me|besoin de (?:vous|votre aide|visibilite)|m'?\s?aider|c'?\s?est moi qui)", "appel à l'aide pour une recherche"),
    (SEEKER, 1.0, r"\b(?:vous (?:re)?cherchez|besoin d{_AP}) (?:un |une )?[a-z]+ ?\?", "la personne se présente aux recruteurs"),
    # --- a company, a recruiter, an agency, an employee relaying an offer ----------------------
    (OFFER, 4.0, r"\b(?:nous|on) (?:re)?crut(?:ons|e)\b", "« nous recrutons »"),
    (OFFER, 3.5, r"\bnous (?:re)?cherchons\b|\bon (?:re)?cherche (?:un|une|des|notre|nos|quelqu|[0-9])", "« nous recherchons »"),
    (OFFER, 3.5, r"\bje recrute\b|\bje (?:re)?cherche pour (?:mon|ma|un|une|l{_AP}un|notre)", "la personne recrute"),
    (OFFER, 3.0, r"\b(?:re)?crute (?:un|une|des|son|sa|ses|pour|[0-9]|plusieurs|en cdi|en cdd|actuellement)\b|\b(?:re)?crutement en cours\b|\bcampagne de recrutement\b", "recrutement"),
    (OFFER, 3.5, r"\bwe(?:'re| are|re) (?:hiring|recruiting|looking for|growing|searching)\b|\bnow hiring\b|\bjoin (?:our|us|the team)\b|\bapply (?:now|here|today|via|at|on)\b", "we are hiring"),
    (OFFER, 2.0, r"\bhiring\b", "hiring"),
    (OFFER, 2.5, r"(?<!mon )(?<!ma )(?<!my )(?<!votre )(?<!notre )\b(?:missions?|profil(?!\s*:\s*(?:https?:|www\.|[a-z0-9-]+\.[a-z]{2,3}/))|duree|type de contrat|remuneration|gratification|avantages|competences requises|qualifications?)\s*:|\bgratification\b|\bstage (?:remunere|gratifie)\b", "rubriques d'une annonce"),
    (OFFER, 4.5, r"\b(?:tu (?:re)?cherches|vous (?:re)?cherchez|you are looking for|are you looking for) (?:un |une |a |an |du |ton |ta |votre )?(?:nouveau |nouvel |nouvelle |new )?(?:stage|alternance|emploi|job|poste|cdi|cdd|travail|internship|opportunite)\b", "appel aux candidats"),
    (OFFER, 4.0, r"\b(?:our|my) (?:\w+ )?(?:startup|start-up|company|team|client|agency|firm|lab|school|shop|restaurant|hospital|department|org|organisation|organization) (?:is |are )?(?:looking for|hiring|recruiting|seeking|searching for)\b", "we are hiring"),
    (OFFER, 2.5, rf"\boffres? (?:d{_AP})?emploi\b|\bnouvelle offre\b|\boffre (?:de poste|en cdi|en cdd|a pourvoir)\b", "offre d'emploi"),
    (OFFER, 4.0, r"\bpostes? (?:a pourvoir|disponibles?|ouverts?|vacants?)\b|\ba pourvoir\b", "poste à pourvoir"),
    (OFFER, 3.5, r"(?<![a-z0-9])(?:h ?/ ?f|f ?/ ?h|h ?- ?f|f ?- ?h|m ?/ ?f|m ?/ ?w ?/ ?d)(?: ?/ ?[xn])?(?![a-z0-9])", "mention H/F d'une offre"),
    (OFFER, 3.0, r"\b(?:rejoignez|rejoins|rejoindre)[- ](?:nous|notre|nos|l{_AP}equipe|la team|mon equipe)\b", "« rejoignez-nous »"),
    (OFFER, 3.5, r"\bpostulez\b|\bpostuler (?:ici|en ligne|via|sur|des maintenant|directement)|\bpour postuler\b|\bcandidatez\b|\bdeposez (?:votre |un |vos )?cv\b|\bcandidature (?:via|sur|par|en ligne)|\benvoy(?:ez|er)[- ](?:nous |moi )?(?:votre |vos |ton |un |le )?(?:cv|candidature)s?\b|\bcandidatures? (?:en|par) (?:mp|dm|mail)\b|\bcv (?:a|au) [a-z0-9._-]+@", "appel à candidatures"),
    (OFFER, 2.0, r"\bvotre (?:cv|candidature)\b|\bvos missions\b|\bprofil recherche\b|\bmissions principales\b|\bdescriptif du poste\b|\bce que nous (?:offrons|proposons)\b|\bnous (?:vous )?(?:offrons|proposons)\b|\bcandidat(?:e|s|es)? (?:ideal|retenu)", "description de poste d'une offre"),
    (OFFER, 1.5, r"(?<!si )\bvous (?:etes|avez(?! besoin)|justifiez|maitrisez|disposez|serez|souhaitez)\b|\bvous etes (?:dynamique|motive|rigoureux)", "la description s'adresse aux candidats"),
    (OFFER, 1.0, r"\bsalaire\s*:|\bremuneration\s*:|\bpackage\s*:|\bavantages\s*:|\btickets? resto|\b\d+ ?k ?(?:€|eur)? ?(?:-|a) ?\d+ ?k\b", "salaire ou avantages annoncés"),
    (OFFER, 2.5, r"\bcabinet (?:de recrutement|recrute|recherche)\b|\bagence d{_AP}interim\b|\bmission d{_AP}interim\b|\binterim(?:aire)?s? (?:a pourvoir|disponibles?)\b|\bmission (?:de|d{_AP}) ?\d+ (?:mois|semaines)\b", "agence d'intérim ou cabinet"),
    (OFFER, 3.0, rf"\bpour (?:le compte (?:de|d{_AP}) )?(?:notre|mon|un|l{_AP}un de (?:nos|mes)|l{_AP}une de nos) clients?\b|\bnotre client\b|\b(?:mon|un de mes|une de mes|l{_AP}un de mes) clients?,?(?: [^.!?]{0,40}?)? (?:recrute|recherche|cherche|a besoin|embauche|souhaite recruter)\b", "recrutement pour un client"),
    (OFFER, 3.5, r"\bjob openings?\b|\bopen (?:position|role)s?\b|\bpositions? (?:available|open)\b|\bvacanc(?:y|ies)\b|\bsend (?:your|us your|me your) (?:cv|resume|application)\b|\bwe have (?:an|a few|several|\d+) (?:opening|position|role)s?\b", "offre en anglais"),
    (OFFER, 2.0, r"\bchez nous\b|\b(?:t|vous) attend(?:ent)?\b", "le poste est chez l'auteur"),
    (OFFER, 3.0, r"\b(?:ton|votre) profil nous interesse\b|(?<!je )\bpostule\b(?! (?:partout|depuis|a |aux |chez|pour|beaucoup))|\bje fais suivre\b|\bpostes? (?:[^.!?]{0,40} )?qui s{_AP}ouvre(?:nt)?\b|\bs{_AP}ouvre chez nous\b", "appel à candidatures"),
    (OFFER, 3.0, r"\bpour (?:un|une) [a-z]+(?: [a-z]+)? qui (?:re)?cherche (?:un|une|du|des|le|la)\b", "profils recherchés"),
    (OFFER, 1.5, r"\bhebergement (?:possible|fourni|offert|assure)\b|\blogement (?:fourni|possible|offert|assure)\b|\bloge(?:e|s|es|·e)? (?:et )?nourri", "avantages d'une offre"),
    (OFFER, 4.0, r"\b(?:mon|ma|notre|nos|son|sa|leur) (?:\w+ )?(?:etablissement|entreprise|societe|boite|equipe|agence|cabinet|start ?up|employeur|service|structure|collectivite|association|restaurant|magasin|client|team|labo|laboratoire|mairie|ecole|hotel|boutique|usine|groupe|commune|asso|pme|cabinet) (?:re)?(?:cherche|crute)", "la structure de la personne recrute"),
    (OFFER, 3.5, r"\b(?:re)?cherch(?:e|ons|ent) (?:un|une|des|d{_AP}un|d{_AP}une|plusieurs|\d+|son|sa|ses|son/sa|notre|nos)(?:\(e\)|\.e|·e)? (?:futur(?:e|s|·e|\.e|\(e\))? )?(?:candidat(?:e|s|es)?|profils?|talents?|collaborat(?:eur|rice)s?|renforts?|saisonniers?|interimaires?|intervenant(?:e|s)?|personne|quelqu{_AP}un|remplacant(?:e)?|collegues?)\b", "recherche de candidats"),
    (OFFER, 3.0, r"\bsi vous connaissez (?:quelqu{_AP}un|une personne|un profil|des profils|un candidat|une candidate)|\b(?:connaissez|connais)[- ](?:vous|tu) (?:quelqu{_AP}un|une personne|un profil)", "appel à recommander un candidat"),
    (OFFER, 3.0, r"\bje (?:relaie|relaye|partage) (?:cette|une|l{_AP}|son|leur) offre|\boffre (?:a partager|relayee)\b|\bje partage pour (?:un|une) (?:ami|amie|collegue|client)", "relais d'une offre"),
    (OFFER, 3.5, r"(?<!de )(?<!du )(?<!d')\b(?:entreprise|societe|start ?up|agence|cabinet|groupe|hotel|restaurant|boulangerie|garage|mairie|association|clinique|ehpad|magasin|supermarche|hypermarche|pme|laboratoire|enseigne|marque|franchise|ville de|commune de|chu|hopital|etablissement|transports?|service) (?:(?!qui )[\w'()-]+ ){0,4}(?:recrute|recherche|cherche)\b", "une entreprise recrute"),
    (OFFER, 3.5, r"\b(?:stage|alternance|apprentissage|internship|contrat pro(?:fessionnalisation)?) (?:a pourvoir|disponible|propose|remunere|a partir de|ouvert)\b|\boffre (?:de |d{_AP})(?:stage|alternance|apprentissage|contrat)\b|\bwe(?:'re| are) looking for (?:an? )?interns?\b", "offre de stage ou d'alternance"),
    (OFFER, 3.5, r"\bpour (?:mon|ma|notre|nos|son|sa|ses|leur|leurs) (?:\w+ )?(?:equipe|entreprise|societe|boite|restaurant|magasin|agence|cabinet|service|brasserie|boutique|clients?|start ?up|structure|labo|etablissement|usine|atelier|chantier|(?:micro-)?creche|ehpad|clinique|salon|garage|pharmacie|hotel|camping|pizzeria|bar|cafe|boulangerie|association|asso|mairie|ecole|exploitation|entrepot|bureau|agence)s?\b", "recrutement pour une structure"),
    (OFFER, 1.0, r"(?<!je )(?<!cdi )(?<!cdd )(?<!teletravail )(?<!remote )(?<!plein )(?<!partiel )(?<!salaire )(?<!poste )(?<!sem )(?<!semaine )(?<!jour )(?<!journee )(?<!nuit )(?<!horaires )(?<!logement )(?<!secteur )(?<!zone )\bsouhaite(?:e|s|es)?\b(?! (?:un|une|travailler|rejoindre|evoluer|integrer|m|si possible|idealement|de preference)\b)|\bexige(?:e|s|es)?\b", "exigences d'une offre"),
    (OFFER, 3.5, r"\b(?:nous proposons|on propose|propose|proposons) (?:un |une |des |plusieurs |\d+ )?(?:postes?|cdi|cdd|stages?|alternances?|contrats? (?:d'?\s?apprentissage|pro|de professionnalisation)|missions? d'?\s?interim)\b", "proposition d'un poste ou d'un contrat"),
    (OFFER, 1.0, r"(?<!de )(?<!du )(?<!en )(?<!qui )\b(?:recrutement|recruiting|recrute)\b", "recrutement"),
    (OFFER, 2.5, r"(?<!qui )(?<!je )(?<!j'en )\brecrut(?:e|ent)\b(?! pas\b)", "recrutement"),
    (OFFER, 3.5, r"\bdevenez\b(?! (?:riche|libre))(?!(?: \S+){1,4} en \d+ (?:mois|semaines|jours|heures)\b)|\brejoignez notre reseau\b|\bmissions? (?:ouvertes|disponibles|a pourvoir)\b", "appel à rejoindre une structure"),
    (OFFER, 1.5, r"\bnotre reseau\b|\bplateforme\b|\bremuneration\b|\bpackage\b|\benvoyez[- ]moi (?:un message|votre)|\bcandidature\s*:|\bcontact en (?:mp|dm)\b|(?<!budget de )(?<!budgets de )(?<!affaires de )(?<!ca de )\b\d+ ?k ?(?:€|eur)?\b|\binteresse(?:e|\(e\)|·e)? ?\?", "détails d'une offre"),
    (OFFER, 1.5, r"\bexperience (?:souhaitee|requise|exigee|minimum|significative exigee)|\b(?:diplome|experience|permis) (?:exige|requis|souhaite)e?s?\b|\bprise de poste\s*:|\bposte base a\b|\bcontrat\s*:|\bhoraires\s*:|\blieu\s*:|\bdate de debut\s*:", "exigences d'une offre"),
    (OFFER, 2.0, r"\bjob ?board\b|\bnos offres\b|\btoutes nos offres\b|\bretrouvez (?:nos|toutes|l{_AP}offre|cette offre)|\bdecouvrez (?:nos|l{_AP}|cette) offres?\b", "site d'offres d'emploi"),
    (OFFER, 3.5, r"\b(?:re)?cherch(?:e|ons|ent) (?:un|une|des|d{_AP}un|d{_AP}une|plusieurs|\d+|son|sa|ses|son/sa|notre|nos|mon|ma|mes)(?:\(e\)|\.e|·e)? (?:futur(?:e|s|·e|\.e|\(e\))? |nouvel(?:le)? |nouveau )?(?:stagiaires?|alternant(?:e|s|es)?|apprenti(?:e|s|es)?)\b|\b(?:re)?cherch(?:e|ons) (?:stagiaires?|alternant(?:e|s|es)?|apprenti(?:e|s|es)?)\b|\b(?:stagiaire|alternant(?:e)?|apprenti(?:e)?)(?:\(e\))?s?(?: [a-z]+)? recherche(?:e|\(e\))?s?\b|\b(?<!qui )(?:accueill(?:e|ons|ent)|recrut(?:e|ons|ent)|embauch(?:e|ons|ent)|prend|prenons) (?:un|une|des|\d+)(?:\(e\)|\.e|·e)? (?:stagiaires?|alternant(?:e|s|es)?|apprenti(?:e|s|es)?)\b", _INTERN_SOUGHT),
    (OFFER, 3.5, r"\b(?:ou|chez qui|dans laquelle|dans lequel|pour laquelle|pour lequel) (?:je |j{_AP})(?:travaille|bosse)\b[^.!?]{0,40}?\b(?:re)?(?:cherche|crute|embauche)\b", "la structure de la personne recrute"),
    (OFFER, 3.0, r"\b(?:embauch(?:e|ons|ent)|recrut(?:e|ons|ent)) (?:des|\d+|plusieurs|de nombreux|de nombreuses|en cdi|en cdd|en interim|en alternance|actuellement|toute l{_AP}annee)\b|\bembauche immediate\b|\bjob ?alerts?\b|\b(?:manque|manquent) (?:cruellement )?(?:de personnel|de bras|d{_AP}aides?-?soignant|d{_AP}infirmi|de soignants)", "embauches annoncées"),
    (OFFER, 3.5, r"\brenfor(?:ce|cons|cent|cer) (?:son|ses|notre|nos|l{_AP}|leur|leurs) (?:\w+ )?equipes?\b|\b(?:notre|l{_AP}|mon|son) equipe s{_AP}agrandit\b|\bpage (?:carrieres?|emploi|recrutement|jobs)\b", "une structure renforce ses équipes"),
    (OFFER, 2.5, r"\bdate limite (?:de candidature|de depot|des candidatures)\b|\bdate limite\s*:|\bfiche de poste\b|\bfiche complete\b|\bannonce complete\b|\[annonce\]|\bpetite annonce\b|\b(?:belle|superbe|super|nouvelle|top) opportunite\b|\bopportunite (?:en )?(?:cdi|cdd) ?(?:👇|:)", "détails d'une annonce"),
    (OFFER, 3.5, r"\b(?:nous |on )?ouvr(?:ons|e|ent) (?:un|une|deux|trois|\d+|plusieurs|des) (?:nouveaux? )?postes?\b|\bouvertures? (?:de|d{_AP}un) postes?\b|\bcreation (?:de|d{_AP}un) postes?\b|\bj{_AP}ai (?:\d+|des|plusieurs|quelques|deux|trois|quatre|cinq) (?:nouveaux? )?postes? (?:de|d{_AP}|en|a pourvoir|ouverts?|disponibles?|a proposer)\b", "ouverture d'un poste"),
    # --- an internship, alternance, apprenticeship ---------------------------------------------
    (INTERN, 4.0, rf"\b(?:re)?cherch(?:e|ons) (?:activement |actuellement |encore |toujours |desesperement )?(?:un |une |d{_AP}un |d{_AP}une |mon |ma |mon futur |ma future |mon prochain |ma prochaine )?(?:nouvelle |nouveau )?(?:stage|alternance|apprentissage|contrat (?:de |d{_AP})?(?:apprentissage|pro|professionnalisation)|contrat en alternance|internship|v\.?i\.?e\b|volontariat|entreprise (?:d{_AP}accueil|pour))", "recherche d'un stage ou d'une alternance"),
    (INTERN, 4.0, rf"\b(?:a la|en) recherche (?:active )?(?:d{_AP}(?:un |une )?)?(?:stage|alternance|apprentissage|contrat (?:d{_AP})?(?:apprentissage|pro)|entreprise (?:d{_AP}accueil|pour)|internship)", "recherche d'un stage ou d'une alternance"),
    (INTERN, 4.0, r"\b(?:cherche|recherche|trouver) (?:un |une |mon |ma |un nouveau |une nouvelle |un nouvel )?(?:(?:patron|patronne|employeur|entreprise|boite|tuteur|tutrice)\b[^.!?]{0,30}?\b(?:stage|alternance|apprentissage|contrat pro|contrat de professionnalisation)\b|(?:maitre d{_AP}apprentissage|maitre de stage|structure d{_AP}accueil)\b)", "recherche d'un stage ou d'une alternance"),
    (INTERN, 3.5, r"\bqui (?:prend|prennent|accueille|accueillent|cherche|embauche|recrute) (?:des |un |une )?(?:apprenti|apprentie|apprentis|alternants?|alternantes?|stagiaires?)\b", "recherche d'un stage ou d'une alternance"),
    (INTERN, 2.5, r"\b(?:veut|voudrait|souhaite|aimerait|doit) (?:faire|preparer|passer) (?:un|une|son|sa) (?:cap|bts|bac pro|but|alternance|apprentissage|stage)\b", "stage ou alternance"),
    (INTERN, 3.0, rf"\bstage (?:de |d{_AP})?fin d{_AP}etudes?\b|\bstage (?:de |d{_AP})\d+ ?(?:a \d+ )?(?:mois|semaines)|\bconvention de stage\b|\bstage (?:obligatoire|conventionne|de pre-?embauche|ingenieur|de master|de licence|de bts|de but)\b|\brythme (?:d{_AP}alternance|de \d|\d)|\b\d ?(?:jours?|j|semaines?|sem) ?/ ?\d ?(?:jours?|j|semaines?|sem)\b|\b(?:internship|work[- ]study|apprenticeship) (?:position|opportunit|in|for)", "stage ou alternance (rythme, convention, fin d'études)"),
    (INTERN, 2.5, r"\ben (?:alternance|apprentissage|contrat pro|contrat de professionnalisation)\b|\bpour (?:mon|ma) (?:bts|but|dut|licence|master|bachelor|mba|msc|titre pro|formation|bac pro|bac|cap|ecole|cursus|diplome|annee|apprentissage|alternance|stage|contrat pro)\b|\bstage (?:en entreprise|d{_AP}observation|de \d+e|de troisieme|de seconde)\b|\b(?:mon|ma) (?:ecole|formation) (?:en|d) ?alternance", "alternance"),
    (INTERN, 2.0, r"\bcontrat (?:de )?pro(?:fessionnalisation)?\b|\bapprenti(?:e|s)?\b|\balternant(?:e|s)?\b|\bstagiaire\b|\binternship\b|\bintern\b|\bv\.i\.e\b|\bvolontariat international\b", "stage ou alternance"),
    (INTERN, 1.0, r"\b(?:stage|stages|alternance|apprentissage)\b", "stage ou alternance"),
    (INTERN, 3.0, r"\b(?:annee de cesure|cesure|pfmp|periode de formation en milieu professionnel|immersion professionnelle|pmsmp|stage d'?\s?immersion|job d'?\s?ete etudiant|contrat d'?\s?apprentissage|volontariat international en entreprise)\b", "stage, immersion ou alternance"),
    (INTERN, 5.0, r"\b(?:looking for|seeking|searching for|in search of|need|want|find)\s+(?:a |an |my )?(?:\S+ )?(?:work[- ]study|apprenticeship|internship|co-?op|placement)\b", "work-study, apprenticeship or internship sought"),
    (INTERN, 5.0, r"\b(?:re)?cherch(?:e|ons) (?:activement |actuellement )?(?:un |une |d'?\s?un |d'?\s?une |ma |mon )?(?:pmsmp|pfmp|immersion|periode (?:de mise en situation|d'?\s?immersion|de formation en milieu professionnel))", "recherche d'une période d'immersion (PMSMP, PFMP)"),
    (INTERN, 0.5, r"\b(?:etudiant|etudiante|student|en (?:1|2|3|4|5)(?:e|eme|ere) annee|bts|but|dut|licence|master|bachelor|mba|msc)\b", "études en cours"),
    (INTERN, -3.5, rf"\b(?:apres|suite a|a l{_AP}issue (?:de|d{_AP})|fin de|au terme de|issue? d{_AP}(?:un|une)|termine|terminee|effectue|effectuee|valide|validee|mon dernier|ma derniere|j{_AP}ai (?:fait|effectue|termine|realise))\s+(?:mon |ma |mes |un |une |\d+ ans (?:en |d{_AP})|plusieurs )?(?:annees? (?:en |d{_AP}))?(?:stage|alternance|apprentissage|contrat pro)", "stage ou alternance passé (pas recherché)"),
    (INTERN, -3.5, rf"\b(?:mon|ma) (?:stage|alternance|apprentissage|contrat pro) (?:se termine|s{_AP}acheve|prend fin|touche a sa fin|termine)\b|\bdiplome(?:e)? (?:en|par la voie de l{_AP}|apres une?) (?:alternance|apprentissage)", "alternance terminée"),
    # --- freelance, independent services -------------------------------------------------------
    (FREELANCE, 2.5, r"(?<!pas de )(?<!pas en )(?<!pas du )(?<!sans )(?<!hors )(?<!non )(?<!no )(?<!ni )(?<!ancien )(?<!ancienne )(?<!ex-)(?<!ex )\bfree[- ]?lances?\b", "freelance"),
    (FREELANCE, 2.0, r"(?<!pas de )(?<!pas en )(?<!pas du )(?<!sans )(?<!hors )(?<!non )(?<!no )(?<!ni )(?<!ancien )(?<!ancienne )(?<!ex-)(?<!ex )(?<!garage )(?<!magasin )(?<!commerce )(?<!librairie )(?<!restaurant )(?<!hotel )(?<!cinema )(?<!editeur )(?<!pharmacie )(?<!boutique )(?<!label )(?<!media )\bindependant(?:e|s)?\b|\bconsultant(?:e)? (?:independant|freelance)(?:e)?\b", "indépendant"),
    (FREELANCE, 3.5, r"\btjm\b|\btaux journalier\b|\bday rate\b", "TJM"),
    (FREELANCE, 3.0, r"(?<!pas de )(?<!pas en )(?<!pas du )(?<!sans )(?<!hors )(?<!non )(?<!no )(?<!ni )(?<!ancien )(?<!ancienne )(?<!ex-)(?<!ex )\bportage (?:salarial)?\b|(?<!pas )\ben portage\b", "portage salarial"),
    (FREELANCE, 2.5, r"(?<!pas d')(?<!pas d )(?<!sans )(?<!ni )(?<!ancien )(?<!ancienne )(?<!ex-)(?<!ex )\b(?:auto|micro)[- ]?entrepreneu(?:r|se)\b|\bsiret\b|(?<!pas d')(?<!pas d )(?<!sans )(?<!ni )(?<!ancien )(?<!ancienne )(?<!ex-)(?<!ex )\bauto[- ]?entreprise\b", "auto-entrepreneur"),
    (FREELANCE, 3.5, r"\bje propose (?:mes|mon|des) (?:services|expertise|accompagnement|aide|competences|prestations)|\bmes (?:services|prestations|tarifs)\b|\bdevis (?:gratuit|sur demande|offert)\b|\bvos projets\b|\bj{_AP}accompagne (?:les|des|vos) (?:entreprises|pme|tpe|independants|startups)", "offre de services"),
    (FREELANCE, 3.5, r"\b(?:re)?cherch(?:e|ons) (?:\S+ ){0,3}(?:missions?(?! d'?\s?interim| en interim| interim)|clients?|partenariats?|collaborations?|projets? (?:freelance|en freelance))\b|\bdispo(?:nible)? pour (?:de nouvelles |des |une |vos |de )?(?:nouvelles )?(?:missions?|projets?|collaborations?)\b", "recherche de missions ou de clients"),
    (FREELANCE, 3.0, r"\bmissions? (?:freelance|en freelance|de conseil|ponctuelles?|en independant|courtes?)\b|\b(?:available|open) for (?:freelance|commissions|contracts|projects)\b|\bfreelance (?:missions?|projects?|work)\b", "missions en freelance"),
    (FREELANCE, 2.5, r"\btarifs? (?:au forfait|a partir de|degressifs?|sur mesure|solidaires?)\b|\bforfaits? (?:a partir|mensuels?|des)\b|\bje (?:reprends|gere|prends en charge|m{_AP}occupe de) (?:la tenue de |la gestion de )?(?:vos|votre)\b|\b(?:dispo|disponibles?) pour (?:tous )?vos (?!offres|propositions|questions|retours|conseils|annonces|entretiens|recrutements|suggestions|pistes|messages)[a-z]+", "offre de services"),
    (FREELANCE, 3.0, r"\bje propose de (?:faire|refaire|creer|realiser|rediger|gerer|traduire|corriger|concevoir|developper|animer|photographier|relooker) (?:votre|vos|ton|tes)\b|\b(?:votre|vos) (?:logos?|sites? (?:web|vitrine|internet)|identite visuelle|declarations?|mariages?)\b", "offre de services"),
    (FREELANCE, 3.0, r"\bcoach (?:sportif|sportive|de sport|fitness|de yoga|yoga|pilates|a domicile)\b|\b(?:premier|1er) (?:cours|seance) (?:offert|gratuit)e?\b|\bcours (?:a domicile|collectifs|de yoga|de pilates|de guitare|de piano)\b", "cours ou séances vendus à des particuliers"),
    (FREELANCE, 1.0, r"\bprestations?\b|\ba votre service\b", "prestation de services"),
    # Chantiers, projects, clients, commissions sought with a quantity ("des", "de nouveaux", "3"): the
    # trade's or the studio's customers, not an employer ("un emploi de préparatrice de commandes" is not).
    (FREELANCE, 3.5, r"\b(?:re)?cherch(?:e|ons) {_BUSINESS_SOUGHT}", "recherche de chantiers, de projets ou de clients"),
    (FREELANCE, 3.5, r"\bje propose (?:des |mes |un |une |mon |ma )?(?:services?|prestations?|accompagnements?|ateliers?|cours|seances?|sessions?|interventions?|missions?)\b|\bcours particuliers\b|\bsoutien scolaire\b|\b(?:a mon compte|je me lance (?:a mon compte|en freelance|en independant|en solo)|je lance mon (?:activite|entreprise|cabinet)|ma (?:micro-?)?entreprise|mon activite (?:de|d'?\s?)?(?:freelance|independant|consultant|coach|formateur|graphiste|photographe))\b", "offre de services d'indépendant"),
    (FREELANCE, 3.0, r"\btarifs? (?:sur demande|sur devis|en mp|en dm|attractifs)\b|\bvos (?:evenements|projets|besoins)\b|\bj{_AP}interviens (?:en|aupres|dans|pour|sur)\b|\bliberale?s?\b|\ben liberal\b|\bje m{_AP}installe\b(?! (?:a|au|aux|dans|sur|pres|vers|en (?!liberal|cabinet|tant|independant|freelance|solo|auto))\b)", "offre de services"),
    # --- everything else -----------------------------------------------------------------------
    (OTHER, 4.5, rf"\bj{_AP}ai (?:enfin |finalement )?(?:signe|trouve|decroche|ete (?:embauche|recrute|retenu|prise?)e?)\b|\b(?:a|avons|ont|as) (?:enfin )?(?:trouve|signe|decroche) (?:un |une |son |sa |leur |mon |ma )?(?:nouveau |nouvel |nouvelle )?(?:poste|emploi|job|cdi|cdd|travail|contrat)\b|\bcdi signe\b|\bj{_AP}ai (?:enfin |finalement )?retrouve (?:un |une |du |mon |ma )?(?:nouveau |nouvel |nouvelle )?(?:poste|emploi|job|cdi|cdd|travail|contrat|boulot)\b|\bje (?:commence|debute|demarre|rejoins) (?:lundi|demain|mon nouveau|ma nouvelle|le \d|en (?:{_MONTHS}|septembre)|chez|bientot)\b|\bplus en recherche\b|\bne suis plus en recherche\b|\bfin de (?:ma|la) recherche\b|\b(?:i got|i've got|i landed|got) (?:the|a) (?:job|offer|role)\b|\b(?:i'?m|i have been|i've been|just got) hired\b|\bca y est\b|\bmission accomplie\b|\bbonne nouvelle\b", "annonce d'une embauche"),
    (OTHER, 5.0, r"\bje (?:rejoins|viens de rejoindre|fais (?:desormais |maintenant )?partie d[eu]|deviens (?:membre|benevole) d[eu]) (?:le |du )?(?:collectif|mouvement|communaute|reseau des benevoles)\b|\bj'?\s?ai rejoint le (?:collectif|mouvement)\b|\bnouvel(?:le)? (?:membre|benevole) du collectif\b|\bbienvenue (?:a|aux) (?:nos |nouveaux |nouvelles |\d+ |les )+(?:membres|benevoles|recrues|arrivante?s)\b|\b(?:ont|avez|a) rejoint (?:le collectif|le mouvement|i4emploi)\b|\bil suffit de (?:repartager|partager|relayer|retweeter|rt)\b", "un membre rejoint le collectif"),
    (OTHER, 2.0, r"\bmerci (?:a tous|a toutes|a vous|infiniment|au collectif|aux membres|a (?:toute )?la communaute|pour (?:votre|vos|ce) (?:soutien|aide|relais|mobilisation|partages?))\b|\bgrace a (?:vous|votre|vos|vous tous|au collectif|i4emploi)\b|\bthanks? (?:to )?(?:you all|everyone|all)\b|\bfelicitations\b|\bbravo (?:a|@)", "remerciement ou félicitations"),
    (OTHER, 4.0, rf"\brappel\s*:|\bpetit rappel\b|\bpour (?:etre|que votre (?:demande|post|message|tweet) soit) (?:relaye|retweete|partage)|\bn{_AP}oubliez pas (?:de |d{_AP}|le |la |#)|\bmettez (?:le hashtag|#?i4emploir|dans votre bio)|\bdans votre bio\b|\bregles? du collectif\b|\bcomment (?:ca marche|fonctionne|etre relaye|beneficier)\b|\bmode d{_AP}emploi\b|\bpensez a (?:mettre|ajouter|indiquer|utiliser)\b|\bnous ne relayons (?:pas|que)\b|\bne relayons (?:pas|que)\b|\bvos demandes\b|\ble collectif (?:relaie|relaye|ne relaie)\b|\brappel du collectif\b|\breserve(?:e|s|es)? aux (?:demandes|personnes|seules? demandes)\b|\bne sont pas (?:relayee?s|repris(?:es)?)\b", "rappel des règles du collectif"),
    (OTHER, 3.0, rf"\bwebinaires?\b|\bwebinars?\b|\bsalons? (?:de l{_AP}emploi|emploi|du recrutement|de recrutement|virtuels?|des metiers)\b|\bforums? (?:emploi|de l{_AP}emploi|des metiers|recrutement|de l{_AP}alternance|de l{_AP}apprentissage|alternance|des stages|de l{_AP}interim|des jobs? d{_AP}ete)\b|\bjob ?datings?\b|\bsalons? (?:de l.|du |des |de la )?(?:emploi|recrutement|metiers|apprentissage|alternance|formation|etudiant|orientation)\b|\bconferences?\b|(?<!animation d')(?<!animation des )(?<!animer des )(?<!anime des )(?<!animatrice d')(?<!animateur d')(?<!animee d')(?<!animes d')(?<!en )(?<!d')(?<!l')\bateliers?\b|\bmeetups?\b|\bnetworking\b|\bafterwork\b|\bsave the date\b|\bportes ouvertes\b|\btable ronde\b|\ble \d{{1,2}} {_MONTHS} (?:a|de|des) \d{{1,2}} ?h", "annonce d'un événement"),
    (OTHER, 1.5, r"\binscri(?:vez|ption|ptions|rire|s)(?:[- ]vous)?\b|\bgratuit(?:e|s)?\b|\ben ligne\b", "inscription ou événement"),
    (OTHER, 3.0, r"\bgouvernement\b|\bministres?\b|\belections?\b|\bvotez\b|\breforme (?:de l.assurance|des retraites|du chomage)\b|\bassurance[- ]chomage\b|\bmacron\b|\bdeputes?\b|\bsenat\b|\bpolitique\b|\bmanifestation\b|\bgreve\b|\bsyndicats?\b|\btaux de chomage\b|\bchiffres du chomage\b|\bscandale\b|\bhonte\b", "message politique ou d'opinion"),
    (OTHER, 3.5, r"(?<!fait une )(?<!suivi une )(?<!valide une )(?<!termine une )(?<!effectue une )(?<!obtenu une )(?<!apres une )(?<!ma )\bformations? (?:certifiante|gratuite|en ligne|diplomante|qualifiante|eligible|cpf)s?\b|\beligible (?:au )?cpf\b|\bcpf\b|\bcoaching\b|\bcoach (?:emploi|carriere|cv|linkedin)\b|\b(?:relecture|refonte|optimis(?:ez|ation|er)|ameliorer|ameliorez|booster|boostez|transformez) (?:de |votre |vos |ton |ta |un )?(?:cv|profil linkedin|linkedin|candidature|lettre de motivation)\b|\bbilan de competences\b|\bmasterclass\b|\bebook\b|\bguide (?:gratuit|offert)\b|\bprogramme d.accompagnement\b|\bmon (?:offre|programme|accompagnement|livre)\b|\bcode promo\b|-\d+ ?%|\boffre speciale\b|\bplaces? limitees?\b|\blien en bio\b|\bnewsletter\b|\babonnez[- ]vous\b|\btelechargez\b", "promotion d'une formation ou d'un service"),
    (OTHER, 5.0, r"\bcrypto|\bbitcoin|\bbtc\b|\bforex\b|\btrading\b|(?<!m')(?<!s')(?<!t')(?<!me )(?<!se )\binvest(?:ir|issement|issez)\b|\brevenus? (?:passifs?|complementaires?)\b|\bgagne[rz]? (?:\d+|jusqu.a|de l.argent|facilement|gros)|\b\d+ ?(?:€|euros?|\$) (?:par|/) ?(?:jour|semaine|heure)\b|\bargent facile\b|\bwhatsapp\b|\btelegram\b|\bdevenez (?:riche|libre|independant financierement)\b|\bclique[rz]? (?:ici|sur le lien)\b|\bnft\b|\bcasino\b|\bparis sportifs\b|\bonlyfans\b|\bfollow ?back\b|\bf4f\b|\bdm (?:me )?pour (?:plus|gagner|en savoir)|\bsans (?:experience|diplome),? (?:gagne|\d)", "spam ou arnaque"),
    (OTHER, 4.5, r"\brevenus? (?:illimites?|residuels?)\b|\bliberte (?:horaire|financiere)\b|\bdistributeu(?:r|se|rs|ses) (?:independant|agree)|\bvente directe\b|\bmarketing (?:de reseau|relationnel|multiniveau)\b|\bmlm\b|\bnetwork marketing\b|\bsoyez votre propre (?:patron|boss)\b", "vente en réseau (MLM)"),
    (OTHER, 5.0, r"\bsera suspendu|\bverifiez vos (?:informations|identifiants|coordonnees)|\bvotre compte (?:sera|a ete|va etre) (?:suspendu|bloque|desactive|ferme)|\bconfirmez votre (?:identite|compte)|\b(?:confirme[rz]|valide[rz]|envoye[rz]|communique[rz]|transmett(?:ez|re)|saisi(?:r|ssez)|indique[rz]) (?:\S+ ){0,3}(?:coordonnees bancaires|rib|iban|numero de carte|code de carte|carte bancaire)\b", "hameçonnage"),
    (OTHER, 4.5, r"\b(?:cherche|recherche) (?:un |une |des )?(?:appart(?:ement)?|logement|colocation|coloc|maison|studio|t[1-5]|chambre|velo|chat|chien|nounou|baby-?sitter|benevoles?|auto-?ecole|covoiturage)\b|\bbesoin de benevoles\b", "recherche qui n'est pas un emploi"),
    (OTHER, 2.5, r"\bj{_AP}ai (?:eu|passe|decroche) (?:un |mon |deux |\d+ )?entretiens?\b|\bcroisez les doigts\b|\bgrace a (?:un de )?vos (?:rt|partages|relais)\b", "nouvelles d'une recherche en cours"),
    (OTHER, 2.0, r"\best-?ce que\b|\bquelqu{_AP}un sait\b|\bqui conna[iî]t\b|\bune question\b|\bpetition\b|\bvenez nombreux\b|\bparc des expositions\b|\b\d+ entreprises\b", "question ou annonce générale"),
    (OTHER, 4.5, r"\b(?:qui (?:a|vient de|viens de) (?:re)?(?:trouve|signe|decroche)|(?:a|ont|as) retrouve (?:un |une |du )?(?:poste|emploi|job|travail|cdi)|bravo a\b|felicitations a\b|je retire ma demande|plus besoin de (?:rt|partages?|partager|relayer|relais|diffuser)|je ne suis (?:plus|pas) en recherche|ne (?:re)?cherche plus|merci d{_AP}arreter|(?:arretez|stoppez) (?:de |les )?(?:partager|relayer|rt|partages|relais))", "bonne nouvelle ou message au collectif"),
    (OTHER, 4.0, r"\b(?:je relis|relecture (?:gratuite )?(?:de |des |du )?(?:cv|profils?)|envoyez[- ]moi (?:votre|vos) cv pour|audit (?:de |du )?(?:cv|profil)|nos conseils\b|conseils pour (?:reussir|bien|votre|vos|un|une)|astuces pour|rejoignez (?:le collectif|la communaute|notre communaute|notre groupe|le groupe|notre discord|notre serveur)|rejoignez[- ]nous sur (?:discord|slack|telegram|whatsapp|le groupe|facebook)|devenez (?:membre|benevole|ambassadeur|ambassadrice|mentor)|\d+ (?:entreprises|recruteurs) (?:qui recrutent|presents|seront presents|vous attendent)|venez rencontrer|prochaine session|session de formation|(?<!fait une )(?<!suivi une )(?<!valide une )(?<!termine une )(?<!effectue une )(?<!obtenu une )(?<!apres une )(?<!ma )formation (?:financee|remuneree|gratuite|certifiante)|places disponibles)", "promotion, événement ou vie du collectif"),
    (OTHER, 3.0, r"\b(?:re)?cherch(?:e|ons) (?:des |un |une |quelques )?(?:conseils?|avis|temoignages?|retours d'?\s?experience|recommandations?|idees?|formations?|coach|mentor|ecole|financements?|investisseurs?|(?:bons? |bonnes? )?(?:tutos?|tutoriels?|livres?|bouquins?|modeles? de|astuces?|applis?|logiciels?))\b", "recherche qui n'est pas un emploi"),
    (OTHER, 4.5, r"\b(?:je (?:commence|debute|demarre|prends) (?:un |une |mon |ma )(?:nouveau|nouvelle|nouvel)|(?:ravie?|heureux|heureuse|fiere?|fier) (?:de vous )?(?:d'?\s?)?annoncer|(?:happy|pleased|excited|thrilled) to (?:announce|share)(?! (?:my|our) (?:cv|resume|portfolio|profile|references|work)\b)|j'?\s?ai rejoint|nouveau chapitre|je rejoins (?:l'?\s?equipe|la team|les equipes))", "annonce d'un nouveau poste"),
    (OTHER, 4.0, r"\b(?:cv|resume) (?:review|writing|makeover|audit)\b|\bcover letters?\b|\blinkedin (?:makeover|optimi[sz]ation|audit)\b", "service de CV ou de candidature"),
    (OTHER, 4.5, r"\b(?:je (?:redige|refais|relis|corrige|optimise)|redaction|refonte|relecture|coaching|optimisation) (?:de |d'?\s?|du |des )?(?:votre |vos |ton |ta |tes )?(?:cv|lettres? de motivation|profils? linkedin)\b|\bbesoin d'?\s?un cv\b", "service de CV ou de candidature"),
    (OTHER, 4.0, r"\b(?:metiers|secteurs|entreprises|boites) qui (?:recrutent|embauchent)\b|\bconseils? (?:de|d'?\s?un|d'?\s?une) (?:recruteur|recruteuse|rh|drh|coach)\b|\btop \d+\b|\bselon (?:l'?\s?insee|la dares|france travail|une etude|l'?\s?apec)\b|\b(?:etude|barometre|enquete|infographie|rapport) (?:de|d'?\s?|du|sur)\b", "article, étude ou conseil général"),
    (OTHER, 2.5, r"(?<!si )\bquelqu'?\s?un (?:aurait|a|connait|peut|pourrait|sait)\b|\bchomeurs\b|\bpatronat\b|\bmedef\b|\brsa (?:conditionne|sous condition|contre)\b|\bpresident de la republique\b|\bassemblee nationale\b|\bprojet de loi\b", "question ou opinion générale"),
    (OTHER, 3.5, r"\b(?:demandes? (?:du jour|de la semaine|relayees?)|voici les (?:demandes|profils|personnes)|profils? du jour|nous relayons|on relaie|a relayer ce soir|merci de relayer ces)\b", "relais organisé par le collectif"),
    (OTHER, 2.5, r"\b(?:ghosting|ghoste|ghostee|encore un refus|reponses? negatives?|aucune reponse|ras le bol|j'?\s?en ai marre|decourage|decouragee|demoralise|demoralisee|desesperer|je desespere|ne lachez rien|gardez espoir|courage a (?:tous|toutes|vous)|bon courage a|bonne chance a|on croise les doigts|courage a (?:toutes|tous) (?:celles|ceux))\b", "témoignage ou encouragement"),
    # "Qui d'autre est en recherche ?" asks about other people: that "en recherche" is not the author's.
    (SEEKER, -5.0, r"\bqui (?:d{_AP}autre )?(?:est|sont|serait|seraient) (?:aussi |egalement |encore )?(?:en recherche|a la recherche)\b", "question sur d'autres chercheurs"),
    (OTHER, 3.0, r"\bcomment (?:vous faites|faites[- ]vous|tu fais|vous tenez|tenez[- ]vous|garder le moral|rester motivee?)\b|\bqui d{_AP}autre (?:est|cherche|galere)\b|\bon pourrait se (?:retrouver|voir|rencontrer|reunir)\b|\bechanger nos (?:pistes|experiences|conseils)\b", "question ou échange entre chercheurs d'emploi"),
    (OTHER, 2.0, r"\b(?:sites?|applis?|applications) (?:d{_AP}offres|d{_AP}emploi|de recrutement|pour trouver)\b|\ba connaitre\b|\bvous etes nombreu(?:x|ses)\b", "conseil ou contenu général"),
    (OTHER, 1.5, r"\bles recruteurs\b|\bconseils?\b|\bastuces?\b|\bvoici \d+\b|\bthread\b|\barticle\b", "conseil ou contenu général"),
    (OTHER, 3.5, r"\bdevenez (?:\S+ ){1,4}en \d+ (?:mois|semaines|jours|heures)\b|\bsans prerequis\b|\bprochaine (?:rentree|promo|promotion|cohorte)\b|\b(?:100 ?% )?financ(?:able|ee?s?) (?:par (?:le |la |votre )?)?(?:cpf|france travail|pole emploi|opco|la region)\b|\bfinancable\b|\balumni\b|\bnos (?:apprenants|eleves|diplomes|formations|bootcamps?)\b|\btaux (?:d{_AP}insertion|de reussite|de placement|de retour a l{_AP}emploi)\b|\bqualiopi\b|(?<!en )(?<!dans un )(?<!dans une )\b(?:ecole|organisme) de formation\b", "promotion d'une formation"),
    (OTHER, 1.0, r"\bbootcamps?\b|\bformations?\b|\bcertification\b", "formation"),
    (OTHER, 4.0, rf"\b(?:garder|garde|promener|nourrir|sortir|s{_AP}occuper de) (?:mon|ma|mes|nos|notre|le|les) (?:chats?|chiens?|enfants?|fils|fille|loulous?|animaux|plantes|lapins?|maison|appartement)\b|\b(?:pet|cat|dog|baby)[- ]?sitt(?:er|ers|ing|eur|euse)\b|\bgarde d{_AP}enfants?\b|\bnounou\b|\bdemenageurs?\b|\b(?:aide|coup de main|bras) pour (?:un|mon|notre|le) demenagement\b|\bdevis (?:bienvenus?|svp|s{_AP}il vous plait)\b|\bfuite (?:d{_AP}eau|sous|dans)\b|\b(?:plombier|electricien|serrurier|artisan|chauffagiste|macon|peintre|jardinier|menuisier|couvreur|garagiste|mecanicien|babysitter)s? de confiance\b|\b(?:pour|de) (?:ma|mon|notre) (?:maison|appartement|jardin|salle de bain|terrasse|toiture)\b", "service demandé par un particulier, pas un emploi"),
    (OTHER, 4.0, rf"\bperiode d{_AP}essai (?:validee|terminee|confirmee)\b|\b(?:premier|1er) jour (?:dans|chez|de mon|de ma)\b|\bsigne mon (?:cdi|cdd|contrat)\b|\bje passe le relais\b|\bje (?:repartage|relaie|rt) a mon tour\b|\bje vous tiens au courant\b", "bonne nouvelle ou suite d'une recherche"),
    (OTHER, 3.0, rf"\b(?:career|job|recruiting|hiring|recruitment) (?:fair|day|event|forum)s?\b|\b(?:journee|matinee|soiree|session|operation|semaine|speed) (?:de |du |d{_AP})?(?:recrutement|recruiting|l{_AP}emploi|job ?dating)\b|\bfree (?:entry|registration|admission)\b|\bentree (?:libre|gratuite)\b|\bvenez avec (?:vos|votre) cv\b|\bbring your (?:cv|resume)\b", "annonce d'un événement emploi"),
    (OTHER, 3.0, rf"\bj{_AP}(?:aide|accompagne) (?:les |des |vos |toutes? les )?(?:cadres|candidats|candidates|demandeu(?:rs|ses) d{_AP}emploi|chercheu(?:rs|ses) d{_AP}emploi|personnes en (?:recherche|transition|reconversion)|jeunes diplomes|seniors|talents|profils en reconversion)\b|\b(?:premier|1er) (?:appel|rdv|rendez-vous|echange|seance) (?:offert|gratuit|decouverte)\b|\bappel decouverte\b|\bmodeles? de (?:cv|lettre)\b|\bcompatible ats\b|\bpersonal branding\b|\bprogramme de mentorat\b", "service ou contenu destiné aux chercheurs d'emploi"),
    (OTHER, 2.5, r"\bentre(?:ra)? en vigueur\b|\bce qui change\b|\bdecret\b|\ballocataires?\b|\bselon (?:une|un|le|la|les) (?:etude|enquete|sondage|chiffres|rapport)\b|\bau (?:premier|deuxieme|troisieme|quatrieme|1er|2e|3e|4e) trimestre\b|\bbilan du (?:soir|jour|mois)\b|\bne sont pas (?:repris|relayes|retweetes)\b", "actualité ou vie du collectif"),
    (OFFER, 1.0, r"\b\d{2,3} ?(?:-|a|/) ?\d{2,3} ?k ?(?:€|eur)?(?!\w)|\b(?:dm|mp) pour plus d{_AP}infos?\b|\bpour plus d{_AP}infos?\b", "salaire ou détails d'une offre"),
    (OFFER, 3.0, rf"\b(?:contactez|appelez|appeler|contacter|joindre)[- ](?:l{_AP}agence|notre agence|le cabinet|nous|notre equipe|le service rh|la rh)\b|\b\d+(?:[,.]\d+)? ?(?:€|euros?) ?(?:bruts? )?(?:/ ?h|de l{_AP}heure|par heure|/ ?heure|de l{_AP}h)\b", "offre d'une agence ou d'un employeur"),
    (OFFER, 3.5, r"\b(?:is|are) (?:now |currently |actively )?(?:hiring|recruiting)\b|\b(?:is|are) (?:now |currently |actively )?(?:looking for|seeking|searching for) (?!(?:a |an )?(?:new )?(?:job|role|position|opportunit|challenge|employment|work)\b)(?:a|an|two|three|\d+|new|experienced|talented|our|someone|an?)\b|\b(?:dm|message|contact|ping) me if (?:you(?:'re| are) )?interested\b", "someone is hiring"),
    # --- families found by the second blind set (each in general words) -----------------------
    # An internship accepted on any terms ("stage non rémunéré accepté", "même un stage", "j'accepte un stage"),
    # and an apprenticeship whose employer is sought after the word ("apprentissage BP, cherche patron").
    (INTERN, 4.0, r"\b(?:stages?|alternances?|apprentissages?) (?:non (?:remunere|gratifie|paye)e?s? )?(?:accepte|acceptes|bienvenue?s?|possibles?|ok)\b|\bstages? non (?:remunere|gratifie|paye)s?\b|\bj{_AP}accepte (?:un |une |les |meme un |meme une )?(?:stages?|alternances?)\b|\bmeme (?:en |un |une )(?:stage|alternance)\b", "recherche d'un stage ou d'une alternance"),
    (INTERN, 4.0, r"\b(?:stage|alternance|apprentissage|contrat pro|cap|bp|bac pro|brevet professionnel)\b[^.!?]{0,40}?\b(?:re)?cherche (?:un |une |mon |ma |son |sa )?(?:patron|patronne|employeur|entreprise|boite|tuteur|tutrice|maitre d{_AP}apprentissage|structure)\b", "recherche d'un stage ou d'une alternance"),
    # Students' and pupils' summer or term-time jobs (a few weeks beside studies): not the collective's CDI/CDD.
    (INTERN, 6.0, r"\bjobs? etudiants?\b|\b(?:lyceen(?:ne)?s?|etudiante?s?|collegien(?:ne)?s?|1[4-8] ans)\b[^.!?]{0,60}?\bjobs? (?:d{_AP}|de |pour l{_AP})?(?:ete|vacances|saison)\b|\bjobs? (?:d{_AP}|de |pour l{_AP})?(?:ete|vacances)\b[^.!?]{0,60}?\b(?:lyceen(?:ne)?|etudiante?|avant (?:la|ma) rentree|entre (?:mes|deux) (?:annees|semestres))\b|\bjobs? (?:\S+ ){0,4}?(?:a cote|en parallele|en plus) (?:de mes|des) (?:etudes|cours)\b|(?<!ancien )(?<!ancienne )(?<!ex-)\b(?:lyceen(?:ne)?|etudiante?|collegien(?:ne)?)\b[^.!?]{0,60}?\b(?:cdd|emploi|contrat|travail) (?:d{_AP}|pour l{_AP})ete\b|(?<!ancien )(?<!ancienne )(?<!ex-)\b(?:lyceen(?:ne)?|etudiante?|collegien(?:ne)?)\b[^.!?]{0,60}?\bjobs? (?:\S+ ){0,3}?(?:le soir|les soirs|le week-?end|les week-?ends|le samedi|le mercredi)\b", _STUDENT_JOB_WHY),
    (FREELANCE, 3.0, r"\binterventions? (?:en |dans vos )?(?:intra|inter)[- ]?entreprises?\b|\b(?:formations?|interventions?) sur[- ]mesure pour (?:vos|les) (?:equipes|entreprises|salaries)\b", "offre de services"),
    # Warnings about scams, complaints about a post not relayed, thanks for a past relay, tips threads, a
    # request promised for later: all about the collective or job-hunting, none a request to relay.
    (OTHER, 5.0, r"\b(?:attention|mefiez[- ]vous|mefiance|alerte|gare|prudence) (?:aux?|a la|des|avec les?) (?:\S+ )?(?:fausses?|faux|arnaques?|escroqueries?|escrocs?|annonces frauduleuses)\b|\b(?:fausses?|faux) (?:offres?|annonces?|recruteurs?)\b|\bsignalez[- ](?:les|la|le)\b|\bne (?:donnez|payez|envoyez) jamais\b", "mise en garde contre des arnaques"),
    (OTHER, 4.0, r"\b(?:mon|ma) (?:post|demande|message|tweet|annonce|publication) (?:n{_AP}a pas ete|n{_AP}a jamais ete|n{_AP}est pas|n{_AP}a pas) (?:relaye|repris|partage|retweete|reposte|vu)e?\b|\bpourquoi (?:mon|ma) (?:post|demande|message|tweet|annonce)\b", "question au collectif sur un relais"),
    (OTHER, 4.0, r"\b(?:mon|ma) (?:post|demande|message|tweet|annonce) a (?:fait|eu|depasse|atteint) (?:\d+|plus de \d+|des centaines|des milliers)\b", "remerciement pour un relais passé"),
    (OTHER, 2.0, r"\bmerci @\S+ pour (?:le|ce|son|leur) (?:relais|rt|partage|retweet|repost)\b", "remerciement ou félicitations"),
    (OTHER, 2.5, r"\b(?:petit |mini |un )?thread (?:sur|pour|:)|\bcomment j{_AP}(?:optimise|ai optimise|redige|ai redige|adapte|ai adapte|ecris|prepare) (?:mon|mes|ma)\b", "conseil ou contenu général"),
    (OTHER, 4.0, r"\bje (?:relancerai|reposterai|republierai|repartagerai|referai|remettrai|posterai|publierai) (?:bientot |prochainement |plus tard )?(?:mon|ma|une) (?:annonce|demande|post|message|nouvelle demande)\b", _LATER_REQUEST_WHY),
]  # fmt: skip

# Evidence from the author's bio, lighter than the post itself.
BIO_CUES: Final[list[tuple[Category, float, str]]] = [
    (
        OFFER,
        1.5,
        r"\b(?:recrut\w*|talent acquisition|chasseu(?:r|se) de tetes|cabinet|agence|interim|job ?board|offres d.emploi|we(?:'re| are) hiring|careers?|carrieres?|recruiter|sourcing|charge(?:e)? de recrutement|drh|rrh)\b",
    ),
    (
        OFFER,
        1.0,
        r"\b(?:entreprise|societe|groupe|esn|ssii|startup|pme|leader|n°1|numero 1|compte officiel|official)\b",
    ),
    (
        FREELANCE,
        1.0,
        r"\b(?:freelance|independant(?:e)?|consultant(?:e)? independant|auto[- ]entrepreneur|tjm|portage)\b",
    ),
    (
        INTERN,
        0.7,
        r"\b(?:etudiant(?:e)?|student|alternant(?:e)?|apprenti(?:e)?|stagiaire|en (?:bts|but|master|licence))\b",
    ),
    (
        SEEKER,
        0.8,
        r"\b(?:en recherche|a la recherche|cherche|open ?to ?work|a l.ecoute|disponible|demandeu(?:r|se) d.emploi)\b",
    ),
    (OTHER, 1.0, r"\b(?:coach|formateur|formatrice|formation|crypto|trading|bitcoin|investisseur)\b"),
]

# The collective's own account ("Compte officiel du collectif i4emploi"): its posts are reminders, calls
# for volunteers, news; never an offer, whatever words they quote.
COLLECTIVE_BIO: Final = re.compile(
    r"\b(?:compte|page|account)(?: officiel(?:le)?)? (?:du|of the) collecti(?:f|ve)\b"
)
# Career coaching, trainings and job-search programmes sold to seekers open with "Vous cherchez un emploi ?"
# like an offer; when they do and nothing says someone hires, the offer's wording is the pitch's.
PITCH: Final = re.compile(
    r"\b(?:coaching|coach|programme|formations?|accompagnement|accompagne|seances|masterclass|ebook|"
    r"bilan de competences|mentorat)\b"
)
PITCH_WHY: Final = frozenset(
    (
        "promotion d'une formation ou d'un service",
        "promotion d'une formation",
        "service ou contenu destiné aux chercheurs d'emploi",
        "service de CV ou de candidature",
    )
)
# The offer's words that only an employer or a recruiter writes (not "vous cherchez un emploi ?", not an
# ad's headings): with them, a pitch's wording does not make an offer anything else.
HIRING_WHY: Final = frozenset(
    (
        "« nous recrutons »",
        "« nous recherchons »",
        "la personne recrute",
        "recrutement",
        "we are hiring",
        "poste à pourvoir",
        "mention H/F d'une offre",
        "appel à candidatures",
        "recherche d'une personne pour un poste",
        "une entreprise recrute",
        "recrutement pour un client",
        "la structure de la personne recrute",
        "recrutement pour une structure",
        "offre de stage ou d'alternance",
        "proposition d'un poste ou d'un contrat",
        "embauches annoncées",
        "ouverture d'un poste",
        "someone is hiring",
        "offre en anglais",
        "recherche de candidats",
        "profils recherchés",
        "agence d'intérim ou cabinet",
        "relais d'une offre",
        "offre d'emploi",
        "une structure renforce ses équipes",
        "appel à rejoindre une structure",
        _INTERN_SOUGHT,
    )
)
# A person sought for a post, by someone who does not write in the first person: a freelance mission
# offered ("Mission freelance : recherche développeur React, TJM 500") is an offer (the collective's rules).
PERSON_SOUGHT_WHY: Final = frozenset(
    (
        "recherche d'une personne pour un poste",
        "« nous recherchons »",
        "« nous recrutons »",
        "recrutement pour un client",
        "we are hiring",
        "recherche de candidats",
        "profils recherchés",
        "someone is hiring",
    )
)
# "CDI ou freelance", "un CDI ou une mission en portage": the salaried contract comes first (a seeker, the
# collective's rules), so these freelance words are no rival to an automatic approval; a TJM still is.
CDI_FIRST: Final = re.compile(
    r"\b(?:cdi|cdd)(?:\s+\S+){0,2}\s*(?:ou|/|or|voire)\s*(?:\S+\s+){0,2}(?:freelance|independant|portage|missions?)\b"
)
APPLY_WHY: Final = frozenset(("appel à candidatures", "we are hiring", "offre en anglais"))
EVENT_WHY: Final = frozenset(("annonce d'un événement", "annonce d'un événement emploi"))
CDI_FIRST_WHY: Final = frozenset(("freelance", "portage salarial", "indépendant", "missions en freelance"))
# "Après mon stage de fin d'études, je cherche un CDI": the internship is behind the person.
PAST_INTERN_WHY: Final = frozenset(("stage ou alternance passé (pas recherché)", "alternance terminée"))
INTERN_SEARCH_WHYS: Final = frozenset(
    (
        "recherche d'un stage ou d'une alternance",
        "work-study, apprenticeship or internship sought",
        "recherche d'une période d'immersion (PMSMP, PFMP)",
        "un poste en alternance ou en apprentissage",
    )
)

# The shared fragments, for the plain (non f-) patterns that name them ("{_AP}"), and the cue names the
# classifier's rules look for.
FRAGMENTS: Final[dict[str, str]] = {
    "{_BUSINESS_SOUGHT}": _BUSINESS_SOUGHT,
    "{_AP}": _AP,
    "{_MONTHS}": _MONTHS,
    "{_SOUGHT}": _SOUGHT,
}
INTERN_SOUGHT: Final = _INTERN_SOUGHT
I_SEEK: Final = _I_SEEK
# "Cherche une entreprise qui…" said by a student who seeks an internship: the internship's host, not an employer.
EMPLOYER_SOUGHT_WHY: Final = "recherche d'un employeur"
# Services asked by a household: other, unless hours or pay make the post an offer (`PRIVATE_EMPLOYER`).
PRIVATE_SERVICE_WHY: Final = frozenset(
    ("recherche qui n'est pas un emploi", "service demandé par un particulier, pas un emploi")
)
STUDENT_JOB_WHY: Final = _STUDENT_JOB_WHY
LATER_REQUEST_WHY: Final = _LATER_REQUEST_WHY
# The seeker's clues a pupil's or student's summer job sought also lights ("je cherche un job pour l'été").
JOB_SOUGHT_WHYS: Final = frozenset((_I_SEEK, "recherche d'un poste ou d'un emploi", "recherche d'un poste"))
