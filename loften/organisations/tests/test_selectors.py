"""Reads of organisations: the partner a typed name means."""

import pytest

from loften.organisations.models import Organisation
from loften.organisations.selectors import partner_resolve
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_registered_partners_are_used_and_the_others_shown_as_new():
    nassjo = factories.municipality("0682")
    walkers = Organisation.objects.create(
        name="Nattvandrarna i Nässjö", kind="partner", municipality=nassjo
    )
    Organisation.objects.create(
        name="Skolan (Mullsjö)",
        kind="partner",
        municipality=factories.municipality("0642"),
    )
    choices = partner_resolve(names=["nattvandrare", "skolan"], municipality=nassjo)
    assert [(c.name, c.organisation, c.new_name) for c in choices] == [
        ("nattvandrare", walkers, "Nattvandrare (Nässjö)"),
        ("skolan", None, "Skolan (Nässjö)"),  # Mullsjö's school is not Nässjö's
    ]
    assert choices[0].display_name == "Nattvandrarna i Nässjö"
