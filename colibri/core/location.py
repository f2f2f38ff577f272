"""Where the person wants to work: commune, département, région, remote, abroad.

One Aho-Corasick pass over the folded text finds every gazetteer name at once (communes,
départements, régions and their nicknames, foreign places, remote-work words); hashtags are
looked up by their compact key. Candidates are then scored by context, because many French
communes are ordinary words ("Vire", "Sens", "Bar") and many names are ambiguous.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import ahocorasick
from rapidfuzz import fuzz, process

from colibri.core import geodata
from colibri.core.jobs import JOB_HEADS
from colibri.core.parse import ParsedPost
from colibri.core.refindex import ReferenceIndex, stem
from colibri.core.text import fold_key
from colibri.core.types import Location

# Gazetteer entry kinds, in the order a location is preferred: a city beats a région.
COMMUNE, LANDMARK, DEPARTEMENT, REGION, ABROAD, REMOTE, DEMONYM = range(7)

_SEPARATORS = re.compile(r"[^\w]|_")  # every non-word character to a space: same length
# The same mapping for ASCII texts (most folded posts) by str.translate, several times faster.
_ASCII_SEPARATORS = bytes(c if chr(c).isalnum() else 32 for c in range(256))
# Words before a place name that make it a place ("sur Vire", "région de Sens", "dans le Var").
_CONTEXT_1 = frozenset(
    """a au sur vers region secteur zone proche base basee bases basees domicilie domiciliee habite
    habitant en dept dpt dep departement agglomeration metropole bassin in near around on idealement
    preference priorite plutot lieu localisation location localise localisee situe situee to""".split()
)
# Weak cues: enough to trust an ambiguous name in a list ("Lyon ou Vire"), not to outrank another place.
_WEAK_CONTEXT = frozenset({"ou", "et", "or", "and"})
_CONTEXT_2 = frozenset(
    """pres de|autour de|dans le|dans la|dans l|region de|secteur de|zone de|proche de|alentours de|
    environs de|mobile sur|mobilite sur|poste sur|poste a|based in|ville de|departement de|departement du|
    agglomeration de|metropole de|bassin de|depart de|entrepot de|entrepot a|usine de|usine a|site de|
    agence de|magasin de|siege de|bureaux de|bureaux a|atelier de|depot de|plateforme de|depuis la|depuis le|
    depuis l""".replace("\n    ", "").split("|")
)
_ARTICLES = frozenset("de d du le la l les".split())
# ... and words that make it something else ("université de Bordeaux", "né à Lyon", "rue de Paris").
_NEGATIVE = frozenset(
    """universite ecole iut iae lycee college fac faculte diplome diplomee ne nee originaire po school ensam
    insa chu hopital club fc stade olympique rue avenue boulevard place quai bd""".split()
)


def _has_context(before: str, weak: bool = True) -> bool:
    words = before.split()[-4:]
    if not words:
        return False
    if weak and words[-1] in _WEAK_CONTEXT:
        return True
    if words[-1] in _CONTEXT_1 or " ".join(words[-2:]) in _CONTEXT_2:
        return True
    if words[-1] in _ARTICLES and len(words) >= 2:
        rest = words[:-1]
        return rest[-1] in _CONTEXT_1 or " ".join(rest[-2:]) in _CONTEXT_2
    return False


# "sur le 31", "dans le 69": a bare "le 31" is usually a date ("fin de CDD le 31").
_BEFORE_LE = frozenset(
    "sur dans vers secteur zone region tout partout cote bosser travailler poste job".split()
)
_GENITIVE = frozenset("de d du des".split())


def _place_before_le(folded: str, start: int) -> bool:
    words = folded[max(0, start - 30) : start].split()
    return bool(words) and words[-1].strip(",;:(") in _BEFORE_LE


def _genitive_of_known_place(place: Place, before: str) -> bool:
    """ "du Gers", "de la Manche", "l'Intermarché de Gap": an ambiguous name after "de" is the place
    when it is capitalised and a département or a prefecture (not a village named like a word)."""
    if place.kind != DEPARTEMENT and not (place.kind == COMMUNE and place.rank <= 1000):
        return False
    words = before.split()[-2:]
    if not words:
        return False
    if words[-1] in ("la", "l") and len(words) == 2:
        return words[0] in ("de", "d")
    return words[-1] in _GENITIVE


def accent_clash(raw_tag: str, place: Place) -> bool:
    """ "#Maçon" is the job, not Mâcon: an accented hashtag spelled otherwise than the commune it folds to."""
    if raw_tag.isascii() or place.kind != COMMUNE or not place.spelled:
        return False
    a = "".join(c for c in raw_tag.lower() if c.isalpha())
    b = "".join(c for c in place.spelled.lower() if c.isalpha())
    return len(a) == len(b) and a != b


_PHRASE_END = tuple(",;:.!?/|—–)")
_ARTICLE_KEYS = ("la ", "le ", "les ", "l ")


def _negative_before(before: str) -> bool:
    words = before.split()[-3:]
    while words and words[-1] in _ARTICLES:
        words.pop()
    return bool(words) and words[-1] in _NEGATIVE


# "au Havre", "aux Abymes": French folds the article of "Le Havre" into the preposition.
_CONTRACTION = re.compile(r"\b([Aa]ux?|[Dd]u|[Dd]es) ((?:[A-ZÀ-Ý][\w']+)(?:[ -][A-ZÀ-Ý][\w']+)?)")
# One or two words after a place cue, in the folded, separator-free text ("sur marseil", "a clermont ferand").
_AFTER_PLACE_CUE = re.compile(
    r"\b(?:a|sur|vers|region|secteur|pres de|autour de|proche de|dans|habite|base|basee|in|near) "
    r"([a-z]{5,})(?: ([a-z]{3,}))?"
)
# rapidfuzz ratio (0-100): "Marseil" / "Marseille" 87.5, "Montpelier" 95; two unrelated names stay < 80.
_FUZZY_CUTOFF = 85.0
_CODE_AFTER = re.compile(r"^\s*\(\s*(\d{2,3}|2[ab])\s*\)")
_DEP_CODE = re.compile(
    r"(?:#|\(|\b(?:dpt|dept|departement|dep|department)\.?\s*(?:n°\s*)?|\bdans le\s+|\ble\s+(?=\d{2}\b(?!\s*(?:ans|mois|jours|h\b|%|€|k\b))))"  # noqa: E501
    r"(\d{2,3}|2[ab])\b\)?(?!\s*(?:ans|mois|jours|heures|h\b|%|€|k\b|kms?\b|minutes?\b|min\b|000|euros|ème|eme|e\b|er\b|[/.:,]\d))"
)
_POSTCODE = re.compile(r"(?<![\d.,+])(\d{5})(?!\d|[,.]\d|\s*(?:€|euros?|eur\b|k\b|\$|brut|net|/an|par an))")

# A cheap superset of _DEP_CODE (its prefixes, then a code): most posts with digits have no code cue.
_DEP_GATE = re.compile(
    r"[#(](?:\d\d|2[ab])|(?:dpt|dept|dep|department|departement)\.?\s*(?:n°\s*)?(?:\d\d|2[ab])|le\s+(?:\d\d|2[ab])"
)
_FIVE_DIGITS = re.compile(r"\d\d\d\d\d")  # as \d{5}, but `re` skips ahead to digits for this form
_DIGIT = re.compile(r"\d")
_TAG_DIGITS = re.compile(r"^([a-z]+?)(\d{2,3}|2a|2b)$")
_TAG_ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille)(\d{1,2})(?:e|eme|er)?$")


@dataclass(frozen=True, slots=True)
class Place:
    kind: int
    name: str  # commune name, country, or "" for remote
    departement: str | None
    region: str | None  # région code
    rank: int  # lower: more likely meant among homonyms
    ambiguous: bool  # an ordinary word too: needs a hashtag or a location cue
    single_word: bool
    spelled: str = ""  # exact official spelling, to prefer "Vire" over "Viré" when written "Vire"


@dataclass(slots=True)
class _Candidate:
    place: Place
    pos: int
    score: float
    hashtag: bool = False


class Gazetteer:
    """Compiled location lookup built from the built-in tables and, when loaded, the COG."""

    def __init__(self, index: ReferenceIndex | None = None) -> None:
        deps = index.departements if index and index.departements else list(geodata.DEPARTEMENTS)
        regs = index.regions if index and index.regions else list(geodata.REGIONS)
        self.dep_region: dict[str, str] = {d[0]: d[2] for d in deps}
        self.dep_name: dict[str, str] = {d[0]: d[1] for d in deps}
        self.region_name: dict[str, str] = {r[0]: r[1] for r in regs}
        self.prefecture: dict[str, str] = {d[0]: d[3] for d in deps}
        entries: dict[str, list[Place]] = {}

        def add(key: str, place: Place) -> None:
            if key:
                entries.setdefault(key, []).append(place)

        def amb(key: str) -> bool:
            return key in geodata.AMBIGUOUS_NAMES

        if index is not None and index.communes:
            for key, communes in index.commune_table().items():
                for c in communes[:3]:
                    single = " " not in key
                    # Single-word communes outside the big-city list are often words: ask for context.
                    ambiguous = amb(key) or (single and c.rank >= 1000) or len(key) <= 3
                    add(key, Place(COMMUNE, c.name, c.departement, self.dep_region.get(c.departement), c.rank,
                                   ambiguous, single, c.spelled))  # fmt: skip
        else:
            seen: set[tuple[str, str]] = set()
            rank = 0
            for name, dep in list(geodata.BIG_CITIES) + [(d[3], d[0]) for d in deps]:
                key = fold_key(name)
                if (key, dep) in seen:
                    continue
                seen.add((key, dep))
                rank += 1
                add(key, Place(COMMUNE, name, dep, self.dep_region.get(dep), rank, amb(key), " " not in key))
        for code, name, reg, _pref in deps:
            key = fold_key(name)
            add(key, Place(DEPARTEMENT, name, code, reg, 0, amb(key), " " not in key))
        for code, name, _pref in regs:
            key = fold_key(name)
            add(key, Place(REGION, name, None, code, 0, amb(key), " " not in key))
        for key, code in geodata.REGION_ALIASES.items():
            short = len(key) <= 4
            add(key, Place(REGION, key, None, code, 0, amb(key) or short, " " not in key))
        for key, (commune, dep) in geodata.LANDMARKS.items():
            add(
                key,
                Place(
                    LANDMARK, commune or "", dep, self.dep_region.get(dep), 0, key in {"sophia", "cdg"}, False
                ),
            )
        for key, city in geodata.DEMONYMS.items():
            for prefix in ("region", "agglomeration", "agglo", "metropole", "bassin"):
                add(f"{prefix} {key}", Place(DEMONYM, city, None, None, 0, False, False))
        for key, country in geodata.ABROAD.items():
            add(
                key,
                Place(
                    ABROAD, country, None, None, 0, len(key) <= 3 or key in {"gand", "berne", "bale"}, True
                ),
            )
        for key in geodata.REMOTE_KEYS:
            add(key, Place(REMOTE, "", None, None, 0, False, False))
        for places in entries.values():
            places.sort(key=_preference)
        self.entries = entries
        self.compact: dict[str, list[Place]] = {}
        for key, places in entries.items():
            self.compact.setdefault(key.replace(" ", ""), []).extend(places)
        for code in self.dep_region:
            self.compact.setdefault(code.lower(), []).append(
                Place(DEPARTEMENT, self.dep_name[code], code, self.dep_region[code], 0, False, True)
            )
        self.automaton = ahocorasick.Automaton()
        for key in entries:
            # Padded with spaces so the automaton only reports whole words (texts are padded too).
            self.automaton.add_word(f" {key} ", key)
        self.automaton.make_automaton()
        self._tag_places: dict[str, Place | None] = {}
        # Built on the first post that needs it.
        self._fuzzy_table: tuple[dict[str, Place], list[str]] | None = None
        # Commune of each big city name, to resolve "région lyonnaise" -> Lyon.
        self._city: dict[str, Place] = {}
        for key, places in entries.items():
            for p in places:
                if p.kind == COMMUNE and key not in self._city:
                    self._city[key] = p

    # ------------------------------------------------------------------------------------------
    def hashtag_place(self, key: str) -> Place | None:
        """The place a hashtag names, if any ('#Peintre' is a job even if a village bears that name)."""
        # Memoised: hashtags are a small vocabulary that comes back post after post, and the
        # tables behind the answer never change once the gazetteer is built.
        try:
            return self._tag_places[key]
        except KeyError:
            pass
        if len(self._tag_places) > 50_000:
            self._tag_places.clear()
        place = self._tag_places[key] = self._hashtag_place(key)
        return place

    def tag_place(self, raw: str, key: str) -> Place | None:
        """The place hashtag `raw` (folded `key`) names, unless its accents say it is another word."""
        place = self.hashtag_place(key)
        if place is None or accent_clash(raw, place):
            return None
        return place

    def tag_places(self, parsed: ParsedPost) -> dict[str, Place | None]:
        """The place of each hashtag of a post (by key).

        A tag that is a job as well as a place ("#MACON": Mâcon, upper case hides the cedilla) is the job
        when another tag of the post is a place that is no job."""
        found = {h.key: self.tag_place(h.raw, h.key) for h in parsed.hashtags}
        if len(found) > 1:
            jobs = [k for k, p in found.items() if p is not None and stem(k) in JOB_HEADS]
            if jobs and any(p is not None and k not in jobs for k, p in found.items()):
                for k in jobs:
                    found[k] = None
        return found

    def _hashtag_place(self, key: str) -> Place | None:
        if key in _HASHTAG_BLOCK:
            return None
        places = self.compact.get(key)
        if places is None:
            m = _TAG_DIGITS.match(key) or _TAG_ARRONDISSEMENT.match(key)  # "#Lyon69", "#Lyon3"
            if m:
                places = self.compact.get(m.group(1))
        if not places:
            return None
        for place in places:
            if place.kind == DEMONYM:
                continue
            if place.kind == COMMUNE and place.rank >= 1000 and (stem(key) in JOB_HEADS or len(key) <= 3):
                continue
            return place
        return None

    def _spelled_first(self, key: str, written: str) -> list[Place]:
        """The entry for a name, preferring a small commune whose exact spelling matches what was written."""
        places = self.entries[key]
        first = places[0]
        if first.kind == COMMUNE and first.rank >= 1000 and len(places) > 1:
            low = written.lower()
            for p in places[1:4]:
                if p.kind == COMMUNE and p.spelled.lower() == low and first.spelled.lower() != low:
                    return [p]
        return [first]

    def _resolve_demonym(self, place: Place) -> Place | None:
        return self._city.get(fold_key(place.name))

    def locate(self, parsed: ParsedPost, skip_spans: list[tuple[int, int]] | None = None) -> Location:
        text = parsed.text
        folded = parsed.folded
        gaz = (
            folded.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii")
            if folded.isascii()
            else _SEPARATORS.sub(" ", folded)
        )
        mostly_upper: bool | None = None  # computed only when a lower-case name needs it
        cands: list[_Candidate] = []
        remote = False
        abroad: str | None = None

        # 1. hashtags: exact compact-key lookups.
        tag_places = self.tag_places(parsed)
        for h in parsed.hashtags:
            place = tag_places[h.key]
            if place is None:
                continue
            small = place.kind == COMMUNE and place.rank >= 1000
            cands.append(_Candidate(place, h.start, 2.5 if small else 4.0, hashtag=True))

        # 2. names in the text, one automaton pass.
        spans: list[tuple[int, int, str]] = []
        for last, key in self.automaton.iter(f" {gaz} "):
            start = last - len(key) - 1  # position in `gaz` (and in `text`) of the name's first letter
            end = start + len(key)
            if start > 0 and text[start - 1] in "#-":
                continue  # a hashtag (handled above) or a piece of a longer hyphenated name
            if text[end : end + 1] == "-":
                continue  # "Entre-deux-Mers" is not the commune "Entre-Deux"
            if text[start : start + 1].islower() and key.startswith(_ARTICLE_KEYS):
                # "dans la Creuse": the commune "La Creuse" (70) would hide the département behind a
                # lower-case article; written so, the name is the word after it, when that is a place.
                inner = key.split(" ", 1)[1]
                if inner in self.entries:
                    start, key = end - len(inner), inner
            spans.append((start, end, key))
        spans = _longest(spans)
        for start, end, key in spans:
            for place in self._spelled_first(key, text[start:end]):
                if place.kind == REMOTE:
                    remote = True
                    continue
                original = text[start:end]
                capital = original[:1].isupper() or original[:1].isdigit()
                well_known = place.kind in (COMMUNE, DEPARTEMENT, REGION) and place.rank <= 1000
                if not capital and place.kind != DEMONYM:
                    if place.ambiguous or not well_known:
                        continue  # most automaton hits are lower-case words: drop them first, cheaply
                    if mostly_upper is None:
                        mostly_upper = _mostly_upper(text)
                    capital = mostly_upper
                before = gaz[max(0, start - 40) : start]
                context = (
                    _has_context(before)
                    or (text[start - 1 : start] == "(" and text[end : end + 1] == ")")
                    or text[max(0, start - 3) : start].rstrip().endswith("📍")  # the pin emoji: a place
                )
                # "(69)" right after the name; the regex only where a "(" follows at all.
                code_after = (
                    _CODE_AFTER.match(folded[end : end + 8]) if folded.find("(", end, end + 8) >= 0 else None
                )
                if code_after:
                    context = True
                if place.kind == DEMONYM:
                    resolved = self._resolve_demonym(place)
                    if resolved:
                        cands.append(_Candidate(resolved, start, 3.0))
                    continue
                if not capital and not context:
                    continue  # "sur auxerre": lower case is fine for a well-known city after a cue
                if (
                    place.ambiguous
                    and not context
                    and not (capital and _genitive_of_known_place(place, before))
                ):
                    continue
                strong_context = context and (code_after is not None or _has_context(before, weak=False))
                score = (
                    1.0
                    + (2.0 if strong_context else 0.0)
                    + (0.5 if place.kind == COMMUNE and place.rank < 1000 else 0.0)
                )
                if _negative_before(before) and not text[max(0, start - 4) : start].rstrip().endswith(
                    _PHRASE_END
                ):
                    score -= 4.0
                if place.kind == COMMUNE and code_after:
                    # "Valence (82)": the code picks the homonym.
                    code = code_after.group(1).upper()
                    for alt in self.entries[key]:
                        if alt.kind == COMMUNE and alt.departement == code:
                            place = alt
                            break
                cands.append(_Candidate(place, start, score))

        # 3. département codes and postcodes.
        # Both need a digit: one cheap scan for any (led by the digit class) spares the two others.
        has_digit = _DIGIT.search(folded) is not None
        for m in _DEP_CODE.finditer(folded) if has_digit and _DEP_GATE.search(folded) else ():
            code = m.group(1).upper()
            if m.group(0).startswith("le") and not _place_before_le(folded, m.start()):
                continue  # "fin de CDD le 31", "le 14 mars": a date, not "sur le 31"
            if _inside_phone(m.start(1), parsed):
                continue  # "appelez le 03 87 …"
            if code in self.dep_region:
                cands.append(_Candidate(self.compact[code.lower()][-1], m.start(1), 2.5))
        for m in _POSTCODE.finditer(folded) if has_digit and _FIVE_DIGITS.search(folded) else ():
            code = _postcode_dep(m.group(1))
            if code and code in self.dep_region and not _inside_phone(m.start(), parsed):
                cands.append(_Candidate(self.compact[code.lower()][-1], m.start(1), 2.0))

        loc = Location(remote=remote)
        best: _Candidate | None = None
        for c in cands:
            if c.place.kind == REMOTE:
                loc.remote = True
                continue
            if c.place.kind == ABROAD:
                if abroad is None and c.score > 0:
                    abroad = c.place.name
                continue
            if c.score <= 0:
                continue
            if best is None or _better(c, best):
                best = c
        loc.abroad = abroad
        if best is not None and best.place.kind == COMMUNE and not best.hashtag:
            # An explicit département ("#92", "dans le Morbihan") beats a plain-text commune elsewhere.
            deps = [c for c in cands if c.place.kind == DEPARTEMENT and c.score > 0]
            if deps and best.place.departement not in {c.place.departement for c in deps}:
                if self._agreeing_dep(best.place, cands) is None:
                    best = max(deps, key=lambda c: c.score)
        if best is None and abroad is None:
            # Nothing named exactly: "au Havre" (the article folded into "au"), "Montpelier".
            best = self._contracted(text) or self._fuzzy(parsed, gaz)
        elif best is not None and best.place.kind == DEPARTEMENT:
            # "au Tampon (974)": the commune of that département, whatever its size.
            best = self._contracted(text, best.place.departement) or best
        if best is not None:
            p = best.place
            if p.kind in (COMMUNE, LANDMARK):
                loc.commune = p.name or None
                loc.departement = p.departement
                # A commune named like a département elsewhere: prefer a département cue that agrees.
                agreeing = self._agreeing_place(p, key_cands=cands)
                if agreeing is not None:
                    p = agreeing
                    loc.commune, loc.departement = p.name, p.departement
            elif p.kind == DEPARTEMENT:
                loc.departement = p.departement
            reg = p.region if p.region else self.dep_region.get(loc.departement or "")
            if loc.departement:
                reg = self.dep_region.get(loc.departement, reg)
            loc.region = self.region_name.get(reg or "")
        return loc

    def _contracted(self, text: str, departement: str | None = None) -> _Candidate | None:
        """A big commune (or one of `departement`) named after "au"/"aux"/"du"/"des": "au Tampon"."""
        if "u " not in text and "x " not in text and "s " not in text:
            return None
        for m in _CONTRACTION.finditer(text):
            article = "le " if m.group(1).lower() in ("au", "du") else "les "
            for place in self.entries.get(article + fold_key(m.group(2)), ()):
                if place.kind == COMMUNE and (
                    place.departement == departement if departement else place.rank < 1000
                ):
                    return _Candidate(place, m.start(2), 3.0)
        return None

    def _fuzzy(self, parsed: ParsedPost, gaz: str) -> _Candidate | None:
        """A misspelt big commune or département ("Marseil", "Strasbourgh") after a place cue or as a hashtag.

        Only names a seeker would be understood by (big communes, prefectures, départements) and only
        words in a place's position: fuzzy matching every word would find a village in any sentence."""
        words: list[tuple[str, int]] = [(h.key, h.start) for h in parsed.hashtags if len(h.key) >= 5]
        for m in _AFTER_PLACE_CUE.finditer(gaz):
            words.append((m.group(1), m.start(1)))
            if m.group(2):
                words.append((f"{m.group(1)} {m.group(2)}", m.start(1)))
        if not words:
            return None
        choices, keys = self._fuzzy_choices()
        for word, pos in words:
            if word in self.entries or word in self.compact or stem(word) in JOB_HEADS:
                continue
            hit = process.extractOne(word, keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
            if hit is not None:
                return _Candidate(choices[hit[0]], pos, 2.0)
        return None

    def _fuzzy_choices(self) -> tuple[dict[str, Place], list[str]]:
        if self._fuzzy_table is None:
            table: dict[str, Place] = {}
            for key, places in self.entries.items():
                for place in places:
                    if len(key) >= 5 and (
                        (place.kind == COMMUNE and place.rank <= 1000) or place.kind == DEPARTEMENT
                    ):
                        table.setdefault(key, place)
                        table.setdefault(key.replace(" ", ""), place)  # hashtags have no blanks
                        break
            self._fuzzy_table = table, list(table)
        return self._fuzzy_table

    def _agreeing_dep(self, place: Place, key_cands: list[_Candidate]) -> str | None:
        alt = self._agreeing_place(place, key_cands)
        return alt.departement if alt is not None else None

    def _agreeing_place(self, place: Place, key_cands: list[_Candidate]) -> Place | None:
        """The département of a homonym of `place` that agrees with a département or région cue."""
        if place.kind != COMMUNE:
            return None
        deps = {c.place.departement for c in key_cands if c.place.kind == DEPARTEMENT}
        regions = {c.place.region for c in key_cands if c.place.kind == REGION}
        if (not deps or place.departement in deps) and (not regions or place.region in regions or deps):
            return None
        for alt in self.entries.get(fold_key(place.name), []):
            if alt.kind == COMMUNE and (alt.departement in deps or (not deps and alt.region in regions)):
                return alt
        return None


_HASHTAG_BLOCK = frozenset(
    "orange eu y plan bar mars vue ver mer port val bois pont champ cours est sud ouest centre job emploi "
    "ain lot var cher".split()
)
_KIND_BONUS = {COMMUNE: 0.6, LANDMARK: 0.6, DEPARTEMENT: 0.3, REGION: 0.0}


def _preference(p: Place) -> tuple[int, int]:
    """Order of homonyms: big city, département, région, foreign place, small commune, former commune."""
    if p.kind == COMMUNE:
        group = 0 if p.rank < 1000 else (4 if p.rank < 9000 else 5)
    else:
        group = {LANDMARK: 0, DEPARTEMENT: 1, REGION: 2, ABROAD: 3, REMOTE: 0, DEMONYM: 0}[p.kind]
    return group, p.rank


def _better(a: _Candidate, b: _Candidate) -> bool:
    ka = a.score + _KIND_BONUS.get(a.place.kind, 0) + (5 if a.place.kind in (COMMUNE, LANDMARK) else 0)
    kb = b.score + _KIND_BONUS.get(b.place.kind, 0) + (5 if b.place.kind in (COMMUNE, LANDMARK) else 0)
    if ka != kb:
        return ka > kb
    return a.pos < b.pos


def _longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the longest of overlapping matches ("Saint-Denis" over "Denis")."""
    if len(spans) < 2:
        return spans  # most posts: nothing can overlap
    # Kept spans never overlap, so sorted by start they are sorted by end too: a new span can only
    # overlap its two neighbours there (a scan of every kept span was quadratic on "Lyon " * 4000).
    starts: list[int] = []
    out: list[tuple[int, int, str]] = []
    for s in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        i = bisect_right(starts, s[0])
        if i and out[i - 1][1] > s[0]:
            continue
        if i < len(out) and out[i][0] < s[1]:
            continue
        starts.insert(i, s[0])
        out.insert(i, s)
    return out


_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LOWER = re.compile(r"[a-zß-öø-ÿ]")


def _mostly_upper(text: str) -> bool:
    sample = text[:400]
    upper = len(_UPPER.findall(sample))
    return upper > 1.5 * len(_LOWER.findall(sample))


def _postcode_dep(code: str) -> str | None:
    if code.startswith("97"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if code < "20200" else "2B"
    if code == "00000" or code.startswith(("96", "98", "99")):
        return None
    return code[:2]


def _inside_phone(pos: int, parsed: ParsedPost) -> bool:
    if not parsed.phones:
        return False
    window = re.sub(r"\D", "", parsed.text[max(0, pos - 10) : pos + 15])
    return any(p in window or window in p for p in parsed.phones if len(window) >= 9)
