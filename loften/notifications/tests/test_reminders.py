"""`loften send_reminders`: each reminder once, whatever the number of runs."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from loften.followups.services import period_due_date_set
from loften.notifications.models import Kind, Notification, ReminderSent
from loften.testing import factories
from loften.testing.workflow import promise_with_parties

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    parties = promise_with_parties()
    factories.ActivityFactory(promise=parties.promise)
    return parties


def _run(day: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--date", day, stdout=out)
    return out.getvalue()


def _editors(parties) -> set[str]:
    return {parties.municipality_editor.email, parties.police_editor.email}


def test_running_twice_on_a_fixed_date_sends_each_reminder_once(
    parties, django_capture_on_commit_callbacks
):
    # 16 September 2026: T1 (due 31 May) is overdue and T2 (due 30 September)
    # is 14 days away.
    with django_capture_on_commit_callbacks(execute=True):
        first = _run("2026-09-16")
    assert "2 reminder(s)" in first
    assert len(mail.outbox) == 4
    assert {a for m in mail.outbox for a in m.to} == _editors(parties)
    bodies = "\n".join(m.body for m in mail.outbox)
    assert "försenad 108 dagar" in bodies
    assert "om 14 dagar" in bodies
    with django_capture_on_commit_callbacks(execute=True):
        second = _run("2026-09-16")
    assert "0 reminder(s)" in second
    assert len(mail.outbox) == 4
    assert ReminderSent.objects.count() == 2
    assert Notification.objects.filter(kind=Kind.DEADLINE).count() == 4


def test_the_next_reminders_come_three_days_before_and_weekly_when_overdue(
    parties, django_capture_on_commit_callbacks
):
    for day in ("2026-09-16", "2026-09-17", "2026-09-20"):
        _run(day)
    assert ReminderSent.objects.count() == 2  # nothing new within the week
    _run("2026-09-21")  # T1 overdue another week
    _run("2026-09-27")  # T2 three days away
    assert sorted(ReminderSent.objects.values_list("key", flat=True)) == [
        "before-14",
        "before-3",
        "overdue-15",
        "overdue-16",
    ]


def test_a_follow_up_sent_for_approval_is_not_reminded(parties):
    from loften.followups.services import followup_save
    from loften.publication import services as publication

    period = factories.tertial(2026, 1)
    activity = parties.promise.activities.get()
    followup_save(
        activity=activity,
        period=period,
        actor=parties.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Gjort.",
    )
    publication.period_report_submit(
        promise=parties.promise, period=period, actor=parties.municipality_editor
    )
    _run("2026-09-16")
    assert list(ReminderSent.objects.values_list("period_id", flat=True)) == [
        factories.tertial(2026, 2).pk
    ]


def test_a_due_date_of_the_promise_own_is_followed(parties):
    period_due_date_set(
        promise=parties.promise,
        period=factories.tertial(2026, 2),
        due_date=datetime.date(2026, 10, 10),
        actor=parties.municipality_editor,
    )
    _run("2026-09-16")  # T2 is now 24 days away: only T1's overdue reminder
    assert list(ReminderSent.objects.values_list("key", flat=True)) == ["overdue-15"]
    _run("2026-09-26")
    assert ReminderSent.objects.filter(key="before-14").exists()


def test_a_bad_date_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        _run("4 december")
