"""Starting, renewing and editing a promise; the plan page."""

import pytest
from django.urls import reverse

from loften.core.models import AuditEntry
from loften.promises.models import Promise
from loften.promises.selectors import promise_fingerprint
from loften.promises.services import parts as part_services
from loften.promises.services import promise as promise_services
from loften.promises.services import renewal as renewal_services
from loften.testing import factories
from loften.testing.editor import published_promise
from loften.testing.workflow import publish_plan

pytestmark = pytest.mark.django_db


def test_an_editor_starts_a_promise_for_their_municipality(client, parties):
    place = parties.promise.municipalities.get()
    parties.promise.police_area.municipalities.add(place)
    client.force_login(parties.municipality_editor)
    form = client.get(reverse("editor:promise_create")).context["form"]
    assert list(form.fields["municipalities"].queryset) == [place]
    assert list(form.fields["police_area"].queryset) == [parties.promise.police_area]
    response = client.post(
        reverse("editor:promise_create"),
        {
            "title": "Medborgarlöfte Nässjö 2027",
            "municipalities": [parties.promise.municipalities.get().pk],
            "police_area": parties.promise.police_area.pk,
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
            "cadence": "tertial",
        },
    )
    promise = Promise.objects.get(title="Medborgarlöfte Nässjö 2027")
    assert response.status_code == 302
    assert response["Location"] == reverse("editor:promise_detail", args=[promise.pk])
    assert promise.created_by == parties.municipality_editor
    assert promise.status == Promise.Status.DRAFT


