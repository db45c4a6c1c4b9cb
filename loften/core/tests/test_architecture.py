"""The apps form a layered whole: no app imports, directly or through others, an
app that imports it. Lazy imports inside functions count too, since they hide a
cycle rather than remove it."""

import ast
import itertools
import re
from collections import defaultdict
from pathlib import Path

LOFTEN = Path(__file__).resolve().parents[2]
APPS = sorted(p.parent.name for p in LOFTEN.glob("*/apps.py"))


def _imported_modules(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
    return found


def app_imports() -> dict[str, dict[str, list[str]]]:
    """{app: {imported app: ["path:line", …]}} over every module but tests and
    migrations (tests may use any app; migrations name apps by label)."""
    graph: dict[str, dict[str, list[str]]] = {app: defaultdict(list) for app in APPS}
    for app in APPS:
        for path in sorted((LOFTEN / app).rglob("*.py")):
            parts = path.relative_to(LOFTEN / app).parts
            if "tests" in parts or "migrations" in parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for module, line in _imported_modules(tree):
                names = module.split(".")
                other = names[1] if names[0] == "loften" and len(names) > 1 else ""
                if other in APPS and other != app:
                    where = f"{path.relative_to(LOFTEN.parent)}:{line}"
                    graph[app][other].append(where)
    return graph


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `edges` as a list of nodes (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_find_cycle_reports_a_cycle_and_accepts_layers():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_walk_sees_imports_between_apps():
    graph = app_imports()
    assert "promises" in graph["followups"]
    assert "publication" in graph["search"]


def test_no_import_cycle_between_apps():
    graph = app_imports()
    cycle = find_cycle({app: set(targets) for app, targets in graph.items()})
    if cycle:
        lines = [
            f"{a} → {b}: {', '.join(graph[a][b][:3])}"
            for a, b in itertools.pairwise(cycle)
        ]
        raise AssertionError(
            "the apps import each other in a cycle:\n" + "\n".join(lines)
        )


_INCLUDE = re.compile(r'{%\s*include\s+"([^"]+)"')


def test_partials_live_in_components_folders():
    """One convention for partials: the shared ones in core's `components/`, an
    app's own in `templates/<app>/components/`; htmx fragments are named
    partials inside their page."""
    templates = sorted(LOFTEN.glob("*/templates/**/*.html"))
    assert templates
    misplaced = [
        str(path.relative_to(LOFTEN))
        for path in templates
        if path.name.startswith("_") or "includes" in path.parts
    ]
    included = {
        name
        for path in templates
        for name in _INCLUDE.findall(path.read_text(encoding="utf-8"))
        if name.endswith(".html")
    }
    outside = sorted(name for name in included if "/components/" not in f"/{name}")
    assert not misplaced, misplaced
    assert not outside, outside
