# ruff: noqa: E501  (a few rule regexes are one line each: wrapping them would hide the patterns)
"""The classifier's rule patterns and helpers: the regexes its collective rules and doubts run, the hiring
scanner, and how cue patterns are compiled (`colibri.core.classify` applies them).

Kept apart from the classifier so that its rules stay readable and each module stays small.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from colibri.core.multiregex import PrefixScanner, PrefixSearch
from colibri.core.parse import ParsedPost

BIO_WORD: Final = re.compile(r"[#＃]?\w{3,}")
CONTRACT_WORD: Final = re.compile(r"\b(?:cdi|cdd)\b")
FIRST_PERSON: Final = re.compile(r"\b(?:je|j'|moi|mon|ma|mes|i|i'm|my|me)\b")
THEN_CDI: Final = re.compile(
    r"\b(?:puis|suivi d.un|suivie d.un|debouchant sur|pouvant deboucher sur|avant un|en vue d.une? (?:embauche|cdi)|"
    r"pre-?embauche|et (?:pourquoi pas|eventuellement) (?:un )?cdi|then|leading to)\b"
)
SALARIED: Final = re.compile(
    r"\b(?:cdi|cdd|salarie|salariat|poste salarie|emploi salarie|contrat salarie|permanent|full[- ]time)\b"
)
EITHER: Final = re.compile(
    r"\b(?:cdi|cdd|salariat|salarie)(?:\s+\S+){0,2}\s*(?:ou|/|or|voire)\s*(?:\S+\s+){0,2}(?:freelance|independant|portage|missions?)\b"
    r"|\b(?:freelance|independant|portage|missions?)(?:\s+\S+){0,2}\s*(?:ou|/|or|voire)\s*(?:\S+\s+){0,2}(?:cdi|cdd|salariat|salarie)\b"
)
EITHER_INTERN: Final = re.compile(
    r"\b(?:cdi|cdd)\s*(?:ou|/|or)\s*(?:en |une |un |d'?\s?une |d'?\s?un |a )?(?:alternance|stage|apprentissage|contrat pro)\b|\b(?:alternance|stage|apprentissage)\s*(?:ou|/|or)\s*(?:en |un |une )?(?:cdi|cdd)"
)
# Doubtful requests a volunteer reads: a parent writing for a child (who may want an apprenticeship),
# a summer job (often a student's, for a few weeks).
FOR_A_CHILD: Final = re.compile(
    r"\b(?:mon|ma|notre) (?:fils|fille|enfant|ado|adolescente?|neveu|niece|petite?[- ](?:fils|fille)|filleule?|grand|grande)\b[^.!?]{0,40}?\b(?:re)?cherch"
)
SOUGHT_IN_ALTERNANCE: Final = re.compile(
    r"\b(?:poste|emploi|job|contrat|place|travail|opportunite|position)\b(?:(?!\b(?:cdi|cdd|ou|or)\b)[^.!?\n]){0,60}?\ben (?:alternance|apprentissage|contrat pro\b|contrat de professionnalisation)"
)
POST_IN_ALTERNANCE: Final = "un poste en alternance ou en apprentissage"
CHILD_WORDS: Final = ("fils", "fille", "enfant", "ado", "neveu", "niece", "filleul", "grand")
SUMMER_JOB: Final = re.compile(
    r"\bjobs? (?:d'?\s?|pour l'?\s?)?ete\b|\bsummer jobs?\b|\bjobs? etudiants?\b|\bjob (?:de|pour les) vacances\b"
    r"|\bjobs? (?:\S+ ){0,4}?(?:le soir|les soirs|le week-?end|les week-?ends|a cote de mes (?:etudes|cours))\b"
    r"|\b(?:cdd|emploi|contrat|travail|poste) (?:d'?\s?|pour l'?\s?)ete\b"
)


def body_end(parsed: ParsedPost) -> int:
    """Where the post's own words end in its cue text (camelCase hashtags are spelled out after them:
    "#i4EmploiR" adds "i 4emploi r", whose "i" is no first person)."""
    cue = parsed.cue_text()
    cut = cue.find(" . ", len(" ".join(parsed.folded.replace("#", " ").replace("＃", " ").split())) - 1)
    return len(cue) if cut < 0 else cut


def flex_spaces(pattern: str) -> str:
    """Spaces in cue patterns match any run of blanks ("une  #alternance" has two once '#' is blanked)."""
    out: list[str] = []
    depth = 0
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith(("(?<!", "(?<="), i):
            close = pattern.index(")", i)  # look-behinds must keep a fixed width: copied verbatim
            out.append(pattern[i : close + 1])
            i = close + 1
            continue
        if c == "[":
            depth += 1
        elif c == "]" and depth:
            depth -= 1
        if c == " " and not depth:
            if i + 1 < len(pattern) and pattern[i + 1] in "?*":
                out.append(r"\s*")
                i += 2
                continue
            out.append(r"\s+")
        else:
            out.append(c)
        i += 1
    return "".join(out)


# "X recrute/cherche (un) <job noun>": somebody is hiring. Domain words are not people.
HIRING_VERB: Final = re.compile(
    r"(?<![\w'])(?:(?:re)?cherch(?:e|ons|ent)|recrut(?:e|ons|ent)|embauch(?:e|ons|ent)|besoin|looking\s+for|hiring)\b"
)
# Anchored right after the verb (the subject is read backwards from the verb: cheaper than a scan).
HIRING_NOUN: Final = re.compile(
    r"\s+"
    r"(?:(?:un|une|des|son|sa|ses|notre|nos|d'un|d'une|\d+|plusieurs|a|an)(?:\s?\(e\)|\.e|·e)?\s+)?"
    r"(?:(?:futur|future|futurs|nouvel|nouveau|nouvelle|new|excellent|bon|bonne|senior|junior|lead|experienced|"
    r"talented|skilled|motivated)\S*\s+){0,2}(?P<noun>[a-z]+)"
)
NOT_PEOPLE: Final = frozenset(
    """marketing communication paie rh data business office project product senior junior lead head expert experte
    cadre aide femme valet owner talent sage scrum community account benevole benevoles""".split()
)
HIRED_PEOPLE: Final = frozenset(
    "freelance freelances prestataire prestataires profil profils candidat candidats employes employees".split()
)
TAG_SEEKER_CAP: Final = 2.5
PLURAL_SOUGHT: Final = re.compile(r"\b([a-z]+)s(?:\(es\))?(?:\s+[\w-]+){0,2}?\s+recherche(?:e)?s\b")
SEASONAL: Final = frozenset(
    "saisonnier vendangeur cueilleur renfort interimaire extra equipier manutentionnaire".split()
)
# Headings ("Profil :", "Lieu :", "Contrat :") lay out an ad, but seekers use them too.
STRUCTURE_WHY: Final = frozenset({"rubriques d'une annonce", "exigences d'une offre"})

INTERN_SEARCH: Final = "recherche d'un stage ou d'une alternance"


@cache
def hiring_scanner() -> PrefixScanner:
    return PrefixScanner([HIRING_VERB])


# "🎓 Alternance Community Manager", "#PleaseRT #i4EmploiR Alternance #Compta": the first word after the
# post's tags or emoji names the contract sought (not "Alternance terminée": that one is behind the person).
INTERN_HEADING: Final = re.compile(
    r"^(?:[^\w\n#＃]|[#＃][\w-]+)*?[#＃]?(?:alternance|apprentissage|stage|contrat pro\w*|contrat d'apprentissage)\b"
    r"(?![ \t]*(?:termin|fini|valid|achev|effectu|pass|réalis|en poche|de fin d'études puis))",
    re.IGNORECASE | re.MULTILINE,
)
# A household hiring (childcare, cleaning, care at home) with hours or pay: an offer, not a service asked.
PRIVATE_EMPLOYER: Final = re.compile(
    r"\b(?:re)?cherch(?:e|ons) (?:un |une |des |notre |mon |ma )?(?:nounou|baby-?sitter|garde d'?\s?enfants?|aide menagere|"
    r"femme de menage|aide a domicile|auxiliaire de vie|assistante? maternelle|jeune fille au pair|au pair|"
    r"employee? de maison|gouvernante)\b[^.!?]{0,120}?(?:\b\d+ ?h(?:eures?)?(?: ?/ ?| par | a la | la )"
    r"(?:semaine|sem|mois|jour)\b|\bcesu\b|\bpajemploi\b|\bdeclaree?\b|\b\d+ ?(?:€|euros?) ?(?:nets? |bruts? )?(?:/ ?h|de l'?\s?heure|par heure))"
)
# A word every PRIVATE_EMPLOYER match holds (one of its nouns): the regex, tried at every position of the
# text (its "\b(?:re)?cherch" gives `re` no prefix to skip to), runs only when one is there.
PRIVATE_EMPLOYER_WORDS: Final = (
    "nounou", "baby", "garde", "aide", "femme", "auxiliaire", "maternelle", "au pair", "employe", "gouvernante",
)  # fmt: skip


_private_employer = PrefixSearch(PRIVATE_EMPLOYER).search  # tried where "(re)cherche(ons) " is only


def household_employer(cue: str) -> bool:
    """`PRIVATE_EMPLOYER.search(cue)`, tried only when one of its nouns is in the text."""
    return any(w in cue for w in PRIVATE_EMPLOYER_WORDS) and _private_employer(cue) is not None


# "CDI ou alternance" from someone back in studies, the CDI not put first: the alternance fits the studies.
STUDYING: Final = re.compile(
    r"\b(?:reprise d'?\s?etudes|je reprends (?:mes|des|les) etudes|en (?:cours de )?(?:master|licence|bts|but|bachelor|mba|dcg|dscg)\b|"
    r"etudiante?\b|je prepare (?:un|une|mon|ma) |je (?:rentre|suis) en (?:master|licence|bts|but|formation))"
)
CDI_PREFERRED: Final = re.compile(
    r"\b(?:de preference|idealement|en priorite|prioritairement|surtout|avant tout) (?:un |en )?(?:cdi|cdd)\b|"
    r"\b(?:cdi|cdd) (?:reste|est|serait|demeure) (?:ma|la|mon) (?:priorite|premier choix)\b|\bpriorite (?:au|a un|a l'?\s?)(?:cdi|emploi)\b"
)
# The person's own experience beside the collective's hashtags ("12 ans de gros œuvre, permis B", "CACES 3",
# "j'ai"): a request's line; a line about a workplace ("restaurant familial, service midi et soir") may be an
# offer's, and is left to the other rules.
SELF_DESCRIBED: Final = re.compile(
    r"\b(?:je|j'|moi|mon|ma|mes)\b|\b\d+ ans (?:d'?\s?(?:experience|xp)|de metier|de |dans |en |comme |chez )|"
    r"\b(?:caces|permis [a-e]|diplomee?|certifiee?|habilitations?|titre pro|cap|bep|bts|experience|xp)\b"
)
