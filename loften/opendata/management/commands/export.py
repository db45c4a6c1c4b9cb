from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from loften.opendata.export import FORMATS, export_to_directory


class Command(BaseCommand):
    help = (
        "Write the published data set (the same as on /data/) into a folder: "
        "csv (one file per table), json (one file) or xlsx (one workbook)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            required=True,
            choices=FORMATS,
            help="csv, json or xlsx.",
        )
        parser.add_argument(
            "--out",
            required=True,
            type=Path,
            help="The folder to write to; made if its parent exists.",
        )

    def handle(self, *args, **options):
        directory: Path = options["out"]
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} is a file, not a folder.")
        if not directory.exists():
            if not directory.parent.is_dir():
                raise CommandError(
                    f"Cannot make {directory}: the folder {directory.parent} "
                    "does not exist."
                )
            directory.mkdir()
        try:
            with translation.override("sv"):
                written = export_to_directory(
                    fmt=options["format"], directory=directory
                )
        except PermissionError as error:
            raise CommandError(
                f"Cannot write to {directory}: {error.strerror}."
            ) from None
        for path in written:
            self.stdout.write(f"{path} ({path.stat().st_size} bytes)")
