"""Speed of the triage engine on one core, with a naive baseline measured in the same run.

    .venv/bin/python bench/triage_speed.py [--posts 4000] [--stream 200000]

* prefilter: `is_candidate` over a synthetic stream where most posts are not about jobs;
* full triage: `Triager.triage` (COG + ROME index loaded) over realistic posts;
* baseline: the same posts located the naive way, one regex search per gazetteer entry
  (35,000 communes, départements, régions), on a small sample because it is slow;
* rss_mb: peak RSS (VmHWM) of a fresh process that loads the index and triages one post
  (not ru_maxrss: Linux carries it over exec, so it would count this process too);
* pure: where `make install` compiled the core with mypyc (colibri/native.py), the same timing in a
  child process on a copy of the same sources without the compiled files, right after.

The reference index is built from ../shared/data into a temporary directory first.
Last line: {"prefilter_posts_per_s", "triage_posts_per_s", "triage_cpu_posts_per_s", "calibration_s",
"baseline_posts_per_s", "rss_mb", "mean_chars", "compiled", "triage_pure_posts_per_s"}:
`triage_cpu_posts_per_s` counts this process's CPU seconds only (the wall-clock figure on a loaded,
shared machine counts other processes' turns too).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
CORPUS = REPO / "tests" / "data" / "triage_corpus.jsonl"
# COLIBRI_BENCH_TREE: the child that times the pure core imports `colibri` from a copy without .so files.
sys.path.insert(0, os.environ.get("COLIBRI_BENCH_TREE", str(REPO)))

from colibri import native  # noqa: E402
from colibri.core import geodata  # noqa: E402
from colibri.core.parse import parse_post  # noqa: E402
from colibri.core.prefilter import is_candidate  # noqa: E402
from colibri.core.refindex import ReferenceIndex, build_index, gender_forms, load_index  # noqa: E402
from colibri.core.text import fold  # noqa: E402
from colibri.core.triage import Triager  # noqa: E402
from colibri.core.types import Post  # noqa: E402

# Hand-written posts in the shapes people use (the corpus is added when present: dev split only).
TEMPLATES = [
    "#PleaseRT #{job} #{city} #i4EmploiR Je recherche un poste de {job} en CDI à {city}. {years} ans d'expérience. "  # noqa: E501
    "https://www.linkedin.com/in/{slug}",
    "{job} expérimentée, je cherche un CDD ou CDI sur {city} et alentours, disponible immédiatement. "
    "{years} ans dans le métier, autonome et organisée. #PleaseRT #i4EmploiR",
    "Nous recrutons un(e) {job} H/F en CDI à {city} ! Vous avez {years} ans d'expérience et l'esprit d'équipe ? "  # noqa: E501
    "Postulez : https://jobs.example.com/{slug} #recrutement #emploi",
    "Je recherche une alternance de {job} pour la rentrée à {city}, rythme 3 semaines / 1 semaine, "
    "dans le cadre de mon BTS. Sérieuse et motivée, merci de partager ! #alternance",
    "Consultant {job} freelance, TJM 550€, dispo pour de nouvelles missions en full remote ou sur {city}, "
    "{years} ans d'expérience, références sur demande. #freelance",
    "Merci au collectif #i4emploi : j'ai signé mon CDI de {job} à {city} ! 🎉 Après des mois de recherche, "
    "vos partages ont vraiment fait la différence.",
    "Looking for a new {job} role in {city}, open to work, happy to relocate. {years} years of experience, "
    "fluent in French and English. #OpenToWork",
    # Real requests are longer than the lines above: a story, a list of skills, a link, thanks.
    "Bonjour à tous 👋 Après {years} ans comme {job} dans une PME, mon contrat s'arrête fin du mois. Je cherche "  # noqa: E501
    "un nouveau poste en CDI ou CDD sur {city} (mobile 30 km). Rigoureuse, à l'aise avec les outils, dispo vite. "  # noqa: E501
    "Merci pour vos partages 🙏 #PleaseRT #i4EmploiR",
    "#PleaseRT 📢 {job} | {years} ans d'expérience | {city} et alentours\n✅ CDI ou CDD\n✅ Permis B, véhiculé\n"  # noqa: E501
    "✅ Disponible immédiatement\nMon profil 👉 https://www.linkedin.com/in/{slug}\nMerci de faire tourner ! #i4EmploiR",  # noqa: E501
    "Hello ! Je suis toujours à la recherche d'un emploi de {job} à {city}. J'ai eu deux entretiens ce mois-ci "  # noqa: E501
    "mais rien de concret pour l'instant. Si vous entendez parler de quelque chose, je prends ! #i4EmploiR",
    "🚀 [OFFRE] Notre client, un groupe en pleine croissance, recrute un(e) {job} H/F en CDI à {city}. "
    "Missions : suivi, reporting, relation client. Profil : {years} ans mini. Salaire : 35-42k€. "
    "Candidature : https://jobs.example.com/{slug} #emploi #{city}",
    "Après une reconversion réussie (titre pro validé 🎓), je recherche mon premier poste de {job} dans la "
    "région de {city}. Motivée, curieuse et fiable, je suis ouverte au CDD comme au CDI. Merci d'avance pour "
    "vos RT ! #PleaseRT #i4EmploiR",
    "{job} indépendante depuis {years} ans, je propose mes services aux entreprises de {city} et environs : "
    "missions ponctuelles ou régulières, devis gratuit. Contactez-moi en MP ! #freelance #indépendant",
]
# Closing words people add to a request, drawn at random so lengths and endings vary.
TAILS = [
    "",
    " Permis B, véhiculée, disponible pour un entretien dès cette semaine.",
    " Merci 🙏",
    " Toute piste est la bienvenue, n'hésitez pas à partager.",
    " CV sur demande.",
    " Merci d'avance pour vos partages et bonne journée à tous !",
]
NOISE = [
    "Quel beau coucher de soleil sur la plage ce soir 🌅",
    "Le match d'hier était incroyable, quelle remontée !",
    "Recette du jour : gratin dauphinois, simple et efficace.",
    "Just finished reading a great book about mountains and rivers.",
    "Il pleut encore, vivement le printemps ☔",
    "Nouvelle vidéo sur ma chaîne, allez voir et dites-moi ce que vous en pensez",
    "Le concert de samedi était génial, merci à tous les musiciens 🎶",
    "Petit déjeuner en terrasse, la vie est belle",
]
JOBS = [
    "Comptable",
    "Développeuse web",
    "Chargée de communication",
    "Aide-soignant",
    "Cariste",
    "Data analyst",
]


def bench_jobs(index: ReferenceIndex, rng: random.Random) -> list[str]:
    """Every ROME job title, one gender form drawn at random where the title has two ("X / Y")."""
    return [
        gender_forms(long)[rng.randrange(2) if " / " in long else 0] for _c, long, _s in index.appellations
    ]


def make_posts(n: int, rng: random.Random, jobs: list[str] | None = None) -> list[Post]:
    """Half corpus posts (dev split), half templates filled with varied jobs and cities.

    Jobs come from the ROME appellations and cities from the built-in list, so the engine's
    memo caches (titles, hashtags) see a realistic variety, not the same few strings."""
    jobs = jobs or JOBS
    cities = [name for name, _dep in geodata.BIG_CITIES]
    posts: list[Post] = []
    corpus: list[dict[str, object]] = []
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as fh:
            corpus = [r for r in map(json.loads, fh) if r.get("split") == "dev"]
    for i in range(n):
        if corpus and i % 2:
            r = corpus[rng.randrange(len(corpus))]
            posts.append(
                Post(
                    id=str(i),
                    text=str(r["text"]),
                    network=str(r.get("network", "bluesky")),
                    author_bio=str(r.get("author_bio", "")),
                    has_image=bool(r.get("has_image")),
                )
            )
            continue
        t = rng.choice(TEMPLATES).format(
            job=rng.choice(jobs), city=rng.choice(cities), years=rng.randint(1, 20), slug=f"p{i}"
        ) + rng.choice(TAILS)
        posts.append(
            Post(id=str(i), text=t, network="bluesky", author_bio="#i4EmploiR", has_image=bool(i % 3))
        )
    return posts


def make_stream(n: int, rng: random.Random, posts: list[Post]) -> list[str]:
    """A network stream: about one post in ten is about jobs."""
    return [rng.choice(posts).text if rng.random() < 0.1 else rng.choice(NOISE) for _ in range(n)]


class NaiveLocator:
    """The baseline: one compiled regex per gazetteer entry, searched one after the other."""

    def __init__(self, index_dir: Path) -> None:
        index = load_index(index_dir)
        assert index is not None
        names = {fold(n) for n, _d, _p in index.communes} | {fold(d[1]) for d in index.departements}
        names |= {fold(r[1]) for r in index.regions}
        self.patterns = [re.compile(r"\b" + re.escape(n) + r"\b") for n in sorted(names)]

    def locate(self, text: str) -> list[str]:
        folded = fold(parse_post(text).text)
        return [p.pattern for p in self.patterns if p.search(folded)]


def rss_of_loaded_index(index_dir: Path) -> float:
    code = (
        "import re, sys\n"
        "from colibri.core.refindex import load_index\n"
        "from colibri.core.triage import Triager\n"
        "from colibri.core.types import Post\n"
        f"t = Triager(load_index({str(index_dir)!r}))\n"
        "t.triage(Post(id='1', text='#PleaseRT #Comptable #Lyon #i4EmploiR je cherche un CDI'))\n"
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return float(out.stdout.strip().splitlines()[-1])


def time_triage(triager: Triager, n: int) -> tuple[list[float], list[float], list[Post]]:
    """Wall and CPU seconds of three runs over n realistic posts each, and the first run's posts."""
    index = triager.index
    assert index is not None
    rng = random.Random(7)
    jobs = bench_jobs(index, rng)
    posts = make_posts(n, rng, jobs)
    for p in posts[:200]:  # warm the caches (lazy tables, regex cache)
        triager.triage(p)
    walls, cpus = [], []
    # Each run gets fresh posts, so the engine's memo caches are not warmed by the previous run.
    for run_posts in [posts] + [make_posts(n, random.Random(seed), jobs) for seed in (101, 202)]:
        t0, c0 = time.perf_counter(), time.process_time()
        for p in run_posts:
            triager.triage(p)
        walls.append(time.perf_counter() - t0)
        # CPU time too: on a shared machine the wall clock counts the time other processes held the
        # core; this process's own CPU seconds are what one core would need (cache sharing aside).
        cpus.append(time.process_time() - c0)
    return walls, cpus, posts


