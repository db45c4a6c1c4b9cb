"""The screens of the cycle: deadlines on the start page, notifications and
their choices, sending back, the thread, the due date and the checks."""

import datetime

import pytest
from django.urls import reverse

from loften.followups.services import period_due_date_set
from loften.notifications.models import Delivery, Kind, NotificationPreference
from loften.publication import services as publication
from loften.publication.models import Comment
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_an_overdue_follow_up_is_marked_with_its_days_on_the_start_page(
    client, planned, monkeypatch
):
    period_due_date_set(
        promise=planned.promise,
        period=factories.tertial(2026, 2),
        due_date=datetime.date(2026, 9, 15),
        actor=planned.municipality_editor,
    )
    monkeypatch.setattr(
        "django.utils.timezone.localdate", lambda: datetime.date(2026, 12, 4)
    )
    client.force_login(planned.municipality_editor)
    response = client.get(reverse("editor:start"))
    html = response.content.decode()
    assert "försenad 80 dagar" in html
    deadlines = response.context["overview"].deadlines
    # Sorted by due date: T1 (31 May), T2 (15 September, the promise's own);
    # T3 is due 31 January, more than a month ahead.
    assert [d.period.number for d in deadlines] == [1, 2]
    assert [d.days_overdue for d in deadlines] == [187, 80]


def test_the_start_page_counts_unread_notifications(client, planned):
    publication.promise_submit_for_review(
        promise=planned.promise, actor=planned.municipality_editor
    )
    client.force_login(planned.police_approver)
    html = client.get(reverse("editor:start")).content.decode()
    assert "1 oläst" in html
    assert "skickade löftet" in html
    client.post(reverse("editor:notifications"))
    assert "0 olästa" in client.get(reverse("editor:start")).content.decode()


def test_the_choices_are_saved_per_kind(client, planned):
    client.force_login(planned.police_approver)
    page = client.get(reverse("editor:notification_preferences"))
    assert page.status_code == 200
    data = dict.fromkeys(Kind.values, Delivery.IMMEDIATELY)
    data |= {Kind.COMMENT: Delivery.DAILY, Kind.PUBLISHED: Delivery.NEVER}
    data["language"] = "en"
    response = client.post(reverse("editor:notification_preferences"), data)
    assert response.status_code == 302
    chosen = dict(
        NotificationPreference.objects.filter(user=planned.police_approver).values_list(
            "kind", "delivery"
        )
    )
    assert chosen[Kind.COMMENT] == Delivery.DAILY
    assert chosen[Kind.PUBLISHED] == Delivery.NEVER
    assert planned.police_approver.notification_settings.language == "en"


def test_sending_back_without_a_comment_is_refused_on_the_page(client, planned):
    publication.promise_submit_for_review(
        promise=planned.promise, actor=planned.municipality_editor
    )
    client.force_login(planned.police_approver)
    url = reverse("editor:promise_send_back", args=[planned.promise.pk])
    response = client.post(url, {"organisation": planned.police.pk, "comment": ""})
    assert response.status_code == 400
    assert "Skriv varför du skickar tillbaka" in response.content.decode()
    planned.promise.refresh_from_db()
    assert planned.promise.status == "in_review"


def test_an_editor_cannot_send_back(client, planned):
    publication.promise_submit_for_review(
        promise=planned.promise, actor=planned.municipality_editor
    )
    client.force_login(planned.municipality_editor)
    url = reverse("editor:promise_send_back", args=[planned.promise.pk])
    response = client.post(
        url, {"organisation": planned.municipality.pk, "comment": "x"}
    )
    assert response.status_code in (403, 404)


def test_a_period_is_sent_back_and_its_thread_shown(client, planned):
    from loften.followups.services import followup_save

    period = factories.tertial(2026, 1)
    followup_save(
        activity=planned.activity,
        period=period,
        actor=planned.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Fyra vandringar.",
        quantity=4,
    )
    publication.period_report_submit(
        promise=planned.promise, period=period, actor=planned.municipality_editor
    )
    client.force_login(planned.police_approver)
    url = reverse("editor:period_send_back", args=[planned.promise.pk, period])
    response = client.post(
        url, {"organisation": planned.police.pk, "comment": "Ange antal timmar."}
    )
    assert response.status_code == 302
    client.force_login(planned.municipality_editor)
    html = client.get(response["Location"]).content.decode()
    assert "Ange antal timmar." in html
    assert 'id="sent-back"' in html
    comment_url = reverse("editor:period_comment", args=[planned.promise.pk, period])
    client.post(comment_url, {"text": "Tillagt nu."})
    assert list(Comment.objects.filter(period=period).values_list("kind", "text")) == [
        ("send_back", "Ange antal timmar."),
        ("comment", "Tillagt nu."),
    ]
    history = client.get(reverse("editor:history", args=[planned.promise.pk]))
    text = history.content.decode()
    assert "Skickade tillbaka en uppföljning till redaktörerna" in text
    assert "Tillagt nu." in text


def test_an_editor_sets_the_due_date_of_a_period(client, planned):
    period = factories.tertial(2026, 2)
    client.force_login(planned.municipality_editor)
    url = reverse("editor:period_due_date", args=[planned.promise.pk, period])
    client.post(url, {"due_date": "2026-09-15"})
    page = client.get(
        reverse("editor:period_approval", args=[planned.promise.pk, period])
    )
    assert "Uppföljningen ska vara klar 15 september 2026." in page.content.decode()


def test_the_checks_warn_of_missing_signatures_and_statuses(client, planned):
    client.force_login(planned.municipality_editor)
    html = client.get(
        reverse("editor:promise_approval", args=[planned.promise.pk])
    ).content.decode()
    assert "Löftet har inga undertecknare." in html
    assert "Löftet saknar datum för undertecknande." in html
    period = factories.tertial(2026, 1)
    html = client.get(
        reverse("editor:period_approval", args=[planned.promise.pk, period])
    ).content.decode()
    assert "1 aktivitet saknar status för Tertial 1 2026." in html


def test_an_approval_comment_marked_public_is_on_the_public_version_page(
    client, planned
):
    publication.promise_submit_for_review(
        promise=planned.promise, actor=planned.municipality_editor
    )
    publication.promise_approve(
        promise=planned.promise,
        actor=planned.municipality_approver,
        organisation=planned.municipality,
        comment="Kommunstyrelsen står bakom löftet.",
        comment_public=True,
    )
    publication.promise_approve_and_publish(
        promise=planned.promise,
        actor=planned.police_approver,
        organisation=planned.police,
        comment="Intern anteckning.",
    )
    html = client.get(f"/lofte/{planned.promise.slug}/").content.decode()
    assert "Kommunstyrelsen står bakom löftet." in html
    assert "Intern anteckning." not in html
    changes = client.get(f"/lofte/{planned.promise.slug}/version/1/andringar/")
    assert changes.status_code == 200
    assert "Kommunstyrelsen står bakom löftet." in changes.content.decode()
    assert "Intern anteckning." not in changes.content.decode()
