"""Every step of the cycle tells the right people, in the app and by e-mail."""

import pytest
from django.core import mail

from loften.notifications.models import Delivery, Kind, Notification
from loften.notifications.services import (
    digests_send,
    notification_preferences_set,
    notifications_mark_read,
)
from loften.publication import services as publication
from loften.testing import factories
from loften.testing.workflow import promise_with_parties

pytestmark = pytest.mark.django_db

DRAFT_TEXT = "Hemlig utkasttext om trafikkontroller vid skolan."


@pytest.fixture
def parties():
    parties = promise_with_parties()
    factories.ActivityFactory(promise=parties.promise, text=DRAFT_TEXT)
    return parties


def _to(outbox) -> set[str]:
    return {address for message in outbox for address in message.to}


def _submit(parties, capture):
    with capture(execute=True):
        publication.promise_submit_for_review(
            promise=parties.promise, actor=parties.municipality_editor
        )


def test_a_submission_tells_the_approvers_of_both_parties(
    parties, django_capture_on_commit_callbacks
):
    _submit(parties, django_capture_on_commit_callbacks)
    assert _to(mail.outbox) == {
        parties.municipality_approver.email,
        parties.police_approver.email,
    }
    message = mail.outbox[0]
    assert "Skickat för godkännande" in message.subject
    assert f"/redaktion/loften/{parties.promise.pk}/godkannande/" in message.body
    assert DRAFT_TEXT not in message.body
    assert Notification.objects.filter(kind=Kind.SUBMITTED).count() == 2


def test_an_approval_tells_the_other_party_and_the_editors(
    parties, django_capture_on_commit_callbacks
):
    _submit(parties, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publication.promise_approve(
            promise=parties.promise,
            actor=parties.municipality_approver,
            organisation=parties.municipality,
            comment="Bra jobbat.",
        )
    assert _to(mail.outbox) == {
        parties.police_approver.email,
        parties.municipality_editor.email,
        parties.police_editor.email,
    }
    assert parties.municipality.name in mail.outbox[0].body


def test_sending_back_makes_a_draft_and_tells_the_editors_why(
    parties, django_capture_on_commit_callbacks
):
    _submit(parties, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    revision = parties.promise.revision
    with django_capture_on_commit_callbacks(execute=True):
        publication.promise_send_back(
            promise=parties.promise,
            actor=parties.police_approver,
            organisation=parties.police,
            comment="Lägg till ett mätbart mål för aktiviteten.",
        )
    parties.promise.refresh_from_db()
    assert parties.promise.status == "draft"
    assert parties.promise.revision == revision + 1
    assert _to(mail.outbox) == {
        parties.municipality_editor.email,
        parties.police_editor.email,
    }
    assert "Lägg till ett mätbart mål" in mail.outbox[0].body
    assert DRAFT_TEXT not in mail.outbox[0].body


def test_sending_back_needs_a_comment(parties, django_capture_on_commit_callbacks):
    from django.core.exceptions import ValidationError

    _submit(parties, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        publication.promise_send_back(
            promise=parties.promise,
            actor=parties.police_approver,
            organisation=parties.police,
            comment="   ",
        )
    parties.promise.refresh_from_db()
    assert parties.promise.status == "in_review"


def test_an_editor_cannot_send_back(parties, django_capture_on_commit_callbacks):
    from django.core.exceptions import PermissionDenied

    _submit(parties, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        publication.promise_send_back(
            promise=parties.promise,
            actor=parties.police_editor,
            organisation=parties.police,
            comment="Nej.",
        )


def test_approvals_before_a_send_back_do_not_count_after_it(
    parties, django_capture_on_commit_callbacks
):
    from loften.publication.selectors import approvals_missing

    _submit(parties, django_capture_on_commit_callbacks)
    publication.promise_approve(
        promise=parties.promise,
        actor=parties.municipality_approver,
        organisation=parties.municipality,
    )
    publication.promise_send_back(
        promise=parties.promise,
        actor=parties.police_approver,
        organisation=parties.police,
        comment="Saknar datum.",
    )
    _submit(parties, django_capture_on_commit_callbacks)
    parties.promise.refresh_from_db()
    assert len(approvals_missing(promise=parties.promise)) == 2


def test_publishing_tells_everyone_on_the_promise(
    parties, django_capture_on_commit_callbacks
):
    viewer = factories.member(parties.municipality, "viewer")
    _submit(parties, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        publication.promise_approve(
            promise=parties.promise,
            actor=parties.municipality_approver,
            organisation=parties.municipality,
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publication.promise_approve_and_publish(
            promise=parties.promise,
            actor=parties.police_approver,
            organisation=parties.police,
        )
    published = [m for m in mail.outbox if m.subject.startswith("Publicerat")]
    assert _to(published) == {
        viewer.email,
        parties.municipality_editor.email,
        parties.police_editor.email,
        parties.municipality_approver.email,
    }


def test_a_comment_tells_both_parties_but_not_its_author(
    parties, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publication.comment_create(
            promise=parties.promise,
            actor=parties.police_editor,
            text="Kan vi flytta vandringen till maj?",
        )
    assert _to(mail.outbox) == {
        parties.municipality_editor.email,
        parties.municipality_approver.email,
        parties.police_approver.email,
    }
    assert "Kan vi flytta vandringen till maj?" in mail.outbox[0].body


def test_a_viewer_may_not_comment(parties):
    from django.core.exceptions import PermissionDenied

    viewer = factories.member(parties.police, "viewer")
    with pytest.raises(PermissionDenied):
        publication.comment_create(promise=parties.promise, actor=viewer, text="Hej")


def test_english_for_those_who_chose_it(parties, django_capture_on_commit_callbacks):
    notification_preferences_set(
        user=parties.police_approver,
        deliveries=dict.fromkeys(Kind.values, Delivery.IMMEDIATELY),
        language="en",
    )
    _submit(parties, django_capture_on_commit_callbacks)
    english = next(m for m in mail.outbox if parties.police_approver.email in m.to)
    swedish = next(
        m for m in mail.outbox if parties.municipality_approver.email in m.to
    )
    assert english.subject.startswith("Sent for approval")
    assert "sent the promise" in english.body
    assert swedish.subject.startswith("Skickat för godkännande")


def test_never_and_daily_send_no_mail_at_once_and_the_digest_comes_once(
    parties, django_capture_on_commit_callbacks
):
    import datetime

    notification_preferences_set(
        user=parties.police_approver,
        deliveries={Kind.SUBMITTED: Delivery.DAILY},
        language="sv",
    )
    notification_preferences_set(
        user=parties.municipality_approver,
        deliveries={Kind.SUBMITTED: Delivery.NEVER},
        language="sv",
    )
    _submit(parties, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Notification.objects.filter(kind=Kind.SUBMITTED).count() == 2
    today = datetime.date(2026, 12, 4)
    assert digests_send(today=today) == 1
    assert digests_send(today=today) == 0
    assert _to(mail.outbox) == {parties.police_approver.email}
    assert "sammanfattning" in mail.outbox[0].subject
    assert f"/redaktion/loften/{parties.promise.pk}/godkannande/" in mail.outbox[0].body


def test_unread_notifications_are_counted_and_marked_read(
    parties, django_capture_on_commit_callbacks
):
    from loften.notifications.selectors import notification_unread_count

    _submit(parties, django_capture_on_commit_callbacks)
    user = parties.police_approver
    assert notification_unread_count(user=user) == 1
    assert notifications_mark_read(user=user) == 1
    assert notification_unread_count(user=user) == 0
