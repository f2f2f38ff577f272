# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The phrase tables of `colibri.core.replies` written after each blind set (B, C, D) was read: polite
refusals, suspicion, third parties, terse hires, other languages (same format as `reply_phrases.SPECS`)."""

from __future__ import annotations

from colibri.core.reply_lexicon import DAYS, HIRED, IRONY, KIN, REFUSED, SEARCHING, STOP_PERSON, STOP_POST

# Families read on blind set B (written by someone else) and on replies_families.jsonl: polite refusals,
# suspicion, annoyance, jobs that ended, third parties, other languages spoken by the seekers, auto-replies.
FAMILY_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- hired ---------------------------------------------------------------------------------------
    (
        HIRED,
        "embauche (un proche répond)",
        # "Mon père me demande de vous dire qu'il a retrouvé un poste" (W): the relative's news, relayed.
        r"(?:\b(?:mon|ma) "
        + KIN
        + r"|\b(?:mon|ma) "
        + KIN
        + r"\b[^.!?]{0,60}\b(?:dire|dit|prevenir|informer|annoncer) (?:que|qu) (?:il|elle)"
        + r"|(?<=repond :) (?:il|elle)|^\W*(?:il|elle)\b)"
        + r" (?:a (?:enfin |bien |finalement )?(?:re)?(?:trouve|decroche|signe|commence|demarre|ete (?:embauch|recrut|pris|engag))|est (?:embauch|recrut|pris|engag|en poste|en cdi|en cdd))\w*(?! (?:une offre|pour (?:moi|toi|vous)|quelqu|un autre|une autre))",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\b(?:oui|je suis|je travaille|je bosse|je fais de le|je fais des|trouve|placee?) (?:\w+ ){0,3}(?:en |de le |une mission de |des missions de |en mission de )?interim\b|\bme (?:a|ont) (?:placee?|casee?|reprise?|titularisee?)\b|\b(?:je suis (?:maintenant |desormais |enfin |officiellement )?devenue?|je suis (?:maintenant|desormais|officiellement)|installee? comme|me suis installee? comme) (?:un |une )?(?:assistante?|agent|aide|auxiliaire|chauffeu\w*|vendeu\w*|conseill\w*|technicien\w*|infirmi\w*|educat\w*|animat\w*|secretaire|cuisini\w*|serveu\w*|employee?|ouvrie\w*|caissi\w*|magasinier\w*|comptable|format\w*|plombier|electricien\w*|manutentionnaire|preparat\w*|cariste|livreu\w*|factrice|facteur|developpeu\w*|ingenieu\w*|professeu\w*|prof|enseignant\w*|coiffeu\w*|boulang\w*|operat\w*|mecanicien\w*|jardinier\w*|menuisier\w*|macon|peintre|soudeu\w*|gardien\w*|surveillant\w*|standardiste|hotesse|receptionniste|commerciale?|manager|responsable|cheffe?|directeu\w*|directrice|artisan\w*|paysagiste|agricult\w*|maraich\w*|infographiste|graphiste|traducteu\w*|redact\w*|ambulanci\w*|aide soignant\w*|brancardi\w*|couvreu\w*|carreleu\w*|poseu\w*|monteu\w*|metallier|chaudronni\w*|ouvrier)\b|\bje suis depuis (?:peu|quelques (?:jours|semaines|mois)|\d+ (?:jours|semaines|mois)) (?!au |a la |sans |en recherche|inscrit|dispo|demandeu|chomeu)\w+|\b(?:mission|contrat|cdd|interim) (?:\w+ ){0,2}en cours\b|"
        r"\b(?:je suis|oui|job|poste|emploi|contrat|travail) (?:\w+ ){0,2}saisonniere?\b|\bje suis en (?:alternance|apprentissage)\b|\bje suis (?:engagee?|prise?)\b|\bje remplace (?:une|un|quelqu)\b|\b(?:choisie?|selectionnee?) parmi\b|\b(?:engagee?|embauchee?|recrutee?|prise?) comme\b(?! (?:benevole|volontaire))|"
        r"\bme suis (?:mise? |installee? )?a mon compte\b|\bje suis (?:a mon compte|freelance|independante?|auto ?entrepreneu\w*)\b|\b(?:cree|creer|lance|monte|ouvert) (?:mon|ma) micro ?entreprise\b|"
        r"\bce est bon pour moi\b|\bce est regle\b(?=[^.!?\n]{0,30}\b(?:pris|prise|embauch|recrut|signe|poste|contrat|cdi|cdd|job|travail|boulot|commence))",
        "hire",
    ),
    (
        HIRED,
        "embauche (autre langue)",
        r"\b(?<!ma )(?<!nicht )(?:trovato|gefunden|l9it|lqit|lgit|l9ite|lqite)\b|\b(?:encontre|consegui|consigo) (?:un |una |um |uma |el |la |o )?(?:trabajo|empleo|curro|emprego|trabalho|puesto)\b|\b(?:tengo|estoy) (?:trabajo|trabajando)\b|\bestou (?:a )?trabalh\w*|\bho (?:un )?lavoro\b",
        "hire",
    ),
    # -- still searching -----------------------------------------------------------------------------
    (
        SEARCHING,
        "toujours en recherche",
        r"\bje suis (?:toujours |encore |de nouveau |a nouveau )?dispo\w* (?:des|a partir|immediatement|de suite|tout de suite|maintenant)\b|"
        r"^\W*(?:toujours |encore )?dispo\w*\b(?! pour (?:en parler|discuter|un appel|echanger|repondre))",
        "",
    ),
    (
        SEARCHING,
        "toujours en recherche (autre langue)",
        r"\b(?:todavia no|aun no|sigo buscando|busco (?:todavia|aun)|ainda nao|ainda (?:procur|estou)\w*|continuo (?:a )?procur\w*|non ancora|ancora (?:niente|no|cerco)|cerco ancora|noch nicht|suche (?:noch|weiter|immer)|immer noch (?:auf der suche|nichts)|mazal|mazel|walou|walo|kan9elleb|kanqelleb|kan9aleb|kanqaleb)\b",
        "",
    ),
    (
        SEARCHING,
        "non",
        r"^\W*(?:(?:bah|ben|bin|beh|be|eh|euh|hum|hmm|ouais|oui|alors|franchement|helas|malheureusement|ah|oh|bon)\W+)+(?:non|no|nope|nop|nan|pas encore|toujours pas)\b|^\W*(?:nop|nenni|pantoute|nein|nada|nope?)\b",
        "",
    ),
    (
        SEARCHING,
        REFUSED,  # "mon CDD s'est arrêté": a job that ended, not a stop
        r"\b(?:il|elle|ca|contrat|cdd|cdi|mission|job|boulot|interim|taf|poste|saison) (?:se est|s est|est|sont|a ete|se|s) (?:arrete|termine|fini|finit|interrompu|stoppe|acheve)e?s?\b",
        "",
    ),
    (
        IRONY,
        # (W: « j'avais une promesse » is a promise, not a job that ended: what follows tells.)
        "emploi fini",
        r"\bje avais (?:trouve|signe|un|une|decroche)\b(?! promesse)|\bpuis remerciee?\b|\b(?:puis|mais|et) (?:je le ai |le ai )?perdu\b|\bils ont (?:tout )?annule\b|\b(?:mais|et) ce est deja (?:fini|termine)e?\b|\bla plus rien\b|\bdepuis plus rien\b|\bme suis fait (?:virer|licencier|remercier|jeter|lourder)\b|\b(?:ce est|ce etait) (?:fini|termine)e?,? (?:je|donc|et|alors) (?:je )?(?:re)?cherch\w*|\bne (?:me |nous )?(?:ont|a) pas (?:gardee?|reprise?|retenue?|prise?|embauchee?|renouvelee?)\b|\ba pris fin\b|\b(?:de nouveau|a nouveau) disponible\b|\bpromesse (?:\w+ ){0,3}annulee\b|\bremerciee? (?:pendant|durant|a la fin de|apres|au bout)\b|\bretour a la case\b|\bne a pas dure\b|\bpas (?:ete )?(?:renouvelee?|reconduite?|prolongee?)\b|\bjob (?:ended|is over)\b|\bcontract ended\b",
        "",
    ),
    # -- stop ----------------------------------------------------------------------------------------
    (
        STOP_POST,
        "demande d'oubli",  # "merci d'oublier mon annonce", "zappez-moi" (fresh7); "n'oubliez pas mon post" is no stop
        r"\b(?:oubli\w*|zapp\w*) (?:mon annonce|mon post|ma demande|mon profil|mon cv|ma candidature|moi|tout ca|mon existence)\b",
        "verb",
    ),
    (
        STOP_POST,
        "refus poli",
        r"\bdeclin\w*\b(?! (?:une|le|la|l|leur|cette|un|des|son|sa|ses|leurs) ?(?:offre|poste|proposition|cdd|cdi|contrat|mission)s?)|\bpasse mon tour\b|\ben rester la\b|\bon en reste la\b|\bce est regle\b|\bca (?:ira|va faire)\b|\btres peu pour moi\b|"
        r"^\W*(?:nein,? danke|nao,? obrigad[oa]|no,? grazie)\b|^\W*(?:classee?|clos|close|affaire classee)\W*(?:merci\w*)?\W*$|\b(?:qu on|que vous|que on) me laiss\w*|\brather not\b|\bleave (?:it|me)\b|\bno gracias\b|\bplus disponible pour (?:ce|ces|vos|les|ca)\b|\brespecte[rz]? (?:ca|cela|mon choix|ma decision|ma vie)\b|\b(?:je ne|ne pas|je vais pas|je ne vais pas|prefere pas) donner suite\b|\bdonnerai pas suite\b|\bpasser a autre chose\b|\b(?:me |m )?passer(?:ai|ons|a|ez)? (?:bien )?de (?:vos|votre|ton|tes|ce|ces|cette) (?:services?|aide|relais|conseils?|messages?|relances?|suivi|collectif|initiative)\b|\bje prefere (?:\w+ )?(?:gerer|me debrouiller|chercher|faire|continuer|avancer|me occuper)(?: \w+){0,3} (?:seule?|par moi|tout seul|sans|de mon cote)\b|\bsans intermediaires?\b|^\W*(?:non|bon|ok|ouais|oui)?\W*ce est bon\W*(?:merci\w*(?: bien| beaucoup)?)?\W*$|\bi am (?:good|fine|ok|all set)\b(?! (?:at|with|in)\b)|^\W*(?:ca va,? )?je (?:gere|me debrouille)\W*(?:merci\w*)?\W*$|\b(?:je suis|chus|chui) (?:correcte?|bien) (?:merci|comme ca)\b|\bca me va comme ca\b|\bje suis bien comme ca\b|\b(?:ok|bon|allez|ouais)\W+(?:bye|ciao|adieu|au revoir)\W*$|\b(?:no|pas de|sans) comments?(?:aires?)?\b|\bune (?:bonne )?fois pour toutes\b|\bnon ce est non\b|\ballez,? (?:au revoir|bye|salut|ciao|adieu)\b|\badieu\b|\b(?:occupe[rz]?|aide[rz]?|adresse[rz]?|tourne[rz]?|consacre[rz]?) (?:vous )?(?:de |a |vers )?(?:quelqu.un de autre|de autres (?:personnes|gens|candidats)|autre chose)\b|\bce est bon comme ca\b|\blaisse[zr]? (?:courir|faire|pisser)\b|^\W*non,? ca va\b(?! (?:bien|mieux))|\b(?:il|elle) ne (?:veut|souhaite|desire) plus\b|\b(?:il|elle) ne (?:veut|souhaite|desire) pas (?:etre|que vous|de vos|recevoir|de messages?)\b|\bnot (?:searching|looking) any ?(?:more|longer)\b|\bnon,? (?:definitivement|categoriquement|merci bien)\b|\bdefinitivement non\b|\b(?:me |m )?en passer\b|\bsans moi\b|\bgarder (?:ca|cela|tout ca) pour moi\b|\bcouper court\b|\bje (?:me )?retire de\b|\bpas besoin de (?:votre|vos|ton|ta) (?:aide|service|conseil)s?\b|\bno thanks\b|\bnot comfortable\b|\bpas (?:a l aise|confortable)\b|\b(?:veux|veut|veu) pu\b|\bpas envie de (?:repondre|vous|en parler|etre)\b",
        "",
    ),
    (
        STOP_PERSON,
        "méfiance",
        r"\bphishing\b|\bhameconn\w*|\b(?:pas|aucune|plus) (?:\w+ )?confiance\b|\bconfiance (?:en|a) (?:vous|ce|ces|votre)\b|\bme mefie\w*|\bmefiante?\b|\blouche\b|\bsuspect\w*|\bfaux compte\b|\bdouteu(?:x|se)\b|\bdemarchage\b|\bpas net\b|\bfake\b|\binconnus?\b|\bclique (?:sur )?rien\b|\bescro\w*|\bvirus\b|\bcollect\w* (?:des |mes |de )?(?:donnees|infos|informations)\b|\bou avez vous (?:eu|trouve|obtenu|pris)\b",
        "",
    ),
    (
        STOP_PERSON,
        "agacement",
        r"\bce est (?:lourd|penible|saoulant|agacant|usant|lassant|relou|chiant|du harcelement|insupportable)\b|\b(?:deja|ca fait|pour la) (?:\w+ )?(?:deux|trois|quatre|cinq|\d+|plusieurs|mille|enieme|nieme) fois\b|\b(?:pose|demande|dit|repondu|ecrit) (?:\w+ ){0,3}(?:deux|trois|quatre|cinq|\d+|plusieurs|mille) fois\b|\bdeja (?:pose|repondu|dit|ete demande)\b|\brien de autre a faire\b|\b\d+ ?e(?:me)? message\b|\bencore un message\b|\bvotre harcelement\b|\bconnais (?:pas|meme pas|absolument pas|point|rien de) (?:ce|cette|ces|votre|vos|ton|ta|vous|cet)\b|\bpas besoin (?:de|d) (?:un |une |votre |vos |de le |de la )?(?:collectif|vous|aide|relais|service|association|asso|ca|cela|bot|robot|compte)\b|\bvous (?:faites|fait|allez faire|comptez faire|avez fait|foutez) (?:quoi )?(?:\w+ )?(?:avec|de) (?:mes|mon|ma|ce que|ca)\b|\bque vous (?:ayez|avez|possedez) (?:mon|ma|mes)\b|\b(?:de )?ou vous (?:tenez|sortez|avez eu)\b|\b(?:il)?legal\w*|\binterdit\w*|\bque (?:cela|ca|tout ca|ceci) (?:cesse|se arrete|arrete|stoppe|finisse|prenne fin)\b|\b(?:au revoir|adieu|bye) definitivement\b|\bdefinitivement au revoir\b|\bderniere fois que je\b|\bsans (?:me |nous )?(?:demander|prevenir|consulter|avertir)\b|\bsans (?:mon )?avis\b|\bvous etes serieu(?:x|se|ses)\b|\bserieusement\W*\?|\bjuriste\b|\btribunal\b|\bpoursuites?\b|\bmise en demeure\b|\bhuissier\b|\bsecte\b|\brevend\w*|\b(?:vous ai|vous avais|vous avons|on vous a|ai deja|avais deja|avons deja) (?:deja )?dit non\b|\bencore (?:une|un) (?:relance|message|mail|notif\w*|rappel)\b|\bcommence a (?:bien )?(?:faire|me (?:souler|gaver|fatiguer|enerver|saouler))\b|^\W*(?:pf+|rho+|oh|ah|rah|mais|serieux|serieusement|franchement|non mais|oh non|sans rire|vraiment)\W+encore\W*$|\btannee?s?\b|\bachal\w*|\becoeur\w*|\bgosse[rz]?\b|\bniaise[rz]?\b|\bencore vous\b|\b(?:relanc|harcel|spamm|sollicit|ecrit|contact|tagu|mentionn)\w* (?:\w+ ){0,2}(?:tous les|toutes les|chaque) (?:jours?|semaines?|mois|deux jours)\b|\b(?:relanc|sollicit|harcel)\w* (?:sans arret|sans cesse|en boucle|a repetition)\b|\bbaskets\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:no me|nao me|non mi|kein|keine) (?:contact|escrib|mand|scriv|mensaj|nachricht)\w*|\bbasta\b|\blass(?:en sie)? mich\b|\bnicht mehr\b|\bdeja(?:me|dme) en paz\b|\bsmett\w*|\bpara(?:r)? de (?:me|mandar|escribir)\b|\berreur de personne\b|\b(?:pas|mauvaise) (?:cette |la bonne )?personne\b|\bvie privee\b|\bdonnees personnelles\b|\bprotection des donnees\b|\barticle 17\b|\bdroit de (?:acces|suppression|rectification|opposition)\b|\bvous (?:vous )?trompez de personne\b|\bce (?:ne )?est pas (?:mon|ma) (?:annonce|post|demande|message)\b|\bpas moi qui\b|\bjamais (?:publie|poste|ecrit|fait) de\b|\bnot my (?:post|request)\b|\bwrong person\b",
        "",
    ),
)
# Families read on blind set C: hires said without a verb of finding or signing (a signature date, a
# "prise de poste", a mission "chez X" given as the whole answer, "je suis au taf"), or found "via
# Indeed", "par moi-même" (another channel is still a hire); waiting for an answer after an interview;
# then the families of answers written afterwards in new words (prospects, seasons, refusals).
TERSE_SPECS: tuple[tuple[str, str, str, str], ...] = (
    (
        HIRED,
        "embauche (trouvé ailleurs)",
        r"(?:^|[^\w\s]|\b(?:oui|yes|enfin|bon|bref|voila|ouais|finalement|je ai|ai)\b)[ \t]*(?:finalement |enfin )?(?:re)?trouvee?s? (?:finalement |enfin )?(?:via|par|sur|grace a|avec|tout seule?|toute seule|moi meme|par moi meme|de mon cote|ailleurs|autrement|directement|en direct|en passant par|sans vous)\b(?! (?:votre|vos|ce|cette|cet|hasard|une offre|des offres|le lien|un lien|une annonce|quelqu))(?![^.!?\n]*\b(?:offres|annonces|pistes|rien|pas (?:encore|de|signe)|postul\w*)\b)",
        "hire",
    ),
    (
        HIRED,
        "embauche (prise de poste)",
        r"\bprise de (?:poste|fonctions?)\b(?! (?:possible|souhaitee?|immediate|des que|a definir|inconnue))|\bsignature (?:de le |du |de mon |de ma )?(?:contrat |cdi |cdd |promesse )?(?:"
        + DAYS
        + r"|ce |cette |la semaine|le \d|\d)|\bdate de (?:debut|demarrage|prise de poste|embauche)\b|\bje (?:signe|signerai|vais signer) (?:mon|ma|le|la|un|une) (?:contrat|cdi|cdd|promesse)\b",
        "hire",
    ),
    (
        HIRED,
        "embauche (au travail)",
        r"\b(?:je suis|suis|chui|la je suis) (?:actuellement |en ce moment |deja )?(?:au|en plein|sur mon|a mon) (?:taf|boulot|travail|bureau|chantier|turbin|poste)\b|\bla je (?:bosse|travaille)\b|\bje sors (?:de le|du) (?:taf|boulot|travail)\b",
        "hire",
    ),
    (
        HIRED,
        "embauche (un contrat en réponse)",
        r"^\W*(?:(?:oui|ouais|yes|bon|alors|enfin|voila|bah|ben|eh bien|et bien)\W+)*(?:un |une |mon |ma |des )?(?:mission|contrat|cdd|cdi|poste|job|boulot|taf|interim|vacation|remplacement|saison)s?\b[^.!?\n]{0,40}?\b(?:chez|dans (?:une|un|la|le|les)|a|au|pour (?:une|un|la|le))\b"
        r"(?![^\n]*(?:\?|\b(?:pas|en vue|vise|possible|refus\w*|rate|annul\w*|termin\w*|fini\w*|perdu|rompu\w*|entretien|candidature|postul\w*|attend\w*|attente|esper\w*|peut etre|si|propos\w*|offre|pourvoir|cherche\w*|recrut\w*)\b))",
        "",  # the lookahead above is its negation: an ended, refused or offered contract is no hire
    ),
    (HIRED, "embauche", r"^\W*(?:(?:oui|ouais|yes|bon|enfin)\W+)?ca y est\W*$", "hire"),
    (
        HIRED,
        "embauche",
        r"\bdans la poche\b|(?:^|[^\w\s])[ \t]*(?:titularisee?s?|engagee?s?|admise?s?)\b(?! (?:dans (?:une|un|le|la) (?:asso\w*|collectif|parti|syndicat)|comme benevole))|\b(?:recue?|admise?|laureate?) (?:a le|au) concours\b|"
        r"\bje (?:prends|prendrai|vais prendre) (?:mon|le|mes) (?:poste|fonctions)\b|\bje enchaine (?:les|des) (?:missions|contrats|cdd|interims?|remplacements)\b|"
        r"\b(?:je ouvre|ouvre|ouvrir|ouvert|monte|lance|cree) (?:mon|ma) (?:propre |petite? )?(?:salon|cabinet|boutique|restaurant|resto|atelier|magasin|food ?truck|institut|agence|epicerie|garage)\b|"
        r"\bstarted (?:a|my|the) (?:new )?(?:job|position|role)\b",
        "hire",
    ),
    # -- stop, found on new phrasings after C: a negated request about contact, discomfort --------------
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\bne (?:me|nous) (?:re)?(?:contact|ecri|relanc|sollicit|envoy|demand|questionn|tagu|mentionn|identifi|harcel|derang|ennuy|embet)\w* (?:pas|plus|jamais)\b|"
        r"\bintrusi(?:f|ve|on)\b|\bindiscret\w*|\binvasi(?:f|ve)\b|\b(?:ce est|trouve ca|vraiment|completement|assez) deplacee?\b|\bsans gene\b|\bquel culot\b",
        "",
    ),
    (
        HIRED,
        "embauche",
        r"(?:^|[^\w\s]|\b(?:actuellement|maintenant|desormais|enfin|deja|oui|yes|ouais))[ \t]*en poste\b|"
        r"\bme suis (?:installee?|lancee?|mise? a mon compte) (?:comme|en tant que|en)\b|"
        r"\bje fais (?:des|les|de le|du|la) (?:remplacements?|missions?|vacations?|interims?|saisons?|vendanges|cueillettes?|recoltes?|moissons?)\b(?![^.!?\n]*\b(?:mais|rien|cherche\w*|pas)\b)",
        "hire",
    ),
    (
        SEARCHING,
        "en attente d'une réponse",
        r"\b(?:poste|job|cdi|cdd|contrat|mission|embauche|boulot|taf) (?:\w+ ){0,3}?(?:possible|en vue|envisageable|probable|potentiel(?:le)?)\b|"
        r"\bje ai eu (?:des|un|une|deux|trois|quelques|plusieurs) (?:appels?|coups? de fil|contacts?|retours?|touches?)\b|\bsur le point de\b|"
        r"\bhesit\w* entre\b|\bchomage\b|\bca avance (?:doucement|lentement|petit a petit|pas|pas vite|peu)\b|\breponses? negatives?\b|"
        r"\b(?:pris|choisi|retenu|prefere|recrute|embauche) (?:quelqu.un|une autre personne|un autre profil|un candidat) (?:en interne|de plus \w+)\b|"
        r"\b(?:todavia|aun|sigo) buscando\b|\bbuscando (?:todavia|aun|trabajo|empleo)\b|\b(?:ainda )?a procura\b|\bprocurando\b|\b(?:sto )?(?:ancora )?cercando\b|"
        r"\brien de (?:neuf|nouveau|special|particulier)\b|\b(?:bientot,? je espere|je espere bientot)\b|"
        r"\bje espere (?:trouver|signer|decrocher|avoir (?:une|des|leur) (?:reponse|nouvelles))\b|"
        r"\b(?:on|ils|elles?|le recruteur|la recruteuse|la boite|le patron|la patronne|la rh|les rh|le employeur) "
        r"[^.!?\n]{0,30}?\b(?<!vous )(?:rappeler|rappeller\w*|rappeler\w*|recontacter|recontacter\w+|repondre|repondr\w+|"
        r"donner (?:une |leur |sa )?reponse|donneront|donnera)\b",
        "",
    ),
    (IRONY, "ironie", r"^\W*(?:oui|ouais|yes)\W+(?:mais|but) (?:non|no|nan|bon)\b", ""),
    (IRONY, "emploi fini", r"\bplus (?:en poste|sous contrat|en contrat|en mission|salariee?)\b", ""),
    (
        SEARCHING,
        "en attente d'une réponse",
        r"\ben attente (?:de |d )?(?:la |une |leur |sa |des )?(?:reponse|retour|decision|nouvelles|resultats?)s?\b|\b\d+ ?e(?:me)? entretien\b|\b(?:apres|suite a) (?:le |mon |un |une |leur )?(?:\w+ )?entretien\b",
        "",
    ),
)
# Families read on blind set D: the end of unemployment said as news ("fin de la galère", "fin du
# chômage"), an English hire without "I" ("Found a job, you can take my post down").
D_SPECS: tuple[tuple[str, str, str, str], ...] = (
    (
        HIRED,
        "embauche (fin du chômage)",
        r"\bfin (?:de la galere|du chomage|de le chomage|de mes recherches|de ma recherche|des recherches)\b|"
        r"\bperiode de essai (?:est |a ete )?(?:validee?|confirmee?|reussie|concluante)\b",
        "weak",
    ),
    (
        HIRED,
        "embauche",
        r"(?:^|[^\w\s])[ \t]*(?:just |finally )?(?:found|got|landed) (?:a |an |the |my )?(?:new )?(?:job|position|role|work|contract)\b(?! (?:ad|posting|listing|offers?|for)\b)",
        "hire",
    ),
)
