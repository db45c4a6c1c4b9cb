"""What changed between two versions, in words: pure, plain inputs."""

import pytest
from django.utils import translation

from loften.public.changes import change_sentence
from loften.publication.snapshot import Change, snapshot_diff


def _snapshot(**lists):
    empty = {"commitments": [], "activities": [], "indicators": []}
    return {
        "promise": {"title": "Löfte"},
        **empty,
        **lists,
        "followups": [],
        "periods": [],
    }


def _items(key, *names):
    return [
        {"id": number, key: name, "order": order}
        for order, (number, name) in enumerate(names)
    ]


@pytest.mark.parametrize(
    ("key", "section", "swedish"),
    [
        ("text", "commitments", "Ett löfte flyttades i listan"),
        ("text", "activities", "En aktivitet flyttades i listan"),
        ("name", "indicators", "Ett effektmått flyttades i listan"),
    ],
)
def test_an_item_moved_in_its_list_is_described_in_words(key, section, swedish):
    old = _snapshot(**{section: _items(key, (1, "Första"), (2, "Andra"))})
    new = _snapshot(**{section: _items(key, (2, "Andra"), (1, "Första"))})
    moved = [change for change in snapshot_diff(old, new) if change.kind == "moved"]
    assert len(moved) == 1
    with translation.override("sv"):
        assert change_sentence(moved[0]) == swedish


def test_moves_are_described_in_english_too():
    with translation.override("en"):
        assert (
            change_sentence(Change("activity", "moved", "Trafikkontroller"))
            == "An activity was moved in the list"
        )


def test_a_change_without_its_own_sentence_never_shows_the_raw_kind():
    with translation.override("sv"):
        assert change_sentence(Change("signatory", "moved", "A B")) == (
            "Något flyttades i en lista"
        )
        assert change_sentence(Change("source", "added", "NTU")) == "Något lades till"
        assert change_sentence(Change("source", "renamed", "NTU")) == "Något ändrades"
