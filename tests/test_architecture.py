"""The layers of `colibri/` hold: imports point down only, no import circle, no borrowed private name.

Read from the source with `ast` (nothing is imported): every `import` counts, at the top of a module
or inside a function, except those under `if TYPE_CHECKING:` (they never run). The map of what each
package owns is docs/architecture.md; this test keeps the arrows it draws true.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "colibri"

# What each part of colibri/ may import from colibri/ (its own modules always). Read top to bottom:
# a part may only use the parts above it.
ALLOWED: dict[str, set[str]] = {
    "colibri": set(),  # the package's own __init__
    "sample": set(),  # the bundled sample stream (data)
    "i18n": set(),
    "core": set(),
    "networks": {"core"},
    "cards": {"i18n"},
    "refdata": {"core"},
    "envvars": set(),  # typed readers of the environment, for settings.py
    "envfile": set(),  # ./.env, read once by the command
    "native": set(),  # which core modules mypyc compiles, and whether their compiled files are fresh
    "settings": {"envvars"},
    "django_setup": {"i18n", "cli"},
    # Budgets shared by every process (database rows); the adapters reach them by the setting's name.
    "ratelimits": {"networks"},
    # The requests' lifecycle: built on the domain and the adapters, never on the apps above it.
    "relay": {"core", "networks"},
    # Connecting an account (app password, OAuth): shared by members and the official accounts page.
    "connect": {"core", "networks"},
    "tracking": {"core", "networks", "relay"},
    "composer": {"core", "cards", "relay"},
    "feeds": {"core", "networks", "relay"},
    "intake": {"relay"},  # what the ingest skipped, for coordinators
    "privacy": {"relay"},  # a person's data as JSON, the privacy page (erasure itself is relay's)
    "access": set(),  # login throttling, read-only admin, no-store pages, a private data folder
    # Approves on the relay's own actions; the relay reaches it only through `relay.signals`.
    "autoapproval": {"core", "relay"},
    # The follow-up (check-ins, outcomes, rates) and the advice listen to relay/signals.py; the relay
    # never imports them. The advice's settings live in the follow-up's table (one settings page).
    "followup": {"core", "networks", "relay"},
    "advice": {"core", "cards", "relay", "composer", "followup"},
    # joining, a member's own page, consent
    "members": {"core", "networks", "connect", "relay", "tracking", "feeds"},
    # Statistics, infographics, engagement panels (relay's templates load its tags; relay never imports it).
    "stats": {"core", "cards", "relay", "tracking", "feeds"},
    "board": {"core", "relay", "feeds", "stats"},  # the recruiters' board and its RSS/Atom feeds
    "scheduling": {"core", "networks", "relay", "tracking", "members", "followup", "stats"},
    "console": {
        "core",
        "networks",
        "connect",
        "relay",
    },  # the coordinators' console (its tags load in relay's templates)
    "urls": set(),  # includes the apps' urls by name
    "wsgi": set(),
    # Subcommands are found by name (importlib), so the command stays light.
    "cli": {"i18n", "envfile", "native"},
    "commands": {
        "core",
        "envfile",
        "networks",
        "cards",
        "refdata",
        "i18n",
        "django_setup",
        "cli",
        "relay",
        "tracking",
        "composer",
        "feeds",
        "scheduling",
        "privacy",
        "access",
        "autoapproval",
        "followup",
        "advice",
        "members",
        "connect",
        "stats",
        "board",
    },
}
# Third-party packages the pure domain may use (numbers and sets; no Django, no network SDK, no I/O).
CORE_THIRD_PARTY = {"numpy", "pyroaring", "ahocorasick", "rapidfuzz"}  # rapidfuzz: misspelt places (issue 14)
# The adapters may read settings (`django.conf`, lazily, for secrets), never the ORM or the apps.
DJANGO_ALLOWED_IN_NETWORKS = {"django.conf"}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, dotted
    target: str  # the imported module (or package), dotted
    names: tuple[str, ...]  # the names taken with `from … import`
    line: int


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for inner in ast.walk(node))
    return skipped


def imports_of(name: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, (), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield Import(name, target, tuple(a.name for a in node.names), node.lineno)


def first_party_targets(imp: Import, known: dict[str, Path]) -> set[str]:
    """The colibri modules an import loads (`from pkg import mod` loads pkg.mod)."""
    found = set()
    candidates = [f"{imp.target}.{n}" for n in imp.names] or [imp.target]
    for candidate in [*candidates, imp.target]:
        while candidate and candidate not in known:
            candidate = candidate.rpartition(".")[0]
        if candidate:
            found.add(candidate)
    return found


def part_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {m: set() for m in known}
    for name, path in known.items():
        for imp in imports_of(name, path):
            for target in first_party_targets(imp, known):
                # A package's own __init__ is loaded by its submodules: not an arrow between them.
                if target != name and not name.startswith(target + "."):
                    edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_it_finds_a_circle_when_there_is_one() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_it_has_no_import_circle_in_colibri() -> None:
    assert cycles(graph()) == []


def test_it_keeps_every_part_on_its_layer() -> None:
    edges = graph()
    assert set(ALLOWED) >= {part_of(m) for m in edges}, "a new part of colibri/ needs its line in ALLOWED"
    wrong = sorted(
        f"{source} -> {target}"
        for source, targets in edges.items()
        for target in targets
        if part_of(target) != part_of(source) and part_of(target) not in ALLOWED[part_of(source)]
    )
    assert wrong == []


def _third_party(part: str) -> list[tuple[str, str]]:
    found = []
    for name, path in modules().items():
        if part_of(name) != part:
            continue
        for imp in imports_of(name, path):
            if imp.target and imp.target.split(".")[0] != "colibri":
                found.append((name, imp.target))
    return found


def test_it_keeps_the_core_pure() -> None:
    stdlib = set(sys.stdlib_module_names)
    allowed = stdlib | CORE_THIRD_PARTY
    assert [(m, t) for m, t in _third_party("core") if t.split(".")[0] not in allowed] == []


def test_it_keeps_django_out_of_the_network_adapters() -> None:
    django = [
        (m, t)
        for m, t in _third_party("networks")
        if t.split(".")[0] in {"django", "django_tasks_db"} and t not in DJANGO_ALLOWED_IN_NETWORKS
    ]
    assert django == []


def _private_imports(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__") and alias.name != "_":
                        found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.module}.{alias.name}")
    return found


@pytest.mark.parametrize("folder", ["colibri", "tests", "bench"])
def test_it_imports_no_other_modules_private_name(folder: str) -> None:
    assert _private_imports(REPO / folder) == []


def test_it_keeps_relay_modules_small() -> None:
    """~500 lines at most per module of the relay app (one concern each); the exceptions say why."""
    # A module allowed to be longer is listed here with the reason (none today).
    reasons: dict[str, int] = {}
    sizes = {
        str(p.relative_to(REPO)): len(p.read_text(encoding="utf-8").splitlines())
        for p in (PACKAGE / "relay").rglob("*.py")
        if "migrations" not in p.parts
    }
    assert {p: n for p, n in sizes.items() if n > reasons.get(p, 500)} == {}