def test_starting_a_promise_shows_an_error_summary_linking_to_fields(client, parties):
    client.force_login(parties.municipality_editor)
    response = client.post(
        reverse("editor:promise_create"),
        {"title": "", "start_date": "2027-12-31", "end_date": "2027-01-01"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_title"' in html
    assert 'href="#id_end_date"' in html
    assert not Promise.objects.filter(start_date__year=2027).exists()


def test_a_viewer_may_not_start_a_promise(client, parties):
    from loften.organisations.models import Membership

    client.force_login(factories.member(parties.police, Membership.Role.VIEWER))
    assert client.get(reverse("editor:promise_create")).status_code == 403


def test_the_plan_page_shows_every_part_with_its_checks(client, planned):
    promise = planned.promise
    promise_services.promise_update(
        promise=promise,
        actor=None,
        situation_summary="Ring 070-123 45 67 om du ser något.",
    )
    part_services.commitment_create(promise=promise, actor=None, text="Vi lovar.")
    client.force_login(planned.municipality_editor)
    response = client.get(reverse("editor:promise_detail", args=[promise.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert planned.activity.text in html
    assert "Vi lovar." in html
    assert "070-123 45 67" in html
    assert "text-check--warn" in html
    assert "LIX" in html
    assert reverse("editor:activity_edit", args=[promise.pk, planned.activity.pk]) in (
        html
    )


def test_a_viewer_sees_the_plan_without_edit_controls(client, planned):
    from loften.organisations.models import Membership

    client.force_login(factories.member(planned.police, Membership.Role.VIEWER))
    html = client.get(
        reverse("editor:promise_detail", args=[planned.promise.pk])
    ).content.decode()
    assert planned.activity.text in html
    assert reverse("editor:activity_create", args=[planned.promise.pk]) not in html


def _details(promise, **changes):
    data = {
        "title": promise.title,
        "start_date": promise.start_date.isoformat(),
        "end_date": promise.end_date.isoformat(),
        "cadence": promise.cadence,
        "followup_plan": promise.followup_plan,
        "signing_date": "",
        "fingerprint": promise_fingerprint(
            promise=promise,
            fields=[
                "title",
                "start_date",
                "end_date",
                "cadence",
                "followup_plan",
                "signing_date",
            ],
        ),
    }
    data.update(changes)
    return data


def test_editing_the_details_saves_and_audits(client, parties):
    promise = parties.promise
    client.force_login(parties.municipality_editor)
    response = client.post(
        reverse("editor:promise_edit", args=[promise.pk]),
        _details(promise, signing_date="2025-12-10", followup_plan="Varje tertial."),
    )
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.followup_plan == "Varje tertial."
    assert str(promise.signing_date) == "2025-12-10"
    assert AuditEntry.objects.filter(action="promise.update").exists()


def test_a_stale_details_form_shows_both_versions_and_keeps_the_input(client, parties):
    promise = parties.promise
    stale = _details(promise, followup_plan="Kommunens plan.")
    promise_services.promise_update(
        promise=promise, actor=parties.police_editor, followup_plan="Polisens plan."
    )
    client.force_login(parties.municipality_editor)
    response = client.post(reverse("editor:promise_edit", args=[promise.pk]), stale)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Polisens plan." in html
    assert "Kommunens plan." in html
    assert response.context["conflict"][0]["theirs"] == "Polisens plan."
    promise.refresh_from_db()
    assert promise.followup_plan == "Polisens plan."
    # Saving again, after merging, goes through.
    form = response.context["form"]
    again = dict(stale, fingerprint=form["fingerprint"].value())
    again["followup_plan"] = "Polisens och kommunens plan."
    assert (
        client.post(
            reverse("editor:promise_edit", args=[promise.pk]), again
        ).status_code
        == 302
    )
    promise.refresh_from_db()
    assert promise.followup_plan == "Polisens och kommunens plan."


def test_the_situation_is_edited_in_place_with_htmx(client, parties):
    promise = parties.promise
    url = reverse("editor:situation_edit", args=[promise.pk])
    client.force_login(parties.municipality_editor)
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200
    assert "<html" not in form.content.decode()
    response = client.post(
        url,
        {
            "situation_summary": "Otrygghet i centrum kvällstid.",
            "fingerprint": form.context["form"]["fingerprint"].value(),
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="situation"' in html
    assert "Otrygghet i centrum kvällstid." in html
    assert 'hx-swap-oob="true"' in html


def test_the_situation_form_works_without_javascript(client, parties):
    promise = parties.promise
    url = reverse("editor:situation_edit", args=[promise.pk])
    client.force_login(parties.municipality_editor)
    fingerprint = client.get(url).context["form"]["fingerprint"].value()
    response = client.post(
        url, {"situation_summary": "Text.", "fingerprint": fingerprint}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#situation")


def test_a_draft_is_deleted_after_confirmation(client, parties):
    promise = parties.promise
    url = reverse("editor:promise_delete", args=[promise.pk])
    client.force_login(parties.municipality_editor)
    assert client.get(url).status_code == 200
    assert Promise.objects.filter(pk=promise.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Promise.objects.filter(pk=promise.pk).exists()


def test_a_published_promise_cannot_be_deleted(client, planned):
    publish_plan(planned)
    client.force_login(planned.municipality_editor)
    response = client.post(reverse("editor:promise_delete", args=[planned.promise.pk]))
    assert response.status_code == 200
    assert response.context["error"]
    assert Promise.objects.filter(pk=planned.promise.pk).exists()


def test_renewing_creates_a_linked_draft_with_the_plan(client, db):
    old = published_promise(2025)
    url = reverse("editor:promise_renew", args=[old.promise.pk])
    client.force_login(old.municipality_editor)
    form = client.get(url).context["form"]
    assert form.initial["title"] == "Medborgarlöfte Testköping 2026"
    response = client.post(
        url,
        {
            "title": "Medborgarlöfte Testköping 2026",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
        },
    )
    renewed = Promise.objects.get(previous=old.promise)
    assert response["Location"] == reverse("editor:promise_detail", args=[renewed.pk])
    assert renewed.activities.count() == 2


def test_renewing_twice_is_refused_with_a_message(client, db):
    old = published_promise(2025)
    renewal_services.promise_renew(promise=old.promise, actor=None)
    client.force_login(old.municipality_editor)
    response = client.post(
        reverse("editor:promise_renew", args=[old.promise.pk]),
        {"title": "Igen", "start_date": "2026-01-01", "end_date": "2026-12-31"},
    )
    assert response.status_code == 200
    assert Promise.objects.filter(previous=old.promise).count() == 1
