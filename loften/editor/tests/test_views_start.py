"""The start page, the quick log and the live text check."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from loften.followups.models import ActivityEvent
from loften.followups.services import activity_event_log, followup_save
from loften.promises.models import Promise
from loften.publication import services as publication
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_logging_in_leads_to_the_editors_start_page(client, parties):
    response = client.post(
        reverse("login"),
        {
            "username": parties.municipality_editor.username,
            "password": factories.PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("editor:start")


def test_the_start_page_shows_organisations_and_promises_by_status(client, planned):
    client.force_login(planned.municipality_editor)
    response = client.get(reverse("editor:start"))
    html = response.content.decode()
    assert response.status_code == 200
    assert planned.municipality.name in html
    assert planned.promise.title in html
    assert [group.status for group in response.context["overview"].groups] == ["draft"]


def test_the_start_page_lists_followups_due_now(client, planned, monkeypatch):
    client.force_login(planned.municipality_editor)
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda: datetime.date(2026, 6, 10)
    )
    overview = client.get(reverse("editor:start")).context["overview"]
    assert [(d.promise, d.key.number, d.missing) for d in overview.due] == [
        (planned.promise, 1, 1),
        (planned.promise, 2, 1),
    ]


def test_the_start_page_tells_an_approver_what_waits_for_them(client, planned):
    publication.promise_submit_for_review(
        promise=planned.promise, actor=planned.municipality_editor
    )
    client.force_login(planned.police_approver)
    response = client.get(reverse("editor:start"))
    (item,) = response.context["overview"].awaiting
    assert item.yours == [planned.police]
    assert reverse("editor:promise_approval", args=[planned.promise.pk]) in (
        response.content.decode()
    )


def test_the_start_page_lists_activities_behind_target(client, planned, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda: datetime.date(2026, 4, 20)
    )
    client.force_login(planned.municipality_editor)
    overview = client.get(reverse("editor:start")).context["overview"]
    assert [b.activity for b in overview.behind] == [planned.activity]


def test_a_user_without_organisations_is_told_so(client, db):
    client.force_login(factories.UserFactory())
    response = client.get(reverse("editor:start"))
    assert response.status_code == 200
    assert not response.context["overview"].can_create


def test_the_quick_log_logs_one_occurrence(client, planned):
    client.force_login(planned.municipality_editor)
    response = client.post(
        reverse("editor:quick_log"),
        {
            "activity": planned.activity.pk,
            "date": "2026-02-03",
            "quantity": "1",
            "hours": "2,5",
            "place": "Torget",
            "note": "Tio deltagare.",
        },
    )
    assert response.status_code == 302
    next_form = client.get(response["Location"]).context["form"]
    assert next_form["activity"].value() == planned.activity.pk
    event = ActivityEvent.objects.get()
    assert (event.activity, event.date, str(event.hours), event.author) == (
        planned.activity,
        datetime.date(2026, 2, 3),
        "2.5",
        planned.municipality_editor,
    )


def test_the_quick_log_offers_only_activities_the_user_may_log(client, planned):
    other = factories.PromiseFactory(
        municipalities=[factories.municipality("0180")], police_area=None
    )
    foreign = factories.ActivityFactory(promise=other)
    client.force_login(planned.municipality_editor)
    response = client.post(
        reverse("editor:quick_log"),
        {"activity": foreign.pk, "date": "2026-02-03", "quantity": "1"},
    )
    assert response.status_code == 200
    assert "activity" in response.context["form"].errors
    assert not ActivityEvent.objects.exists()


def test_the_quick_log_leaves_out_promises_that_have_not_begun(client, planned):
    today = timezone.localdate()
    Promise.objects.filter(pk=planned.promise.pk).update(
        start_date=today + datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=366),
    )
    client.force_login(planned.municipality_editor)
    response = client.get(reverse("editor:quick_log"))
    assert response.context["has_activities"] is False


def test_the_quick_log_message_shortens_a_long_activity_text(client, planned):
    planned.activity.text = "Trygghetsvandring " * 20
    planned.activity.save()
    client.force_login(planned.municipality_editor)
    response = client.post(
        reverse("editor:quick_log"),
        {"activity": planned.activity.pk, "date": "2026-02-03", "quantity": "1"},
        follow=True,
    )
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith("Loggat: Trygghetsvandring Trygghetsvandring")
    assert message.endswith("…, 3 februari 2026.")
    assert len(message) < 120


def test_the_quick_log_shows_service_errors_on_the_field(client, planned):
    client.force_login(planned.municipality_editor)
    response = client.post(
        reverse("editor:quick_log"),
        {"activity": planned.activity.pk, "date": "2025-02-03", "quantity": "1"},
    )
    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert 'href="#id_date"' in response.content.decode()


def test_a_viewer_has_nothing_to_log(client, planned):
    from loften.organisations.models import Membership

    viewer = factories.member(planned.police, Membership.Role.VIEWER)
    client.force_login(viewer)
    response = client.get(reverse("editor:quick_log"))
    assert response.context["has_activities"] is False


def test_the_text_check_reports_a_personnummer(client, planned):
    client.force_login(planned.municipality_editor)
    response = client.post(
        reverse("editor:text_check") + "?field=a1-text",
        {"a1-text": "Besök hos 880320-0016 i dag."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "880320-0016" in html
    assert "text-check--block" in html


def test_followups_written_and_logged_make_nothing_due(client, planned, monkeypatch):
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda: datetime.date(2026, 2, 10)
    )
    activity_event_log(
        activity=planned.activity, actor=None, date=datetime.date(2026, 2, 1)
    )
    followup_save(
        activity=planned.activity,
        period=factories.tertial(),
        actor=None,
        expected_version=None,
        text="Pågår.",
    )
    client.force_login(planned.municipality_editor)
    assert client.get(reverse("editor:start")).context["overview"].due == []
