# ruff: noqa: E501  (one regex per line: wrapping them would hide the patterns)
"""The shared vocabulary of `colibri.core.replies`: signal kinds, negation and condition words, and the
regex fragments (jobs, stop verbs, relatives...) the phrase tables and the patterns are built from."""

from __future__ import annotations

# Signal kinds. "stop_post" withdraws the relay (a hire may carry it); "stop_person" is about the
# person (no contact, erase, hostile): it wins even over a hire.
STOP_POST, STOP_PERSON, HIRED, SEARCHING, YES, NO, IRONY = (
    "stop_post", "stop_person", "hired", "searching", "yes", "no", "irony",
)  # fmt: skip

STATUS_KIND = "status"  # retiring, studies, working for oneself with no activity said: news for a human
REFUSED = "arrêt refusé"
LATER = "later"  # a hire only spoken of as a condition ("je vous dirai si j'ai trouvé")
NEG = frozenset({"ne", "pas", "not", "never", "jamais", "non", "sans", "without", "no", "nor"})
COND = frozenset({"si", "if", "when", "quand", "once", "lorsque", "avant", "before", "whether", "dirai"})
WEAK_NEG = frozenset({"pas", "not", "never", "jamais", "sans", "without"})  # "je n'ai plus besoin" is fine
# Bound negation of a stop verb: the word right before it (pronouns skipped).
BOUND_NEG = frozenset({"ne", "pas", "not", "never", "jamais", "non", "don", "nobody"})
PRONOUNS = frozenset({"me", "le", "la", "les", "nous", "vous", "en", "y", "lui", "leur", "it", "te"})

JOB = r"(?:job|poste|emploi|travail|boulot|cdi|cdd|contrat|taf|interim|mission|work)"
FOUND_TAIL = (
    r"(?=[ \t]*(?:$|\n|[^\w\s]|merci|grace|thanks|thank|vous (?:pouvez|pourrez|pourriez|devez)\b|donc\b|alors\b|je (?:commence|debute)\b|"
    r"(?:un|une|mon|ma|du|le|la|enfin un|enfin une) (?:nouveau |nouvel |nouvelle |vrai )?" + JOB + r"\b))"
)
SIGNED_TAIL = (
    r"(?=[ \t]*(?:$|\n|[^\w\s]|merci|chez|hier|ce matin|aujourd|en (?:cdi|cdd|alternance|interim)\b|"
    r"(?:un|une|mon|ma|le|la) (?:nouveau |nouvel |nouvelle )?(?:cdi|cdd|contrat|promesse)\b))"
)
STOP_VERBS = r"(?:retir|supprim|enlev|effac|arret|cess)"
CONTACT_VERBS = (
    r"(?:re)?(?:contact|ecri|relanc|sollicit|envoy|spam|tagu|mentionn|identifi|harcel|derang|recevoir)"
)
# Relaying is about the post, not the person: "j'ai trouvé, ne me relayez plus" is a hire (withdrawn).
RELAY_VERBS = r"(?:re)?(?:relay|relai|partag|publi|diffus|apparait|repost|retweet|cit)"
DATA = r"(?:donnees|data|informations|infos|coordonnees|compte|profil|nom|details)"
DAYS = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|bientot|monday|tuesday|tomorrow)"
# What one starts or looks for that is not a job: "j'ai commencé une formation", "je cherche un logement".
NOT_A_JOB = (
    r"(?:(?:une|un|ma|mon|le|la|les|des|en|de|du) )?(?:formation|stage|bilan|cours|reconversion|ecole|"
    r"recherches?|demarches?|candidatures?|benevolat)\b"
)
NOT_JOB = (
    r"(?:(?:plutot|aussi|surtout|juste|seulement|avant tout) )?(?:(?:un|une|des|du|le|la|a|de) )?"
    r"(?:logement|appart\w*|maison|colocation|coloc|chambre|studio|location|voiture|garde|nounou|"
    r"baby ?sitter|benevol\w*|colocataire|chat|chien|local|terrain|velo|medecin|dentiste|place en creche)\b"
    r"(?![^.!?\n]*\b(?:job|boulot|emploi|travail|poste|cdi|cdd|taf|contrat)\b)"  # "un appart et un boulot"
)
# A search status right after a word of refusal makes it sadness, not a stop ("non non non, toujours rien").
STILL = r"(?:toujours|encore|pas encore|rien|pas trouve|je cherche|malheureusement|helas|nada|que dalle|aucune?)\b"

# The verbs of a stop, as typed fast ("aretez"): the stems, for the phrase tables and the patterns.
STOPV = r"(?:retir|supprim|enlev|effac|arret|aret|cess|stop|annul|depubli)"
# Relatives a seeker may answer for ("mon mari a trouvé").
KIN = r"(?:mari|femme|fils|fille|frere|soeur|conjointe?|compagnon|compagne|epouse?|pere|mere|enfant|copain|copine|neveu|niece|cousine?|oncle|tante|beau frere|belle soeur)"
