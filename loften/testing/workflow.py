"""A promise with both parties and their people, and the steps to publish it."""

from dataclasses import dataclass

from loften.core.models import User
from loften.followups.models import ReportingPeriod
from loften.organisations.models import Membership, Organisation
from loften.promises.models import Promise
from loften.publication import services as publication

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
