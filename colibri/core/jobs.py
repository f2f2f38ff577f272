"""Job title (as the person wrote it) and contract types.

Titles come from phrases ("poste de X", "en tant que X", "nous recrutons un X", a sentence
that starts with the title) and from hashtags (camelCase split). Weak candidates must look
like a job: their head word is a known job noun, or the ROME index recognises them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from typing import Final

from colibri.core.multiregex import PrefixScanner
from colibri.core.parse import ParsedPost
from colibri.core.refindex import ReferenceIndex, stem
from colibri.core.text import fold_key, is_member_tag, is_seeker_tag

_WORD: Final = re.compile(
    r"[^\W_][\w+#]*(?:\([^\W\d_]{1,5}\)|[·.][^\W\d_]{1,5}\b)?(?:['’][^\W_][\w+]*)*(?:[-/][^\W_][\w+]*)*|[^\w\s]"
)

# A title stops before these words (folded).
_STOP_WORDS: Final = frozenset(
    """a au aux sur dans pour avec chez sans ou dès des_ disponible dispo disponibles immediatement
    urgent cdi cdd
    temps h f hf fh je j nous vous qui que depuis since in at for with based sur region secteur motive motivee
    motives serieux serieuse dynamique rigoureux rigoureuse autonome ayant avec et_ ou mais car donc the and
    plus ans an annee annees experience exp bac mon ma mes votre vos notre nos son sa ses sur vers pres proche
    merci svp please rt cherche recherche recherchons recrute recrutons looking seeking cherchons
    est suis sont
    postuler postulez candidature contactez contacter disponibilite mobile lien to from on ici here via
    dispo. auto-entrepreneur auto-entrepreneuse micro-entrepreneur independant independante installe installee
    """.split()
)
_EN_STOP: Final = frozenset(
    """cdi cdd alternance stage freelance interim region ile france teletravail remote contrat poste cours
    recherche full temps urgence priorite tant ce cette mission vue attendant""".split()
)
# What cannot be a job title when it follows "recherche un ..." (what seekers look for).
_NOT_TITLE_HEAD: Final = frozenset(
    """poste postes emploi emplois job jobs travail cdi cdd stage stages alternance contrat
    contrats opportunite
    opportunites mission missions entreprise entreprises employeur employeurs nouveau nouvelle
    nouvel challenge
    defi aventure experience activite place structure societe boite cabinet role position opportunity
    opportunities new work le la les l un une des de d mon ma mes ce cette apprentissage internship rt
    personne quelqu quelqu'un candidat candidats candidate profil profils talent talents collaborateur
    collaboratrice renfort renforts h f hf fh du de des d tout toute tous quelque autre nuit jour jours
    remplacement matin soir week weekend suite fin duree temps mi apres avant longue courte premier premiere
    dernier derniere equipe secteur domaine metier metiers branche btp interim taf boulot observation
    immersion emploi""".split()
)
# Head nouns of job titles, folded and stemmed, to validate weak candidates without the ROME index.
JOB_HEADS: Final = frozenset(
    stem(w)
    for w in """comptable developpeur developpeuse charge chargee assistant assistante responsable chef cheffe
    ingenieur ingenieure technicien technicienne commercial commerciale vendeur vendeuse secretaire juriste
    infirmier infirmiere aide agent agente conseiller conseillere gestionnaire directeur directrice consultant
    consultante analyste designer graphiste chauffeur cariste magasinier magasiniere preparateur preparatrice
    operateur operatrice cuisinier cuisiniere serveur serveuse boulanger electricien plombier mecanicien macon
    manager controleur controleuse acheteur acheteuse auditeur auditrice formateur formatrice educateur
    educatrice animateur animatrice coordinateur coordinatrice redacteur redactrice journaliste photographe
    architecte dessinateur dessinatrice ouvrier ouvriere employe employee hote hotesse receptionniste caissier
    caissiere livreur manutentionnaire logisticien data product ux ui community business account office
    project devops administrateur administratrice auxiliaire accompagnant accompagnante aesh atsem avs
    psychologue orthophoniste kinesitherapeute pharmacien medecin enseignant enseignante professeur
    professeure traducteur traductrice interprete paysagiste jardinier menuisier soudeur peintre couvreur
    carreleur plaquiste conducteur conductrice pilote steward barman commis plongeur estheticienne coiffeur
    coiffeuse ambulancier brancardier laborantin biologiste chimiste statisticien actuaire trader banquier
    attache officier marketing communication paie drh daf dsi cto cfo ceo cmo standardiste teleconseiller
    teleconseillere juriste avocat avocate notaire clerc documentaliste bibliothecaire archiviste urbaniste
    geometre topographe economiste ergonome infographiste monteur monteuse realisateur realisatrice
    webdesigner webmaster integrateur integratrice testeur testeuse scrum product owner dev fullstack
    frontend backend sre cybersecurite pentester rssi dpo gouvernante femme valet agent concierge gardien
    gardienne surveillant surveillante securite vigile puericultrice sage kine ergotherapeute dieteticien
    dieteticienne opticien opticienne prothesiste ambulanciere electrotechnicien automaticien
    charpentier chaudronnier tuyauteur usineur tourneur fraiseur regleur ajusteur frigoriste chauffagiste
    comptables assistant(e) expert experte specialiste lead head senior junior stagiaire directeur(trice)
    adjoint adjointe gerant gerante patissier boucher charcutier poissonnier fleuriste libraire
    negociateur negociatrice courtier courtiere agent immobilier mandataire collaborateur collaboratrice
    recruteur recruteuse rh talent chargee de mission cadre employe polyvalent equipier equipiere
    preparateur agent maintenance technico referent referente delegue deleguee visiteur educatrice
    moniteur monitrice entraineur coach nounou nourrice intendant intendante econome buyer
    scientist engineer developer analyst manager designer consultant officer assistant specialist
    accountant nurse driver writer editor marketer recruiter""".split()
    # Words of multi-word titles above that are not job nouns on their own.
    if w
    not in {"de", "mission", "immobilier", "polyvalent", "maintenance", "technico", "visiteur", "securite"}
)
_TITLE_PHRASES: Final = [
    re.compile(
        r"\b(?:poste|emploi|job|travail|contrat|role|position|fonction|metier|cdi|cdd|alternance|stage|mission|"
        r"apprentissage|boulot|taf|place|formation|offre)s?\s+"
        # what the contract is before whose it is: "stage de 6 mois de", "contrat pro d'", "stage de fin
        # d'études de", "stage d'observation de"
        r"(?:(?:de|d'|d)\s*(?:\d+|un|une|deux|trois|quatre|six|douze)\s+(?:mois|semaines|ans?)\s+|"
        r"pro\s+|de professionnalisation\s+|d'apprentissage\s+|de fin d'etudes?\s+|d'observation\s+)?"
        r"(?:en\s+(?:cdi|cdd)\s+)?(?:de\b|d'|d\s|du\b|en tant que\b|comme\b|as an?\b|as\b)\s*"
    ),
    re.compile(
        r"\b(?:en tant que|as an?|travailler comme|reconversion (?:vers|en tant que|dans le metier de)|"
        r"(?:reve|revait|souhaite|veut|voudrait|aimerait|voudrais|aimerais) (?:de |d')?(?:devenir|etre)|"
        r"reconverti(?:e)? (?:en|comme)|titre pro(?:fessionnel)?)\s+"
    ),
]
_PHRASE_GATES: Final = (
    ("poste", "emploi", "job", "travail", "contrat", "role", "position", "fonction", "metier", "cdi", "cdd",
     "alternance", "stage", "mission", "apprentissage", "boulot", "taf", "place", "formation", "offre"),
    ("en tant que", "as a", "comme", "reconversion", "reconverti", "titre pro", "devenir", "etre"),
)  # fmt: skip
_RECRUIT_GATE: Final = (
    "cherch",
    "recrut",
    "accueill",
    "hiring",
    "looking for",
    "seeking",
    "embauch",
    "besoin",
    "pour un",
)
_SELF_GATE: Final = ("suis", "i am", "i'm", "vous etes", "tu es", "comme")
# "pour mon client", "pour un client industriel", "pour le compte d'un de nos clients": whom it is for.
_FOR_CLIENT: Final = (
    r"(?:pour\s+(?:le compte (?:de|d')\s*)?"
    r"(?:mon|ma|notre|un|une|nos|mes|l'un de (?:nos|mes)|un de (?:nos|mes))\s+clients?"
    r"(?:\s+(?!un\b|une\b)[^\W\d_]+)?\s+)?"
)
_RECRUIT: Final = re.compile(
    r"\b(?:(?:re)?cherch(?:e|ons|ent|ez)|recrut(?:e|ons|ent)|accueill(?:e|ons|ent)|embauch(?:e|ons|ent)|hiring|"
    r"looking for|seeking|besoin(?:\s+urgent)?(?=\s+d)|pour(?=\s+une?\s+[^\W\d_]+\s+qui\s))\s+"
    + _FOR_CLIENT
    + r"(?:(?:un|une|des|d'un|d'une|a|an|notre|nos|son|sa|ses|1|2|3|plusieurs)(?:\s?\(?[.·-]?e\)?)?\s+)?"
    r"(?:(?:nouveau|nouvelle|nouvel|futur|futurs|future|futures|new)\s+)?"
)
_SELF: Final = re.compile(
    r"\b(?:je suis|i am|i'm|suis|vous etes|tu es|comme)\s+(?:un |une |a |an )?"
    r"(?!a |la |en |un |une |le |les )"
)
_HF_BEFORE: Final = re.compile(r"\(?\b(?:h\s?/\s?f|f\s?/\s?h)\b\)?")
_SEEK_VERB: Final = re.compile(
    r"\b(?:cherche|recherche|en recherche|disponible|dispo|a l'?\s?ecoute|open to|looking|seeking|h/f|f/h|"
    r"recrute|recherchons|disponibilites?|contactez|propose|freelance|cdi|cdd|poste|missions?|chomage|"
    r"sans emploi|pistes?|plan|embauche|recrutons|independante?|auto-?entrepreneu(?:r|se)|liberale?|"
    r"a mon compte|installee?)\b"
)
_LEADING: Final = re.compile(
    r"(?:(?:ancien|ancienne|ex|jeune|futur|future|nouveau|nouvelle|diplome|diplomee|stagiaire|alternant|alternante|"
    r"apprenti|apprentie|d'\s?etat|d etat)\b[-\s]*)+"
)
_HF_LEAD: Final = re.compile(
    r"\s*(?:(?:nous |on |je )?(?:re)?(?:cherch|recrut)\w*|cdi|cdd|offre d'emploi|job)?\s*:?\s*"
    + _FOR_CLIENT
    + r"(?:(?:un|une|des|d'un|d'une)(?:\(e\))?\s+)?"
)
# A line break counts from the last one of a blank run: "\n\s*" tried from every "\n" of a run of
# 20,000 rescanned the run each time (quadratic); "\n[^\S\n]*" gives the same ends in one pass.
_SENTENCE_START: Final = re.compile(
    r"(?:^|[.!?:|•➡▶→,(]\s*|\n[^\S\n]*|-\s+|#[\w-]+\s+|[^\w\s#]\s+)(?=[^\W\d_])"
)

# `_SENTENCE_START` in two patterns `re` can skip ahead in: every match opens with a character neither a
# letter, a digit nor a blank (one class: `re` scans for it instead of trying all six alternatives at every
# position), or with a line break (a literal); the text's first letter is the `^` alternative. The
# look-behinds tell which alternative the opening character chose: after ".!?:|•➡▶→,(" blanks are
# optional, after "#" a hashtag and blanks come first, after any other (not "#") blanks are required.
_SENTENCE_PUNCT: Final = re.compile(r"[^\w\s](?:(?<=[.!?:|•➡▶→,(])\s*|(?<=#)[\w-]+\s+|(?<!#)\s+)(?=[^\W\d_])")
_SENTENCE_LINE: Final = re.compile(r"\n[^\S\n]*(?=[^\W\d_])")
_LETTER: Final = re.compile(r"[^\W\d_]")


def sentence_starts(folded: str) -> Iterator[int]:
    """`m.end()` of each `_SENTENCE_START.finditer(folded)` match, lazily, in order.

    A line-break match holds only blanks after its break, so it never holds the opening character of
    a punctuation match; a punctuation match may swallow a line break (",\n  Je"): the line-break match
    starting inside it is not one `finditer` finds, as it resumes at each match's end."""
    if _LETTER.match(folded):
        yield 0
    punct, line = _SENTENCE_PUNCT.search(folded), _SENTENCE_LINE.search(folded)
    resume = 0
    while True:
        if punct is not None and (line is None or punct.start() < line.start()):
            m, punct = punct, _SENTENCE_PUNCT.search(folded, punct.end())
        elif line is not None:
            m, line = line, _SENTENCE_LINE.search(folded, line.end())
        else:
            return
        if m.start() >= resume:
            resume = m.end()
            yield resume


