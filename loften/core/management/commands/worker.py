import os
import sys
from argparse import BooleanOptionalAction

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from loften.core.worker import run_worker


class Command(BaseCommand):
    help = (
        "Run the background worker that carries out queued tasks: reports and "
        "e-mail on one thread, imported documents on IMPORT_WORKERS threads of "
        "their own. Tasks left by a worker that died are queued again once, "
        "then failed."
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
        parser.add_argument(
            "--imports",
            type=int,
            default=None,
            help="Documents read at the same time (default IMPORT_WORKERS).",
        )
        parser.add_argument(
            "--reload",
            action=BooleanOptionalAction,
            default=None,
            help="Restart when the code changes (the default with DEBUG on).",
        )

    def handle(self, *args, **options):
        threads = options["imports"] or settings.IMPORT_WORKERS
        reload = options["reload"]
        if reload is None:
            reload = settings.DEBUG and not options["batch"]

        def work() -> None:
            status = run_worker(
                interval=options["interval"],
                batch=options["batch"],
                import_threads=max(1, threads),
            )
            if status and reload:
                # Under the reloader this runs in a thread of its own: end the
                # process, so that whoever started it sees the worker stopped.
                os._exit(status)
            if status:
                sys.exit(status)

        if reload and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
                self.stdout.write("The worker restarts when the code changes.")
            run_with_reloader(work)
        else:
            work()
