"""`loften send_reminders [--date YYYY-MM-DD]`: the daily run (cron or a systemd
timer; `loften serve` runs it in development)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from loften.notifications.reminders import reminders_send
from loften.notifications.services import digests_send


class Command(BaseCommand):
    help = (
        "Remind editors of follow-ups due soon or overdue and send the daily "
        "digests. Safe to run more than once a day: nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="The day to run for (YYYY-MM-DD); today by default.",
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be a date, like 2026-12-04.") from None
        reminders = reminders_send(today=today)
        digests = digests_send(today=today)
        self.stdout.write(
            f"{reminders} reminder(s) and {digests} digest(s) sent for {today}."
        )
