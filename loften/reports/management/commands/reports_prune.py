import datetime

from django.core.management.base import BaseCommand, CommandError

from loften.reports.services import DRAFT_KEPT_FOR, report_prune


class Command(BaseCommand):
    help = (
        "Delete draft follow-up reports older than --days (default "
        f"{DRAFT_KEPT_FOR.days}) and published reports of versions that a newer "
        "publication has replaced, with their files. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DRAFT_KEPT_FOR.days,
            help=f"Keep drafts this many days (default {DRAFT_KEPT_FOR.days}).",
        )

    def handle(self, *args, **options):
        if options["days"] < 0:
            raise CommandError("--days cannot be negative.")
        counts = report_prune(kept_for=datetime.timedelta(days=options["days"]))
        self.stdout.write(
            f"Deleted {counts['drafts']} draft reports older than "
            f"{options['days']} days and {counts['replaced']} reports of "
            "replaced versions."
        )
