import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import translation

from loften.core.models import AuditEntry, User
from loften.examples.content import EXAMPLE_PASSWORD
from loften.examples.loader import example_data_load
from loften.followups.models import ActivityEvent, FollowUp
from loften.organisations.models import Membership
from loften.promises.models import Promise
from loften.publication.models import PublishedFollowUp
from loften.testing.examples import indicator_values as _values
from loften.testing.reference import module_data

# The tests share one example built for the module, each in its own transaction
# on top of it; a test of another day loads its own.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("example_loader")]

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture(scope="module")
def _module_example(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker), translation.override("sv"):
        yield example_data_load(today=TODAY)


@pytest.fixture
def example(_module_example, db):
    """The example as loaded on TODAY (what that first load made), for a test
    that reads it or loads it again on top, in its own transaction."""
    return _module_example


def _counts() -> dict[str, int]:
    """Rows of every model of every Löften app, many-to-many links included, so
    that a duplicate of anything shows."""
    return {
        model._meta.label: model._default_manager.count()
        for config in apps.get_app_configs()
        if config.name.startswith("loften.")
        for model in config.get_models(include_auto_created=True)
    }


def test_loading_twice_creates_nothing_the_second_time(example):
    first = example
    counts = _counts()
    second = example_data_load(today=TODAY)
    assert len(first.created_promises) == 3
    assert not second.created_anything
    assert _counts() == counts
    assert "promises.Promise_municipalities" in counts  # links are counted too


def test_a_deleted_membership_is_restored_and_nothing_else_is_made(example):
    counts = _counts()
    Membership.objects.get(user__username="kommun.redaktor").delete()
    result = example_data_load(today=TODAY)
    assert result.restored_memberships == ["kommun.redaktor (Nässjö kommun)"]
    assert result.created_users == [] and result.created_promises == []
    assert Membership.objects.get(user__username="kommun.redaktor").role == "editor"
    after = _counts()
    # One audit entry says who restored it (the system).
    assert after.pop("core.AuditEntry") == counts.pop("core.AuditEntry") + 1
    assert after == counts
    entry = AuditEntry.objects.filter(action="membership.set").latest("id")
    assert entry.actor is None


def test_a_membership_whose_role_was_changed_is_left_alone(example):
    Membership.objects.filter(user__username="kommun.redaktor").update(role="viewer")
    assert not example_data_load(today=TODAY).created_anything
    assert Membership.objects.get(user__username="kommun.redaktor").role == "viewer"


def test_this_years_safety_survey_result_is_there_in_the_autumn(example):
    years = [year for year, _note in _values("exempel-nassjo-2026", "Andel boende")]
    assert years == [2023, 2024, 2025, 2026]


def test_the_example_has_two_municipalities_their_police_area_and_published_tertials(
    example,
):
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


def test_followup_quantities_are_the_sums_of_the_log(example):
    for followup in FollowUp.objects.filter(
        quantity__isnull=False, period__kind="tertial"
    ):
        logged = ActivityEvent.objects.filter(
            activity=followup.activity,
            date__gte=followup.period.start_date,
            date__lte=followup.period.end_date,
        ).count()
        assert followup.quantity == logged


def test_example_logins_work(client, example):
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
