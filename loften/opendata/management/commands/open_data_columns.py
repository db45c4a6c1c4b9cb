from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from loften.opendata.columns import columns_markdown, docs_with_columns


class Command(BaseCommand):
    help = (
        "Print the description of every open-data column as Markdown, or with "
        "--write update it in docs/open-data.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--write",
            action="store_true",
            help="Replace the generated section of docs/open-data.md.",
        )

    def handle(self, *args, **options):
        docs = Path(settings.BASE_DIR) / "docs" / "open-data.md"
        if not options["write"]:
            self.stdout.write(columns_markdown(), ending="")
            return
        try:
            document = docs.read_text(encoding="utf-8")
            docs.write_text(docs_with_columns(document), encoding="utf-8")
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot update {docs}: {error}") from None
        self.stdout.write(f"Updated {docs}")
