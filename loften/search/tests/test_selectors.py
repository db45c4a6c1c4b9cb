"""Searching published text, on whichever database the tests run on (CI runs them
on SQLite and PostgreSQL)."""

import pytest

from loften.search.selectors import (
    SearchFilters,
    search_promise_browse,
    search_promise_list,
)
from loften.search.text import query_terms

# The tests read one corpus built for the module: on one worker it is built once.
pytestmark = pytest.mark.xdist_group("search_selectors")


def _search(query: str, **filters) -> list:
    return list(
        search_promise_list(terms=query_terms(query), filters=SearchFilters(**filters))
    )


def _promises(query: str, **filters) -> list[int]:
    return [hit.promise.pk for hit in _search(query, **filters)]


@pytest.mark.parametrize("word", ["narkotika", "narkotikabrott", "skadegörelse"])
def test_words_of_the_situational_picture_find_the_promise(corpus, word):
    hits = _search(word)
    assert [hit.promise.pk for hit in hits] == [corpus.nassjo.promise.pk]
    assert "situation" in {entry.kind for entry in hits[0].entries}


def test_the_sources_of_the_situational_picture_are_searched(corpus):
    [hit] = _search("narkotikaförsäljning")
    assert hit.entries[0].kind == "situation"
    assert "Medarbetardialog (2025)" in hit.entries[0].body


@pytest.mark.parametrize("word", ["skadegörelsebrott", "otrygga", "öppna statistik"])
def test_words_of_the_effect_measures_find_the_promise(corpus, word):
    [hit] = _search(word)
    assert hit.promise.pk == corpus.nassjo.promise.pk
    assert hit.entries[0].kind == "indicator"


def test_words_typed_without_swedish_letters_are_found(corpus):
    for query in ("hundsok", "hundsök", "HUNDSÖK", "hogstadieskolor"):
        [hit] = _search(query)
        assert hit.entries[0].title.startswith("Genomföra förebyggande hundsök")


def test_commitments_and_signatories_are_searched(corpus):
    committed = _search("tryggheten centrum")
    assert len(committed) == 2
    assert all(hit.entries[0].kind == "commitment" for hit in committed)
    signed = _search("Holm kommunstyrelsens")
    assert {hit.promise.pk for hit in signed} == {
        corpus.nassjo.promise.pk,
        corpus.aneby.promise.pk,
    }
    assert all(hit.entries[0].kind == "signatory" for hit in signed)


def test_each_promise_is_one_hit_however_many_texts_match(corpus):
    # Nässjö has 2 activities followed up in 2 periods, Aneby 1 activity in one.
    hits = _search("trygghetsvandringar")
    assert sorted(hit.promise.pk for hit in hits) == sorted(
        [corpus.nassjo.promise.pk, corpus.aneby.promise.pk]
    )
    nassjo = next(hit for hit in hits if hit.promise.pk == corpus.nassjo.promise.pk)
    assert nassjo.matches == 6  # 2 activities and 4 follow-ups
    assert len(nassjo.entries) == 3
    assert nassjo.more == 3
    assert search_promise_list(terms=query_terms("trygghetsvandringar")).count() == 2


def test_the_texts_with_the_words_in_their_title_come_first(corpus):
    [hit] = _search("trygghetsvandringar område 2", municipality="nässjö")
    assert hit.entries[0].title == "Genomföra trygghetsvandringar i område 2"


def test_the_promise_and_its_places_count_as_context_for_every_text(corpus):
    [hit] = _search("hundsök nässjö")
    assert hit.entries[0].kind == "activity"
    assert _search("hundsök aneby") == []


def test_every_word_of_the_query_must_match(corpus):
    assert _search("trygghetsvandringar område")
    assert _search("trygghetsvandringar bilbesiktning") == []


def test_without_terms_nothing_is_found(corpus):
    assert _search("och") == []


def test_filters_narrow_by_place_year_focus_area_and_responsibility(corpus):
    nassjo, aneby = corpus.nassjo.promise.pk, corpus.aneby.promise.pk
    assert _promises("trygghetsvandringar", year=2027) == [aneby]
    assert _promises("trygghetsvandringar", municipality="nässjö") == [nassjo]
    assert sorted(_promises("trygghetsvandringar", county="06")) == sorted(
        [nassjo, aneby]
    )
    focused = _search("område", focus_area="narkotika")
    assert {e.focus_area.slug for hit in focused for e in hit.entries} == {"narkotika"}
    police = _search("hundsök", responsible="polisen")
    assert [hit.promise.pk for hit in police] == [nassjo]
    assert _search("hundsök", responsible="kommunen") == []
    assert _search("skadegörelse", responsible="annan") == []


def test_filters_alone_list_the_promises_they_allow_the_newest_first(corpus):
    everything = list(search_promise_browse(filters=SearchFilters(county="06")))
    assert [hit.promise.pk for hit in everything] == [
        corpus.aneby.promise.pk,
        corpus.nassjo.promise.pk,
    ]
    assert everything[1].entries[0].kind == "promise"
    police = search_promise_browse(filters=SearchFilters(responsible="polisen"))
    assert all(e.responsible_police for hit in police for e in hit.entries)
    assert list(search_promise_browse(filters=SearchFilters(year=2025))) == []
