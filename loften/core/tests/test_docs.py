"""The model diagrams in docs/architecture.md match the models."""

import re
from collections import Counter
from pathlib import Path

from django.apps import apps

REPOSITORY = Path(__file__).resolve().parents[3]
# Described with their apps instead (docs/import.md, reports.md, public-site.md).
NOT_DRAWN = {
    "ImportJob",
    "GeneratedReport",
    "SearchEntry",
    "AccessibilityReport",
    "WorkerProcess",
}
EDGE = re.compile(r"^\s*(\w+)\s+([|}o]{2})--([|{o]{2})\s+(\w+)\s*:", re.M)
ONE = {"||"}
ZERO_OR_ONE = {"|o", "o|"}
MANY = {"}o", "o{", "}|", "|{"}


def _diagram_edges() -> list[list[tuple[str, str, str, str]]]:
    text = (REPOSITORY / "docs" / "architecture.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```mermaid\nerDiagram\n(.*?)```", text, re.S)
    assert blocks, "no erDiagram in docs/architecture.md"
    return [EDGE.findall(block) for block in blocks]


def _relations():
    """(model, field, target) for every relation between Löften's models."""
    for model in apps.get_models():
        if not model.__module__.startswith("loften."):
            continue
        for field in model._meta.get_fields():
            target = field.related_model if field.is_relation else None
            if field.concrete and target and target.__module__.startswith("loften."):
                yield model, field, target


def test_every_model_is_drawn_and_every_drawn_entity_is_a_model():
    drawn = {name for edges in _diagram_edges() for e in edges for name in (e[0], e[3])}
    models = {
        m.__name__ for m in apps.get_models() if m.__module__.startswith("loften.")
    }
    assert drawn <= models, drawn - models
    assert models - drawn == NOT_DRAWN


def _markers_beside(target: str, other: str, blocks) -> list[str]:
    """The markers drawn beside `target` on the lines between it and `other`."""
    found = []
    for edges in blocks:
        for a, left, right, b in edges:
            if (a, b) == (target, other):
                found.append(left)
            elif (a, b) == (other, target):
                found.append(right)
    return found


def test_every_relation_is_drawn_once_with_the_right_cardinality():
    blocks = _diagram_edges()
    drawn: Counter = Counter()
    for edges in blocks:
        in_block = Counter(frozenset((e[0], e[3])) for e in edges)
        for pair, count in in_block.items():
            drawn[pair] = max(drawn[pair], count)
    expected: Counter = Counter()
    for model, field, target in _relations():
        if {model.__name__, target.__name__} & NOT_DRAWN:
            continue
        expected[frozenset((model.__name__, target.__name__))] += 1
        if field.many_to_many:
            allowed = MANY
        elif field.null:
            allowed = ZERO_OR_ONE
        else:
            allowed = ONE
        # The marker beside the target says how many targets one row has; on
        # a line from a model to itself (a renewal) either end may say it.
        markers = _markers_beside(target.__name__, model.__name__, blocks)
        where = f"{model.__name__}.{field.name}"
        assert markers, f"{where} is not drawn"
        if model is target:
            assert set(markers) & allowed, (where, markers)
        else:
            assert set(markers) <= allowed, (where, markers)
    assert drawn == expected
