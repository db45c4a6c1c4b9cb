"""An organisation's logo: only a real PNG or JPEG of a sensible size is taken,
it is stored under a name of our own, and only when the change is committed."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from loften.organisations import logos
from loften.organisations.models import Organisation
from loften.organisations.services import organisation_update
from loften.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def image(fmt: str = "PNG", size=(200, 80), name: str = "") -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", size, (10, 40, 120)).save(output, fmt)
    extension = {"PNG": "png", "JPEG": "jpg", "GIF": "gif"}[fmt]
    return SimpleUploadedFile(name or f"kommunens logga.{extension}", output.getvalue())


@pytest.fixture
def organisation():
    return factories.municipality_organisation(factories.municipality("0682"))


def stored(tmp_path) -> list[str]:
    folder = tmp_path / "logos"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_png_logo_is_stored_under_a_name_of_our_own(
    organisation, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        updated = organisation_update(
            organisation=organisation, actor=None, logo=image()
        )
    assert updated.logo.name.startswith("logos/") and updated.logo.name.endswith(".png")
    assert "logga" not in updated.logo.name
    assert stored(tmp_path) == [updated.logo.name.removeprefix("logos/")]
    with updated.logo.open("rb") as file:
        assert Image.open(file).format == "PNG"


def test_a_jpeg_logo_is_taken(organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        updated = organisation_update(
            organisation=organisation, actor=None, logo=image("JPEG")
        )
    assert updated.logo.name.endswith(".jpg")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile(
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        SimpleUploadedFile("logo.png", b"<html>not an image</html>"),
        image("GIF", name="logo.png"),
        image(size=(5000, 40)),
        image(size=(8, 8)),
    ],
    ids=["svg", "text-named-png", "gif-named-png", "too-wide", "too-small"],
)
def test_what_is_not_a_png_or_jpeg_of_a_sensible_size_is_refused(
    organisation, tmp_path, upload, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError),
    ):
        organisation_update(organisation=organisation, actor=None, logo=upload)
    assert stored(tmp_path) == []
    organisation.refresh_from_db()
    assert not organisation.logo


def test_a_logo_over_a_megabyte_is_refused(organisation):
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * logos.MAX_BYTES)
    with pytest.raises(ValidationError):
        organisation_update(organisation=organisation, actor=None, logo=big)


def test_a_change_that_is_rolled_back_leaves_no_file(organisation, tmp_path):
    with transaction.atomic():
        organisation_update(organisation=organisation, actor=None, logo=image())
        transaction.set_rollback(True)
    assert stored(tmp_path) == []


def test_a_replaced_or_cleared_logo_is_deleted(
    organisation, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = organisation_update(organisation=organisation, actor=None, logo=image())
    with django_capture_on_commit_callbacks(execute=True):
        second = organisation_update(organisation=first, actor=None, logo=image("JPEG"))
    assert stored(tmp_path) == [second.logo.name.removeprefix("logos/")]
    with django_capture_on_commit_callbacks(execute=True):
        organisation_update(organisation=second, actor=None, logo=False)
    assert stored(tmp_path) == []
    assert not Organisation.objects.get(pk=organisation.pk).logo


def test_only_a_site_administrator_may_change_a_logo(organisation):
    editor = factories.member(organisation, "administrator")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        organisation_update(organisation=organisation, actor=editor, logo=image())


def test_an_administrator_uploads_a_logo_in_the_admin(
    client, organisation, tmp_path, django_capture_on_commit_callbacks
):
    from loften.core.tests.test_admin import change_url, form_data, form_errors

    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    url = change_url(organisation)
    data = form_data(client.get(url), logo=image())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("logos/")
    assert stored(tmp_path) == [organisation.logo.name.removeprefix("logos/")]
    # a file that is not an image is refused with the reason on the form
    data = form_data(
        client.get(url), logo=SimpleUploadedFile("x.png", b"GIF89a not a png")
    )
    response = client.post(url, data)
    assert response.status_code == 200 and form_errors(response)
