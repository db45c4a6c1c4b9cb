"""Database constraints on approvals and published versions.

Each test inserts a row that breaks one named constraint, one at a time and in
bulk, and expects the database to refuse it.
"""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from loften.publication.models import Approval, PromiseVersion
from loften.testing import factories

pytestmark = pytest.mark.django_db

HOW = ["create", "bulk_create"]


def assert_refused(model, how: str, **values) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        if how == "create":
            model.objects.create(**values)
        else:
            model.objects.bulk_create([model(**values)])


def _version(promise, **values) -> dict:
    return {
        "promise": promise,
        "number": 1,
        "kind": "plan",
        "period": None,
        "snapshot": {},
        "published_at": timezone.now(),
        **values,
    }


@pytest.mark.parametrize("how", HOW)
def test_a_version_number_is_used_once_per_promise(parties, how):
    PromiseVersion.objects.create(**_version(parties.promise))
    assert_refused(PromiseVersion, how, **_version(parties.promise))


def test_another_promise_may_use_the_same_version_number(parties):
    PromiseVersion.objects.create(**_version(parties.promise))
    PromiseVersion.objects.create(**_version(factories.PromiseFactory()))
    assert PromiseVersion.objects.filter(number=1).count() == 2


@pytest.mark.parametrize("how", HOW)
def test_version_numbers_start_at_one(parties, how):
    # PositiveIntegerField allows 0; only the named constraint refuses it.
    assert_refused(PromiseVersion, how, **_version(parties.promise, number=0))


@pytest.mark.parametrize("how", HOW)
def test_a_plan_version_names_no_period(parties, how):
    assert_refused(
        PromiseVersion,
        how,
        **_version(parties.promise, kind="plan", period=factories.tertial()),
    )


@pytest.mark.parametrize("how", HOW)
def test_a_follow_up_version_names_its_period(parties, how):
    assert_refused(PromiseVersion, how, **_version(parties.promise, kind="period"))


def _approval(parties, **values) -> dict:
    return {
        "promise": parties.promise,
        "organisation": parties.municipality,
        "user": parties.municipality_approver,
        "revision": 1,
        **values,
    }


@pytest.mark.parametrize("how", HOW)
def test_a_party_approves_a_plan_revision_once(parties, how):
    Approval.objects.create(**_approval(parties))
    assert_refused(
        Approval, how, **_approval(parties, user=factories.UserFactory(), comment="2")
    )


@pytest.mark.parametrize("how", HOW)
def test_a_party_approves_a_report_revision_once(parties, how):
    period = factories.tertial()
    Approval.objects.create(**_approval(parties, period=period))
    assert_refused(Approval, how, **_approval(parties, period=period))


def test_approvals_of_the_plan_and_of_each_period_are_separate(parties):
    Approval.objects.create(**_approval(parties))
    Approval.objects.create(**_approval(parties, period=factories.tertial(number=1)))
    Approval.objects.create(**_approval(parties, period=factories.tertial(number=2)))
    Approval.objects.create(**_approval(parties, revision=2))
    Approval.objects.create(**_approval(parties, organisation=parties.police))
    assert Approval.objects.count() == 5