_CONTRACT: Final = re.compile(
    r"\b(?P<kind>cdi|cdd|contrat a duree (?:in)?determinee|permanent (?:contract|position|role|job)|fixed[- ]term)"  # noqa: E501
    r"(?:s)?\b"
)
_PAST_CONTRACT: Final = re.compile(
    r"(?:apres|suite a|fin de|fin d'|au terme de|issu d'|termine|mon dernier|dernier|precedent|ancien|"
    r"mon|j'ai fait|effectue|plusieurs|des|en)\s+(?:un |une |mon |ma |\d+ )?(?:\w+ )?$"
)

# Compiled once (`re.search(pattern, ...)` looks the pattern up in `re`'s cache, in Python, at each call).
_OR_BEFORE: Final = re.compile(r"\b(?:ou|or|/|et)\s*$")
_CLEARLY_PAST: Final = re.compile(
    r"(?:apres|suite a|fin de|fin d'|au terme de|termine|dernier|precedent|ancien|j'ai fait|"
    r"effectue)\s+(?:un |une |mon |ma |\d+ )?(?:\w+ )?$"
)
_PAST_DURATION: Final = re.compile(
    r"\s*(?:de \d+|d'un an|de (?:six|trois|deux|douze) mois)\s+(?:chez|a|au|en tant)"
)


