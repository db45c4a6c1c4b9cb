"""The screens read the database a fixed number of times, however many
activities a promise has (no query per activity)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loften.followups.periods import PeriodKey
from loften.followups.services import followup_save
from loften.promises.services import activities as activity_services
from loften.promises.services import parts as part_services
from loften.testing import factories

pytestmark = pytest.mark.django_db

T1 = PeriodKey(2026, "tertial", 1)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _grow(promise, to: int) -> None:
    while promise.activities.count() < to:
        activity = activity_services.activity_create(
            promise=promise,
            actor=None,
            text="Aktivitet",
            responsible_police=True,
            partners=[factories.OrganisationFactory()],
            commitment=part_services.commitment_create(
                promise=promise, actor=None, text="Löfte"
            ),
            target_comparator="at_least",
            target_value=3,
            target_unit="st",
        )
        followup_save(
            activity=activity,
            period=factories.tertial(),
            actor=None,
            expected_version=None,
            status=factories.status(),
            text="Gjort.",
        )


@pytest.mark.parametrize(
    "name",
    ["start", "promise_detail", "followup", "promise_approval", "period_approval"],
)
def test_queries_do_not_grow_with_the_number_of_activities(client, parties, name):
    promise = parties.promise
    arguments = {
        "start": [],
        "promise_detail": [promise.pk],
        "followup": [promise.pk, T1],
        "promise_approval": [promise.pk],
        "period_approval": [promise.pk, T1],
    }[name]
    url = reverse(f"editor:{name}", args=arguments)
    client.force_login(parties.municipality_editor)
    _grow(promise, 2)
    few = _queries(client, url)
    _grow(promise, 12)
    assert _queries(client, url) <= few
