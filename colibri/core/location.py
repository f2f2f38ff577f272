"""Where the person wants to work: commune, département, région, remote, abroad.

One Aho-Corasick pass over the folded text finds every gazetteer name at once (communes,
départements, régions and their nicknames, foreign places, remote-work words); hashtags are
looked up by their compact key. Candidates are then scored by context, because many French
communes are ordinary words ("Vire", "Sens", "Bar") and many names are ambiguous.
"""

from __future__ import annotations

import ahocorasick
from rapidfuzz import fuzz, process

from colibri.core import geodata
from colibri.core.jobs import JOB_HEADS
from colibri.core.location_rules import (
    ABROAD,
    AFTER_PLACE_CUE,
    ARTICLE_KEYS,
    CODE_AFTER,
    COMMUNE,
    CONTRACTION,
    DEMONYM,
    DEPARTEMENT,
    FUZZY_CUTOFF,
    HASHTAG_BLOCK,
    LANDMARK,
    PHRASE_END,
    POSTCODE,
    REGION,
    REMOTE,
    TAG_ARRONDISSEMENT,
    TAG_CODE_AFTER,
    TAG_DIGITS,
    Candidate,
    Place,
    accent_clash,
    better,
    dep_code_scanner,
    dep_gate,
    digit_gates,
    genitive_of_known_place,
    has_context,
    inside_phone,
    is_mostly_upper,
    longest,
    negative_before,
    place_before_le,
    postcode_dep,
    preference,
    separated,
)
from colibri.core.parse import ParsedPost
from colibri.core.refindex import ReferenceIndex, stem
from colibri.core.text import fold_key
from colibri.core.types import Location


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
            places.sort(key=preference)
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
        self._fuzzy_hits: dict[str, Place | None] = {}
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
        if key in HASHTAG_BLOCK:
            return None
        places = self.compact.get(key)
        if places is None:
            m = TAG_DIGITS.match(key) or TAG_ARRONDISSEMENT.match(key)  # "#Lyon69", "#Lyon3"
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

    def locate(
        self,
        parsed: ParsedPost,
        skip_spans: list[tuple[int, int]] | None = None,
        tag_places: dict[str, Place | None] | None = None,
    ) -> Location:
        """`tag_places`: `self.tag_places(parsed)` when the caller already has it (the engine asks once)."""
        text = parsed.text
        folded = parsed.folded
        gaz = separated(folded)
        mostly_upper: bool | None = None  # computed only when a lower-case name needs it
        cands: list[Candidate] = []
        remote = False
        abroad: str | None = None

        # 1. hashtags: exact compact-key lookups.
        if tag_places is None:
            tag_places = self.tag_places(parsed)
        for h in parsed.hashtags:
            place = tag_places[h.key]
            if place is None:
                continue
            if place.kind == COMMUNE and folded[h.end : h.end + 1] == " ":
                # "#SaintDenis 93", "#Valence (26)": a code right after the tag picks the homonym.
                after = TAG_CODE_AFTER.match(folded, h.end)
                if after is not None:
                    place = self._homonym_in(place, after.group(1).upper()) or place
            small = place.kind == COMMUNE and place.rank >= 1000
            cands.append(Candidate(place, h.start, 2.5 if small else 4.0, hashtag=True))

        # 2. names in the text, one automaton pass.
        spans: list[tuple[int, int, str]] = []
        last: int  # typed once (the automaton is untyped): native ints and strings below, compiled
        key: str
        for last, key in self.automaton.iter(f" {gaz} "):
            start = last - len(key) - 1  # position in `gaz` (and in `text`) of the name's first letter
            end = start + len(key)
            if start > 0 and text[start - 1] in "#-":
                continue  # a hashtag (handled above) or a piece of a longer hyphenated name
            if text[end : end + 1] == "-":
                continue  # "Entre-deux-Mers" is not the commune "Entre-Deux"
            if text[start : start + 1].islower() and key.startswith(ARTICLE_KEYS):
                # "dans la Creuse": the commune "La Creuse" (70) would hide the département behind a
                # lower-case article; written so, the name is the word after it, when that is a place.
                inner = key.split(" ", 1)[1]
                if inner in self.entries:
                    start, key = end - len(inner), inner
            spans.append((start, end, key))
        spans = longest(spans)
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
                        mostly_upper = is_mostly_upper(text)
                    capital = mostly_upper
                before = gaz[max(0, start - 40) : start]
                context = (
                    has_context(before)
                    or (text[start - 1 : start] == "(" and text[end : end + 1] == ")")
                    or text[max(0, start - 3) : start].rstrip().endswith("📍")  # the pin emoji: a place
                )
                # "(69)" right after the name; the regex only where a "(" follows at all.
                code_after = (
                    CODE_AFTER.match(folded[end : end + 8]) if folded.find("(", end, end + 8) >= 0 else None
                )
                if code_after:
                    context = True
                if place.kind == DEMONYM:
                    resolved = self._resolve_demonym(place)
                    if resolved:
                        cands.append(Candidate(resolved, start, 3.0))
                    continue
                if not capital and not context:
                    continue  # "sur auxerre": lower case is fine for a well-known city after a cue
                if (
                    place.ambiguous
                    and not context
                    and not (capital and genitive_of_known_place(place, before))
                ):
                    continue
                strong_context = context and (code_after is not None or has_context(before, weak=False))
                score = (
                    1.0
                    + (2.0 if strong_context else 0.0)
                    + (0.5 if place.kind == COMMUNE and place.rank < 1000 else 0.0)
                )
                if negative_before(before) and not text[max(0, start - 4) : start].rstrip().endswith(
                    PHRASE_END
                ):
                    score -= 4.0
                if place.kind == COMMUNE and code_after:
                    # "Valence (82)": the code picks the homonym.
                    code = code_after.group(1).upper()
                    for alt in self.entries[key]:
                        if alt.kind == COMMUNE and alt.departement == code:
                            place = alt
                            break
                cands.append(Candidate(place, start, score))

        # 3. département codes and postcodes.
        # Both need digits: one scan for the runs of digits tells which scans can find anything. A code
        # is two digits or "2a"/"2b" (a run ending in 2); a postcode is five digits in a row. Read from `gaz`:
        # the same runs (only non-word characters became spaces), and ASCII for most posts with an emoji
        # (a bytes scan instead of a regex search at every position).
        dep_digits, five_digits = digit_gates(gaz)
        for m in dep_code_scanner().scan(folded).finditer(0) if dep_digits and dep_gate(folded) else ():
            code = m.group(1).upper()
            if m.group(0).startswith("le") and not place_before_le(folded, m.start()):
                continue  # "fin de CDD le 31", "le 14 mars": a date, not "sur le 31"
            if inside_phone(m.start(1), parsed):
                continue  # "appelez le 03 87 …"
            if code in self.dep_region:
                cands.append(Candidate(self.compact[code.lower()][-1], m.start(1), 2.5))
        for m in POSTCODE.finditer(folded) if five_digits else ():
            code = postcode_dep(m.group(1))
            if code and code in self.dep_region and not inside_phone(m.start(), parsed):
                cands.append(Candidate(self.compact[code.lower()][-1], m.start(1), 2.0))

        loc = Location(remote=remote)
        best: Candidate | None = None
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
            if best is None or better(c, best):
                best = c
        loc.abroad = abroad
        if best is not None and best.place.kind == REGION:
            # "#Bretagne (56)": a département of that région, named too, is the more precise answer.
            inside = [
                c
                for c in cands
                if c.place.kind == DEPARTEMENT and c.score > 0 and c.place.region == best.place.region
            ]
            if inside:
                best = max(inside, key=lambda c: c.score)
        if best is not None and best.place.kind == COMMUNE and (not best.hashtag or best.place.rank >= 1000):
            # A small commune's hashtag is often a homonym of the town meant ("#Evry": a village of the
            # Yonne, "#SaintGilles": three villages): an explicit département elsewhere is the better clue.
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

    def _contracted(self, text: str, departement: str | None = None) -> Candidate | None:
        """A big commune (or one of `departement`) named after "au"/"aux"/"du"/"des": "au Tampon"."""
        if "u " not in text and "x " not in text and "s " not in text:
            return None
        for m in CONTRACTION.finditer(text):
            article = "le " if m.group(1).lower() in ("au", "du") else "les "
            for place in self.entries.get(article + fold_key(m.group(2)), ()):
                if place.kind == COMMUNE and (
                    place.departement == departement if departement else place.rank < 1000
                ):
                    return Candidate(place, m.start(2), 3.0)
        return None

    def _fuzzy(self, parsed: ParsedPost, gaz: str) -> Candidate | None:
        """A misspelt big commune or département ("Marseil", "Strasbourgh") after a place cue or as a hashtag.

        Only names a seeker would be understood by (big communes, prefectures, départements) and only
        words in a place's position: fuzzy matching every word would find a village in any sentence."""
        words: list[tuple[str, int]] = [(h.key, h.start) for h in parsed.hashtags if len(h.key) >= 5]
        for m in AFTER_PLACE_CUE.finditer(gaz):
            words.append((m.group(1), m.start(1)))
            if m.group(2):
                words.append((f"{m.group(1)} {m.group(2)}", m.start(1)))
        if not words:
            return None
        choices, keys = self._fuzzy_choices()
        for word, pos in words:
            if word in self.entries or word in self.compact or stem(word) in JOB_HEADS:
                continue
            # Memoised: the same misspelling comes back, and each lookup scores every big name.
            if word in self._fuzzy_hits:
                found = self._fuzzy_hits[word]
            else:
                hit = process.extractOne(word, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
                found = choices[hit[0]] if hit is not None else None
                if len(self._fuzzy_hits) > 20_000:
                    self._fuzzy_hits.clear()
                self._fuzzy_hits[word] = found
            if found is not None:
                return Candidate(found, pos, 2.0)
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

    def _homonym_in(self, place: Place, departement: str) -> Place | None:
        for alt in self.entries.get(fold_key(place.name), []):
            if alt.kind == COMMUNE and alt.departement == departement:
                return alt
        return None

    def _agreeing_dep(self, place: Place, key_cands: list[Candidate]) -> str | None:
        alt = self._agreeing_place(place, key_cands)
        return alt.departement if alt is not None else None

    def _agreeing_place(self, place: Place, key_cands: list[Candidate]) -> Place | None:
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