@cache
def _contract_scanner() -> PrefixScanner:
    return PrefixScanner([_CONTRACT])


def contracts(parsed: ParsedPost) -> list[str]:
    """Sought contract types among CDI/CDD (a past "CDD" in an experience does not count)."""
    found: set[str] = set()
    cue = parsed.cue_text()
    if not any(g in cue for g in ("cdi", "cdd", "duree", "permanent", "fixed")):
        return []
    for m in _contract_scanner().scan(cue).finditer(0):
        kind = m.group("kind")
        if kind.startswith(("contrat a duree ind", "permanent")):
            label = "CDI"
        elif kind.startswith(("contrat a duree", "fixed")):
            label = "CDD"
        else:
            label = kind.upper()
        before = cue[max(0, m.start() - 25) : m.start()]
        after = cue[m.end() : m.end() + 20]
        if _PAST_CONTRACT.search(before) and not _OR_BEFORE.search(before):
            # "en CDI" and "des CDD" are sought contracts too, unless clearly past ("après mon CDD").
            if _CLEARLY_PAST.search(before):
                continue
            if _PAST_DURATION.match(after):
                continue
        found.add(label)
    return [c for c in ("CDI", "CDD") if c in found]


_TRAILING_SMALL: Final = frozenset(("de", "d", "du", "des", "en", "et", "le", "la", "l", "d'"))
# Word codes (the values of range(4)), one Final name each: native ints once compiled by mypyc.
_STOP: Final = 0
_A: Final = 1
_EN: Final = 2
_ET: Final = 3


