"""The migration that marks each activity's latest figure of a year on the
published follow-ups already there, and whether each counts as met for good, by
the rules the overview used before."""

import importlib

import pytest
from django.apps import apps

from loften.publication.models import PublishedFollowUp
from loften.testing.record import follow_up, promise_with_published_tertial

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "loften.publication.migrations.0007_published_followup_latest_in_year"
)


def test_existing_rows_are_marked_as_the_read_model_marks_them():
    record = promise_with_published_tertial()
    follow_up(record, record.tertials[1], 20)
    fields = ("latest_in_year", "met_for_good")
    built = {row["pk"]: row for row in PublishedFollowUp.objects.values("pk", *fields)}
    # The second tertial's figure is the year's latest.
    assert sum(row["latest_in_year"] for row in built.values()) == 1
    PublishedFollowUp.objects.update(latest_in_year=False, met_for_good=False)
    migration.mark_latest_in_year(apps, None)
    assert {
        row["pk"]: row for row in PublishedFollowUp.objects.values("pk", *fields)
    } == built
