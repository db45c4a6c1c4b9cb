import datetime

import pytest
from django.core.management import call_command

from loften.core.models import User
from loften.examples.content import EXAMPLE_PASSWORD
from loften.examples.loader import example_data_load
from loften.followups.models import ActivityEvent, FollowUp
from loften.geography.models import PoliceArea
from loften.organisations.models import Membership, Organisation
from loften.promises.models import Activity, Promise
from loften.publication.models import (
    PromiseVersion,
    PublishedFollowUp,
    PublishedPromise,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 22)


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Organisation,
            Membership,
            PoliceArea,
            Promise,
            Activity,
            ActivityEvent,
            FollowUp,
            PromiseVersion,
            PublishedPromise,
        )
    }


def test_loading_twice_creates_nothing_the_second_time():
    first = example_data_load(today=TODAY)
    counts = _counts()
    second = example_data_load(today=TODAY)
    assert len(first.created_promises) == 3
    assert second.created_promises == [] and second.created_users == []
    assert _counts() == counts


def test_the_example_has_two_municipalities_their_police_area_and_published_tertials():
    example_data_load(today=TODAY)
    current = Promise.objects.get(slug="exempel-nassjo-2026")
    assert current.police_area.name == "Lokalpolisområde Höglandet"
    assert 5 <= current.activities.count() <= 10
    assert current.activities.exclude(target_value=None).exists()
    assert current.activities.values("focus_area").distinct().count() in (2, 3)
    assert current.previous.slug == "exempel-nassjo-2025"
    assert current.indicators.exists()
    published_periods = {
        f.period.short_label
        for f in PublishedFollowUp.objects.filter(activity__promise_id=current.pk)
    }
    assert published_periods == {"T1", "T2"}
    assert (
        Promise.objects.get(slug="exempel-aneby-2026").status
        == Promise.Status.PUBLISHED
    )
    assert (
        Promise.objects.get(slug="exempel-nassjo-2025").status
        == Promise.Status.CONCLUDED
    )


def test_followup_quantities_are_the_sums_of_the_log():
    example_data_load(today=TODAY)
    for followup in FollowUp.objects.filter(
        quantity__isnull=False, period__kind="tertial"
    ):
        logged = ActivityEvent.objects.filter(
            activity=followup.activity,
            date__gte=followup.period.start_date,
            date__lte=followup.period.end_date,
        ).count()
        assert followup.quantity == logged


def test_example_logins_work(client):
    example_data_load(today=TODAY)
    for username in ("admin", "kommun.redaktor", "polis.redaktor"):
        assert client.login(username=username, password=EXAMPLE_PASSWORD), username
    assert User.objects.get(username="admin").is_superuser


def test_example_logins_command_prints_the_accounts(capsys):
    call_command("load_example_data")
    call_command("example_logins")
    out = capsys.readouterr().out
    assert "kommun.redaktor" in out
    assert EXAMPLE_PASSWORD in out


def test_loading_is_refused_in_production_mode(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("load_example_data")