@cache
def _walk_words() -> dict[str, int]:
    """The tokens `_walk_title` must look at twice, each with what to do (one dict lookup per token)."""
    table = {w: _STOP for w in _STOP_WORDS}
    table["h/f"] = table["f/h"] = _STOP
    for word, code in (("en", _EN), ("et", _ET)):
        table.setdefault(word, code)
    if "a" in table:
        table["a"] = _A  # a stop word, except in "Aide à domicile"
    return table


def _walk_title(text: str, folded: str, start: int, max_words: int = 6) -> tuple[str, int] | None:
    """Words of a job title starting at `start`, cut at punctuation and stop words."""
    spans: list[tuple[int, int]] = []
    toks: list[str] = []
    # Tokens hold no blank, and the walk stops at the first line break between two of them:
    # so it stops at the first token past the first line break after `start`.
    newline = folded.find("\n", start)
    if newline < 0:
        newline = len(folded)
    special = _walk_words()
    for m in _WORD.finditer(folded, start, min(len(folded), start + 120)):
        # One method call per token (the span), the token sliced from it: compiled, a slice is a C call.
        span = m.span()
        tok = folded[span[0] : span[1]]
        if not tok[0].isalnum():
            if tok == "/" and spans:
                continue
            break
        if span[0] > newline:
            break
        code = special.get(tok)
        if code is not None:
            if code == _A:
                if toks and toks[-1] in ("aide", "agent", "agente"):
                    spans.append(span)  # "Aide à domicile", "Agent à ..."
                    toks.append(tok)
                    continue
                break
            if code == _STOP:
                break
            if code == _EN:
                nxt = _WORD.match(folded, span[1] + 1)
                if nxt is None or nxt.group() in _EN_STOP or text[nxt.start() : nxt.start() + 1].isupper():
                    break
            else:  # "et"
                nxt = _WORD.match(folded, span[1] + 1)
                if nxt is None or not nxt.group().endswith(
                    ("ale", "ive", "ique", "elle", "iel", "ere", "aire", "al")
                ):
                    break
        elif tok.startswith(("http", "www")) or tok.isdigit():
            break
        spans.append(span)
        toks.append(tok)
        if len(spans) >= max_words:
            break
    while toks and toks[-1] in _TRAILING_SMALL:
        toks.pop()
        spans.pop()
    if not spans:
        return None
    a = spans[0][0]
    return text[a : spans[-1][1]], a


