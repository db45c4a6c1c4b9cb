from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run the background worker that carries out queued tasks (imports, large "
        "reports). Options are those of django-tasks-db's db_worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Process the tasks that are queued now, then exit.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait between checks for new tasks (default 1).",
        )

    def handle(self, *args, **options):
        arguments = ["--queue-name", "*", "--interval", str(options["interval"])]
        if options["batch"]:
            arguments += ["--batch", "--no-startup-delay"]
        call_command("db_worker", *arguments)
