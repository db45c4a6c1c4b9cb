"""The migration that gives published follow-ups published before this change
their running total and the target they were published under."""

import importlib

import pytest
from django.apps import apps

from loften.publication.models import PublishedFollowUp
from loften.testing.record import follow_up, promise_with_published_tertial

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "loften.publication.migrations.0006_published_followup_running_totals_filled"
)


def test_existing_published_followups_get_their_running_total_and_target():
    record = promise_with_published_tertial()
    follow_up(record, record.tertials[1], 20)
    PublishedFollowUp.objects.update(running_total=None, target_value_then=None)
    migration.fill_running_totals(apps, None)
    rows = PublishedFollowUp.objects.order_by("period__start_date")
    assert [(r.running_total, r.target_value_then) for r in rows] == [
        (14, 40),
        (34, 40),
    ]
