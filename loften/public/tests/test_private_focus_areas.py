"""A focus area an editor types in for a draft is that draft's own: nothing public
lists it (the API, the bulk data, search), nor does any other organisation's
form, until a promise that uses it is published."""

import io
import zipfile

import pytest
from django.urls import reverse

from loften.editor.forms import ActivityForm
from loften.imports.selectors import active_focus_areas
from loften.opendata import export
from loften.promises.models import FocusArea
from loften.promises.services import promise as promise_services
from loften.testing import factories
from loften.testing.workflow import promise_with_parties, publish_plan

pytestmark = pytest.mark.django_db

SECRET = "Hemliga gränder"


def _type_in_a_focus_area(client, parties):
    client.force_login(parties.municipality_editor)
    response = client.post(
        reverse("editor:activity_create", args=[parties.promise.pk]),
        {
            "text": "Trygghetsvandringar i gränderna.",
            "new_focus_area": SECRET,
            "responsible_municipality": "on",
            "target_scope": "per_year",
        },
    )
    assert response.status_code == 302
    return FocusArea.objects.get(name=SECRET)


def _public_texts(client) -> str:
    api = client.get(reverse("api:focusarea-list")).content.decode()
    archive = zipfile.ZipFile(io.BytesIO(b"".join(export.csv_zip_stream())))
    rows = archive.read("focus_areas.csv").decode()
    data_json = b"".join(client.get(reverse("opendata:data-json"))).decode()
    search = client.get(reverse("search:search")).content.decode()
    return "\n".join([api, rows, data_json, search])


def _choices_of_another_organisation() -> list[str]:
    other = promise_with_parties(municipalities=[factories.municipality("0180")])
    form = ActivityForm(promise=other.promise)
    return [area.name for area in form.fields["focus_area"].queryset]


def test_a_focus_area_typed_in_a_draft_is_seen_only_in_that_draft(client, parties):
    area = _type_in_a_focus_area(client, parties)

    assert area.private_to == parties.promise
    client.logout()
    assert SECRET not in _public_texts(client)
    detail = client.get(reverse("api:focusarea-detail", args=[area.pk]))
    assert detail.status_code == 404
    assert SECRET not in _choices_of_another_organisation()
    assert SECRET not in [a.name for a in active_focus_areas()]
    own = ActivityForm(promise=parties.promise).fields["focus_area"].queryset
    assert area in own


def test_publishing_a_promise_that_uses_it_shares_the_focus_area(client, parties):
    area = _type_in_a_focus_area(client, parties)
    publish_plan(parties)

    area.refresh_from_db()
    assert area.private_to is None
    assert SECRET in _public_texts(client)
    assert SECRET in _choices_of_another_organisation()


def test_deleting_the_draft_deletes_its_unshared_focus_area(client, parties):
    area = _type_in_a_focus_area(client, parties)
    promise_services.promise_delete(promise=parties.promise, actor=None)
    assert not FocusArea.objects.filter(pk=area.pk).exists()
