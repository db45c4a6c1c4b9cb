"""A promise with both parties and their people, and the steps to publish it:
through the approval workflow (`publish_plan`, `publish_period`), or, for tests
that read what is published and do not test the workflow, straight to the
published version and the read model (`publish_plan_directly`,
`publish_period_directly`), which is several times cheaper and gives the same
versions and public rows (`publication/tests/test_direct_publishing.py`)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from loften.core.models import User
from loften.followups.models import PeriodReport, ReportingPeriod
from loften.followups.services import (
    period_report_get_or_create,
    reporting_periods_ensure,
)
from loften.organisations.models import Membership, Organisation
from loften.promises.models import Promise
from loften.promises.services.activities import focus_areas_share
from loften.publication import services as publication
from loften.publication import snapshot as snapshot_rules
from loften.publication.models import PromiseVersion
from loften.publication.selectors import latest_version, promise_snapshot_build

from . import factories


@dataclass
class Parties:
    """A promise's two parties and a member of each role."""

    promise: Promise
    municipality: Organisation
    police: Organisation
    municipality_editor: User
    municipality_approver: User
    police_editor: User
    police_approver: User


def promise_with_parties(**promise_kwargs) -> Parties:
    promise = factories.PromiseFactory(**promise_kwargs)
    place = promise.municipalities.first()
    municipality = factories.municipality_organisation(place)
    police = factories.police_area_organisation(promise.police_area)
    return Parties(
        promise=promise,
        municipality=municipality,
        police=police,
        municipality_editor=factories.member(municipality, Membership.Role.EDITOR),
        municipality_approver=factories.member(municipality, Membership.Role.APPROVER),
        police_editor=factories.member(police, Membership.Role.EDITOR),
        police_approver=factories.member(police, Membership.Role.APPROVER),
    )


def publish_plan(parties: Parties):
    """Submit, approve by both parties and publish the promise's plan."""
    promise = parties.promise
    promise.refresh_from_db()
    if promise.status != Promise.Status.IN_REVIEW:
        publication.promise_submit_for_review(
            promise=promise, actor=parties.municipality_editor
        )
    for approver, organisation in (
        (parties.municipality_approver, parties.municipality),
        (parties.police_approver, parties.police),
    ):
        publication.promise_approve(
            promise=promise, actor=approver, organisation=organisation
        )
    return publication.promise_publish(promise=promise, actor=parties.police_approver)


def publish_period(parties: Parties, period: ReportingPeriod):
    """Submit, approve by both parties and publish one period's follow-up."""
    promise = parties.promise
    publication.period_report_submit(
        promise=promise, period=period, actor=parties.municipality_editor
    )
    for approver, organisation in (
        (parties.municipality_approver, parties.municipality),
        (parties.police_approver, parties.police),
    ):
        publication.period_report_approve(
            promise=promise, period=period, actor=approver, organisation=organisation
        )
    return publication.period_report_publish(
        promise=promise, period=period, actor=parties.municipality_approver
    )


# The one place that writes a version and rebuilds the read model from it; the
# direct steps below use it so that they cannot drift from publishing.
_write_version = publication._next_version


@transaction.atomic
def publish_plan_directly(parties: Parties) -> PromiseVersion:
    """Publish the promise's plan as `publish_plan` does, without sending it for
    approval and approving it: the same version, read model and statuses, no
    approvals and no audit entries."""
    promise = parties.promise
    promise.refresh_from_db()
    reporting_periods_ensure(promise=promise)
    snapshot, _reasons = publication.plan_snapshot_build(promise=promise)
    version = _write_version(
        promise=promise,
        actor=parties.police_approver,
        kind=PromiseVersion.Kind.PLAN,
        snapshot=snapshot,
    )
    promise.status = Promise.Status.PUBLISHED
    promise.save(update_fields=["status", "updated_at"])
    focus_areas_share(promise=promise)
    return version


@transaction.atomic
def publish_period_directly(
    parties: Parties, period: ReportingPeriod
) -> PromiseVersion:
    """Publish one period's follow-up as `publish_period` does, without sending it
    for approval and approving it (see `publish_plan_directly`)."""
    promise = parties.promise
    previous = latest_version(promise=promise)
    if previous is None:
        raise ValueError("publish the plan before a period's follow-up")
    report = period_report_get_or_create(promise=promise, period=period)
    snapshot = snapshot_rules.merge_period(
        previous.snapshot, promise_snapshot_build(promise=promise), period.pk
    )
    version = _write_version(
        promise=promise,
        actor=parties.municipality_approver,
        kind=PromiseVersion.Kind.PERIOD,
        snapshot=snapshot,
        period=period,
    )
    report.status = PeriodReport.Status.PUBLISHED
    report.submitted_by = parties.municipality_editor
    report.submitted_at = timezone.now()
    report.save()
    return version
