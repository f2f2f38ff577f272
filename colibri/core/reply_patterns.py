# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""Whole-answer patterns of `colibri.core.replies`, read after the phrase tables: contrasts, attachments,
hedges, small talk, life changes, edits of the post, polite refusals, emoji sets."""

from __future__ import annotations

import re

from colibri.core.reply_lexicon import NOT_JOB, STOPV

# "Pas encore signé, mais j'ai commencé lundi": a denial conceded before the contrast, a hire after it.
CONTRAST = re.compile(r"\b(?:mais|but|par contre|cependant|pourtant|toutefois|neanmoins)\b")
# Nothing to read: a media placeholder or a file name sent alone ("[message vocal 0:42]", "📎 IMG_2043.jpg").
ATTACHMENT = re.compile(
    r"^\W*(?:[\[<(][^\]>)\n]{0,30}\b(?:vocal|audio|image|photo|video|piece jointe|fichier|sticker|gif|media|"
    r"attachment|voice|document|pdf)\b[^\]>)\n]{0,30}[\]>)]|[\w\-]+\.(?:jpe?g|png|gif|heic|webp|pdf|docx?|odt|mp[34]|"
    r"m4a|ogg|opus|mov|wav))\W*$"
)
# "Oui non enfin je sais pas": a yes and a no, then not knowing: undecided, a human looks.
HESITATION = re.compile(
    r"^\W*(?:oui|ouais|yes)\W+(?:et |ou |enfin |bah |ben |euh )?(?:non|no|nan)\b(?=[^.!?\n]*\b(?:je (?:ne )?sais "
    r"(?:pas|plus|trop)|chais pas|jsp|aucune idee|je hesite|difficile a dire|ca depend)\b)"
)
# An answer made only of doubt about the outcome ("peut-être", "pas sûr", "oui et non", "ouais bof") or a
# "oui ?" asked back. A bare "bof" or "euh" stays unread (a stop): it may as well be weariness.
HEDGE = re.compile(
    r"^\W*(?:(?:oui|ouais|bah|ben|euh+|hm+|alors|ah)\W+)*(?:peut etre|maybe|perhaps|pas sure?|not sure|"
    r"je (?:ne )?sais pas|aucune idee|on verra|ca depend|oui et non|yes and no|(?:oui|ouais|yes) bof)"
    r"(?:\W+(?:bref|quoi|lol|mdr|hein))*\W*$|^\W*(?:oui|ouais|yes)\W*\?\W*$"
)
# A cheer sent alone ("Allez l'OM !"): off-topic, not a refusal.
CHEER = re.compile(r"^\W*(?:allez|go|vive|forza)\W+(?:le |la |les |l )?\w+(?: \w+)?\W*$")
# A promise to tell later makes a "mais" in the story no polite refusal ("…mais sans contrat, je vous
# tiens au courant"); a promise refused ("je vous tiendrai pas au courant") is none.
PROMISE = re.compile(
    r"\bje vous (?:tiens|tiendrai|tiendrais|dirai|redirai|redis|fais signe|ferai signe|recontacte|reecris|reponds|repondrai)\b(?! (?:pas|plus|jamais|rien)\b)|"
    r"\bje reviens vers vous\b|\bje vous (?:dis|redis) (?:ca|ce que|tout)\b|\bje vous donne (?:des|de mes) nouvelles\b|"
    # "je vous répond ce soir", "je réponds demain promis", "il vous répondra", "je transmets le message"
    r"\b(?:je|on) (?:vous |te )?(?:repond|reponds|repondrai|redis|dis|dirai|ecris|ecrirai|rappelle|rappellerai)\b(?= (?:\w+ ){0,3}?(?:ce soir|demain|plus tard|apres|des que|tout a le heure|tantot|bientot|promis|rapidement|au plus vite|plus en detail|dans la (?:journee|soiree|semaine)|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b)|"
    r"\b(?:il|elle|ils|elles) vous (?:repondra|repondront|rappellera|ecrira|recontactera|dira)\b|"
    r"\b(?:il|elle|ils|elles) vous (?:appelle|appellent|rappelle|rappellent|ecrit|ecrivent|repond|repondent|recontacte)\b(?= (?:\w+ ){0,3}?(?:ce soir|demain|plus tard|bientot|tout a le heure|dans la (?:journee|soiree|semaine)|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b)|\bje (?:vous |te |lui |leur )?(?:transmets|transmet|ferai passer|fais passer) (?:le|votre|ton|vos|ce) message\b|\bet je (?:vous|te) (?:dis|redis)\W*$"
)
# Blind set D's families. A life change that is neither a hire nor a search nor a request: retiring,
# going back to studies or into a long training, a sick or parental leave. Said alone it is news for a
# human to read (the writers of blind sets A, C and D all label it so); said with "plus besoin",
# "retirez" or any refusal word, the rules above read a stop first.
STATUS = re.compile(
    r"\b(?:retraite|retraitee?s?|retired|retirement)\b|"
    r"\b(?:reprends?|repris|reprise|reprendre|je fais|je commence|commence|je entre|entree?|je rentre|rentree?|je suis|inscrite?|je pars|pars|"
    r"integre|je integre|admise?|acceptee?|prise?|back to|going back to|started|starting) (?:(?:en|a|la|le|au|aux|une|un|mon|ma|mes|des|l|les|de|du|my|a|to|nouvelle?|nouveau) ){0,3}(?:etudes|fac|faculte|universite|uni|master|licence|bts|dut|"
    r"bachelor|doctorat|these|prepa|formation|cursus|school|college|university|degree|studies|ecole|ifsi|iut|cfa|institut)\b|"
    # Studies or a business under way, a competitive exam awaiting its results (blind set O).
    r"\b(?:je ai |ai )?(?:passe|tente|presente) (?:le|un|les|mon|des|deux|plusieurs) concours\b|\bresultats? (?:du concours |des concours )?(?:en|le|la|fin|debut|dans|mi) \w+|"
    # blind Q: a business created, whatever it sells (« j'ai lancé mon élevage »); one taken over is a hire for
    # blind C (« j'ai repris la boulangerie de mon oncle ») and news for Q: left to the other rules
    r"\b(?:je ai |ai )?(?:ouvert|lance|monte|cree) (?:la|le|ma|mon|une|un|notre|l) (?:propre )?(?:boutique|commerce|exploitation|ferme|elevage|atelier|magasin|restaurant|resto|snack|food truck|salon|garage|boulangerie|epicerie)\b|"
    r"\ben train de (?:monter|creer|lancer|preparer|ouvrir) (?:ma|mon|une|un) (?:propre )?(?:micro entreprise|auto entreprise|entreprise|boite|societe|activite|commerce|cabinet|salon|business)\b|"
    r"\b(?:je demenage|demenage|je pars (?:vivre|habiter|me installer)|pars vivre|expatrie\w*|moving abroad|moving to)\b|"
    r"\b(?:je suis|je fais|je commence|je pars|en) (?:(?:en|un|une|mon|mes) )?stages? (?:de fin de etudes|de \w+ mois|obligatoire|de master|de licence)\b|"
    r"\b(?:je me marie|je me suis mariee?|on se est maries|mon mariage|(?:un|mon|eu un|fait un) accident|je suis immobilisee?|immobilisee? (?:pour |pendant )?(?:\d+|un|une|deux|trois|quelques) (?:semaines?|mois|jours)|je ai perdu (?:mon|ma) (?:mari|femme|pere|mere|fils|fille|frere|soeur|epouse?|compagnon|compagne|papa|maman|conjointe?)|en deuil|pas la tete a (?:ca|cela)|je passe (?:mon|le) permis|je suis (?:malade|enceinte|hospitalisee?|a le hopital)|(?:eu|fait) un bebe|accouche\w*|naissance de)\b|"
    r"\b(?:conge (?:maternite|paternite|parental|maladie|longue maladie|mat|de travail)|arret maladie|en invalidite|maternity leave|sick leave|parental leave)\b"
)
# What follows a hire phrase that makes it studies rather than a job ("je commence une licence pro").
STUDY_AFTER = re.compile(
    r"^[ \t]*(?:(?:une|un|la|le|ma|mon|mes|en|des|l|les|ma) )?(?:etudes|fac|faculte|universite|master|licence|bts|dut|bachelor|doctorat|these|prepa|formation|cursus|ecole)\b"
)
# Working for oneself. The blind writers agree only when activity is said: "auto-entrepreneur, le carnet
# est plein" is a hire (A, B, C), "J'ai lancé ma micro-entreprise finalement" alone is not (D: news for a
# human, neither a hire to count nor a search).
SELF_EMPLOYED = re.compile(
    r"\b(?:auto ?entrepr\w*|micro ?entrepr\w*|freelance|free lance|independant\w*|liberal|a mon compte|own business|self employed)\b|"
    r"\b(?:mon|ma|my) (?:propre |petite? |own |nouvelle? )?(?:entreprise|boite|societe|activite|commerce|restaurant|resto|salon|"
    r"cabinet|boutique|atelier|magasin|food ?truck|institut|agence|epicerie|garage|business)\b"
)
ACTIVITY = re.compile(
    r"\b(?:client\w*|commandes?|carnet|chiffre|devis|factur\w*|missions?|contrats?|salaire|me verse|revenus?|je en vis|je vis de|"
    r"je gagne|rentable|ca (?:tourne|marche|roule|demarre|fonctionne|paie|paye)|ca se passe bien|cartonne|embauche\w*|signee?s?|"
    r"depuis (?:\d+|quelques|plusieurs|un|une|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|le|la|l)|"
    r"customers|clients|revenue|paying)\b"
)
# A short job that is over ("une mission de 2 jours mais c'est fini"): still searching.
ENDED = re.compile(
    r"\b(?:mais |et )?(?:ce est|il est|elle est|ca est|ce etait|ca a ete) (?:deja )?(?:fini|termine)e?s?\b|"
    r"\b(?:fini|termine)e?s? depuis\b|\bqui (?:a pris|est) fin\b|\bse est (?:termine|fini|arrete)e?\b"
)
SHORT_JOB = re.compile(
    r"\b(?:eu|fait|fais|avais|avait|trouve|decroche|signe|obtenu|commence)\b(?:\W+\w+){0,3}?\W+"
    r"(?:mission|cdd|interim|remplacement|vacation|saison|contrat|extra|job|periode de essai|essai)s?\b"
)
STOP_WORD = re.compile(
    r"\b(?:retir|supprim|enlev|effac|arret|aret|cess|stop|annul|depubli|desinscri|desabonn|suspend)\w*"
)
# Working for oneself said without a hire phrase ("Devenu auto-entrepreneur", "passé freelance").
SELF_STATUS = re.compile(
    r"\b(?:passee?|devenue?|je deviens|je suis|me suis mise?|maintenant|desormais)\W+(?:en |a mon compte|un |une )?"
    r"(?:freelance|free lance|independant\w*|auto ?entrepreneu\w*|micro ?entrepreneu\w*|a mon compte|consultante? independant\w*)\b|"
    r"\bself employed\b|\bmy own business\b|^\W*(?:auto ?entrepreneu\w*|micro ?entrepreneu\w*|freelance|independante?|a mon compte)\b"
)
# A change asked to the post itself ("vous pouvez modifier le hashtag métier ?", "le lien ne marche
# plus, voici le nouveau"): about the request, which goes on, so never a stop, nor a search.
EDIT = re.compile(
    r"\b(?:pouvez vous|pourriez vous|vous pouvez|vous pourriez|peux tu|tu peux|merci de|can you|could you)\W+(?:\w+ )?"
    r"(?:modifier|changer|corriger|rectifier|remplacer|mettre|ajouter|preciser|mettre a jour|update|change|fix|add|edit)\b(?! (?:fin|un terme|de cote|a la poubelle|de cible|de personne)\b)|"
    r"\bau lieu de\b|\b(?:faute|coquille|typo|erreur)s? (?:dans|sur)\b|\bmauvaise? (?:metier|poste|titre|lien|hashtag|ville|departement|numero|adresse|photo)\b|"
    r"\b(?:mon|ma|le|la) (?:nouveau |nouvel |nouvelle )?(?:lien|profil|cv|portfolio|numero|adresse|mail|site|telephone|tel|portable|email|e mail|linkedin)\b"
    r"[^.!?\n]{0,40}\b(?:ne (?:\w+ )?(?:marche|fonctionne|est) plus|a change|plus valide|voici|voila|le voici|la voici)\b|"
    r"\b(?:voici|voila) (?:mon|ma|le|la) (?:nouveau |nouvel |nouvelle )(?:lien|profil|cv|portfolio|numero|adresse|mail|site)\b"
)
# "Oui et vous ?": a yes turned back into a question is small talk, not an answer to "avez-vous trouvé ?".
ASKED_BACK = re.compile(
    r"^\W*(?:oui|ouais|yes)\W+(?:et (?:vous|toi)(?: meme)?|and you|pourquoi|why)\W*\?\W*$"
)
# "Peut-être, je vous dis ça la semaine prochaine": doubt, then news promised.
HEDGE_LEAD = re.compile(
    r"^\W*(?:peut etre|maybe|perhaps|pas (?:encore )?sure?|je (?:ne )?sais pas|on verra|ca depend)\b(?=\s*(?:[,.;:!…]|$))|"
    # "Je pense que oui mais j'attends la confirmation écrite" (W): a yes the writer doubts, news pending.
    r"^\W*(?:je pense|je crois|normalement|a priori) que oui\b(?=\s*(?:[,.;:!…]|$|mais\b))"
)
# "Non je rigole, en CDI": a joke taken back, then the real answer.
JOKE_BACK = re.compile(r"\b(?:je (?:rigole|plaisante|blague|deconne)|just kidding|je te fais marcher)\b")
CONTRACT_AFTER = re.compile(r"\b(?:cdi|cdd|contrat|interim|alternance|signee?|embauchee?|trouvee?|hired)\b")
STATUS_DOUBT = re.compile(r"\b(?:fini|termine|basta|suffit|assez|marre)\b")
# Small talk that says nothing about the outcome: a test, thanks in another language, a message sent
# elsewhere. With no refusal word, nothing for the model to guess at.
OTHER_PLAIN = re.compile(
    r"\b(?:test|tests|testing|(?<!de )essai|gracies|de accord|me r?appeler|(?:voir|vu|lire|lu) (?:votre|ton|vos|le|les) (?:message|messages|mp|dm|mail)|je vous (?:redis|dis)|(?:re)?appelez moi|(?:re)?appelle moi|danke\w*|gracias|grazie|obrigad[oa]|dank je\w*|dankjewel|arigato|spasibo|choukran|shukran|"
    r"dm|dms|mp|mps|inbox|messages? prives?|en prive|par (?:e ?mail|mail|courriel|sms|telephone|tel)|beau projet|belle initiative|vous etes (?:des anges|des amours|des perles|geniaux|genial|geniales|formidables|adorables|top|au top|super|extra|trop forts?|les meilleurs|incroyables|merveilleux|merveilleuses)|(?:fait|fais|a fait|fait vraiment) chaud au coeur|"
    r"avec plaisir|hate de|bonne idee|je garde (?:votre|ton|vos) (?:contact|numero|message|compte)|dites (?:moi|m en) (?:en )?plus)\b|"
    # Confusion asked back alone ("Hein ?", "Quoi ?") and a bare "re": a human reads it, nothing to withdraw.
    r"^\W*(?:hein|quoi|pardon|comment|de quoi|ce est a dire|kesako)\W*\?[\W?]*$|^\W*re\W*$|"
    # A bare hesitation sound ("hmm", "euh…", U): it asks nothing, like "Hein ?"; a person reads it.
    r"^\W*(?:h+m+|hu+m+|eu+h+|heu+)\W*$|"
    # "Sorry, I don't speak French" (U, O): a language barrier is for a person to answer, not a stop.
    r"\b(?:do not|dont|don t) speak (?:french|francais)\b|\bje (?:ne )?(?:parle|comprends) pas (?:bien |tres bien )?(?:le )?francais\b"
)
NEGATED = re.compile(r"\b(?:pas|plus|aucune?|rien|ne|not|no|non)\b")
FOR_NOW = re.compile(r"^(?:pour le moment|pour (?:le |l ?)instant|en ce moment|actuellement|for now)$")
CONTRAST_ONLY = frozenset(
    {"mais", "but", "however", "toutefois", "cependant", "par contre", "neanmoins"}
    | set(
        "pero aber maar ale ama fakat ancak dar mas waaye kasi nhung lekin magar mutta alla nka kono maca".split()
    )
)

# When nothing else decided: a refusal word, or a negation next to the relay/contact/data vocabulary, is
# a stop (when in doubt between stop and anything else, stop).
DOUBT_STOP = re.compile(
    r"\b(?:retir|supprim|enlev|effac|arret|cess|desinscri|desabonn|refus|interdi)\w*|\bpaix\b|\btranquille\b|"
    r"\b(?:pas|plus|jamais|aucun) (?:\w+ ){0,3}(?:le )?droit\b|\bne (?:\w+ ){0,3}plus\b"
)
DOUBT_TOPIC = re.compile(
    r"\b(?:relai|relay|partag|repost|retweet|post|annonce|publication|message|contact|donnees|compte|liste|"
    r"service|mention|tag|ecri|utilis|diffus|profil|candidature|coordonnees)\w*"
)
# What makes the rest of an answer a request, a refusal or a question rather than small talk: a negation,
# an imperative or an infinitive, a question mark, a "s'il vous plaît" in any language, personal data, or
# so few words that it may be a stop typed fast ("sto p", "Stp").
REQUEST_MARK = re.compile(
    r"\b(?:ne|pas|plus|jamais|rien|sans|aucune?|non|nan|no(?! see)|not|nope|never|don|stp|svp|please|pls|plz|"
    r"por favor|bitte|per favore|prosze|lutfen|donnees|coordonnees|rgpd|cnil)\b|\?|^(?!a )\w+(?: \w+)?$|"
    r"\b(?!(?:av|et|ser|aur|all|fais|dis|voul|pouv|sav|vous|al)iez\b)\w{2,}(?:ez|er)\b"  # not "vous aviez"
)
# A search said to go on, in so many words: it wins over a hire phrase before it when a negation or a
# contrast stands between ("pris en stage mais c'est pas un emploi, je cherche toujours un CDI", "pas
# encore de CDI, je fais des missions en attendant"), and over a pause it follows ("j'ai mis en pause
# pendant les examens mais je recommence à chercher").
STILL = re.compile(
    r"\b(?:je (?:re)?cherche (?:toujours|encore)|(?:toujours|encore) (?:en recherche|a la recherche|en train de chercher)|"
    r"je continue (?:a|de) (?:chercher|postuler)|je (?:recommence|me remets|me remet|continue) a (?:chercher|postuler)|"
    r"je (?:reprends|relance) (?:ma|mes|les) recherches?|(?:la|ma) recherche (?:continue|reprend)|"
    r"je suis (?:toujours |encore )?(?:en recherche|a la recherche) (?:de|d) (?:un|une) (?:cdi|cdd|emploi|poste|vrai))\b"
    r"(?! " + NOT_JOB + r")|"  # "j'ai signé un CDI mais je cherche toujours un appart" is a hire
    r"\ben attendant(?: (?:mieux|un cdi|un vrai \w+|un poste|un emploi|de trouver(?: \w+)?|le bon))?\W*$"
)
TURN = re.compile(r"\b(?:mais|sinon|pas|plus|non|nan|cependant|par contre|toutefois|sauf que)\b")
# A hire said not to be one: "pris en stage mais c'est pas un emploi". (A CDD "en attendant" a CDI is a
# hire for every blind writer: "j'ai pris un CDD de caissière en attendant".)
NOT_A_JOB_SAID = re.compile(
    r"\b(?:ce est|ce ne est|ca ne est|ca est|est|ne est) (?:pas|point) (?:vraiment |encore )?(?:un |une |du )?(?:vrai |vraie )?"
    r"(?:emploi|job|travail|boulot|poste|taf|contrat|salaire)\b|\bpas (?:un|une) (?:vrai |vraie )?(?:emploi|job|boulot|poste)\b|"
    # "des missions d'un jour de temps en temps mais rien qui dure" (W): work said not to last is no job.
    r"\brien (?:qui dure|qui tient|de stable|de durable|de fixe|de regulier)\b"
)
STOP_AFTER = re.compile(r"(?:\s+\w+){0,5}?\s+(?:" + STOPV + r")\w*")
# Positive evidence of "other": thanks, greetings, praise, a question about the service, a promise to
# answer later, an update of the post. Only read when nothing above was.
OTHER = re.compile(
    r"\b(?:merci\w*|thanks?|thank you|thx|bonjour|bonsoir|salut|coucou|hello|hi|hey|bon(?:ne)?s? fin de \w+|bon(?:ne)?s? (?:journee|soiree|"
    r"semaine|fin de semaine|annee|continuation|nuit|week ?end|chance)|joyeux|bravo|super|top|genial\w*|cool|"
    r"parfait|gentil\w*|adorables?|initiative|great|nice|good (?:morning|evening)|have a nice|"
    r"ok|okay|daccord|d accord|bien recu|recu|vu|compris|je vois|interessant|ah bon|"
    r"comment (?:ca|je|on|faire|fonctionne|marche)|est ce que|je peux|puis je|pouvez vous (?:aussi|relayer|partager)|"
    r"vous (?:relayez|partagez|acceptez|faites|etes (?:une|basee?s?|benevoles?)|cherchez)|ce est (?:gratuit|quoi le lien)|ce est quoi(?! (?:ce|cette|ces|cet|ca)\b)|qu est ce que|ca consiste|"
    r"quel (?:hashtag|lien)|how (?:does|do|can)|is (?:this|it) free|can you|"
    r"je vous (?:tiens|tiendrai|dirai|donnerai|ecris|envoie|reponds|repondrai)|je reviens vers|plus tard|"
    r"will (?:keep|let) you|let you know|affaire a suivre|on verra|je ne sais pas encore|en cours|"
    r"je (?:regarde|regarderai|lis|vais regarder|vais suivre|suivrai)|(?:mon|ma) (?:post|annonce|demande) (?:a ete|est) (?:relaye|partage|publie|passe)\\w*|"
    r"(?:mon|ma) (?:post|annonce|demande) (?:est elle|est il|est|a t elle|a t il) (?:toujours |bien |encore )?(?:en ligne|visible|publiee?|relayee?|partagee?)|mis a jour|nouveau post|nouvelle annonce|"
    r"voici|lien|cv|conseils?|photo|hashtag|benevol\w*|desolee?|pardon|vacances|"
    r"mon (?:ami|amie|fils|frere|mari|conjoint)|ma (?:fille|soeur|femme|copine|amie)|"
    r"je (?:relaie|partage|ai partage)|recrute\w*|offres? pour|offres? interessantes?|(?:job )?offers? for|"
    r"petition|article|un site|quelle (?:demande|annonce)|quel (?:post|message)|entendu|ca marche|d acc|de acc|dacc|"
    r"je vais (?:voir|y reflechir|me renseigner)|je me renseigne|a voir|sounds good|noted|sure|beau temps|pleut|il (?:fait|neige|gele)|"
    # blind Q: season's greetings in English and creole, « kouman zot yé ? » (how are you all?)
    r"happy new year|merry christmas|season s greetings|bon lane|bon lanne|bone ane|kouman (?:zot|ou|nou) ye|sak pase|"
    r"bon appetit|fetes|voeux|vœux|courage a|qui (?:embauche|recrute)|chapeau|respect|vous (?:aidez|proposez|gerez)|comment vous contacter|"
    r"(?:do|does|can) you|the link|combien|payant|tarifs?|prix|salaire|"
    r"vous avez (?:des|une|un|d autres) (?:offres?|postes?|annonces?|contacts?)|quelle (?:entreprise|boite|societe)|quel (?:poste|metier|employeur)|"
    r"ce est (?:ou|pour (?:quelle|quel|qui|quoi))|pouvez vous (?:me )?(?:expliquer|preciser|corriger|modifier|changer)|je vais en parler|conseill\w*|"
    r"bonnes? fetes?|felicitation\w*|bisous?|bises|(?:heureu\w*|ravie?s?|contente?s?) de|erreur dans|corrig\w*|rectifi\w*|je ai change de|mdr|ptdr|haha\w*|hihi|"
    r"enquete|je clique|aucune idee|sais pas|ca depend|question|comprendre|"
    r"comprends|compris|vous aider|mon aide|aider|proposer|existe encore|en prive|numero|mot de passe|formulaire|"
    r"geniaux|(?:votre|ton|ce|cette) (?:compte|site|collectif|profil|association|asso)|remerciements?|a quel sujet|(?:write|speak|answer|reply|ecrire|repondre|parler) (?:in|en) (?:english|anglais|espanol|espagnol|spanish|arabe|arabic|portugais)|do you speak|parlez vous (?:anglais|espagnol|arabe)|(?:la|le|les|pour (?:la|le|les)) remercier|remercier (?:la|le|les|cette|ces) personnes?|anniversaire|anniv|on se voit|"
    r"(?:quelle est la )?difference (?:entre|avec)|vous etes (?:lie|liee|lies|rattache|rattaches|affilie|partenaires?|comme)|"
    r"vous (?:travaillez|collaborez|bossez) avec|(?:travaillez|collaborez) vous avec|"  # not "vous travaillez pour qui ?"
    r"(?:vous auriez|auriez vous|vous avez|avez vous|vous connaissez|connaissez vous) (?:des|une|un|d autres|quelque chose|quelqu\w*) ?(?:offres?|postes?|annonces?|pistes?|contacts?|plans?|boulot|travail|emploi))\b|^\W*(?:cc|kikou|coucou)\W*$"
)
OTHER_FIRM = re.compile(
    r"\b(?:offres? (?:pour|interessantes?|de emploi)|(?:job )?offers? for|petition|article|qui (?:embauche|recrute)|"
    r"respect|sais pas|(?:votre|ton|ce) (?:compte|site|collectif|profil)|"
    r"(?:mon|ma) (?:post|annonce|demande) (?:est elle|est il|est|a t elle|a t il) (?:toujours |bien |encore )?(?:en ligne|visible|publiee?))\b"
)
PARTY_EMOJI = frozenset("🎉🥳🍾🎊✅🙌🥂💃🕺")
WORK_EMOJI = frozenset("💼👔👷🏗🔧🧑👨👩‍⚕⚕🍳")  # with a party emoji: "🎉💼" is a new job
# An automatic answer (absence, unmanaged account): nobody read the question, nothing to act on.
AUTO_REPLY = re.compile(
    r"\b(?:reponse|message|reply|response|mail|courriel) automatique\b|\bauto(?:matic)? ?(?:reply|response|responder)\b|"
    r"\bout of (?:the )?office\b|\bcurrently away\b|\bupon my return\b|\babsente? (?:du bureau |du \d+ )?(?:jusqu|a partir)|"
    r"\bje suis (?:en conge|en vacances|absente?)\b(?=[^.!?\n]*\b(?:jusqu|retour|du \d|au \d))|"
    r"\ba mon retour\b|\bje (?:lirai|consulterai|repondrai a) (?:votre|vos|ce|mes) (?:message|mail|courriel)s?\b|\bce compte (?:ne est plus|est) (?:gere|actif|utilise|suivi|desactive|inactif|surveille|consulte|lu|alimente)\w*|"
    r"\bje ne (?:consulte|lis|regarde|utilise|suis) (?:plus|pas|jamais) (?:ce compte|ce reseau|mes (?:messages|notifications|dm|mp))\b"
)
# Letters typed along a keyboard row ("azertyuiop", "qsdfghjkl"): nothing said at all.
KEYBOARD_ROWS = (
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "poiuytreza",
    "mlkjhgfdsq",
)
# With nothing but thanks or a greeting read, a negation or a refusal word makes the answer a polite
# refusal rather than small talk ("merci, mais je passe", "je vais décliner, merci"): stop.
POLITE_NO = re.compile(
    r"\b(?:ne|pas|plus|jamais|rien|aucune?|(?<!la )(?<!une )(?<!cette )personne|not|never|rather|nope?|non|laiss\w*|leave|declin\w*|refus\w*|inutile|"
    r"desinteress\w*|evit\w*|tranquille|mais|but|however|toutefois|cependant|par contre|neanmoins|"
    r"no|nein|nicht|kein\w*|pero|aber|nao|nada|niente|basta|"
    # "but" in the seekers' other languages ("Hvala, ali…" is left out: "Ali" is a name; "men", "de", "ma" are French)
    r"maar|ale|ama|fakat|ancak|dar|mas|waaye|kasi|nhung|lekin|magar|mutta|alla|nka|kono|maca)\b"
)
POLITE_NO_EXCEPT = re.compile(
    r"\bplus (?:simple|facile|pratique|rapide|clair)\b|\b(?:je )?(?:ne )?(?:trouve|vois|retrouve) pas (?:le|la|les|votre|ton|vos) (?:lien|post|annonce|publication|message|page|compte|repost)\b|"
    r"\b(?:il|elle) (?:a|na|n a) pas (?:internet|de telephone|de ordinateur|de ordi|acces|le wifi|de reseau|de forfait)\b|\bmy (?:french|english) is not\b|\b(?:can|could|do) you (?:write|speak|reply|answer)\b|\bi (?:do not|can not|cannot|dont) (?:understand|read french)\b|"
    r"\bni oui ni non\b|\bno (?:see|problems?|worries)\b|\b(?:i do not|i can not|i cannot|je ne|je) (?:speak|parle) (?:pas )?(?:\w+ )?(?:french|english|francais|anglais)\b|\bpas (?:de )?(?:souci|soucis|probleme|problemes|de quoi|mal|grave)\b|\bne (?:vous )?(?:en )?(?:inquietez|inquiete) pas\b|"
    r"\bje (?:ne )?sais (?:pas|plus)\b|\bpersonne ne (?:\w+ )?(?:a|ont|avait) (?:vu|lu|remarque|repondu|rappele|contacte|appele|reagi)\b|\bplus (?:en detail|de details|longuement|precisement|vite)\b|\bdes que possible\b|\b(?:la|pour le moment),? pas le temps\b|\bpas le temps (?:la|maintenant|aujourd hui|ce soir|tout de suite|en ce moment)\b|\bne savais pas\b|\bpas (?:encore )?(?:eu le temps|vu)\b|\bno problem\b|\bnot sure\b|\bplus tard\b|"
    r"\bpas sure?\b|\baucune idee\b|\b(?:ne )?(?:avais|ai) pas vu\b|\bpas (?:une )?(?:question )?facile\b|\bcompren\w*|\bcompris\b|"
    # « et pas juste #i4Emploi ? », « pas seulement les demandes ? »: « not only » in a question negates nothing.
    r"\bpas (?:seulement|uniquement|juste|simplement)\b[^?]*\?|"
    r"\b(?:ne )?(?:marche|fonctionne|ouvre|charge|arrive) pas\b|\bdoes not work\b|\bne (?:\w+ )?pas (?:a )?ouvrir\b|\bne (?:se )?ouvr\w* pas\b|\bne vois pas (?:le|la|ou|comment)\b"
)
SAD_EMOJI = frozenset("😞😢😭😔😩😫😕🙁☹😿💔😓😥")
OTHER_EMOJI = frozenset("👍👌🙏❤😊🙂😀😁😃😉🤗💪👏🥰😍♥️\ufe0f!.?")


STOP_EMOJI = frozenset(
    {"\U0001f6d1", "\u26d4", "\U0001f6ab", "\U0001f595", "\U0001f645", "\U0001f92c"}
)  # 🛑 ⛔ 🚫 🖕 🙅 🤬
STOP_EMOJI_ALONE = frozenset("😡😠🤡💩🔕🔇📵❌✖🗑👎✋🙄😤")  # sent alone: "no" or hostile; in doubt, stop
NOT_STOP = frozenset({"spot", "stp"})  # permutations of "stop" that are words ("stp" = s'il te plaît)

# Blind sets F and I. An answer to the check-in given before a request about the post ("Pas encore.
# Pourriez-vous remplacer le lien ?"): the answer stands, the edit does not make it "other".
ANSWERED = re.compile(
    r"^\W*(?:(?:bonjour|bonsoir|hello|salut|coucou|madame|monsieur)\W+)*(?:non|nan|nope|pas encore|toujours pas|toujours rien|"
    r"encore rien|rien pour (?:le moment|l instant|le instant)|helas non|malheureusement (?:non|pas)|la reponse est non)\b"
)
# "Peut-être, j'attends la réponse définitive vendredi": doubt, then an answer awaited.
WAITING = re.compile(
    r"\bje attends (?:la|leur|une|sa|des|le) (?:reponse|confirmation|decision|retour|resultat)s?\b|"
    # "peut-être, j'ai une promesse orale" (U): a promise not written yet is news pending, not a hire.
    r"\bpromesse (?:orale|verbale)\b|"
    r"\breponse (?:definitive |finale )?(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|ce soir|la semaine prochaine|bientot)\b"
)
# "Oui et non... des missions en freelance mais rien de fixe", "Oui pour le stage, non pour l'emploi":
# an answer split in two is for a human to read, not a hire to record.
SPLIT_ANSWER = re.compile(
    r"^\W*(?:oui et non|ni oui ni non|plus ou moins|yes and no|en quelque sorte|a moitie|bof bof)\b|"
    r"\b(?:oui|ok) pour (?:le |la |l |le |un |une |mon |ma )?(?:stage|formation|alternance|service civique|benevolat|ecole|concours|logement)\b"
    r"[^.!?]{0,10}\bnon pour\b|\b(?:stage|formation|service civique|benevolat|logement) (?:oui|ok)\W+(?:emploi|boulot|travail|job|cdi|poste) (?:non|pas encore|toujours pas|rien)\b"
)
