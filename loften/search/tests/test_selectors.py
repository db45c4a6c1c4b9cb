"""Searching published text, on whichever database the tests run on."""

import pytest

from loften.geography.models import Municipality
from loften.promises.services import activities as activity_services
from loften.search.selectors import (
    SearchFilters,
    search_entry_browse,
    search_entry_list,
)
from loften.search.text import query_terms
from loften.testing.public import published_promise
from loften.testing.workflow import publish_plan

pytestmark = pytest.mark.django_db


def _search(query: str, **filters) -> list:
    return list(
        search_entry_list(terms=query_terms(query), filters=SearchFilters(**filters))
    )


@pytest.fixture
def walks():
    """A promise in Nässjö whose activity speaks of trygghetsvandringar."""
    return published_promise(activities=2, periods=1)


def test_the_singular_finds_the_plural_and_the_plural_the_singular(walks):
    singular = {(e.kind, e.object_id) for e in _search("trygghetsvandring")}
    plural = {(e.kind, e.object_id) for e in _search("trygghetsvandringar")}
    assert singular == plural
    assert {kind for kind, _ in singular} == {"activity", "followup"}


def test_a_word_finds_the_compounds_it_begins(walks):
    assert _search("trygghet")


def test_every_word_of_the_query_must_match(walks):
    assert _search("trygghetsvandringar område")
    assert _search("trygghetsvandringar bilbesiktning") == []


def test_case_and_stop_words_do_not_matter(walks):
    assert len(_search("TRYGGHETSVANDRINGAR och i")) == len(
        _search("trygghetsvandringar")
    )


def test_the_best_hit_comes_first(walks):
    parties = walks.parties
    activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Hundsök i skolor",
        place="Gymnasiet, efter önskemål om fler hundsök",
        responsible_police=True,
    )
    publish_plan(parties)
    hits = _search("hundsök")
    assert hits[0].title == "Hundsök i skolor"
    assert hits[0].rank >= hits[-1].rank


def test_filters_narrow_by_place_year_focus_area_and_responsibility(walks):
    other_place = Municipality.objects.get(code="0604")  # Aneby
    published_promise(activities=1, periods=1, municipality=other_place, year=2027)
    everything = _search("trygghetsvandringar")
    assert {e.promise_id for e in everything} == {
        walks.promise.pk,
        other_place.published_promises.get().pk,
    }
    assert {e.promise_id for e in _search("trygghetsvandringar", year=2027)} == {
        other_place.published_promises.get().pk
    }
    assert {
        e.promise_id for e in _search("trygghetsvandringar", municipality="nässjö")
    } == {walks.promise.pk}
    assert {e.promise_id for e in _search("trygghetsvandringar", county="06")} == {
        e.promise_id for e in everything
    }
    assert {e.focus_area.slug for e in _search("område", focus_area="narkotika")} == {
        "narkotika"
    }
    # In the factory the second activity is the municipality's alone.
    assert all(e.responsible_police for e in _search("område", responsible="polisen"))
    assert all(
        e.responsible_municipality for e in _search("område", responsible="kommunen")
    )
    assert len(_search("område", responsible="polisen")) < len(_search("område"))
    assert _search("område", responsible="annan") == []


def test_without_terms_nothing_is_found(walks):
    assert _search("och") == []


def test_filters_alone_list_the_entries_they_allow_in_a_stable_order(walks):
    entries = list(search_entry_browse(filters=SearchFilters(year=2026)))
    assert [e.kind for e in entries] == [
        "promise",
        "activity",
        "activity",
        "followup",
        "followup",
    ]
    police = search_entry_browse(filters=SearchFilters(responsible="polisen"))
    assert all(e.responsible_police for e in police)
    assert list(search_entry_browse(filters=SearchFilters(year=2025))) == []


def test_newer_promises_come_first_when_browsing(walks):
    older = published_promise(activities=1, periods=0, year=2025)
    promises = [
        e.promise_id
        for e in search_entry_browse(filters=SearchFilters(municipality="nässjö"))
        if e.kind == "promise"
    ]
    assert promises == [walks.promise.pk, older.promise.pk]
