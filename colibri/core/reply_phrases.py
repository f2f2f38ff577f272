# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The first phrase table of `colibri.core.replies`: (kind, label, pattern, cancel mode) per family of
phrasings, on folded text. Written for the first round of labelled answers."""

from __future__ import annotations

from colibri.core.reply_lexicon import (
    CONTACT_VERBS,
    DATA,
    DAYS,
    FOUND_TAIL,
    HIRED,
    IRONY,
    NO,
    NOT_A_JOB,
    NOT_JOB,
    RELAY_VERBS,
    SEARCHING,
    SIGNED_TAIL,
    STOP_PERSON,
    STOP_POST,
    STOP_VERBS,
    YES,
)

# (kind, label, pattern, cancel mode). Cancel modes: "hire" = negation/condition in the 3 words
# before; "verb" = a negation bound to the verb; "weak" = a weak negation or a condition before;
# "" = never cancelled (the pattern carries its own negation, or is hostile whatever is around it).
SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- hired ---------------------------------------------------------------------------------------
    (
        HIRED,
        "embauche",
        r"\bje ai (?:enfin |finalement |bien |deja )?(?:re)?trouvee?\b" + FOUND_TAIL,
        "hire",
    ),
    (HIRED, "embauche", r"\bje ai (?:enfin |finalement |bien |deja )?trouver\b" + FOUND_TAIL, "hire"),
    (HIRED, "embauche", r"\bje ai (?:enfin |finalement |bien |deja )?signee?\b" + SIGNED_TAIL, "hire"),
    (
        HIRED,
        "embauche",
        r"\bje ai (?:enfin |finalement )?(?:eu|obtenu|decroche|signe|trouve|retrouve|trouver|accepte) "
        r"(?:le|un|une|mon|ma|du|enfin un|enfin une|l|la) ?(?:nouveau |nouvel |nouvelle |super )?"
        r"(?:poste|job|cdi|cdd|contrat|travail|emploi|boulot|taf|interim|mission)\b",
        "hire",
    ),
    (HIRED, "embauche", r"\bje ai accepte (?:une|le|la|l|leur|cette) ?(?:offre|proposition)\b", "hire"),
    (HIRED, "embauche", r"\bje ai accepte\b(?=[ \t]*(?:$|[^\w\s]))", "hire"),
    (
        HIRED,
        "embauche",
        r"\b(?:je (?:suis|ai ete)|ai ete|suis) (?:enfin |bien |officiellement )?"
        r"(?:embauchee?|recrutee?|engagee?|prise?|retenue?|selectionnee?)\b",
        "hire",
    ),
    (HIRED, "embauche", r"(?:^|(?<=[^\w\s])|\benfin )[ \t]*(?:embauchee?s?|recrutee?s?)\b", "hire"),
    (HIRED, "embauche", r"(?:^|(?<=[^\w\s]))[ \t]*(?:re)?trouvee?s?(?=[ \t]*(?:$|[^\w\s]|merci))", "hire"),
    (
        HIRED,
        "embauche",
        r"(?:^|(?<=[^\w\s]))[ \t]*(?:signee?s?|casee?s?|enfin casee?s?)(?=[ \t]*(?:$|[^\w\s]|merci|cdi|cdd))",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\btransformee? en (?:cdi|cdd)\b|\bje fais partie (?:de (?:le |la )?equipe|des effectifs|de les effectifs|du personnel|de le personnel)\b|\benfin casee?s?\b",
        "hire",
    ),
    (HIRED, "embauche", r"\b(?:cdi|cdd|contrat|promesse)\b[^.!?\n]{0,40}?\bsignee?s?\b", "hire"),
    (HIRED, "embauche", r"\bpromesse de embauche\b", "hire"),
    (HIRED, "embauche", r"\bete (?:embauch|recrut|engag|selectionn|retenu)\w*", "hire"),
    (
        HIRED,
        "embauche",
        r"\bje (?:travaille|bosse|suis salariee?) (?:la bas |ici )?(?:depuis|chez|dans|en|a|pour|comme|maintenant)\b|"
        r"\bje viens de (?:signer|commencer|demarrer|etre (?:embauch|recrut|pris|engag))\w*(?! (?:une |ma |un |mon )?(?:formation|stage|bilan|essai)\b)|"
        r"\bje ai integre (?:une|un|le|la|l|les)\b|\bi (?:have )?found (?:one|it|work)\b|\bfound one\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\benfin (?:un |une |mon |ma )?(?:cdi|cdd|job|poste|travail|emploi|boulot|contrat)\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\bje ai (?:enfin )?(?:un|du|mon|une) (?:nouveau |nouvel |nouvelle |vrai )?"
        r"(?:boulot|taf|travail|job|emploi|poste|cdi|cdd|contrat)\b"
        r"(?! (?:a|en vue|a pourvoir|pour)\b)",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\b(?:je (?:commence|demarre|debute|reprends)|je ai (?:commence|demarre|debute)|i start|i am starting|i started) "
        r"(?!"
        + NOT_A_JOB
        # "je commence à désespérer / à en avoir marre": a verb after "à" is no start date nor place
        + r")(?!a (?:en |me |y |vous |le |la |les )?(?:\w+(?:er|ir|oir)|etre|faire|perdre|croire|comprendre|prendre)\b)"
        + r"(?:(?:le|la|ce|en|dans|chez|un|une|mon|ma|my|on|next|a|an) |"
        + DAYS
        + r"|\d)",
        "hire",
    ),
    (HIRED, "embauche", r"\b(?:suis|je suis|moi) en (?:poste|periode de essai|cdi|cdd)\b", "hire"),
    (HIRED, "embauche", r"(?:^|[^\w\s]|\bje suis )[ \t]*en periode de essai\b", "hire"),
    (
        HIRED,
        "embauche",
        r"\bi (?:have |had )?(?:just |finally |now )?(?:found|got|landed|accepted|signed) "
        r"(?:a |an |my |the )?(?:new )?(?:job|position|role|offer|contract)\b(?!(?: offers?)? (?:ad|posting|listing|for)\b)",
        "hire",
    ),
    (HIRED, "embauche", r"\bgot (?:the|a|my) (?:new )?(?:job|position|role|offer)\b(?! for\b)", "hire"),
    (HIRED, "embauche", r"\b(?:i (?:am|was|have been|got|just got) )?(?:finally )?hired\b", "hire"),
    # -- stop: the relay -----------------------------------------------------------------------------
    (STOP_POST, "demande d'arrêt", r"\bstop(?:pe[zr]?|e[zr]?|s)?\b(?! ?motion)", "verb"),
    (STOP_POST, "demande d'arrêt", r"\bs[ .\-_*]+t[ .\-_*]+o[ .\-_*]+p\b", ""),
    (STOP_POST, "demande d'arrêt", r"\bar+e+t+(?:ez|er|e|es|ons)\b", "verb"),
    (STOP_POST, "demande de retrait", r"\b(?:retirez|supprimez|enlevez|effacez|cessez)\b", "verb"),
    # "stop sharing / publishing" in the languages seekers answer in besides French and English.
    (
        STOP_POST,
        "demande de retrait",
        r"\b(?:dejen|deja|dejad|dejar) de (?:compartir|publicar|difundir|mencionar|etiquetar|enviar)\b"
        r"|\bno (?:compartan|publiquen|difundan|compartas|publiques)\b"
        r"|\b(?:parem|pare|parar) de (?:compartilhar|partilhar|publicar|divulgar)\b"
        r"|\bnao (?:compartilhem|partilhem|publiquem)\b|\bsmett\w* di (?:condividere|pubblicare)\b"
        r"|\bhort? auf\w* (?:zu )?(?:teilen|posten)\b|\bnu mai (?:distribuiti|publicati|postati)\b"
        r"|\bprzestan\w* (?:udostepniac|publikowac)\b",
        "",
    ),
    (
        STOP_POST,
        "demande de retrait",
        r"\b" + STOP_VERBS + r"\w* (?:mon|ma|mes|le|la|les|ce|cette|cet|this|my|the|votre) "
        r"(?:annonce|post|publication|message|demande|partage|repost|relais|tweet|pouet|toot|statut|"
        r"request|retweet)s?\b",
        "verb",
    ),
    (
        STOP_POST,
        "demande de retrait",
        r"\b(?:merci de|pouvez vous|pourriez vous|vous pouvez|veuillez|je veux|je voudrais|je souhaite) "
        r"(?:bien |que on |qu on )?" + STOP_VERBS + r"\w*\b",
        "verb",
    ),
    (
        STOP_POST,
        "demande de retrait",
        r"\b(?:retire|supprime|enleve|efface|vire)s? (?:ca|cela|le|la|les|tout|moi|mon|ma|mes|this|it)\b|"
        r"\b(?:retire|supprime|enleve|efface)s?(?=[ \t]*(?:$|[^\w\s]))|\bca suffit\b|\bassez\W*$",
        "verb",
    ),
    (STOP_POST, "plus besoin", r"(?:\b(?:je|on) (?:ne )?(?:en )?(?:ai|a) )?\bplus besoin\b", "weak"),
    (STOP_POST, "ne cherche plus", r"\bje (?:ne )?(?:suis plus en recherche|cherche plus)\b", "weak"),
    (STOP_POST, "ne cherche plus", r"\bje ai arrete de (?:chercher|postuler)\b", "weak"),
    (STOP_POST, "demande de retrait", r"\bplease (?:remove|delete|take down|unshare|stop)\b", ""),
    (
        STOP_POST,
        "demande de retrait",
        r"\b(?:remove|delete|take down|unshare) (?:it|this|that|my post|the post|my request|"
        r"the repost|your repost|me)\b",
        "verb",
    ),
    (STOP_POST, "ne cherche plus", r"\bno longer (?:need|looking|searching|interested)\b", "weak"),
    (STOP_POST, "refus", r"^\W*non merci\W*$", ""),
    (
        STOP_POST,
        "refus",
        r"\bpas interessee?s?\b|\bne (?:me )?interesse (?:pas|plus)\b|\bnot interested\b",
        "",
    ),
    # -- stop: the person (contact, data, hostility) -------------------------------------------------
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\bne (?:\w+ ){0,2}plus (?:me |nous )?(?:etre )?" + CONTACT_VERBS + r"\w*",
        "",
    ),
    (
        STOP_POST,
        "refus d'être relayé",
        r"\bne (?:\w+ ){0,2}plus (?:me |nous |le |la |les )?(?:etre )?"
        + RELAY_VERBS
        + r"\w*|\b(?:ne |me |ne me |ne le |ne la )"
        + RELAY_VERBS
        + r"\w* plus\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:ne |me |ne me |ne nous )" + CONTACT_VERBS + r"\w* plus\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:do not|never) (?:contact|messag|text|email|mail|dm|tag|mention|shar|repost|"
        r"retweet|relay|writ|spam)\w*\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:stop|quit) (?:contact|messag|text|email|mail|dm|tag|mention|repost|retweet|writ|spam)\w*\b",
        "verb",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\bno more (?:messages?|dms?|mails?|emails?|tags?|mentions?|reposts?)\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\b(?:no mas|nunca mas|ya no|nao (?:quero|mais)|no quiero|non voglio|non piu|mai piu|ich will (?:nicht|keine)|kein interesse|no me interesa|nao me interessa|non mi interessa|genug)\b|\bunsubscribe\b|\bdes(?:abonn|inscri)\w*",
        "",
    ),
    (STOP_PERSON, "refus d'être contacté", r"\barr\w* de me \w+", ""),
    (
        STOP_PERSON,
        "demande d'effacement",
        r"\b" + STOP_VERBS + r"\w* (?:\w+ ){0,2}" + DATA + r"\b|\b" + DATA + r" (?:\w+ ){0,2}(?:soient )?"
        r"(?:effac|supprim)\w*|\beffacement\b",
        "",
    ),
    (STOP_PERSON, "demande d'effacement", r"\bdroit a (?:le )?oubli\b|\brgpd\b|\bgdpr\b|\bcnil\b", ""),
    (
        STOP_PERSON,
        "demande d'effacement",
        r"\b(?:delete|erase|remove) (?:all )?(?:my|of my) (?:data|information|info|details|account)\b",
        "",
    ),
    (STOP_PERSON, "demande d'effacement", r"\boubliez moi\b|\bforget me\b|\b(?:me|nous) oubli\w*", ""),
    (
        STOP_PERSON,
        "question hostile",
        r"\bqui (?:etes|est) vous\b|\bvous etes qui\b|\bce est qui\b|\bqui vous a (?:donne|permis|autorise)\b|"
        r"\bce est quoi ce (?:compte|truc|bordel)\b|\bcomment avez vous (?:eu|obtenu|trouve)\b|\bde quel droit\b|"
        r"\bne vous connais pas\b|\bjamais entendu parler de vous\b|\b(?:pas|jamais) signee? pour (?:ca|cela)\b|\bai rien demande\b|\bqui vous a demande\b",
        "",
    ),
    (
        STOP_PERSON,
        "refus d'être relayé",
        r"\b(?:jamais|pas) (?!de permis\b)(?!seulement |uniquement |juste |simplement )(?:\w+ ){0,2}(?:autorise|permis|demande|donne (?:mon|mon accord))|"
        r"\bsans (?:mon|ma) (?:accord|autorisation|consentement|permission)\b|"
        r"\bne veux pas (?:de (?:votre|vos|ton|ta)|que vous|etre)\b|\bpourquoi (?:vous|tu) (?:me|m)\b|"
        r"\bwithout my (?:consent|permission)\b|\bdo not want (?:your|you|to be)\b",
        "",
    ),
    (STOP_PERSON, "question hostile", r"\bwho (?:are you|is this|the hell|asked)\b|\bhow did you get\b", ""),
    (
        STOP_PERSON,
        "refus d'être contacté",
        r"\blaisse[sz]? (?:moi|nous) (?:tranquille|en paix)\b|\b(?:fout|fich)\w* (?:moi )?la paix\b|\blachez moi\b|"
        r"\bleave me alone\b|\bharcel\w*|\bharass\w*|\bspam\w*|\barnaque\w*|\bscam\w*|\bsignal(?:er|e|ee)\b|"
        r"\b(?:porter?|porterai|portons) plainte\b|\bplainte\b|(?<!comme )(?<!en tant que )(?<!suis )(?<!devenu )(?<!devenue )\bavocat\b|\breport(?:ed|ing)? (?:you|this)\b",
        "",
    ),
    # -- still searching -----------------------------------------------------------------------------
    (
        SEARCHING,
        "embauche niée",
        # (V: « quelqu'un qui ne m'a pas trouvé trop expérimenté »: a third party's judgement of the
        # seeker, object pronoun before the verb, denies no hire.)
        r"\b(?<!me a )(?<!me ont )(?<!me avait )(?<!me avaient )(?:pas|rien|jamais|toujours pas) (?:encore |toujours |vraiment |du tout |de nouveau )?"
        r"(?:re)?(?:trouvee?|trouver|signee?|embauchee?|recrutee?|decroche|engagee?|prise?|retenue?)\b",
        "",
    ),
    (
        SEARCHING,
        "embauche niée",
        r"\b(?:not|never) (?:yet |been |even )*(?:found|hired|got|landed|signed)\b",
        "",
    ),
    (
        SEARCHING,
        "toujours en recherche",
        r"\b(?:pas encore|(?<!reviens )(?<!revient )(?<!crois )(?<!realise )toujours pas|toujours rien|rien pour (?:le )?(?:moment|instant)|rien en vue|"
        r"(?<!convient )(?<!va )(?<!plait )(?<!suffit )(?<!bien )(?<!cdd )(?<!cdi )(?<!interim )(?<!mission )(?<!contrat )(?<!job )pour (?:le )?(?:moment|instant)(?! (?:un|une|en|des|juste un|juste une|seulement un|seulement une) (?:cdd|cdi|interim|contrat|mission|temps partiel|mi temps|remplacement)s?\b)|pas pour le moment|not yet|still (?:looking|searching|unemployed|nothing)|"
        r"(?:toujours|encore) (?:a la |en )recherche|en recherche(?! de "
        + NOT_JOB
        + r")|ma recherche(?! (?:est |a ete |(?:est )?(?:enfin |bien |maintenant |donc ))*(?:terminee|finie|achevee|close|bouclee|aboutie))|je cherche (?:encore|toujours)|"
        r"je continue|continuez|keep (?:sharing|going)|au chomage|chomeu\w*|(?:des |un |deux |quelques )entretiens?|"
        r"pistes?|je attends|aucune? (?:reponse|nouvelle|piste|retour|offre)|garde espoir|"
        r"pas de (?:cdi|cdd|job|poste|travail|boulot|taf|contrat|reponse)|malheureusement|helas|unfortunately|"
        # (U, W: « sorti de la galère » is out of it, not in it.)
        r"(?:toujours|encore) sans (?:emploi|travail|poste|boulot)|(?:la )?recherche continue|(?<!ans de )(?<!mois de )(?<!annees de )(?<!semaines de )(?<!sorti de la )(?<!sortie de la )(?<!sortis de la )(?<!fini la )(?<!fin de la )(?<!bout de la )galere\w*|(?<!les )(?<!des )(?<!aux )\bdemandeu\w* de emploi|job hunting|toujours (?:dans|a) la)\b",
        "",
    ),
    (
        YES,
        "oui",
        r"^\W*(?:o+u+i+s?|ouais|oe|ouep|ouaip|yes+|yep|yup|yeah|absolument|tout a fait|affirmatif|bien sur|carrement)\b",
        "",
    ),
    (
        NO,
        "non",
        r"^\W*(?:no+n+|nope|nan|nn|no|negatif|nada|niet|que dalle|pas du tout|malheureusement non|helas non)\b",
        "",
    ),
    (
        IRONY,
        "ironie",
        r"\b(?:enfin|en fait|ou plutot|plutot|euh|lol|mdr|haha|ahah|bref) non\b|\bnon je (?:rigole|plaisante|blague)\b|"
        r"\bje (?:rigole|plaisante|blague)\b|\b(?:donc|bref|du coup|so) (?:non|no)\b|\bpas vraiment\b|\btu parles\b|\bsi seulement\b|\bjust kidding\b|"
        r"\bn a pas ete (?:validee?|concluante?|renouvelee?)\b|\bpas ete (?:validee?|concluante?|renouvelee?)\b",
        "",
    ),
)