def _tidy(title: str) -> str:
    title = title.strip(" -/'’")
    if len(title) > 3 and title.isupper():
        title = title.lower()
    return title[:1].upper() + title[1:]


def _head_ok(title: str) -> bool:
    key = fold_key(title).split()
    return bool(key) and (stem(key[0]) in JOB_HEADS or (len(key) > 1 and stem(key[1]) in JOB_HEADS))


_GENERIC_TAGS: Final = frozenset(
    """pleasert rt please plsrt merciderepartager partage emploi job jobs recrutement recrute recrutons
    hiring opentowork rechercheemploi recherchedemploi recherchedeemploi jobseeker jobsearch cdi
    cdd alternance
    stage stages freelance remote teletravail linkedin candidature cv france offre offredemploi offreemploi
    travail chomage reconversion handicap rqth senior junior immediat disponible urgent dispo entraide
    solidarite reseau networking emploifrance job hunting jobhunting carriere career interim work nowhiring
    weare hiring wearehiring apprentissage contratpro internship recherchestage recherchealternance
    recherchestagiaire freelancer independant tjm portage mission missions covid francetravail poleemploi
    apec indeed welcometothejungle hellowork rejoignezmoi rejoigneznous jecherche jerecherche jobdating
    merci thanks bonjour hello urgentemploi relais repost boost partagez partager help aide aidez besoin
    fullremote teletravail100 remotework""".split()
)


def _maybe_hf(folded: str) -> bool:
    """Whether `_HF_BEFORE` can match: an "h" or "f" within two characters on each side of a "/".

    The regex opens with an optional "(": `re` tries it at every position of the text; a few `find`s
    for the slashes (mostly in links) tell first whether there is anything to find."""
    at = folded.find("/")
    while at >= 0:
        before, after = folded[max(0, at - 2) : at], folded[at + 1 : at + 3]
        if ("h" in before or "f" in before) and ("h" in after or "f" in after):
            return True
        at = folded.find("/", at + 1)
    return False


def job_title_candidates(parsed: ParsedPost, is_place: object = None) -> list[tuple[str, bool]]:
    """(title, strong) candidates in order of trust; strong ones come from explicit phrases."""
    return list(_iter_candidates(parsed, is_place))


@cache
def _job_scanner() -> PrefixScanner:
    """The title phrases, then _RECRUIT, _SEEK_VERB and _SELF, found in one pass over the folded text,
    with their substring gates (one gate per title phrase, then _RECRUIT's and _SELF's)."""
    if len(_TITLE_PHRASES) != len(_PHRASE_GATES):
        raise ValueError("one gate per title phrase")
    return PrefixScanner(
        [*_TITLE_PHRASES, _RECRUIT, _SEEK_VERB, _SELF],
        gates=[*_PHRASE_GATES, _RECRUIT_GATE, _SELF_GATE],
    )


