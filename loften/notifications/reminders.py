"""The daily reminders of follow-ups due soon or overdue. Running twice on the
same day (or missing a day) never sends a reminder twice: each is recorded
(`ReminderSent`) under its key."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction

from loften.followups.selectors import Deadline, deadline_list
from loften.promises.models import Promise

from .models import Kind, ReminderSent
from .selectors import EDITORS, members_of_parties
from .services import notifications_create

OVERDUE_EVERY_DAYS = 7


def reminder_key(deadline: Deadline) -> str | None:
    """Which reminder is due today for `deadline`, if any: the nearest of
    REMINDER_DAYS_BEFORE that has been reached, or the week of being overdue."""
    if deadline.done:
        return None
    left = deadline.days_left
    if left < 0:
        return f"overdue-{(-left - 1) // OVERDUE_EVERY_DAYS}"
    reached = [days for days in settings.REMINDER_DAYS_BEFORE if left <= days]
    if not reached:
        return None
    return f"before-{min(reached)}"


def reminders_send(*, today: datetime.date) -> int:
    """Remind the editors of both parties of every follow-up due within the
    chosen days or overdue (weekly); the number of reminders sent."""
    promises = Promise.objects.exclude(status=Promise.Status.CONCLUDED).filter(
        start_date__lte=today
    )
    sent = 0
    for deadline in deadline_list(promises=promises, today=today):
        key = reminder_key(deadline)
        if key is None:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    promise=deadline.promise,
                    period=deadline.period,
                    key=key,
                    due_date=deadline.due_date,
                    sent_on=today,
                )
                notifications_create(
                    recipients=members_of_parties(
                        promise=deadline.promise, roles=EDITORS
                    ),
                    kind=Kind.DEADLINE,
                    promise=deadline.promise,
                    period=deadline.period,
                    detail=f"{deadline.due_date.isoformat()} {today.isoformat()}",
                )
        except IntegrityError:
            continue  # sent already, by an earlier run
        sent += 1
    return sent
