"""factory_boy factories for the domain model.

Reference geography comes from the data migrations, so factories pick existing
municipalities and regions rather than inventing them.
"""

import datetime

import factory
from django.utils.text import slugify

from loften.core.models import User
from loften.followups.models import FollowUpStatus, ReportingPeriod
from loften.geography.models import Municipality, PoliceArea, PoliceRegion
from loften.organisations.models import Membership, Organisation
from loften.promises.models import Activity, Commitment, FocusArea, Promise

PASSWORD = "test-lösenord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="sv_SE")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def municipality(code: str = "0682") -> Municipality:
    """An existing municipality from the reference data (Nässjö by default)."""
    return Municipality.objects.get(code=code)


class PoliceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliceArea
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Lokalpolisområde Test {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    police_region = factory.LazyFunction(lambda: PoliceRegion.objects.get(name="Öst"))

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.municipalities.set(extracted)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.PARTNER


def municipality_organisation(place: Municipality) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.MUNICIPALITY,
        municipality=place,
        defaults={"name": f"{place.name} kommun"},
    )
    return organisation


def police_area_organisation(area: PoliceArea) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        kind=Organisation.Kind.POLICE_AREA,
        police_area=area,
        defaults={"name": area.name},
    )
    return organisation


def member(
    organisation: Organisation, role: str = Membership.Role.EDITOR, **kwargs
) -> User:
    """A new user with `role` in `organisation`."""
    user = UserFactory(**kwargs)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promise
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Medborgarlöfte {n}")
    slug = factory.Sequence(lambda n: f"medborgarlofte-{n}")
    police_area = factory.SubFactory(PoliceAreaFactory)
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create:
            obj.municipalities.set(extracted or [municipality()])

    @factory.post_generation
    def periods(obj, create, extracted, **kwargs):
        """The reporting periods, as `promise_create` makes them."""
        if create:
            from loften.followups.services import reporting_periods_ensure

            reporting_periods_ensure(promise=obj)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    promise = factory.SubFactory(PromiseFactory)
    text = factory.Sequence(lambda n: f"Vi ska öka tryggheten, del {n}.")
    order = factory.Sequence(lambda n: n * 10)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    promise = factory.SubFactory(PromiseFactory)
    text = factory.Sequence(lambda n: f"Genomföra trygghetsvandring nummer {n}.")
    focus_area = factory.LazyFunction(lambda: FocusArea.objects.get(slug="trafik"))
    responsible_police = True
    responsible_municipality = True
    order = factory.Sequence(lambda n: n * 10)


def status(category: str = FollowUpStatus.Category.DONE) -> FollowUpStatus:
    """The seeded follow-up status of a category."""
    return FollowUpStatus.objects.filter(category=category).order_by("order").first()


def tertial(year: int = 2026, number: int = 1) -> ReportingPeriod:
    from loften.followups.services import reporting_period_get_or_create

    return reporting_period_get_or_create(kind="tertial", year=year, number=number)
