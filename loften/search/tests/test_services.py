"""The search index follows publication: built, replaced and never ahead of it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from loften.followups.services import followup_save
from loften.promises.services import activities as activity_services
from loften.promises.services import promise as promise_services
from loften.search import schema
from loften.search.models import SearchEntry
from loften.search.selectors import search_promise_list
from loften.search.text import query_terms
from loften.testing.public import published_promise
from loften.testing.workflow import publish_plan

pytestmark = pytest.mark.django_db


def _found(word: str) -> list[str]:
    """The titles of the best-matching texts, one per promise."""
    return [
        hit.entries[0].title for hit in search_promise_list(terms=query_terms(word))
    ]


def test_publishing_indexes_every_published_text_of_the_promise():
    published = published_promise(activities=2, periods=1)
    kinds = sorted(
        SearchEntry.objects.filter(promise_id=published.promise.pk).values_list(
            "kind", flat=True
        )
    )
    assert kinds == [
        "activity",
        "activity",
        "commitment",
        "followup",
        "followup",
        "indicator",
        "promise",
        "signatory",
    ]


def test_a_draft_edit_is_not_searchable_until_it_is_published():
    published = published_promise(activities=1, periods=0)
    parties = published.parties
    activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Hemliga nattpatruller längs ån",
        responsible_police=True,
    )
    assert _found("nattpatruller") == []
    publish_plan(parties)
    assert _found("nattpatrull") == ["Hemliga nattpatruller längs ån"]


def test_a_draft_situational_picture_is_not_searchable_until_published():
    published = published_promise(activities=1, periods=0)
    parties = published.parties
    promise_services.promise_update(
        promise=parties.promise,
        actor=parties.municipality_editor,
        situation_summary="Klotter på skolgårdarna har ökat.",
    )
    assert _found("klotter") == []
    publish_plan(parties)
    assert len(_found("klotter")) == 1


def test_an_unpublished_followup_is_not_searchable():
    published = published_promise(activities=1, periods=1)
    followup_save(
        activity=published.activities[0],
        period=published.periods[0],
        actor=published.parties.municipality_editor,
        expected_version=1,
        text="Utkast om hundsök som ingen har godkänt",
    )
    assert _found("hundsök") == []


def test_republishing_replaces_the_entries_of_the_promise():
    published = published_promise(activities=2, periods=0)
    parties = published.parties
    activity_services.activity_delete(
        activity=published.activities[1], actor=parties.municipality_editor
    )
    publish_plan(parties)
    assert (
        SearchEntry.objects.filter(
            promise_id=parties.promise.pk, kind="activity"
        ).count()
        == 1
    )
    assert _found("område") == ["Genomföra trygghetsvandringar i område 1"]


def test_the_database_keeps_its_full_text_index_in_step():
    """SQLite needs the FTS5 table and its triggers; PostgreSQL its GIN index."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = %s",
                [schema.TABLE],
            )
            assert sorted(row[0] for row in cursor.fetchall()) == sorted(
                schema.TRIGGER_NAMES
            )
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = %s",
                [schema.TABLE],
            )
            assert schema.POSTGRES_INDEX in {row[0] for row in cursor.fetchall()}


def test_the_whole_index_can_be_rebuilt_from_the_published_versions():
    published = published_promise(activities=2, periods=1)
    before = sorted(SearchEntry.objects.values_list("kind", "object_id"))
    SearchEntry.objects.all().delete()
    assert _found("trygghetsvandringar") == []
    out = StringIO()
    call_command("search_reindex", stdout=out)
    assert out.getvalue().strip() == f"Indexed {len(before)} entries."
    assert sorted(SearchEntry.objects.values_list("kind", "object_id")) == before
    assert len(_found("trygghetsvandringar")) == 1
    assert published.promise.pk in {e.promise_id for e in SearchEntry.objects.all()}
