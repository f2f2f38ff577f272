# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The phrase table of `colibri.core.replies` written after blind sets F, G, H and I were read (same
format as `reply_phrases.SPECS`): formal and civil-service hires, jokes that take a hire back, wishes
("j'aimerais bien"), promises not confirmed, searches said as a formal answer, third parties who search,
and two stops (a suspicious "comment avez-vous mon contact ?", "que mon annonce ne figure plus")."""

from __future__ import annotations

from colibri.core.reply_lexicon import HIRED, IRONY, SEARCHING, STOP_PERSON, STOP_POST

# What the seeker's contact details are called, for "how did you get my ...?".
_CONTACT = r"(?:contact|numero|coordonnees|adresse|mail|e mail|email|courriel|tel|telephone|portable|06|07|donnees|infos|informations)"
# A sentence that is a bare "no" closing an answer: "… 🙄 Non évidemment.", "… Bien sûr que non."
_TAKEN_BACK = r"(?:non|nan|bien sur que non|evidemment (?:que )?(?:non|pas)|non evidemment|non bien sur|mais non|lol non|mdr non|ptdr non|tu parles|je rigole|je plaisante)"

GHI_SPECS: tuple[tuple[str, str, str, str], ...] = (
    # -- stop ----------------------------------------------------------------------------------------
    (
        STOP_PERSON,
        "méfiance (d'où vient mon contact)",
        r"\b(?:comment|ou|d ou|par ou|de ou|par quel moyen|qui)\b[^.?!\n]{0,25}\b(?:avez vous|vous avez|as tu|tu as|vous tenez|tenez vous|sortez vous|vous sortez|a donne|vous a donne|a file|vous a file|a transmis|vous a transmis|a passe|vous a passe|avez eu|avez obtenu|avez recupere)\b[^.?!\n]{0,20}\b(?:mon|mes|ma) "
        + _CONTACT
        + r"\b",
        "",
    ),
    (
        STOP_POST,
        "demande de ne plus apparaître",
        r"\bne (?:\w+ )?(?:figure|figurent|figurer|apparaisse|apparaissent|apparait|apparaitre|soit|soient|etre) (?:\w+ )?plus (?:\w+ ){0,2}?(?:sur|dans|en ligne|visible|publiee?|affichee?|relayee?|diffusee?|chez vous)\b|"
        r"\bne plus (?:figurer|apparaitre|etre (?:visible|affichee?|publiee?|en ligne|relayee?|diffusee?|listee?|presente?))\b",
        "",
    ),
    # -- hired ---------------------------------------------------------------------------------------
    (
        HIRED,
        "embauche (fonction publique)",
        r"\b(?:je ai ete|je suis|suis|ai ete) (?:enfin |officiellement |bien |finalement |maintenant )?(?:titularisee?|affectee?|nommee?)\b|"
        r"(?:^|[^\w\s]|\bet\b)[ \t]*(?:titularisee?|affectee?)s? (?:a|au|aux|en|dans|sur|le|la|des|depuis|comme)\b",
        "hire",
    ),
    (
        HIRED,
        "embauche",
        r"\b(?:avoir|ai|je ai|vient de|viens de) (?:bien |enfin |officiellement )?pris (?:mes|mon|ses|son) (?:fonctions|poste)\b|"
        r"\b(?:trouve|retrouve|obtenu|decroche|repris) (?:une|un) (?:activite (?:salariee|professionnelle)|emploi salarie|poste salarie)\b|"
        r"\bje ai (?:finalement |quand meme |enfin )?pris (?:un|une|le|la) (?:cdd|cdi|poste|job|contrat|interim|mission|boulot|taf)\b|"
        r"\b(?:je suis|suis|toujours|encore|actuellement) (?:encore |toujours |actuellement |en ce moment )?en periode de essai\b|^\W*en periode de essai\b|"
        r"\bperiode de essai (?:(?:est|a|vient|de|etre|ete|bien|enfin|officiellement|maintenant) ){0,4}(?:validee?|confirmee?|reussie|concluante)\b|"
        r"\b(?:avoir|ai|je ai) (?:bien |enfin |officiellement )?(?:integre|rejoint) (?:la|le|l|une|un|les) (?:fonction publique|entreprise|societe|equipe|effectifs|service|administration|mairie|hopital|groupe|agence|boite|collectivite)\b|"
        r"\b(?:mon nouvel employeur|ma nouvelle employeuse|mon nouveau patron|ma nouvelle patronne|mes nouveaux collegues|mon nouveau chef|ma nouvelle cheffe)\b",
        "hire",
    ),
    # -- searching -----------------------------------------------------------------------------------
    (
        SEARCHING,
        "non",
        r"^\W*(?:(?:bonjour|bonsoir|hello|madame|monsieur)\W+)*(?:la reponse (?:courte |simple |franche )?(?:est|:|serait)\W*(?:non|negative)|(?:helas|malheureusement) (?:pas|non))\b|"
        r"\b(?:encore|toujours) rien\b",
        "",
    ),
    (
        SEARCHING,
        "toujours en recherche",
        # "merci de maintenir la diffusion": keep relaying, still looking
        r"\b(?:maintenir|maintenez|continuer|continuez|garder|gardez|laisser|laissez) (?:a |de )?(?:la diffusion|le relais|le partage|la publication|mon annonce en ligne|la annonce en ligne|(?:la|mon|ma) (?:annonce|publication|post) (?:en ligne|active|visible)|(?:a |de )?(?:diffuser|relayer|partager))\b|"
        r"\bje reste (?:en recherche|a la recherche)\b|"
        # "Inch'allah bientôt": a hope, not yet a hire
        r"^\W*(?:inc?h\W?a?llah|insh\W?allah|in sha allah)\W*(?:bientot)?\W*$|\bbientot,? (?:inc?h\W?a?llah|insh\W?allah)\b|\b(?:inc?h\W?a?llah|insh\W?allah),? bientot\b|"
        # a relative or a friend who searches ("elle cherche dans l'anim"): a search, whoever's it is
        r"\b(?:il|elle) (?:cherche|recherche) (?:encore|toujours|activement|dans|un|une|du|en|de le)\b|\b(?:il|elle) est (?:toujours |encore )?en recherche\b",
        "",
    ),
    (
        SEARCHING,
        "souhait, pas une embauche",
        r"\b(?:je aimerais|je voudrais|ce serait|ca serait) (?:bien|tellement|trop|vraiment)\b(?! (?:que|savoir|vous|te|le|la|les|qu|me))|\bje (?:aimerais|voudrais) (?:bien |tellement |vraiment )?(?:vous |te )?(?:dire|repondre) oui\b|\bsi seulement\b|\bdans mes reves\b|\bon peut (?:toujours )?rever\b",
        "",
    ),
    # -- irony: a hire taken back --------------------------------------------------------------------
    (
        IRONY,
        "ironie",
        # "j'ai trouvé… des refus", "trouvé... du temps pour chercher": the pause makes the hire a joke
        r"\btrouvee?s?\s*(?:\.{2,}|…)\s*(?:(?:des|du|de la|de le|le|la|les|un|une|aucun\w*)\s+(?:(?:nouveau|nouvel|nouvelle|autre|bon|bonne|petit|petite|super|vrai|vraie|excellent\w*) )?"
        r"(?!(?:travail|boulot|taf|job|cdi|cdd|emploi|poste|contrat|stage|mission|interim|alternance|place|remplacement|vacation|saison|employeur|patron|cabinet|entreprise|boite)\b)\w|que|rien|personne)|"
        r"\b(?:trouvee?|embauchee?|nommee?|signee?|recrutee?|engagee?|promue?|cdi|pdg|directeur|directrice|ministre)\b[^\n]*[^\w\s]\s*"
        + _TAKEN_BACK
        + r"\W*$",
        "",
    ),
    (
        IRONY,
        "emploi fini",
        r"\b(?:ca|il|elle|ce|tout|le poste|la promesse|le contrat|le recrutement|le job) (?:se est|s est|a ete|est) (?:annule|tombe a le eau|casse|rompu|retire)e?s?\b|\btombee? a le eau\b|"
        r"\b(?:promesse|offre|proposition|poste|contrat|embauche)(?: de embauche)? (?:\w+ ){0,2}?(?:a ete|est|se est) (?:finalement )?(?:annulee?|retiree?|rompue?|gelee?|suspendue?)\b|"
        # a promise of hire not confirmed yet is no hire ("en attente de la validation de ma promesse")
        r"\bpromesse de embauche\b[^.!?\n]{0,60}\b(?:en attente|attends|pas encore (?:signee?|validee?|confirmee?)|a (?:valider|confirmer|signer))\b|"
        r"\b(?:en attente|attends|attendre) (?:de )?(?:la |le )?(?:validation|confirmation|signature) (?:de )?(?:ma|la|cette|sa|leur) promesse\b",
        "",
    ),
)
# "…je ne voudrais pas que mon nouvel employeur tombe sur cette annonce": the post withdrawn, so a hire
# said with it stays a hire (as "j'ai trouvé, retirez l'annonce").
GHI_SPECS += (
    (
        STOP_POST,
        "demande de retrait (visibilité)",
        r"\bje (?:ne )?(?:veux|souhaite|voudrais|desire|prefere) (?:pas|plus) que (?:mon|ma|mes|le|la|les|on|quelqu\w*)\b[^.!?\n]{0,40}\b(?:voi\w*|tombe\w*|lise|lisent|decouvr\w*|sache\w*|apprenne\w*)\b",
        "",
    ),
)
# "Vous pouvez fermer, merci", "Je passe, merci": closing the request, or passing, said with thanks.
GHI_SPECS += (
    (
        STOP_POST,
        "demande de clôture",
        r"\b(?:vous pouvez|pouvez vous|merci de|tu peux|on peut) (?:maintenant |desormais )?(?:fermer|clore|classer|archiver)\b(?! (?:la fenetre|le lien|la porte)\b)|"
        r"^\W*je passe(?: mon tour| pour (?:cette fois|le moment))?\W*(?:merci\w*(?: \w+)?)?\W*$",
        "verb",
    ),
)
