"""A published version is an official record: once written it is never changed."""

import pytest

from loften.publication.models import PromiseVersion, VersionImmutableError
from loften.testing.workflow import publish_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(parties):
    from loften.promises.services import activities as activity_services

    activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Trygghetsvandringar",
        responsible_municipality=True,
    )
    return publish_plan(parties)


def test_a_published_version_cannot_be_saved_again(version):
    version.note = "Ändrat i efterhand"
    with pytest.raises(VersionImmutableError):
        version.save()
    version.refresh_from_db()
    assert version.note != "Ändrat i efterhand"


def test_a_published_version_cannot_be_changed_in_bulk(version):
    with pytest.raises(VersionImmutableError):
        PromiseVersion.objects.filter(pk=version.pk).update(snapshot={})
    version.refresh_from_db()
    assert version.snapshot["activities"][0]["text"] == "Trygghetsvandringar"


def test_a_published_version_cannot_be_removed(version):
    with pytest.raises(VersionImmutableError):
        version.delete()
    with pytest.raises(VersionImmutableError):
        PromiseVersion.objects.filter(pk=version.pk).delete()
    assert PromiseVersion.objects.filter(pk=version.pk).exists()