def pure_triage_rate(index_dir: Path, n: int) -> float:
    """The same timing of the same sources without the compiled files (a copy), in a child process."""
    with tempfile.TemporaryDirectory(prefix="colibri-pure-") as tmp:
        native.copy_pure(Path(tmp))
        out = subprocess.run(
            [sys.executable, __file__, "--posts", str(n), "--time-only", str(index_dir)],
            env={**os.environ, "COLIBRI_BENCH_TREE": tmp},
            capture_output=True,
            text=True,
            check=True,
        )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["triage_posts_per_s"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=4000, help="posts for the full triage timing")
    parser.add_argument("--stream", type=int, default=200_000, help="texts for the prefilter timing")
    parser.add_argument("--baseline-posts", type=int, default=30, help="posts for the naive baseline")
    parser.add_argument("--time-only", type=Path, metavar="INDEX", help=argparse.SUPPRESS)  # the pure child
    args = parser.parse_args(argv)
    if args.time_only is not None:
        walls, cpus, posts = time_triage(Triager(load_index(args.time_only)), args.posts)
        rate, cpu_rate = len(posts) / min(walls), len(posts) / min(cpus)
        print(json.dumps({"triage_posts_per_s": round(rate), "triage_cpu_posts_per_s": round(cpu_rate)}))
        return 0
    compiled = native.state().compiled
    # One core: everything below runs in this single thread. It is not pinned to a CPU on purpose:
    # on a shared machine a pinned process waits behind whatever else runs on that CPU.
    with tempfile.TemporaryDirectory(prefix="colibri-bench-") as tmp:
        index_dir = Path(tmp)
        t0 = time.perf_counter()
        build_index(SHARED / "insee-cog-2024", SHARED / "rome", index_dir)
        print(f"index built in {time.perf_counter() - t0:.1f} s")
        t0 = time.perf_counter()
        triager = Triager(load_index(index_dir))
        print(f"index loaded + engine compiled in {time.perf_counter() - t0:.2f} s")
        triage_runs, triage_cpu, posts = time_triage(triager, args.posts)
        stream = make_stream(args.stream, random.Random(8), posts)
        # Best of three runs: the machine is shared, the best run is the least disturbed one.
        prefilter_runs = []
        for _run in range(3):
            t0 = time.perf_counter()
            kept = sum(1 for text in stream if is_candidate(text))
            prefilter_runs.append(time.perf_counter() - t0)
        prefilter_s, triage_s = min(prefilter_runs), min(triage_runs)
        mean_chars = sum(len(p.text) for p in posts) / len(posts)
        print(f"posts: mean {mean_chars:.0f} characters (real requests: about 190)")
        print("triage runs (posts/s):", ", ".join(f"{len(posts) / t:,.0f}" for t in triage_runs))
        pure_rate = pure_triage_rate(index_dir, args.posts) if compiled else None

        naive = NaiveLocator(index_dir)
        sample = posts[: args.baseline_posts]
        t0 = time.perf_counter()
        for p in sample:
            triager.triage(p)  # the same work, plus the naive gazetteer pass instead of one automaton pass
            naive.locate(p.text)
        baseline_s = time.perf_counter() - t0
        rss = rss_of_loaded_index(index_dir)

    # The machine is shared: this calibration tells how loaded it was during the run (wall and CPU).
    t0, c0 = time.perf_counter(), time.process_time()
    total = 0
    for i in range(1_000_000):
        total += i
    calib, calib_cpu = time.perf_counter() - t0, time.process_time() - c0
    prefilter_rate = len(stream) / prefilter_s
    triage_rate = len(posts) / triage_s
    triage_cpu_rate = len(posts) / min(triage_cpu)
    baseline_rate = len(sample) / baseline_s
    print(
        f"prefilter     {prefilter_rate:12,.0f} posts/s  ({kept:,} of {len(stream):,} kept)   target >= 200,000"  # noqa: E501
    )
    print(
        f"full triage   {triage_rate:12,.0f} posts/s  ({len(posts):,} posts)                 target >= 5,000"
    )
    print(
        f"full triage   {triage_cpu_rate:12,.0f} posts/s of CPU time (best of {len(triage_cpu)})"
        "  target >= 5,000"
    )
    if pure_rate is not None:
        print(
            f"pure Python   {pure_rate:12,.0f} posts/s  (the same sources uncompiled)"
            f"   compiled: x{triage_rate / pure_rate:.2f}"
        )
    else:
        print("core not compiled (no C compiler, COLIBRI_PURE=1 or sources edited since `make install`)")
    print(f"naive baseline{baseline_rate:12,.1f} posts/s  ({len(naive.patterns):,} regexes per post)")
    print(f"triage / baseline: x{triage_rate / baseline_rate:,.0f}")
    print(f"loaded index RSS {rss:.0f} MB   target <= 150")
    print(
        f"calibration: 1e6 Python additions took {calib:.3f} s wall, {calib_cpu:.3f} s CPU "
        "(an idle modern core: about 0.03-0.05 s)"
    )
    print(json.dumps({
        "prefilter_posts_per_s": round(prefilter_rate),
        "triage_posts_per_s": round(triage_rate),
        "triage_cpu_posts_per_s": round(triage_cpu_rate),
        "calibration_s": round(calib, 3),
        "baseline_posts_per_s": round(baseline_rate, 2),
        "rss_mb": round(rss, 1),
        "mean_chars": round(mean_chars),
        "compiled": compiled,
        "triage_pure_posts_per_s": round(pure_rate if pure_rate is not None else triage_rate),
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
