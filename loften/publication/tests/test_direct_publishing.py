"""The tests' shortcut to a published promise (`publish_plan_directly`,
`publish_period_directly` in loften/testing/workflow.py) gives what the approval
workflow gives: the same versions with the same snapshots, the same read model
and search entries, the same statuses. Only the approvals and the audit entries
of the workflow are left out."""

import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from loften.followups.models import FollowUpStatus, PeriodReport
from loften.followups.services import followup_save, reporting_periods_ensure
from loften.promises.models import FocusArea, Promise
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.publication.models import (
    Approval,
    PromiseVersion,
    PublishedActivity,
    PublishedCommitment,
    PublishedFollowUp,
    PublishedIndicator,
    PublishedIndicatorValue,
    PublishedPromise,
)
from loften.search.models import SearchEntry
from loften.testing.public import published_promise
from loften.testing.workflow import (
    promise_with_parties,
    publish_period,
    publish_period_directly,
    publish_plan,
    publish_plan_directly,
)

pytestmark = pytest.mark.django_db

READ_MODEL = (
    PublishedPromise,
    PublishedCommitment,
    PublishedActivity,
    PublishedFollowUp,
    PublishedIndicator,
    PublishedIndicatorValue,
)
# The moment of publishing differs between two runs, and PostgreSQL does not
# give back the ids of rows rolled back.
MOMENTS_AND_NEW_IDS = {"updated_at", "first_published_at", "version_id"}


@pytest.fixture
def written():
    """A promise with targets, an indicator and a signatory, and follow-ups for
    two periods, all written and nothing published."""
    parties = promise_with_parties(
        start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 12, 31)
    )
    promise, editor = parties.promise, parties.municipality_editor
    commitment = part_services.commitment_create(
        promise=promise, actor=editor, text="Vi ska öka tryggheten i centrum."
    )
    area = FocusArea.objects.filter(private_to__isnull=True).first()
    activities = [
        activity_services.activity_create(
            promise=promise,
            actor=editor,
            text=f"Trygghetsvandring {number}",
            focus_area=area,
            commitment=commitment,
            responsible_municipality=True,
            responsible_police=number == 1,
            target_comparator="at_least" if number else "",
            target_value=4 if number else None,
            target_unit="vandringar" if number else "",
        )
        for number in range(3)
    ]
    indicator = indicator_services.indicator_create(
        promise=promise,
        actor=editor,
        name="Andel som känner sig otrygga",
        source="Polisens trygghetsmätning",
        unit="%",
        direction="decrease",
    )
    indicator_services.indicator_value_set(
        indicator=indicator, actor=editor, year=2025, value=Decimal("28.5")
    )
    part_services.signatory_create(
        promise=promise,
        actor=editor,
        name="Per Holm",
        title="Kommunstyrelsens ordförande",
        organisation=parties.municipality.name,
    )
    periods = reporting_periods_ensure(promise=promise)[:2]
    done = FollowUpStatus.objects.filter(category="done").first()
    for period in periods:
        for activity in activities:
            followup_save(
                activity=activity,
                period=period,
                actor=editor,
                expected_version=None,
                status=done,
                text=f"Genomfört under {period.label}.",
                quantity=2 if activity.has_target else None,
            )
    return parties, periods


def _published(parties, periods, plan_step, period_step) -> dict:
    """Publish the plan and `periods` with the given steps and read back what
    is published."""
    promise = parties.promise
    plan_step(parties)
    for period in periods:
        period_step(parties, period)
    promise.refresh_from_db()
    return {
        "versions": [
            (v.number, v.kind, v.period_id, v.published_by_id, v.note, v.snapshot)
            for v in PromiseVersion.objects.filter(promise=promise).order_by("number")
        ],
        "read model": {
            model.__name__: [
                {k: v for k, v in row.items() if k not in MOMENTS_AND_NEW_IDS}
                for row in model.objects.order_by("pk").values()
            ]
            for model in READ_MODEL
        },
        "municipalities": list(
            PublishedPromise.objects.get(pk=promise.pk)
            .municipalities.order_by("pk")
            .values_list("pk", flat=True)
        ),
        "search": sorted(
            (
                {k: v for k, v in row.items() if k != "id"}
                for row in SearchEntry.objects.values()
            ),
            key=lambda row: (row["kind"], row["object_id"], row["period_id"] or 0),
        ),
        "promise status": promise.status,
        "period reports": list(
            PeriodReport.objects.filter(promise=promise)
            .order_by("period_id")
            .values_list("period_id", "status", "submitted_by_id")
        ),
        "shared focus areas": sorted(
            promise.activities.values_list("focus_area__private_to", flat=True),
            key=str,
        ),
    }


def test_publishing_directly_gives_what_the_workflow_gives(written):
    parties, periods = written
    with transaction.atomic():
        through_workflow = _published(parties, periods, publish_plan, publish_period)
        assert Approval.objects.filter(promise=parties.promise).count() == 6
        transaction.set_rollback(True)
    parties.promise.refresh_from_db()
    assert not PromiseVersion.objects.filter(promise=parties.promise).exists()

    directly = _published(
        parties, periods, publish_plan_directly, publish_period_directly
    )
    assert len(directly["versions"]) == 3
    assert directly["read model"]["PublishedFollowUp"]
    assert directly == through_workflow
    assert not Approval.objects.filter(promise=parties.promise).exists()


def test_a_period_cannot_be_published_directly_before_the_plan(written):
    parties, periods = written
    with pytest.raises(ValueError, match="plan"):
        publish_period_directly(parties, periods[0])


def test_published_promise_goes_through_the_workflow_only_when_asked():
    directly = published_promise(activities=1, periods=1)
    through_workflow = published_promise(activities=1, periods=1, through_workflow=True)
    assert not Approval.objects.filter(promise=directly.promise).exists()
    assert Approval.objects.filter(promise=through_workflow.promise).count() == 4
    for built in (directly, through_workflow):
        built.promise.refresh_from_db()
        assert built.version.number == 2
        assert built.promise.status == Promise.Status.PUBLISHED