class _Titles:
    """Turns the start of a candidate into a tidy title, once per title (what `_iter_candidates` yields).

    A class rather than a function nested in the generator: compiled by mypyc, a nested function is a
    closure object called through the generic Python call protocol; a method is a direct C call."""

    def __init__(self, text: str, folded: str) -> None:
        self.text = text
        self.folded = folded
        self.seen: set[str] = set()
        self.former: list[str] = []  # "Ancien militaire": a past job, tried after every other candidate

    def make(self, start: int, max_words: int = 6) -> str | None:
        text, folded = self.text, self.folded
        got = _walk_title(text, folded, start, max_words)
        if not got:
            return None
        title, at = got
        lead = _LEADING.match(folded, at)
        if lead and lead.end() < at + len(title):
            title = text[lead.end() : at + len(title)]  # "Ancien magasinier" -> "magasinier"
            if folded.startswith(("ancien", "ex"), at):
                key = fold_key(title)
                if key not in self.seen:
                    self.seen.add(key)
                    self.former.append(_tidy(title))
                return None
        key = fold_key(title)
        first = key.split(" ", 1)[0]
        if not first or first in _NOT_TITLE_HEAD or key in self.seen:
            return None
        self.seen.add(key)
        return _tidy(title)


def _iter_candidates(parsed: ParsedPost, is_place: object = None) -> Iterator[tuple[str, bool]]:
    """Strong candidates first, then weak ones; lazily, so the caller can stop at the first good one."""
    folded = parsed.folded
    titles = _Titles(parsed.text, folded)
    seen = titles.seen

    # One Aho-Corasick pass finds where each phrase pattern may start (see PrefixScanner).
    scan = _job_scanner().scan(folded)
    phrases = len(_TITLE_PHRASES)
    # Cheap substring gates first (answered by the same pass): most regexes here cannot match most posts.
    for k, _rx in enumerate(_TITLE_PHRASES):
        if not scan.gate(k):
            continue
        for m in scan.finditer(k):
            if title := titles.make(m.end()):
                yield title, True
    if _maybe_hf(folded):
        for m in _HF_BEFORE.finditer(folded):
            # "Comptable H/F": walk back to the start of the segment.
            seg_start = max(folded.rfind(c, 0, m.start()) for c in "\n.!:|•#,") + 1
            lead = _HF_LEAD.match(folded, seg_start, m.start())
            if title := titles.make(lead.end() if lead else seg_start):
                yield title, True
    for m in scan.finditer(phrases) if scan.gate(phrases) else ():
        if title := titles.make(m.end()):
            yield title, False
    verbs = [m.start() for m in scan.finditer(phrases + 1)]
    if verbs:
        tried = 0
        last_verb = verbs[-1]
        for after in sentence_starts(folded):
            line_start = folded.rfind("\n", 0, after) + 1
            if line_start > last_verb:
                break  # no job-search verb on this line or later ones: no sentence from here on is tried
            end = folded.find("\n", after)
            limit = min(end if end >= 0 else len(folded), after + 160)
            # a job-search verb on the same line, before or after ("à l'écoute : responsable logistique")
            i = bisect_left(verbs, line_start)
            if i < len(verbs) and verbs[i] < limit:
                tried += 1
                if title := titles.make(after, 5):
                    yield title, False
                if tried >= 12:
                    break
    for m in scan.finditer(phrases + 2) if scan.gate(phrases + 1) else ():
        if title := titles.make(m.end(), 4):
            yield title, False
    for h in parsed.hashtags:
        if h.key in _GENERIC_TAGS or len(h.key) < 3 or h.key.isdigit():
            continue
        if is_seeker_tag(h.raw) or is_member_tag(h.raw):
            continue
        if is_place is not None and callable(is_place) and is_place(h.key):
            continue
        if not h.folded_words or h.folded_words.split()[0] in _NOT_TITLE_HEAD:
            continue
        key = fold_key(h.words)
        if key in seen:
            continue
        seen.add(key)
        yield h.words, False
    for title in titles.former:
        yield title, False


def extract_job(
    parsed: ParsedPost, index: ReferenceIndex | None, is_place: object = None
) -> tuple[str | None, str | None, str | None]:
    """(job title as written, ROME code, ROME appellation) — None where unknown."""
    with_rome = index is not None and bool(index.appellations)
    chosen: str | None = None
    rest: list[str] = []
    for title, strong in _iter_candidates(parsed, is_place):
        trusted = strong or _head_ok(title)
        if not trusted:
            rest.append(title)
            continue
        if not with_rome:
            return title, None, None
        chosen = chosen or title
        hit = index.match_rome(title)  # type: ignore[union-attr]
        if hit:
            return title, hit[0], hit[1]
    if with_rome:
        for title in rest:
            hit = index.match_rome(title, same_head=True)  # type: ignore[union-attr]
            if hit:
                return chosen or title, hit[0], hit[1]
    return chosen, None, None
