"""Sources, commitments and signatories: added, changed in place, reordered and
removed, with and without JavaScript."""

import pytest
from django.urls import reverse

from loften.core.models import AuditEntry
from loften.promises.models import Commitment, Signatory, SituationSource
from loften.promises.services import parts as part_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, parties):
    client.force_login(parties.municipality_editor)
    return client


def test_a_commitment_is_added_without_javascript(editor, parties):
    promise = parties.promise
    response = editor.post(
        reverse("editor:commitment_create", args=[promise.pk]),
        {"text": "Vi ska öka tryggheten."},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#commitments")
    assert promise.commitments.get().text == "Vi ska öka tryggheten."


def test_a_commitment_is_added_with_htmx_and_the_section_comes_back(editor, parties):
    promise = parties.promise
    response = editor.post(
        reverse("editor:commitment_create", args=[promise.pk]),
        {"text": "Vi ska öka tryggheten."},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="commitments"')
    assert "Vi ska öka tryggheten." in html


def test_an_empty_commitment_shows_the_error_summary(editor, parties):
    response = editor.post(
        reverse("editor:commitment_create", args=[parties.promise.pk]), {"text": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_text"' in html
    assert not Commitment.objects.exists()


def test_an_empty_commitment_with_htmx_opens_the_add_form_with_errors(editor, parties):
    response = editor.post(
        reverse("editor:commitment_create", args=[parties.promise.pk]),
        {"text": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert '<details class="add-form" open>' in html
    assert 'href="#id_text"' in html


def test_a_commitment_is_changed_in_place(editor, parties):
    commitment = part_services.commitment_create(
        promise=parties.promise, actor=None, text="Gammal text."
    )
    url = reverse("editor:commitment_edit", args=[parties.promise.pk, commitment.pk])
    form = editor.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert f'id="commitment-{commitment.pk}"' in form
    assert "<html" not in form
    response = editor.post(url, {"text": "Ny text."}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith(f'<div id="commitment-{commitment.pk}"')
    assert "Ny text." in html
    commitment.refresh_from_db()
    assert commitment.text == "Ny text."


def test_a_commitment_is_changed_on_its_own_page_without_javascript(editor, parties):
    commitment = part_services.commitment_create(
        promise=parties.promise, actor=None, text="Gammal text."
    )
    url = reverse("editor:commitment_edit", args=[parties.promise.pk, commitment.pk])
    assert "<html" in editor.get(url).content.decode()
    response = editor.post(url, {"text": "Ny text."})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#commitment-{commitment.pk}")


def test_commitments_are_reordered(editor, parties):
    _first, second = (
        part_services.commitment_create(promise=parties.promise, actor=None, text=t)
        for t in ("Ett", "Två")
    )
    url = reverse("editor:commitment_move", args=[parties.promise.pk, second.pk])
    response = editor.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.index("Två") < html.index("Ett")
    assert list(parties.promise.commitments.values_list("text", flat=True)) == [
        "Två",
        "Ett",
    ]


def test_moving_needs_a_post(editor, parties):
    commitment = part_services.commitment_create(
        promise=parties.promise, actor=None, text="Ett"
    )
    url = reverse("editor:commitment_move", args=[parties.promise.pk, commitment.pk])
    assert editor.get(url).status_code == 405


def test_removing_asks_first_without_javascript(editor, parties):
    source = part_services.situation_source_create(
        promise=parties.promise, actor=None, kind="survey", title="Enkät"
    )
    url = reverse("editor:source_delete", args=[parties.promise.pk, source.pk])
    confirm = editor.get(url)
    assert confirm.status_code == 200
    assert "Enkät" in confirm.content.decode()
    assert SituationSource.objects.exists()
    assert editor.post(url).status_code == 302
    assert not SituationSource.objects.exists()
    assert AuditEntry.objects.filter(action="situation_source.delete").exists()


def test_a_source_is_added_and_changed(editor, parties):
    promise = parties.promise
    editor.post(
        reverse("editor:source_create", args=[promise.pk]),
        {"kind": "survey", "title": "Trygghetsmätningen", "year": "2025"},
    )
    source = promise.situation_sources.get()
    editor.post(
        reverse("editor:source_edit", args=[promise.pk, source.pk]),
        {
            "kind": "survey",
            "title": "Polisens trygghetsmätning",
            "year": "2025",
            "url": "polisen.se/tryggheten",
            "note": "Fler känner sig otrygga.",
        },
    )
    source.refresh_from_db()
    assert source.title == "Polisens trygghetsmätning"
    assert source.url == "https://polisen.se/tryggheten"


def test_a_signatory_is_added_changed_and_removed(editor, parties):
    promise = parties.promise
    editor.post(
        reverse("editor:signatory_create", args=[promise.pk]),
        {"name": "Per Holm", "title": "Ordförande", "organisation": "Kommunen"},
    )
    signatory = promise.signatories.get()
    editor.post(
        reverse("editor:signatory_edit", args=[promise.pk, signatory.pk]),
        {
            "name": "Per Holm",
            "title": "Kommunstyrelsens ordförande",
            "organisation": "Kommunen",
        },
    )
    signatory.refresh_from_db()
    assert signatory.title == "Kommunstyrelsens ordförande"
    editor.post(reverse("editor:signatory_delete", args=[promise.pk, signatory.pk]))
    assert not Signatory.objects.exists()


def test_a_part_of_another_promise_is_not_found(editor, parties):
    from loften.testing import factories

    other = factories.PromiseFactory(
        municipalities=[parties.promise.municipalities.get()]
    )
    commitment = part_services.commitment_create(
        promise=other, actor=None, text="Annat löfte."
    )
    url = reverse("editor:commitment_edit", args=[parties.promise.pk, commitment.pk])
    assert editor.get(url).status_code == 404
