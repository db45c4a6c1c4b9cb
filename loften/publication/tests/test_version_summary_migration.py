"""The migration that stores the feeds' summary of every version published
before summaries were stored: each is what publishing stores now."""

import importlib

import pytest
from django.apps import apps

from loften.promises.services import activities as activity_services
from loften.publication import services as publication
from loften.publication.models import PublishedVersionSummary
from loften.testing.record import follow_up, promise_with_published_tertial
from loften.testing.workflow import publish_plan

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "loften.publication.migrations.0009_published_version_summary"
)


def _stored() -> dict[int, dict]:
    return dict(PublishedVersionSummary.objects.values_list("version_id", "summary"))


def test_every_published_version_gets_the_summary_publishing_stores():
    # A first publication, a period, a changed target with its reason, a period.
    record = promise_with_published_tertial()
    activity_services.activity_update(
        activity=record.activity,
        actor=record.parties.municipality_editor,
        target_value=50,
    )
    publication.change_reason_record(
        promise=record.parties.promise,
        actor=record.parties.municipality_editor,
        activity_id=record.activity.pk,
        subject="target",
        reason="Fler kontroller efter medborgardialogen",
    )
    publish_plan(record.parties)
    follow_up(record, record.tertials[1], 20)
    # A second promise, so that one promise's versions never follow another's.
    promise_with_published_tertial()
    published = _stored()
    assert [s["kind"] for s in published.values()].count("changes") == 1
    assert len(published) == 6

    PublishedVersionSummary.objects.all().delete()
    migration.fill_summaries(apps, None)
    assert _stored() == published
    # Run again, it adds nothing.
    migration.fill_summaries(apps, None)
    assert PublishedVersionSummary.objects.count() == len(published)
