"""Writes the editors' screens make across apps: what a typed focus area or
partner becomes."""

import pytest

from loften.editor.services import activity_new_parts_create
from loften.organisations.models import Organisation
from loften.organisations.selectors import partner_resolve

pytestmark = pytest.mark.django_db


def test_a_typed_partner_means_what_it_means_to_the_importer(parties):
    place = parties.promise.municipalities.get()
    walkers = Organisation.objects.create(
        name=f"Nattvandrarna i {place.name}", kind="partner", municipality=place
    )
    typed = ["nattvandrare", "Tullverket"]
    expected = partner_resolve(names=typed, municipality=place)

    _area, partners = activity_new_parts_create(
        actor=parties.municipality_editor,
        promise=parties.promise,
        focus_area_name="",
        partner_names=typed,
    )

    assert partners[0] == walkers == expected[0].organisation
    assert partners[1].name == expected[1].new_name == f"Tullverket ({place.name})"
    assert Organisation.objects.filter(kind="partner").count() == 2
