from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from loften.examples.loader import example_data_load


class Command(BaseCommand):
    help = (
        "Load the example municipalities' police areas, organisations, users and "
        "promises (safe to run again; nothing is duplicated)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help=(
                "Load even in production mode "
                "(the example users have a known password)."
            ),
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "Refusing to load example users with a known password in production "
                "mode; pass --allow-production if you really mean it."
            )
        result = example_data_load()
        if result.created_anything:
            for title in result.created_promises:
                self.stdout.write(f"Created promise: {title}")
            for membership in result.restored_memberships:
                self.stdout.write(f"Restored membership: {membership}")
            self.stdout.write(
                self.style.SUCCESS(
                    f"Example data loaded ({len(result.created_promises)} promises, "
                    f"{len(result.created_users)} users)."
                )
            )
        else:
            self.stdout.write("Example data already loaded; nothing to do.")
