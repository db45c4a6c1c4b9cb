"""Organisation and membership invariants."""

import pytest
from django.db import IntegrityError, transaction

from loften.organisations.models import Membership, Organisation
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_a_municipality_organisation_must_name_its_municipality():
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Kommun utan kommun", kind="municipality")


def test_a_police_area_organisation_must_name_its_police_area():
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="LPO utan område", kind="police_area")


def test_a_partner_cannot_name_a_police_area():
    area = factories.PoliceAreaFactory()
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Skolan", kind="partner", police_area=area)


def test_one_organisation_per_municipality():
    place = factories.municipality("0604")
    factories.municipality_organisation(place)
    with pytest.raises(IntegrityError):
        Organisation.objects.create(
            name="Aneby igen", kind="municipality", municipality=place
        )


def test_a_user_is_member_of_an_organisation_once():
    organisation = factories.OrganisationFactory()
    user = factories.member(organisation)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, organisation=organisation, role="viewer")


def test_membership_role_must_be_a_known_role():
    organisation = factories.OrganisationFactory()
    user = factories.UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, organisation=organisation, role="king")


@pytest.mark.parametrize(
    ("role", "asked", "expected"),
    [
        ("viewer", "viewer", True),
        ("viewer", "editor", False),
        ("editor", "viewer", True),
        ("approver", "editor", True),
        ("approver", "administrator", False),
        ("administrator", "approver", True),
    ],
)
def test_roles_include_the_roles_before_them(role, asked, expected):
    assert Membership(role=role).has_role(asked) is expected


@pytest.mark.parametrize("how", ["create", "bulk_create"])
def test_one_organisation_per_police_area(how):
    area = factories.PoliceAreaFactory()
    factories.police_area_organisation(area)
    duplicate = Organisation(
        name="Samma LPO igen", kind="police_area", police_area=area
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        if how == "create":
            duplicate.save()
        else:
            Organisation.objects.bulk_create([duplicate])


@pytest.mark.parametrize("how", ["create", "bulk_create"])
def test_an_organisation_name_is_unique_within_its_kind(how):
    Organisation.objects.create(name="Fältgruppen", kind="partner")
    duplicate = Organisation(name="Fältgruppen", kind="partner")
    with pytest.raises(IntegrityError), transaction.atomic():
        if how == "create":
            duplicate.save()
        else:
            Organisation.objects.bulk_create([duplicate])


def test_the_same_name_may_be_used_by_organisations_of_different_kinds():
    area = factories.PoliceAreaFactory(name="Höglandet")
    Organisation.objects.create(name="Höglandet", kind="partner")
    Organisation.objects.create(name="Höglandet", kind="police_area", police_area=area)
    assert Organisation.objects.filter(name="Höglandet").count() == 2
