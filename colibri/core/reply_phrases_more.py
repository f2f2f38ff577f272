# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The second phrase table of `colibri.core.replies`: broader lexicons, written by meaning, one family of
phrasings per line (same format as `reply_phrases.SPECS`)."""

from __future__ import annotations

from colibri.core.reply_lexicon import (
    HIRED,
    IRONY,
    JOB,
    NOT_JOB,
    REFUSED,
    SEARCHING,
    STILL,
    STOP_PERSON,
    STOP_POST,
    STOPV,
)

# Broader lexicons, written by meaning rather than from examples: each line is a family of phrasings.
MORE_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- hired ---------------------------------------------------------------------------------------
    (
        HIRED,
        "embauche",
        r"\b(?:on|ils|elles?|la boite|le patron|la patronne) me (?:a|ont) (?:pris|embauch|recrut|gard|engag|retenu|selectionn|titularis|dit oui)\w*",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\b(?:ce est|cest|tout est) signee?\b|\baffaire conclue\b|\b(?:cdi|cdd|contrat|job|poste|taf) en poche\b|(?<!diplome )(?<!diplomes )(?<!permis )(?<!bac )(?<!certificat )(?<!titre )(?<!attestation )(?<!caces )(?<!cap )(?<!bts )(?<!but )(?<!dut )(?<!bep )(?<!master )(?<!licence )(?<!code )(?<!brevet )\ben poche\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\bje ai (?:eu )?(?:le|ce) (?:job|poste|boulot|taf|contrat)\b|\ble poste est (?:pour moi|a moi)\b|\bje ai eu une reponse positive\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\b(?:premier jour|premiere semaine|premiere journee|mes debuts|nouvelle aventure|nouvelle boite|nouveau (?:job|poste|boulot|travail|taf))\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\bje (?:re)?(?:travaille|bosse) (?:a nouveau|de nouveau|maintenant|enfin|desormais)\b|\bje retravaille\b|\bje rebosse\b|\brepris (?:le travail|un poste|le boulot)\b|\bretour (?:a le|en) emploi\b",
        "hire",
    ),
    (
        HIRED,
        # (U: « aucune réponse positive » denies the positive answer.)
        "embauche",
        r"\b(?:ma )?candidature (?:a ete )?(?:retenue|acceptee|validee)\b|\bils me ont dit oui\b|(?<!aucune )(?<!pas de )(?<!sans )(?<!pas une )\breponse positive\b|\bca a marche\b|\bmission accomplie\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\bje suis (?:maintenant |enfin |desormais )?(?:salariee?|employee?|titularisee?|en cdi|en cdd|en interim|en contrat|pris|prise|chez(?! (?:moi|toi|nous|lui|eux|elle|mes parents|ma mere|mon pere|ma soeur|mon frere|ma fille|mon fils|des amis|une amie|un ami|mon ami|ma copine|mon copain|ma famille|la famille|(?:le|la|mon|ma) (?:medecin|docteur|dentiste|kine|coiffeur|coiffeuse|veto|veterinaire|garagiste|notaire|avocat|gyneco|ophtalmo|psy|orthophoniste|sage femme|specialiste|pharmacien|pharmacie|osteo|radiologue))\b))\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\bperiode de essai (?:validee|confirmee|reussie)\b|\b(?:prolongee?|transformee?|converti\w*) en cdi\b|\bcdd (?:devenu|transforme)\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\b(?:job|emploi|boulot|travail|taf|poste|cdi|cdd|contrat|mission) (?:trouvee?|decrochee?|obtenue?|signee?)\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"(?:^|[^\w\s]|\b(?:oui|yes|enfin|bon|bref|voila|ouais)\b)[ \t]*(?:re)?trouvee?s? (?:un|une|du|mon|ma|le|la) (?:nouveau |nouvel |nouvelle |super )?"
        + JOB
        + r"\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\bje ai (?:un|une|du|mon|ma) (?:emploi|contrat|job|travail|poste|boulot|taf|cdi|cdd)\b(?! (?:a|en vue|a pourvoir|pour)\b)",
        "hire",
    ),
    (HIRED, "embauche", r"\bje (?:travaille|bosse)(?=[ \t]*(?:$|[^\w\s]|merci))", "hire"),
    (
        HIRED,
        "embauche",
        r"\b(?:je )?(?:commence|demarre|debute|reprends)\b(?: le travail| le boulot)? (?:demain|lundi|mardi|mercredi|jeudi|vendredi|la semaine prochaine|le mois prochain|en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre))\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\bje ai (?:accepte|dit oui a) (?:leur|une|la|un|le|cette|son) (?:proposition|offre|poste|contrat)\b|\benfin du (?:travail|boulot|taf)\b|\byoupi\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\b(?:i am |i have been |i got |just got |now )?(?:employed|landed a job|landed a role|offer accepted)\b|\bi (?:have )?(?:accepted|took) (?:an|the|a|their) (?:offer|position|job)\b|\btook it\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\b(?:new job|job found|got a (?:job|position|role)|started a new (?:job|position|role)|signed my contract|i am working now|working now)\b|\b(?:yes )?i did\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\bje (?:rejoins|integre) (?:une|un|le|la|l|les|leur|son|sa)\b(?! ?(?:collectif|groupe|asso\w*|communaute|reseau|benevol\w*|discord|serveur))|\bje ai rejoint\b|\b(?:mon|ma) (?:embauche|titularisation|signature)\b|\b(?:cree|creer|lance|lancer|monte|monter|ouvert|ouvrir) (?:mon|ma) (?:petite? |propre |nouvelle? )?(?:auto ?entreprise|entreprise|boite|societe|activite|commerce)\b|\bje suis (?:auto ?entrepreneu\w*|a mon compte|freelance|independant\w*)\b|\bje me suis mise? a mon compte\b|\bje deviens (?:auto ?entrepreneu\w*|independant\w*|freelance)\b|^\W*(?:oui|yes|ouais)\W+enfin\b|\breussi (?:le|mon) concours\b|\bje suis fonctionnaire\b|\bils me prennent\b|\bevidemment que oui\b|^\W*got it\W*$|\bmission (?:de \d+ \w+ )?en cours\b|\bplus (?:au chomage|sans emploi|demandeu\w* de emploi)\b|\bsortie? du chomage\b",
        "",  # the negation is the hire ("je ne suis plus au chômage"): never cancelled
    ),
    # -- stop: the relay -----------------------------------------------------------------------------
    (
        STOP_POST,
        "demande d'annulation",
        r"(?<!\ba )(?<!ont )(?<!ait )(?<!ete )\bannul(?:ez|er|e|es) (?:ma|mon|mes|la|le|les|tout|ce|cette|svp)\b|\bannulez\b|\bje annule\b|\bje (?:retire|reprends) (?:ma|mon) (?:demande|annonce|candidature|post|accord)\b",
        "verb",
    ),
    (
        STOP_POST,
        "demande de retrait",
        r"\b(?:clotur|clore|fermez (?:mon|ma|le|la))\w*|\bdepubli\w*|\bde ?repost\w*|\bunrepost\w*|\bunshare\w*|\bdesactiv\w*",
        "verb",
    ),
    (
        STOP_POST,
        "abandon",
        # (W: « j'ai abandonné mon projet de création d'entreprise » gives up the project, not the search.)
        r"\bje (?:ai )?abandonn\w*\b(?! (?:mon|ma|mes|le|la|les|ce|cette) (?:projet|idee|formation|etudes|reconversion|creation|entreprise|boite|activite|societe|commerce)\b)|\b(?:je )?laisse(?:z)? tomber\b|\bi (?:give|gave) up\b|\bje (?:me retire|quitte le|ne participe plus)\b|\bfin de (?:la )?recherche\b",
        "weak",
    ),
    (
        STOP_POST,
        "plus besoin",
        r"\bplus (?:la peine|necessaire|utile|de actualite|de actu)\b|\b(?:inutile|pas la peine|pas besoin) de (?:me |nous )?(?:relanc|relai|relay|partag|continu|ecri|demand|contact)\w*",
        "weak",
    ),
    (STOP_POST, "pause", r"\b(?:en )?pause\b|\bje fais une pause\b", "weak"),
    (
        STOP_POST,
        "demande de retrait",
        r"\b(?:retirer|supprimer|enlever|effacer|arreter|stopper|depublier)(?=[ \t]*(?:$|[^\w\s]|svp|merci|please))|^\W*(?:a |merci de )?(?:retirer|supprimer|enlever|effacer|retrait)\b",
        "verb",
    ),
    (
        STOP_POST,
        "demande d'arrêt",
        r"\b(?:vous pouvez|tu peux|on peut|on) (?:arreter|arret|stopper|stop|arete)\w*|\bon arrete\b|\bbasta\b|\bhalte\b|\bsuffit\b|\bassez\b(?! (?:de temps|bien|bon|long|vite))|\bras le bol\b|\ben ai marre\b|\bmarre de\b",
        "verb",
    ),
    (
        STOP_POST,
        "refus",
        r"^\W*(?:non|no|nn|nah|nope) (?:merci|thanks|thank you|thx)\b(?! de\b)|\bnon merci\b(?! de\b)|\bsans facon\b|\bca ira\b|\bno thanks?\b|\bno thank you\b|\bnot looking anymore\b|\b(?:stopped|quit) looking\b|\bnah\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus",
        r"\bje (?:ne )?(?:veux|souhaite|voudrais|desire) (?:pas|plus|rien)\b(?! que (?:mon|ma|mes|le|la|les|on|quelqu\w*|personne)\b[^.!?\n]{0,40}\b(?:voi\w*|tombe\w*|lise|lisent|decouvr\w*|sache\w*|apprenne\w*)\b)|\b(?:veux|souhaite) plus\b|\bje ne (?:veux|souhaite|desire) (?:pas|plus)\b",
        "stopneg",
    ),
    (
        STOP_POST,
        "refus",
        r"\bje (?:ne )?prefere (?:pas|ne pas|que (?:vous )?(?:ne|arret|retir|on ne|personne))|\bje prefere (?:gerer|me debrouiller|chercher) (?:seule?|par moi|tout seul|sans)|\bje (?:gere|me debrouille) (?:seule?|tout seul|sans vous)\b",
        "stopneg",
    ),
    (
        STOP_POST,
        "refus",
        r"\bne (?:le |la |les |me |nous )?(?:partag|relai|relay|publi|diffus|repost|retweet|utilis|touch|cit|mentionn|identifi|tagu)\w* (?:pas|plus|rien|jamais)\b|\bpas de (?:partage|relais|repost|relance|message)s?\b|\baucun (?:contact|partage|relais|message)\b",
        "",
    ),
    (
        STOP_POST,
        "refus",
        r"\b(?:leave me out|take (?:me|it|this|my \w+) (?:off|down)|opt(?:ing)? ?out|remove (?:my|me|this|it|the)|delete (?:this|it|my|that))\b|\b(?:stop|enough)\b",
        "verb",
    ),
    (
        STOP_POST,
        "refus",
        r"\bi (?:do not|did not|never) (?:want|ask|agree|consent)\w*\b|\bnot interested\b|\bnot anymore\b",
        "",
    ),
    (
        STOP_POST,
        "fin",
        r"^\W*(?:fin|termine|terminee|fini|ce est (?:fini|termine)|ce etait (?:fini|termine))\b(?! (?:de|le|la)\b)|\btermine pour moi\b",
        "",
    ),
    (
        STOP_POST,
        "refus",
        r"\bplus de (?:messages?|partages?|relances?|relais|mails?|notifs?|notifications?|tags?|mentions?|reposts?|sollicitations?|questions?)\b|^\W*(?:non|no)\W+stop\b|^\W*non\W+non\W+(?:et )?non\b(?!\W*"
        + STILL
        + r"|\W*(?:mais|but) (?:on |je |nous )?(?:lache rien|lache pas|garde espoir|continue|y crois|tient bon|tiens bon|perd pas espoir)"
        + r"|\s*[😞😢😭😔😩😫😕🙁☹😿💔😓😥])",  # "non non non 😩": sadness, as "non non non, toujours rien"
        "",
    ),
    (
        STOP_POST,
        "demande d'arrêt",
        r"\bsuffi\w*|\bar+e?t+(?:ez|er|e|es)?\b|\bare+t+(?:ez|er|e|es)?\b",
        "verb",
    ),
    (
        STOP_POST,
        "refus",
        r"\b(?:me )?gene\b|\baime pas (?:que|qu on|etre)\b|\ballez voir ailleurs\b|\b(?:pas besoin|gardez|garde) (?:de )?(?:vos|tes) conseils\b|\bje (?:ne )?prefere (?:gerer|me debrouiller|chercher) (?:\w+ )?(?:seule?|par moi|tout seul|sans)\b",
        "",
    ),
    (
        STOP_POST,
        "refus",
        r"^\W*(?:pas question|hors de question|surtout pas|jamais|non et non|pas besoin|no way|never)\b|\bpas besoin(?: merci)?\W*$|\bno longer (?:job hunting|\w+ing)\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"^\W*encore(?: vous| un message| une fois)?(?![^😞😢😭😔😩😫😕🙁☹😿💔😓😥]*[😞😢😭😔😩😫😕🙁☹😿💔😓😥])\W*$|^\W*encore vous\b|\bvous etes (?:penibles?|lourds?|lourdes?|chiants?|relous?|insupportables?|agacants?|nuls?)\b|\bvous (?:lachez|arretez) jamais\b",
        "",
    ),
    (
        STOP_POST,
        "refus",
        r"\bpas concernee?s?\b|\bje ne suis pas (?:a la |en )recherche\b|\bje ne cherche pas (?:de|du|un|une|le|la|ce) (?:travail|emploi|job|poste|boulot|taf)\b|^\W*no need\b|\bje (?:decline|refuse)\b(?! (?:une|le|la|l|leur|cette|un|des) ?(?:offre|poste|proposition|cdd|cdi|contrat|mission))|"
        r"\bmais ce est (?:termine|fini)\W*$|\b(?:je mets|mettre|mettez|mets) fin\b|\baucune? (?:relance|contact|partage|message|suivi)s?\b|\bpas de suivi\b",
        "",
    ),
    (
        SEARCHING,
        REFUSED,
        r"\b(?:cherche|veux|voulais|souhaite|demande|dis|ai dit|ai jamais dit) (?:pas|jamais) (?:a |de |que vous )?(?:"
        + STOPV
        + r")\w*|\bne (?:me|nous) oubli\w* pas\b|\bdo not forget\b"
        # blind S: « merci de ne pas m'oublier » (the infinitive's negation comes first)
        r"|\bne pas (?:me|nous) oubli\w*|\bpas (?:me|nous) oublier\b",
        "",
    ),
    # -- stop: the person ----------------------------------------------------------------------------
    (
        STOP_PERSON,
        "question hostile",
        r"\bvous regarde\b|\bwho gave you\b|\bhow do you know\b|\b(?:vous sortez|sortez) de ou\b|\bde ou vous\b|\bon se connait\b|\b(?:un|une|des) (?:bot|robot|ia)\b|\bcompte bizarre\b|\bce delire\b|\bcomment (?:vous )?avez (?:vous )?(?:eu|obtenu|trouve)\b|\bqui vous a (?:\w+ )?(?:permis|autorise|donne|dit)\b|\bpersonne ne vous a\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être relayé",
        r"\b(?:je ai |je ne ai )?rien demande\b|\bjamais demande\b|\bpas (?:donne )?(?:mon|d) ?accord\b|\bpas de accord\b|\bje me oppose\b|\bopposition\b|\bsans (?:mon )?(?:consentement|accord|autorisation)\b|\bi (?:never|did not) (?:ask|agree)\w*",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\bbloqu\w*|\bblock\w*|\bsignale\w*|\breport(?:ed|ing)?\b|\bdegag\w*|\bcasse(?:z)? (?:toi|vous)\b|\btg\b|\bta gueule\b|\bferme[zr]? la\b|\bva te faire\b|\ballez vous faire\b|\bfuck\w*|\bf off\b|\bgo away\b|\bget lost\b|\bback off\b|\bcreepy\b|\bsaoul\w*|\bsoul(?:ez|er)\b|\brelou\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:mele[zr]?|occupe[zr]?) vous de vos\b|\bne vous regarde pas\b|\bvous regarde pas\b|\bce est prive\b|\blach\w* (?:moi|nous|le affaire)\b|\blaisse[zr]? (?:moi|nous)\b|\boubli\w* moi\b|\bpitie\b|\bne revenez\b|\bplus jamais\b|\bpas a vous repondre\b|\barretez de me\b|\bcombien de fois\b|\bdeja dit\b",
        "",
    ),
    (
        STOP_PERSON,
        "demande d'effacement",
        r"\b(?:retir|supprim|enlev|effac|ray|sort)\w* (?:moi|mon nom|mon profil|mon compte|mes infos?)\b|(?<!lien )(?<!page )(?<!adresse )\b(?:de|sur) (?:vos|votre) (?:listes?|fichiers?|base|site)\b|\b(?:my|your) (?:list|data|info)\b",
        "",
    ),
    # -- still searching -----------------------------------------------------------------------------
    (
        SEARCHING,
        "arrêt refusé",
        r"\b(?:pas|plus) besoin de (?:"
        + STOPV
        + r")\w*|\bpas dit de (?:"
        + STOPV
        + r")\w*|\bne "
        + STOPV
        + r"\w* (?:rien|surtout|jamais)\b|\bn(?:e)? ?(?:en)?lev\w* pas\b|\b(?:laissez|gardez) (?:le|la|mon|ma) (?:post|annonce|publication|message)\b|\bkeep (?:it|sharing|my)\b|\bdo not (?:remove|delete|stop|take)\b",
        "",
    ),
    (
        SEARCHING,
        # (W: « presque tous les jours » counts days worked, it is no « almost ».)
        "toujours en recherche",
        r"\b(?:toujours|encore) (?:disponibles?(?! *\?)|dispos?(?! *\?)|sur le marche|en attente|inscrite?|chez|au rsa|sans)\b|\bje galere\b|\bne mord pas\b|\bbredouille\b|\bon continue\b|\blache rien\b|\bje y crois\b|\bpresque\b(?! (?:tous|toutes|chaque|a temps plein|tout le temps))|\bpeut etre bientot\b",
        "",
    ),
    (
        SEARCHING,
        "toujours en recherche",
        r"\b(?:encore )?(?:un |des |que des )?refus\b|\brecalee?\b|\bpas (?:ete )?retenue?s?\b|\b(?:donnee?|attribuee?|pris|choisi|retenu|prefere|trouve|embauche|recrute|engage) (?:a )?quelqu.un de autre\b|\bun autre candidat\b|\brompue?\b|\bperdu mon (?:job|emploi|travail|poste|cdd)\b|\bfin de (?:contrat|mission|cdd)\b",
        "",
    ),
    (
        SEARCHING,
        "toujours en recherche",
        r"\bje (?:re)?cherche\b(?! "
        + NOT_JOB
        + r")|\bje (?:continue|postule)\b|\bje ne trouve rien\b|\bje trouve rien\b|\brien (?:de rien|trouve|de concret|de signe|du tout)\b|\bpersonne (?:ne )?(?:me )?(?:a )?rappel\w*|\baucun (?:appel|retour|entretien)\b|\bque des (?:refus|reponses negatives|non)\b|\bpeu de retours?\b|\bzero (?:reponse|retour|appel)\b",
        "",
    ),
    (
        SEARCHING,
        "toujours en recherche",
        r"\b(?:continue[zr]?|merci de continuer) (?:a |de )?(?:partag|relay|relai|chercher|postul|diffus)\w*|\brelayez encore\b|\brepartag\w*|\bne retirez rien\b|\bje (?:attends|attend) (?:une|des|le|la|leur)\b|\bpas encore\b",
        "",
    ),
    (
        SEARCHING,
        "toujours en recherche",
        r"\bau point mort\b|\bca (?:ne )?bouge pas\b|\brien ne bouge\b|\brate\b|\bje devrais avoir une reponse\b|\b(?:un |mon )?(?:deuxieme |second |autre |dernier )?entretien (?:lundi|mardi|mercredi|jeudi|vendredi|demain|la semaine|bientot|final)\b|\brelancez\b|\bmerci de demander\b|\bthanks for asking\b|\bnothing yet\b|\bno luck\b|\bstill\b|\bsadly\b|\bnot (?:hired|yet)\b|\bno job\b|\bon the hunt\b|\bkeep (?:it up|going)\b|\bunemployed\b",
        "",
    ),
    (
        IRONY,
        "emploi fini ou pas un emploi",
        r"\b(?:fini|finie|termine|terminee) depuis\b|\b(?:de nouveau|a nouveau|re) ?(?:en recherche|au chomage)\b|\bje recherche (?:de nouveau|a nouveau)\b|"
        r"\b(?:formation|stage|essai|benevolat) (?:\w+ )?(?:non (?:payee?|remuneree?)|gratuite?)\b|\bpas (?:encore )?(?:de boulot|de travail|de emploi|embauchee?)\b|"
        r"\brien de signe\b|\bpas (?:encore )?signee?\b|\bperdu (?:mon|le) (?:job|emploi|travail|poste)\b|\bj ai refuse (?:une|le|la|l|leur) ?(?:offre|poste|proposition)\b|\bje ai refuse (?:une|le|la|leur) ?(?:offre|poste|proposition)\b",
        "",
    ),
    (
        IRONY,
        # (W: « presque tous les jours » counts days worked, it is no « almost ».)
        "ironie",
        r"\bpresque\b(?! (?:tous|toutes|chaque|a temps plein|tout le temps))|\bdans mes reves\b|\bvous rigolez\b|\btu rigoles\b|\bje reve\b|\bmdr trouve\b|\bce est fini maintenant\b|\bretour a la case depart\b|\blicenciee?\b|\bperiode de essai (?:non concluante|rompue|arretee)\b",
        "",
    ),
    (
        IRONY,
        "ironie",
        r"\bla bonne blague\b|\bet moi je suis\b|\bmdr non\b|\blol non\b|\btrouve quoi\b|\bgenial,? encore\b|\bporte close\b|\bhaha non\b|\bah ah,? non\b|\bce est ca (?:oui|ouais)\b|\b(?:ouais|oui) (?:ouais|oui),? ce est ca\b|\bmais bien sur\b",
        "",
    ),
)
