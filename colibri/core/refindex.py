"""The compact reference index: INSEE COG communes/départements/régions and the ROME referential.

`build_index(cog_dir, rome_dir, out_dir)` reads the official CSV files and writes one
`index.json` (a few MB); `load_index(dir)` reads it back into a `ReferenceIndex` whose lookup
tables are built on first use. Reading files happens only when these functions are called.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from colibri.core import geodata
from colibri.core.text import compact_key, fold_key

INDEX_FILE: Final = "index.json"
FORMAT_VERSION: Final = 1


class RefDataError(Exception):
    """The official files are missing or not in the expected format."""


# --- job title normalisation (shared with colibri.core.jobs) -----------------------------------

_STOP: Final = frozenset(
    "de du des d la le les l et en a au aux pour dans sur avec ou h f hf fh x the of and in".split()
)
_NOISE: Final = frozenset(
    """junior senior jr sr confirme confirmee experimente experimentee debutant debutante
    cdi cdd interim expert experte polyvalent polyvalente freelance alternance stage
    diplome diplomee etat""".split()
)
# Inclusive spellings in offers ("Agent(e)", "chargé·e", "technicien(ne)"): the suffix is no word.
_INCLUSIVE: Final = re.compile(
    r"\((?:e|es|ne|nes|se|ses|euse|rice|trice|ice|le|te)\)|[·.](?:e|es|ne|nes|euse|rice|trice|le|te)\b"
)
_GENDER_RULES: Final[tuple[tuple[str, str], ...]] = (
    ("euse", "eur"),
    ("trice", "teur"),
    ("rice", "eur"),
    ("ieres", "ier"),
    ("iere", "ier"),
    ("ienne", "ien"),
    ("enne", "en"),
    ("ive", "if"),
    ("ere", "er"),
    ("ee", "e"),
)
# Words people shorten; expanded before matching (folded forms).
SYNONYMS: Final[dict[str, str]] = {
    "dev": "developpeur",
    "developer": "developpeur",
    "devs": "developpeur",
    "rh": "ressources humaines",
    "drh": "directeur ressources humaines",
    "daf": "directeur administratif financier",
    "compta": "comptable",
    "commerciale": "commercial",
    "sav": "service apres vente",
    "adv": "administration des ventes",
    "qse": "qualite securite environnement",
    "rrh": "responsable ressources humaines",
    "cm": "community manager",
    "fullstack": "full stack",
    "frontend": "front end",
    "backend": "back end",
    "pm": "chef de projet",
    "ide": "infirmier",
    "as": "aide soignant",
    "secretaire medicale": "secretaire medical",
    "auto": "automobile",
    "pl": "poids lourd",
    "spl": "super poids lourd",
    "vl": "vehicule leger",
    "ash": "agent service hospitalier",
    "ehpad": "",
}


# Memoised in a plain dict, emptied when full, not by `lru_cache`: compiled by mypyc, a call through the
# lru_cache wrapper is a generic call of a few hundred instructions per hit; this is a direct C call.
_STEMS: Final[dict[str, str]] = {}


def stem(word: str) -> str:
    """Crude French gender/number folding for job nouns: 'vendeuses' and 'vendeur' meet."""
    hit = _STEMS.get(word)
    if hit is None:
        if len(_STEMS) >= 65536:
            _STEMS.clear()
        hit = _STEMS[word] = _stem(word)
    return hit


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    elif len(word) > 4 and word.endswith("x") and word[-2] in "au":
        word = word[:-1]
    for suffix, repl in _GENDER_RULES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)] + repl
            break
    if len(word) > 4 and word.endswith("e") and not word.endswith("ee"):
        word = word[:-1]
    return word


def title_tokens(title: str, drop_noise: bool = True) -> list[str]:
    """Stemmed content words of a job title, in order."""
    return list(_title_tokens(title, drop_noise))


@lru_cache(maxsize=65536)
def _title_tokens(title: str, drop_noise: bool) -> tuple[str, ...]:
    key = fold_key(title)
    words: list[str] = []
    for w in key.split():
        w = SYNONYMS.get(w, w)
        words.extend(w.split())
    out = []
    for w in words:
        if w in _STOP or (drop_noise and w in _NOISE) or w.isdigit():
            continue
        out.append(stem(w))
    return tuple(out)


def gender_forms(label: str) -> list[str]:
    """'Chargé / Chargée de communication' -> ['Chargé de communication', 'Chargée de communication']."""
    label = re.sub(r"\s*/\s*", " / ", label.strip())
    if " / " not in label:
        return [label]
    words = label.split(" ")
    for i in range(1, len(words) - 1):
        if words[i] == "/" and fold_key(words[i - 1])[:3] != fold_key(words[i + 1])[:3]:
            # Not a gender pair but two names: "Responsable développement / Business Developer".
            left, right = " ".join(words[:i]), " ".join(words[i + 1 :])
            return gender_forms(left) + gender_forms(right)
    masc: list[str] = []
    fem: list[str] = []
    i = 0
    while i < len(words):
        if i + 2 < len(words) and words[i + 1] == "/":
            masc.append(words[i])
            fem.append(words[i + 2])
            i += 3
        else:
            masc.append(words[i])
            fem.append(words[i])
            i += 1
    return [" ".join(masc), " ".join(fem)]


# --- the index --------------------------------------------------------------------------------


@dataclass(slots=True)
class Commune:
    name: str
    departement: str
    rank: int  # lower is more likely meant (big city, prefecture); homonyms are sorted by it
    spelled: str = ""  # the name exactly as in the COG (a former commune keeps its own name here)


@dataclass
class ReferenceIndex:
    """Communes and ROME, with lookup tables built lazily."""

    communes: list[tuple[str, str, str]] = field(default_factory=list)  # (name, dep, parent name or "")
    departements: list[tuple[str, str, str, str]] = field(
        default_factory=list
    )  # (code, name, reg, prefecture)
    regions: list[tuple[str, str, str]] = field(default_factory=list)  # (code, name, prefecture)
    romes: dict[str, str] = field(default_factory=dict)  # code -> label
    appellations: list[tuple[str, str, str]] = field(default_factory=list)  # (code, long, short)
    meta: dict[str, Any] = field(default_factory=dict)
    _commune_keys: dict[str, list[Commune]] | None = None
    _rome_exact: dict[str, tuple[str, str]] | None = None
    _rome_tokens: dict[str, set[int]] | None = None
    _rome_entries: list[tuple[str, str, tuple[str, ...]]] | None = None
    _rome_cache: dict[tuple[str, bool], tuple[str, str] | None] = field(default_factory=dict)
    _rome_sizes: list[int] | None = None

    # communes -----------------------------------------------------------------------------------
    def commune_table(self) -> dict[str, list[Commune]]:
        """fold_key(name) -> communes, most likely first; compact keys too (for hashtags)."""
        if self._commune_keys is None:
            big_rank = {(fold_key(n), d): i for i, (n, d) in enumerate(geodata.BIG_CITIES)}
            prefectures = {(fold_key(p), c) for c, _n, _r, p in self.departements or geodata.DEPARTEMENTS}
            table: dict[str, list[Commune]] = defaultdict(list)
            for name, dep, parent in self.communes:
                key = fold_key(name)
                shown = parent or name
                rank = big_rank.get((key, dep))
                if rank is None:
                    if (key, dep) in prefectures:
                        rank = 1000
                    elif not parent:
                        rank = 5000
                    elif fold_key(parent).startswith(key):
                        rank = 2000  # "Vire" in "Vire Normandie": the town the new commune is named after
                    else:
                        rank = 9000
                c = Commune(shown, dep, rank, name)
                table[key].append(c)
            for lst in table.values():
                lst.sort(key=lambda c: c.rank)
            self._commune_keys = dict(table)
        return self._commune_keys

    # ROME ---------------------------------------------------------------------------------------
    def _build_rome(self) -> None:
        exact: dict[str, tuple[str, str]] = {}
        loose: dict[str, tuple[str, str]] = {}  # short labels and stemmed keys: weaker than a full label
        tokens: dict[str, set[int]] = defaultdict(set)
        entries: list[tuple[str, str, tuple[str, ...]]] = []
        for code, long_label, short_label in self.appellations:
            long_forms = gender_forms(long_label)
            forms = list(long_forms)
            if short_label and short_label != long_label:
                forms += gender_forms(short_label)
            shown = forms[0]
            seen: set[tuple[str, ...]] = set()
            for form in forms:
                (exact if form in long_forms else loose).setdefault(fold_key(form), (code, shown))
                toks = tuple(title_tokens(form, drop_noise=False))
                if not toks or toks in seen:
                    continue
                seen.add(toks)
                # An appellation that is exactly these words beats one that merely stems to them.
                key = " ".join(toks)
                if form in long_forms and fold_key(form).replace("'", " ").split() == list(toks):
                    exact.setdefault(key, (code, shown))
                else:
                    loose.setdefault(key, (code, shown))
                idx = len(entries)
                entries.append((code, shown, toks))
                for t in set(toks):
                    tokens[t].add(idx)
        for key, hit in loose.items():
            exact.setdefault(key, hit)
        self._rome_exact, self._rome_tokens, self._rome_entries = exact, dict(tokens), entries

    def match_rome(self, title: str, same_head: bool = False) -> tuple[str, str] | None:
        """Best ROME (code, appellation) for a job title as written, or None (memoised).

        `same_head` accepts only appellations whose first word is the title's first word (for weak
        candidates: "Après 10 ans..." must not land on "Après-vente").
        """
        if not self.appellations or not title:
            return None
        try:
            return self._rome_cache[(title, same_head)]
        except KeyError:
            pass
        if len(self._rome_cache) > 50_000:
            self._rome_cache.clear()
        hit = self._match_rome(title, same_head)
        self._rome_cache[(title, same_head)] = hit
        return hit

    def _match_rome(self, title: str, same_head: bool) -> tuple[str, str] | None:
        if self._rome_exact is None:
            self._build_rome()
        assert (
            self._rome_exact is not None and self._rome_tokens is not None and self._rome_entries is not None
        )
        if "(" in title or "·" in title or "." in title:
            title = _INCLUSIVE.sub("", title)
        key = fold_key(title)
        hit = self._rome_exact.get(key)
        if hit:
            return hit
        toks = title_tokens(title)
        if not toks:
            return None
        hit = self._rome_exact.get(" ".join(toks))
        if hit:
            return hit
        # "Assistante commerciale ADV": the longest leading words that name an appellation exactly.
        for k in range(len(toks) - 1, 1, -1):
            hit = self._rome_exact.get(" ".join(toks[:k]))
            if hit:
                return hit
        known = [t for t in toks if t in self._rome_tokens]
        if not known:
            return None
        # Keep the words in order and drop from the end until some appellations contain them all:
        # "Comptable fournisseurs Lyon" still finds "Comptable fournisseurs".
        while known:
            cands = set.intersection(*(self._rome_tokens[t] for t in known))
            if cands:
                break
            known = known[:-1]
        else:
            return None
        if same_head:
            cands = {i for i in cands if self._rome_entries[i][2][:1] == tuple(toks[:1])}
            if not cands:
                return None
        want = len(set(known))
        sizes = self._rome_sizes
        if sizes is None:
            sizes = self._rome_sizes = [len(set(e[2])) for e in self._rome_entries]
        entries = self._rome_entries
        votes: dict[str, float] = defaultdict(float)
        best: dict[str, tuple[int, str]] = {}
        for i in cands:
            # Every candidate holds all the wanted words (posting-list intersection): only extras differ.
            extra = sizes[i] - want
            code = entries[i][0]
            if extra == 0:
                return code, entries[i][1]
            votes[code] += 1.0 / (1 + extra) ** 2
            if code not in best or extra < best[code][0]:
                best[code] = (extra, entries[i][1])
        code = max(votes, key=lambda c: (votes[c], -best[c][0], c))
        return code, best[code][1]

    def rome_label(self, code: str) -> str | None:
        return self.romes.get(code)

    # persistence --------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        if self.appellations and self._rome_exact is None:
            self._build_rome()
        return {
            # Derived ROME tables are stored too: stemming 11,000 labels at every start costs a second.
            "rome_exact": self._rome_exact or {},
            "rome_entries": self._rome_entries or [],
            "format": FORMAT_VERSION,
            "meta": self.meta,
            "communes": self.communes,
            "departements": self.departements,
            "regions": self.regions,
            "romes": self.romes,
            "appellations": self.appellations,
        }


def _read_csv(path: Path, delimiter: str, required: Iterable[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh, delimiter=delimiter)
            missing = set(required) - set(reader.fieldnames or [])
            if missing:
                raise RefDataError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
            return list(reader)
    except UnicodeDecodeError as exc:
        raise RefDataError(f"{path.name}: not UTF-8 ({exc.reason})") from exc


def _find(directory: Path, pattern: str) -> Path:
    matches = sorted(directory.glob(pattern))
    if not matches:
        raise RefDataError(f"no {pattern} in {directory}")
    return matches[-1]  # the most recent vintage when several years are present


def read_cog(
    cog_dir: Path,
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str]], list[tuple[str, str, str]]]:
    com_rows = _read_csv(
        _find(cog_dir, "v_commune_*.csv"), ",", ["TYPECOM", "COM", "DEP", "LIBELLE", "COMPARENT"]
    )
    dep_rows = _read_csv(_find(cog_dir, "v_departement_*.csv"), ",", ["DEP", "REG", "CHEFLIEU", "LIBELLE"])
    reg_rows = _read_csv(_find(cog_dir, "v_region_*.csv"), ",", ["REG", "CHEFLIEU", "LIBELLE"])
    names = {r["COM"]: r["LIBELLE"] for r in com_rows if r["TYPECOM"] == "COM"}
    deps = {r["COM"]: r["DEP"] for r in com_rows if r["TYPECOM"] == "COM"}
    communes: list[tuple[str, str, str]] = []
    for r in com_rows:
        if r["TYPECOM"] == "COM":
            communes.append((r["LIBELLE"], r["DEP"], ""))
        elif r["TYPECOM"] in ("COMD", "COMA") and r["COMPARENT"] in names:
            # Former communes merged into a new one: people still write the old name.
            if r["LIBELLE"] != names[r["COMPARENT"]]:
                communes.append((r["LIBELLE"], deps[r["COMPARENT"]], names[r["COMPARENT"]]))
    departements = [(r["DEP"], r["LIBELLE"], r["REG"], names.get(r["CHEFLIEU"], "")) for r in dep_rows]
    regions = [(r["REG"], r["LIBELLE"], names.get(r["CHEFLIEU"], "")) for r in reg_rows]
    if len(departements) < 90 or len(communes) < 30000:
        raise RefDataError(f"COG files in {cog_dir} look truncated ({len(communes)} communes)")
    return communes, departements, regions


def read_rome(rome_dir: Path) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    romes_rows = _read_csv(rome_dir / "romes_public.csv", ";", ["code_rome", "libelle_rome"])
    app_rows = _read_csv(
        rome_dir / "appellations_public.csv",
        ";",
        ["rome_code", "libelle_appellation_long", "libelle_appellation_court"],
    )
    romes = {r["code_rome"]: r["libelle_rome"] for r in romes_rows}
    apps = [(r["rome_code"], r["libelle_appellation_long"], r["libelle_appellation_court"]) for r in app_rows]
    if len(romes) < 100 or len(apps) < 1000:
        raise RefDataError(f"ROME files in {rome_dir} look truncated ({len(apps)} appellations)")
    return romes, apps


def build_index(cog_dir: Path | None, rome_dir: Path | None, out_dir: Path) -> ReferenceIndex:
    """Read the official CSVs and write `out_dir/index.json` atomically; keeps the part not re-imported."""
    previous = load_index(out_dir)
    index = previous or ReferenceIndex()
    meta = dict(index.meta)
    if cog_dir is not None:
        index.communes, index.departements, index.regions = read_cog(Path(cog_dir))
        meta["cog"] = {"communes": len(index.communes), "source": str(cog_dir)}
    if rome_dir is not None:
        index.romes, index.appellations = read_rome(Path(rome_dir))
        meta["rome"] = {"appellations": len(index.appellations), "source": str(rome_dir)}
    meta["built_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    index.meta = meta
    index._commune_keys = index._rome_exact = index._rome_tokens = index._rome_entries = None
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".index-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(index.to_json(), fh, ensure_ascii=False, separators=(",", ":"))
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; the web server may run as another user
        os.replace(tmp, out_dir / INDEX_FILE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return index


def load_index(directory: str | Path | None) -> ReferenceIndex | None:
    """The index written by `build_index`, or None when nothing was ever imported there."""
    if directory is None:
        return None
    path = Path(directory) / INDEX_FILE
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise RefDataError(
            f"{path}: unreadable reference index ({exc}); run `colibri data import` again"
        ) from exc
    if data.get("format") != FORMAT_VERSION:
        raise RefDataError(
            f"{path}: index format {data.get('format')} (expected {FORMAT_VERSION}); re-import"
        )
    index = ReferenceIndex(
        communes=[tuple(c) for c in data.get("communes", [])],  # type: ignore[misc]
        departements=[tuple(d) for d in data.get("departements", [])],  # type: ignore[misc]
        regions=[tuple(r) for r in data.get("regions", [])],  # type: ignore[misc]
        romes=dict(data.get("romes", {})),
        appellations=[tuple(a) for a in data.get("appellations", [])],  # type: ignore[misc]
        meta=data.get("meta", {}),
        _rome_exact={k: tuple(v) for k, v in data.get("rome_exact", {}).items()} or None,  # type: ignore[misc]
        _rome_entries=[(c, s, tuple(t)) for c, s, t in data.get("rome_entries", [])] or None,
    )
    if index._rome_entries is not None:
        tokens: dict[str, set[int]] = defaultdict(set)
        for i, (_c, _s, toks) in enumerate(index._rome_entries):
            for t in toks:
                tokens[t].add(i)
        index._rome_tokens = dict(tokens)
    else:
        index._rome_exact = None
    return index


def compact_commune_key(name: str) -> str:
    return compact_key(name)
