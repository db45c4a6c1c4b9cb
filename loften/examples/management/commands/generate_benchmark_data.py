import time

from django.core.management.base import BaseCommand, CommandError

from loften.examples.generated import (
    ACTIVITY_TEMPLATES,
    CADENCE_FOR_PERIODS,
    GenerationRefused,
    benchmark_data_generate,
)


class Command(BaseCommand):
    help = (
        "Fill an empty database with generated, published promises for every "
        "municipality and year, for benchmarks (never in production)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years", type=int, default=10, help="How many years, this one last."
        )
        parser.add_argument(
            "--activities",
            type=int,
            default=8,
            help=f"Activities per promise (1 to {len(ACTIVITY_TEMPLATES)}).",
        )
        parser.add_argument(
            "--periods",
            type=int,
            default=4,
            choices=sorted(CADENCE_FOR_PERIODS),
            help="Follow-up periods per year: 1 (the year), 3 (tertials), 4 "
            "(quarters); each year's summary comes on top.",
        )

    def handle(self, *args, **options):
        if not 1 <= options["years"] <= 50:
            raise CommandError("--years must be 1 to 50.")
        started = time.perf_counter()
        try:
            result = benchmark_data_generate(
                years=options["years"],
                activities=options["activities"],
                periods=options["periods"],
                progress=self.stdout.write,
            )
        except (GenerationRefused, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {result.promises} promises, {result.versions} versions, "
                f"{result.activities} activities and {result.followups} follow-ups "
                f"in {time.perf_counter() - started:.0f} s."
            )
        )
