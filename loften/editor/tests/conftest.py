import pytest

from loften.promises.services import activities as activity_services


@pytest.fixture
def planned(parties):
    """The parties' promise with one activity that has a target."""
    parties.activity = activity_services.activity_create(
        promise=parties.promise,
        actor=None,
        text="Genomföra trygghetsvandringar i centrum.",
        responsible_municipality=True,
        target_comparator="at_least",
        target_value=4,
        target_unit="trygghetsvandringar",
        target_scope="per_period",
    )
    return parties
