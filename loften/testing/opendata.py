"""Published data with unpublished changes on top, for the open-data tests."""

from dataclasses import dataclass

from loften.followups.services import followup_save
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.testing import factories
from loften.testing.reports import promise_with_followups
from loften.testing.workflow import Parties, promise_with_parties

# Words that only exist in the working copy, never in anything published.
SECRET_ACTIVITY = "Hemlig aktivitet som inte är publicerad"
SECRET_FOLLOWUP = "Hemlig uppföljning som inte är publicerad"
SECRET_COMMITMENT = "Hemligt löfte som inte är publicerat"
SECRET_PROMISE = "Hemligt medborgarlöfte som aldrig publicerats"
SECRET_QUANTITY = 98765


@dataclass
class PublishedWithDrafts:
    parties: Parties
    periods: list
    unpublished_promise_id: int


def published_with_drafts() -> PublishedWithDrafts:
    """A promise with its plan and tertial 1 published, then changed in the working
    copy (a new activity and commitment, a changed follow-up, a follow-up for
    tertial 2 that is not published), and a second promise never published."""
    parties = promise_with_parties()
    periods = promise_with_followups(parties, activities=2, tertials=1)
    editor = parties.municipality_editor
    promise = parties.promise
    part_services.commitment_create(
        promise=promise, actor=editor, text=SECRET_COMMITMENT
    )
    activity_services.activity_create(
        promise=promise, actor=editor, text=SECRET_ACTIVITY, responsible_police=True
    )
    activity = promise.activities.order_by("order").first()
    followup = activity.followups.get(period=periods[0])
    followup_save(
        activity=activity,
        period=periods[0],
        actor=editor,
        expected_version=followup.version,
        text=SECRET_FOLLOWUP,
        quantity=SECRET_QUANTITY,
    )
    followup_save(
        activity=activity,
        period=factories.tertial(2026, 2),
        actor=editor,
        expected_version=None,
        text=SECRET_FOLLOWUP + " T2",
        quantity=SECRET_QUANTITY,
    )
    indicator_services.indicator_value_set(
        indicator=promise.indicators.get(),
        actor=editor,
        year=2026,
        value=SECRET_QUANTITY,
    )
    other = promise_with_parties(title=SECRET_PROMISE)
    activity_services.activity_create(
        promise=other.promise,
        actor=other.municipality_editor,
        text=SECRET_ACTIVITY,
        responsible_municipality=True,
    )
    return PublishedWithDrafts(parties, periods, other.promise.pk)


SECRETS = (
    SECRET_ACTIVITY,
    SECRET_FOLLOWUP,
    SECRET_COMMITMENT,
    SECRET_PROMISE,
    str(SECRET_QUANTITY),
)
